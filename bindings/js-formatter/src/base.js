// Shared pieces of the engine: codec errors, UTF-8, hex, 64-bit integers without BigInt, IEEE-754 floats by bit
// arithmetic, and paths. ES5.1 syntax and built-ins only (see README.md, "The engine").
//
// Error kinds are the core's numbers (core/src/error.rs): 1 UNEXPECTED_END, 2 LENGTH_EXCEEDS_PARENT,
// 3 INVALID_NESTING, 4 DUPLICATE_ID, 5 PATH_MISMATCH, 6 INVALID_VALUE_LENGTH, 7 INVALID_BOOLEAN, 8 INVALID_UTF8,
// 9 EXECUTABLE_VALUE, 10 INVALID_PATH, 11 MISSING_PATH, 12 TYPE_MISMATCH, 13 BUFFER_TOO_SMALL, 15 INVALID_HEX,
// 16 INVALID_RECORD, 17 UNKNOWN_FORMAT, 18 INVALID_CBOR, 20 TRAILING_DATA, 21 INDEFINITE_LENGTH,
// 22 UNSUPPORTED_VERSION, 23 UNKNOWN_MANDATORY_LABEL, 24 MISSING_VALUE, 25 MULTIPLE_VALUES, 26 INVALID_NAME,
// 29 UNKNOWN_PORT. Their names and messages come from the tables (T.e, T.m: joined by "|", in code order).
// Data types are the core's numbers too: 1 string, 2 integer, 3 unsigned, 4 float, 5 boolean, 6 opaque, 7 time,
// 8 objlnk, 9 corelnk, 10 none (names in T.t).

var MAX_SAFE = 9007199254740991, P32 = Math.pow(2, 32);

// Throws a codec error: {k kind, o byte offset (or record index), s an optional suffix for the message}.
function fail(kind, at, suffix) {
  throw { k: kind, o: at, s: suffix };
}

// The error line of the WASM package: "KIND at offset N: message (suffix)", or "TypeError: ...".
function line(e) {
  if (e.k) {
    return T.e.split('|')[e.k - 1] + ' at offset ' + e.o + ': ' + T.m.split('|')[e.k - 1] + (e.s ? ' ' + e.s : '');
  }
  if (e instanceof Error) return e.name + ': ' + e.message;
  return String(e);
}

function has(o, k) {
  return Object.prototype.hasOwnProperty.call(o, k);
}

var isArray = Array.isArray;

// ---- UTF-8 ----

// The text of bytes[at..end), or INVALID_UTF8 at the first byte of the first invalid sequence (as Rust's
// `valid_up_to`: a bad lead byte, a missing continuation, an overlong form, a surrogate, a value above U+10FFFF).
// The bytes as the characters of a binary text: UTF8 matches its longest run of valid sequences, and
// decodeURIComponent(escape(...)) decodes them.
var UTF8 = /^(?:[\x00-\x7f]|[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2})*/;

function utf8(b, at, end) {
  var s = String.fromCharCode.apply(null, b.slice(at, end)), n = UTF8.exec(s)[0].length;
  if (n < s.length) fail(8, at + n);
  return decodeURIComponent(escape(s));
}

// UTF-8 bytes of a JS string, a lone surrogate as U+FFFD (as the WASM package reads a JS string): each UTF-8 byte
// is a character of `unescape(encodeURIComponent(s))` (which takes no lone surrogate).
function toUtf8(s) {
  var out = [], i;
  s = unescape(encodeURIComponent(s.replace(/[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]/g, function (m) {
    return m.length > 1 ? m : '\ufffd';
  })));
  for (i = 0; i < s.length; i++) out.push(s.charCodeAt(i));
  return out;
}

// ---- hex ----

// Bytes of a hex text, or INVALID_HEX at the first bad digit (the length for an odd count).
function unhex(v) {
  var out = [], i, bad = /[^0-9a-fA-F]/.exec(v);
  if (bad) fail(15, bad.index);
  if (v.length % 2) fail(15, v.length);
  for (i = 0; i < v.length; i += 2) out.push(parseInt(v.substr(i, 2), 16));
  return out;
}

// ---- integers beyond 2^53 ----
// An integer value is a JS number when |x| <= 2^53 - 1, else its decimal text ("-9223372036854775808"). Arithmetic
// on the large ones goes through pairs [h, l] of exact doubles, x = h * 2^32 + l with 0 <= l < 2^32 (|x| below
// about 2^70: every value the formats carry, sums of two of them, and decimal texts of 20 digits). A comparison
// with a bound within 2^53 needs none of this: JS compares a decimal text as its number, whose sign and magnitude
// against such a bound are right.

// [h, l] of h * 2^32 + l, with l brought into 0 <= l < 2^32.
function norm(h, l) {
  var c = Math.floor(l / P32);
  return [h + c, l - c * P32];
}

// [h, l] of an integer value (also an integral number beyond 2^53, or a decimal text with leading zeros).
function pair(x) {
  var p = [0, 0], neg, i;
  if (typeof x === 'number') return norm(0, x);
  neg = x.charAt(0) === '-';
  for (i = +neg; i < x.length; i++) p = norm(p[0] * 10, p[1] * 10 + x.charCodeAt(i) - 48);
  return neg ? norm(-p[0], -p[1]) : p;
}

// The integer value h * 2^32 + l (l need not be in 0..2^32): a number when safe (the sum is exact then, and
// beyond 2^53 whenever the value is), else the decimal text of the magnitude as q * 10^6 + r.
function toInt(h, l) {
  var x = h * P32 + l, neg = x < 0, p, q, m;
  if (Math.abs(x) <= MAX_SAFE) return x;
  p = norm(neg ? -h : h, neg ? -l : l);
  q = Math.floor(p[0] / 1e6);
  m = P32 * (p[0] - q * 1e6) + p[1];
  return (neg ? '-' : '') + (q * P32 + Math.floor(m / 1e6)) + ('' + (1e6 + m % 1e6)).slice(1);
}

// a + b of two integer values, exact.
function addInt(a, b) {
  a = pair(a);
  b = pair(b);
  return toInt(a[0] + b[0], a[1] + b[1]);
}

// Integer value x is within i64, or within u64 when `unsigned`: its h within 32 bits.
function in64(x, unsigned) {
  x = pair(x)[0] + (unsigned ? 0 : 2147483648);
  return x >= 0 && x < P32;
}

// The integer value of n big-endian bytes at `at`, two's complement when `signed`: exact in a double up to 6 bytes
// (the bytes as a number, less 2^(8n) for a negative two's complement); 8 bytes as the pair of their top 4 (signed)
// and low 4.
function readInt(b, at, n, signed) {
  var x = 0, i;
  if (n > 6) return toInt(readInt(b, at, 4, signed), readInt(b, at + 4, 4));
  for (i = 0; i < n; i++) x = x * 256 + b[at + i];
  return signed && b[at] > 127 ? x - Math.pow(256, n) : x;
}

// n big-endian bytes (two's complement) of an integer value that fits them, appended to `out`: bytes 0-3 from the
// top are those of l, 4-7 those of h (>>> takes a negative h modulo 2^32).
function writeInt(x, n, out) {
  var p = pair(x);
  while (n--) out.push((n & 4 ? p[0] : p[1]) >>> 8 * (n & 3) & 255);
  return out;
}

// ---- IEEE-754 ----

function pow2(e) {
  return e < -1000 ? Math.pow(2, e + 100) / Math.pow(2, 100) : Math.pow(2, e);
}

// [mantissa bits p, largest exponent] of binary16, 32, 64 (by their 2, 4, 8 bytes).
var FLOAT = { 2: [10, 15], 4: [23, 127], 8: [52, 1023] };

// The double of a binary16/32/64 bit pattern given as its n bytes, big-endian, at `at`. The mantissa is the low p
// bits: p >> 3 whole bytes, and the low p % 8 bits of the top one or two bytes, whose other bits are the exponent
// and the sign.
function readFloat(b, at, n) {
  var w = FLOAT[n], p = w[0], emax = w[1], m = 0, s = 1, i = n - 1, r = pow2(p % 8), top, e, x;
  for (; i > n - 1 - (p >> 3); i--) {
    m += b[at + i] * s;
    s *= 256;
  }
  top = i ? b[at] * 256 + b[at + 1] : b[at];
  m += (top % r) * s;
  e = Math.floor(top / r) % (2 * emax + 2);
  x = e > 2 * emax ? (m ? NaN : Infinity) : e ? pow2(e - emax - p) * (m + pow2(p)) : m * pow2(1 - emax - p);
  return b[at] > 127 ? -x : x;
}

// The n bytes (big-endian) of x as binary16/32/64 when x is exact there, else undefined. From the exponent e of x
// (the largest with 2^e <= |x|, searched up from below the logarithm's estimate, at least 1 - emax: subnormals and
// zero; emax + 1 for NaN and the infinities) and the mantissa with its leading bit, m = |x| * 2^(p - e) (2^p for an
// infinity, 1.5 * 2^p for NaN), which must be an integer: the biased exponent is e + emax when that bit is there (0
// for a subnormal), the stored mantissa m % 2^p.
function floatBytes(x, n) {
  var w = FLOAT[n], p = w[0], emax = w[1], a = Math.abs(x), e = Math.max(Math.floor(Math.log(a) / Math.LN2) - 1, 1 - emax), m, i, v, out = [];
  if (a === Infinity || a !== a) {
    e = emax + 1;
    m = a === a ? pow2(p) : pow2(p) * 1.5;
  } else {
    while (pow2(e + 1) <= a) e++;
    m = p - e > 1000 ? a * pow2(1000) * pow2(p - e - 1000) : a * pow2(p - e);
    if (e > emax || m % 1) return undefined;
  }
  // The mantissa's bytes from the last; above its p >> 3 whole bytes, the sign and the biased exponent join it.
  for (i = n - 1, v = m % pow2(p); i >= 0; i--) {
    if (i === n - 1 - (p >> 3)) v += pow2(p % 8) * ((x < 0 || 1 / x < 0 ? 2 * emax + 2 : 0) + (m < pow2(p) ? 0 : e + emax));
    out[i] = v % 256;
    v = (v - out[i]) / 256;
  }
  return out;
}

// ---- paths ----
// A path is an array of 1 to 4 ids; its text "/3/0/1" ('/' + ids.join('/')).

// A path from its text (the core's Path::from_str), or INVALID_PATH at the index of the fault. "/" is the root
// (no ids). Id 65535 is reserved (INVALID_PATH at its first digit) unless `reserved` allows it (record inputs,
// whose encoders answer INVALID_PATH at the record).
function parsePath(s, reserved) {
  if (s.charAt(0) !== '/') fail(10, 0);
  var ids = [], pos = 1, start, v, c;
  while (pos < s.length) {
    start = pos;
    v = 0;
    while (pos < s.length && (c = s.charCodeAt(pos)) !== 47) {
      if (c < 48 || c > 57) fail(10, pos);
      v = v * 10 + c - 48;
      if (v > 65535) fail(10, start);
      pos++;
    }
    if (pos === start || (!reserved && v === 65535) || ids.length === 4) fail(10, start);
    ids.push(v);
    pos++;
  }
  return ids;
}

// The checks every encoder makes of record r (index i) before writing: INVALID_PATH for a reserved id or a path
// above a resource (test-only: `data` gives none; SenML, none > 1, takes one without a value); PATH_MISMATCH
// outside the request path q; EXECUTABLE_VALUE and TYPE_MISMATCH against the model's type (a record without a
// value, type none, passes where `none` allows it).
function checkRecord(r, i, q, none) {
  // test-only {
  if (r.p.length < 3 && !(none > 1 && r.t === 10)) fail(10, i);
  // } test-only
  if (r.p.indexOf(65535) >= 0) fail(10, i);
  if (q && !contains(q, r.p)) fail(5, i);
  var t = modelType(r.p);
  if (r.t === 10 && none) return;
  if (t === 10) fail(9, i);
  if ((t && t !== r.t) || r.t === 10) fail(12, i);
}

// `outer` is `inner` or one of its ancestors.
function contains(outer, inner) {
  for (var i = 0; i < outer.length; i++) if (outer[i] !== inner[i]) return false;
  return true;
}

// Records `list` (indices into rs) grouped by their id at `depth` in order of first appearance, those whose path
// ends above that depth left out: a list of index lists.
function groups(rs, list, depth) {
  var out = [], at = {}, i, id;
  for (i = 0; i < list.length; i++) {
    id = rs[list[i]].p[depth];
    if (id !== undefined) {
      if (!at[id]) out.push((at[id] = []));
      at[id].push(list[i]);
    }
  }
  return out;
}
