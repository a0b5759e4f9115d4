'use strict';
// Minifies js/inflate.js (terser --ecma 5) for `ucifi formatter`'s compressed output.
// Usage: node tools/mkinflate.cjs <inflate.js> <out.js> <header>
const fs = require('node:fs');
const { minify } = require('terser');

const [input, out, header] = process.argv.slice(2);
minify(fs.readFileSync(input, 'utf8'), { ecma: 5, compress: { passes: 2 }, mangle: true, format: { ecma: 5, comments: false } })
  .then((min) => {
    if (!min.code.startsWith('function __ucifiInflate(')) throw new Error('unexpected terser output shape');
    fs.writeFileSync(out, `${header}\n${min.code}\n`);
  })
  .catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
