//! The duplicate check's re-walk: the paths and key offsets of a frame's records, from its start up to a given key.
//!
//! The re-walk only covers bytes the validating walk has read and checked already (it stops at the key of the last
//! pending record, which that walk has passed), so it needs none of the walker's model or value readers: the key
//! reader both walks share ([`Keys`]) and [`skip_leaf`] for each value. That keeps its state and frame small: it
//! runs on top of the validating walk, and a firmware decode has a stack budget (bindings/c/SIZE.md). Anything it
//! cannot read is still an error, never a panic.

use super::maps::Keys;
use crate::cbor::skip_leaf;
use crate::error::Error;
use crate::path::Path;

/// The records before the key at `stop`, as (path, key offset), in wire order.
pub(super) struct Earlier<'a> {
    keys: Keys<'a>,
    stop: usize,
}

impl<'a> Earlier<'a> {
    /// The re-walk of `input` (a frame checked up to `stop`) up to the key at `stop`. Inlined: built in place.
    #[inline(always)]
    pub(super) fn new(input: &'a [u8], stop: usize) -> Self {
        Earlier {
            keys: Keys::new(input),
            stop,
        }
    }

    /// The next record before `stop`, or `None`.
    fn step(&mut self) -> Result<Option<(Path, usize)>, Error> {
        let Some((path, key_at)) = self.keys.next()? else {
            return Ok(None);
        };
        // The value at `stop` is not checked yet: the walk ends at its key.
        if key_at >= self.stop {
            return Ok(None);
        }
        let d = &mut self.keys.d;
        let mut pos = d.position();
        skip_leaf(d.input(), &mut pos)?;
        d.set_position(pos);
        Ok(Some((path, key_at)))
    }
}

impl Iterator for Earlier<'_> {
    type Item = Result<(Path, usize), Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.step().transpose()
    }
}
