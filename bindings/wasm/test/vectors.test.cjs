'use strict';
// Every case of every file under vectors/ (recursive), through the WASM package: one loop, one test per case.
// Decode cases compare the records (name and unit dropped: the registry tests cover them) or the error code and
// offset; round-trip cases re-encode the decoded records to the same hex; encode cases (no hex) expect their error
// (with `buffer` as maxBytes). `ddf` cases pass the case's DDF documents with the call. `fport` cases decode by
// the fPort convention, through `decode` and through the TS013 `decodeUplink`.
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const ucifi = require('../pkg/node/ucifi_wasm.js');
const { VECTORS, vectorFiles, toHex } = require('./helpers.cjs');

/** The expected records as the decoder gives them (a float written as a long integer literal is still a number). */
function expected(records) {
  return records.map((r) => (r.type === 'float' && typeof r.value === 'bigint' ? { ...r, value: Number(r.value) } : r));
}

function strip(records) {
  return records.map(({ name, unit, ...rest }) => rest);
}

/** Runs `fn`, which must throw a codec error equal to `want` ({kind, offset?}). */
function assertCodecError(fn, want, what) {
  let thrown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown, `${what}: expected ${want.kind}, but it succeeded`);
  assert.ok(thrown instanceof Error, `${what}: not an Error: ${thrown}`);
  const got = { kind: thrown.code, offset: thrown.offset };
  const exp = { kind: want.kind, offset: want.offset ?? thrown.offset };
  assert.deepEqual(got, exp, `${what}: ${thrown.message}`);
  assert.match(thrown.message, new RegExp(`^${want.kind} at offset ${thrown.offset}: `));
}

let cases = 0;
for (const { file, doc } of vectorFiles()) {
  for (const c of doc.cases) {
    cases++;
    const name = `${path.relative(VECTORS, file)}: ${c.id}`;
    test(name, () => {
      // fPort cases name no format: the fPort convention picks format and request path.
      const options = c.fport !== undefined ? { fPort: c.fport } : { format: c.format ?? doc.format };
      if (c.path !== undefined) options.path = c.path;
      if (c.ddf !== undefined) options.ddf = c.ddf;
      if (c.hex === undefined) {
        const opts = c.buffer === undefined ? options : { ...options, maxBytes: c.buffer };
        if (c.error) {
          assertCodecError(() => ucifi.encode(c.records, opts), c.error, 'encode');
        } else {
          ucifi.encode(c.records, opts);
        }
        return;
      }
      if (c.fport !== undefined && c.ddf === undefined) {
        // The TS013 entry point reads the same uplink the same way (and never throws).
        const up = ucifi.decodeUplink({ bytes: [...Buffer.from(c.hex, 'hex')], fPort: c.fport });
        if (c.error) assert.match(up.errors[0] ?? '', new RegExp(`^${c.error.kind} at offset `));
        else assert.deepEqual(up.errors, []);
        // Hex text takes the general path; the same frame again, the quick one (from the fourth time in a row, with
        // the function made for its shape).
        const want = JSON.stringify(ucifi.decodeUplink({ bytes: c.hex, fPort: c.fport }));
        assert.equal(JSON.stringify(up), want, 'decodeUplink, general path');
        for (let k = 0; k < 4; k++) {
          const again = ucifi.decodeUplink({ bytes: Uint8Array.from(Buffer.from(c.hex, 'hex')), fPort: c.fport });
          assert.equal(JSON.stringify(again), want, 'decodeUplink, quick path');
        }
      }
      const bytes = Uint8Array.from(Buffer.from(c.hex, 'hex'));
      if (c.error) {
        assertCodecError(() => ucifi.decode(c.hex, options), c.error, 'decode');
        // The same options values with a Uint8Array: the quick path of src/args.rs fails alike.
        if (c.error.kind !== 'INVALID_HEX') assertCodecError(() => ucifi.decode(bytes, options), c.error, 'decode, quick path');
        return;
      }
      const records = ucifi.decode(bytes, options);
      assert.deepEqual(strip(records), expected(c.records));
      // Hex text takes the general path, which remembers the options values; the bytes again take the quick one.
      assert.deepEqual(ucifi.decode(c.hex, options), records, 'general path');
      assert.deepEqual(ucifi.decode(bytes, options), records, 'quick path');
      if (c.roundtrip) {
        assert.equal(toHex(ucifi.encode(records, options)), c.hex, 're-encode');
      }
    });
  }
}

test('the vector loop saw cases', () => {
  assert.ok(cases > 0, `no cases under ${VECTORS}`);
});
