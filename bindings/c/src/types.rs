//! The C-facing types, and the conversions from the core's records to them (the other way, with argument checks:
//! `args`).

use core::ffi::c_char;
use core::ptr;

use ucifi_codec::{DataType, Path, Record, Value};

/// Result code of every fallible call: `UCIFI_RESULT_OK` (0) or one of the `UCIFI_RESULT_*` codes.
pub type ucifi_result = i32;

/// A data format, named by its CoAP Content-Format number (`UCIFI_FORMAT_*`, e.g. `UCIFI_FORMAT_TLV` = 11542).
pub type ucifi_format = u16;

/// An LwM2M data type (`UCIFI_TYPE_*`, e.g. `UCIFI_TYPE_FLOAT`).
pub type ucifi_type = u8;

/// Text borrowed from the registry, the decoder or the caller: pointer + length in bytes, UTF-8, **not**
/// NUL-terminated (print with `"%.*s", (int)s.len, s.data`). `data` is never NULL in what this library returns.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ucifi_str {
    /// First byte.
    pub data: *const c_char,
    /// Length in bytes.
    pub len: usize,
}

/// Bytes borrowed from the decoder (valid during the record callback) or the caller (encode): pointer + length.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ucifi_bytes {
    /// First byte.
    pub data: *const u8,
    /// Length in bytes.
    pub len: usize,
}

/// An LwM2M path: `len` ids in use (1 = `/O`, 2 = `/O/I`, 3 = `/O/I/R`, 4 = `/O/I/R/RI`); ids past `len` are 0.
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ucifi_path {
    /// Object, instance, resource, resource instance.
    pub ids: [u16; 4],
    /// Number of ids in use, 1..=4.
    pub len: u8,
}

/// An object link `object:instance` (`65535:65535` is the null link).
#[repr(C)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ucifi_objlnk {
    /// Object id.
    pub object: u16,
    /// Object instance id.
    pub instance: u16,
}

/// A value; the record's `data_type` says which member is set.
#[repr(C)]
#[derive(Clone, Copy)]
pub union ucifi_value {
    /// `UCIFI_TYPE_INTEGER`.
    pub integer: i64,
    /// `UCIFI_TYPE_UNSIGNED`.
    pub uinteger: u64,
    /// `UCIFI_TYPE_FLOAT` (a 4-byte float on the wire widens exactly).
    pub floating: f64,
    /// `UCIFI_TYPE_BOOLEAN`.
    pub boolean: bool,
    /// `UCIFI_TYPE_TIME`: signed Unix seconds.
    pub time: i64,
    /// `UCIFI_TYPE_OBJLNK`.
    pub objlnk: ucifi_objlnk,
    /// `UCIFI_TYPE_STRING` and `UCIFI_TYPE_CORELNK`: UTF-8 text, not NUL-terminated.
    pub string: ucifi_str,
    /// `UCIFI_TYPE_OPAQUE` (also every resource the registry does not know, with `unknown` set).
    pub bytes: ucifi_bytes,
}

/// One data point.
///
/// Decoding fills every field. The record, its text and its bytes are valid only during the callback call (they
/// point into the frame for most formats, not for SenML-JSON or plain text); names and units point into the static
/// registry and stay valid.
/// For `ucifi_writer_add_record` the writer reads `path`, `data_type`,
/// `value`, `has_time` and `time`, and ignores `unknown`, `name` and `unit`.
#[repr(C)]
#[derive(Clone, Copy)]
pub struct ucifi_record {
    /// Full path of the value: `/O/I/R` or `/O/I/R/RI`.
    pub path: ucifi_path,
    /// The type of `value` (`UCIFI_TYPE_*`).
    pub data_type: ucifi_type,
    /// True when the registry does not know the resource: the value is then its raw bytes (`UCIFI_TYPE_OPAQUE`).
    /// A warning, never an error.
    pub unknown: bool,
    /// True when the format carried a time for the record (SenML); TLV never does.
    pub has_time: bool,
    /// The record's time in seconds when `has_time` (absolute Unix time when >= 2^28, else relative to now).
    pub time: f64,
    /// The value.
    pub value: ucifi_value,
    /// The resource name from the registry; empty (`len` 0) when unknown, and always in a build without the
    /// `registry-names` feature (firmware builds leave the registry's texts out).
    pub name: ucifi_str,
    /// The unit from the registry; empty when it gives none (and without `registry-names`).
    pub unit: ucifi_str,
}

/// One object of the registry.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ucifi_object_def {
    /// ObjectID.
    pub id: u16,
    /// Name as the registry gives it (empty without the `registry-names` feature, as in firmware builds).
    pub name: ucifi_str,
    /// Object version (`"1.0"` when the registry gives none; empty without `registry-names`).
    pub version: ucifi_str,
    /// LwM2M enabler version the object is written for (empty without `registry-names`).
    pub lwm2m_version: ucifi_str,
    /// Multiple instances allowed.
    pub multiple: bool,
    /// Mandatory object.
    pub mandatory: bool,
    /// One of the 47 uCIFI objects (3410-3439, 3445-3461).
    pub is_ucifi: bool,
    /// Number of resources (enumerate them with `ucifi_resource_at`).
    pub resource_count: usize,
}

/// One resource of a registry object.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct ucifi_resource_def {
    /// ObjectID.
    pub object: u16,
    /// Resource id.
    pub id: u16,
    /// Name as the registry gives it (empty without the `registry-names` feature, as in firmware builds).
    pub name: ucifi_str,
    /// Data type (`UCIFI_TYPE_*`).
    pub data_type: ucifi_type,
    /// Allowed operations: a mask of `UCIFI_OPERATION_READ`, `_WRITE`, `_EXECUTE` (0 when the registry gives none).
    pub operations: u8,
    /// A Multiple Resource (values at `/O/I/R/RI`).
    pub multiple: bool,
    /// Mandatory in every instance.
    pub mandatory: bool,
    /// Units; empty when the registry gives none (and without `registry-names`).
    pub units: ucifi_str,
    /// True when the registry gives a numeric range `range_min..range_max` (never without `registry-names`).
    pub has_range: bool,
    /// Smallest allowed value (0 without a range).
    pub range_min: f64,
    /// Largest allowed value (0 without a range).
    pub range_max: f64,
}

/// A `ucifi_str` view of static or borrowed text; the empty string points at a real (NUL) byte.
pub(crate) fn str_out(s: &str) -> ucifi_str {
    if s.is_empty() {
        return ucifi_str {
            data: c"".as_ptr(),
            len: 0,
        };
    }
    ucifi_str {
        data: s.as_ptr().cast(),
        len: s.len(),
    }
}

/// The C path of a core path.
pub(crate) fn path_out(p: &Path) -> ucifi_path {
    // Id by id (ids past the length are 0 in both): a copy of the ids is a `memcpy` call on small targets.
    ucifi_path {
        ids: [p.id(0), p.id(1), p.id(2), p.id(3)],
        len: p.len() as u8,
    }
}

/// The C view of a core record (borrowing from the same places).
pub(crate) fn record_out(r: &Record<'_>) -> ucifi_record {
    let mut value = ucifi_value {
        bytes: ucifi_bytes {
            data: ptr::null(),
            len: 0,
        },
    };
    match r.value {
        Value::Integer(x) => value.integer = x,
        Value::Unsigned(x) => value.uinteger = x,
        Value::Float(x) => value.floating = x,
        Value::Boolean(b) => value.boolean = b,
        Value::Time(t) => value.time = t,
        Value::ObjLnk(l) => {
            value.objlnk = ucifi_objlnk {
                object: l.object,
                instance: l.instance,
            }
        }
        Value::String(s) | Value::CoreLnk(s) => value.string = str_out(s),
        Value::Opaque(b) => {
            value.bytes = ucifi_bytes {
                data: b.as_ptr(),
                len: b.len(),
            }
        }
        Value::None => {}
    }
    ucifi_record {
        path: path_out(&r.path),
        data_type: r.value.data_type() as u8,
        unknown: r.unknown(),
        has_time: r.time.is_some(),
        time: r.time.unwrap_or(0.0),
        value,
        name: str_out(r.name().unwrap_or("")),
        unit: str_out(r.unit().unwrap_or("")),
    }
}

/// The core data type with this code.
pub(crate) fn data_type_in(code: ucifi_type) -> Option<DataType> {
    DataType::ALL.iter().copied().find(|t| *t as u8 == code)
}
