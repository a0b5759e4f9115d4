//! The record maps of a SenML-CBOR pack: keys (labels), names, numbers and every field's value read and checked for
//! kind, with the one-byte forms every LwM2M pack uses read in place.

use super::items::{at, at_break, content, head, name, number, skip, string, text, utf8, Head};
use crate::cbor::Number;
use crate::error::{Error, ErrorKind};
use crate::senml::fields::{label, Fields, Raw, MAX_VERSION};

/// The fields of a SenML-CBOR record: names stay raw bytes (a path is ASCII; other valid UTF-8 fails as a name).
pub(super) type CborFields<'a> = Fields<&'a [u8], &'a str, &'a [u8]>;

/// Reads the label of the key at `*pos`.
#[cfg_attr(feature = "senml-fast", inline(always))]
pub(super) fn key(buf: &[u8], pos: &mut usize) -> Result<i8, Error> {
    // The labels every LwM2M pack uses are one byte: 0..=8 and −1..=−6 (0x20..=0x25), read in place with
    // `senml-fast`; [`long_key`] reads them too (the size-first builds' one path).
    #[cfg(not(feature = "senml-fast"))]
    return long_key(buf, pos);
    #[cfg(feature = "senml-fast")]
    match buf.get(*pos) {
        Some(&b @ 0..=8) => {
            *pos += 1;
            Ok(b as i8)
        }
        Some(&b @ 0x20..=0x25) => {
            *pos += 1;
            Ok(0x1f - b as i8)
        }
        _ => long_key(buf, pos),
    }
}

/// A key that is not a one-byte label: a longer integer, or a text key.
#[inline(never)]
fn long_key(buf: &[u8], pos: &mut usize) -> Result<i8, Error> {
    let start = *pos;
    let h = head(buf, pos)?;
    Ok(match h.major {
        0 if h.arg <= 8 => h.arg as i8,
        1 if h.arg <= 5 => -1 - h.arg as i8,
        0 | 1 => label::UNKNOWN,
        3 => {
            let k = content(buf, pos, h, start)?;
            utf8(k, *pos)?;
            match k {
                b"vlo" => label::VLO,
                [.., b'_'] => return Err(at(ErrorKind::UnknownMandatoryLabel, start)),
                _ => label::UNKNOWN,
            }
        }
        _ => return Err(at(ErrorKind::InvalidCbor, start)),
    })
}

/// A name's bytes: [`name`] (size-first builds: no in-place path).
#[cfg(not(feature = "senml-fast"))]
#[inline(always)]
pub(super) fn short_name<'a>(buf: &'a [u8], pos: &mut usize) -> Result<&'a [u8], Error> {
    name(buf, pos)
}

/// A name's bytes: a short definite text string (head 0x60..=0x77) in place, else through [`name`].
#[cfg(feature = "senml-fast")]
#[inline(always)]
pub(super) fn short_name<'a>(buf: &'a [u8], pos: &mut usize) -> Result<&'a [u8], Error> {
    let p = *pos;
    if let Some(&b @ 0x60..=0x77) = buf.get(p) {
        let end = p + 1 + usize::from(b & 0x1f);
        if let Some(s) = buf.get(p + 1..end) {
            if s.is_ascii() {
                *pos = end;
                return Ok(s);
            }
        }
    }
    name(buf, pos)
}

/// A number: [`number`] (size-first builds: no in-place path).
#[cfg(not(feature = "senml-fast"))]
#[inline(always)]
fn short_number(buf: &[u8], pos: &mut usize) -> Result<Number, Error> {
    number(buf, pos)
}

/// A number: a one-byte integer in place, else through [`number`].
#[cfg(feature = "senml-fast")]
#[inline(always)]
fn short_number(buf: &[u8], pos: &mut usize) -> Result<Number, Error> {
    match buf.get(*pos) {
        Some(&b @ 0..=0x17) => {
            *pos += 1;
            Ok(Number::Int(i64::from(b)))
        }
        Some(&b @ 0x20..=0x37) => {
            *pos += 1;
            Ok(Number::Int(0x1f - i64::from(b)))
        }
        _ => number(buf, pos),
    }
}

/// Parses the record map at `*pos` into its fields (the value of every known label checked for kind). Without
/// `validate` (a second walk over a pack already validated) the per-record label checks are skipped.
#[cfg_attr(feature = "senml-fast", inline(always))]
#[cfg_attr(not(feature = "senml-fast"), inline(never))]
pub(super) fn fields<'a>(
    buf: &'a [u8],
    pos: &mut usize,
    validate: bool,
    f: &mut CborFields<'a>,
) -> Result<(), Error> {
    let start = *pos;
    let (indefinite, mut left) = match buf.get(start) {
        Some(&b @ 0xa0..=0xb7) => {
            *pos += 1;
            (false, u64::from(b & 0x1f))
        }
        _ => {
            let h = head(buf, pos)?;
            if h.major != 5 {
                return Err(at(ErrorKind::InvalidCbor, start));
            }
            (h.ai == 31, h.arg)
        }
    };
    let mut seen = 0u32;
    loop {
        if indefinite {
            if at_break(buf, pos) {
                break;
            }
        } else if left == 0 {
            break;
        } else {
            left -= 1;
        }
        let key_at = *pos;
        let l = key(buf, pos)?;
        if validate {
            label::check(
                l,
                &mut seen,
                f.value.is_some(),
                key_at,
                ErrorKind::InvalidCbor,
            )?;
        }
        let v = *pos;
        match l {
            label::N => f.n = Some(short_name(buf, pos)?),
            label::V => f.value = Some((Raw::Number(short_number(buf, pos)?), v)),
            label::VS => f.value = Some((Raw::Text(text(buf, pos)?), v)),
            label::BN => f.bn = Some(short_name(buf, pos)?),
            _ => other(buf, pos, l, f)?,
        }
    }
    Ok(())
}

/// The labels rare in LwM2M packs (every one but `n`, `v`, `vs`, `bn`).
#[inline(never)]
fn other<'a>(buf: &'a [u8], pos: &mut usize, l: i8, f: &mut CborFields<'a>) -> Result<(), Error> {
    let v = *pos;
    let value = |raw| Some((raw, v));
    match l {
        // The number labels and the text labels: one read each.
        label::T | label::BT | label::BV | label::S | label::BS => {
            let n = number(buf, pos)?;
            match l {
                label::T => f.t = Some(n),
                label::BT => f.bt = Some(n),
                label::BV => f.bv = Some(n),
                label::S => f.s = true,
                _ => f.bs = true,
            }
        }
        label::U | label::BU | label::VLO => {
            let t = text(buf, pos)?;
            match l {
                label::U => f.u = Some(t),
                label::BU => f.bu = Some(t),
                _ => f.value = value(Raw::ObjLnk(t)),
            }
        }
        label::VB => {
            let b = match head(buf, pos)? {
                Head {
                    major: 7, ai: 20, ..
                } => false,
                Head {
                    major: 7, ai: 21, ..
                } => true,
                _ => return Err(at(ErrorKind::InvalidCbor, v)),
            };
            f.value = value(Raw::Bool(b));
        }
        label::VD => f.value = value(Raw::Data(string(buf, pos, 2)?)),
        label::BVER => match head(buf, pos)? {
            Head { major: 0, arg, .. } if arg > MAX_VERSION => {
                return Err(at(ErrorKind::UnsupportedVersion, v))
            }
            Head { major: 0, .. } => {}
            _ => return Err(at(ErrorKind::InvalidCbor, v)),
        },
        // `ut` and unknown labels: only well-formed.
        _ => skip(buf, pos, 0)?,
    }
    Ok(())
}

/// Parses the record map at `*pos` into its fields (the value of every known label checked for kind).
#[cfg(all(test, feature = "senml-json"))]
pub(in crate::senml) fn record<'a>(
    buf: &'a [u8],
    pos: &mut usize,
) -> Result<CborFields<'a>, Error> {
    let mut f = Fields::new(*pos);
    fields(buf, pos, true, &mut f)?;
    Ok(f)
}
