//! The keys of a LwM2M-CBOR frame: the open maps and the path ids, read up to each record's leaf. One reader for
//! the validating walk, the pass that hands the records out and the duplicate re-walk (`earlier.rs`).

use minicbor::Decoder;

use crate::cbor::{initial, malformed, take_head};
use crate::error::{Error, ErrorKind};
use crate::path::{Path, RESERVED_ID};

/// Maps open at once: the root plus one per path level. Every key covers at least one level and a path has at most
/// four, so the depths of the open maps strictly increase from 0 to at most 4.
pub(super) const MAX_OPEN: usize = 5;

/// [`Keys::remaining`] of an indefinite map.
const INDEFINITE: usize = usize::MAX;

/// The key reader: the decoder, the open maps and the path ids the keys have named.
///
/// An open map is known by its depth (the number of path ids the keys above it have named): the depths of the open
/// maps strictly increase, so each depth has at most one, and the innermost is the deepest.
#[derive(Clone)]
pub(super) struct Keys<'a> {
    /// The decoder (position and input).
    pub(super) d: Decoder<'a>,
    /// Per depth, the entries left in the open map at that depth; [`INDEFINITE`] for an indefinite map (it ends at
    /// a break). A count above what `usize` holds less one is held at that: no input that fits in memory has as
    /// many entries, so the walk meets the end of the input first, as it would with the full count. Read only at
    /// the depths of `open`, each written first.
    remaining: [usize; MAX_OPEN],
    /// The depths of the open maps, one bit each.
    open: u8,
    ids: [u16; 4],
    started: bool,
}

/// [`Keys::remaining`] before the first map (never read): a constant that is not one repeated byte, so that it is
/// copied into place by a few word stores, not filled by a `memset` call (cleared with the fields around it, or
/// filled with [`INDEFINITE`]) nor copied by a `memcpy` call (a table of one frame per map, depths included).
const NONE_OPEN: [usize; MAX_OPEN] = [1; MAX_OPEN];

impl<'a> Keys<'a> {
    /// Keys of `input` from its start. Inlined: built in place.
    #[inline(always)]
    pub(super) fn new(input: &'a [u8]) -> Self {
        Keys {
            d: Decoder::new(input),
            remaining: NONE_OPEN,
            open: 0,
            ids: [0; 4],
            started: false,
        }
    }

    /// Opens the map at the current position (its head [`initial`] found whole) with `depth` path ids above it.
    /// `INVALID_NAME` at `key_at` for a depth of five or more (unreachable: a path has at most four ids).
    fn open_map(&mut self, depth: usize, key_at: usize) -> Result<(), Error> {
        let (len, indefinite) = take_head(&mut self.d);
        let remaining = match usize::try_from(len) {
            _ if indefinite => INDEFINITE,
            Ok(n) => n.min(INDEFINITE - 1),
            Err(_) => INDEFINITE - 1,
        };
        *self
            .remaining
            .get_mut(depth)
            .ok_or(Error::new(ErrorKind::InvalidName, key_at))? = remaining;
        self.open |= 1 << depth;
        Ok(())
    }

    /// Consumes a break byte if one is next.
    fn take_break(&mut self) -> Result<bool, Error> {
        if initial(&self.d)? == 0xff {
            self.d.set_position(self.d.position() + 1);
            return Ok(true);
        }
        Ok(false)
    }

    /// Reads one uint id into level `level` for the key at `key_at`.
    fn read_id(&mut self, level: usize, key_at: usize) -> Result<(), Error> {
        let at = self.d.position();
        let id = match initial(&self.d)? {
            0x00..=0x1b => take_head(&mut self.d).0,
            _ => return Err(Error::new(ErrorKind::InvalidCbor, at)),
        };
        let name = Error::new(ErrorKind::InvalidName, key_at);
        let id = u16::try_from(id).map_err(|_| name)?;
        if id == RESERVED_ID {
            return Err(Error::new(ErrorKind::InvalidPath, key_at));
        }
        *self.ids.get_mut(level).ok_or(name)? = id;
        Ok(())
    }

    /// Reads a key below `depth` path ids; returns the path length it reaches.
    fn read_key(&mut self, depth: usize) -> Result<usize, Error> {
        let key_at = self.d.position();
        match initial(&self.d)? {
            0x00..=0x1b => {
                self.read_id(depth, key_at)?;
                Ok(depth + 1)
            }
            0x80..=0x9b | 0x9f => {
                let (n, indefinite) = take_head(&mut self.d);
                let mut end = depth;
                let mut read = 0u64;
                while !(if indefinite {
                    self.take_break()?
                } else {
                    read == n
                }) {
                    self.read_id(end, key_at)?;
                    end += 1;
                    read += 1;
                }
                if end == depth {
                    return Err(Error::new(ErrorKind::InvalidName, key_at));
                }
                Ok(end)
            }
            _ => Err(Error::new(ErrorKind::InvalidCbor, key_at)),
        }
    }

    /// The path of the next record and the offset of its key, the decoder at its leaf value (its head there whole,
    /// neither a map nor a break); `None` after the root map, which must end the input.
    pub(super) fn next(&mut self) -> Result<Option<(Path, usize)>, Error> {
        if !self.started {
            self.started = true;
            match initial(&self.d)? {
                0xa0..=0xbb | 0xbf => self.open_map(0, 0)?,
                _ => return Err(Error::new(ErrorKind::InvalidCbor, 0)),
            }
        }
        loop {
            // The innermost open map: the deepest.
            let Some(top) = (self.open as u32).checked_ilog2() else {
                let end = self.d.position();
                if end < self.d.input().len() {
                    return Err(Error::new(ErrorKind::TrailingData, end));
                }
                return Ok(None);
            };
            let top = top as usize;
            let Some(left) = self.remaining.get_mut(top) else {
                return Ok(None);
            };
            match *left {
                0 => {
                    self.open &= !(1 << top);
                    continue;
                }
                INDEFINITE => {
                    if self.take_break()? {
                        self.open &= !(1 << top);
                        continue;
                    }
                }
                n => *left = n - 1,
            }
            let key_at = self.d.position();
            let end = self.read_key(top)?;
            let value_at = self.d.position();
            match initial(&self.d)? {
                0xa0..=0xbb | 0xbf => {
                    self.open_map(end, key_at)?;
                    continue;
                }
                b if b == 0xff || malformed(b) => {
                    return Err(Error::new(ErrorKind::InvalidCbor, value_at));
                }
                _ => {}
            }
            return match self.ids.get(..end).and_then(Path::from_ids) {
                Some(p) if p.len() >= 3 => Ok(Some((p, key_at))),
                _ => Err(Error::new(ErrorKind::InvalidName, key_at)),
            };
        }
    }
}
