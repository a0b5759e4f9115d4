'use strict';
// ES5.1 check of the engine and of generated formatters: the syntax (acorn, ecmaVersion 5, script) and the
// built-ins (no ES2015+ library member or global: the file must run in goja and Duktape without polyfills).
// Usage: node tools/es5check.cjs FILE...
const fs = require('node:fs');
const acorn = require('acorn');
const { walk } = require('./ast.cjs');

// ES2015+ members (Math.fround, typed-array and array methods, Object.assign, Number.isInteger, ...).
const MEMBERS = new Set(('fround imul clz32 trunc sign log2 log10 log1p expm1 hypot cbrt copyWithin fill includes ' +
  'find findIndex findLast startsWith endsWith repeat padStart padEnd codePointAt fromCodePoint assign entries values ' +
  'from of isInteger isSafeInteger flat flatMap at trimStart trimEnd getOwnPropertySymbols setPrototypeOf ' +
  'getFloat32 getFloat64 setFloat32 setFloat64 getBigInt64 setBigInt64').split(' '));
// ES2015+ globals, and code from text.
const GLOBALS = new Set(('Map Set WeakMap WeakSet Symbol Promise Proxy Reflect BigInt globalThis DataView ' +
  'ArrayBuffer Float32Array Float64Array eval Function').split(' '));

let failed = 0;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  let ast;
  try {
    ast = acorn.parse(text, { ecmaVersion: 5, sourceType: 'script' });
  } catch (e) {
    failed++;
    console.log(`es5: ${file}: ${e.message}`);
    continue;
  }
  const found = [];
  walk(ast, (n) => {
    if (n.type === 'MemberExpression' && !n.computed && MEMBERS.has(n.property.name)) found.push(`.${n.property.name}`);
    if (n.type === 'Identifier' && GLOBALS.has(n.name)) found.push(n.name);
  });
  if (found.length) {
    failed++;
    console.log(`es5: ${file}: ES2015+ built-ins: ${[...new Set(found)].join(' ')}`);
  } else console.log(`es5: ${file}: ok (${text.length} characters)`);
}
if (failed) process.exit(1);
