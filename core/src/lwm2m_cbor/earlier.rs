//! The duplicate check's re-walk: the paths and key offsets of a frame's records, from its start up to a given key.
//!
//! The re-walk only covers bytes the validating walk has read and checked already (it stops before the key of the
//! last pending record, which that walk has passed), so it needs none of the walker's checks, model or value
//! readers: the open maps (as the walker keeps them), the path ids, and [`skip_leaf`] for each value. That keeps its
//! state and frame small: it runs on top of the validating walk, and a firmware decode has a stack budget
//! (bindings/c/SIZE.md). Anything it cannot read is still an error, never a panic.

use minicbor::data::Type;
use minicbor::Decoder;

use super::maps::{open_map, Frame, INDEFINITE, MAX_OPEN};
use crate::cbor::{peek, skip_leaf, take_head};
use crate::error::{Error, ErrorKind};
use crate::path::Path;

/// The records before the key at `stop`, as (path, key offset), in wire order.
pub(super) struct Earlier<'a> {
    d: Decoder<'a>,
    stop: usize,
    open: [Frame; MAX_OPEN],
    open_len: usize,
    ids: [u16; 4],
}

impl<'a> Earlier<'a> {
    /// The re-walk of `input` (a frame checked up to `stop`) up to the key at `stop`. Inlined: built in place.
    #[inline(always)]
    pub(super) fn new(input: &'a [u8], stop: usize) -> Self {
        Earlier {
            d: Decoder::new(input),
            stop,
            open: [Frame::default(); MAX_OPEN],
            open_len: 0,
            ids: [0; 4],
        }
    }

    /// Reads a path id into level `level`.
    fn id(&mut self, level: usize, key_at: usize) -> Result<(), Error> {
        let name = Error::new(ErrorKind::InvalidName, key_at);
        match peek(&self.d)? {
            Type::U8 | Type::U16 | Type::U32 | Type::U64 => {
                let id = u16::try_from(take_head(&mut self.d).0).map_err(|_| name)?;
                *self.ids.get_mut(level).ok_or(name)? = id;
                Ok(())
            }
            _ => Err(name),
        }
    }

    /// True (and steps over it) if a break is next.
    fn at_break(&mut self) -> bool {
        let at = self.d.position();
        let hit = self.d.input().get(at) == Some(&0xff);
        if hit {
            self.d.set_position(at + 1);
        }
        hit
    }

    /// The next record before `stop`, or `None`.
    fn step(&mut self) -> Result<Option<(Path, usize)>, Error> {
        if self.d.position() == 0 {
            open_map(&mut self.d, &mut self.open, &mut self.open_len, 0, 0)?;
        }
        loop {
            let Some(top) = self.open_len.checked_sub(1) else {
                return Ok(None);
            };
            let Some(frame) = self.open.get_mut(top) else {
                return Ok(None);
            };
            let depth = frame.depth;
            match frame.remaining {
                0 => {
                    self.open_len = top;
                    continue;
                }
                INDEFINITE => {
                    if self.at_break() {
                        self.open_len = top;
                        continue;
                    }
                }
                n => frame.remaining = n - 1,
            }
            let mut end = usize::from(depth);
            let key_at = self.d.position();
            if key_at >= self.stop {
                return Ok(None);
            }
            // A key: one id, or an array of ids (definite or up to a break).
            if matches!(peek(&self.d)?, Type::Array | Type::ArrayIndef) {
                let (n, indefinite) = take_head(&mut self.d);
                let mut read = 0u64;
                while !(if indefinite {
                    self.at_break()
                } else {
                    read == n
                }) {
                    self.id(end, key_at)?;
                    end += 1;
                    read += 1;
                }
            } else {
                self.id(end, key_at)?;
                end += 1;
            }
            if matches!(peek(&self.d)?, Type::Map | Type::MapIndef) {
                open_map(&mut self.d, &mut self.open, &mut self.open_len, end, key_at)?;
                continue;
            }
            let path = self
                .ids
                .get(..end)
                .and_then(Path::from_ids)
                .ok_or(Error::new(ErrorKind::InvalidName, key_at))?;
            let mut pos = self.d.position();
            skip_leaf(self.d.input(), &mut pos)?;
            self.d.set_position(pos);
            return Ok(Some((path, key_at)));
        }
    }
}

impl Iterator for Earlier<'_> {
    type Item = Result<(Path, usize), Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.step().transpose()
    }
}
