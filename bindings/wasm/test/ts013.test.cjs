'use strict';
// The TS013 entry points: the data layout, round trips through encodeDownlink/decodeDownlink, errors as strings
// (never thrown), unknown resources as warnings, and 64-bit integers surviving as decimal strings (JSON-safe).
const test = require('node:test');
const assert = require('node:assert/strict');
const ucifi = require('../pkg/node/ucifi_wasm.js');
const { vectorFiles } = require('./helpers.cjs');

const bytesOf = (hex) => [...Buffer.from(hex, 'hex')];
const hexOf = (bytes) => Buffer.from(bytes).toString('hex');

// Water meter on fPort 24: instance 0, resource 1 = 12.5 m3, resource 5518 (Timestamp) = 1700000000.
const WATER = '08000dc40141480000e4158e6553f100';

test('decodeUplink gives object → instance → resource, units beside', () => {
  const out = ucifi.decodeUplink({ bytes: bytesOf(WATER), fPort: 24, recvTime: new Date('2026-11-23T10:00:00Z') });
  assert.deepEqual(out, {
    data: {
      'Water meter': { 0: { 'Cumulated water volume': 12.5, Timestamp: 1700000000 } },
      units: { 'Water meter': { 'Cumulated water volume': 'm3' } },
    },
    errors: [],
    warnings: [],
  });
});

test('encodeDownlink inverts decodeUplink (with and without fPort), decodeDownlink mirrors it', () => {
  const { data } = ucifi.decodeUplink({ bytes: bytesOf(WATER), fPort: 24 });
  for (const input of [{ data, fPort: 24 }, { data }]) {
    const down = ucifi.encodeDownlink(input);
    assert.deepEqual(down.errors, []);
    assert.equal(down.fPort, 24);
    assert.ok(Array.isArray(down.bytes));
    assert.equal(hexOf(down.bytes), WATER);
    assert.deepEqual(ucifi.decodeDownlink({ bytes: down.bytes, fPort: down.fPort }).data, data);
  }
  // Uint8Array input works as well as a number array.
  assert.deepEqual(ucifi.decodeUplink({ bytes: Uint8Array.from(bytesOf(WATER)), fPort: 24 }).data, data);
});

test('several instances are keyed by instance id, and round-trip', () => {
  const hex = '0300c101570301c1010c'; // Battery on fPort 11: level 87 % and 12 %
  const out = ucifi.decodeUplink({ bytes: bytesOf(hex), fPort: 11 });
  assert.deepEqual(out.errors, []);
  const [name] = Object.keys(out.data).filter((k) => k !== 'units');
  assert.equal(name, 'Battery');
  const level = ucifi.objects(3411).resources.find((r) => r.id === 1).name;
  assert.deepEqual(out.data.Battery, { 0: { [level]: 87 }, 1: { [level]: 12 } });
  assert.equal(hexOf(ucifi.encodeDownlink({ data: out.data, fPort: 11 }).bytes), hex);
});

test('an unknown resource is a warning, kept under its id with its type, and round-trips', () => {
  const hex = '0300c11b05'; // water meter instance 0, resource 27 (not in the model) = 05
  const out = ucifi.decodeUplink({ bytes: bytesOf(hex), fPort: 24 });
  assert.deepEqual(out.errors, []);
  assert.deepEqual(out.data, { 'Water meter': { 0: { 27: '05' } }, types: { 'Water meter': { 27: 'opaque' } } });
  assert.equal(out.warnings.length, 1);
  assert.match(out.warnings[0], /^\/3424\/0\/27: resource not in the model/);
  const down = ucifi.encodeDownlink({ data: out.data, fPort: 24 });
  assert.deepEqual(down.errors, []);
  assert.equal(down.warnings.length, 1);
  assert.equal(hexOf(down.bytes), hex);
});

test('u64 max and i64 extremes survive as decimal strings; a multiple resource is keyed by resource-instance id', () => {
  const tlvDdf = vectorFiles().find(({ file }) => file.endsWith('tlv/ddf.json'));
  const xml = tlvDdf.doc.cases.find((c) => c.id === 'tlv-ddf-vendor-object').ddf[0];
  assert.equal(ucifi.loadDdf(xml), 1); // object 32769 "Bench sensor", resource 5 "Sensor flags": multiple unsigned
  ucifi.setPorts([{ fPort: 40, format: 'tlv', path: '/32769' }]);
  try {
    // Input takes BigInt or the decimal string; output is the decimal string, so JSON.stringify never throws.
    for (const max of [18446744073709551615n, '18446744073709551615']) {
      const data = { 'Bench sensor': { 0: { 'Sensor flags': { 0: max, 1: 7 } } } };
      const down = ucifi.encodeDownlink({ data, fPort: 40 });
      assert.deepEqual(down.errors, []);
      const up = ucifi.decodeUplink({ bytes: down.bytes, fPort: 40 });
      assert.deepEqual(up.errors, []);
      assert.equal(up.data['Bench sensor'][0]['Sensor flags'][0], '18446744073709551615');
      assert.equal(up.data['Bench sensor'][0]['Sensor flags'][1], 7);
      assert.deepEqual(JSON.parse(JSON.stringify(up)), up);
      assert.deepEqual(ucifi.encodeDownlink({ data: up.data, fPort: 40 }).bytes, down.bytes);
    }
  } finally {
    ucifi.setPorts([]);
    ucifi.resetDdf();
  }
  for (const big of [9223372036854775807n, -9223372036854775808n, 2n ** 60n + 1n, -(2n ** 53n)]) {
    const data = { 'Water meter': { 0: { 'Cumulated pulse value': big } } };
    const down = ucifi.encodeDownlink({ data, fPort: 24 });
    assert.deepEqual(down.errors, []);
    const up = ucifi.decodeUplink({ bytes: down.bytes, fPort: 24 });
    assert.equal(up.data['Water meter'][0]['Cumulated pulse value'], big.toString());
    JSON.stringify(up); // must not throw
    // The record API keeps BigInt.
    assert.equal(ucifi.decode(down.bytes, { fPort: 24 })[0].value, big);
    assert.deepEqual(ucifi.encodeDownlink({ data: up.data, fPort: 24 }).bytes, down.bytes);
  }
  // A Number that cannot hold the integer exactly is refused, not rounded.
  const lossy = ucifi.encodeDownlink({ data: { 'Water meter': { 0: { 'Cumulated pulse value': 2 ** 60 } } }, fPort: 24 });
  assert.match(lossy.errors[0], /^INVALID_RECORD at offset 0: .*\/3424\/0\/4/);
  // A string resource that holds digits stays a string.
  ucifi.setPorts([{ fPort: 41, format: 'tlv', path: '/3' }]);
  try {
    const data = { Device: { 0: { 'Serial Number': '345000123' } } };
    const down = ucifi.encodeDownlink({ data, fPort: 41 });
    assert.deepEqual(down.errors, []);
    assert.deepEqual(ucifi.decodeUplink({ bytes: down.bytes, fPort: 41 }).data, data);
  } finally {
    ucifi.setPorts([]);
  }
});

test('bad input gives errors, never an exception', () => {
  const line = /^[A-Z_]+ at offset \d+: /;
  const truncated = ucifi.decodeUplink({ bytes: bytesOf(WATER.slice(0, 14)), fPort: 24 });
  assert.equal(truncated.errors.length, 1);
  assert.match(truncated.errors[0], line);
  assert.equal(truncated.data, undefined);
  assert.deepEqual(truncated.warnings, []);
  assert.match(ucifi.decodeUplink({ bytes: bytesOf(WATER), fPort: 44 }).errors[0], line);
  assert.match(ucifi.decodeUplink({ bytes: [256], fPort: 24 }).errors[0], /^TypeError: input\.bytes/);
  assert.match(ucifi.decodeUplink({ bytes: [1] }).errors[0], /^TypeError: input\.fPort/);
  for (const bad of [undefined, null, 42, 'x', []]) {
    assert.equal(ucifi.decodeUplink(bad).errors.length, 1);
    assert.equal(ucifi.decodeDownlink(bad).errors.length, 1);
    assert.equal(ucifi.encodeDownlink(bad).errors.length, 1);
  }
  const unknownName = ucifi.encodeDownlink({ data: { 'No such object': { 0: { x: 1 } } }, fPort: 24 });
  assert.match(unknownName.errors[0], /^INVALID_PATH at offset 0: .*No such object/);
  assert.equal(unknownName.bytes, undefined);
  const wrongType = ucifi.encodeDownlink({ data: { 'Water meter': { 0: { 'Cumulated water volume': 'lots' } } }, fPort: 24 });
  assert.match(wrongType.errors[0], /^INVALID_RECORD at offset 0: .*\/3424\/0\/1/);
  const wrongPort = ucifi.encodeDownlink({ data: { 'Water meter': { 0: { 'Cumulated water volume': 1.5 } } }, fPort: 11 });
  assert.match(wrongPort.errors[0], /^PATH_MISMATCH at offset 0: .*\/3424\/0\/1/);
});

test('a SenML series (fPort 101) keeps every value and time as arrays, and round-trips', () => {
  // Three readings of /3424/0/1 with bt 1735732800 and t = 0, 900, 1800.
  const hex = '83a421682f333432342f302f221a67752e4000613102fa449a5000a300613102f964d406190384a300613102fa449ac80006190708';
  const up = ucifi.decodeUplink({ bytes: bytesOf(hex), fPort: 101 });
  assert.deepEqual(up.errors, []);
  assert.deepEqual(up.data, {
    'Water meter': { 0: { 'Cumulated water volume': [1234.5, 1236, 1238.25] } },
    units: { 'Water meter': { 'Cumulated water volume': 'm3' } },
    time: { 'Water meter': { 0: { 'Cumulated water volume': [1735732800, 1735733700, 1735734600] } } },
  });
  const down = ucifi.encodeDownlink({ data: up.data, fPort: 101 });
  assert.deepEqual(down.errors, []);
  assert.deepEqual(ucifi.decodeDownlink({ bytes: down.bytes, fPort: 101 }).data, up.data);
});

test('recvTime makes relative SenML times absolute (decodeUplink only)', () => {
  const hex = '81a321692f333432342f302f3122390e0f02fa449a5000'; // t = -3600 (an hour before reception)
  const recvTime = new Date('2026-01-01T00:00:00Z');
  const at = (out) => out.data.time['Water meter'][0]['Cumulated water volume'];
  assert.equal(at(ucifi.decodeUplink({ bytes: bytesOf(hex), fPort: 101, recvTime })), recvTime.getTime() / 1000 - 3600);
  assert.equal(at(ucifi.decodeUplink({ bytes: bytesOf(hex), fPort: 101 })), -3600);
  assert.equal(at(ucifi.decodeDownlink({ bytes: bytesOf(hex), fPort: 101 })), -3600);
});

test('decodeUplink takes bytes as an array or Uint8Array, recvTime as a Date or milliseconds, frames of any length', () => {
  const hex = '81a321692f333432342f302f3122390e0f02fa449a5000'; // t = -3600
  const ms = Date.UTC(2026, 0, 1);
  const a = ucifi.decodeUplink({ bytes: bytesOf(hex), fPort: 101, recvTime: ms });
  assert.equal(a.data.time['Water meter'][0]['Cumulated water volume'], ms / 1000 - 3600);
  assert.deepEqual(ucifi.decodeUplink({ bytes: Buffer.from(hex, 'hex'), fPort: 101, recvTime: new Date(ms) }), a);
  assert.deepEqual(ucifi.decodeUplink({ bytes: hex, fPort: 101, recvTime: ms }), a);
  assert.match(ucifi.decodeUplink({ bytes: bytesOf(hex), fPort: 101, recvTime: NaN }).errors[0], /^TypeError: input\.recvTime/);
  assert.match(ucifi.decodeUplink({ bytes: bytesOf(hex), fPort: 101, recvTime: 'x' }).errors[0], /^TypeError: input\.recvTime/);
  assert.match(ucifi.decodeUplink({ bytes: bytesOf(hex), fPort: 1.5 }).errors[0], /^TypeError: .*fPort/);
  assert.match(ucifi.decodeUplink({ bytes: [1, 2.5], fPort: 24 }).errors[0], /^TypeError: input\.bytes/);
  assert.match(ucifi.decodeUplink({ bytes: [1, '2'], fPort: 24 }).errors[0], /^TypeError: input\.bytes/);
  for (const n of [0, 2047, 2048, 2049, 5000]) {
    const big = [...new Uint8Array(n).map((_, i) => (i * 7) & 0xff)];
    for (const fPort of [24, 101, 102]) {
      const want = ucifi.decodeUplink({ bytes: hexOf(big), fPort });
      assert.deepEqual(ucifi.decodeUplink({ bytes: big, fPort }), want, `${n} bytes on fPort ${fPort}`);
      assert.deepEqual(ucifi.decodeUplink({ bytes: Uint8Array.from(big), fPort }), want);
      assert.deepEqual(ucifi.decodeDownlink({ bytes: big, fPort }), ucifi.decodeDownlink({ bytes: hexOf(big), fPort }));
    }
  }
});

test('a series whose records do not all carry a time keeps times aligned (null where none)', () => {
  const hex = '82a221692f333432342f302f3102f93c00a202f94000061a67752e40'; // /3424/0/1 = 1 (no t), then 2 at t
  const up = ucifi.decodeUplink({ bytes: bytesOf(hex), fPort: 101 });
  assert.deepEqual(up.data.time, { 'Water meter': { 0: { 'Cumulated water volume': [null, 1735732800] } } });
  const down = ucifi.encodeDownlink({ data: up.data, fPort: 101 });
  assert.equal(hexOf(down.bytes), hex);
});

// Frames of several `data` shapes (instances, a series with times, times on some records only, an unknown resource,
// 64-bit integers, the Device example), and frames of the same shape with other values.
const SHAPES = [
  [WATER, 24],
  ['0300c101570301c1010c', 11],
  ['0300c101110301c10122', 11],
  ['0300c11b05', 24],
  ['83a421682f333432342f302f221a67752e4000613102fa449a5000a300613102f964d406190384a300613102fa449ac80006190708', 101],
  ['83a421682f333432342f302f221a67752e4000613102fa449a6000a300613102f964d506190385a300613102fa449ac90006190709', 101],
  ['81a321692f333432342f302f3122390e0f02fa449a5000', 101],
  ['82a221692f333432342f302f3102f93c00a202f94000061a67752e40', 101],
  ['82a221692f333432342f302f3102f93e00a202f94200061a67752e41', 101],
  ['82a321692f333432342f302f3102f93c00061a67752e40a202f94000061a67752e41', 101],
  ['83a321682f333432342f302f00613102fa449a5000a2006134021a0012d644a2006435353138021a6b041800', 101],
  ['83a321682f333432342f302f00613102fb3ff8000000000000a20061340202a300613102fb400c000000000000061a67752e40', 101],
  ['83a321682f333432342f302f00613102fa449a6000a2006134021b0020000000000001a2006435353138021a6b041801', 101],
];

// The quick path of decodeUplink / decodeDownlink (bytes as a Uint8Array or an array) against the general one (hex
// text), key order included; `run` gets the list of [hex, fPort, recvTime] calls and gives their results.
const sequence = () => {
  const calls = [];
  for (const [hex, fPort] of SHAPES) for (let k = 0; k < 6; k++) calls.push([hex, fPort, k >= 4 ? 1767225600000 : undefined]);
  // Shapes taking turns, runs of two, and one shape with its values changing.
  for (let k = 0; k < 4; k++) for (const n of [0, 4, 0, 7, 10, 11, 10, 11, 4, 5, 4, 5, 7, 8, 9, 8, 1, 2, 3, 3, 12, 12]) calls.push([...SHAPES[n], 1767225600000]);
  return calls;
};
const general = (hex, fPort, recvTime, up = true) =>
  (up ? ucifi.decodeUplink : ucifi.decodeDownlink)({ bytes: hex, fPort, recvTime });

test('decodeUplink of frames of one shape in a row gives what the general path gives, key order included', () => {
  for (const between of [false, true]) {
    for (const [hex, fPort, recvTime] of sequence()) {
      const want = general(hex, fPort, recvTime);
      assert.deepEqual(want.errors, [], hex);
      const got = ucifi.decodeUplink({ bytes: Uint8Array.from(Buffer.from(hex, 'hex')), fPort, recvTime });
      assert.deepEqual(got, want, hex);
      assert.equal(JSON.stringify(got), JSON.stringify(want), hex);
      const down = ucifi.decodeDownlink({ bytes: bytesOf(hex), fPort });
      assert.equal(JSON.stringify(down), JSON.stringify(general(hex, fPort, undefined, false)), hex);
      // A `decode` between TS013 calls fills the same table.
      if (between) ucifi.decode(Uint8Array.from(Buffer.from(SHAPES[hex.length % 5][0], 'hex')), { fPort: SHAPES[hex.length % 5][1] });
    }
  }
});

test('where code cannot be made from text, decodeUplink still gives what the general path gives', () => {
  const script = `const u = require(${JSON.stringify(require.resolve('../pkg/node/ucifi_wasm.js'))});
    const out = [];
    for (const [hex, fPort, recvTime] of ${JSON.stringify(sequence())})
      out.push(u.decodeUplink({ bytes: Uint8Array.from(Buffer.from(hex, 'hex')), fPort, recvTime: recvTime ?? undefined }));
    process.stdout.write(JSON.stringify(out));`;
  const run = require('node:child_process').spawnSync(process.execPath, ['--disallow-code-generation-from-strings', '-e', script]);
  assert.equal(run.status, 0, String(run.stderr));
  const want = sequence().map(([hex, fPort, recvTime]) => general(hex, fPort, recvTime));
  assert.equal(String(run.stdout), JSON.stringify(want));
});

test('a path that comes back after another keeps its series and times in frame order', () => {
  // /3424/0/1 = 1.5 at t, /3424/0/4 = 2, /3424/0/1 = 3.5, /3424/0/4 = 7 at t + 1, /3424/0/1 = 4.5 at t + 2.
  const hex = '85a421682f333432342f302f00613102fb3ff8000000000000061a67752e40a20061340202a200613102fb400c000000000000a30061340207061a67752e41a300613102fb4012000000000000061a67752e42';
  const want = {
    'Water meter': { 0: { 'Cumulated water volume': [1.5, 3.5, 4.5], 'Cumulated pulse value': [2, 7] } },
    units: { 'Water meter': { 'Cumulated water volume': 'm3' } },
    time: { 'Water meter': { 0: { 'Cumulated water volume': [1735732800, null, 1735732802], 'Cumulated pulse value': [null, 1735732801] } } },
  };
  for (let k = 0; k < 5; k++) {
    assert.deepEqual(ucifi.decodeUplink({ bytes: bytesOf(hex), fPort: 101 }).data, want);
    assert.deepEqual(ucifi.decodeUplink({ bytes: hex, fPort: 101 }).data, want);
  }
});
