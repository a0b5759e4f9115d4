//! The `ucifi_writer_add_*` calls: one record each, checked against the records so far before it is kept.

use core::ffi::c_char;

use crate::args::record_parts_in;
use crate::generated::{
    UCIFI_TYPE_BOOLEAN, UCIFI_TYPE_FLOAT, UCIFI_TYPE_INTEGER, UCIFI_TYPE_OBJLNK, UCIFI_TYPE_OPAQUE,
    UCIFI_TYPE_STRING, UCIFI_TYPE_TIME, UCIFI_TYPE_UNSIGNED,
};
use crate::result::UCIFI_RESULT_NULL_POINTER;
use crate::types::{
    ucifi_bytes, ucifi_objlnk, ucifi_path, ucifi_record, ucifi_result, ucifi_str, ucifi_type,
    ucifi_value,
};
use crate::writer::{state, ucifi_writer, State};

/// Adds the record of C path `path`, type code `data_type`, value `value` and time `time` to `s`: every add call
/// ends here, so a record is read and checked by one piece of code whatever call gave it.
///
/// # Safety
/// As `args::record_parts_in`.
unsafe fn add_to(
    s: &mut State,
    path: &ucifi_path,
    data_type: ucifi_type,
    value: &ucifi_value,
    time: Option<f64>,
) -> ucifi_result {
    // Size-first TLV keeps each record as its element (tlv_lean).
    #[cfg(all(feature = "tlv", not(feature = "tlv-fast")))]
    if s.is_tlv() || crate::tlv_lean::ONLY {
        // SAFETY: forwarded contract.
        return match unsafe { crate::tlv_lean::write::entry(path, data_type, value) } {
            Ok(e) => s.push_entry(e),
            Err(code) => code,
        };
    }
    // SAFETY: forwarded contract.
    match unsafe { record_parts_in(path, data_type, value, time) } {
        Ok(r) => s.push(r),
        Err(code) => code,
    }
}

/// Adds one value of type `data_type` at `/object/instance/resource`.
///
/// # Safety
/// `w` NULL or a writer nothing else uses during the call; `value` as `args::record_parts_in` asks.
unsafe fn add(
    w: *mut ucifi_writer,
    object: u16,
    instance: u16,
    resource: u16,
    data_type: ucifi_type,
    value: ucifi_value,
) -> ucifi_result {
    // SAFETY: forwarded contract.
    let s = match unsafe { state(w) } {
        Ok(s) => s,
        Err(code) => return code,
    };
    let path = ucifi_path {
        ids: [object, instance, resource, 0],
        len: 3,
    };
    // SAFETY: forwarded contract.
    unsafe { add_to(s, &path, data_type, &value, None) }
}

/// Adds a float (`UCIFI_TYPE_FLOAT`) at `/object/instance/resource`; written as a 4-byte float when that is exact.
///
/// Like every `ucifi_writer_add_*`: `UCIFI_RESULT_WRITER_FULL` when the slots are used up; a core kind when the
/// record does not fit the format, the path or the registry (`TYPE_MISMATCH`, `PATH_MISMATCH`, `DUPLICATE_ID`,
/// `EXECUTABLE_VALUE`, ...); the writer is unchanged then.
///
/// # Safety
/// `w` must be a writer set up by `ucifi_writer_init` (or NULL).
#[no_mangle]
pub unsafe extern "C" fn ucifi_writer_add_float(
    w: *mut ucifi_writer,
    object: u16,
    instance: u16,
    resource: u16,
    value: f64,
) -> ucifi_result {
    ffi_boundary!({
        // SAFETY: forwarded contract.
        unsafe {
            add(
                w,
                object,
                instance,
                resource,
                UCIFI_TYPE_FLOAT,
                ucifi_value { floating: value },
            )
        }
    })
}

/// Adds a signed integer (`UCIFI_TYPE_INTEGER`), written in the shortest width.
///
/// # Safety
/// `w` must be a writer set up by `ucifi_writer_init` (or NULL).
#[no_mangle]
pub unsafe extern "C" fn ucifi_writer_add_int(
    w: *mut ucifi_writer,
    object: u16,
    instance: u16,
    resource: u16,
    value: i64,
) -> ucifi_result {
    ffi_boundary!({
        // SAFETY: forwarded contract.
        unsafe {
            add(
                w,
                object,
                instance,
                resource,
                UCIFI_TYPE_INTEGER,
                ucifi_value { integer: value },
            )
        }
    })
}

/// Adds an unsigned integer (`UCIFI_TYPE_UNSIGNED`).
///
/// # Safety
/// `w` must be a writer set up by `ucifi_writer_init` (or NULL).
#[no_mangle]
pub unsafe extern "C" fn ucifi_writer_add_uint(
    w: *mut ucifi_writer,
    object: u16,
    instance: u16,
    resource: u16,
    value: u64,
) -> ucifi_result {
    ffi_boundary!({
        // SAFETY: forwarded contract.
        unsafe {
            add(
                w,
                object,
                instance,
                resource,
                UCIFI_TYPE_UNSIGNED,
                ucifi_value { uinteger: value },
            )
        }
    })
}

/// Adds a boolean (`UCIFI_TYPE_BOOLEAN`).
///
/// # Safety
/// `w` must be a writer set up by `ucifi_writer_init` (or NULL).
#[no_mangle]
pub unsafe extern "C" fn ucifi_writer_add_bool(
    w: *mut ucifi_writer,
    object: u16,
    instance: u16,
    resource: u16,
    value: bool,
) -> ucifi_result {
    ffi_boundary!({
        // SAFETY: forwarded contract.
        unsafe {
            add(
                w,
                object,
                instance,
                resource,
                UCIFI_TYPE_BOOLEAN,
                ucifi_value { boolean: value },
            )
        }
    })
}

/// Adds a time (`UCIFI_TYPE_TIME`, signed Unix seconds), e.g. resource 5518 Timestamp.
///
/// # Safety
/// `w` must be a writer set up by `ucifi_writer_init` (or NULL).
#[no_mangle]
pub unsafe extern "C" fn ucifi_writer_add_time(
    w: *mut ucifi_writer,
    object: u16,
    instance: u16,
    resource: u16,
    unix_seconds: i64,
) -> ucifi_result {
    ffi_boundary!({
        // SAFETY: forwarded contract.
        unsafe {
            add(
                w,
                object,
                instance,
                resource,
                UCIFI_TYPE_TIME,
                ucifi_value { time: unix_seconds },
            )
        }
    })
}

/// Adds an object link `link_object:link_instance` (`UCIFI_TYPE_OBJLNK`).
///
/// # Safety
/// `w` must be a writer set up by `ucifi_writer_init` (or NULL).
#[no_mangle]
pub unsafe extern "C" fn ucifi_writer_add_objlnk(
    w: *mut ucifi_writer,
    object: u16,
    instance: u16,
    resource: u16,
    link_object: u16,
    link_instance: u16,
) -> ucifi_result {
    let link = ucifi_objlnk {
        object: link_object,
        instance: link_instance,
    };
    ffi_boundary!({
        // SAFETY: forwarded contract.
        unsafe {
            add(
                w,
                object,
                instance,
                resource,
                UCIFI_TYPE_OBJLNK,
                ucifi_value { objlnk: link },
            )
        }
    })
}

/// Adds UTF-8 text (`UCIFI_TYPE_STRING`): `len` bytes at `text`, not copied (keep them valid until the last
/// finish), no NUL needed. `UCIFI_RESULT_INVALID_UTF8` if the bytes are not UTF-8.
///
/// # Safety
/// `w` a writer set up by `ucifi_writer_init` (or NULL); `text` valid for `len` bytes (NULL only with 0) until the
/// last `finish`/`finish_fit`/`encoded_len` call on `w`.
#[no_mangle]
pub unsafe extern "C" fn ucifi_writer_add_string(
    w: *mut ucifi_writer,
    object: u16,
    instance: u16,
    resource: u16,
    text: *const c_char,
    len: usize,
) -> ucifi_result {
    ffi_boundary!({
        let value = ucifi_value {
            string: ucifi_str { data: text, len },
        };
        // SAFETY: forwarded contract (the text stays valid until the last use of `w`).
        unsafe { add(w, object, instance, resource, UCIFI_TYPE_STRING, value) }
    })
}

/// Adds raw bytes (`UCIFI_TYPE_OPAQUE`): `len` bytes at `data`, not copied (keep them valid until the last finish).
///
/// # Safety
/// `w` a writer set up by `ucifi_writer_init` (or NULL); `data` valid for `len` bytes (NULL only with 0) until the
/// last `finish`/`finish_fit`/`encoded_len` call on `w`.
#[no_mangle]
pub unsafe extern "C" fn ucifi_writer_add_opaque(
    w: *mut ucifi_writer,
    object: u16,
    instance: u16,
    resource: u16,
    data: *const u8,
    len: usize,
) -> ucifi_result {
    ffi_boundary!({
        let value = ucifi_value {
            bytes: ucifi_bytes { data, len },
        };
        // SAFETY: forwarded contract (the bytes stay valid until the last use of `w`).
        unsafe { add(w, object, instance, resource, UCIFI_TYPE_OPAQUE, value) }
    })
}

/// Adds a whole record: any path level (`/O/I/R` or `/O/I/R/RI` for Multiple Resources), any type (corelnk too),
/// and its time when `has_time` (formats that carry time use it; TLV ignores it). Reads `path`, `data_type`,
/// `value`, `has_time`, `time`; so a record a decode callback received can be added as it is. Text and bytes are not
/// copied. `UCIFI_RESULT_INVALID_ARGUMENT` for an unknown `data_type` or a boolean other than 0/1.
///
/// # Safety
/// `w` a writer set up by `ucifi_writer_init` (or NULL); `record` readable (or NULL), with the `value` member its
/// `data_type` names set; text and bytes it points to valid until the last `finish`/`finish_fit`/`encoded_len`
/// call on `w`.
#[no_mangle]
pub unsafe extern "C" fn ucifi_writer_add_record(
    w: *mut ucifi_writer,
    record: *const ucifi_record,
) -> ucifi_result {
    ffi_boundary!({
        // SAFETY: forwarded contract.
        let s = match unsafe { state(w) } {
            Ok(s) => s,
            Err(code) => return code,
        };
        // SAFETY: NULL or readable by the caller's contract.
        let Some(record) = (unsafe { record.as_ref() }) else {
            return UCIFI_RESULT_NULL_POINTER;
        };
        let time = record.has_time.then_some(record.time);
        // SAFETY: what the record points to stays valid until the last use of `w`, by the caller's contract.
        unsafe { add_to(s, &record.path, record.data_type, &record.value, time) }
    })
}
