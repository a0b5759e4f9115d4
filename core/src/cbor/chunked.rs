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

/// What a reader does with a chunked string.
#[derive(Debug)]
pub(crate) enum Chunked<'a> {
    /// Refuse it: `INDEFINITE_LENGTH` at its head (the zero-copy readers).
    Refuse,
    /// Join it into the front of this buffer and lend the joined bytes out; the buffer keeps the rest.
    Join(&'a mut [u8]),
    /// Check its structure only and give no bytes (a pass that needs paths, not values).
    Skip,
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
/// break. `Refuse`: `INDEFINITE_LENGTH` at the head. `Skip`: `Ok(None)` once the structure is checked. `Join`: the
/// joined bytes (UTF-8 checked when `text`), taken from the front of the buffer; `BUFFER_TOO_SMALL` with the offset
/// set to the buffer size this string needed if they do not fit.
pub(crate) fn read_chunked<'a>(
    d: &mut Decoder<'a>,
    text: bool,
    mode: &mut Chunked<'a>,
) -> Result<Option<&'a [u8]>, Error> {
    let input: &'a [u8] = d.input();
    let at = d.position();
    if matches!(mode, Chunked::Refuse) {
        return Err(Error::new(ErrorKind::IndefiniteLength, at));
    }
    let major = if text { 3 } else { 2 };
    let chunks = || Chunks {
        input,
        major,
        pos: at + 1,
    };
    // Structure and total length first: nothing is copied from a malformed string.
    let mut total = 0usize;
    let mut it = chunks();
    loop {
        match it.next() {
            Some(Ok(Some((s, e)))) => total += e - s,
            Some(Ok(None)) => break,
            Some(Err(e)) => return Err(e),
            None => return Err(Error::new(ErrorKind::UnexpectedEnd, input.len())),
        }
    }
    let after = it.pos;
    d.set_position(after);
    let Chunked::Join(buf) = mode else {
        return Ok(None);
    };
    if total > buf.len() {
        return Err(Error::new(ErrorKind::BufferTooSmall, total));
    }
    let (joined, rest) = core::mem::take(buf).split_at_mut(total);
    *buf = rest;
    let mut n = 0;
    for (s, e) in chunks().map_while(|c| c.ok().flatten()) {
        if let (Some(dst), Some(src)) = (joined.get_mut(n..n + (e - s)), input.get(s..e)) {
            dst.copy_from_slice(src);
        }
        n += e - s;
    }
    let joined: &'a [u8] = joined;
    if text {
        if let Err(u) = core::str::from_utf8(joined) {
            return Err(Error::new(
                ErrorKind::InvalidUtf8,
                input_offset(chunks(), u.valid_up_to()),
            ));
        }
    }
    Ok(Some(joined))
}

/// The input offset of byte `k` of the joined content.
fn input_offset(chunks: Chunks<'_>, k: usize) -> usize {
    let mut seen = 0;
    let mut last = 0;
    for (s, e) in chunks.map_while(|c| c.ok().flatten()) {
        if k < seen + (e - s) {
            return s + (k - seen);
        }
        seen += e - s;
        last = e;
    }
    last
}
