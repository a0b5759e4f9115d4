'use strict';
// validate: every case of vectors/validate/*.ndjson through the WASM package, the single-frame and text forms,
// and dataRates.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const ucifi = require('../pkg/node/ucifi_wasm.js');
const { VECTORS } = require('./helpers.cjs');

function cases() {
  const dir = path.join(VECTORS, 'validate');
  const out = [];
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.ndjson')).sort()) {
    for (const line of fs.readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (line.trim()) out.push(JSON.parse(line));
    }
  }
  assert.ok(out.length >= 10, `only ${out.length} validate cases`);
  return out;
}

/** Every key of want is in got with an equal value; arrays match element-wise and in length. */
function matches(want, got, at) {
  if (want !== null && typeof want === 'object') {
    assert.equal(typeof got, 'object', at);
    assert.ok(got !== null, at);
    if (Array.isArray(want)) {
      assert.ok(Array.isArray(got) && got.length === want.length, `${at}: ${JSON.stringify(got)}`);
      want.forEach((w, i) => matches(w, got[i], `${at}[${i}]`));
    } else {
      for (const [k, v] of Object.entries(want)) {
        assert.ok(k in got, `${at}.${k} missing in ${JSON.stringify(got)}`);
        matches(v, got[k], `${at}.${k}`);
      }
    }
  } else {
    assert.equal(got, want, at);
  }
}

/** A vector frame ({hex|text, fport | format + path}) as the JS API takes it. */
const jsFrame = ({ fport, ...rest }) => (fport === undefined ? rest : { ...rest, fPort: fport });

for (const c of cases()) {
  test(`validate case ${c.id}`, () => {
    const report = ucifi.validate(c.frames.map(jsFrame), c.ddf === undefined ? {} : { ddf: c.ddf });
    matches(c.report, report, 'report');
  });
}

test('validate: one frame with options, a device name, the text report, base64 and bytes', () => {
  const r = ucifi.validate('0700c10901e1179a2a', { fPort: 24, device: 'meter-3' });
  assert.equal(r.device, 'meter-3');
  assert.equal(r.conformant, false);
  assert.deepEqual(r.findings.map((f) => f.check), ['OUT_OF_RANGE', 'MISSING_MANDATORY']);
  const text = ucifi.validate(Uint8Array.from(Buffer.from('0700c10901e1179a2a', 'hex')), { format: 'tlv', path: '/3424', text: true });
  assert.match(text, /^NOT CONFORMANT\n/);
  assert.match(text, /OUT_OF_RANGE \/3424\/0\/6042/);
  const ok = ucifi.validate([{ base64: Buffer.from('0600c40141480000', 'hex').toString('base64') }, { bytes: [6, 0, 0xc4, 1, 0x41, 0x48, 0, 0] }], { fPort: 24 });
  assert.equal(ok.conformant, true);
  assert.equal(ok.instances[0].frames, 2);
  const none = ucifi.validate([], {});
  assert.equal(none.frames, 0);
  assert.equal(none.conformant, true);
  assert.throws(() => ucifi.validate('0g', { fPort: 24 }), (e) => e.code === 'INVALID_HEX');
  assert.throws(() => ucifi.validate('00', {}), TypeError);
});

test('dataRates: EU868 uplink DR0 carries 51 bytes, DR5 242 (222 with repeater); 52 bytes need DR3 or above', () => {
  const eu = ucifi.dataRates(52, {}).find((r) => r.region === 'EU868');
  assert.deepEqual(eu.dataRates.slice(0, 6).map((d) => d.maxPayload), [51, 51, 51, 115, 242, 242]);
  assert.deepEqual(eu.carrying.slice(0, 3), [3, 4, 5]);
  const rep = ucifi.dataRates(52, { repeater: true }).find((r) => r.region === 'EU868');
  assert.equal(rep.dataRates[5].maxPayload, 222);
  const us = ucifi.dataRates(11, {}).find((r) => r.region === 'US915');
  assert.equal(us.carrying[0], 0);
  assert.ok(ucifi.dataRates(300, {}).every((r) => r.carrying.length === 0));
});
