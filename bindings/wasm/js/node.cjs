// The package's CommonJS entry (pkg/node/ucifi_wasm.js, after js/halves.js): every function of the wasm-bindgen glue
// (ucifi_glue.js), the JS halves handed to the module first, and `decode` going through the argument reader, which
// decodes the common case (a Uint8Array, options with the values of the last call) without the glue's conversions
// (src/args.rs), and `decodeUplink` / `decodeDownlink` likewise for plain input.
const glue = require('./ucifi_glue.js');

glue.__setup(recordBuilder, argReader);
for (const name of Object.keys(glue)) exports[name] = glue[name];
let quick;
exports.decode = function decode(bytes, options) {
  return (quick ??= glue.__quick()).decode(bytes, options, glue);
};
exports.decodeUplink = function decodeUplink(input) {
  return (quick ??= glue.__quick()).uplink(input, glue, true);
};
exports.decodeDownlink = function decodeDownlink(input) {
  return (quick ??= glue.__quick()).uplink(input, glue, false);
};
