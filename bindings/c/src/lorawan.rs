//! LoRaWAN: payload budgets per region and data rate, and the project's fPort convention (`ucifi_codec::lorawan`).
//!
//! The convention (default port table): fPort = ObjectID − 3400 carries TLV at `/ObjectID` for the 47 uCIFI objects
//! (one Object Instance wrapper per instance), fPort 100 LwM2M-CBOR and 101 SenML-CBOR (self-describing). An uplink
//! then decodes with nothing but its fPort.

use core::ffi::{c_char, c_void};

use ucifi_codec::lorawan::port::{decode_uplink, PortTable};
use ucifi_codec::lorawan::region::{max_payload, Direction, Region};
use ucifi_codec::{ErrorKind, Registry};

use crate::args::text_in;
use crate::decode::{format_in, request_path_in, ucifi_record_cb};
use crate::result::{
    error_code, kind_code, UCIFI_RESULT_INVALID_ARGUMENT, UCIFI_RESULT_NOT_FOUND,
    UCIFI_RESULT_NULL_POINTER, UCIFI_RESULT_OK,
};
use crate::types::{path_out, record_out, ucifi_format, ucifi_path, ucifi_result};
use crate::writer::{check_storage, set_up, ucifi_writer, ucifi_writer_slot};

/// Decodes an uplink by the fPort convention: the default port table names the format and the request path, then
/// it is `ucifi_decode` (same callback, same outputs, same rules). `UCIFI_RESULT_UNKNOWN_PORT` (offset 0) for an
/// fPort the table has no entry for (0 and 224-255 never have one); `UCIFI_RESULT_UNKNOWN_FORMAT` (offset 0) for a
/// port whose format this build leaves out (the table is the same in every build).
///
/// # Safety
/// As `ucifi_decode`.
#[no_mangle]
pub unsafe extern "C" fn ucifi_uplink_decode(
    fport: u8,
    frame: *const u8,
    len: usize,
    cb: ucifi_record_cb,
    user: *mut c_void,
    count_out: *mut usize,
    error_offset_out: *mut usize,
) -> ucifi_result {
    ffi_boundary!({
        // SAFETY: `frame` is valid for `len` bytes for this call, by the caller's contract.
        let input = match unsafe { crate::args::bytes_in(frame, len) } {
            Ok(bytes) => bytes,
            Err(code) => return code,
        };
        // Size-first TLV: as `ucifi_decode` reads it.
        #[cfg(all(feature = "tlv", not(feature = "tlv-fast")))]
        if let Some(entry) = PortTable::default().lookup(fport) {
            if entry.format == ucifi_codec::Format::Tlv {
                // SAFETY: forwarded contract.
                return unsafe {
                    let result = crate::decode::decode_tlv(input, entry.base.as_ref(), cb, user);
                    crate::decode::decoded(result, count_out, error_offset_out)
                };
            }
        }
        let mut stopped = false;
        let decoded = decode_uplink(fport, input, &PortTable::default(), &Registry, |r| {
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
        unsafe {
            crate::decode::decoded(decoded.map(|n| (n, stopped)), count_out, error_offset_out)
        }
    })
}

/// What fPort `fport` carries by the convention: its format, and the request path its payload is read at
/// (`base_out->len` 0 for self-describing formats). `UCIFI_RESULT_UNKNOWN_PORT` when the table has no entry,
/// `UCIFI_RESULT_UNKNOWN_FORMAT` when this build leaves its format out.
///
/// # Safety
/// `format_out` and `base_out` writable.
#[no_mangle]
pub unsafe extern "C" fn ucifi_uplink_entry(
    fport: u8,
    format_out: *mut ucifi_format,
    base_out: *mut ucifi_path,
) -> ucifi_result {
    ffi_boundary!({
        if format_out.is_null() || base_out.is_null() {
            return UCIFI_RESULT_NULL_POINTER;
        }
        let Some(entry) = PortTable::default().lookup(fport) else {
            return kind_code(ErrorKind::UnknownPort);
        };
        if !crate::decode::enabled(entry.format) {
            return kind_code(ErrorKind::UnknownFormat);
        }
        let base = entry.base.as_ref().map_or(ucifi_path::default(), path_out);
        // SAFETY: both non-NULL and writable by the caller's contract.
        unsafe {
            format_out.write(entry.format.content_format());
            base_out.write(base);
        }
        UCIFI_RESULT_OK
    })
}

/// The fPort a frame of `format` encoded at request path `path` (NUL-terminated, or NULL for self-describing
/// formats) goes out on by the convention: 24 for TLV at `"/3424"`, 100 for LwM2M-CBOR. `UCIFI_RESULT_NOT_FOUND`
/// when no port carries it (e.g. TLV at an instance path, or a non-uCIFI object).
///
/// # Safety
/// `path` NULL or NUL-terminated; `fport_out` writable.
#[no_mangle]
pub unsafe extern "C" fn ucifi_uplink_port(
    format: ucifi_format,
    path: *const c_char,
    fport_out: *mut u8,
) -> ucifi_result {
    ffi_boundary!({
        if fport_out.is_null() {
            return UCIFI_RESULT_NULL_POINTER;
        }
        let format = match format_in(format) {
            Ok(f) => f,
            Err(e) => return error_code(e),
        };
        // SAFETY: NULL or NUL-terminated by the caller's contract.
        let path = match unsafe { request_path_in(path) } {
            Ok(p) => p,
            Err(e) => return error_code(e),
        };
        match PortTable::default().port_for_path(format, path.as_ref()) {
            Some(port) => {
                // SAFETY: non-NULL and writable by the caller's contract.
                unsafe { fport_out.write(port) };
                UCIFI_RESULT_OK
            }
            None => UCIFI_RESULT_NOT_FOUND,
        }
    })
}

/// Sets up `w` to encode the payload of fPort `fport` by the convention (its format and base path; e.g. 24: TLV at
/// `/3424` with Object Instance wrappers), keeping up to `slot_count` records in `slots`. Otherwise as
/// `ucifi_writer_init`; `UCIFI_RESULT_UNKNOWN_PORT` for an fPort without an entry, `UCIFI_RESULT_UNKNOWN_FORMAT`
/// for one whose format this build leaves out.
///
/// # Safety
/// As `ucifi_writer_init`.
#[no_mangle]
pub unsafe extern "C" fn ucifi_writer_init_uplink(
    w: *mut ucifi_writer,
    fport: u8,
    slots: *mut ucifi_writer_slot,
    slot_count: usize,
) -> ucifi_result {
    ffi_boundary!({
        if let Some(code) = check_storage(w, slots, slot_count) {
            return code;
        }
        let Some(entry) = PortTable::default().lookup(fport) else {
            return kind_code(ErrorKind::UnknownPort);
        };
        if !crate::decode::enabled(entry.format) {
            return kind_code(ErrorKind::UnknownFormat);
        }
        // SAFETY: `w` and `slots` checked above; valid by the caller's contract.
        unsafe { set_up(w, entry.format, entry.base, slots, slot_count) };
        UCIFI_RESULT_OK
    })
}

/// The largest application payload (FRMPayload, bytes) at data rate `dr` of `region` (`region_len` bytes of its
/// name: `"EU868"`, `"US915"`, `"AU915"`, `"AS923-1"`..`"AS923-4"`, `"IN865"`, `"KR920"`, `"CN470"`, any case),
/// after RP002-1.0.4. `uplink`: direction; `dwell`: the dwell-time setting (AS923-x, AU915); `repeater`: cap at
/// 222 bytes. `UCIFI_RESULT_INVALID_ARGUMENT` for an unknown region name, `UCIFI_RESULT_NOT_FOUND` for a data rate
/// the region does not define in that direction (or not with dwell time).
///
/// # Safety
/// `region` valid for `region_len` bytes; `bytes_out` writable.
#[no_mangle]
pub unsafe extern "C" fn ucifi_lorawan_max_payload(
    region: *const c_char,
    region_len: usize,
    dr: u8,
    uplink: bool,
    dwell: bool,
    repeater: bool,
    bytes_out: *mut usize,
) -> ucifi_result {
    ffi_boundary!({
        if bytes_out.is_null() {
            return UCIFI_RESULT_NULL_POINTER;
        }
        // SAFETY: valid for `region_len` bytes by the caller's contract.
        let name = match unsafe { text_in(region, region_len) } {
            Ok(t) => t,
            Err(code) if code == UCIFI_RESULT_NULL_POINTER => return code,
            Err(_) => return UCIFI_RESULT_INVALID_ARGUMENT,
        };
        let Ok(region) = name.parse::<Region>() else {
            return UCIFI_RESULT_INVALID_ARGUMENT;
        };
        let direction = if uplink {
            Direction::Uplink
        } else {
            Direction::Downlink
        };
        match max_payload(region, dr, direction, dwell, repeater) {
            Some(n) => {
                // SAFETY: non-NULL and writable by the caller's contract.
                unsafe { bytes_out.write(n) };
                UCIFI_RESULT_OK
            }
            None => UCIFI_RESULT_NOT_FOUND,
        }
    })
}
