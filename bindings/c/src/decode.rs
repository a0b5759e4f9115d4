//! Decoding through a callback, and format names.

use core::ffi::{c_char, c_void, CStr};

use ucifi_codec::{format, Error, ErrorKind, Format, Path, Registry};

use crate::args::{text_in, utf8};
use crate::generated;
use crate::result::{error_code, UCIFI_RESULT_CALLBACK_STOPPED, UCIFI_RESULT_OK};
use crate::types::{record_out, ucifi_format, ucifi_record, ucifi_result};

/// Receives one decoded record. `record`, and the text and bytes it points to, are valid only during the call
/// (names and units, which point into the static registry, stay valid). Return 0 to go on; any other value stops decoding and makes `ucifi_decode` return
/// `UCIFI_RESULT_CALLBACK_STOPPED`.
pub type ucifi_record_cb =
    Option<unsafe extern "C" fn(user: *mut c_void, record: *const ucifi_record) -> i32>;

/// True if this build reads and writes `format`: the core's formats of the build, and TLV with the `tlv` feature
/// (which without `tlv-fast` is this crate's size-first TLV, the core's being left out).
pub(crate) fn enabled(format: Format) -> bool {
    format.enabled() || (format == Format::Tlv && cfg!(feature = "tlv"))
}

/// The core format with this Content-Format number, if this build links it (its cargo feature is on).
pub(crate) fn format_in(code: ucifi_format) -> Result<Format, Error> {
    // A TLV-only build knows one code: compared as it is, without the search.
    #[cfg(all(feature = "tlv", not(feature = "tlv-fast")))]
    if crate::tlv_lean::ONLY {
        return if code == Format::Tlv.content_format() {
            Ok(Format::Tlv)
        } else {
            Err(Error::new(ErrorKind::UnknownFormat, 0))
        };
    }
    Format::ALL
        .iter()
        .copied()
        .find(|f| f.content_format() == code && enabled(*f))
        .ok_or(Error::new(ErrorKind::UnknownFormat, 0))
}

/// `ucifi_decode` for size-first TLV (`tlv_lean`): the frame's bytes straight into `ucifi_record`s. Returns the
/// record count and whether the callback asked to stop. Compiled into its two callers (`ucifi_decode`,
/// `ucifi_uplink_decode`): smaller in each, whether a build links one or both.
///
/// # Safety
/// As `ucifi_decode`.
#[cfg(all(feature = "tlv", not(feature = "tlv-fast")))]
#[inline(always)]
pub(crate) unsafe fn decode_tlv(
    input: &[u8],
    path: Option<&Path>,
    cb: ucifi_record_cb,
    user: *mut c_void,
) -> Result<(usize, bool), Error> {
    match path {
        None => Err(Error::new(ErrorKind::MissingPath, 0)),
        Some(p) if p.is_root() => Err(Error::new(ErrorKind::InvalidPath, 1)),
        Some(p) => crate::tlv_lean::read::decode(input, p, cb, user),
    }
}

/// The result code of a decode, with its outputs: the record count on success, the error offset on an error.
///
/// # Safety
/// `count_out` and `error_offset_out` NULL or writable.
pub(crate) unsafe fn decoded(
    result: Result<(usize, bool), Error>,
    count_out: *mut usize,
    error_offset_out: *mut usize,
) -> ucifi_result {
    match result {
        Ok((_, true)) => UCIFI_RESULT_CALLBACK_STOPPED,
        Ok((n, false)) => {
            // SAFETY: NULL or writable by the caller's contract.
            unsafe { write_opt(count_out, n) };
            UCIFI_RESULT_OK
        }
        Err(e) => {
            // SAFETY: NULL or writable by the caller's contract.
            unsafe { write_opt(error_offset_out, e.offset()) };
            error_code(e)
        }
    }
}

/// Parses a NUL-terminated request path (`"/3424/0"`); NULL means no path.
///
/// # Safety
/// Unless NULL, `path` must point to a NUL-terminated string.
pub(crate) unsafe fn request_path_in(path: *const c_char) -> Result<Option<Path>, Error> {
    if path.is_null() {
        return Ok(None);
    }
    // The length up to the NUL, and whether every byte is ASCII (then the text is UTF-8 without a check), in one
    // loop: `CStr::from_ptr` would link `strlen` (52 bytes on Cortex-M), which a plain counting loop becomes too.
    let mut n = 0;
    let mut high = 0;
    loop {
        // SAFETY: non-NULL and NUL-terminated by the caller's contract: every byte up to the NUL is readable.
        let b = unsafe { path.add(n).cast::<u8>().read() };
        if b == 0 {
            break;
        }
        high |= b;
        n += 1;
    }
    // SAFETY: the `n` bytes before the NUL, readable as above and not changed during the call.
    let bytes = unsafe { core::slice::from_raw_parts(path.cast::<u8>(), n) };
    let text = if high < 0x80 {
        // SAFETY: ASCII is UTF-8.
        unsafe { core::str::from_utf8_unchecked(bytes) }
    } else {
        utf8(bytes).map_err(|at| Error::new(ErrorKind::InvalidPath, at))?
    };
    text.parse().map(Some)
}

/// Writes `value` through `out` unless it is NULL.
///
/// # Safety
/// Unless NULL, `out` must be valid for a write of `T`.
pub(crate) unsafe fn write_opt<T>(out: *mut T, value: T) {
    if !out.is_null() {
        // SAFETY: non-NULL and writable by the caller's contract.
        unsafe { out.write(value) };
    }
}

/// Decodes `frame` (`len` bytes) in `format` and hands each record to `cb`.
///
/// - `format`: a `UCIFI_FORMAT_*` code of a format this build links (`UCIFI_RESULT_UNKNOWN_FORMAT` otherwise).
/// - `frame`: the payload; NULL only when `len` is 0.
/// - `path`: the request path as NUL-terminated text (`"/3424/0"`), or NULL. TLV needs it (`MISSING_PATH`
///   otherwise): TLV does not name the object. A bad path gives `INVALID_PATH` with the offset in the text.
/// - `cb`, `user`: called once per record, in frame order, with `user` passed through. NULL `cb` only validates and
///   counts. Nothing reaches `cb` unless the whole frame is valid. The record, and the text and bytes it points to,
///   are valid **only during the call**: most formats point into `frame` (zero-copy), but SenML-JSON (escapes) and
///   plain text (base64) hand out memory of their own; copy what you keep. Names and units point into the static
///   registry and stay valid.
/// - `count_out` (nullable): on success, the number of records.
/// - `error_offset_out` (nullable): written only when the result is a core error kind: the byte offset in `frame`
///   where the problem was found (or in `path` for `INVALID_PATH`).
///
/// Returns `UCIFI_RESULT_OK`, a core error kind, `UCIFI_RESULT_NULL_POINTER` (NULL `frame` with `len` > 0) or
/// `UCIFI_RESULT_CALLBACK_STOPPED`.
///
/// Heap: none, except SenML-JSON, which exists only in host (`std`) builds and decodes through the core's owned
/// records. Firmware (`no_std`) builds have no SenML-JSON (`UCIFI_RESULT_UNKNOWN_FORMAT`), nor the formats their
/// cargo features leave out (`tlv`, `senml-cbor`, `lwm2m-cbor`, `single`, `text`; all on by default).
///
/// # Safety
/// `frame` must be valid for `len` bytes (unless NULL with `len` 0); `path`, unless NULL, NUL-terminated; `cb`, if
/// given, a function safe to call with `user`; `count_out` and `error_offset_out`, unless NULL, writable.
#[no_mangle]
pub unsafe extern "C" fn ucifi_decode(
    format: ucifi_format,
    frame: *const u8,
    len: usize,
    path: *const c_char,
    cb: ucifi_record_cb,
    user: *mut c_void,
    count_out: *mut usize,
    error_offset_out: *mut usize,
) -> ucifi_result {
    ffi_boundary!({
        // SAFETY: `count_out` and `error_offset_out` are NULL or writable by the caller's contract.
        let fail = |e: Error| unsafe { decoded(Err(e), count_out, error_offset_out) };
        let format = match format_in(format) {
            Ok(f) => f,
            Err(e) => return fail(e),
        };
        // SAFETY: `frame` is valid for `len` bytes for this call, by the caller's contract.
        let input = match unsafe { crate::args::bytes_in(frame, len) } {
            Ok(bytes) => bytes,
            Err(code) => return code,
        };
        // SAFETY: `path` is NULL or NUL-terminated, by the caller's contract.
        let path = match unsafe { request_path_in(path) } {
            Ok(p) => p,
            Err(e) => return fail(e),
        };
        // Size-first TLV: the frame's bytes straight into `ucifi_record`s (tlv_lean); in a TLV-only build the
        // format is TLV whatever the code said (`format_in` let nothing else through).
        #[cfg(all(feature = "tlv", not(feature = "tlv-fast")))]
        if format == Format::Tlv || crate::tlv_lean::ONLY {
            // SAFETY: forwarded contract.
            return unsafe {
                decoded(
                    decode_tlv(input, path.as_ref(), cb, user),
                    count_out,
                    error_offset_out,
                )
            };
        }
        let mut stopped = false;
        let result = format::decode_each(format, input, path.as_ref(), &Registry, |r| {
            let Some(cb) = cb else { return };
            if stopped {
                return;
            }
            let record = record_out(&r);
            // SAFETY: `cb` is safe to call with `user` by the caller's contract; `record` outlives the call.
            if unsafe { cb(user, &record) } != 0 {
                stopped = true;
            }
        });
        // SAFETY: forwarded contract.
        unsafe { decoded(result.map(|n| (n, stopped)), count_out, error_offset_out) }
    })
}

/// The `UCIFI_FORMAT_*` code of a format name (`"tlv"`, the names the CLI and the vectors use): `name` is `len`
/// bytes, not necessarily NUL-terminated. `UCIFI_RESULT_UNKNOWN_FORMAT` for a name the library does not know. Names
/// and codes are the same in every build, even for a format the build leaves out.
///
/// # Safety
/// `name` must be valid for `len` bytes (unless NULL with `len` 0); `format_out` writable.
#[no_mangle]
pub unsafe extern "C" fn ucifi_format_from_name(
    name: *const c_char,
    len: usize,
    format_out: *mut ucifi_format,
) -> ucifi_result {
    ffi_boundary!({
        if format_out.is_null() {
            return crate::result::UCIFI_RESULT_NULL_POINTER;
        }
        // SAFETY: valid for `len` bytes by the caller's contract.
        let text = match unsafe { text_in(name, len) } {
            Ok(t) => t,
            Err(code) if code == crate::result::UCIFI_RESULT_NULL_POINTER => return code,
            Err(_) => return error_code(Error::new(ErrorKind::UnknownFormat, 0)),
        };
        match text.parse::<Format>() {
            Ok(f) => {
                // SAFETY: checked non-NULL above; writable by the caller's contract.
                unsafe { format_out.write(f.content_format()) };
                UCIFI_RESULT_OK
            }
            Err(e) => error_code(e),
        }
    })
}

/// The name of a format code (`"tlv"`) as a static NUL-terminated string, or NULL for an unknown code.
#[no_mangle]
pub extern "C" fn ucifi_format_name(format: ucifi_format) -> *const c_char {
    ffi_boundary!(core::ptr::null(), {
        generated::format_name(format).map_or(core::ptr::null(), CStr::as_ptr)
    })
}

/// True if this build of the library reads and writes `format` (a `UCIFI_FORMAT_*` code); false for a code that is
/// no format and for a format the build's cargo features leave out. Every call given a left-out format, or an fPort
/// whose format is left out, answers `UCIFI_RESULT_UNKNOWN_FORMAT` (offset 0): never a decode or an encode. The
/// default (host) build has every format; a firmware build has the ones it names (`tlv`, `senml-cbor`, ...).
#[no_mangle]
pub extern "C" fn ucifi_format_enabled(format: ucifi_format) -> bool {
    ffi_boundary!(false, { format_in(format).is_ok() })
}
