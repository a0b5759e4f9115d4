// Builds side by side: decodes per second of several builds of the package (each a directory holding
// ucifi_wasm.js and ucifi_wasm_bg.wasm, such as a copy of pkg/node) and of cbor-x, interleaved in one process, so
// that on a shared machine the load falls on all of them alike. Usage:
//   node bench/compare.mjs [seconds-per-run] [--uplink] DIR...   e.g. node bench/compare.mjs 0.5 /tmp/pkg-z /tmp/pkg-3
//
// Method: 5 rounds; in each round every decoder runs once on each frame (the 196-byte Device SenML-CBOR example of
// vectors/spec-examples.json and the 44-byte water meter of bench/decode.mjs) for the given time, in rounds of 500
// calls, timed by the process's CPU time. The median of the 5 rates is reported, with the ratio to cbor-x.
// --uplink: each build's `decodeUplink({bytes, fPort: 101})` too (fPort 101: SenML-CBOR), with its ratio to that
// build's `decode` of the same bytes in the same round.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const { decode: cborDecode } = require('cbor-x');

const all = process.argv.slice(2);
const uplink = all.includes('--uplink');
const args = all.filter((a) => a !== '--uplink');
const seconds = Number.isNaN(Number(args[0])) ? 0.5 : Number(args.shift());
if (args.length === 0) throw new Error('usage: node bench/compare.mjs [seconds-per-run] DIR...');
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const spec = JSON.parse(readFileSync(join(here, '../../../vectors/spec-examples.json'), 'utf8')).examples;
const bytesOf = (hex) => Uint8Array.from(Buffer.from(hex, 'hex'));
const frames = [
  ['Device 196 B', bytesOf(spec.find((v) => v.format === 'senml-cbor' && v.hex.length / 2 === 196).hex)],
  ['water meter 44 B', bytesOf('83a321682f333432342f302f00613102fa449a5000a2006134021a0012d644a2006435353138021a6b041800')],
];
const opts = { format: 'senml-cbor' };
const decoders = [['cbor-x', (b) => cborDecode(b)]];
for (const dir of args) {
  const m = require(join(resolve(dir), 'ucifi_wasm.js'));
  decoders.push([dir, (b) => m.decode(b, opts)]);
  if (uplink) decoders.push([`${dir} decodeUplink`, (b) => [m.decodeUplink({ bytes: b, fPort: 101 })]]);
}

let sink = 0;
const rate = (fn, bytes) => {
  const t0 = cpu();
  const end = t0 + seconds * 1000;
  let n = 0;
  while (cpu() < end) {
    for (let i = 0; i < 500; i++) sink += fn(bytes).length;
    n += 500;
  }
  return n / ((cpu() - t0) / 1000);
};
const runs = new Map();
for (let round = -1; round < 5; round++) {
  for (const [fname, bytes] of frames) {
    for (const [dname, fn] of decoders) {
      const r = rate(fn, bytes);
      if (round < 0) continue; // warm-up
      const key = `${dname}|${fname}`;
      runs.set(key, [...(runs.get(key) ?? []), r]);
    }
  }
}
if (sink === 0) throw new Error('sink');
const median = (xs) => [...xs].sort((a, b) => a - b)[2];
console.log(`node ${process.version}, ${seconds} s per run by CPU time, median of 5 interleaved rounds`);
for (const [fname] of frames) {
  const base = median(runs.get(`cbor-x|${fname}`));
  for (const [dname] of decoders) {
    const xs = runs.get(`${dname}|${fname}`);
    const k = (x) => (x / 1000).toFixed(0);
    const sorted = [...xs].sort((a, b) => a - b);
    const own = dname.endsWith(' decodeUplink') ? runs.get(`${dname.slice(0, -13)}|${fname}`) : undefined;
    const vs = own ? `, ${(median(xs.map((x, i) => x / own[i]))).toFixed(2)} × decode (per round)` : '';
    console.log(`${fname}  ${dname}: ${k(median(xs))} k/s [${k(sorted[0])}–${k(sorted[4])}]  ${(median(xs) / base).toFixed(2)} × cbor-x${vs}`);
  }
}
