//! C arguments read into the core's values: borrowed bytes and text, paths and records, each checked (NULL, length,
//! UTF-8, path length, type code, boolean byte) with the result code of what is wrong.

use core::ffi::c_char;
use core::ptr;

use ucifi_codec::{DataType, ErrorKind, ObjLnk, Path, Record, Value};

use crate::result::{kind_code, UCIFI_RESULT_INVALID_ARGUMENT, UCIFI_RESULT_NULL_POINTER};
#[cfg(test)]
use crate::types::ucifi_record;
use crate::types::{data_type_in, ucifi_path, ucifi_type, ucifi_value};

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

/// `bytes` as text if they are UTF-8 (the core's check, `ucifi_codec::utf8::error_at`); otherwise the offset where
/// they stop being UTF-8.
pub(crate) fn utf8(bytes: &[u8]) -> Result<&str, usize> {
    match ucifi_codec::utf8::error_at(bytes) {
        // SAFETY: `error_at` found every byte to be part of a well-formed UTF-8 sequence, by the rules of
        // `core::str::from_utf8` (the core's tests compare the two).
        None => Ok(unsafe { core::str::from_utf8_unchecked(bytes) }),
        Some(at) => Err(at),
    }
}

/// Borrows `len` bytes of UTF-8 text at `data` from the caller (`INVALID_UTF8` if they are not). Compiled into its
/// callers: out of line, its two results cost more than its body.
///
/// # Safety
/// As [`bytes_in`].
#[inline(always)]
pub(crate) unsafe fn text_in<'a>(data: *const c_char, len: usize) -> Result<&'a str, i32> {
    // SAFETY: forwarded contract.
    let bytes = unsafe { bytes_in(data.cast(), len) }?;
    utf8(bytes).map_err(|_| kind_code(ErrorKind::InvalidUtf8))
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
#[cfg(test)]
pub(crate) unsafe fn record_in<'a>(r: &ucifi_record) -> Result<Record<'a>, i32> {
    // SAFETY: forwarded contract.
    unsafe { record_parts_in(&r.path, r.data_type, &r.value, r.has_time.then_some(r.time)) }
}

/// A core record from the parts of a C record (path, type code, value, time); strings and bytes keep pointing at the
/// caller's memory.
///
/// # Safety
/// For string, corelnk and opaque values, `v.string` / `v.bytes` must point to `len` readable bytes that stay
/// valid and unmodified for `'a`. The member of `v` that `code` names must be initialised.
pub(crate) unsafe fn record_parts_in<'a>(
    p: &ucifi_path,
    code: ucifi_type,
    v: &ucifi_value,
    time: Option<f64>,
) -> Result<Record<'a>, i32> {
    let path = path_in(p)?;
    let data_type = data_type_in(code).ok_or(UCIFI_RESULT_INVALID_ARGUMENT)?;
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
            let byte = unsafe { ptr::from_ref(v).cast::<u8>().read() };
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
        time,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{record_out, ucifi_str};
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
