//! Duplicate ids among the children of one parent in the TLV walk.

use super::element::split;
use crate::error::{Error, ErrorKind};

/// Largest id so far among the children of one parent (−1 before the first), and the least (65536 before the
/// first): an id above every earlier one or below every earlier one is new without a look back, so ascending and
/// descending ids cost one comparison each.
#[derive(Clone, Copy)]
pub(super) struct Seen(i32, i32);

/// No children seen yet.
pub(super) const UNSEEN: Seen = Seen(-1, 0x1_0000);

impl Seen {
    /// Records `id`; `before` holds the parent's children up to this one. `Err(DUPLICATE_ID)` at `start` if one of
    /// them had the same id.
    #[cfg_attr(feature = "tlv-fast", inline(always))]
    #[cfg_attr(not(feature = "tlv-fast"), inline)]
    pub(super) fn insert(&mut self, id: u16, before: &[u8], start: usize) -> Result<(), Error> {
        let id = i32::from(id);
        if id > self.0 {
            self.0 = id;
            self.1 = self.1.min(id);
            return Ok(());
        }
        if id < self.1 {
            self.1 = id;
            return Ok(());
        }
        rescan(id as u16, before, start)
    }
}

/// The slow path of [`Seen::insert`]: re-reads the earlier siblings (all of which split already).
#[cold]
#[inline(never)]
fn rescan(id: u16, mut before: &[u8], start: usize) -> Result<(), Error> {
    while let Some(e) = split(before) {
        let after = e.rest;
        if e.id == id {
            return Err(Error::new(ErrorKind::DuplicateId, start));
        }
        before = after;
    }
    Ok(())
}

/// The first `len - rest.len()` bytes of `body`: the siblings before the element at the front of `rest`.
#[cfg_attr(feature = "tlv-fast", inline(always))]
#[cfg_attr(not(feature = "tlv-fast"), inline)]
pub(super) fn before<'a>(body: &'a [u8], rest: &[u8]) -> &'a [u8] {
    body.get(..body.len() - rest.len()).unwrap_or(&[])
}
