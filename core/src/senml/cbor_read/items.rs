//! CBOR items as the SenML-CBOR reader sees them: heads, definite strings, names, numbers, and stepping over the
//! value of an ignored label (well-formed, at most [`MAX_DEPTH`] levels deep). Offsets are those of the whole input.

use crate::cbor::{number_at, Number};
use crate::error::{Error, ErrorKind};

#[cfg(test)]
mod tests;

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
/// indefinite form, is `INVALID_CBOR` at the head. Out of line without `senml-fast`, as `fields::add` is: one copy
/// for the generic walker and the plain functions that read maps.
#[cfg_attr(feature = "senml-fast", inline)]
#[cfg_attr(not(feature = "senml-fast"), inline(never))]
pub(super) fn head(buf: &[u8], pos: &mut usize) -> Result<Head, Error> {
    head_here(buf, pos)
}

/// [`head`] written into its caller: [`skip`] reads its heads in its own frame, not in a call's.
#[inline(always)]
fn head_here(buf: &[u8], pos: &mut usize) -> Result<Head, Error> {
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

/// Open containers [`skip`] can hold: one per level from depth 0 to [`MAX_DEPTH`].
const LEVELS: usize = MAX_DEPTH as usize + 1;

/// Steps over one well-formed item (the value of an ignored label) at nesting `depth`, without allocating and in
/// one frame: the open arrays, maps and tags are a small table (items left, or an indefinite flag and, for an
/// indefinite map, whether a key awaits its value), not one call per level, so the stack it takes does not grow
/// with the nesting. An item deeper than [`MAX_DEPTH`] is `INVALID_CBOR` at its first byte (checked before its
/// head is read); a break is looked for before each item of an indefinite array and before each key of an
/// indefinite map; a break where an item belongs, or a two-byte simple value below 32 (RFC 8949 §3.3), is
/// `INVALID_CBOR` at it; a chunk of another major type or of indefinite length, at the chunk.
pub(super) fn skip(buf: &[u8], pos: &mut usize, depth: u32) -> Result<(), Error> {
    // Per open level, the items left of a definite container (cut to one more than the input's length: every
    // item takes a byte at least, so a larger count fails at the input's end all the same), or one of three marks
    // above any such count: an indefinite array, or an indefinite map before a key or before a value.
    const ARRAY: usize = usize::MAX;
    const KEY: usize = usize::MAX - 1;
    const VALUE: usize = usize::MAX - 2;
    // Only the levels below `open` are read, each written first: filled with a value known at run time, not
    // cleared (a `memset` call on small targets; this is a loop of stores).
    let mut left = [buf.len(); LEVELS];
    let mut open = 0usize;
    // The major type of the chunked string whose chunks are being read (2 or 3), or 0.
    let mut chunks = 0u8;
    loop {
        let start = *pos;
        if chunks == 0 && depth.saturating_add(open as u32) > MAX_DEPTH {
            return Err(at(ErrorKind::InvalidCbor, start));
        }
        // One place reads every head, items and chunks alike.
        let h = head_here(buf, pos)?;
        let count = usize::try_from(h.arg).unwrap_or(usize::MAX);
        let items = if chunks != 0 {
            match (h.major, h.ai) {
                // The break that ends the chunked string: the item is read.
                (7, 31) => {
                    chunks = 0;
                    None
                }
                (major, ai) if major == chunks && ai != 31 => {
                    content(buf, pos, h, start)?;
                    continue;
                }
                _ => return Err(at(ErrorKind::InvalidCbor, start)),
            }
        } else {
            match (h.major, h.ai) {
                (2 | 3, 31) => {
                    chunks = h.major;
                    continue;
                }
                (2 | 3, _) => {
                    content(buf, pos, h, start)?;
                    None
                }
                (4, 31) => Some(ARRAY),
                (5, 31) => Some(KEY),
                (4, _) => Some(count.min(buf.len().saturating_add(1))),
                (5, _) => Some(count.saturating_mul(2).min(buf.len().saturating_add(1))),
                (6, _) => Some(1),
                (7, 31) => return Err(at(ErrorKind::InvalidCbor, start)),
                (7, 24) if h.arg < 32 => return Err(at(ErrorKind::InvalidCbor, start)),
                _ => None,
            }
        };
        if let Some(n) = items {
            // The depth check above keeps `open` below LEVELS; `get_mut` makes that no panic path either way.
            *left
                .get_mut(open)
                .ok_or(at(ErrorKind::InvalidCbor, start))? = n;
            open += 1;
        }
        // Close every level whose items are all read, then make room for the next item.
        loop {
            let Some(top) = open.checked_sub(1) else {
                return Ok(());
            };
            let slot = left.get_mut(top).ok_or(at(ErrorKind::InvalidCbor, *pos))?;
            match *slot {
                0 => open = top,
                VALUE => {
                    *slot = KEY;
                    break;
                }
                KEY | ARRAY if at_break(buf, pos) => open = top,
                KEY => {
                    *slot = VALUE;
                    break;
                }
                ARRAY => break,
                _ => {
                    *slot -= 1;
                    break;
                }
            }
        }
    }
}
