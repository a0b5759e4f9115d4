//! The codec core as a C-ABI WebAssembly module, for the plain-JS TS013 formatter (`bindings/js-formatter`).
//!
//! No wasm-bindgen, no allocator (unless the `senml-json` feature is on), no `core::fmt`: JS writes into static
//! buffers, calls one function and reads compact binary records back, so that `wasm2js` turns the module into a small
//! ES5 script that network servers without WebAssembly can run.
//!
//! # Protocol
//!
//! Buffers (addresses from the `buf_*` exports; sizes are the `*_CAP` constants):
//! * `buf_in` — the frame to decode, or the frame an encode wrote.
//! * `buf_out` — 32-byte records: decoded ones ([`decode`]), or records to encode ([`encode`]).
//! * `buf_arena` — text: decoded strings and opaque bytes, or the texts of records to encode, format name, path.
//! * `buf_model` — the object model (ids and types only) that JS loads once with [`load_model`].
//!
//! Functions return a count or length (≥ 0), or the negated `ErrorKind` code; [`err_offset`] then gives the
//! error's offset and [`err_record`] the record it concerns (encoders).
//!
//! A decoded record (little-endian): `[0]` data type code, `[1]` flags (1: time at 24, 2: resource unknown to the
//! model, 4: integer beyond 2^53 − 1 as decimal text at 16), `[2]` path length, `[4..12]` the path's four ids as
//! u16, `[16..24]` the value (an f64 for integer, unsigned, time and float; a byte for boolean; arena offset and
//! length as two u32 for string, corelnk, opaque and decimal text; two u16 for objlnk), `[24..32]` time (f64).
//!
//! A record to encode: `[0]` kind (0 null, 1 false, 2 true, 3 number (f64 at 16), 4 text (arena offset, length at
//! 16, 20)), `[1]` flags (1: time at 24, 2: type name at 8), `[4..8]` path text (u16 offset, u16 length in the
//! arena), `[8..12]` type name (same form), `[24..32]` time.
#![cfg_attr(target_arch = "wasm32", no_std)]
// Size-limited builds leave out formats and entry points; what only those use is then unused.
#![cfg_attr(not(feature = "all-formats"), allow(dead_code, unused_imports))]
#![deny(missing_docs)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod buffers;
#[cfg(all(feature = "senml-json", target_arch = "wasm32"))]
mod bump;
mod decode;
mod dispatch;
#[cfg(feature = "encode")]
mod encode;
mod model;

pub use buffers::{ARENA_CAP, IN_CAP, MAX_ENCODE, MAX_RECORDS, MODEL_CAP, RECORD_SIZE};
#[cfg(feature = "named-formats")]
pub use decode::decode;
pub use decode::decode_uplink;
#[cfg(feature = "encode")]
#[cfg(feature = "named-formats")]
pub use encode::encode;
#[cfg(feature = "encode")]
pub use encode::{encode_port, ENCODER_STAGE, NO_ENTRY};
pub use model::{load_model, MAX_OBJECTS, MAX_RESOURCES};

use ucifi_codec::Error;

/// Where the last error was found (a byte offset for decoders, a record index for encoders).
static mut ERR_OFFSET: u32 = 0;
/// The record the last encode error concerns (its index in the records JS wrote), or [`NO_ENTRY`] / `u32::MAX`.
static mut ERR_RECORD: u32 = u32::MAX;

/// The offset of the last error.
#[no_mangle]
pub extern "C" fn err_offset() -> u32 {
    // SAFETY: wasm runs on one thread and no export is re-entered; plain copies of a u32.
    unsafe { ERR_OFFSET }
}

/// The index (in the records JS wrote) of the record the last encode error concerns; `u32::MAX` for none.
#[no_mangle]
pub extern "C" fn err_record() -> u32 {
    // SAFETY: as in `err_offset`.
    unsafe { ERR_RECORD }
}

/// Records `e` (and the record it concerns) and returns its negated code.
fn fail(e: Error, record: u32) -> i32 {
    // SAFETY: as in `err_offset`.
    unsafe {
        ERR_OFFSET = u32::try_from(e.offset()).unwrap_or(u32::MAX);
        ERR_RECORD = record;
    }
    -i32::from(e.kind().code())
}

#[cfg(target_arch = "wasm32")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    // wasm2js turns this into a thrown error, which the JS wrapper reports in `errors`.
    core::arch::wasm32::unreachable()
}
