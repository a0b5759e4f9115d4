'use strict';
// Every input of the committed fuzz-corpus sample (fuzz/corpus-sample.json, written by fuzz/sample-corpus.sh; layout
// in FUZZING.md) through the WASM package, one test per input: `decode` of the bytes (a Uint8Array) by format and
// request path or by fPort must give exactly the recorded outcome — an array of the recorded number of records, or
// a codec Error whose code and offset are the recorded kind and offset. Any other exception (a TypeError, a
// RuntimeError from a trap in the WASM module) fails. fPort inputs also go through the TS013 `decodeUplink`, which
// must not throw and must report the same error (or none).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const ucifi = require('../pkg/node/ucifi_wasm.js');

const SAMPLE =
  process.env.UCIFI_CORPUS_SAMPLE ?? path.join(__dirname, '..', '..', '..', 'fuzz', 'corpus-sample.json');
const doc = JSON.parse(fs.readFileSync(SAMPLE, 'utf8'));

/** The outcome of `decode` in the sample's terms. */
function outcome(entry, bytes) {
  const options = entry.fport !== undefined ? { fPort: entry.fport } : { format: entry.format };
  if (entry.path !== undefined && entry.path !== null) options.path = entry.path;
  let records;
  try {
    records = ucifi.decode(bytes, options);
  } catch (e) {
    // Only codec errors are an outcome: an Error with a string code and a numeric offset, and the message they make.
    if (!(e instanceof Error) || typeof e.code !== 'string' || typeof e.offset !== 'number') throw e;
    assert.match(e.message, new RegExp(`^${e.code} at offset ${e.offset}: `));
    return { error: { kind: e.code, offset: e.offset } };
  }
  assert.ok(Array.isArray(records), 'decode gives an array');
  return { records: records.length };
}

let entries = 0;
for (const [target, list] of Object.entries(doc.targets)) {
  list.forEach((entry, i) => {
    entries++;
    test(`${target} ${i}: ${entry.hex || '(empty)'}`, () => {
      const want = entry.error !== undefined ? { error: entry.error } : { records: entry.records };
      const bytes = Uint8Array.from(Buffer.from(entry.hex, 'hex'));
      assert.deepEqual(outcome(entry, bytes), want);
      if (entry.fport !== undefined) {
        const up = ucifi.decodeUplink({ bytes: [...bytes], fPort: entry.fport });
        if (want.error) {
          assert.match(up.errors[0] ?? '', new RegExp(`^${want.error.kind} at offset ${want.error.offset}: `));
        } else {
          assert.deepEqual(up.errors, []);
        }
      }
    });
  });
}

test('the corpus sample has inputs', () => {
  assert.ok(entries > 500, `only ${entries} inputs in ${SAMPLE}`);
});
