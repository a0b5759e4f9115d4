'use strict';
// The record-level API: errors as JS sees them, options, the model and fPort-table functions, fit, and the web build.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const ucifi = require('../pkg/node/ucifi_wasm.js');
const { vectorFiles } = require('./helpers.cjs');

const WATER = '08000dc40141480000e4158e6553f100'; // water meter /3424 on fPort 24
const hexOf = (bytes) => Buffer.from(bytes).toString('hex');

function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected an exception');
}

test('decode gives record JSON with names and units; bytes as Uint8Array, array or hex', () => {
  const want = [
    { path: '/3424/0/1', name: 'Cumulated water volume', unit: 'm3', type: 'float', value: 12.5 },
    { path: '/3424/0/5518', name: 'Timestamp', type: 'time', value: 1700000000 },
  ];
  const u8 = Uint8Array.from(Buffer.from(WATER, 'hex'));
  assert.deepEqual(ucifi.decode(u8, { format: 'tlv', path: '/3424' }), want);
  assert.deepEqual(ucifi.decode([...u8], { format: 'tlv', path: '/3424' }), want);
  assert.deepEqual(ucifi.decode(WATER, { format: 'tlv', path: '/3424' }), want);
  assert.deepEqual(ucifi.decode(u8, { fPort: 24 }), want);
  // Buffer, ArrayBuffer, DataView and other views (their own bytes only).
  const wide = new Uint8Array(u8.length + 4);
  wide.set(u8, 2);
  for (const bytes of [
    Buffer.from(WATER, 'hex'),
    u8.buffer,
    new DataView(wide.buffer, 2, u8.length),
    new Uint8Array(wide.buffer, 2, u8.length),
    new Uint16Array(Uint8Array.from(u8).buffer), // the frame has an even length: 8 16-bit units, the same bytes
  ]) {
    assert.deepEqual(ucifi.decode(bytes, { format: 'tlv', path: '/3424' }), want, String(bytes));
  }
  assert.equal(thrown(() => ucifi.decode({}, { format: 'tlv', path: '/3424' })).name, 'TypeError');
  assert.equal(thrown(() => ucifi.decode('c40g', { format: 'tlv', path: '/3424' })).code, 'INVALID_HEX');
  const back = ucifi.encode(want, { fPort: 24 });
  assert.ok(back instanceof Uint8Array);
  assert.equal(hexOf(back), WATER);
});

test('codec errors are Error objects with code, offset and message', () => {
  const e = thrown(() => ucifi.decode(WATER.slice(0, 14), { format: 'tlv', path: '/3424' }));
  assert.ok(e instanceof Error);
  assert.equal(typeof e.code, 'string');
  assert.equal(typeof e.offset, 'number');
  assert.equal(e.message.split(' ')[0], e.code);
  assert.match(e.message, new RegExp(`^${e.code} at offset ${e.offset}: .+`));
  const cases = [
    [() => ucifi.decode('0g', { format: 'tlv', path: '/3' }), 'INVALID_HEX', 1],
    [() => ucifi.decode('c100', { format: 'no-such-format' }), 'UNKNOWN_FORMAT', 0],
    [() => ucifi.decode('c100', { format: 'tlv' }), 'MISSING_PATH', 0],
    [() => ucifi.decode('c100', { format: 'tlv', path: '/3/x' }), 'INVALID_PATH', undefined],
    [() => ucifi.encode([{ path: '/3424/0/1', value: 'x' }], { format: 'tlv', path: '/3424/0' }), 'INVALID_RECORD', 0],
    [() => ucifi.loadDdf('<LWM2M><Object>'), 'INVALID_DDF', undefined],
  ];
  for (const [fn, code, offset] of cases) {
    const err = thrown(fn);
    assert.equal(err.code, code, err.message);
    if (offset !== undefined) assert.equal(err.offset, offset);
  }
});

test('maxBytes gives BUFFER_TOO_SMALL with the bytes needed', () => {
  const records = ucifi.decode(WATER, { fPort: 24 });
  const e = thrown(() => ucifi.encode(records, { fPort: 24, maxBytes: 8 }));
  assert.equal(e.code, 'BUFFER_TOO_SMALL');
  assert.equal(e.offset, WATER.length / 2);
  assert.equal(hexOf(ucifi.encode(records, { fPort: 24, maxBytes: 16 })), WATER);
  assert.equal(hexOf(ucifi.encode(records, { fPort: 24, maxBytes: 4294967295 })), WATER); // no 4 GB buffer
});

test('integers: numbers up to 2^53 - 1, BigInt beyond, both accepted on input', () => {
  const opts = { format: 'tlv', path: '/3424/0/4' };
  const at = (v) => ucifi.decode(ucifi.encode([{ path: '/3424/0/4', value: v }], opts), opts)[0].value;
  assert.equal(at(2 ** 53 - 1), 2 ** 53 - 1);
  assert.equal(at(BigInt(2 ** 53 - 1)), 2 ** 53 - 1);
  assert.equal(at(2n ** 53n), 2n ** 53n);
  assert.equal(at(-(2n ** 63n)), -(2n ** 63n));
  assert.equal(thrown(() => at(2 ** 60)).code, 'INVALID_RECORD'); // a rounded Number is refused
  assert.equal(thrown(() => at(2n ** 63n)).code, 'INVALID_RECORD'); // beyond i64
});

test('wrong JS types are TypeErrors without a code', () => {
  for (const fn of [
    () => ucifi.decode(WATER),
    () => ucifi.decode(WATER, {}),
    () => ucifi.decode(WATER, { format: 'tlv', fPort: 24 }),
    () => ucifi.decode(WATER, { fPort: 24, path: '/3424' }),
    () => ucifi.decode(42, { fPort: 24 }),
    () => ucifi.decode([300], { fPort: 24 }),
    () => ucifi.decode(WATER, { format: 7 }),
    () => ucifi.encode('not records', { fPort: 24 }),
    () => ucifi.fit([], { format: 'tlv' }),
  ]) {
    const e = thrown(fn);
    assert.ok(e instanceof TypeError, String(e));
    assert.equal(e.code, undefined);
  }
});

test('objects, formats, version', () => {
  const all = ucifi.objects();
  assert.ok(all.length >= 58);
  const water = all.find((o) => o.id === 3424);
  assert.equal(water.name, 'Water meter');
  assert.equal(water.ucifi, true);
  assert.equal(typeof water.resource_count, 'number');
  const full = ucifi.objects(3424);
  assert.deepEqual(full.resources.find((r) => r.id === 1), {
    id: 1,
    name: 'Cumulated water volume',
    type: 'float',
    operations: full.resources.find((r) => r.id === 1).operations,
    multiple: false,
    mandatory: full.resources.find((r) => r.id === 1).mandatory,
    unit: 'm3',
    ...(full.resources.find((r) => r.id === 1).range ? { range: full.resources.find((r) => r.id === 1).range } : {}),
  });
  assert.equal(ucifi.objects(3440), undefined);
  assert.ok(ucifi.formats().includes('tlv'));
  assert.match(ucifi.version(), /^\d+\.\d+\.\d+/);
});

test('DDF: per call, or loaded for every call; reset', () => {
  const tlvDdf = vectorFiles().find(({ file }) => file.endsWith('tlv/ddf.json'));
  const c = tlvDdf.doc.cases.find((x) => x.id === 'tlv-ddf-vendor-object');
  const opts = { format: 'tlv', path: c.path };
  assert.equal(ucifi.decode(c.hex, opts)[0].unknown, true);
  assert.equal(ucifi.decode(c.hex, { ...opts, ddf: c.ddf })[0].name, 'Seat temperature');
  assert.equal(ucifi.decode(c.hex, opts)[0].unknown, true, 'a per-call DDF does not stay');
  assert.equal(ucifi.loadDdf(c.ddf), 1);
  assert.equal(ucifi.decode(c.hex, opts)[0].name, 'Seat temperature');
  assert.equal(ucifi.objects(32769).name, 'Bench sensor');
  ucifi.resetDdf();
  assert.equal(ucifi.objects(32769), undefined);
});

test('ports and setPorts', () => {
  const defaults = ucifi.ports();
  assert.deepEqual(defaults.find((p) => p.fPort === 24), { fPort: 24, format: 'tlv', path: '/3424' });
  ucifi.setPorts([{ fPort: 42, format: 'tlv', path: '/3303' }]);
  try {
    assert.deepEqual(ucifi.ports()[0], { fPort: 42, format: 'tlv', path: '/3303' });
    const temp = [{ path: '/3303/0/5700', value: 21.5 }];
    const frame = ucifi.encode(temp, { fPort: 42 });
    assert.equal(ucifi.decode(frame, { fPort: 42 })[0].value, 21.5);
    ucifi.setPorts([{ fPort: 42, format: 'tlv', path: '/3303' }], { defaults: false });
    assert.equal(ucifi.ports().length, 1);
    assert.ok(thrown(() => ucifi.decode(WATER, { fPort: 24 })).code);
  } finally {
    ucifi.setPorts([]);
  }
  assert.deepEqual(ucifi.ports(), defaults);
  assert.ok(thrown(() => ucifi.setPorts([{ fPort: 0, format: 'tlv', path: '/3' }])) instanceof RangeError);
  assert.equal(thrown(() => ucifi.setPorts([{ fPort: 42, format: 'tlv' }])).code, 'MISSING_PATH');
});

test('decode reads its options on every call: the same object changed, a ddf, the fPort table changed', () => {
  const outcome = (fn) => {
    try {
      return JSON.stringify(fn(), (k, v) => (typeof v === 'bigint' ? `${v}n` : v));
    } catch (e) {
      return `${e.name} ${e.code} ${e.offset} ${e.message}`;
    }
  };
  const u8 = Uint8Array.from(Buffer.from(WATER, 'hex'));
  const opts = { format: 'tlv', path: '/3424' };
  for (let i = 0; i < 3; i++) assert.equal(ucifi.decode(u8, opts)[0].name, 'Cumulated water volume');
  opts.path = '/3303'; // the same frame read as a temperature object: resource 1 is not in the model
  assert.equal(ucifi.decode(u8, opts)[0].unknown, true);
  delete opts.path;
  assert.equal(thrown(() => ucifi.decode(u8, opts)).code, 'MISSING_PATH');
  opts.path = '/3424';
  assert.equal(ucifi.decode(u8, opts)[0].name, 'Cumulated water volume');
  opts.format = 'senml';
  assert.equal(thrown(() => ucifi.decode(u8, opts)).code, 'UNKNOWN_FORMAT');
  opts.format = 'tlv';
  assert.equal(ucifi.decode(u8, { ...opts, ddf: [] })[0].name, 'Cumulated water volume');
  assert.equal(ucifi.decode(u8, opts)[0].name, 'Cumulated water volume');
  const port = { fPort: 24 };
  assert.equal(ucifi.decode(u8, port)[0].name, 'Cumulated water volume');
  ucifi.setPorts([{ fPort: 24, format: 'tlv', path: '/3303' }]);
  try {
    assert.equal(ucifi.decode(u8, port)[0].unknown, true);
  } finally {
    ucifi.setPorts([]);
  }
  assert.equal(ucifi.decode(u8, port)[0].name, 'Cumulated water volume');
  // An options getter that calls the module again.
  const nested = { get format() { return ucifi.decode(u8, { fPort: 24 }).length === 2 ? 'tlv' : 'x'; }, path: '/3424' };
  for (let i = 0; i < 3; i++) assert.equal(ucifi.decode(u8, nested)[0].name, 'Cumulated water volume');
  // Frames of any length, and every byte form, decode alike (or fail alike).
  for (const n of [0, 1, 2047, 2048, 2049, 5000]) {
    const big = new Uint8Array(n).map((_, i) => (i * 7) & 0xff);
    for (const o of [opts, port, { format: 'senml-cbor' }, { format: 'lwm2m-cbor' }]) {
      const want = outcome(() => ucifi.decode(hexOf(big), o));
      assert.equal(outcome(() => ucifi.decode(big, o)), want, `${n} bytes, ${JSON.stringify(o)}`);
      assert.equal(outcome(() => ucifi.decode(big, o)), want, `${n} bytes, ${JSON.stringify(o)}, again`);
    }
  }
});

test('fit splits records into frames within the budget, each decodable by its fPort', () => {
  const records = ucifi.decode('080020c401449a5000c4040012d644c10900c10a00c10b01e4158e6b041800e1179a00', {
    format: 'tlv',
    path: '/3424',
  });
  const out = ucifi.fit(records, { budget: 11 });
  assert.deepEqual(out.leftOut, []);
  assert.ok(out.frames.length > 1);
  const seen = [];
  for (const f of out.frames) {
    assert.ok(f.bytes instanceof Uint8Array && f.bytes.length <= 11);
    assert.equal(f.fPort, 24);
    const back = ucifi.decode(f.bytes, { fPort: f.fPort });
    assert.deepEqual(back.map((r) => r.path), f.records.map((i) => records[i].path));
    seen.push(...f.records);
  }
  assert.deepEqual(seen.sort((a, b) => a - b), records.map((_, i) => i));
  const eu = ucifi.fit(records, { region: 'EU868', dataRate: 0 });
  assert.equal(eu.frames.length, 1);
  assert.ok(thrown(() => ucifi.fit(records, { region: 'EU868', dataRate: 15 })) instanceof RangeError);
  assert.ok(thrown(() => ucifi.fit(records, { region: 'MARS', dataRate: 0 })) instanceof TypeError);
});

test('the web build (ES module) decodes after initSync', async () => {
  const web = await import('../pkg/web/ucifi_wasm.js');
  web.initSync({ module: fs.readFileSync(path.join(__dirname, '../pkg/web/ucifi_wasm_bg.wasm')) });
  assert.equal(web.decode(WATER, { fPort: 24 })[0].value, 12.5);
  assert.deepEqual(web.decodeUplink({ bytes: [...Buffer.from(WATER, 'hex')], fPort: 24 }).errors, []);
});
