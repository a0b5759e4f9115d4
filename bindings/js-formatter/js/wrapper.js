// The TS013 layer of the formatter, ES5. build.sh places it, with the wasm2js output of the codec core before it,
// inside `function (T) { ... }`; the generator (`ucifi formatter`) calls that function with the tables T:
//   T.o  objects, "\n"-separated: "id\tname\tresource\t..."; a resource is "id^type letter^name^unit"
//        (type letter: "a" + DataType code - 1); a name starting with "!" is keyed by its id in `data`.
//   T.e  error kind names by code - 1;  T.m  their messages;  T.t  data type names by code - 1.
// Everything that decides bytes or records is the core's (asmFunc); this file only moves values in and out of its
// buffers and builds or reads the `data` layout of bindings/wasm/README.md.

var IN_CAP = 2048, REC = 32, MAX_ENCODE = 512, ARENA_CAP = 8192, NO_ENTRY = 4294967294, ENCODER_STAGE = 2147483648;
var NONE = -1;
var RELATIVE_TIME_LIMIT = 268435456, MAX_SAFE = 9007199254740991;
var W, U8, DV, P_IN, P_OUT, P_AR, P_MOD, OBJ, ORDER, BYNAME;

function TE(message) {
  return new TypeError(message);
}

// A codec error: the core's kind and offset, the message as the core prints it (plus a suffix).
function codecError(code, offset, suffix) {
  var e = new Error(T.e[code - 1] + ' at offset ' + offset + ': ' + T.m[code - 1] + (suffix ? ' ' + suffix : ''));
  e.code = T.e[code - 1];
  e.offset = offset;
  return e;
}

function line(e) {
  if (e && e.code) return e.message;
  if (e instanceof Error) return e.name + ': ' + e.message;
  return String(e);
}

function has(o, k) {
  return Object.prototype.hasOwnProperty.call(o, k);
}

// The tables, parsed once per script evaluation.
function tables() {
  if (OBJ) return;
  OBJ = {};
  ORDER = [];
  BYNAME = {};
  var lines = T.o ? T.o.split('\n') : [], i, j;
  for (i = 0; i < lines.length; i++) {
    var f = lines[i].split('\t'), id = +f[0], o = { id: id, n: f[1], k: f[1], r: {}, ids: [], byName: {} };
    if (o.n.charAt(0) === '!') {
      o.n = o.n.slice(1);
      o.k = '' + id;
    }
    if (!has(BYNAME, '$' + o.n)) BYNAME['$' + o.n] = id;
    for (j = 2; j < f.length; j++) {
      var r = f[j].split('^'), rid = +r[0], d = { t: r[1].charCodeAt(0) - 96, n: r[2], k: r[2], u: r[3] || '' };
      if (d.n.charAt(0) === '!') {
        d.n = d.n.slice(1);
        d.k = '' + rid;
      }
      if (!has(o.byName, '$' + d.n)) o.byName['$' + d.n] = rid;
      o.r[rid] = d;
      o.ids.push(rid);
    }
    OBJ[id] = o;
    ORDER.push(id);
  }
}

function objectDef(id) {
  return has(OBJ, id) ? OBJ[id] : undefined;
}

function resourceDef(o, rid) {
  return o && has(o.r, rid) ? o.r[rid] : undefined;
}

// A fresh instance of the core with the model loaded (again after a trap, whose state cannot be trusted).
function init() {
  if (W) return;
  tables();
  var w = asmFunc({}), buf = w.memory.buffer, i, j;
  U8 = new Uint8Array(buf);
  DV = new DataView(buf);
  P_IN = w.buf_in();
  P_OUT = w.buf_out();
  P_AR = w.buf_arena();
  P_MOD = w.buf_model();
  var at = P_MOD;
  for (i = 0; i < ORDER.length; i++) {
    var o = OBJ[ORDER[i]];
    DV.setUint16(at, o.id, true);
    DV.setUint16(at + 2, o.ids.length, true);
    at += 4;
    for (j = 0; j < o.ids.length; j++) {
      DV.setUint16(at, o.ids[j], true);
      U8[at + 2] = o.r[o.ids[j]].t;
      at += 3;
    }
  }
  if (w.load_model(at - P_MOD) < 0) throw new Error('the object tables do not load (offset ' + (w.err_offset() >>> 0) + ')');
  W = w;
}

// Runs `f` on the core; a trap (a panic in Rust) drops the instance and becomes an error line.
function guarded(f) {
  try {
    return f();
  } catch (e) {
    if (!(e && e.code) && !(e instanceof TypeError)) {
      W = undefined;
      throw new Error('internal error in the codec core: ' + line(e));
    }
    throw e;
  }
}

// ---- bytes and text in the core's memory ----

function hexDigit(c) {
  return c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
}

function toBytes(v, what) {
  var out = [], i, x;
  if (typeof v === 'string') {
    for (i = 0; i < v.length; i++) if (hexDigit(v.charCodeAt(i)) < 0) throw codecError(15, i);
    if (v.length % 2) throw codecError(15, v.length);
    for (i = 0; i < v.length; i += 2) out.push(hexDigit(v.charCodeAt(i)) * 16 + hexDigit(v.charCodeAt(i + 1)));
    return out;
  }
  var bad = TE(what + ': expected a Uint8Array, an array of integers 0..255 or a hex string');
  var typed = typeof Uint8Array !== 'undefined' && v instanceof Uint8Array;
  if (!typed && Object.prototype.toString.call(v) !== '[object Array]') throw bad;
  for (i = 0; i < v.length; i++) {
    x = v[i];
    if (typeof x !== 'number' || x % 1 !== 0 || x < 0 || x > 255) throw bad;
    out.push(x);
  }
  return out;
}

function putBytes(bytes) {
  for (var i = 0; i < bytes.length && i < IN_CAP; i++) U8[P_IN + i] = bytes[i];
}

// UTF-8 of a JS string, appended to `out`.
function utf8(s, out) {
  for (var i = 0; i < s.length; i++) {
    var c = s.charCodeAt(i);
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length) {
      var d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d < 0xe000) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      }
    }
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return out;
}

// A JS string from UTF-8 the core has validated.
function fromUtf8(at, n) {
  var s = '', end = at + n, c;
  while (at < end) {
    c = U8[at++];
    if (c >= 0xf0) c = ((c & 7) << 18) | ((U8[at++] & 63) << 12) | ((U8[at++] & 63) << 6) | (U8[at++] & 63);
    else if (c >= 0xe0) c = ((c & 15) << 12) | ((U8[at++] & 63) << 6) | (U8[at++] & 63);
    else if (c >= 0xc0) c = ((c & 31) << 6) | (U8[at++] & 63);
    if (c >= 0x10000) {
      c -= 0x10000;
      s += String.fromCharCode(0xd800 + (c >> 10), 0xdc00 + (c & 1023));
    } else s += String.fromCharCode(c);
  }
  return s;
}

function hex(at, n) {
  var s = '';
  for (var i = 0; i < n; i++) s += (U8[at + i] < 16 ? '0' : '') + U8[at + i].toString(16);
  return s;
}

// Writes texts into the arena from `at`; returns [offset, length] pairs and the next free offset.
function arenaText(list, at) {
  var spans = [];
  for (var i = 0; i < list.length; i++) {
    var b = utf8(list[i], []);
    if (at + b.length > ARENA_CAP) throw codecError(13, at + b.length);
    for (var k = 0; k < b.length; k++) U8[P_AR + at + k] = b[k];
    spans.push([at, b.length]);
    at += b.length;
  }
  spans.push(at);
  return spans;
}

// ---- decoding ----

// Calls a decode export on `bytes`; returns the records as {ids, path, type, value, flags, time}.
function decodeWith(bytes, call) {
  init();
  putBytes(bytes);
  var n = call(bytes.length), out = [], i, k;
  if (n < 0) throw codecError(-n, W.err_offset() >>> 0);
  for (i = 0; i < n; i++) {
    var p = P_OUT + i * REC, code = U8[p], flags = U8[p + 1], ids = [], v;
    for (k = 0; k < U8[p + 2]; k++) ids.push(DV.getUint16(p + 4 + 2 * k, true));
    var at = P_AR + DV.getUint32(p + 16, true), len = DV.getUint32(p + 20, true);
    if (flags & 4) v = fromUtf8(at, len);
    else if (code === 1 || code === 9) v = fromUtf8(at, len);
    else if (code === 6) v = hex(at, len);
    else if (code === 5) v = U8[p + 16] === 1;
    else if (code === 8) v = DV.getUint16(p + 16, true) + ':' + DV.getUint16(p + 18, true);
    else if (code === 10) v = null;
    else {
      v = DV.getFloat64(p + 16, true);
      if (v !== v) v = 'NaN';
      else if (v === Infinity) v = 'Infinity';
      else if (v === -Infinity) v = '-Infinity';
    }
    out.push({ ids: ids, path: '/' + ids.join('/'), type: T.t[code - 1], value: v, flags: flags,
      time: flags & 1 ? DV.getFloat64(p + 24, true) : undefined });
  }
  return out;
}

// `parent[key]`, made an empty object first if absent.
function child(parent, key) {
  var v = parent[key];
  if (v !== undefined && v !== null) return typeof v === 'object' ? v : {};
  v = {};
  parent[key] = v;
  return v;
}

// Sets a leaf; a path set again (a SenML series) becomes an array of its values in frame order.
function put(parent, key, value, repeated) {
  if (!repeated) parent[key] = value;
  else if (Object.prototype.toString.call(parent[key]) === '[object Array]') parent[key].push(value);
  else parent[key] = [parent[key], value];
}

function leafParent(root, okey, r, rkey) {
  var inst = child(child(root, okey), '' + (r.ids.length > 1 ? r.ids[1] : 0));
  return r.ids.length > 3 ? [child(inst, rkey), '' + r.ids[3]] : [inst, rkey];
}

// The TS013 `data` of decoded records (bindings/wasm/README.md, "The data layout").
function toData(records, received, warnings) {
  var data = {}, units = {}, types = {}, times = {}, seen = {}, timed = {}, hasUnits, hasTypes, hasTimes, i;
  for (i = 0; i < records.length; i++) if (records[i].flags & 1) timed[records[i].path] = 1;
  for (i = 0; i < records.length; i++) {
    var r = records[i], o = objectDef(r.ids[0]), okey = o ? o.k : '' + r.ids[0];
    var rid = r.ids.length > 2 ? r.ids[2] : 0, def = resourceDef(o, rid), rkey = def ? def.k : '' + rid;
    var repeated = has(seen, r.path), lp = leafParent(data, okey, r, rkey);
    seen[r.path] = 1;
    put(lp[0], lp[1], r.value, repeated);
    if (r.ids.length > 2 && def && def.u) {
      child(units, okey)[rkey] = def.u;
      hasUnits = 1;
    }
    if (r.flags & 2) {
      child(types, okey)[rkey] = r.type;
      hasTypes = 1;
      if (!repeated) warnings.push(r.path + ': resource not in the model; kept under key "' + rkey + '" as ' + r.type);
    }
    if (has(timed, r.path)) {
      var t = r.flags & 1 ? (received !== undefined && r.time < RELATIVE_TIME_LIMIT ? received + r.time : r.time) : null;
      lp = leafParent(times, okey, r, rkey);
      put(lp[0], lp[1], t, repeated);
      hasTimes = 1;
    }
  }
  if (hasUnits) data.units = units;
  if (hasTypes) data.types = types;
  if (hasTimes) data.time = times;
  return data;
}

// The record objects of the WASM package's `decode` (name and unit from the tables).
function toRecords(records) {
  var out = [];
  for (var i = 0; i < records.length; i++) {
    var r = records[i], def = r.ids.length > 2 ? resourceDef(objectDef(r.ids[0]), r.ids[2]) : undefined, x = { path: r.path };
    if (def && !(r.flags & 2)) {
      x.name = def.n;
      if (def.u) x.unit = def.u;
    }
    x.type = r.type;
    x.value = r.value;
    if (r.flags & 2) x.unknown = true;
    if (r.flags & 1) x.time = r.time;
    out.push(x);
  }
  return out;
}

function prop(o, k) {
  var v = o !== null && typeof o === 'object' ? o[k] : undefined;
  return v === null ? undefined : v;
}

function intProp(o, k, min, max) {
  var v = prop(o, k);
  if (v !== undefined && (typeof v !== 'number' || v % 1 !== 0 || v < min || v > max)) {
    throw TE(k + ': expected an integer in ' + min + '..' + max);
  }
  return v;
}

function recvSeconds(input) {
  var t = prop(input, 'recvTime'), ms;
  if (t === undefined) return undefined;
  if (typeof t === 'number') ms = t;
  else if (typeof t === 'object' && typeof t.getTime === 'function') ms = t.getTime();
  else throw TE('input.recvTime: expected a Date');
  if (!isFinite(ms)) throw TE('input.recvTime: invalid date');
  return ms / 1000;
}

// decodeUplink / decodeDownlink (and the hidden `__ucifiDecode`, which names a format instead of a port).
function decodeTs013(input, uplink, spec) {
  var warnings = [], out = {};
  try {
    if (input === null || typeof input !== 'object') throw TE('input: expected {bytes, fPort}');
    var bytes = toBytes(prop(input, 'bytes'), 'input.bytes'), named = spec && spec.fPort === undefined, fport, records;
    if (!named) {
      fport = intProp(input, 'fPort', 0, 255);
      if (fport === undefined) throw TE('input.fPort: expected an integer in 0..255');
    }
    var received = uplink ? recvSeconds(input) : undefined;
    records = guarded(function () {
      return decodeWith(bytes, named ? function (n) {
        if (!W.decode) throw TE('this file decodes by fPort only (its core has no named formats)');
        var s = arenaText(spec.path === undefined ? [spec.format] : [spec.format, spec.path], 0);
        return W.decode(n, s[0][1], spec.path === undefined ? NONE : s[1][1]);
      } : function (n) {
        return W.decode_uplink(fport, n);
      });
    });
    out.data = toData(records, received, warnings);
    if (spec) out.records = toRecords(records);
    out.errors = [];
  } catch (e) {
    out.errors = [line(e)];
  }
  out.warnings = warnings;
  return out;
}

// ---- encoding ----

function idOf(key) {
  return /^[0-9]+$/.test(key) && +key <= 65535 ? +key : undefined;
}

function badKey(what, key) {
  return codecError(10, 0, '(data key ' + JSON.stringify(key) + ': ' + what + ')');
}

function entries(v, what) {
  if (v === null || typeof v !== 'object' || Object.prototype.toString.call(v) === '[object Array]') {
    throw TE(what + ': expected an object');
  }
  var out = [];
  for (var k in v) if (has(v, k)) out.push([k, v[k]]);
  return out;
}

function inferredType(v) {
  var first = Object.prototype.toString.call(v) === '[object Array]' ? v[0] : v;
  return typeof first === 'boolean' ? 'boolean' : typeof first === 'bigint' ? 'integer'
    : typeof first === 'number' ? 'float' : first === null ? 'none' : 'opaque';
}

// A JS value as the record input's scalar: [kind, value] (kind 0 null, 1 false, 2 true, 3 number, 4 text), or
// the reason it is not one.
function scalar(v) {
  if (v === undefined || v === null) return [0];
  if (typeof v === 'boolean') return [v ? 2 : 1];
  if (typeof v === 'number') return [3, v];
  if (typeof v === 'bigint') {
    var n = Number(v);
    return Math.abs(n) <= MAX_SAFE ? [3, n] : [4, String(v)];
  }
  if (typeof v === 'string') return [4, v];
  return 'a value that is not a number, BigInt, string, boolean or null';
}

// Record inputs ({path, type, value, time}) from a TS013 `data` object, in its key order (bindings/wasm ts013.rs).
function fromData(data, warnings) {
  var types = prop(data, 'types'), times = prop(data, 'time'), inputs = [], list = entries(data, 'data'), a, b, c;
  tables();
  for (a = 0; a < list.length; a++) {
    var okey = list[a][0];
    if (okey === 'units' || okey === 'types' || okey === 'time') continue;
    var oid = idOf(okey);
    if (oid === undefined) {
      if (!has(BYNAME, '$' + okey)) throw badKey('no object of that name in the model', okey);
      oid = BYNAME['$' + okey];
    }
    var o = objectDef(oid), insts = entries(list[a][1], 'data[' + JSON.stringify(okey) + ']');
    for (b = 0; b < insts.length; b++) {
      var ikey = insts[b][0], iid = idOf(ikey);
      if (iid === undefined) throw badKey('expected an instance id', ikey);
      var res = entries(insts[b][1], 'data[' + JSON.stringify(okey) + '][' + JSON.stringify(ikey) + ']');
      for (c = 0; c < res.length; c++) {
        var rkey = res[c][0], value = res[c][1], rid = idOf(rkey), type;
        if (rid === undefined) {
          if (!o || !has(o.byName, '$' + rkey)) throw badKey('no resource of that name in the object', rkey);
          rid = o.byName['$' + rkey];
        }
        if (!resourceDef(o, rid)) {
          var given = prop(prop(types, okey), rkey);
          type = typeof given === 'string' ? given : inferredType(value);
          warnings.push('/' + oid + '/' + iid + '/' + rid + ': resource not in the model; encoded as ' + type);
        }
        var t = prop(prop(prop(times, okey), ikey), rkey), base = '/' + oid + '/' + iid + '/' + rid;
        var plain = value !== null && typeof value === 'object' && Object.prototype.toString.call(value) !== '[object Array]'
          && !(typeof Uint8Array !== 'undefined' && value instanceof Uint8Array);
        if (plain) {
          var ris = entries(value, 'resource instances');
          for (var d = 0; d < ris.length; d++) {
            var ri = idOf(ris[d][0]);
            if (ri === undefined) throw badKey('expected a resource-instance id', ris[d][0]);
            leaves(inputs, base + '/' + ri, type, ris[d][1], prop(t, ris[d][0]));
          }
        } else leaves(inputs, base, type, value, t);
      }
    }
  }
  return inputs;
}

function leaves(out, path, type, value, time) {
  var series = Object.prototype.toString.call(value) === '[object Array]', list = series ? value : [value], i;
  for (i = 0; i < list.length; i++) {
    var s = scalar(list[i]), t = series ? (Object.prototype.toString.call(time) === '[object Array]' ? time[i] : undefined) : time;
    if (typeof s === 'string') throw codecError(16, out.length, '(' + path + ': ' + s + ')');
    out.push({ path: path, type: type, s: s, time: typeof t === 'number' ? t : undefined });
  }
}

// Writes record inputs into the core's buffers: 32-byte slots, texts in the arena from `at`; returns the arena end.
function putRecords(inputs, at) {
  if (inputs.length > MAX_ENCODE) throw codecError(13, inputs.length);
  for (var i = 0; i < inputs.length; i++) {
    var r = inputs[i], p = P_OUT + i * REC, k;
    for (k = 0; k < REC; k++) U8[p + k] = 0;
    var texts = [r.path];
    if (r.type !== undefined) texts.push(r.type);
    if (r.s[0] === 4) texts.push(r.s[1]);
    var spans = arenaText(texts, at);
    at = spans[spans.length - 1];
    U8[p] = r.s[0];
    U8[p + 1] = (r.time !== undefined ? 1 : 0) | (r.type !== undefined ? 2 : 0);
    DV.setUint16(p + 4, spans[0][0], true);
    DV.setUint16(p + 6, spans[0][1], true);
    if (r.type !== undefined) {
      DV.setUint16(p + 8, spans[1][0], true);
      DV.setUint16(p + 10, spans[1][1], true);
    }
    if (r.s[0] === 3) DV.setFloat64(p + 16, r.s[1], true);
    if (r.s[0] === 4) {
      DV.setUint32(p + 16, spans[spans.length - 2][0], true);
      DV.setUint32(p + 20, spans[spans.length - 2][1], true);
    }
    if (r.time !== undefined) DV.setFloat64(p + 24, r.time, true);
  }
  return at;
}

function frame(n) {
  var out = [];
  for (var i = 0; i < n; i++) out.push(U8[P_IN + i]);
  return out;
}

function encodeDownlink(input) {
  var warnings = [], out = {};
  try {
    var data = prop(input, 'data');
    if (data === undefined) throw TE('input.data: expected an object');
    var fport = intProp(input, 'fPort', 0, 255), inputs = fromData(data, warnings);
    var n = guarded(function () {
      init();
      putRecords(inputs, 0);
      var m = W.encode_port(inputs.length, fport === undefined ? 256 : fport, 1), rec = W.err_record() >>> 0;
      if (m >= 0) return m;
      // The record at fault, from typing (its index) or from the encoder (ENCODER_STAGE | index).
      var at = W.err_offset() >>> 0, idx = rec >= ENCODER_STAGE && rec < NO_ENTRY ? rec - ENCODER_STAGE : rec;
      if (rec === NO_ENTRY) throw codecError(-m, at, '(no entry of the fPort table carries these records; give fPort)');
      if (idx < inputs.length) throw codecError(-m, at, '(' + inputs[idx].path + ')');
      throw codecError(-m, at);
    });
    out.bytes = frame(n);
    out.fPort = W.enc_port();
    out.errors = [];
  } catch (e) {
    out.errors = [line(e)];
  }
  out.warnings = warnings;
  return out;
}

// The hidden encoder: record objects ({path, type?, value, time?}) in their order, as the WASM package's `encode`.
function encodeRecords(records, spec, maxBytes) {
  try {
    var inputs = [], i;
    for (i = 0; i < records.length; i++) {
      var r = records[i], why;
      if (r === null || typeof r !== 'object') why = 'not an object';
      else if (prop(r, 'path') === undefined) why = 'no path';
      else if (typeof r.path !== 'string') why = 'path is not a string';
      else if (prop(r, 'type') !== undefined && typeof r.type !== 'string') why = 'type is not a string';
      else if (prop(r, 'time') !== undefined && typeof r.time !== 'number') why = 'time is not a number';
      var s = why ? 0 : scalar(prop(r, 'value'));
      if (typeof s === 'string') why = s;
      if (why) throw codecError(16, i, '(record ' + i + ': ' + why + ')');
      inputs.push({ path: r.path, type: prop(r, 'type'), s: s, time: prop(r, 'time') });
    }
    var n = guarded(function () {
      init();
      var at = putRecords(inputs, 0), m;
      if (spec.fPort !== undefined) m = W.encode_port(inputs.length, spec.fPort, 0);
      else {
        if (!W.encode) throw TE('this file encodes by fPort only (its core has no named formats)');
        var s = arenaText(spec.path === undefined ? [spec.format] : [spec.format, spec.path], at);
        m = W.encode(inputs.length, at, s[0][1], spec.path === undefined ? NONE : s[1][1],
          maxBytes === undefined ? IN_CAP : maxBytes);
      }
      var rec = W.err_record() >>> 0;
      if (m >= 0) return m;
      if (-m === 16 && rec < inputs.length) throw codecError(16, W.err_offset() >>> 0, '(record ' + rec + ', ' + inputs[rec].path + ')');
      throw codecError(-m, W.err_offset() >>> 0);
    });
    return { bytes: frame(n), errors: [] };
  } catch (e) {
    return { errors: [line(e)], code: e && e.code, offset: e && e.offset };
  }
}

return {
  decodeUplink: function (input) {
    return decodeTs013(input, true);
  },
  decodeDownlink: function (input) {
    return decodeTs013(input, false);
  },
  encodeDownlink: encodeDownlink,
  // Test helpers: any format of this build at a request path, or a port, as the WASM package's decode/encode.
  decode: function (bytes, spec, recvTime) {
    return decodeTs013({ bytes: bytes, fPort: spec.fPort, recvTime: recvTime }, true, spec);
  },
  encode: encodeRecords
};
