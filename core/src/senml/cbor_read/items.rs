//! CBOR items as the SenML-CBOR reader sees them: heads, definite strings, names, numbers, and stepping over the
//! value of an ignored label (well-formed, at most [`MAX_DEPTH`] levels deep). Offsets are those of the whole input.

use crate::cbor::{number_at, Number};
use crate::error::{Error, ErrorKind};

/// One CBOR item head: major type, additional information (31: indefinite length or break) and argument.
#[derive(Clone, Copy)]
pub(super) struct Head {
    pub(super) major: u8,
    pub(super) ai: u8,
    pub(super) arg: u64,
}

pub(super) fn at(kind: ErrorKind, offset: usize) -> Error {
    Error::new(kind, offset)
}

/// `n` bytes at `pos`.
#[inline]
pub(super) fn take<const N: usize>(buf: &[u8], pos: usize) -> Result<[u8; N], Error> {
    buf.get(pos..pos + N)
        .and_then(|s| <[u8; N]>::try_from(s).ok())
        .ok_or(at(ErrorKind::UnexpectedEnd, buf.len()))
}

/// Reads the head at `*pos`. Reserved additional information (28–30), or 31 on a major type without an
/// indefinite form, is `INVALID_CBOR` at the head.
#[inline]
pub(super) fn head(buf: &[u8], pos: &mut usize) -> Result<Head, Error> {
    let start = *pos;
    let b = *buf
        .get(start)
        .ok_or(at(ErrorKind::UnexpectedEnd, buf.len()))?;
    let (major, ai) = (b >> 5, b & 0x1f);
    let (arg, len) = match ai {
        0..=23 => (u64::from(ai), 1),
        24 => (u64::from(u8::from_be_bytes(take(buf, start + 1)?)), 2),
        25 => (u64::from(u16::from_be_bytes(take(buf, start + 1)?)), 3),
        26 => (u64::from(u32::from_be_bytes(take(buf, start + 1)?)), 5),
        27 => (u64::from_be_bytes(take(buf, start + 1)?), 9),
        31 if matches!(major, 2..=5 | 7) => (0, 1),
        _ => return Err(at(ErrorKind::InvalidCbor, start)),
    };
    *pos = start + len;
    Ok(Head { major, ai, arg })
}

/// The content of a definite string whose head `h` (at `start`) was just read.
#[inline]
pub(super) fn content<'a>(
    buf: &'a [u8],
    pos: &mut usize,
    h: Head,
    start: usize,
) -> Result<&'a [u8], Error> {
    if h.ai == 31 {
        return Err(at(ErrorKind::IndefiniteLength, start));
    }
    let end = usize::try_from(h.arg)
        .ok()
        .and_then(|n| pos.checked_add(n))
        .filter(|&e| e <= buf.len())
        .ok_or(at(ErrorKind::UnexpectedEnd, buf.len()))?;
    let s = buf.get(*pos..end).unwrap_or(&[]);
    *pos = end;
    Ok(s)
}

/// A definite string of major type `major` at `*pos`; another kind is `INVALID_CBOR`.
#[inline]
pub(super) fn string<'a>(buf: &'a [u8], pos: &mut usize, major: u8) -> Result<&'a [u8], Error> {
    let start = *pos;
    let h = head(buf, pos)?;
    if h.major != major {
        return Err(at(ErrorKind::InvalidCbor, start));
    }
    content(buf, pos, h, start)
}

/// UTF-8 text, with `INVALID_UTF8` at the first bad byte (`bytes` end at `end`).
#[inline]
pub(super) fn utf8(bytes: &[u8], end: usize) -> Result<&str, Error> {
    core::str::from_utf8(bytes)
        .map_err(|e| at(ErrorKind::InvalidUtf8, end - bytes.len() + e.valid_up_to()))
}

/// A definite text string at `*pos`.
#[inline]
pub(super) fn text<'a>(buf: &'a [u8], pos: &mut usize) -> Result<&'a str, Error> {
    let s = string(buf, pos, 3)?;
    utf8(s, *pos)
}

/// A name (`bn`, `n`): a definite text string kept as bytes. An ASCII name (every path) needs no UTF-8 check; one
/// with a byte ≥ 0x80 is validated, so invalid UTF-8 is `INVALID_UTF8` at the first bad byte (valid non-ASCII text
/// fails later as `INVALID_NAME`).
#[inline]
pub(super) fn name<'a>(buf: &'a [u8], pos: &mut usize) -> Result<&'a [u8], Error> {
    let s = string(buf, pos, 3)?;
    if !s.is_ascii() {
        utf8(s, *pos)?;
    }
    Ok(s)
}

/// A number (`cbor::number_at`); a head of another kind is `INVALID_CBOR` at that head.
#[inline(always)]
pub(super) fn number(buf: &[u8], pos: &mut usize) -> Result<Number, Error> {
    number_at(buf, pos).map_err(|e| match e.kind() {
        ErrorKind::TypeMismatch => at(ErrorKind::InvalidCbor, e.offset()),
        _ => e,
    })
}

/// True (and steps over it) if the byte at `*pos` is a break.
#[inline]
pub(super) fn at_break(buf: &[u8], pos: &mut usize) -> bool {
    let hit = buf.get(*pos) == Some(&0xff);
    if hit {
        *pos += 1;
    }
    hit
}

/// Nesting allowed inside an ignored field.
pub(super) const MAX_DEPTH: u32 = 16;

/// Steps over one well-formed item (the value of an ignored label), without allocating.
pub(super) fn skip(buf: &[u8], pos: &mut usize, depth: u32) -> Result<(), Error> {
    let start = *pos;
    if depth > MAX_DEPTH {
        return Err(at(ErrorKind::InvalidCbor, start));
    }
    let h = head(buf, pos)?;
    match (h.major, h.ai) {
        (2 | 3, 31) => {
            while !at_break(buf, pos) {
                let chunk_at = *pos;
                let c = head(buf, pos)?;
                if c.major != h.major || c.ai == 31 {
                    return Err(at(ErrorKind::InvalidCbor, chunk_at));
                }
                content(buf, pos, c, chunk_at)?;
            }
        }
        (2 | 3, _) => {
            content(buf, pos, h, start)?;
        }
        (4 | 5, 31) => {
            while !at_break(buf, pos) {
                for _ in 0..(h.major - 3) {
                    skip(buf, pos, depth + 1)?;
                }
            }
        }
        (4 | 5, _) => {
            let items = if h.major == 5 { 2 } else { 1 };
            for _ in 0..h.arg.saturating_mul(items) {
                skip(buf, pos, depth + 1)?;
            }
        }
        (6, _) => skip(buf, pos, depth + 1)?,
        // A break where an item belongs; a two-byte simple value below 32 (RFC 8949 §3.3).
        (7, 31) => return Err(at(ErrorKind::InvalidCbor, start)),
        (7, 24) if h.arg < 32 => return Err(at(ErrorKind::InvalidCbor, start)),
        _ => {}
    }
    Ok(())
}
