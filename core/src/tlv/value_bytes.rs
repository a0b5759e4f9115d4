//! The canonical TLV value bytes of a value (shortest integer width, float32 when exact), shared by the general
//! writer and the one-pass sorted writer.

use crate::value::Value;

/// The value bytes: the last `n` bytes of a big-endian array, or borrowed.
pub(super) enum Bytes<'a> {
    /// `(bytes, n)`: the value is `bytes[8 - n..]`.
    Small([u8; 8], usize),
    /// Text or opaque bytes, as given.
    Borrowed(&'a [u8]),
}

impl Bytes<'_> {
    /// The value bytes as a slice.
    pub(super) fn as_slice(&self) -> &[u8] {
        match self {
            Bytes::Small(b, n) => b.get(8 - n..).unwrap_or(&[]),
            Bytes::Borrowed(b) => b,
        }
    }
}

#[cfg_attr(feature = "tlv-fast", inline(always))]
#[cfg_attr(not(feature = "tlv-fast"), inline)]
fn signed(x: i64) -> Bytes<'static> {
    let n = if i8::try_from(x).is_ok() {
        1
    } else if i16::try_from(x).is_ok() {
        2
    } else if i32::try_from(x).is_ok() {
        4
    } else {
        8
    };
    Bytes::Small(x.to_be_bytes(), n)
}

#[cfg_attr(feature = "tlv-fast", inline(always))]
#[cfg_attr(not(feature = "tlv-fast"), inline)]
fn unsigned(x: u64) -> Bytes<'static> {
    let n = if x <= 0xff {
        1
    } else if x <= 0xffff {
        2
    } else if x <= 0xffff_ffff {
        4
    } else {
        8
    };
    Bytes::Small(x.to_be_bytes(), n)
}

/// The bits of `x` as a single-precision float when that holds it exactly (reads back to the same bits).
#[cfg(feature = "tlv-fast")]
#[inline(always)]
fn single(x: f64) -> Option<u32> {
    let narrow = x as f32;
    (f64::from(narrow).to_bits() == x.to_bits()).then_some(narrow.to_bits())
}

/// The bits of `x` as a single-precision float when that holds it exactly: integer work, no soft-float conversion
/// (size-first builds).
#[cfg(not(feature = "tlv-fast"))]
fn single(x: f64) -> Option<u32> {
    crate::cbor::exact_f32(x)
}

/// The canonical value bytes; `None` for [`Value::None`].
#[cfg_attr(feature = "tlv-fast", inline(always))]
#[cfg_attr(not(feature = "tlv-fast"), inline)]
pub(super) fn value_bytes<'a>(v: &Value<'a>) -> Option<Bytes<'a>> {
    Some(match *v {
        Value::Integer(x) | Value::Time(x) => signed(x),
        Value::Unsigned(x) => unsigned(x),
        Value::Float(x) => match single(x) {
            Some(narrow) => Bytes::Small(u64::from(narrow).to_be_bytes(), 4),
            None => Bytes::Small(x.to_be_bytes(), 8),
        },
        Value::Boolean(b) => Bytes::Small(u64::from(b).to_be_bytes(), 1),
        Value::ObjLnk(l) => Bytes::Small(
            (u64::from(l.object) << 16 | u64::from(l.instance)).to_be_bytes(),
            4,
        ),
        Value::String(s) | Value::CoreLnk(s) => Bytes::Borrowed(s.as_bytes()),
        Value::Opaque(b) => Bytes::Borrowed(b),
        Value::None => return None,
    })
}
