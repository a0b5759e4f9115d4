'use strict';
// Shared test helpers: a JSON reader that keeps integers beyond 2^53 exact (as BigInt), and the vector files.
const fs = require('node:fs');
const path = require('node:path');

const VECTORS = process.env.UCIFI_VECTORS ?? path.join(__dirname, '..', '..', '..', 'vectors');

/**
 * JSON.parse, except that integer literals outside Number.MAX_SAFE_INTEGER come back as BigInt (JSON.parse would
 * round them, and the vectors hold u64/i64 extremes).
 */
function parseJson(text) {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const fail = (what) => {
    throw new SyntaxError(`${what} at ${i}`);
  };
  function value() {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      const o = {};
      ws();
      if (text[i] === '}') return i++, o;
      for (;;) {
        ws();
        const k = string();
        ws();
        if (text[i++] !== ':') fail('expected :');
        o[k] = value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return i++, o;
        else fail('expected , or }');
      }
    }
    if (c === '[') {
      i++;
      const a = [];
      ws();
      if (text[i] === ']') return i++, a;
      for (;;) {
        a.push(value());
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return i++, a;
        else fail('expected , or ]');
      }
    }
    if (c === '"') return string();
    const m = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m) {
      i += m[0].length;
      const n = Number(m[0]);
      if (m[1] === undefined && m[2] === undefined && !Number.isSafeInteger(n)) return BigInt(m[0]);
      return n;
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]]) {
      if (text.startsWith(word, i)) return (i += word.length), v;
    }
    return fail('unexpected character');
  }
  function string() {
    if (text[i] !== '"') fail('expected string');
    const start = i;
    i++;
    while (text[i] !== '"') {
      if (text[i] === '\\') i++;
      i++;
      if (i >= text.length) fail('unterminated string');
    }
    i++;
    return JSON.parse(text.slice(start, i));
  }
  const v = value();
  ws();
  if (i !== text.length) fail('trailing text');
  return v;
}

/** Every *.json file under `dir`, sorted, recursively. */
function jsonFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...jsonFiles(p));
    else if (entry.name.endsWith('.json')) out.push(p);
  }
  return out;
}

/** The vector files, vectors/<topic>/*.json: [{file, doc}], doc = {format, cases}. Files directly in vectors/
 *  (spec-examples.json) are the generators' inputs, not cases. */
function vectorFiles() {
  return jsonFiles(VECTORS).filter((file) => path.resolve(path.dirname(file)) !== path.resolve(VECTORS)).map((file) => ({ file, doc: parseJson(fs.readFileSync(file, 'utf8')) }));
}

const toHex = (bytes) => Buffer.from(bytes).toString('hex');

module.exports = { VECTORS, parseJson, vectorFiles, toHex };
