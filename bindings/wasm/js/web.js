// The package's ES module entry for browsers (pkg/web/ucifi_wasm.js, after js/halves.js): every export of the
// wasm-bindgen glue (ucifi_glue.js), `init` and `initSync` handing the module its JS halves once it is instantiated,
// and `decode` going through the argument reader, which decodes the common case (a Uint8Array, options with the
// values of the last call) without the glue's conversions (src/args.rs).
import * as glue from './ucifi_glue.js';

export * from './ucifi_glue.js';

let ready = false;
const setup = () => {
  if (!ready) glue.__setup(recordBuilder, argReader);
  ready = true;
};

export default async function init(options) {
  const out = await glue.default(options);
  setup();
  return out;
}

export function initSync(options) {
  const out = glue.initSync(options);
  setup();
  return out;
}

let quick;
export function decode(bytes, options) {
  return (quick ??= glue.__quick()).decode(bytes, options, glue);
}

export function decodeUplink(input) {
  return (quick ??= glue.__quick()).uplink(input, glue, true);
}

export function decodeDownlink(input) {
  return (quick ??= glue.__quick()).uplink(input, glue, false);
}
