//! Indefinite-length (chunked) text and byte strings (RFC 8949 §3.2.3): `7f`/`5f`, definite chunks of the same major
//! type, a break `ff`. A chunked string has no contiguous bytes in the input, so it cannot be lent out zero-copy; a
//! reader either refuses it, joins it into a caller buffer, or (a pass that only needs the structure) skips it.
//!
//! Errors: a chunk that is not a definite string of the same major type (a byte string in a text string, a nested
//! indefinite string, any other item) is `INVALID_CBOR` at the chunk's first byte; input ending before the break is
//! `UNEXPECTED_END` at the input length; text is checked for UTF-8 over the joined bytes (a character may be split
//! across chunks), `INVALID_UTF8` at the input offset of the first byte that is wrong.

use minicbor::Decoder;

use crate::error::{Error, ErrorKind};
use crate::utf8::Utf8;
use crate::value::LinkText;

/// What a reader does with a chunked string.
#[derive(Debug)]
pub(crate) enum Chunked<'a> {
    /// Refuse it: `INDEFINITE_LENGTH` at its head (the zero-copy readers).
    Refuse,
    /// Join it into the front of this buffer and lend the joined bytes out; the buffer keeps the rest.
    Join(&'a mut [u8]),
    /// Check it as `Join` would with a buffer that has this many bytes left, without the buffer: the structure, the
    /// room (`BUFFER_TOO_SMALL` as `Join` gives it; the bytes it would take are counted off) and, for text, UTF-8
    /// over the joined bytes (read in place, chunk after chunk); no bytes are given. A validating pass that needs
    /// no value, so that the buffer lives only in the pass that hands the values out.
    Check(usize),
}

/// The chunks of the string whose head is at `at`: each chunk's content range, in order, then the offset after the
/// break. Structure errors as in the module docs.
struct Chunks<'a> {
    input: &'a [u8],
    major: u8,
    pos: usize,
}

impl Iterator for Chunks<'_> {
    /// `Ok(Some(range))` for a chunk, `Ok(None)` at the break (position after it in `pos`).
    type Item = Result<Option<(usize, usize)>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let len = self.input.len();
        let end = Error::new(ErrorKind::UnexpectedEnd, len);
        let at = self.pos;
        let b = match self.input.get(at) {
            Some(&b) => b,
            None => return Some(Err(end)),
        };
        if b == 0xff {
            self.pos = at + 1;
            return Some(Ok(None));
        }
        let head = match b & 0x1f {
            _ if b >> 5 != self.major => return Some(Err(Error::new(ErrorKind::InvalidCbor, at))),
            0..=23 => 1,
            24 => 2,
            25 => 3,
            26 => 5,
            27 => 9,
            _ => return Some(Err(Error::new(ErrorKind::InvalidCbor, at))),
        };
        let size = match b & 0x1f {
            ai @ 0..=23 => u64::from(ai),
            _ => match self.input.get(at + 1..at + head) {
                Some(arg) => arg.iter().fold(0u64, |n, &x| n << 8 | u64::from(x)),
                None => return Some(Err(end)),
            },
        };
        let start = at + head;
        let stop = usize::try_from(size)
            .ok()
            .and_then(|n| start.checked_add(n))
            .filter(|&e| e <= len);
        match stop {
            Some(stop) => {
                self.pos = stop;
                Some(Ok(Some((start, stop))))
            }
            None => Some(Err(end)),
        }
    }
}

/// Reads the chunked string at the decoder's position (its head is `7f` when `text`, else `5f`) and moves past its
/// break. `Refuse`: `INDEFINITE_LENGTH` at the head. `Join`: the joined bytes (UTF-8 checked when `text`), taken from
/// the front of the buffer; `BUFFER_TOO_SMALL` with the offset set to the buffer size this string needed if they do
/// not fit (after the structure and UTF-8: a string that is not valid gets its own error whatever the room).
/// `Check`: `Ok(None)` once `Join` would have succeeded. One pass over the chunks for the structure, the length and
/// the join, then one for UTF-8 in place: the same errors either way, so that `Check` says what `Join` will do.
pub(crate) fn read_chunked<'a>(
    d: &mut Decoder<'a>,
    text: bool,
    mode: &mut Chunked<'a>,
) -> Result<Option<&'a [u8]>, Error> {
    let input: &'a [u8] = d.input();
    let at = d.position();
    let major = if text { 3 } else { 2 };
    let chunks = || Chunks {
        input,
        major,
        pos: at + 1,
    };
    let room = match mode {
        Chunked::Refuse => return Err(Error::new(ErrorKind::IndefiniteLength, at)),
        Chunked::Join(buf) => buf.len(),
        Chunked::Check(room) => *room,
    };
    let mut total = 0usize;
    let mut it = chunks();
    loop {
        match it.next() {
            Some(Ok(Some((s, e)))) => {
                if let (Chunked::Join(buf), Some(src)) = (&mut *mode, input.get(s..e)) {
                    #[cfg(any(feature = "tlv-fast", feature = "senml-fast"))]
                    if let Some(dst) = buf.get_mut(total..total + src.len()) {
                        dst.copy_from_slice(src);
                    }
                    // A byte at a time in size-first builds, each store checked: no `memcpy` call (bytes past the
                    // buffer are dropped; the room check below refuses the string then).
                    #[cfg(not(any(feature = "tlv-fast", feature = "senml-fast")))]
                    for (k, &b) in src.iter().enumerate() {
                        if let Some(slot) = buf.get_mut(total + k) {
                            *slot = b;
                        }
                    }
                }
                total += e - s;
            }
            Some(Ok(None)) => break,
            Some(Err(e)) => return Err(e),
            None => return Err(Error::new(ErrorKind::UnexpectedEnd, input.len())),
        }
    }
    d.set_position(it.pos);
    // The text before its length: invalid UTF-8 is a fault of the frame, the room one of the caller's buffer, so a
    // frame whose long string is not UTF-8 gets INVALID_UTF8 whatever buffer reads it.
    if text {
        utf8_in_place(chunks()).map_err(|at| Error::new(ErrorKind::InvalidUtf8, at))?;
    }
    if total > room {
        return Err(Error::new(ErrorKind::BufferTooSmall, total));
    }
    match mode {
        Chunked::Join(buf) => {
            let (joined, rest) = core::mem::take(buf).split_at_mut(total);
            *buf = rest;
            Ok(Some(joined))
        }
        Chunked::Check(room) => {
            *room -= total;
            Ok(None)
        }
        Chunked::Refuse => Err(Error::new(ErrorKind::IndefiniteLength, at)),
    }
}

/// UTF-8 over the joined contents of `chunks`, read byte by byte in the input ([`Utf8`]): `Err` with the input
/// offset of the first byte of the first sequence that is not valid (`from_utf8`'s `valid_up_to` over the joined
/// bytes, taken back to the input).
fn utf8_in_place(chunks: Chunks<'_>) -> Result<(), usize> {
    let input = chunks.input;
    let mut u = Utf8::new();
    for (s, e) in chunks.map_while(|c| c.ok().flatten()) {
        for (i, &b) in input.get(s..e).unwrap_or(&[]).iter().enumerate() {
            u.push(b, s + i)?;
        }
    }
    u.finish()
}

/// True if the joined contents of the chunked text string whose head is at `at` (its structure checked) read as
/// an object link, as `ObjLnk::parse` reads the joined text: decimal digits, one `:`, decimal digits, each side
/// 0 to 65535 (leading zeros allowed).
pub(crate) fn objlnk_in_place(input: &[u8], at: usize) -> bool {
    let chunks = Chunks {
        input,
        major: 3,
        pos: at + 1,
    };
    let mut t = LinkText::default();
    for (s, e) in chunks.map_while(|c| c.ok().flatten()) {
        for &b in input.get(s..e).unwrap_or(&[]) {
            if t.push(b).is_none() {
                return false;
            }
        }
    }
    t.end().is_some()
}

#[cfg(test)]
mod tests;
