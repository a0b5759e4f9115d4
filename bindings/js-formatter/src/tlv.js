// LwM2M TLV (11542): the decoder and the canonical encoder, the rules of core/src/tlv.
// An element: type byte (bits 7-6 kind: 0 object instance, 1 resource instance, 2 multiple resource, 3 resource;
// bit 5 two-byte id; bits 4-3 length-field size; bits 2-0 the length when that size is 0), id, length, value.

var OBJECT_INSTANCE = 0, RESOURCE_INSTANCE = 1, MULTIPLE_RESOURCE = 2, RESOURCE = 3;

// The element at `at` within [at, end): {kind, id, v (value start), e (value end)}, or null when it does not fit.
function tlvSplit(b, at, end) {
  if (at >= end) return null;
  var t = b[at], p = at + 1, id, len, size = (t >> 3) & 3, i;
  if (t & 0x20) {
    if (p + 2 > end) return null;
    id = b[p] * 256 + b[p + 1];
    p += 2;
  } else {
    if (p + 1 > end) return null;
    id = b[p++];
  }
  if (!size) len = t & 7;
  else {
    if (p + size > end) return null;
    for (len = 0, i = 0; i < size; i++) len = len * 256 + b[p++];
  }
  if (p + len > end) return null;
  return { kind: t >> 6, id: id, v: p, e: p + len };
}

// DUPLICATE_ID at the element that repeats an id of its level (`s`: the ids seen there).
function once(s, id, at) {
  if (s[id]) fail(4, at);
  s[id] = 1;
}

function tlvDecode(b, q) {
  var out = [], oid = q[0], end = b.length, level = q.length, iid = level > 1 ? q[1] : 0;
  // At a resource path, resources inside an object instance must be that resource.
  var only = level === 3 ? q[2] : -1;

  // The record of element e, its value typed by the model (type 0: unknown, kept as opaque bytes).
  function emit(ids, rid, e) {
    var d = resourceDef(oid, rid), type = d ? d.t : 0, at = e.v, n = e.e - at, v;
    if (!type || type === 6) v = b.slice(at, e.e);
    else if (type === 1 || type === 9) v = utf8(b, at, e.e);
    else if (type === 4) {
      if (n !== 4 && n !== 8) fail(6, at);
      v = readFloat(b, at, n);
    } else if (type === 5) {
      if (n !== 1) fail(6, at);
      if (b[at] > 1) fail(7, at);
      v = b[at] === 1;
    } else if (type === 8) {
      if (n !== 4) fail(6, at);
      v = [b[at] * 256 + b[at + 1], b[at + 2] * 256 + b[at + 3]];
    } else if (type === 10) fail(9, at);
    else {
      // Integer, Unsigned, Time: 1, 2, 4 or 8 bytes.
      if (n !== 1 && n !== 2 && n !== 4 && n !== 8) fail(6, at);
      v = readInt(b, at, n, type !== 3);
    }
    out.push({ p: ids, t: type || 6, v: v });
  }

  // A resource, or a multiple resource and its instances (INVALID_PATH for the reserved id).
  function resource(e, iid, at) {
    if (e.kind === RESOURCE) return emit([oid, iid, e.id], e.id, e);
    if (e.kind !== MULTIPLE_RESOURCE) fail(3, at);
    var s = {}, p = e.v, x;
    while (p < e.e) {
      x = tlvSplit(b, p, e.e);
      if (!x) fail(2, p);
      if (x.kind !== RESOURCE_INSTANCE) fail(3, p);
      if (x.id === 65535) fail(10, p);
      once(s, x.id, p);
      emit([oid, iid, e.id, x.id], e.id, x);
      p = x.e;
    }
  }

  function instance(from, to, iid, overrun) {
    var s = {}, at = from, e;
    while (at < to) {
      e = tlvSplit(b, at, to);
      if (!e) fail(overrun, at);
      if (e.kind >= MULTIPLE_RESOURCE) {
        if (e.id === 65535) fail(10, at);
        if (only >= 0 && e.id !== only) fail(5, at);
        once(s, e.id, at);
      }
      resource(e, iid, at);
      at = e.e;
    }
  }

  var first = end ? tlvSplit(b, 0, end) : null;
  if (level === 2 && first && first.kind >= MULTIPLE_RESOURCE) {
    instance(0, end, iid, 1);
    return out;
  }
  var dup = {}, wrapped = false, at = 0, e, firstKind = -1;
  while (at < end) {
    e = tlvSplit(b, at, end);
    if (!e) fail(1, at);
    if (e.id === 65535) fail(10, at);
    var k = e.kind;
    if (level === 1 && k === OBJECT_INSTANCE) {
      // any instance
    } else if (level === 2 && k === OBJECT_INSTANCE) {
      if (at > 0 && !wrapped) fail(3, at);
      if (e.id !== q[1]) fail(5, at);
    } else if (level === 2 && k >= MULTIPLE_RESOURCE) {
      if (wrapped) fail(3, at);
    } else if (level === 3) {
      // The resource, its bare instances, or its object instance: every element of the same kind.
      if (firstKind >= 0 && !(k === firstKind || (k >= MULTIPLE_RESOURCE && firstKind >= MULTIPLE_RESOURCE))) fail(3, at);
      firstKind = k;
      if (e.id !== (k === OBJECT_INSTANCE ? q[1] : k === RESOURCE_INSTANCE ? e.id : q[2])) fail(5, at);
    } else if (level === 4 && k === RESOURCE_INSTANCE) {
      if (e.id !== q[3]) fail(5, at);
    } else fail(3, at);
    once(dup, e.id, at);
    if (k === OBJECT_INSTANCE) {
      wrapped = true;
      instance(e.v, e.e, e.id, 2);
    } else if (k === RESOURCE_INSTANCE) {
      emit(level === 3 ? q.concat([e.id]) : q.slice(), q[2], e);
    } else resource(e, iid, at);
    at = e.e;
  }
  // One value is asked for at /O/I/R/RI, and at /O/I/R unless the model says the resource is multiple (a multiple
  // resource may have no instances): a frame that gives none (empty, or an empty wrapper) is cut short.
  var d = level === 3 ? resourceDef(oid, q[2]) : undefined;
  if (!out.length && (level === 4 || (level === 3 && !(d && d.m)))) fail(1, end);
  return out;
}

// Appends an element: its header, then the value bytes v.
function tlvPut(kind, id, v, out) {
  var len = v.length, size = len < 8 ? 0 : len < 256 ? 1 : len < 65536 ? 2 : 3, i;
  out.push(kind << 6 | (id > 255 ? 0x20 : 0) | size << 3 | (size ? 0 : len));
  if (id > 255) out.push(id >> 8);
  out.push(id & 255);
  for (i = size - 1; i >= 0; i--) out.push(Math.floor(len / Math.pow(256, i)) & 255);
  for (i = 0; i < len; i++) out.push(v[i]);
  return out;
}

// Appends the element of record r (index at) with its value bytes.
function tlvElement(kind, id, r, at, out) {
  var v = r.v, t = r.t, n, top;
  if (t === 2 || t === 7 || t === 3) {
    // The shortest of 1, 2, 4, 8 bytes (two's complement for Integer and Time).
    for (n = 1; n < 8; n *= 2) {
      top = Math.pow(2, 8 * n - (t === 3 ? 0 : 1));
      if (v >= (t === 3 ? 0 : -top) && v < top) break;
    }
    v = writeInt(v, n, []);
  } else if (t === 4) v = floatBytes(v, 4) || floatBytes(v, 8);
  else if (t === 5) v = [v ? 1 : 0];
  else if (t === 8) v = [v[0] >> 8, v[0] & 255, v[1] >> 8, v[1] & 255];
  else if (t === 1 || t === 9) v = toUtf8(v, []);
  else if (t !== 6) fail(12, at);
  if (v.length > 16777215) fail(6, at);
  tlvPut(kind, id, v, out);
}

// The canonical TLV of typed records {p, t, v} at request path q (core/src/tlv/writer.rs: object-instance wrappers
// exactly for an object path; resources, and resource instances under their multiple resource, in order of first
// appearance).
function tlvEncode(rs, q) {
  var out = [], i;
  for (i = 0; i < rs.length; i++) {
    checkRecord(rs[i], i, q);
  }
  if (q.length === 4) {
    if (rs.length > 1) fail(4, 1);
    if (rs.length) tlvElement(RESOURCE_INSTANCE, rs[0].p[3], rs[0], 0, out);
    return out;
  }
  function seenBefore(i, depth) {
    for (var j = 0; j < i; j++) if (samePrefix(rs[j].p, rs[i].p, depth)) return true;
    return false;
  }
  function putResource(first, sink) {
    var head = rs[first], members = [], j, k, body = [];
    for (j = first; j < rs.length; j++) if (samePrefix(rs[j].p, head.p, 3)) members.push(j);
    if (head.p.length === 3) {
      if (members.length > 1) fail(4, members[1]);
      return tlvElement(RESOURCE, head.p[2], head, first, sink);
    }
    for (j = 0; j < members.length; j++) {
      var m = rs[members[j]];
      if (m.p.length !== 4) fail(4, members[j]);
      for (k = 0; k < j; k++) if (rs[members[k]].p[3] === m.p[3]) fail(4, members[j]);
    }
    for (j = 0; j < members.length; j++) tlvElement(RESOURCE_INSTANCE, rs[members[j]].p[3], rs[members[j]], members[j], body);
    tlvPut(MULTIPLE_RESOURCE, head.p[2], body, sink);
  }
  function putInstance(first, iid, sink) {
    for (var j = first; j < rs.length; j++) if (rs[j].p[1] === iid && !seenBefore(j, 3)) putResource(j, sink);
  }
  if (q.length === 1) {
    for (i = 0; i < rs.length; i++) {
      if (seenBefore(i, 2)) continue;
      var body = [];
      putInstance(i, rs[i].p[1], body);
      tlvPut(OBJECT_INSTANCE, rs[i].p[1], body, out);
    }
  } else putInstance(0, q[1], out);
  return out;
}
