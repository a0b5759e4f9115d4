//! # ucifi-wasm
//!
//! The WebAssembly front end of `ucifi-codec`, published on npm as `ucifi-codec`. It converts types and errors
//! only: every codec decision (formats, the object model, the fPort convention, fitting) is made by the core crate.
//!
//! JS API (names as JS sees them; `bindings/wasm/README.md` and the hand-written `ucifi-codec.d.ts` document them):
//!
//! | function | does |
//! |---|---|
//! | `decode(bytes, {format \| fPort, path?, ddf?})` | frame → record JSON objects (`path, name, unit, type, value, unknown, time`) |
//! | `encode(records, {format \| fPort, path?, maxBytes?, ddf?})` | record objects → `Uint8Array` |
//! | `fit(records, {budget \| region + dataRate, format?, path?, …})` | records → the fewest frames within a budget |
//! | `objects(id?)`, `formats()`, `ports()`, `setPorts(…)`, `loadDdf(xml)`, `resetDdf()`, `version()` | the model, the formats and the fPort table |
//! | `validate(frames, options?)`, `dataRates(size)` | conformance report of a device's frames; data rates per region |
//! | `decodeUplink`, `encodeDownlink`, `decodeDownlink` | LoRa Alliance TS013 entry points; they never throw |
//!
//! Integers come out as JS numbers while `|x| ≤ 2^53 − 1` and as `BigInt` beyond, never narrowed; both are accepted
//! on input. Errors thrown by `decode`/`encode`/`fit` are `Error` objects with `code` (the core `ErrorKind` name,
//! e.g. `"UNEXPECTED_END"`) and `offset`; misuse of the options (a wrong JS type) throws a `TypeError` without a
//! code.
//!
//! The crate also builds for the host (it is an `rlib` too), so `cargo clippy --workspace` and `cargo test
//! --workspace` see it; its functions only run inside a JS engine.

#![forbid(unsafe_code)]

mod api;
mod args;
mod batch;
mod convert;
mod errors;
mod order;
mod state;
mod ts013;
mod validate;

pub use api::{
    decode, encode, fit, formats, load_ddf, objects, ports, reset_ddf, set_ports, version,
};
pub use ts013::{decode_downlink, decode_uplink, encode_downlink};
pub use validate::{data_rates, validate};
