//! Result codes, their names and messages, and the library version.
//!
//! Codes 1..=999 are the core's `ErrorKind` numbers (generated as `UCIFI_RESULT_<KIND>` in `generated.rs`, never
//! reused); the API's own codes start at 1000 so they can never clash with a kind the core adds later.

use core::ffi::{c_char, CStr};

use ucifi_codec::{Error, ErrorKind};

use crate::generated;
use crate::types::ucifi_result;

/// Success.
pub const UCIFI_RESULT_OK: ucifi_result = 0;
/// A required pointer argument was NULL.
pub const UCIFI_RESULT_NULL_POINTER: ucifi_result = 1000;
/// An argument is out of range: an unknown type code, a length too large for the address space, a misaligned or
/// uninitialised writer, a discard count above the record count.
pub const UCIFI_RESULT_INVALID_ARGUMENT: ucifi_result = 1001;
/// The library panicked (a bug); the call had no effect on its outputs.
pub const UCIFI_RESULT_PANIC: ucifi_result = 1002;
/// The record callback returned non-zero and decoding stopped there.
pub const UCIFI_RESULT_CALLBACK_STOPPED: ucifi_result = 1003;
/// Every slot of the writer is in use.
pub const UCIFI_RESULT_WRITER_FULL: ucifi_result = 1004;
/// The registry has no object or resource with that id (or no entry at that index).
pub const UCIFI_RESULT_NOT_FOUND: ucifi_result = 1005;

/// The API's own codes: (code, name, message).
const OWN: [(ucifi_result, &CStr, &CStr); 7] = [
    (UCIFI_RESULT_OK, c"OK", c"success"),
    (
        UCIFI_RESULT_NULL_POINTER,
        c"NULL_POINTER",
        c"a required pointer argument is NULL",
    ),
    (
        UCIFI_RESULT_INVALID_ARGUMENT,
        c"INVALID_ARGUMENT",
        c"an argument is out of range or the writer is not initialised",
    ),
    (
        UCIFI_RESULT_PANIC,
        c"PANIC",
        c"internal error: the library panicked",
    ),
    (
        UCIFI_RESULT_CALLBACK_STOPPED,
        c"CALLBACK_STOPPED",
        c"the record callback asked to stop",
    ),
    (
        UCIFI_RESULT_WRITER_FULL,
        c"WRITER_FULL",
        c"every writer slot is in use",
    ),
    (
        UCIFI_RESULT_NOT_FOUND,
        c"NOT_FOUND",
        c"no such object or resource in the registry",
    ),
];

/// The code of a core error kind.
pub(crate) fn kind_code(kind: ErrorKind) -> ucifi_result {
    ucifi_result::from(kind.code())
}

/// The code of a core error.
pub(crate) fn error_code(e: Error) -> ucifi_result {
    kind_code(e.kind())
}

fn own(code: ucifi_result) -> Option<&'static (ucifi_result, &'static CStr, &'static CStr)> {
    OWN.iter().find(|(c, _, _)| *c == code)
}

/// A one-line English description of `code` as a static NUL-terminated string; never NULL (an unknown code gives
/// "unknown result code").
#[no_mangle]
pub extern "C" fn ucifi_result_message(code: i32) -> *const c_char {
    ffi_boundary!(c"internal error".as_ptr(), {
        let text = own(code)
            .map(|(_, _, message)| *message)
            .or_else(|| generated::kind_message(code))
            .unwrap_or(c"unknown result code");
        text.as_ptr()
    })
}

/// The SCREAMING_SNAKE name of `code` (`"OK"`, `"UNEXPECTED_END"`, `"NULL_POINTER"`, ...: the `UCIFI_RESULT_` suffix,
/// the same name the CLI, Python and JS front ends report) as a static NUL-terminated string; never NULL (an unknown
/// code gives `"UNKNOWN"`).
#[no_mangle]
pub extern "C" fn ucifi_result_name(code: i32) -> *const c_char {
    ffi_boundary!(c"PANIC".as_ptr(), {
        let text = own(code)
            .map(|(_, name, _)| *name)
            .or_else(|| generated::kind_name(code))
            .unwrap_or(c"UNKNOWN");
        text.as_ptr()
    })
}

/// The library version (`"0.1.0"`) as a static NUL-terminated string.
#[no_mangle]
pub extern "C" fn ucifi_version() -> *const c_char {
    ffi_boundary!(c"".as_ptr(), {
        concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_codes_are_outside_the_core_range_and_unique() {
        for (i, (code, name, _)) in OWN.iter().enumerate() {
            assert!(*code == 0 || *code >= 1000, "{name:?}");
            assert!(OWN.iter().skip(i + 1).all(|(c, _, _)| c != code));
        }
        for kind in ErrorKind::ALL {
            assert!(kind_code(kind) > 0 && kind_code(kind) < 1000);
        }
    }
}
