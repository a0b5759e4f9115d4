'use strict';
// Expected results for the formatter tests, from the WASM package (bindings/wasm/pkg/node): the same core behind
// wasm-bindgen, so the formatter must give exactly what it gives.
//
// Every case of every vectors/ file becomes test cases for qjs-runner (src/main.rs) and tools/duk-cases.js:
// Tag `ts013`: the calls of the TS013 entry points, which every shipped file runs; the others need the test engine.
//   decodeUplink   fPort cases: the TS013 result, as ChirpStack and TTS call the file
//   decode         every decode case through the hidden __ucifiDecode: `data`, warnings, errors (the WASM package's
//                  decodeUplink with a port set to the case's format and path) and the records (its `decode`)
//   encode         encode cases, and the re-encoding of round-trip cases, through the hidden __ucifiEncode
//   encodeDownlink fPort cases: the decoded `data` back to bytes, with the case's fPort and without (auto)
// BigInt values (integers beyond 2^53 - 1) become decimal strings: what the formatter gives and takes.
// The formatter has TLV, SenML-CBOR and LwM2M-CBOR (what LoRaWAN frames carry on the fPort convention): cases of
// the core's other formats (SKIPPED below) are left out, and counted. A downlink over 242 bytes, which the WASM
// package encodes, is BUFFER_TOO_SMALL in the formatter (at the size needed).
// Cases with `ddf` documents go to ddf/<id>/ (the documents and their own cases), one formatter each.
//
// Usage: node tools/cases.cjs <out-dir>
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..', '..');
const ucifi = require(path.join(ROOT, 'bindings/wasm/pkg/node/ucifi_wasm.js'));
const { vectorFiles } = require(path.join(ROOT, 'bindings/wasm/test/helpers.cjs'));

const RECV_TIME = new Date(1767225600000); // as qjs-runner's RECV_TIME_MS
const OBJECT_PORT = (fport) => fport >= 10 && fport <= 61 && !(fport >= 40 && fport <= 44);

const MINUS_ZERO = '\u0000-0';

/** Formats of the core the formatter leaves out: their cases do not apply to it. */
const SKIPPED = new Set(['senml-json', 'cbor', 'text', 'opaque']);
const DOWNLINK_MAX = 242;

/** The formatter's encodeDownlink result: the WASM package's, or BUFFER_TOO_SMALL beyond `max` bytes. */
function limited(r, max = DOWNLINK_MAX) {
  if (r.bytes && r.bytes.length > max) {
    return { errors: [`BUFFER_TOO_SMALL at offset ${r.bytes.length}: output buffer too small`], warnings: r.warnings };
  }
  return r;
}

/** JSON-compatible copy: BigInt -> decimal string, undefined dropped, Uint8Array -> array; -0 kept as a marker. */
function plain(v) {
  return JSON.parse(
    JSON.stringify(v, (k, x) =>
      typeof x === 'bigint' ? x.toString() : x instanceof Uint8Array ? [...x] : Object.is(x, -0) ? MINUS_ZERO : x,
    ),
  );
}

/** JSON text of the cases, with -0 written as `-0.0` (JSON.stringify would write 0; qjs-runner keeps -0.0). */
function text(v) {
  return JSON.stringify(v).split(JSON.stringify(MINUS_ZERO)).join('-0.0');
}

function attempt(f) {
  try {
    return { ok: f() };
  } catch (e) {
    return { error: e };
  }
}

const errorLine = (e) => (e.code ? e.message : `${e.name}: ${e.message}`);

/** The WASM package's TS013 decode of a frame in a format at a path (through a user port), or its error. */
function ts013Named(bytes, format, pathText) {
  const set = attempt(() => ucifi.setPorts([{ fPort: 1, format, path: pathText }], { defaults: false }));
  try {
    if (set.error) {
      // The entry cannot exist (unknown format, bad or missing path): the decoder names the error.
      const d = attempt(() => ucifi.decode(bytes, pathText === undefined ? { format } : { format, path: pathText }));
      return { errors: [errorLine(d.error ?? set.error)], warnings: [] };
    }
    return ucifi.decodeUplink({ bytes, fPort: 1, recvTime: RECV_TIME });
  } finally {
    ucifi.setPorts([], { defaults: true });
  }
}

function main() {
  const outDir = process.argv[2];
  if (!outDir) throw new Error('usage: node tools/cases.cjs <out-dir>');
  fs.mkdirSync(outDir, { recursive: true });
  const cases = [];
  const ddfGroups = [];
  let total = 0;
  // Beyond the vectors: 64-bit extremes through an object port (TS013 data and back), as decimal strings.
  const extremes = [
    ['i64-max', [{ path: '/3411/0/1', value: 2n ** 63n - 1n }]],
    ['i64-min', [{ path: '/3411/0/1', value: -(2n ** 63n) }]],
    ['2-pow-53', [{ path: '/3411/0/1', value: 2n ** 53n }, { path: '/3411/1/1', value: -(2n ** 53n) + 1n }]],
  ].map(([id, records]) => ({
    id: `object-port-integer-${id}`,
    description: `64-bit integers on fPort 11 (${id})`,
    fport: 11,
    hex: Buffer.from(ucifi.encode(records, { fPort: 11 })).toString('hex'),
    roundtrip: true,
  }));
  const skipped = {};
  const files = [...vectorFiles(), { file: path.join(ROOT, 'vectors', 'extra', 'extremes.json'), doc: { format: 'fport', cases: extremes } }];
  for (const { file, doc } of files) {
    for (const c of doc.cases) {
      total++;
      const out = c.ddf === undefined ? cases : [];
      const id = `${path.relative(path.join(ROOT, 'vectors'), file)}:${c.id}`;
      const format = c.format ?? doc.format;
      if (c.fport === undefined && SKIPPED.has(format)) {
        skipped[format] = (skipped[format] ?? 0) + 1;
        continue;
      }
      const spec = c.fport !== undefined ? { fPort: c.fport } : c.path === undefined ? { format } : { format, path: c.path };
      const options = { ...spec };
      if (c.ddf !== undefined) options.ddf = c.ddf;
      const tags = [c.fport !== undefined ? 'fport' : 'named'];
      if (c.fport !== undefined && OBJECT_PORT(c.fport)) tags.push('object-port');
      if (c.hex === undefined) {
        // An encode case: the error (or bytes) the WASM package gives.
        const opts = c.buffer === undefined ? options : { ...options, maxBytes: c.buffer };
        const r = attempt(() => ucifi.encode(c.records, opts));
        out.push({
          id: `${id} (encode)`,
          tags,
          call: 'encode',
          input: plain({ records: c.records, spec, maxBytes: c.buffer }),
          expect: r.error
            ? { errors: [errorLine(r.error)], code: r.error.code, offset: r.error.offset }
            : { bytes: plain(r.ok), errors: [] },
        });
        continue;
      }
      const bytes = [...Buffer.from(c.hex, 'hex')];
      const withDdf = (o) => (c.ddf === undefined ? o : { ...o, ddf: c.ddf });
      // The hidden decoder: data, warnings, errors and records.
      let expect;
      if (c.fport !== undefined) {
        expect = ucifi.decodeUplink({ bytes, fPort: c.fport, recvTime: RECV_TIME });
        if (c.ddf !== undefined) {
          const d = attempt(() => ucifi.decode(Uint8Array.from(bytes), options));
          expect = d.error ? { errors: [errorLine(d.error)], warnings: [] } : expect;
        }
      } else if (c.ddf !== undefined) {
        const loaded = attempt(() => ucifi.loadDdf(c.ddf));
        if (loaded.error) {
          // `ucifi formatter --ddf` must refuse the documents with the same error.
          ddfGroups.push({ id: c.id, ddf: c.ddf, cases: [], refuse: { kind: loaded.error.code, offset: loaded.error.offset } });
          ucifi.resetDdf();
          continue;
        }
        try {
          expect = ts013Named(bytes, format, c.path);
        } finally {
          ucifi.resetDdf();
        }
      } else {
        expect = ts013Named(bytes, format, c.path);
      }
      const records = attempt(() => ucifi.decode(Uint8Array.from(bytes), withDdf(options)));
      expect = plain(expect);
      if (records.ok) expect.records = plain(records.ok);
      else expect = { errors: [errorLine(records.error)], warnings: [] };
      out.push({ id: `${id} (decode)`, tags, call: 'decode', input: { bytes, spec }, expect });
      if (c.fport !== undefined && c.ddf === undefined) {
        const up = plain(ucifi.decodeUplink({ bytes, fPort: c.fport, recvTime: RECV_TIME }));
        out.push({ id: `${id} (decodeUplink)`, tags: [...tags, 'ts013'], call: 'decodeUplink', input: { bytes, fPort: c.fport }, expect: up });
        const down = plain(ucifi.decodeDownlink({ bytes, fPort: c.fport }));
        out.push({ id: `${id} (decodeDownlink)`, tags: [...tags, 'ts013'], call: 'decodeDownlink', input: { bytes, fPort: c.fport }, expect: down });
        if (up.data) {
          const data = ucifi.decodeUplink({ bytes, fPort: c.fport, recvTime: RECV_TIME }).data; // BigInt kept
          for (const fPort of [c.fport, undefined]) {
            const suffix = fPort === undefined ? ', no fPort' : '';
            out.push({
              id: `${id} (encodeDownlink${suffix})`,
              tags: [...tags, 'ts013'],
              call: 'encodeDownlink',
              input: fPort === undefined ? { data: up.data } : { data: up.data, fPort },
              expect: limited(plain(ucifi.encodeDownlink(fPort === undefined ? { data } : { data, fPort }))),
            });
          }
        }
      }
      if (c.roundtrip && records.ok) {
        const again = attempt(() => ucifi.encode(records.ok, options));
        out.push({
          id: `${id} (re-encode)`,
          tags,
          call: 'encode',
          input: plain({ records: records.ok.map(({ name, unit, ...r }) => r), spec }),
          expect: again.error
            ? { errors: [errorLine(again.error)], code: again.error.code, offset: again.error.offset }
            : { bytes: plain(again.ok), errors: [] },
        });
      }
      if (c.ddf !== undefined) {
        ddfGroups.push({ id: c.id, ddf: c.ddf, cases: out });
      }
    }
  }
  // Misuse of the TS013 entry points: the same error lines as the WASM package.
  const water = { 'Water meter': { 0: { 'Cumulated water volume': 12.5 } } };
  const misuse = [
    ['decodeUplink', null],
    ['decodeUplink', { bytes: 'zz', fPort: 24 }],
    ['decodeUplink', { bytes: '08000', fPort: 24 }],
    ['decodeUplink', { bytes: [1, 256], fPort: 24 }],
    ['decodeUplink', { bytes: [1, 2] }],
    ['decodeUplink', { bytes: [1, 2], fPort: 300 }],
    ['decodeUplink', { bytes: [1, 2], fPort: 1.5 }],
    ['decodeUplink', { bytes: '0300c10157', fPort: 11, recvTime: 'yesterday' }],
    ['decodeUplink', { bytes: '0300c10157', fPort: 11, recvTime: 1767225600000 }],
    ['decodeUplink', { bytes: '0300c101570401c801', fPort: 11 }],
    ['decodeDownlink', { bytes: '0300c10157', fPort: 11 }],
    ['encodeDownlink', {}],
    ['encodeDownlink', { data: [] }],
    ['encodeDownlink', { data: water, fPort: 'x' }],
    ['encodeDownlink', { data: water, fPort: 44 }],
    ['encodeDownlink', { data: water, fPort: 11 }],
    ['encodeDownlink', { data: { Nothing: { 0: { a: 1 } } } }],
    ['encodeDownlink', { data: { 'Water meter': { x: { 'Cumulated water volume': 1 } } } }],
    ['encodeDownlink', { data: { 'Water meter': { 0: { 'No such resource': 1 } } } }],
    ['encodeDownlink', { data: { 'Water meter': { 0: { 'Cumulated water volume': 'a lot' } } } }],
    ['encodeDownlink', { data: { 'Water meter': { 0: { 'Cumulated water volume': { x: 1 } } } } }],
    ['encodeDownlink', { data: { 'Water meter': { 0: { 'Cumulated water volume': [1, 2, 3] } } } }],
    ['encodeDownlink', { data: { 'Water meter': { 0: { 27: 'beef', 28: 1.5, 29: true }, 1: { 1: 3 } }, types: { 'Water meter': { 28: 'integer' } } } }],
    ['encodeDownlink', { data: { 3424: { 0: { 1: 2.5, 5518: 1700000000 } }, units: { x: 1 } } }],
    ['encodeDownlink', { data: { 'Water meter': { 0: { 'Cumulated water volume': 1, Timestamp: 1.5 } } } }],
    ['encodeDownlink', { data: { 'Battery': { 0: { 'Battery level': '9223372036854775808' } } } }],
    ['encodeDownlink', { data: {} }],
    // A resource the model knows after one it does not: typed by the model, not by the earlier one's type.
    ['encodeDownlink', { data: { 'Water meter': { 0: { 27: 'beef', 'Cumulated water volume': 2.5 } } }, fPort: 24 }],
    // SenML-CBOR: a record without a time after one with `t` (and no `bt`) has no time.
    ['decodeUplink', { bytes: '82a300692f333432342f302f310201060' + '5a200692f333432342f302f340202', fPort: 101 }],
    // LoRaWAN carries at most 242 bytes: a longer downlink is an error (or over the caller's maxBytes).
    ['encodeDownlink', { data: { 'Device Extension': { 0: { 'User-given name': 'x'.repeat(300) } } } }],
    ['encodeDownlink', { data: water, fPort: 24, maxBytes: 5 }],
    ['encodeDownlink', { data: water, fPort: 24, maxBytes: 6 }],
  ];
  misuse.forEach(([call, input], i) => {
    const r = call === 'encodeDownlink' ? limited(ucifi[call](input), input.maxBytes) : ucifi[call](input);
    cases.push({ id: `misuse-${i} (${call})`, tags: ['fport', 'ts013'], call: `${call}:raw`, input, expect: plain(r) });
  });
  fs.writeFileSync(path.join(outDir, 'cases.json'), text(cases));
  const ddfDir = path.join(outDir, 'ddf');
  fs.rmSync(ddfDir, { recursive: true, force: true });
  for (const g of ddfGroups) {
    const dir = path.join(ddfDir, g.id);
    fs.mkdirSync(dir, { recursive: true });
    g.ddf.forEach((xml, i) => fs.writeFileSync(path.join(dir, `${String(i).padStart(2, '0')}.xml`), xml));
    fs.writeFileSync(path.join(dir, 'cases.json'), text(g.cases));
    if (g.refuse) fs.writeFileSync(path.join(dir, 'refuse.json'), JSON.stringify(g.refuse));
  }
  console.error(`cases.cjs: ${total} vector cases -> ${cases.length} test cases, ${ddfGroups.length} ddf groups`);
  console.error(`cases.cjs: skipped (formats the formatter leaves out: senml-json, cbor, text, opaque): ${JSON.stringify(skipped)}`);
}

main();
