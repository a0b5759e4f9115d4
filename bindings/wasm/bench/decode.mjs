// Decodes per second in Node: ucifi-codec (WASM) against cbor-x on the Device /3/0 example of
// vectors/spec-examples.json, plus the .wasm size raw and gzip. Usage: node bench/decode.mjs [seconds-per-run] [--cpu]
//
// --cpu: time by the process's CPU time (user + system) instead of the wall clock, so that other jobs on a shared
// machine take less out of the figures (the rates are then per CPU second of this process, GC threads included).
//
// Method: each decoder runs in rounds of 2,000 calls until the run's time is used up (default 1 s); 5 runs, the
// median rate is reported. A warm-up run of the same length comes first. Results are kept in a sink so that no
// call can be optimised away. The SenML-CBOR entry (196 bytes) is used when this build can decode `senml-cbor`;
// otherwise ucifi-codec decodes the 121-byte TLV Device example (same data) and cbor-x still decodes the 196-byte
// SenML-CBOR entry, and the output says so. With SenML-CBOR, the TLV example is measured too (a third line).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const ucifi = require('../pkg/node/ucifi_wasm.js');
const { decode: cborDecode, isNativeAccelerationEnabled } = require('cbor-x');

const args = process.argv.slice(2);
const seconds = Number(args.find((a) => a !== '--cpu') ?? 1);
const cpuClock = args.includes('--cpu');
const now = cpuClock
  ? () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    }
  : () => performance.now();
const spec = JSON.parse(readFileSync(join(here, '../../../vectors/spec-examples.json'), 'utf8')).examples;
const senml = spec.find((v) => v.format === 'senml-cbor' && v.hex.length / 2 === 196);
const tlv = spec.find((v) => v.format === 'tlv' && v.hex.length / 2 === 121);
const bytesOf = (hex) => Uint8Array.from(Buffer.from(hex, 'hex'));

const senmlBytes = bytesOf(senml.hex);
const haveSenml = ucifi.formats().includes('senml-cbor');
const subject = haveSenml
  ? { name: 'ucifi-codec decode (senml-cbor, 196 B)', bytes: senmlBytes, opts: { format: 'senml-cbor' } }
  : { name: 'ucifi-codec decode (tlv /3/0, 121 B)', bytes: bytesOf(tlv.hex), opts: { format: 'tlv', path: '/3/0' } };

function rate(fn) {
  let sink = 0;
  const runOnce = () => {
    const t0 = now();
    const end = t0 + seconds * 1000;
    let n = 0;
    while (now() < end) {
      for (let i = 0; i < 2000; i++) sink += fn().length;
      n += 2000;
    }
    return n / ((now() - t0) / 1000);
  };
  runOnce();
  const runs = Array.from({ length: 5 }, runOnce).sort((a, b) => a - b);
  if (sink === 0) throw new Error('sink');
  return { median: runs[2], min: runs[0], max: runs[4] };
}

const records = ucifi.decode(subject.bytes, subject.opts);
const tlvBytes = bytesOf(tlv.hex);
const tlvOpts = { format: 'tlv', path: '/3/0' };
const cborItems = cborDecode(senmlBytes);
const results = [
  { ...subject, records: records.length, ...rate(() => ucifi.decode(subject.bytes, subject.opts)) },
  {
    name: `cbor-x ${JSON.parse(readFileSync(require.resolve('cbor-x/package.json'), 'utf8')).version} decode (senml-cbor, 196 B; native acceleration ${isNativeAccelerationEnabled ? 'on' : 'off'})`,
    records: cborItems.length,
    ...rate(() => cborDecode(senmlBytes)),
  },
];
if (haveSenml) {
  results.push({
    name: 'ucifi-codec decode (tlv /3/0, 121 B)',
    records: ucifi.decode(tlvBytes, tlvOpts).length,
    ...rate(() => ucifi.decode(tlvBytes, tlvOpts)),
  });
}
// The small-frame case: a water-meter reading in SenML-CBOR, 44 bytes (/3424/0/1 volume, /3424/0/4 pulses,
// /3424/0/5518 timestamp; the same bytes as bindings/python/bench/bench_decode.py).
const water = bytesOf('83a321682f333432342f302f00613102fa449a5000a2006134021a0012d644a2006435353138021a6b041800');
if (haveSenml) {
  const senmlPort = { fPort: 101 };
  results.push(
    { name: 'ucifi-codec decode (senml-cbor water meter, 44 B)', records: ucifi.decode(water, senmlPort).length,
      ...rate(() => ucifi.decode(water, senmlPort)) },
    { name: 'cbor-x decode (the same 44 B)', records: cborDecode(water).length, ...rate(() => cborDecode(water)) },
    { name: 'ucifi-codec decodeUplink (Device senml-cbor 196 B, fPort 101)', records: 16,
      ...rate(() => [ucifi.decodeUplink({ bytes: senmlBytes, fPort: 101 })]) },
    { name: 'ucifi-codec decode (the same, fPort 101)', records: 16,
      ...rate(() => ucifi.decode(senmlBytes, senmlPort)) },
    { name: 'ucifi-codec decodeUplink (water meter 44 B, fPort 101)', records: 3,
      ...rate(() => [ucifi.decodeUplink({ bytes: water, fPort: 101 })]) },
  );
}
const wasm = readFileSync(join(here, '../pkg/node/ucifi_wasm_bg.wasm'));
console.log(`node ${process.version}, ${seconds} s per run (${cpuClock ? 'CPU time' : 'wall clock'}), 5 runs (median [min–max])`);
for (const r of results) {
  const k = (x) => (x / 1000).toFixed(0);
  console.log(`${r.name}: ${k(r.median)} k/s [${k(r.min)}–${k(r.max)}], ${r.records} records/items per call`);
}
if (!haveSenml) console.log('note: this build has no senml-cbor format yet; ucifi-codec decoded the TLV Device example');
console.log(`ucifi_wasm_bg.wasm (after wasm-opt): ${wasm.length} bytes, ${gzipSync(wasm, { level: 9 }).length} bytes gzip -9`);
