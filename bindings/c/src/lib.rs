//! # ucifi-ffi: the C API of ucifi-codec
//!
//! A thin C layer over [`ucifi_codec`], in the manner of rustls-ffi. The header `include/ucifi.h` is generated from
//! this crate by cbindgen (`cargo xtask gen`); `include/ucifi_ids.h` (object and resource ids) and `src/generated.rs`
//! (result, format and type codes) are generated from the core's tables by `ucifi-codegen`
//! (`core/codegen/src/c_api.rs`).
//!
//! Conventions every function follows:
//! - Names are `ucifi_<noun>_<verb>`. Every fallible call returns a [`ucifi_result`]: [`UCIFI_RESULT_OK`] (0), a
//!   core error kind (its stable `ErrorKind` number, `UCIFI_RESULT_<KIND>`), or one of the API's own codes from 1000
//!   on ([`UCIFI_RESULT_NULL_POINTER`], [`UCIFI_RESULT_INVALID_ARGUMENT`], [`UCIFI_RESULT_PANIC`], ...).
//! - Inputs come as pointer + `size_t`; a NULL pointer with a length of 0 is an empty input. Outputs come last and
//!   are written only on success. Required pointers are NULL-checked.
//! - Every body runs behind one boundary: with the `std` feature a Rust panic is caught and returned as
//!   [`UCIFI_RESULT_PANIC`]; without it (firmware) the crate is `no_std` and never allocates.
//! - No heap: decoding hands records to a callback (valid during the call; most formats point into the caller's
//!   frame); encoding goes through a [`ucifi_writer`] on the caller's stack that holds its records in
//!   caller-provided [`ucifi_writer_slot`]s. (SenML-JSON, host builds only, allocates inside the core.)
//! - LoRaWAN: payload budgets per region and data rate, and the fPort convention (`ucifi_uplink_*`,
//!   `ucifi_writer_init_uplink`), from `ucifi_codec::lorawan`.
//!
//! Strings that come from the registry (names, units) are [`ucifi_str`]: pointer + length, **not** NUL-terminated
//! (print them with `"%.*s"`). Strings this library owns and returns as `const char *` are NUL-terminated and static.
#![cfg_attr(not(feature = "std"), no_std)]
// Input reaches every slice access here: a panicking index is a bug (see `[workspace.lints]` for the rest).
#![deny(clippy::indexing_slicing)]
// C type names (`ucifi_record`, `ucifi_writer`, ...) follow the C API, not Rust's naming.
#![allow(non_camel_case_types)]

#[macro_use]
mod boundary;
mod args;
pub mod decode;
mod generated;
pub mod lorawan;
pub mod registry;
pub mod result;
#[cfg(all(feature = "tlv", not(feature = "tlv-fast")))]
mod tlv_lean;
pub mod types;
pub mod writer;
pub mod writer_add;

pub use decode::{
    ucifi_decode, ucifi_format_enabled, ucifi_format_from_name, ucifi_format_name, ucifi_record_cb,
};
pub use generated::*;
pub use lorawan::{
    ucifi_lorawan_max_payload, ucifi_uplink_decode, ucifi_uplink_entry, ucifi_uplink_port,
    ucifi_writer_init_uplink,
};
pub use registry::{
    ucifi_object_at, ucifi_object_info, ucifi_object_name, ucifi_resource_at, ucifi_resource_info,
    ucifi_type_name, UCIFI_OPERATION_EXECUTE, UCIFI_OPERATION_READ, UCIFI_OPERATION_WRITE,
};
pub use result::{
    ucifi_result_message, ucifi_result_name, ucifi_version, UCIFI_RESULT_CALLBACK_STOPPED,
    UCIFI_RESULT_INVALID_ARGUMENT, UCIFI_RESULT_NOT_FOUND, UCIFI_RESULT_NULL_POINTER,
    UCIFI_RESULT_OK, UCIFI_RESULT_PANIC, UCIFI_RESULT_WRITER_FULL,
};
pub use types::{
    ucifi_bytes, ucifi_format, ucifi_object_def, ucifi_objlnk, ucifi_path, ucifi_record,
    ucifi_resource_def, ucifi_result, ucifi_str, ucifi_type, ucifi_value,
};
pub use writer::{
    ucifi_writer, ucifi_writer_count, ucifi_writer_discard, ucifi_writer_encoded_len,
    ucifi_writer_finish, ucifi_writer_finish_fit, ucifi_writer_init, ucifi_writer_slot,
    UCIFI_WRITER_SLOT_WORDS, UCIFI_WRITER_WORDS,
};
pub use writer_add::{
    ucifi_writer_add_bool, ucifi_writer_add_float, ucifi_writer_add_int, ucifi_writer_add_objlnk,
    ucifi_writer_add_opaque, ucifi_writer_add_record, ucifi_writer_add_string,
    ucifi_writer_add_time, ucifi_writer_add_uint,
};

/// Firmware builds have no std to unwind into: a panic (which the lints above keep out of the code) parks the core.
#[cfg(all(not(feature = "std"), not(test)))]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    loop {
        core::hint::spin_loop();
    }
}
