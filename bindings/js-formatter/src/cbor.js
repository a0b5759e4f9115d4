// CBOR items for SenML-CBOR and LwM2M-CBOR: heads, numbers (ints to 2^64, half/single/double floats, tag 1 times
// and tag 4 decimal fractions), strings, skipping, typed leaves, and the canonical writer (core/src/cbor.rs).
// A number is [0, integer value] or [1, double].

// The head at `pos`: {m major, ai, a argument (integer value), p position after the head}. UNEXPECTED_END at the
// input length when the head is cut short; INVALID_CBOR at it for a reserved additional info or an indefinite
// length the major type cannot have.
function cborHead(b, pos) {
  if (pos >= b.length) fail(1, b.length);
  var ib = b[pos], m = ib >> 5, ai = ib & 31, n = ai < 24 || ai > 27 ? 0 : 1 << ai - 24;
  if ((ai > 27 && ai < 31) || (ai === 31 && (m < 2 || m === 6))) fail(18, pos);
  if (pos + 1 + n > b.length) fail(1, b.length);
  return { m: m, ai: ai, a: ai < 24 ? ai : n ? readInt(b, pos + 1, n, false) : 0, p: pos + 1 + n };
}

// A number at `at` (read_number of core/src/cbor.rs); `tagged` allows one tag (1 or 4); `mk` is the error kind for
// an item that is not a number (TYPE_MISMATCH for a typed leaf; INVALID_CBOR in a SenML number field). Returns
// the number and its end: [0, integer value, end] or [1, double, end].
function cborNumber(b, at, tagged, mk) {
  var h = cborHead(b, at);
  // An integer (major 1: -1 - argument), or a half/single/double float.
  if (h.m < 2) return [0, h.m ? addInt(-1, typeof h.a === 'number' ? -h.a : '-' + h.a) : h.a, h.p];
  if (h.m === 7 && h.ai > 24 && h.ai < 28) return [1, readFloat(b, at + 1, h.p - at - 1), h.p];
  if (h.m !== 6) fail(mk, at);
  if (!tagged) fail(18, at);
  if (h.a === 1) return cborNumber(b, h.p, false, mk);
  if (h.a !== 4) fail(18, at);
  var c = cborHead(b, h.p);
  if (c.m !== 4) fail(18, h.p);
  if (c.ai === 31 || c.a !== 2) fail(18, at);
  var e = cborNumber(b, c.p, false, mk);
  if (e[0]) fail(18, c.p);
  var m = cborNumber(b, e[2], false, mk);
  if (m[0]) fail(18, e[2]);
  var x = +(m[1]), ex = e[1], n = Math.abs(+(ex)), neg = ex < 0;
  if (n <= 22) x = neg ? x / +('1e' + n) : x * +('1e' + n);
  else for (var j = 0; j < Math.min(n, 400); j++) x = neg ? x / 10 : x * 10;
  return [1, x, m[2]];
}

// [type, value] of a number for a model type (typed_number), TYPE_MISMATCH at `at` when it does not convert
// exactly. Type 0 (the model does not type it): float, else integer (i64), else unsigned (u64).
function typedNumber(n, type, at) {
  var x = n[1], f, u;
  if (!type) type = n[0] ? 4 : in64(x) ? 2 : in64(x, 1) ? 3 : 0;
  // Integer, Unsigned and Time: types 2, 3 and 7, the bits of 140.
  if ((140 >> type) & 1) {
    // An integer in range (i64; u64 for Unsigned), or an integral float in it.
    u = type === 3;
    // (in64 of an integral double: its h is floor(x / 2^32), exact.)
    if (in64(x, u) && (!n[0] || x % 1 === 0)) return [type, n[0] ? toInt(0, x) : x];
  } else if (type === 4) {
    if (n[0]) return [type, x];
    f = +(x);
    if (Math.abs(f) < 1.7e38 && toInt(0, f) === x) return [type, f];
  }
  fail(12, at);
}

// The end of the content of a definite string whose head `h` starts at `at` (the content starts at h.p).
function cborEnd(b, h, at) {
  if (h.ai === 31) fail(21, at);
  var end = typeof h.a === 'number' ? h.p + h.a : Infinity;
  if (end > b.length) fail(1, b.length);
  return end;
}

// A definite string of major `major` (2 bytes, 3 text) at `at`: [bytes or text, end]; `mk` is the error kind for
// another kind of item. INDEFINITE_LENGTH for a chunked one, INVALID_UTF8 at the first bad byte of a text.
function cborStr(b, at, major, mk) {
  var h = cborHead(b, at), e;
  if (h.m !== major) fail(mk, at);
  e = cborEnd(b, h, at);
  return [major === 3 ? utf8(b, h.p, e) : b.slice(h.p, e), e];
}

// The chunks of an indefinite-length string whose head is `h` (each a definite string of the same major type):
// [joined bytes, the input offset of each, end].
function cborChunks(b, h) {
  var p = h.p, joined = [], from = [], c, e;
  while (b[p] !== 0xff) {
    c = cborHead(b, p);
    if (c.m !== h.m || c.ai === 31) fail(18, p);
    e = cborEnd(b, c, p);
    for (p = c.p; p < e; p++) {
      joined.push(b[p]);
      from.push(p);
    }
  }
  return [joined, from, p + 1];
}

// Skips one well-formed item (nesting at most 16 levels below the first).
function cborSkip(b, pos, depth) {
  if (depth > 16) fail(18, pos);
  var h = cborHead(b, pos), p = h.p, i, n;
  if (h.m >> 1 === 1) return h.ai === 31 ? cborChunks(b, h)[2] : cborEnd(b, h, pos);
  if (h.m === 4 || h.m === 5) {
    // Items (pairs in a map) up to the count, or up to the break of an indefinite length.
    n = h.ai === 31 ? Infinity : +(h.a);
    while (n-- > 0 && (h.ai !== 31 || b[p] !== 0xff)) for (i = 0; i < h.m - 3; i++) p = cborSkip(b, p, depth + 1);
    return h.ai === 31 ? p + 1 : p;
  }
  if (h.m === 6) return cborSkip(b, p, depth + 1);
  if (h.m === 7 && (h.ai === 31 || (h.ai === 24 && h.a < 32))) fail(18, pos);
  return p;
}

// "oid:iid" as [oid, iid] (digits only, each at most 65535), or undefined.
function parseObjlnk(s) {
  var m = /^([0-9]+):([0-9]+)$/.exec(s);
  if (!m || +m[1] > 65535 || +m[2] > 65535) return undefined;
  return [+m[1], +m[2]];
}

// A leaf at `at` for a model type (0: unknown, typed by the item; read_leaf of core/src/cbor.rs): [type, value,
// end]. A chunked (indefinite-length) text string where the model takes String, Corelnk or Objlnk (or does not know
// the resource), or a chunked byte string where it takes Opaque (or does not know it), is read as its joined chunks
// (RFC 8949 3.2.3; LwM2M-CBOR's leaves).
function cborLeaf(b, at, type) {
  // A boolean: simple value 20 or 21.
  var h = cborHead(b, at), r, bool = h.m === 7 && h.ai >> 1 === 10;
  if (!type) type = bool ? 5 : h.m === 3 ? 1 : h.m === 2 ? 6 : h.m === 7 && h.ai === 22 ? 10 : 0;
  if (type === 5) {
    if (!bool) fail(12, at);
    return [5, h.ai === 21, h.p];
  }
  if (type === 10) {
    if (h.m !== 7 || h.ai !== 22) fail(9, at);
    return [10, null, h.p];
  }
  if (type === 1 || type === 9 || type === 8 || type === 6) {
    if (h.ai === 31 && h.m === (type === 6 ? 2 : 3)) {
      r = cborChunks(b, h);
      if (type !== 6) {
        try {
          r[0] = utf8(r[0], 0, r[0].length);
        } catch (x) {
          // UTF-8 over the joined bytes, reported at the input offset of the first bad byte.
          fail(8, r[1][x.o]);
        }
      }
      r[1] = r[2];
    } else r = cborStr(b, at, type === 6 ? 2 : 3, 12);
    if (type === 8 && !(r[0] = parseObjlnk(r[0]))) fail(12, at);
    return [type, r[0], r[1]];
  }
  r = cborNumber(b, at, true, 12);
  return typedNumber(r, type, at).concat(r[2]);
}

// ---- writer ----

function cborPutHead(major, arg, out) {
  // The argument in the head byte below 24, else in 1, 2, 4 or 8 bytes after it (a decimal text is beyond 2^53).
  var n = typeof arg !== 'number' || arg >= P32 ? 3 : arg > 65535 ? 2 : arg > 255 ? 1 : arg > 23 ? 0 : -1;
  out.push(major << 5 | (n < 0 ? arg : 24 + n));
  return n < 0 ? out : writeInt(arg, 1 << n, out);
}

// A typed value as a CBOR leaf (write_leaf).
function cborPutLeaf(t, v, out) {
  var f;
  if (t === 8) {
    v = v[0] + ':' + v[1];
    t = 1;
  }
  // An Integer, Unsigned or Time (t 2, 3, 7: the bits of 140).
  if ((140 >> t) & 1) {
    return v < 0 ? cborPutHead(1, addInt(-1, typeof v === 'number' ? -v : v.slice(1)), out) : cborPutHead(0, v, out);
  }
  if (t === 4) {
    // The narrowest of binary16, 32, 64 that holds v exactly (heads 0xf9, 0xfa, 0xfb).
    f = floatBytes(v, 2) || floatBytes(v, 4) || floatBytes(v, 8);
    out.push(0xf9 + (f.length >> 2));
    out.push.apply(out, f);
    return out;
  }
  if (t === 5) return out.push(v ? 0xf5 : 0xf4), out;
  if (t === 1 || t === 9 || t === 6) {
    // A text string of the UTF-8 bytes, or a byte string.
    if (t !== 6) v = toUtf8(v);
    cborPutHead(t === 6 ? 2 : 3, v.length, out);
    for (f = 0; f < v.length; f++) out.push(v[f]);
    return out;
  }
  out.push(0xf6);
  return out;
}
