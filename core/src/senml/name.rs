//! SenML names read as LwM2M paths: the base name and the name of a record, fed piecewise, give a [`Path`] and its
//! ids packed in one integer (the key the duplicate screen and the model lookup use).

use crate::path::Path;

/// A path parsed piecewise from name bytes (`bn`, then `n`), with the rules of `Path::from_str`: a leading `/`,
/// 1 to 4 decimal ids ≤ 65535, no empty segment, an optional trailing `/`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NameState {
    /// The ids so far, packed as [`packed`](super::resolve::packed) packs them.
    key: u64,
    len: u8,
    /// The digits of the current segment so far.
    cur: u32,
    /// The current segment has a digit.
    digits: bool,
    /// The leading `/` was seen.
    started: bool,
    /// Not a path (sticky).
    bad: bool,
}

impl NameState {
    /// Nothing fed yet.
    pub(crate) const EMPTY: NameState = NameState {
        key: 0,
        len: 0,
        cur: 0,
        digits: false,
        started: false,
        bad: false,
    };

    /// Feeds name bytes.
    #[inline]
    pub(crate) fn feed(&mut self, bytes: &[u8]) {
        for &c in bytes {
            if c.is_ascii_digit() && self.started {
                self.cur = self.cur * 10 + u32::from(c - b'0');
                self.digits = true;
                if self.cur > u32::from(u16::MAX) {
                    self.bad = true;
                    self.cur = 0;
                }
            } else if c == b'/' && !self.started {
                self.started = true;
            } else if c == b'/' && self.digits {
                self.push();
            } else {
                self.bad = true;
            }
        }
    }

    fn push(&mut self) {
        if self.len < 4 {
            self.key |= u64::from(self.cur) << (48 - 16 * u32::from(self.len));
            self.len += 1;
        } else {
            self.bad = true;
        }
        self.cur = 0;
        self.digits = false;
    }

    /// The path, if the bytes fed were one, and its ids packed as [`packed`](super::resolve::packed) gives them.
    #[inline]
    pub(crate) fn finish(mut self) -> Option<(Path, u64)> {
        if self.digits {
            self.push();
        }
        if self.bad {
            return None;
        }
        Some((path_of(self.key, usize::from(self.len))?, self.key))
    }

    /// The ids of this name with `n` appended, packed as [`packed`](super::resolve::packed) packs them, and their number, as
    /// [`feed`](Self::feed) then [`finish`](Self::finish) give them, for the common case only: the name so far is
    /// empty or ends with a `/` (then `n` goes on with a new id), and `n` is ids joined by single `/`s (a trailing
    /// `/` allowed; after an empty name, one leading `/` first). `None` whenever that does not hold or the result
    /// has no id; the caller then takes `feed` and `finish`.
    #[cfg_attr(feature = "senml-fast", inline(always))]
    #[cfg_attr(not(feature = "senml-fast"), allow(dead_code))]
    pub(crate) fn append(&self, n: &[u8]) -> Option<(u64, usize)> {
        let mut rest = n;
        if !self.started {
            rest = rest.strip_prefix(b"/")?;
        }
        if self.bad || self.digits {
            return None;
        }
        let (key, len) = push_ids(self.key, u32::from(self.len), rest)?;
        (len > 0).then_some((key, len as usize))
    }
}

/// `key` (`len` ids packed from the top, 16 bits each) with the ids of `n` appended: decimal ids up to 65535 joined by
/// single `/`s, a trailing `/` allowed, at most 4 ids in all. `None` when `n` is not of that shape.
#[cfg_attr(feature = "senml-fast", inline(always))]
#[cfg_attr(not(feature = "senml-fast"), allow(dead_code))]
pub(crate) fn push_ids(mut key: u64, mut len: u32, n: &[u8]) -> Option<(u64, u32)> {
    let (mut cur, mut digits) = (0u64, false);
    for &c in n {
        let d = c.wrapping_sub(b'0');
        if d < 10 {
            cur = cur * 10 + u64::from(d);
            if cur > u64::from(u16::MAX) {
                return None;
            }
            digits = true;
        } else if c == b'/' && digits && len < 4 {
            key |= cur << (48 - 16 * len);
            len += 1;
            cur = 0;
            digits = false;
        } else {
            return None;
        }
    }
    if digits {
        if len >= 4 {
            return None;
        }
        key |= cur << (48 - 16 * len);
        len += 1;
    }
    Some((key, len))
}

impl NameState {
    /// The state after feeding the base name `bn` to [`EMPTY`](Self::EMPTY), as [`feed`](Self::feed) gives it; a
    /// `bn` of the common shape (a `/`, 1 to 4 ids of 1 to 5 digits joined by single `/`s, a `/`) is read without
    /// the byte-wise state machine.
    #[cfg(feature = "senml-fast")]
    pub(crate) fn of_base(bn: &[u8]) -> NameState {
        if let [b'/', ids @ .., b'/'] = bn {
            let (mut key, mut len, mut cur, mut digits) = (0u64, 0u32, 0u32, 0u32);
            let mut common = true;
            for &c in ids {
                let d = c.wrapping_sub(b'0');
                if d < 10 && digits < 5 {
                    cur = cur * 10 + u32::from(d);
                    digits += 1;
                } else if c == b'/' && digits > 0 && len < 3 && cur <= 0xffff {
                    key |= u64::from(cur) << (48 - 16 * len);
                    len += 1;
                    cur = 0;
                    digits = 0;
                } else {
                    common = false;
                    break;
                }
            }
            if common && digits > 0 && cur <= 0xffff {
                key |= u64::from(cur) << (48 - 16 * len);
                return NameState {
                    key,
                    len: len as u8 + 1,
                    cur: 0,
                    digits: false,
                    started: true,
                    bad: false,
                };
            }
        }
        let mut s = NameState::EMPTY;
        s.feed(bn);
        s
    }

    /// The ids so far, packed, and their number, when the name fed so far is a path ending with a `/` (or empty
    /// after a leading `/`): then an `n` goes on with a new id.
    #[cfg(feature = "senml-fast")]
    #[inline(always)]
    pub(crate) fn clean(&self) -> Option<(u64, u32)> {
        (self.started && !self.bad && !self.digits).then_some((self.key, u32::from(self.len)))
    }
}

/// The path of `len` ids packed in `key` as [`packed`](super::resolve::packed) packs them (`None` unless `len` is 1 to 4).
/// Inlined in every build: returned from a call, the path was copied by a `memcpy` call on small targets.
#[inline(always)]
fn path_of(key: u64, len: usize) -> Option<Path> {
    let [o, i, r, ri] = [key >> 48, key >> 32, key >> 16, key].map(|x| x as u16);
    Some(match len {
        1 => Path::object_path(o),
        2 => Path::instance_path(o, i),
        3 => Path::resource_path(o, i, r),
        4 => Path::resource_instance_path(o, i, r, ri),
        _ => return None,
    })
}
