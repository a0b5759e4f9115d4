// SenML-CBOR (112): the decoder (core/src/senml/cbor_read.rs, resolve.rs) and the compact canonical encoder
// (plan.rs, cbor_write.rs). Labels: bver -1, bn -2, bt -3, bu -4, bv -5, bs -6, n 0, u 1, v 2, vs 3, vb 4, s 5,
// t 6, ut 7, vd 8, and "vlo" (9 here); 127 an unknown label.

var VLO = 9, UNKNOWN_LABEL = 127;

// What each label's field holds, by label + 6: its reader (t text, d bytes, n number, b boolean, v version) and where
// it goes (a property of the fields, or "=" and the kind of the value it is: 0 number, 1 text, 5 boolean, 6 bytes,
// 8 objlnk text). Any other label is skipped. (A text split once: an object literal costs QuickJS-NG a second read.)
var LABELS = 'nbs,nbv,t,nbt,tbn,v,tn,t,n=0,t=1,b=5,ns,nt,,d=6,t=8'.split(',');

// The fields of the record map at `pos`: {start, end, bn, n, bt, t, bv, bs, s, value: [kind, raw, at]}. Any field
// of the wrong kind is INVALID_CBOR.
function senmlFields(b, pos) {
  var h = cborHead(b, pos), f = { start: pos }, left = h.a, seen = {}, at = h.p, k, l, r, v, d, c;
  if (h.m !== 5) fail(18, pos);
  for (;;) {
    // The count read, or the break of an indefinite length (consumed).
    if (h.ai === 31 ? b[at] === 0xff && ++at : !left--) break;
    // The key's label l and end v: an integer label (-6..8), "vlo", or an unknown one (UNKNOWN_MANDATORY_LABEL for
    // a text ending in "_").
    k = cborHead(b, at);
    l = k.m ? -1 - k.a : k.a;
    v = k.p;
    if (k.m > 1) {
      k = cborStr(b, at, 3, 18);
      if (k[0].charAt(k[0].length - 1) === '_') fail(23, at);
      l = k[0] === 'vlo' ? VLO : UNKNOWN_LABEL;
      v = k[1];
    } else if (l > 8 || l < -6) l = UNKNOWN_LABEL;
    if (l !== UNKNOWN_LABEL) {
      if (seen[l]) fail(18, at);
      seen[l] = 1;
    }
    d = LABELS[l + 6] || '';
    if (f.value && d.charAt(1) === '=') fail(25, at);
    c = d.charAt(0);
    if (c === 't' || c === 'd') r = cborStr(b, v, c === 't' ? 3 : 2, 18);
    else if (c === 'n') {
      r = cborNumber(b, v, true, 18);
      r = [r, r[2]];
    }
    else if (c) {
      r = cborHead(b, v);
      if (c === 'b' ? r.m !== 7 || r.ai >> 1 !== 10 : r.m) fail(18, v);
      if (c === 'v' && r.a > 10) fail(22, v);
      r = [r.ai === 21, r.p];
    } else r = [0, cborSkip(b, v, 0)];
    if (d.charAt(1) === '=') f.value = [+d.slice(2), r[0], v];
    else if (d.length > 1) f[d.slice(1)] = r[0];
    at = r[1];
  }
  f.end = at;
  return f;
}

// bt + t, bv + v: exact for integers (Number::from_i128), else in doubles.
function addNumber(a, x) {
  if (!a) return x;
  if (!x) return a;
  if (!a[0] && !x[0]) return [0, addInt(a[1], x[1])];
  return [1, +(a[1]) + +(x[1])];
}

function senmlDecode(b, q) {
  var h = cborHead(b, 0), out = [], at = h.p, left = h.a, bn = '', bt, bv, bs = 0, mode = 0, firstName = 0, dups = {}, key;
  if (h.m === 4 && h.ai === 31) fail(21, 0);
  if (h.m !== 4) fail(18, 0);
  for (; left > 0; left--) {
    var f = senmlFields(b, at), start = f.start, time = undefined, value, path, t, type, kind, x;
    at = f.end;
    if (f.bn !== undefined) bn = f.bn;
    if (f.bt) bt = f.bt;
    if (f.bv) bv = f.bv;
    bs = bs || f.bs;
    // The path of the name: "/" then 1 to 4 decimal ids of at most 65535, one trailing "/" allowed; INVALID_NAME
    // at the record for any other.
    try {
      path = parsePath(bn + (f.n === undefined ? '' : f.n), true);
    } catch (e) {
      fail(26, start);
    }
    if (!path.length) fail(26, start);
    if (bt || f.t) time = +(addNumber(bt, f.t)[1]);
    value = f.value;
    if (value && value[0] === 0) value = [0, addNumber(bv, value[1]), value[2]];
    // The record as a whole: the reserved id, value rules, level, request, the value against the model, then
    // duplicates.
    if (path.indexOf(65535) >= 0) fail(10, start);
    if (value) {
      if (mode === 2) fail(24, firstName);
      mode = 1;
    } else {
      if (f.s || bs || mode === 1) fail(24, start);
      if (!mode) {
        mode = 2;
        firstName = start;
      }
    }
    if (value && path.length < 3) fail(26, start);
    // test-only {
    if (q && !contains(q, path)) fail(5, start);
    // } test-only
    // The value for the model type (0: unknown), at the value's first byte; none: type none.
    t = [10, null];
    if (value) {
      type = modelType(path);
      kind = value[0];
      x = value[1];
      if (type === 10) fail(9, value[2]);
      // A number (kind 0) typed by the model; a text (vs) is what the model takes of Corelnk and Objlnk too, "vlo" an
      // Objlnk only. (No if/else: the minifier would make it a conditional with a parenthesised branch.)
      if (kind === 1 && (type === 9 || type === 8)) kind = type;
      if (kind && ((type && type !== kind) || (kind === 8 && !(x = parseObjlnk(x))))) fail(12, value[2]);
      t = kind ? [kind, x] : typedNumber(x, type, value[2]);
    }
    // The same path and the same time (a NaN time equals none): DUPLICATE_ID.
    key = '/' + path.join('/') + ' ' + time;
    if (time === time && dups[key]) fail(4, start);
    dups[key] = 1;
    out.push({ p: path, t: t[0], v: t[1], time: time });
  }
  if (at < b.length) fail(20, at);
  // (Its records may repeat a path: toData looks for series.)
  out.s = 1;
  return out;
}

// ---- encoder ----

// A time as a SenML number: an integer when integral (below 2^63 in magnitude, not -0), else a float.
function asNumber(x) {
  return x % 1 === 0 && Math.abs(x) < pow2(63) && !(x === 0 && 1 / x < 0) ? [0, toInt(0, x)] : [1, x];
}

function senmlEncode(rs, q) {
  var values = false, firstName = -1, names = [], whole = true, out = [], ts = [], i, j, r, bn, bt, f, x, d;
  for (i = 0; i < rs.length; i++) {
    r = rs[i];
    if (r.t === 10) {
      if (values) fail(24, i);
      if (firstName < 0) firstName = i;
    } else {
      if (firstName >= 0) fail(24, firstName);
      values = true;
    }
    checkRecord(r, i, q, 2);
    names[i] = r.p.join('/') + '/';
    whole = whole && names[i] === names[0];
    for (j = 0; j < i; j++) if (names[j] === names[i] && rs[j].time === r.time) fail(4, i);
  }
  if (!rs.length) return [0x80];
  // Names: one path for all (bn only), or the longest shared prefix of whole ids short of every path (bn "/p/", n
  // the rest), or full names in n. `bn` is that prefix without its leading "/" ("" for none).
  bn = names[0];
  for (i = 0; i < rs.length; i++) while (names[i].indexOf(bn) || names[i] === bn) bn = bn.slice(0, bn.lastIndexOf('/', bn.length - 2) + 1);
  // bt: the first time, when every record has one that bt + t gives back exactly (bit for bit); ts: each record's t
  // (none for 0). (Once bt is none, the rest is computed with it as NaN, and not used.)
  for (bt = rs[0].time, i = 0; i < rs.length; i++) {
    x = rs[i].time;
    d = ts[i] = asNumber(x - bt);
    if (!d[0] && d[1] === 0) d = ts[i] = undefined;
    d = addNumber(asNumber(bt), d);
    if (x === undefined || floatBytes(+d[1], 8).join() !== floatBytes(x, 8).join()) bt = undefined;
  }
  cborPutHead(4, rs.length, out);
  // Each record's map, its fields as pairs of leaves (label, value): bn and bt (first record only), n, the value
  // field (vs for text, vb, vd, "vlo" for Objlnk, else v; none for none), t.
  for (i = 0; i < rs.length; i++) {
    r = rs[i];
    f = [];
    if (!i && (whole || bn)) f.push(2, -2, 1, '/' + (whole ? names[0].slice(0, -1) : bn));
    if (!i && bt !== undefined) x = asNumber(bt), f.push(2, -3, x[0] ? 4 : 2, x[1]);
    if (!whole) f.push(2, 0, 1, (bn ? '' : '/') + names[i].slice(bn.length, -1));
    if (r.t !== 10) f.push(r.t === 8 ? 1 : 2, r.t === 8 ? 'vlo' : +'0322248203'.charAt(r.t), r.t, r.v);
    x = bt !== undefined ? ts[i] : r.time !== undefined ? asNumber(r.time) : undefined;
    if (x) f.push(2, 6, x[0] ? 4 : 2, x[1]);
    cborPutHead(5, f.length / 4, out);
    for (j = 0; j < f.length; j += 2) cborPutLeaf(f[j], f[j + 1], out);
  }
  return out;
}
