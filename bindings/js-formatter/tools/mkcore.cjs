'use strict';
// Turns wasm2js output (an ES module) plus js/wrapper.js into one ES5 function expression `function (T) {...}` and
// minifies it with terser (--ecma 5). Usage: node tools/mkcore.cjs <in.w2j.js> <wrapper.js> <out.js> <header>
const fs = require('node:fs');
const { minify } = require('terser');

async function main() {
  const [input, wrapperFile, out, header] = process.argv.slice(2);
  let src = fs.readFileSync(input, 'utf8');
  if (/^import /m.test(src)) throw new Error(`${input}: the module imports something; the core must import nothing`);
  const exported = [...src.matchAll(/^export var (\w+) = retasmFunc\.\w+;$/gm)].map((m) => m[1]);
  for (const name of ['memory', 'buf_in', 'buf_out', 'buf_arena', 'buf_model', 'load_model', 'decode_uplink']) {
    if (!exported.includes(name)) throw new Error(`${input}: no export ${name}`);
  }
  src = src.replace(/^export var .*$/gm, '').replace(/^var retasmFunc = asmFunc\(\{\s*\}\);$/m, '');
  if (/\bexport\b|retasmFunc/.test(src)) throw new Error(`${input}: unexpected module syntax left`);
  const wrapper = fs.readFileSync(wrapperFile, 'utf8');
  const code = `var __ucifiCore = function (T) {\n${src}\n${wrapper}\n};\n`;
  const min = await minify(code, {
    ecma: 5,
    compress: { passes: 2 },
    mangle: true,
    format: { ecma: 5, comments: false },
  });
  const prefix = 'var __ucifiCore=function(';
  if (!min.code.startsWith(prefix) || !min.code.endsWith('};')) throw new Error('unexpected terser output shape');
  const fn = 'function(' + min.code.slice(prefix.length, -1);
  fs.writeFileSync(out, `${header}\n${fn}\n`);
}

main().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
