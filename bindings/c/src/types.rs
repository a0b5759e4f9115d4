//! The C-facing types, and conversions between them and the core's records.

use core::ffi::c_char;
use core::ptr;

use ucifi_codec::{DataType, ErrorKind, ObjLnk, Path, Record, Value};

use crate::result::{kind_code, UCIFI_RESULT_INVALID_ARGUMENT, UCIFI_RESULT_NULL_POINTER};

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
    let mut out = ucifi_path {
        ids: [0; 4],
        len: p.ids().len() as u8,
    };
    for (slot, id) in out.ids.iter_mut().zip(p.ids()) {
        *slot = *id;
    }
    out
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

/// Borrows `len` bytes at `data` from the caller; NULL is allowed only for an empty input.
///
/// # Safety
/// Unless NULL, `data` must point to `len` readable bytes that stay valid and unmodified for `'a`.
pub(crate) unsafe fn bytes_in<'a>(data: *const u8, len: usize) -> Result<&'a [u8], i32> {
    if len == 0 {
        return Ok(&[]);
    }
    if data.is_null() {
        return Err(UCIFI_RESULT_NULL_POINTER);
    }
    if len > isize::MAX as usize {
        return Err(UCIFI_RESULT_INVALID_ARGUMENT);
    }
    // SAFETY: `data` is non-NULL and, by the caller's contract, valid for `len` bytes for `'a`; `len` fits isize.
    Ok(unsafe { core::slice::from_raw_parts(data, len) })
}

/// Borrows `len` bytes of UTF-8 text at `data` from the caller (`INVALID_UTF8` if they are not).
///
/// # Safety
/// As [`bytes_in`].
pub(crate) unsafe fn text_in<'a>(data: *const c_char, len: usize) -> Result<&'a str, i32> {
    // SAFETY: forwarded contract.
    let bytes = unsafe { bytes_in(data.cast(), len) }?;
    core::str::from_utf8(bytes).map_err(|_| kind_code(ErrorKind::InvalidUtf8))
}

/// The core path of a C path (`INVALID_PATH` for a length outside 1..=4).
pub(crate) fn path_in(p: &ucifi_path) -> Result<Path, i32> {
    p.ids
        .get(..usize::from(p.len))
        .and_then(Path::from_ids)
        .ok_or(kind_code(ErrorKind::InvalidPath))
}

/// A core record from a C record; strings and bytes keep pointing at the caller's memory.
///
/// # Safety
/// For string, corelnk and opaque values, `value.string` / `value.bytes` must point to `len` readable bytes that stay
/// valid and unmodified for `'a`. The member of `value` that `data_type` names must be initialised.
pub(crate) unsafe fn record_in<'a>(r: &ucifi_record) -> Result<Record<'a>, i32> {
    let path = path_in(&r.path)?;
    let data_type = data_type_in(r.data_type).ok_or(UCIFI_RESULT_INVALID_ARGUMENT)?;
    let v = &r.value;
    // Every union read below takes the member `data_type` names, which the caller initialised; each of those
    // members is a plain integer, float, or struct of integers or pointers, valid for every bit pattern.
    let value = match data_type {
        // SAFETY: see above.
        DataType::Integer => Value::Integer(unsafe { v.integer }),
        // SAFETY: see above.
        DataType::Unsigned => Value::Unsigned(unsafe { v.uinteger }),
        // SAFETY: see above.
        DataType::Float => Value::Float(unsafe { v.floating }),
        // SAFETY: see above.
        DataType::Time => Value::Time(unsafe { v.time }),
        DataType::Boolean => {
            // Read the byte, not `bool`: a C caller that stored something else must get an error, not UB.
            // SAFETY: the union is at least one byte long and its first byte is the initialised `boolean` member.
            let byte = unsafe { ptr::addr_of!(r.value).cast::<u8>().read() };
            match byte {
                0 => Value::Boolean(false),
                1 => Value::Boolean(true),
                _ => return Err(UCIFI_RESULT_INVALID_ARGUMENT),
            }
        }
        DataType::Objlnk => {
            // SAFETY: see above.
            let l = unsafe { v.objlnk };
            Value::ObjLnk(ObjLnk {
                object: l.object,
                instance: l.instance,
            })
        }
        DataType::String | DataType::Corelnk => {
            // SAFETY: see above.
            let s = unsafe { v.string };
            // SAFETY: forwarded contract (the text stays valid for 'a).
            let text = unsafe { text_in(s.data, s.len) }?;
            if data_type == DataType::String {
                Value::String(text)
            } else {
                Value::CoreLnk(text)
            }
        }
        DataType::Opaque => {
            // SAFETY: see above.
            let b = unsafe { v.bytes };
            // SAFETY: forwarded contract (the bytes stay valid for 'a).
            Value::Opaque(unsafe { bytes_in(b.data, b.len) }?)
        }
        DataType::None => Value::None,
    };
    Ok(Record {
        path,
        value,
        resource: None,
        time: r.has_time.then_some(r.time),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ucifi_codec::{Model, Registry};

    #[test]
    fn records_survive_the_trip_through_c() {
        let text = "Ultrasonic";
        let def = Registry.resource(3424, 3);
        let cases = [
            Value::Integer(-5),
            Value::Unsigned(u64::MAX),
            Value::Float(1234.5),
            Value::Boolean(true),
            Value::Time(1_700_000_000),
            Value::ObjLnk(ObjLnk::NULL),
            Value::String(text),
            Value::CoreLnk("</3/0>"),
            Value::Opaque(&[1, 2, 3]),
            Value::None,
        ];
        for value in cases {
            let mut r = Record::new(Path::resource_path(3424, 0, 3), value);
            r.resource = def;
            r.time = Some(12.0);
            let c = record_out(&r);
            assert_eq!(c.data_type, value.data_type() as u8);
            assert!(!c.unknown && c.has_time);
            assert_eq!((c.name.len, c.unit.len), ("Type of meter".len(), 0));
            let again = back(&c).unwrap();
            assert!(again.value.same_as(&value), "{value:?}");
            assert_eq!((again.path, again.time), (r.path, r.time));
        }
    }

    /// `record_in` on a record without pointers, or whose pointers outlive the call.
    fn back(c: &ucifi_record) -> Result<Record<'_>, i32> {
        // SAFETY: every test record below points at nothing, at NULL (checked first), or at locals that outlive this.
        unsafe { record_in(c) }
    }

    #[test]
    fn bad_c_records_are_rejected() {
        let mut c = record_out(&Record::new(
            Path::resource_path(3424, 0, 9),
            Value::Boolean(false),
        ));
        c.value.integer = 2;
        assert_eq!(back(&c).err(), Some(UCIFI_RESULT_INVALID_ARGUMENT));
        c.data_type = 0;
        assert_eq!(back(&c).err(), Some(UCIFI_RESULT_INVALID_ARGUMENT));
        c.path.len = 5;
        assert_eq!(back(&c).err(), Some(kind_code(ErrorKind::InvalidPath)));
        let mut s = record_out(&Record::new(
            Path::resource_path(3424, 0, 3),
            Value::String("x"),
        ));
        let bad = [0xffu8];
        s.value.string = ucifi_str {
            data: bad.as_ptr().cast(),
            len: 1,
        };
        assert_eq!(back(&s).err(), Some(kind_code(ErrorKind::InvalidUtf8)));
        s.value.string = ucifi_str {
            data: ptr::null(),
            len: 1,
        };
        assert_eq!(back(&s).err(), Some(UCIFI_RESULT_NULL_POINTER));
    }
}
