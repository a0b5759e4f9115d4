// LwM2M TLV (11542): the decoder and the canonical encoder, the rules of core/src/tlv.
// An element: type byte (bits 7-6 kind: 0 object instance, 1 resource instance, 2 multiple resource, 3 resource;
// bit 5 two-byte id; bits 4-3 length-field size; bits 2-0 the length when that size is 0), id, length, value.

var OBJECT_INSTANCE = 0, RESOURCE_INSTANCE = 1, MULTIPLE_RESOURCE = 2, RESOURCE = 3;

// The element at `at` within [at, end): [kind, id, value start, value end], or null when it does not fit.
function tlvSplit(b, at, end) {
  var t = b[at], p = at + 1, n = t & 0x20 ? 2 : 1, size = (t >> 3) & 3, id = 0, len = size ? 0 : t & 7;
  // The id (1 or 2 bytes) and the length field (0 to 3 bytes) read as one big-endian number each.
  if (at >= end || p + n + size > end) return null;
  while (n--) id = id * 256 + b[p++];
  while (size--) len = len * 256 + b[p++];
  if (p + len > end) return null;
  return [t >> 6, id, p, p + len];
}

// The records of a TLV frame at request path q. The fPort convention gives TLV an object path (/O) only: the frame
// is object instances; the other request paths (test-only) follow the core's level rules.
function tlvDecode(b, q) {
  var out = [], oid = q[0], od = objectDef(oid), end = b.length, dup = {}, at = 0, e;

  // The elements of [from, to): the resources of object instance iid, or (rid given) the instances of its multiple
  // resource rid; `overrun` is the error for one that runs past `to`. Another kind is INVALID_NESTING, the reserved
  // id INVALID_PATH (a resource other than the one a resource request path names PATH_MISMATCH). Each is a record
  // (a resource, or an instance of multiple resource rid), its value typed by the model (type 0: unknown, kept as
  // opaque bytes), or a multiple resource's instances.
  function children(from, to, iid, rid, overrun) {
    var s = {}, at = from, e, ids, d, type, p, n, v;
    while (at < to) {
      e = tlvSplit(b, at, to) || fail(overrun, at);
      if (rid === undefined ? e[0] < MULTIPLE_RESOURCE : e[0] !== RESOURCE_INSTANCE) fail(3, at);
      if (e[1] === 65535) fail(10, at);
      // test-only {
      if (rid === undefined && only !== undefined && e[1] !== only) fail(5, at);
      // } test-only
      // DUPLICATE_ID at the element that repeats an id of its level.
      if (s[e[1]]) fail(4, at);
      s[e[1]] = 1;
      if (e[0] === MULTIPLE_RESOURCE) children(e[2], e[3], iid, e[1], 2);
      else {
        ids = rid === undefined ? [oid, iid, e[1]] : [oid, iid, rid, e[1]];
        d = withNames(od, ids[2]);
        type = d ? d.t : 0;
        p = e[2];
        n = e[3] - p;
        if (type === 10) fail(9, p);
        // The lengths a type takes, bit n for n bytes: Integer, Unsigned and Time 1, 2, 4 or 8; Float 4 or 8; Boolean
        // 1; Objlnk 4.
        v = type === 4 ? 272 : type === 5 ? 2 : type === 8 ? 16 : (140 >> type) & 1 ? 278 : 0;
        if (v && !(n < 9 && (v >> n) & 1)) fail(6, p);
        if (!type || type === 6) v = b.slice(p, e[3]);
        else if (type === 1 || type === 9) v = utf8(b, p, e[3]);
        else if (type === 4) v = readFloat(b, p, n);
        else if (type === 5) {
          if (b[p] > 1) fail(7, p);
          v = b[p] === 1;
        } else if (type === 8) v = [b[p] * 256 + b[p + 1], b[p + 2] * 256 + b[p + 3]];
        else v = readInt(b, p, n, type !== 3);
        out.push({ p: ids, t: type || 6, v: v });
      }
      at = e[3];
    }
  }

  // test-only {
  var level = q.length, iid = level > 1 ? q[1] : 0, only = q[2], k, c, cls, want;
  if (level > 1) {
    e = tlvSplit(b, 0, end);
    // Bare resources at /O/I: the frame is the instance's body.
    if (level === 2 && e && e[0] >= MULTIPLE_RESOURCE) children(0, end, iid, undefined, 1);
    else while (at < end) {
      e = tlvSplit(b, at, end) || fail(1, at);
      if (e[1] === 65535) fail(10, at);
      k = e[0];
      c = k > 1 ? 2 : k;
      // The kinds of a level: object instances at /O/I, resource instances at /O/I/R/RI; at /O/I/R any, all of one
      // kind (the resource, its bare instances, or its object instance).
      if (!(level === 3 || k === (level > 3 ? 1 : 0)) || (at && c !== cls)) fail(3, at);
      cls = c;
      // The id the request path gives for that kind (none: any).
      want = q['1322'.charAt(k)];
      if (want !== undefined && e[1] !== want) fail(5, at);
      if (dup[e[1]]) fail(4, at);
      dup[e[1]] = 1;
      // (An element other than an object instance is read as the one element of its range.)
      if (k) children(at, e[3], iid, k === RESOURCE_INSTANCE ? q[2] : undefined, 1);
      else children(e[2], e[3], e[1], undefined, 2);
      at = e[3];
    }
    // One value is asked for at /O/I/R/RI, and at /O/I/R unless the model says the resource is multiple (a multiple
    // resource may have no instances): a frame that gives none (empty, or an empty wrapper) is cut short.
    if (!out.length && level > 2 && !(level < 4 && (e = withNames(objectDef(oid), q[2])) && e.m)) fail(1, end);
    return out;
  }
  // } test-only
  // At /O: object instances, each id once.
  while (at < end) {
    e = tlvSplit(b, at, end) || fail(1, at);
    if (e[1] === 65535) fail(10, at);
    if (e[0]) fail(3, at);
    if (dup[e[1]]) fail(4, at);
    dup[e[1]] = 1;
    children(e[2], e[3], e[1], undefined, 2);
    at = e[3];
  }
  return out;
}

// Appends an element: its header, then the value bytes v.
function tlvPut(kind, id, v, out) {
  var len = v.length, size = len < 8 ? 0 : len < 256 ? 1 : len < 65536 ? 2 : 3, i = 0;
  out.push(kind << 6 | (id > 255 ? 0x20 : 0) | size << 3 | (size ? 0 : len));
  if (id > 255) out.push(id >> 8);
  out.push(id & 255);
  while (size--) out.push(len >> 8 * size & 255);
  while (i < len) out.push(v[i++]);
  return out;
}

// Appends the element of record r (index at) with its value bytes.
function tlvElement(kind, id, r, at, out) {
  var v = r.v, t = r.t, n, top;
  // Integer, Unsigned and Time (the bits of 140).
  if ((140 >> t) & 1) {
    // The shortest of 1, 2, 4, 8 bytes (two's complement for Integer and Time).
    for (n = 1; n < 8; n *= 2) {
      top = Math.pow(2, 8 * n - (t === 3 ? 0 : 1));
      if (v >= (t === 3 ? 0 : -top) && v < top) break;
    }
    v = writeInt(v, n, []);
  } else if (t === 4) v = floatBytes(v, 4) || floatBytes(v, 8);
  else if (t === 5) v = [v ? 1 : 0];
  else if (t === 8) v = writeInt(v[0] * 65536 + v[1], 4, []);
  else if (t === 1 || t === 9) v = toUtf8(v);
  else if (t !== 6) fail(12, at);
  if (v.length > 16777215) fail(6, at);
  tlvPut(kind, id, v, out);
}

// The canonical TLV of typed records {p, t, v} at request path q (core/src/tlv/writer.rs: object-instance wrappers
// exactly for an object path; resources, and resource instances under their multiple resource, in order of first
// appearance).
function tlvEncode(rs, q) {
  var out = [], all = [], g, i, body;
  for (i = 0; i < rs.length; i++) {
    checkRecord(rs[i], i, q);
    all.push(i);
  }
  // test-only {
  if (q.length === 4) {
    if (rs.length > 1) fail(4, 1);
    if (rs.length) tlvElement(RESOURCE_INSTANCE, rs[0].p[3], rs[0], 0, out);
    return out;
  }
  if (q.length > 1) return resources(all, out);
  // } test-only
  // The resources of records `list` (one instance), each at its first record: a resource (DUPLICATE_ID at a second
  // record of its path), or a multiple resource and its instances (DUPLICATE_ID at a record of the resource itself
  // or a repeated instance), every record of it checked before any is written.
  function resources(list, sink) {
    var g = groups(rs, list, 2), j, k, c, head, seen, body;
    for (j = 0; j < g.length; j++) {
      c = g[j];
      head = rs[c[0]];
      seen = {};
      body = [];
      for (k = 0; k < c.length; k++) {
        if (head.p.length < 4 ? k : rs[c[k]].p.length < 4 || seen[rs[c[k]].p[3]]) fail(4, c[k]);
        seen[rs[c[k]].p[3]] = 1;
      }
      if (head.p.length < 4) tlvElement(RESOURCE, head.p[2], head, c[0], sink);
      else {
        for (k = 0; k < c.length; k++) tlvElement(RESOURCE_INSTANCE, rs[c[k]].p[3], rs[c[k]], c[k], body);
        tlvPut(MULTIPLE_RESOURCE, head.p[2], body, sink);
      }
    }
    return sink;
  }
  // At /O (the fPort convention's path): object instances around them.
  g = groups(rs, all, 1);
  for (i = 0; i < g.length; i++) {
    body = [];
    resources(g[i], body);
    tlvPut(OBJECT_INSTANCE, rs[g[i][0]].p[1], body, out);
  }
  return out;
}
