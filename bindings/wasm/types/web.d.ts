// Type definitions for `ucifi-codec/web`: the same API as the Node entry point, after initialisation.
//
//   import init, { decode } from 'ucifi-codec/web';
//   await init();                       // fetches ucifi_wasm_bg.wasm next to the module (or pass a URL / Response / bytes)
//   // or, with the bytes at hand:      initSync({ module: wasmBytes });
export * from './ucifi-codec';

export type InitInput = RequestInfo | URL | Response | BufferSource | WebAssembly.Module;

/** Instantiates the module; call (and await) once before any other function. */
export default function init(
  moduleOrPath?: { module_or_path: InitInput | Promise<InitInput> } | InitInput | Promise<InitInput>,
): Promise<WebAssembly.Exports>;

/** Instantiates the module synchronously from its bytes or a compiled module. */
export function initSync(module: { module: BufferSource | WebAssembly.Module } | BufferSource | WebAssembly.Module): WebAssembly.Exports;
