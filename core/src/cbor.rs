//! CBOR leaf values shared by the CBOR-based formats: SenML-CBOR (112), LwM2M-CBOR (11544) and single-value CBOR (60).
//!
//! Reading: numbers are integers (major types 0/1, the full −2^64..2^64−1 range), half/single/double floats, tag-4
//! decimal fractions and tag-1 epoch times; [`typed_number`] converts a number to the model's type without losing
//! anything (an integer that a float cannot hold exactly is a `TYPE_MISMATCH`, not a rounded value). [`read_leaf`]
//! takes definite strings only (a borrowed view of a chunked string is impossible): `INDEFINITE_LENGTH` otherwise;
//! LwM2M-CBOR reads chunked strings through [`read_chunked`], which joins them into a caller buffer.
//!
//! Writing ([`Out`]): the shortest integer head (as minicbor writes it), the narrowest float — half, single or double — that gives the
//! same bits back, definite lengths only. [`Out`] writes into a caller buffer and counts what did not fit, so one
//! pass gives both the bytes and, on overflow, the exact size needed.

#[cfg(feature = "lwm2m-cbor")]
mod chunked;
mod exact;
mod float;
mod write;

#[cfg(feature = "lwm2m-cbor")]
pub(crate) use chunked::{objlnk_in_place, read_chunked, Chunked};
pub(crate) use exact::integer;
use exact::{fits_double, round_to_double, scale10};
pub(crate) use float::f16_to_f64;
#[cfg(any(feature = "senml-cbor", feature = "senml-json"))]
pub(crate) use float::f64_add;
pub use float::{exact_f32, f32_to_f64};
#[cfg(test)]
use float::{narrow_bits, narrow_bits_small, narrow_bits_wide, widen_bits};
#[cfg(test)]
use write::write_objlnk;
pub(crate) use write::{objlnk_text, write_float, write_leaf, Enc, Out};

use minicbor::Decoder;

use crate::error::{Error, ErrorKind};
use crate::value::{DataType, ObjLnk, Value};

/// The initial byte of the next item, whose head (initial byte and argument) must be there whole: an item's kind
/// is judged only on a complete head, so a head the input cuts short is `UNEXPECTED_END` at the input length,
/// whatever it is. The callers tell the kinds apart by the byte's ranges (major type in the top three bits).
pub(crate) fn initial(d: &Decoder<'_>) -> Result<u8, Error> {
    let input = d.input();
    let at = d.position();
    let b = input.get(at).copied().unwrap_or(0);
    let head = match b & 0x1f {
        24 => 2,
        25 => 3,
        26 => 5,
        27 => 9,
        _ => 1,
    };
    if input.len() < at.saturating_add(head) {
        return Err(Error::new(ErrorKind::UnexpectedEnd, input.len()));
    }
    Ok(b)
}

/// True for an initial byte that starts no item: reserved additional information (28–30), or an indefinite length
/// where none can be (an integer or a tag).
pub(crate) fn malformed(b: u8) -> bool {
    matches!(b & 0x1f, 28..=30) || matches!(b, 0x1f | 0x3f | 0xdf)
}

/// A CBOR number before typing, in 16 bytes. Integers are kept exactly in the canonical variant for their range
/// (`Int` whenever the value fits i64), so `==` compares values.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Number {
    /// An integer in the i64 range.
    Int(i64),
    /// An integer above `i64::MAX` (up to 2^64 − 1).
    Big(u64),
    /// An integer below `i64::MIN`: −1 − n, n ≥ 2^63 (down to −2^64).
    NegBig(u64),
    /// A float or decimal fraction.
    Float(f64),
    /// The sum of two integers outside −2^64..2^64 (only from a base-field addition) that is not an f64: its nearest
    /// f64.
    Wide(f64),
    /// The same, when the sum is that f64 exactly. Two variants rather than a flag: every variant's payload is then
    /// one 8-byte word, so a number is copied as its tag and that word (a flag beside the tag made copies of the
    /// bytes around it, `memcpy` calls on small targets).
    WideExact(f64),
}

impl Number {
    /// The canonical number for the integer `i`.
    #[cold]
    pub(crate) fn from_i128(i: i128) -> Number {
        if let Ok(x) = i64::try_from(i) {
            Number::Int(x)
        } else if let Ok(u) = u64::try_from(i) {
            Number::Big(u)
        } else if let Ok(n) = u64::try_from(-1 - i) {
            Number::NegBig(n)
        } else {
            // Integer work only (no i128 <-> f64 routines): the nearest f64, and whether it is `i` exactly.
            const LIMIT: u128 = 1.7e38 as u128;
            let magnitude = i.unsigned_abs();
            let f = round_to_double(magnitude);
            let f = if i < 0 { -f } else { f };
            if fits_double(magnitude) && magnitude < LIMIT {
                Number::WideExact(f)
            } else {
                Number::Wide(f)
            }
        }
    }

    /// A CBOR integer: major type 0 (`negative` false) or 1 with argument `arg`.
    #[inline]
    pub(crate) fn cbor_int(negative: bool, arg: u64) -> Number {
        match (negative, i64::try_from(arg)) {
            (false, Ok(x)) => Number::Int(x),
            (true, Ok(x)) => Number::Int(-1 - x),
            (false, Err(_)) => Number::Big(arg),
            (true, Err(_)) => Number::NegBig(arg),
        }
    }

    /// The exact integer, for an integer read from the input (not a float, not a wide sum).
    #[inline]
    pub(crate) fn int(self) -> Option<i128> {
        match self {
            Number::Int(x) => Some(i128::from(x)),
            Number::Big(u) => Some(i128::from(u)),
            Number::NegBig(n) => Some(-1 - i128::from(n)),
            Number::Float(_) | Number::Wide(_) | Number::WideExact(_) => None,
        }
    }

    /// The number as f64 (correctly rounded; exact for floats and for integers up to 2^53).
    #[inline]
    pub(crate) fn to_f64(self) -> f64 {
        match self {
            Number::Int(x) => i64_f64(x),
            Number::Big(u) => u64_f64(u),
            // −(n + 1): u64 → f64 rounds to nearest even, which is symmetric, so negating after is exact.
            Number::NegBig(n) => n_f64(n),
            Number::Float(f) | Number::Wide(f) | Number::WideExact(f) => f,
        }
    }
}

/// −1 − n as f64, correctly rounded: u64 → f64 rounds to nearest even, which is symmetric, so negating after is
/// exact.
#[inline]
fn n_f64(n: u64) -> f64 {
    n.checked_add(1).map_or(-TWO_64, |m| -u64_f64(m))
}

/// `x as f64`; size-first builds round by integer work ([`exact::int_to_double`]), not a soft-float routine.
#[inline]
fn i64_f64(x: i64) -> f64 {
    #[cfg(any(feature = "tlv-fast", feature = "senml-fast"))]
    return x as f64;
    #[cfg(not(any(feature = "tlv-fast", feature = "senml-fast")))]
    exact::int_to_double(x.unsigned_abs(), x < 0)
}

/// `u as f64`, as [`i64_f64`].
#[inline]
fn u64_f64(u: u64) -> f64 {
    #[cfg(any(feature = "tlv-fast", feature = "senml-fast"))]
    return u as f64;
    #[cfg(not(any(feature = "tlv-fast", feature = "senml-fast")))]
    exact::int_to_double(u, false)
}

/// `mantissa × 10^exponent`, correctly rounded when both fit the exact range of f64 (|m| ≤ 2^53, |e| ≤ 22): one
/// rounding of the exact product or quotient, as the IEEE operation with the double `10^|e|` gives; beyond ±22, one
/// rounding per step of ten (at most 400 steps). Integer work (`exact::scale10`): no soft-float multiply or divide.
#[inline(always)]
fn decimal(mantissa: Number, exponent: i16) -> f64 {
    let m = mantissa.to_f64();
    let e = exponent.unsigned_abs();
    let up = exponent >= 0;
    if e <= 22 {
        return scale10(m, e as u32, up);
    }
    let mut x = m;
    for _ in 0..e.min(400) {
        x = scale10(x, 1, up);
    }
    x
}

/// Reads a number (int, float, tag-4 decimal fraction, tag-1 epoch time).
pub(crate) fn read_number(d: &mut Decoder<'_>) -> Result<Number, Error> {
    let mut pos = d.position();
    let n = number_at(d.input(), &mut pos)?;
    d.set_position(pos);
    Ok(n)
}

/// Reads the number at `*pos` of `input` and moves past it: an integer, a half, single or double float, a tag-1
/// epoch time (an integer or a float) or a tag-4 decimal fraction (`[exponent, mantissa]`, two integers). A head
/// the input cuts short is `UNEXPECTED_END` at the input length; a tag other than 1 and 4, or a tag inside a tag,
/// `INVALID_CBOR` at that tag (the content of tag 1 and the two integers of tag 4 take no further tag: RFC 8949
/// §3.4.2, §3.4.4); a tag-4 content not a two-item definite array, or a float among its items, `INVALID_CBOR` (at
/// the tag for an indefinite array or another item count, else at the content or the item); any other kind
/// `TYPE_MISMATCH` at its head. Reads the bytes directly, one head after the other in one loop (no decoder, no
/// recursion): a small frame on the decode stack of firmware builds.
pub(crate) fn number_at(input: &[u8], pos: &mut usize) -> Result<Number, Error> {
    let at = *pos;
    let (b, arg, next) = whole_head(input, at)?;
    match untagged(b, arg) {
        Some(n) => {
            *pos = next;
            Ok(n)
        }
        // The tag read in one frame, the decimal scaling in a sibling one (not on top of it).
        None => {
            let mut exponent = None;
            let n = tagged(input, pos, &mut exponent)?;
            Ok(match exponent {
                None => n,
                Some(e) => Number::Float(decimal(n, e)),
            })
        }
    }
}

/// Steps over the leaf value at `*pos` of a record read and checked already (the duplicate re-walk): an integer, a
/// float or simple value, a definite or chunked string or byte string, a tag and its content, a definite array (a
/// decimal fraction's). One head after the other in one loop (no recursion, no number read); a head the input cuts
/// short is `UNEXPECTED_END`, any other item (a map, an indefinite array: no leaf read and checked is one)
/// `INVALID_CBOR` at its head.
pub(crate) fn skip_leaf(input: &[u8], pos: &mut usize) -> Result<(), Error> {
    let mut items = 1u64;
    while items > 0 {
        items -= 1;
        let at = *pos;
        let (b, arg, next) = whole_head(input, at)?;
        *pos = next;
        match (b >> 5, b & 0x1f) {
            (_, 28..=30) => return Err(Error::new(ErrorKind::InvalidCbor, at)),
            (2 | 3, 31) => {
                // Chunks up to the break: definite strings of the same major type.
                while input.get(*pos) != Some(&0xff) {
                    let chunk_at = *pos;
                    let (c, len, next) = whole_head(input, chunk_at)?;
                    if c >> 5 != b >> 5 || c & 0x1f == 31 {
                        return Err(Error::new(ErrorKind::InvalidCbor, chunk_at));
                    }
                    *pos = content_end(input, next, len)?;
                }
                *pos += 1;
            }
            (2 | 3, _) => *pos = content_end(input, next, arg)?,
            (4, 0..=27) => items = items.saturating_add(arg),
            (6, 0..=27) => items += 1,
            (0 | 1 | 7, 0..=27) => {}
            _ => return Err(Error::new(ErrorKind::InvalidCbor, at)),
        }
    }
    Ok(())
}

/// The end of `len` bytes of content from `from`, which must be in `input` (`UNEXPECTED_END` at the input length
/// otherwise).
fn content_end(input: &[u8], from: usize, len: u64) -> Result<usize, Error> {
    usize::try_from(len)
        .ok()
        .and_then(|n| from.checked_add(n))
        .filter(|&end| end <= input.len())
        .ok_or(Error::new(ErrorKind::UnexpectedEnd, input.len()))
}

/// The initial byte, argument and end of the head at `at`, which must be there whole (`UNEXPECTED_END` at the
/// input length otherwise).
#[inline(always)]
fn whole_head(input: &[u8], at: usize) -> Result<(u8, u64, usize), Error> {
    let b = *input
        .get(at)
        .ok_or(Error::new(ErrorKind::UnexpectedEnd, input.len()))?;
    let (arg, next) = argument(input, at);
    if next > input.len() {
        return Err(Error::new(ErrorKind::UnexpectedEnd, input.len()));
    }
    Ok((b, arg, next))
}

/// The number a head of initial byte `b` and argument `arg` is by itself (an integer or a float); `None` for any
/// other head.
#[inline(always)]
fn untagged(b: u8, arg: u64) -> Option<Number> {
    Some(match b {
        0x00..=0x1b => Number::cbor_int(false, arg),
        0x20..=0x3b => Number::cbor_int(true, arg),
        0xf9 => Number::Float(f16_to_f64(arg as u16)),
        0xfa => Number::Float(f32_to_f64(arg as u32)),
        0xfb => Number::Float(f64::from_bits(arg)),
        _ => return None,
    })
}

/// [`number_at`] for a head that is not a number by itself: a tag and its content, one head after the other in
/// one loop (no recursion), or the error. A tag-1 time is the number, `scale` left `None`; a tag-4 decimal fraction
/// its mantissa, its exponent in `scale`, held within ±1,000 (the scaling steps at most 400 times either way), for
/// [`decimal`].
#[cold]
#[inline(never)]
fn tagged(input: &[u8], pos: &mut usize, scale: &mut Option<i16>) -> Result<Number, Error> {
    // What the next head must be: a tag (the first); tag 1's content; tag 4's array; its exponent; its mantissa.
    const TOP: u8 = 0;
    const TIME: u8 = 1;
    const ARRAY: u8 = 2;
    const EXPONENT: u8 = 3;
    const MANTISSA: u8 = 4;
    let tag_at = *pos;
    let mut state = TOP;
    let mut exponent = 0i16;
    loop {
        let at = *pos;
        let (b, arg, next) = whole_head(input, at)?;
        *pos = next;
        let bad = |at| Err(Error::new(ErrorKind::InvalidCbor, at));
        if state == ARRAY {
            match b {
                0x80..=0x9b if arg == 2 => state = EXPONENT,
                0x80..=0x9b | 0x9f => return bad(tag_at),
                _ => return bad(at),
            }
            continue;
        }
        let n = match (untagged(b, arg), b) {
            (Some(n), _) => n,
            (None, 0xc0..=0xdb) if state == TOP => {
                state = match arg {
                    1 => TIME,
                    4 => ARRAY,
                    _ => return bad(at),
                };
                continue;
            }
            (None, 0xc0..=0xdb) => return bad(at),
            (None, _) => return Err(Error::new(ErrorKind::TypeMismatch, at)),
        };
        match (state, n.int()) {
            (TIME, _) => return Ok(n),
            (EXPONENT, Some(e)) => {
                exponent = e.clamp(-1000, 1000) as i16;
                state = MANTISSA;
            }
            (MANTISSA, Some(_)) => {
                *scale = Some(exponent);
                return Ok(n);
            }
            _ => return bad(at),
        }
    }
}

/// The argument of the head at `at` (its additional information, or the 1, 2, 4 or 8 bytes after it, big-endian) and
/// the position after the head. For a head [`initial`] found whole.
fn argument(input: &[u8], at: usize) -> (u64, usize) {
    let ai = input.get(at).map_or(0, |b| b & 0x1f);
    let n = match ai {
        24 => 1,
        25 => 2,
        26 => 4,
        27 => 8,
        _ => 0,
    };
    let arg = match input.get(at + 1..at + 1 + n) {
        Some(bytes) if n > 0 => bytes.iter().fold(0u64, |a, &b| a << 8 | u64::from(b)),
        _ => u64::from(ai),
    };
    (arg, at + 1 + n)
}

/// Reads the head [`initial`] found whole at the decoder's position and moves past it; returns its argument and
/// whether it is indefinite (additional information 31): a definite map's or array's length, an unsigned integer's
/// value. Directly from the bytes, not through minicbor's `map`, `array` and `u64` (and the argument reader and
/// type table they share).
pub(crate) fn take_head(d: &mut Decoder<'_>) -> (u64, bool) {
    let at = d.position();
    let indefinite = d.input().get(at).is_some_and(|b| b & 0x1f == 31);
    let (arg, next) = argument(d.input(), at);
    d.set_position(next);
    (arg, indefinite)
}

/// 2^64 as f64.
const TWO_64: f64 = 18_446_744_073_709_551_616.0;

/// The integer `n` as f64 if it converts exactly (and below 1.7e38).
#[inline]
fn exact_f64(n: Number) -> Option<f64> {
    match n {
        Number::Int(x) => fits_double(u128::from(x.unsigned_abs())).then_some(i64_f64(x)),
        Number::Big(u) => fits_double(u128::from(u)).then_some(u64_f64(u)),
        Number::NegBig(n) => fits_double(u128::from(n) + 1).then_some(n_f64(n)),
        Number::WideExact(f) => Some(f),
        Number::Wide(_) => None,
        Number::Float(f) => Some(f),
    }
}

/// Converts a number to the model type `ty` without loss; `TYPE_MISMATCH` at `at` otherwise. An integer type takes
/// the exact integer (an integral float's) within its range; Float an exact double.
#[inline]
pub(crate) fn typed_number(n: Number, ty: DataType, at: usize) -> Result<Value<'static>, Error> {
    let v = if ty == DataType::Float {
        exact_f64(n).map(Value::Float)
    } else {
        let int = match n {
            Number::Float(f) => integer(f),
            _ => n.int(),
        };
        match ty {
            DataType::Unsigned => int.and_then(|i| u64::try_from(i).ok()).map(Value::Unsigned),
            DataType::Integer => int.and_then(|i| i64::try_from(i).ok()).map(Value::Integer),
            DataType::Time => int.and_then(|i| i64::try_from(i).ok()).map(Value::Time),
            _ => None,
        }
    };
    v.ok_or(Error::new(ErrorKind::TypeMismatch, at))
}

/// A number whose resource the model does not know: an integer as Integer (Unsigned above i64), a float as Float.
#[inline]
pub(crate) fn untyped_number(n: Number, at: usize) -> Result<Value<'static>, Error> {
    match n {
        Number::Float(f) => Ok(Value::Float(f)),
        Number::Int(x) => Ok(Value::Integer(x)),
        Number::Big(u) => Ok(Value::Unsigned(u)),
        Number::NegBig(_) | Number::Wide(_) | Number::WideExact(_) => {
            Err(Error::new(ErrorKind::TypeMismatch, at))
        }
    }
}

/// Reads a definite text string, with `INVALID_UTF8` at the first bad byte.
pub(crate) fn read_text<'b>(d: &mut Decoder<'b>) -> Result<&'b str, Error> {
    let at = d.position();
    match initial(d)? {
        0x60..=0x7b => {}
        0x7f => return Err(Error::new(ErrorKind::IndefiniteLength, at)),
        _ => return Err(Error::new(ErrorKind::TypeMismatch, at)),
    }
    let (content, start) = definite_content(d, at)?;
    // The string's own bytes only: what follows it may happen to complete a UTF-8 sequence.
    core::str::from_utf8(content)
        .map_err(|u| Error::new(ErrorKind::InvalidUtf8, start + u.valid_up_to()))
}

/// Reads a definite byte string.
pub(crate) fn read_bytes<'b>(d: &mut Decoder<'b>) -> Result<&'b [u8], Error> {
    let at = d.position();
    match initial(d)? {
        0x40..=0x5b => definite_content(d, at).map(|(content, _)| content),
        0x5f => Err(Error::new(ErrorKind::IndefiniteLength, at)),
        _ => Err(Error::new(ErrorKind::TypeMismatch, at)),
    }
}

/// The content of the definite (byte or text) string whose head [`initial`] found at `at`, consumed, and where it
/// starts. Content the input cuts short is `UNEXPECTED_END` at the input length; a length no `usize` holds (on a
/// 32-bit target) is `INVALID_CBOR` at the head, as minicbor's string readers have it.
fn definite_content<'b>(d: &mut Decoder<'b>, at: usize) -> Result<(&'b [u8], usize), Error> {
    let input = d.input();
    let (size, start) = argument(input, at);
    let size = usize::try_from(size).map_err(|_| Error::new(ErrorKind::InvalidCbor, at))?;
    let end = start.checked_add(size);
    let content = end
        .and_then(|end| input.get(start..end))
        .ok_or(Error::new(ErrorKind::UnexpectedEnd, input.len()))?;
    d.set_position(start + size);
    Ok((content, start))
}

/// The boolean whose one-byte item [`initial`] found at `at` (`0xf4` false, `0xf5` true), read.
fn read_bool(d: &mut Decoder<'_>, at: usize) -> bool {
    let b = d.input().get(at) == Some(&0xf5);
    d.set_position(at + 1);
    b
}

/// Reads one leaf value typed by the model (`ty`), or by its CBOR kind when the model does not know the resource.
///
/// Objlnk is the text `"oid:iid"`; Time takes an integer, an integral float or a tag-1 epoch time; none is `null`.
pub(crate) fn read_leaf<'b>(d: &mut Decoder<'b>, ty: Option<DataType>) -> Result<Value<'b>, Error> {
    let at = d.position();
    let kind = initial(d)?;
    // A resource the model does not know takes the type its kind shows (by major type: a malformed string or byte
    // string head is the string reader's type mismatch, as the number reader would have it).
    let ty = match (ty, kind) {
        (Some(ty), _) => ty,
        (None, 0xf4 | 0xf5) => DataType::Boolean,
        (None, 0x60..=0x7f) => DataType::String,
        (None, 0x40..=0x5f) => DataType::Opaque,
        (None, 0xf6) => DataType::None,
        (None, _) => return untyped_number(read_number(d)?, at),
    };
    match ty {
        DataType::String | DataType::Corelnk | DataType::Objlnk => {
            text_value(read_text(d)?, ty, at)
        }
        DataType::Opaque => read_bytes(d).map(Value::Opaque),
        DataType::Boolean => match kind {
            0xf4 | 0xf5 => Ok(Value::Boolean(read_bool(d, at))),
            _ => Err(Error::new(ErrorKind::TypeMismatch, at)),
        },
        DataType::None => match kind {
            0xf6 => {
                d.set_position(at + 1);
                Ok(Value::None)
            }
            _ => Err(Error::new(ErrorKind::ExecutableValue, at)),
        },
        DataType::Integer | DataType::Unsigned | DataType::Float | DataType::Time => {
            let n = read_number(d)?;
            typed_number(n, ty, at)
        }
    }
}

/// The value of the text `s` of the item at `at` for a resource of type `ty`: a Corelnk, an Objlnk (`"oid:iid"`,
/// `TYPE_MISMATCH` at `at` if it is not one) or, for any other type, a String.
pub(crate) fn text_value(s: &str, ty: DataType, at: usize) -> Result<Value<'_>, Error> {
    Ok(match ty {
        DataType::Corelnk => Value::CoreLnk(s),
        DataType::Objlnk => {
            Value::ObjLnk(ObjLnk::parse(s).ok_or(Error::new(ErrorKind::TypeMismatch, at))?)
        }
        _ => Value::String(s),
    })
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_number;
