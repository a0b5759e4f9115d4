// LwM2M-CBOR (11544): the decoder (core/src/lwm2m_cbor/reader.rs) and the canonical encoder (writer.rs).
// A root map; keys are uints (one path level) or arrays of uints (several); values are nested maps or leaves.

function lwm2mDecode(b, q) {
  var out = [], ids = [], h = cborHead(b, 0), open = [h], pos = h.p, top, keyAt, k, end, v, path, leaf, j, x;

  // Whether container c (a head; its items left in c.n) has another item at pos; consumes the break that ends an
  // indefinite-length one.
  function more(c) {
    if (c.ai !== 31) return c.n-- > 0;
    cborHead(b, pos);
    return b[pos] !== 0xff || !++pos;
  }

  if (h.m !== 5) fail(18, 0);
  h.n = h.a;
  h.d = 0;
  while (open.length) {
    top = open[open.length - 1];
    if (!more(top)) {
      open.pop();
      continue;
    }
    // The key: an array of uint ids, or one (read as an array of one item, left at its head): each a uint
    // (INVALID_CBOR for any other item) at the next path level; INVALID_NAME for an empty array.
    keyAt = pos;
    k = cborHead(b, pos);
    if (k.m === 4) {
      pos = k.p;
      k.n = k.a;
    } else k = { n: 1 };
    end = top.d;
    while (more(k)) {
      x = cborHead(b, pos);
      if (x.m !== 0) fail(18, pos);
      pos = x.p;
      // INVALID_PATH for the reserved id, else INVALID_NAME for an id above it or a fifth level.
      if (x.a >= 65535 || end > 3) fail(x.a === 65535 ? 10 : 26, keyAt);
      ids[end++] = x.a;
    }
    if (end === top.d) fail(26, keyAt);
    v = cborHead(b, pos);
    if (v.m === 5) {
      if (open.length === 5) fail(26, keyAt);
      v.n = v.a;
      v.d = end;
      open.push(v);
      pos = v.p;
      continue;
    }
    if (v.m === 7 && v.ai === 31) fail(18, pos);
    path = ids.slice(0, end);
    if (path.length < 3) fail(26, keyAt);
    // test-only {
    if (q && !contains(q, path)) fail(5, keyAt);
    // } test-only
    // DUPLICATE_ID: two record paths clash when equal or one is a prefix of the other.
    for (j = 0; j < out.length; j++) if (contains(out[j].p, path) || contains(path, out[j].p)) fail(4, keyAt);
    // null is "no value" (a path without a value, as in a Read-Composite request), whatever the model's type.
    leaf = v.m === 7 && v.ai === 22 ? [10, null, v.p] : cborLeaf(b, pos, modelType(path));
    pos = leaf[2];
    out.push({ p: path, t: leaf[0], v: leaf[1] });
  }
  if (pos < b.length) fail(20, pos);
  return out;
}

// The canonical LwM2M-CBOR of typed records: the path tree in order of first appearance, a node with one child
// merged into an array key.
function lwm2mEncode(rs, q) {
  var i, j, all = [], out = [];
  for (i = 0; i < rs.length; i++) {
    var r = rs[i];
    // A record without a value (type none) is written as null for any resource.
    checkRecord(r, i, q, 1);
    for (j = 0; j < i; j++) if (contains(rs[j].p, r.p) || contains(r.p, rs[j].p)) fail(4, i);
    all.push(i);
  }
  // The map of the node of records `list` (sharing their first `depth` ids), and in it each child's key (the ids
  // down to the next node with several children) and its leaf or map.
  function map(list, depth) {
    var g = groups(rs, list, depth), i, c, p, end, k;
    cborPutHead(5, g.length, out);
    for (i = 0; i < g.length; i++) {
      c = g[i];
      p = rs[c[0]].p;
      end = depth + 1;
      while (end < p.length && groups(rs, c, end).length < 2) end++;
      if (end - depth === 1) cborPutHead(0, p[depth], out);
      else {
        cborPutHead(4, end - depth, out);
        for (k = depth; k < end; k++) cborPutHead(0, p[k], out);
      }
      if (end === p.length) cborPutLeaf(rs[c[0]].t, rs[c[0]].v, out);
      else map(c, end);
    }
  }
  map(all, 0);
  return out;
}
