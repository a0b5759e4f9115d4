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

var MAX_SAFE = 9007199254740991;

// A codec error: kind, byte offset (or record index), and an optional suffix for the message.
function Fail(kind, at, suffix) {
  this.k = kind;
  this.o = at;
  this.s = suffix;
}

function fail(kind, at) {
  throw new Fail(kind, at);
}

// The error line of the WASM package: "KIND at offset N: message (suffix)", or "TypeError: ...".
function line(e) {
  if (e instanceof Fail) {
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
function utf8(b, at, end) {
  var s = '', i = at, c, n, x, k;
  while (i < end) {
    c = b[i];
    n = c < 0x80 ? 0 : c < 0xc2 ? -1 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : c < 0xf5 ? 3 : -1;
    if (n < 0) fail(8, i);
    x = n ? c & (63 >> n) : c;
    for (k = 1; k <= n; k++) {
      if (i + k >= end || (b[i + k] & 0xc0) !== 0x80) fail(8, i);
      x = x * 64 + (b[i + k] & 63);
    }
    if ((n === 2 && (x < 0x800 || (x >= 0xd800 && x < 0xe000))) || (n === 3 && (x < 0x10000 || x > 0x10ffff))) fail(8, i);
    if (x >= 0x10000) {
      x -= 0x10000;
      s += String.fromCharCode(0xd800 + (x >> 10), 0xdc00 + (x & 1023));
    } else s += String.fromCharCode(x);
    i += n + 1;
  }
  return s;
}

// UTF-8 bytes of a JS string, appended to `out`.
function toUtf8(s, out) {
  var i, c, d, n;
  for (i = 0; i < s.length; i++) {
    c = s.charCodeAt(i);
    d = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c < 0xdc00 && d >= 0xdc00 && d < 0xe000) {
      c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
      i++;
    }
    // The lead byte (n continuation bytes follow it), then the continuation bytes from the top.
    n = c < 0x80 ? 0 : c < 0x800 ? 1 : c < 0x10000 ? 2 : 3;
    out.push(n ? (256 - (128 >> n)) | (c >> (6 * n)) : c);
    while (n--) out.push(0x80 | ((c >> (6 * n)) & 63));
  }
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
// on the large ones goes through magnitudes as little-endian arrays of 16-bit limbs.

// [sign, limbs] of an integer value (number, also beyond 2^53 when integral, or decimal text).
function big(x) {
  var neg = typeof x === 'number' ? x < 0 : x.charAt(0) === '-', m = [], i, k, c;
  if (typeof x === 'number') {
    for (x = Math.abs(x); x > 0; x = (x - c) / 65536) m.push((c = x % 65536));
    return [neg ? -1 : 1, m];
  }
  for (i = neg ? 1 : 0; i < x.length; i++) {
    c = x.charCodeAt(i) - 48;
    for (k = 0; k < m.length; k++) {
      c += m[k] * 10;
      m[k] = c % 65536;
      c = Math.floor(c / 65536);
    }
    if (c) m.push(c);
  }
  return [neg ? -1 : 1, m];
}

function trim(m) {
  while (m.length && !m[m.length - 1]) m.pop();
  return m;
}

// The integer value of a sign and a magnitude.
function fromBig(sign, m) {
  trim(m);
  if (m.length <= 3 || (m.length === 4 && m[3] < 32)) {
    var x = 0;
    for (var i = m.length - 1; i >= 0; i--) x = x * 65536 + m[i];
    if (x <= MAX_SAFE) return sign < 0 && x ? -x : x;
  }
  var digits = '', w = m.slice(), r, k, part;
  while (w.length) {
    r = 0;
    for (k = w.length - 1; k >= 0; k--) {
      var cur = r * 65536 + w[k];
      w[k] = Math.floor(cur / 10000);
      r = cur % 10000;
    }
    trim(w);
    part = '' + r;
    digits = (w.length ? '0000'.slice(part.length) : '') + part + digits;
  }
  return (sign < 0 ? '-' : '') + digits;
}

// a + b of two integer values, exact.
function addInt(a, b) {
  if (typeof a === 'number' && typeof b === 'number' && Math.abs(a + b) <= MAX_SAFE) return a + b;
  var x = big(a), y = big(b), out = [], i, c = 0, n = Math.max(x[1].length, y[1].length);
  if (x[0] === y[0]) {
    for (i = 0; i < n || c; i++) {
      c += (x[1][i] || 0) + (y[1][i] || 0);
      out.push(c % 65536);
      c = c >= 65536 ? 1 : 0;
    }
    return fromBig(x[0], out);
  }
  // The larger magnitude first: the one with more limbs, else the first differing limb from the top.
  trim(x[1]);
  trim(y[1]);
  for (i = x[1].length - 1, c = i - y[1].length + 1; !c && i >= 0; i--) c = x[1][i] - y[1][i];
  if (c < 0) {
    var t = x;
    x = y;
    y = t;
  }
  for (i = c = 0; i < n; i++) {
    c = (x[1][i] || 0) - (y[1][i] || 0) - c;
    out.push(c < 0 ? c + 65536 : c);
    c = c < 0 ? 1 : 0;
  }
  return fromBig(x[0], out);
}

// -1, 0, 1: integer value a against b (the sign of a - b).
function cmpInt(a, b) {
  var d = addInt(a, typeof b === 'number' ? -b : b.charAt(0) === '-' ? b.slice(1) : '-' + b);
  return typeof d === 'number' ? (d > 0) - (d < 0) : d.charAt(0) === '-' ? -1 : 1;
}

var I64_MIN = '-9223372036854775808', I64_MAX = '9223372036854775807', U64_MAX = '18446744073709551615';

// Integer value x is within i64, or within u64 when `unsigned`.
function in64(x, unsigned) {
  return unsigned ? cmpInt(x, 0) >= 0 && (typeof x === 'number' || cmpInt(x, U64_MAX) <= 0)
    : typeof x === 'number' || (cmpInt(x, I64_MIN) >= 0 && cmpInt(x, I64_MAX) <= 0);
}

// The integer value of an integral double.
function floatToInt(f) {
  if (Math.abs(f) <= MAX_SAFE) return f === 0 ? 0 : f;
  f = big(f);
  return fromBig(f[0], f[1]);
}

// The integer value of n big-endian bytes at `at`, two's complement when `signed`: exact in a double up to 6 bytes
// (the bytes as a number, less 2^(8n) for a negative two's complement); 8 bytes as the top 4 (signed) times 2^32,
// an exact double, plus the low 4.
function readInt(b, at, n, signed) {
  var x = 0, i;
  if (n > 6) return addInt(floatToInt(readInt(b, at, n - 4, signed) * 4294967296), readInt(b, at + n - 4, 4));
  for (i = 0; i < n; i++) x = x * 256 + b[at + i];
  return signed && b[at] > 127 ? x - Math.pow(256, n) : x;
}

// n big-endian bytes (two's complement) of an integer value that fits them, appended to `out`.
function writeInt(x, n, out) {
  var v = big(x), m = v[1], bytes = [], i, c = 1;
  for (i = 0; i < n; i++) {
    var byte = Math.floor((m[i >> 1] || 0) / (i & 1 ? 256 : 1)) & 255;
    if (v[0] < 0) {
      byte = (byte ^ 255) + c;
      c = byte >> 8;
      byte &= 255;
    }
    bytes.unshift(byte);
  }
  for (i = 0; i < n; i++) out.push(bytes[i]);
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
  x = e > 2 * emax ? (m ? NaN : Infinity) : e ? (m + pow2(p)) * pow2(e - emax - p) : m * pow2(1 - emax - p);
  return b[at] > 127 ? -x : x;
}

// The n bytes (big-endian) of x as binary16/32/64 when x is exact there, else undefined.
function floatBytes(x, n) {
  var w = FLOAT[n], p = w[0], emax = w[1], emin = 1 - emax, sign = x < 0 || 1 / x < 0 ? 1 : 0, a = Math.abs(x);
  var e, m, biased, k, i, v, out = [];
  if (x !== x) {
    biased = 2 * emax + 1;
    m = pow2(p - 1);
  } else if (a === Infinity) {
    biased = 2 * emax + 1;
    m = 0;
  } else if (a === 0) {
    biased = 0;
    m = 0;
  } else {
    e = Math.floor(Math.log(a) / Math.LN2);
    while (e > -1074 && pow2(e) > a) e--;
    while (e < 1023 && pow2(e + 1) <= a) e++;
    if (e > emax) return undefined;
    k = p - Math.max(e, emin);
    m = k > 1000 ? a * pow2(1000) * pow2(k - 1000) : a * pow2(k);
    if (m % 1 !== 0) return undefined;
    if (e >= emin) {
      biased = e + emax;
      m -= pow2(p);
    } else biased = 0;
  }
  // The mantissa's bytes from the last; above its p >> 3 whole bytes, the sign and the biased exponent join it.
  for (i = n - 1, v = m; i >= 0; i--) {
    if (i === n - 1 - (p >> 3)) v += (sign * (2 * emax + 2) + biased) * pow2(p % 8);
    out[i] = v % 256;
    v = (v - out[i]) / 256;
  }
  return out;
}

// ---- paths ----
// A path is an array of 1 to 4 ids; its text "/3/0/1".

function pathText(ids) {
  return '/' + ids.join('/');
}

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

// The checks every encoder makes of record r (index i) before writing: INVALID_PATH for a reserved id or, unless
// `short` allows it, a path above a resource; PATH_MISMATCH outside the request path q; EXECUTABLE_VALUE and
// TYPE_MISMATCH against the model's type (a record without a value, type none, passes where `none` allows it).
function checkRecord(r, i, q, short, none) {
  if ((!short && r.p.length < 3) || r.p.indexOf(65535) >= 0) fail(10, i);
  if (q && !contains(q, r.p)) fail(5, i);
  var t = modelType(r.p);
  if (r.t === 10 && none) return;
  if (t === 10) fail(9, i);
  if ((t && t !== r.t) || r.t === 10) fail(12, i);
}

// Path order of the core (ids, missing ones as 0, then the length).
function cmpPath(a, b) {
  for (var i = 0; i < 4; i++) {
    var x = a[i] || 0, y = b[i] || 0;
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

// `outer` is `inner` or one of its ancestors.
function contains(outer, inner) {
  return outer.length <= inner.length && samePrefix(outer, inner, outer.length);
}

function samePrefix(a, b, n) {
  for (var i = 0; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}
