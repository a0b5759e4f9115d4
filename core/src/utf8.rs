//! UTF-8 validation that reports where valid text stops: the offset of the first byte of the first sequence that is
//! not well-formed, `core::str::from_utf8`'s `valid_up_to` (no overlong form, no surrogate, nothing above U+10FFFF,
//! no sequence cut off at the end).
//!
//! The readers that hand out `&str` use `core::str::from_utf8` (this crate has no `unsafe`); [`Utf8`] is one small
//! state machine fed a byte at a time, for text split over several pieces of the input (CBOR's chunked strings),
//! and [`error_at`] runs it over contiguous bytes: what the C API checks its text with in a build that links no
//! `from_utf8`. Both follow `from_utf8`'s rules, which the tests compare them with.

/// A UTF-8 check fed one byte at a time, each with its offset in the input.
#[derive(Clone, Copy, Debug)]
pub struct Utf8 {
    /// Continuation bytes still expected.
    need: u8,
    /// The range the next continuation byte must lie in.
    lo: u8,
    hi: u8,
    /// The offset of the first byte of the sequence being read.
    lead: usize,
}

impl Default for Utf8 {
    fn default() -> Self {
        Utf8::new()
    }
}

impl Utf8 {
    /// A check at the start of text.
    pub const fn new() -> Utf8 {
        Utf8 {
            need: 0,
            lo: 0x80,
            hi: 0xbf,
            lead: 0,
        }
    }

    /// Feeds byte `b`, found at offset `at`; `Err` with the offset of the first byte of the sequence it breaks.
    ///
    /// # Errors
    /// The offset where valid text stops.
    pub fn push(&mut self, b: u8, at: usize) -> Result<(), usize> {
        if self.need > 0 {
            if b < self.lo || b > self.hi {
                return Err(self.lead);
            }
            (self.need, self.lo, self.hi) = (self.need - 1, 0x80, 0xbf);
            return Ok(());
        }
        self.lead = at;
        // The continuation bytes that follow, and the range of the first one: narrower after E0 (no overlong), ED
        // (no surrogate), F0 (no overlong) and F4 (nothing past U+10FFFF); every later one is 80..=BF.
        (self.need, self.lo, self.hi) = match b {
            0x00..=0x7f => return Ok(()),
            0xc2..=0xdf => (1, 0x80, 0xbf),
            0xe0 => (2, 0xa0, 0xbf),
            0xed => (2, 0x80, 0x9f),
            0xe1..=0xef => (2, 0x80, 0xbf),
            0xf0 => (3, 0x90, 0xbf),
            0xf4 => (3, 0x80, 0x8f),
            0xf1..=0xf3 => (3, 0x80, 0xbf),
            _ => return Err(at),
        };
        Ok(())
    }

    /// The end of the text: `Err` with the offset of a sequence it cuts off.
    ///
    /// # Errors
    /// The offset where valid text stops.
    pub fn finish(self) -> Result<(), usize> {
        if self.need > 0 {
            return Err(self.lead);
        }
        Ok(())
    }
}

/// Where `bytes` stop being UTF-8 (the offset of the first byte of the first sequence that is not valid, as
/// `core::str::Utf8Error::valid_up_to` gives it), or `None` when they are all UTF-8.
pub fn error_at(bytes: &[u8]) -> Option<usize> {
    let mut u = Utf8::new();
    for (at, &b) in bytes.iter().enumerate() {
        if let Err(lead) = u.push(b, at) {
            return Some(lead);
        }
    }
    u.finish().err()
}

#[cfg(test)]
mod tests {
    use super::Utf8;

    /// The small check over `b`, by pushes.
    fn small(b: &[u8]) -> Result<(), usize> {
        let mut u = Utf8::new();
        for (at, &x) in b.iter().enumerate() {
            u.push(x, at)?;
        }
        u.finish()
    }

    #[test]
    fn agrees_with_from_utf8() {
        let check = |b: &[u8]| {
            let want = core::str::from_utf8(b)
                .map(|_| ())
                .map_err(|e| e.valid_up_to());
            assert_eq!(small(b), want, "{b:02x?}");
            assert_eq!(super::error_at(b), want.err(), "{b:02x?}");
        };
        // Every sequence of one to three bytes from a set that covers every boundary of the rules, alone, after a
        // letter, and followed by a continuation byte.
        let probe: std::vec::Vec<u8> = (0..=255u8)
            .filter(|b| {
                b % 16 == 0
                    || b % 16 == 15
                    || matches!(b, 0x7f | 0x8f | 0x90 | 0x9f | 0xa0 | 0xc1 | 0xc2)
            })
            .chain([0xe0, 0xed, 0xf0, 0xf4, 0xf5, 0xbf])
            .collect();
        for &a in &probe {
            check(&[a]);
            for &b in &probe {
                check(&[a, b]);
                check(&[b'x', a, b]);
                for &c in &probe {
                    check(&[a, b, c]);
                    check(&[a, b, c, 0x80]);
                    check(&[a, b, 0x80, c]);
                }
            }
        }
        // Every code point, encoded, alone and cut short.
        let mut buf = [0u8; 4];
        for cp in (0..=0x10_ffffu32).filter_map(char::from_u32) {
            let s = cp.encode_utf8(&mut buf).as_bytes();
            check(s);
            check(&s[..s.len() - 1]);
        }
    }
}
