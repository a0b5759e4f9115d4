// The JS halves of the module (src/batch.rs, src/args.rs), handed to it by the package's entry (`__setup`) before
// any other call. build.sh puts this file at the head of both entries (pkg/node and pkg/web ucifi_wasm.js).

// The record builder (src/batch.rs): builds record objects and TS013 data from the tables the module leaves in its
// memory; `names` holds the model strings, paths and keys the module handed over, by id.
function recordBuilder(memory) {
  const names = [], dec = new TextDecoder();
  let mem = new Float64Array(memory.buffer), u8 = new Uint8Array(memory.buffer);
  const view = () => {
    // A grown memory detaches the old buffer, whose views then have no length.
    if (mem.length === 0) { mem = new Float64Array(memory.buffer); u8 = new Uint8Array(memory.buffer); }
    return mem;
  };
  const text = (a, len) => {
    if (len > 24) return dec.decode(u8.subarray(a, a + len));
    let s = '';
    for (let j = a, e = a + len; j < e; j++) {
      const c = u8[j];
      if (c > 127) return dec.decode(u8.subarray(a, a + len));
      s += String.fromCharCode(c);
    }
    return s;
  };
  // TS013 data: the object under `key` (made when there is none), and a value put under `key` (joining a series).
  const child = (p, key) => {
    const c = p[key];
    if (typeof c === 'object' && c !== null) return c;
    return (p[key] = {});
  };
  const put = (p, key, v, repeated) => {
    if (!repeated) { p[key] = v; return; }
    const old = p[key];
    if (Array.isArray(old)) old.push(v); else p[key] = [old, v];
  };
  // The TS013 result of a table, built key by key; with `holes`, every value and time is a symbol standing for its
  // place in `values` (the record's index, or the count of records plus it for its time), for `compile`.
  const tree = (start, len, at, keysAt, recv, holes) => {
    const n = view(), end = start + len, count = len / 12;
    const data = {}, warnings = [];
    let units = null, types = null, times = null;
    // The instance object and the units object of the record before: the next record is usually in them too.
    let lastO, lastInst, lastI, unitsO, unitsOf;
    for (let k = start, j = keysAt, rec = 0; k < end; k += 12, j += 3, rec++) {
      const kind = n[k + 7], v = n[k + 8];
      let value;
      if (holes) value = hole(rec);
      else if (kind === 0) value = v;
      else if (kind === 2) value = v !== 0;
      else if (kind === 3) value = null;
      else { value = text(at, v); at += v; }
      const okey = names[n[j]], rkey = names[n[j + 1]], fl = n[j + 2];
      const inst = n[k + 1] < 0 ? 0 : n[k + 1], x = n[k + 3], repeated = (fl & 1) !== 0;
      let i = lastI;
      if (okey !== lastO || inst !== lastInst) {
        i = lastI = child(child(data, okey), inst);
        lastO = okey;
        lastInst = inst;
      }
      if (x < 0) put(i, rkey, value, repeated); else put(child(i, rkey), x, value, repeated);
      if (n[k + 5] >= 0) {
        if (okey !== unitsOf) {
          unitsO = child(units ??= {}, okey);
          unitsOf = okey;
        }
        unitsO[rkey] = names[n[k + 5]];
      }
      if (n[k + 9] & 1) {
        const type = names[n[k + 6]];
        child(types ??= {}, okey)[rkey] = type;
        if (!repeated) {
          const o = n[k], r = n[k + 2];
          const path = '/' + o + '/' + n[k + 1] + '/' + r + (x < 0 ? '' : '/' + x);
          warnings.push(path + ': resource not in the model; kept under key "' + rkey + '" as ' + type);
        }
      }
      if (fl & 2) {
        let t = null;
        if (holes) t = hole(count + rec);
        else if (n[k + 9] & 2) {
          t = n[k + 10];
          if (recv !== undefined && t < 268435456) t = recv + t;
        }
        const ti = child(child(times ??= {}, okey), inst);
        if (x < 0) put(ti, rkey, t, repeated); else put(child(ti, rkey), x, t, repeated);
      }
    }
    if (units !== null) data.units = units;
    if (types !== null) data.types = types;
    if (times !== null) data.time = times;
    return { data, errors: [], warnings };
  };
  // A function of one shape: the result of `tree` with holes, written as object and array literals (a literal
  // makes its object in one step; setting keys one by one on new objects is most of the cost of `tree`). Where
  // code cannot be made from text (a content security policy), or a key is `__proto__` (a literal would set the
  // prototype), `tree` builds every table.
  let planShape = -1, plan = null, canCompile = true, run = 0, budget = 16;
  const holeSyms = [], holeIndex = new Map(), vals = [];
  const hole = (i) => {
    while (holeSyms.length <= i) {
      const h = Symbol();
      holeIndex.set(h, holeSyms.length);
      holeSyms.push(h);
    }
    return holeSyms[i];
  };
  const compile = (start, len, keysAt) => {
    let ok = true;
    const lit = (x) => {
      if (typeof x === 'symbol') return 'v[' + holeIndex.get(x) + ']';
      if (typeof x !== 'object' || x === null) return JSON.stringify(x);
      if (Array.isArray(x)) return '[' + x.map(lit).join(',') + ']';
      let s = '{';
      for (const k of Object.keys(x)) {
        if (k === '__proto__') ok = false;
        s += JSON.stringify(k) + ':' + lit(x[k]) + ',';
      }
      return s + '}';
    };
    const code = 'return ' + lit(tree(start, len, 0, keysAt, undefined, true));
    if (!ok) return false;
    try {
      return new Function('v', code);
    } catch {
      canCompile = false;
      return false;
    }
  };
  // The values and times of a table, in the places `tree` gave their holes.
  const values = (start, len, at, keysAt, recv) => {
    const n = view(), end = start + len, count = len / 12;
    for (let k = start, j = keysAt, rec = 0; k < end; k += 12, j += 3, rec++) {
      const kind = n[k + 7], v = n[k + 8];
      let value;
      if (kind === 0) value = v;
      else if (kind === 2) value = v !== 0;
      else if (kind === 3) value = null;
      else { value = text(at, v); at += v; }
      vals[rec] = value;
      if (n[j + 2] & 2) {
        let t = null;
        if (n[k + 9] & 2) {
          t = n[k + 10];
          if (recv !== undefined && t < 268435456) t = recv + t;
        }
        vals[count + rec] = t;
      }
    }
    return vals;
  };
  return {
    // As an internalized string (a property key made once): the keys of TS013 data are looked up by them.
    intern(s) { names.push(Object.keys({ [s]: 0 })[0]); },
    build(start, len, at) {
      const n = view(), end = start + len, out = [];
      for (let k = start; k < end; k += 12) {
        const pid = n[k + 11];
        let path;
        if (pid >= 0) path = names[pid];
        else {
          const o = n[k], i = n[k + 1], r = n[k + 2], x = n[k + 3];
          path = r < 0 ? (i < 0 ? '/' + o : '/' + o + '/' + i)
            : (x < 0 ? '/' + o + '/' + i + '/' + r : '/' + o + '/' + i + '/' + r + '/' + x);
        }
        const kind = n[k + 7], v = n[k + 8], nid = n[k + 4], uid = n[k + 5], type = names[n[k + 6]];
        let value;
        if (kind === 0) value = v;
        else if (kind === 1) { value = text(at, v); at += v; }
        else if (kind === 2) value = v !== 0;
        else if (kind === 3) value = null;
        else { value = BigInt(text(at, v)); at += v; }
        const rec = nid < 0 ? { path, type, value }
          : uid < 0 ? { path, name: names[nid], type, value }
          : { path, name: names[nid], unit: names[uid], type, value };
        const flags = n[k + 9];
        if (flags !== 0) {
          if (flags & 1) rec.unknown = true;
          if (flags & 2) rec.time = n[k + 10];
        }
        out.push(rec);
      }
      return out;
    },
    // `shape`: the number of the table's `data` shape (src/batch.rs `shape`; undefined: none). The fourth table in
    // a row of one shape gets a function made for it, which builds the result from the values alone. Making one
    // costs tens of microseconds: short runs of shapes taking turns make none, and a budget (one function per 256
    // tables over time, sixteen at once) bounds what a stream of runs of four or five can cost.
    buildData(start, len, at, keysAt, recv, shape) {
      if (shape === undefined) return tree(start, len, at, keysAt, recv, false);
      if (budget < 16) budget += 1 / 256;
      if (shape !== planShape) {
        planShape = shape;
        plan = null;
        run = 1;
        return tree(start, len, at, keysAt, recv, false);
      }
      if (plan === null) {
        if (++run < 4 || budget < 1 || !canCompile) return tree(start, len, at, keysAt, recv, false);
        budget -= 1;
        plan = compile(start, len, keysAt);
      }
      if (plan === false) return tree(start, len, at, keysAt, recv, false);
      return plan(values(start, len, at, keysAt, recv));
    },
  };
}

// The argument reader (src/args.rs): the quick path of `decode`, and the TS013 input read in one call.
// `at`: the module's frame buffer of `cap` bytes; `ex`: the module's exports; `headAt`: where `__decodeQuick` leaves
// the place of its table, in f64 units.
function argReader(memory, at, cap, ex, builder, headAt) {
  let view = new Uint8Array(memory.buffer), head = new Float64Array(memory.buffer);
  let known = false, f, p, port;
  const put = (b) => {
    // A grown memory detaches the old buffer, whose views then have no length.
    if (view.length === 0) { view = new Uint8Array(memory.buffer); head = new Float64Array(memory.buffer); }
    view.set(b, at);
  };
  return {
    decode(b, o, glue) {
      if (known && typeof o === 'object' && o !== null && b instanceof Uint8Array && b.length <= cap) {
        const d = o.ddf;
        if (o.format === f && o.path === p && o.fPort === port && (d === undefined || d === null)) {
          put(b);
          const s = ex.__decodeQuick(b.length);
          if (s === 0) {
            if (head.length === 0) head = new Float64Array(memory.buffer);
            const h = headAt;
            return builder.build(head[h], head[h + 1], head[h + 2]);
          }
          if (s === 1) throw glue.__takeError();
        }
      }
      return glue.decode(b, o);
    },
    remember(of, op, oport) { known = true; f = of; p = op; port = oport; },
    forget() { known = false; },
    uplink(i, glue, up) {
    const general = () => (up ? glue.decodeUplink(i) : glue.decodeDownlink(i));
    if (typeof i !== 'object' || i === null) return general();
    const b = i.bytes, fp = i.fPort, r = i.recvTime;
    if (typeof fp !== 'number' || !Number.isInteger(fp) || fp < 0 || fp > 255) return general();
    let n;
    if (b instanceof Uint8Array) {
      n = b.length;
      if (n > cap) return general();
    } else if (Array.isArray(b)) {
      n = b.length;
      if (n > cap) return general();
      for (let k = 0; k < n; k++) {
        const x = b[k];
        if (typeof x !== 'number' || !Number.isInteger(x) || x < 0 || x > 255) return general();
      }
    } else return general();
    let recv;
    if (up && r !== undefined && r !== null) {
      const ms = r instanceof Date ? r.getTime() : r;
      if (typeof ms !== 'number' || !Number.isFinite(ms)) return general();
      recv = ms / 1000;
    }
    put(b);
    if (ex.__uplinkQuick(n, fp) !== 0) return { errors: [glue.__takeError()], warnings: [] };
    if (head.length === 0) head = new Float64Array(memory.buffer);
    const h = headAt;
    return builder.buildData(head[h], head[h + 1], head[h + 2], head[h + 3], recv, head[h + 4]);
  },
  };
}
