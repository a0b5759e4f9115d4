//! TLV element primitives shared by the validating walk and the re-reading iterator of [`super::reader`]: splitting
//! one element (type, id, length field, value) off the front of its parent's bytes, and typing its value bytes by the
//! model. Nothing here checks structure, paths or duplicates; a `None` from [`split`] means the bytes end inside the
//! element, which the caller turns into the error its level calls for.

use super::Kind;
use crate::error::ErrorKind;
use crate::registry::ResourceDef;
use crate::value::{DataType, ObjLnk, Value};

/// One element split off the front of its parent's bytes: kind, id and value bytes.
#[derive(Clone, Copy)]
pub(super) struct Element<'a> {
    pub(super) kind: Kind,
    pub(super) id: u16,
    pub(super) value: &'a [u8],
    /// The bytes after the element.
    pub(super) rest: &'a [u8],
}

/// Splits the element at the front of `rest`; returns it and the bytes after it, or `None` if `rest` ends inside
/// the element (header or value). `rest` must not be empty for a `Some`.
#[cfg_attr(feature = "tlv-fast", inline(always))]
#[cfg_attr(not(feature = "tlv-fast"), inline)]
pub(super) fn split(rest: &[u8]) -> Option<Element<'_>> {
    let (&t, r) = rest.split_first()?;
    let kind = match t >> 6 {
        0 => Kind::ObjectInstance,
        1 => Kind::ResourceInstance,
        2 => Kind::MultipleResource,
        _ => Kind::Resource,
    };
    let (id, r) = if t & 0x20 == 0 {
        let (&b, r) = r.split_first()?;
        (u16::from(b), r)
    } else {
        let [h, l, r @ ..] = r else { return None };
        (u16::from_be_bytes([*h, *l]), r)
    };
    let (len, r) = if t & 0x18 == 0 {
        (usize::from(t & 7), r)
    } else {
        length_field(t, r)?
    };
    let (value, r) = r.split_at_checked(len)?;
    Some(Element {
        kind,
        id,
        value,
        rest: r,
    })
}

/// The 1- to 3-byte length field the type byte `t` announces, at the front of `r`; the length and the bytes after.
#[cfg_attr(feature = "tlv-fast", inline(always))]
#[cfg_attr(not(feature = "tlv-fast"), inline)]
fn length_field(t: u8, r: &[u8]) -> Option<(usize, &[u8])> {
    Some(match (t >> 3) & 3 {
        1 => {
            let (&a, r) = r.split_first()?;
            (usize::from(a), r)
        }
        2 => {
            let [a, b, r @ ..] = r else { return None };
            (usize::from(u16::from_be_bytes([*a, *b])), r)
        }
        _ => {
            let [a, b, c, r @ ..] = r else { return None };
            (u32::from_be_bytes([0, *a, *b, *c]) as usize, r)
        }
    })
}

/// Big-endian two's complement of 1, 2, 4 or 8 bytes (the widths the TLV rules allow).
#[cfg_attr(feature = "tlv-fast", inline(always))]
#[cfg_attr(not(feature = "tlv-fast"), inline)]
fn read_signed(v: &[u8]) -> Option<i64> {
    Some(match *v {
        [a] => i64::from(a as i8),
        [a, b] => i64::from(i16::from_be_bytes([a, b])),
        [a, b, c, d] => i64::from(i32::from_be_bytes([a, b, c, d])),
        [a, b, c, d, e, f, g, h] => i64::from_be_bytes([a, b, c, d, e, f, g, h]),
        _ => return None,
    })
}

/// Big-endian unsigned of 1, 2, 4 or 8 bytes.
#[cfg_attr(feature = "tlv-fast", inline(always))]
#[cfg_attr(not(feature = "tlv-fast"), inline)]
fn read_unsigned(v: &[u8]) -> Option<u64> {
    Some(match *v {
        [a] => u64::from(a),
        [a, b] => u64::from(u16::from_be_bytes([a, b])),
        [a, b, c, d] => u64::from(u32::from_be_bytes([a, b, c, d])),
        [a, b, c, d, e, f, g, h] => u64::from_be_bytes([a, b, c, d, e, f, g, h]),
        _ => return None,
    })
}

/// UTF-8 text; an error carries the offset of the first bad byte within `v`.
#[cfg_attr(feature = "tlv-fast", inline(always))]
#[cfg_attr(not(feature = "tlv-fast"), inline)]
fn text(v: &[u8]) -> Result<&str, (ErrorKind, usize)> {
    core::str::from_utf8(v).map_err(|e| (ErrorKind::InvalidUtf8, e.valid_up_to()))
}

/// Types the value bytes `v` by the model's definition (raw bytes if the model does not know the resource). An
/// error carries its kind and the offset within `v`.
#[cfg_attr(feature = "tlv-fast", inline(always))]
#[cfg_attr(not(feature = "tlv-fast"), inline)]
pub(super) fn read_value<'a>(
    def: Option<&ResourceDef>,
    v: &'a [u8],
) -> Result<Value<'a>, (ErrorKind, usize)> {
    let Some(def) = def else {
        return Ok(Value::Opaque(v));
    };
    let bad_len = (ErrorKind::InvalidValueLength, 0);
    Ok(match def.data_type() {
        DataType::Integer => Value::Integer(read_signed(v).ok_or(bad_len)?),
        DataType::Time => Value::Time(read_signed(v).ok_or(bad_len)?),
        DataType::Unsigned => Value::Unsigned(read_unsigned(v).ok_or(bad_len)?),
        DataType::Float => match *v {
            [a, b, c, d] => Value::Float(crate::cbor::f32_to_f64(u32::from_be_bytes([a, b, c, d]))),
            [a, b, c, d, e, f, g, h] => Value::Float(f64::from_be_bytes([a, b, c, d, e, f, g, h])),
            _ => return Err(bad_len),
        },
        DataType::Boolean => match *v {
            [0] => Value::Boolean(false),
            [1] => Value::Boolean(true),
            [_] => return Err((ErrorKind::InvalidBoolean, 0)),
            _ => return Err(bad_len),
        },
        DataType::Objlnk => match *v {
            [a, b, c, d] => Value::ObjLnk(ObjLnk {
                object: u16::from_be_bytes([a, b]),
                instance: u16::from_be_bytes([c, d]),
            }),
            _ => return Err(bad_len),
        },
        DataType::String => Value::String(text(v)?),
        DataType::Corelnk => Value::CoreLnk(text(v)?),
        DataType::Opaque => Value::Opaque(v),
        DataType::None => return Err((ErrorKind::ExecutableValue, 0)),
    })
}
