'use strict';
// ES5.1 syntax check (acorn, ecmaVersion 5, script) of generated formatters, and of the code a compressed one
// inflates and compiles with Function at run time. Usage: node tools/es5check.cjs FILE...
const fs = require('node:fs');
const vm = require('node:vm');
const acorn = require('acorn');

let failed = 0;
function check(name, text) {
  try {
    acorn.parse(text, { ecmaVersion: 5, sourceType: 'script' });
    console.log(`es5: ${name}: ok (${text.length} characters)`);
  } catch (e) {
    failed++;
    console.log(`es5: ${name}: ${e.message}`);
  }
}

for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, 'utf8');
  check(file, text);
  const m = /__ucifiInflate\("([^"]*)",(\d+)\)/.exec(text);
  if (m) {
    const ctx = vm.createContext({});
    vm.runInContext(text, ctx);
    ctx.payload = m[1];
    ctx.size = +m[2];
    const source = vm.runInContext('__ucifiInflate(payload, size)', ctx);
    check(`${file} (inflated core)`, `var core = ${source};`);
  }
}
if (failed) process.exit(1);
