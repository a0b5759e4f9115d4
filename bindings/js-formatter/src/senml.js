// SenML-CBOR (112): the decoder (core/src/senml/cbor_read.rs, resolve.rs) and the compact canonical encoder
// (plan.rs, cbor_write.rs). Labels: bver -1, bn -2, bt -3, bu -4, bv -5, bs -6, n 0, u 1, v 2, vs 3, vb 4, s 5,
// t 6, ut 7, vd 8, and "vlo" (9 here); 127 an unknown label.

var VLO = 9, UNKNOWN_LABEL = 127;

// The label of the key at `pos`: [label, end].
function senmlKey(b, pos) {
  var h = cborHead(b, pos);
  if (h.m === 0) return [h.a <= 8 ? h.a : UNKNOWN_LABEL, h.p];
  if (h.m === 1) return [h.a <= 5 ? -1 - h.a : UNKNOWN_LABEL, h.p];
  if (h.m !== 3) fail(18, pos);
  var c = cborContent(b, h, pos), k = utf8(b, c[0], c[1]);
  if (k === 'vlo') return [VLO, c[1]];
  if (k.charAt(k.length - 1) === '_') fail(23, pos);
  return [UNKNOWN_LABEL, c[1]];
}

// A number field: ints, floats, tags 1 and 4 (any other kind INVALID_CBOR).
function senmlNumber(b, pos) {
  var h = cborHead(b, pos);
  if (h.m < 2) return [[0, cborInt(h)], h.p];
  if (h.m < 6) fail(18, pos);
  try {
    return cborNumber(b, pos, true);
  } catch (e) {
    if (e instanceof Fail && e.k === 12) e.k = 18;
    throw e;
  }
}

// A text field (a definite text string; another kind INVALID_CBOR): [text, end].
function senmlText(b, pos) {
  var c = cborString(b, pos, 3);
  return [utf8(b, c[0], c[1]), c[1]];
}

// The fields of the record map at `pos`: {start, end, bn, n, bt, t, bv, bs, s, value: [kind, raw, at]}.
function senmlFields(b, pos) {
  var h = cborHead(b, pos), f = { start: pos }, left = h.a, seen = {}, at = h.p, k, l, r, v;
  if (h.m !== 5) fail(18, pos);
  for (;;) {
    if (h.ai === 31) {
      if (b[at] === 0xff) {
        at++;
        break;
      }
    } else if (!left--) break;
    k = senmlKey(b, at);
    l = k[0];
    if (l !== UNKNOWN_LABEL) {
      if (seen[l]) fail(18, at);
      seen[l] = 1;
    }
    if (f.value && (l === 2 || l === 3 || l === 4 || l === 8 || l === VLO)) fail(25, at);
    v = k[1];
    switch (l) {
      case 0:
      case -2:
        r = senmlText(b, v);
        f[l ? 'bn' : 'n'] = r[0];
        break;
      case 2:
      case 6:
      case -3:
      case -5:
      case 5:
      case -6:
        r = senmlNumber(b, v);
        if (l === 2) f.value = [0, r[0], v];
        else if (l === 6) f.t = r[0];
        else if (l === -3) f.bt = r[0];
        else if (l === -5) f.bv = r[0];
        else if (l === 5) f.s = 1;
        else f.bs = 1;
        break;
      case 3:
      case VLO:
      case 1:
      case -4:
        r = senmlText(b, v);
        if (l === 3 || l === VLO) f.value = [l === 3 ? 1 : 8, r[0], v];
        break;
      case 4:
        r = cborHead(b, v);
        if (r.m !== 7 || (r.ai !== 20 && r.ai !== 21)) fail(18, v);
        f.value = [5, r.ai === 21, v];
        r = [0, r.p];
        break;
      case 8:
        r = cborString(b, v, 2);
        f.value = [6, b.slice(r[0], r[1]), v];
        break;
      case -1:
        r = cborHead(b, v);
        if (r.m !== 0) fail(18, v);
        if (cmpInt(r.a, 10) > 0) fail(22, v);
        r = [0, r.p];
        break;
      default:
        r = [0, cborSkip(b, v, 0)];
    }
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
  return [1, intToFloat(a[1]) + intToFloat(x[1])];
}

// The path of a SenML name: "/" then 1 to 4 decimal ids of at most 65535, one trailing "/" allowed.
function senmlPath(s) {
  var m = /^\/([0-9]+)(?:\/([0-9]+))?(?:\/([0-9]+))?(?:\/([0-9]+))?\/?$/.exec(s), ids = [], i;
  if (!m) return undefined;
  for (i = 1; i <= 4 && m[i] !== undefined && m[i] !== ''; i++) {
    if (+m[i] > 65535) return undefined;
    ids.push(+m[i]);
  }
  return ids;
}

// A SenML value for the model type (0: unknown): [type, value]; `at` is the value's first byte.
function senmlTyped(raw, type, at) {
  var kind = raw[0], x = raw[1], l;
  if (type === 10) fail(9, at);
  if (kind === 0) return type ? [type, typedNumber(x, type, at)] : untypedNumber(x, at);
  if (kind === 1 && (!type || type === 1 || type === 9)) return [type || 1, x];
  if ((kind === 1 && type === 8) || (kind === 8 && (!type || type === 8))) {
    l = parseObjlnk(x);
    if (!l) fail(12, at);
    return [8, l];
  }
  if (kind === 5 && (!type || type === 5)) return [5, x];
  if (kind === 6 && (!type || type === 6)) return [6, x];
  fail(12, at);
}

function senmlDecode(b, q) {
  var h = cborHead(b, 0), out = [], at = h.p, left = h.a, bn = '', bt, bv, bs = 0, mode = 0, firstName = 0, dups = {}, key;
  if (h.m === 4 && h.ai === 31) fail(21, 0);
  if (h.m !== 4) fail(18, 0);
  for (; left > 0; left--) {
    var f = senmlFields(b, at), start = f.start, time = undefined, value, path, t;
    at = f.end;
    if (f.bn !== undefined) bn = f.bn;
    if (f.bt) bt = f.bt;
    if (f.bv) bv = f.bv;
    bs = bs || f.bs;
    path = senmlPath(bn + (f.n === undefined ? '' : f.n));
    if (!path) fail(26, start);
    if (bt || f.t) time = intToFloat(addNumber(bt, f.t)[1]);
    value = f.value;
    if (value && value[0] === 0) value = [0, addNumber(bv, value[1]), value[2]];
    // The record as a whole: the reserved id, value rules, level, request, the value against the model, then
    // duplicates.
    if (reservedId(path)) fail(10, start);
    if (!value && (f.s || bs)) fail(24, start);
    if (value && mode === 2) fail(24, firstName);
    if (!value && mode === 1) fail(24, start);
    if (value) mode = 1;
    else if (!mode) {
      mode = 2;
      firstName = start;
    }
    if (value && path.length < 3) fail(26, start);
    if (q && !contains(q, path)) fail(5, start);
    t = value ? senmlTyped(value, modelType(path), value[2]) : [10, null];
    // The same path and the same time (a NaN time equals none): DUPLICATE_ID.
    key = pathText(path) + ' ' + time;
    if (time === time && dups[key]) fail(4, start);
    dups[key] = 1;
    out.push({ p: path, t: t[0], v: t[1], time: time });
  }
  if (at < b.length) fail(20, at);
  return out;
}

// ---- encoder ----

// A time as a SenML number: an integer when integral (below 2^63 in magnitude, not -0), else a float.
function asNumber(x) {
  return x % 1 === 0 && Math.abs(x) < 9223372036854775808 && !(x === 0 && 1 / x < 0) ? [0, floatToInt(x)] : [1, x];
}

function putNumber(n, out) {
  return n[0] ? cborPutFloat(n[1], out) : cborPutInt(n[1], out);
}

function senmlEncode(rs, q) {
  var values = false, firstName = -1, i, r, t, out = [];
  for (i = 0; i < rs.length; i++) {
    r = rs[i];
    if (r.t === 10) {
      if (values) fail(24, i);
      if (firstName < 0) firstName = i;
    } else {
      if (firstName >= 0) fail(24, firstName);
      values = true;
      if (r.p.length < 3) fail(10, i);
    }
    if (reservedId(r.p)) fail(10, i);
    if (q && !contains(q, r.p)) fail(5, i);
    if (r.t !== 10) {
      t = modelType(r.p);
      if (t === 10) fail(9, i);
      if (t && t !== r.t) fail(12, i);
    }
    for (var j = 0; j < i; j++) if (cmpPath(rs[j].p, r.p) === 0 && rs[j].time === r.time) fail(4, i);
  }
  if (!rs.length) return [0x80];
  // Names: one path for all (bn only), or a shared proper prefix (bn "/p/", n the rest), or full names in n.
  var first = rs[0].p, whole = true, prefix = first.length, minLen = 4, allTimed = true, k;
  for (i = 0; i < rs.length; i++) {
    var p = rs[i].p;
    for (k = 0; k < Math.min(prefix, p.length) && p[k] === first[k]; k++);
    prefix = k;
    minLen = Math.min(minLen, p.length);
    whole = whole && cmpPath(p, first) === 0;
    allTimed = allTimed && rs[i].time !== undefined;
  }
  prefix = Math.min(prefix, minLen - 1);
  var bt = allTimed && rs[0].time !== undefined ? rs[0].time : undefined;
  function offset(time) {
    var d = asNumber(time - bt), back = addNumber(asNumber(bt), !d[0] && d[1] === 0 ? undefined : d);
    return [!d[0] && d[1] === 0 ? undefined : d, floatBytes(intToFloat(back[1]), F64).join() === floatBytes(time, F64).join()];
  }
  if (bt !== undefined) for (i = 0; i < rs.length; i++) if (!offset(rs[i].time)[1]) bt = undefined;
  cborPutHead(4, rs.length, out);
  for (i = 0; i < rs.length; i++) {
    r = rs[i];
    var bnIds = undefined, nIds = undefined, trail = false, tn = undefined, btn = undefined;
    if (whole) bnIds = i ? undefined : r.p;
    else if (prefix) {
      bnIds = i ? undefined : r.p.slice(0, prefix);
      trail = true;
      nIds = r.p.slice(prefix);
    } else nIds = r.p;
    if (bt !== undefined) {
      if (!i) btn = asNumber(bt);
      tn = offset(r.time)[0];
    } else if (r.time !== undefined) tn = asNumber(r.time);
    var fields = (bnIds ? 1 : 0) + (btn ? 1 : 0) + (nIds ? 1 : 0) + (r.t !== 10 ? 1 : 0) + (tn ? 1 : 0);
    cborPutHead(5, fields, out);
    if (bnIds) cborPutText(3, toUtf8('/' + bnIds.join('/') + (trail ? '/' : ''), []), out.push(0x21) && out);
    if (btn) putNumber(btn, out.push(0x22) && out);
    if (nIds) cborPutText(3, toUtf8((prefix ? '' : '/') + nIds.join('/'), []), out.push(0) && out);
    t = r.t;
    // The value field: vs (3) for text, vb (4), vd (8), "vlo" for Objlnk, else v (2); none has none.
    if (t === 8) out.push(0x63, 0x76, 0x6c, 0x6f);
    else if (t !== 10) out.push(t === 1 || t === 9 ? 3 : t === 5 ? 4 : t === 6 ? 8 : 2);
    if (t !== 10) cborPutLeaf(t, r.v, out);
    if (tn) putNumber(tn, out.push(6) && out);
  }
  return out;
}
