'use strict';
// The npm package as a user gets it: `npm pack`, then `npm install <tarball>` into an empty project, which
// decodes a frame from CommonJS and from the ESM web entry, and type-checks a TypeScript user of the hand-written
// declarations with `tsc --strict`.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const HERE = path.join(__dirname, '..');
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('npm pack + npm install into an empty project decodes a frame', { timeout: 180_000 }, () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ucifi-codec-pack-'));
  try {
    const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', tmp], HERE))[0];
    const files = packed.files.map((f) => f.path).sort();
    for (const f of [
      'package.json',
      'pkg/node/ucifi_wasm.js',
      'pkg/node/ucifi_wasm_bg.wasm',
      'pkg/web/ucifi_wasm.js',
      'pkg/web/ucifi_wasm_bg.wasm',
      'pkg/web/package.json',
      'pkg/ucifi-codec.d.ts',
      'pkg/web.d.ts',
    ]) {
      assert.ok(files.includes(f), `${f} missing from the tarball: ${files.join(', ')}`);
    }
    const project = path.join(tmp, 'consumer');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true }));
    run('npm', ['install', '--no-audit', '--no-fund', '--offline', path.join(tmp, packed.filename)], project);

    const cjs = `const u = require('ucifi-codec');
const r = u.decode(Uint8Array.from(Buffer.from('08000dc40141480000e4158e6553f100', 'hex')), { fPort: 24 });
const up = u.decodeUplink({ bytes: [...Buffer.from('08000dc40141480000e4158e6553f100', 'hex')], fPort: 24 });
console.log(JSON.stringify({ r, up }));`;
    const out = JSON.parse(run(process.execPath, ['-e', cjs], project));
    assert.deepEqual(out.r[0], { path: '/3424/0/1', name: 'Cumulated water volume', unit: 'm3', type: 'float', value: 12.5 });
    assert.equal(out.up.data['Water meter'][0].Timestamp, 1700000000);

    const esm = `import init, { initSync, decode } from 'ucifi-codec/web';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const wasm = createRequire(import.meta.url).resolve('ucifi-codec/package.json').replace('package.json', 'pkg/web/ucifi_wasm_bg.wasm');
initSync({ module: readFileSync(wasm) });
console.log(decode('c10400', { format: 'tlv', path: '/3424/0/4' })[0].value, typeof init);`;
    fs.writeFileSync(path.join(project, 'web.mjs'), esm);
    assert.equal(run(process.execPath, ['web.mjs'], project).trim(), '0 function');

    const ts = `import { decode, encode, decodeUplink, encodeDownlink, CodecError, DecodedRecord } from 'ucifi-codec';
const records: DecodedRecord[] = decode(new Uint8Array([0xc1, 0x04, 0x00]), { format: 'tlv', path: '/3424/0/4' });
const v: number | bigint | string | boolean | null = records[0].value;
const bytes: Uint8Array = encode([{ path: '/3424/0/4', value: 5n }], { fPort: 24, maxBytes: 51 });
const up = decodeUplink({ bytes: [1, 2], fPort: 24, recvTime: new Date() });
const errors: string[] = up.errors;
const down = encodeDownlink({ data: up.data ?? {}, fPort: 24 });
const n: number | undefined = down.bytes?.[0];
try { decode('00', { format: 'tlv' }); } catch (e) { const c = (e as CodecError).code; console.log(c, v, bytes, errors, n); }
// @ts-expect-error: format and fPort exclude each other
decode('00', { format: 'tlv', fPort: 24 });
`;
    fs.writeFileSync(path.join(project, 'user.ts'), ts);
    const tsc = path.join(HERE, 'node_modules', '.bin', 'tsc');
    run(tsc, ['--strict', '--noEmit', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2020', '--skipLibCheck', 'false', 'user.ts'], project);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});
