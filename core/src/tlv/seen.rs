//! Duplicate ids among the children of one parent in the TLV walk.
//!
//! Every level of the walk (the top level, an object instance, a multiple resource) keeps a [`Seen`]: the least and
//! the largest id of its children so far. A child whose id is above or below all of them is new: ids in ascending or
//! descending order cost one comparison each and allocate nothing. A child in between may repeat an earlier sibling:
//!
//! * with `alloc`, it is noted (id and offset) in the walk's [`Pending`] list, and when its level ends (or fails),
//!   the level's noted children are sorted and its children re-read once, each looked up among them (binary
//!   search): O(k log k) for k children in any order. The error is the same as an immediate check gives: the offset
//!   of the earliest child that repeats an earlier sibling's id, before any error met after that child's header
//!   (every noted child lies before it, and an outer level settles after the inner ones, with earlier offsets);
//! * without `alloc` (firmware), the earlier siblings are re-read at once for that child ([`Seen::insert`]): O(k²)
//!   at worst, which for a LoRaWAN frame (at most 242 bytes, about 120 elements) is a few thousand header reads. A
//!   sort index on the stack would take 4 bytes or more per element against a decode stack gated at 1,024 bytes
//!   (`bindings/c/firmware/run.sh`), which the TLV decode already fills.

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
    /// Records `id`; true if it is above or below every earlier id (certainly new).
    #[cfg(feature = "alloc")]
    #[cfg_attr(feature = "tlv-fast", inline(always))]
    #[cfg_attr(not(feature = "tlv-fast"), inline)]
    fn fresh(&mut self, id: u16) -> bool {
        let id = i32::from(id);
        if id > self.0 {
            self.0 = id;
            self.1 = self.1.min(id);
            return true;
        }
        if id < self.1 {
            self.1 = id;
            return true;
        }
        false
    }

    /// Records `id`; `before` holds the parent's children up to this one. `Err(DUPLICATE_ID)` at `start` if one of
    /// them had the same id.
    #[cfg(not(feature = "alloc"))]
    #[cfg_attr(feature = "tlv-fast", inline(always))]
    #[cfg_attr(not(feature = "tlv-fast"), inline)]
    fn insert(&mut self, id: u16, before: &[u8], start: usize) -> Result<(), Error> {
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
#[cfg(not(feature = "alloc"))]
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
#[cfg(not(feature = "alloc"))]
#[cfg_attr(feature = "tlv-fast", inline(always))]
#[cfg_attr(not(feature = "tlv-fast"), inline)]
fn before<'a>(body: &'a [u8], rest: &[u8]) -> &'a [u8] {
    body.get(..body.len() - rest.len()).unwrap_or(&[])
}

/// Children waiting for the duplicate check (id, offset), the levels' lists one after another: an inner level's are
/// settled and dropped before its parent's next child. Empty while ids ascend or descend (no allocation then).
#[cfg(feature = "alloc")]
pub(super) struct Pending(alloc::vec::Vec<(u16, usize)>);

/// Nothing waits without `alloc`: [`Seen::insert`] checks at once.
#[cfg(not(feature = "alloc"))]
pub(super) struct Pending;

#[cfg(feature = "alloc")]
impl Pending {
    /// Nothing noted.
    pub(super) const fn new() -> Self {
        Pending(alloc::vec::Vec::new())
    }

    /// Records `id` of the child at `start` in `seen`; notes it for [`settle`](Self::settle) unless it is new for
    /// certain.
    #[cfg_attr(feature = "tlv-fast", inline(always))]
    #[cfg_attr(not(feature = "tlv-fast"), inline)]
    pub(super) fn insert(
        &mut self,
        seen: &mut Seen,
        id: u16,
        _body: &[u8],
        _rest: &[u8],
        start: usize,
    ) -> Result<(), Error> {
        if !seen.fresh(id) {
            self.0.push((id, start));
        }
        Ok(())
    }

    /// Where the next level's notes begin.
    #[inline(always)]
    pub(super) fn mark(&self) -> usize {
        self.0.len()
    }

    /// Ends the level whose notes begin at `mark`, its children being `body` (which starts at absolute offset
    /// `body_start`) and its walk having given `result`: `DUPLICATE_ID` at the earliest noted child that repeats an
    /// earlier sibling's id, otherwise `result`.
    #[inline]
    pub(super) fn settle(
        &mut self,
        mark: usize,
        body: &[u8],
        body_start: usize,
        result: Result<(), Error>,
    ) -> Result<(), Error> {
        if self.0.len() <= mark {
            return result;
        }
        let first = self.first_repeat(mark, body, body_start);
        self.0.truncate(mark);
        match first {
            Some(at) => Err(Error::new(ErrorKind::DuplicateId, at)),
            None => result,
        }
    }

    /// The offset of the earliest noted child (from `mark` on) whose id an earlier child of `body` has.
    #[cold]
    #[inline(never)]
    fn first_repeat(&mut self, mark: usize, mut rest: &[u8], body_start: usize) -> Option<usize> {
        let noted = self.0.get_mut(mark..)?;
        // Noted in wire order: the last is the last that can repeat anything.
        let &(_, last) = noted.last()?;
        crate::sort::sort(noted);
        let mut first: Option<usize> = None;
        let mut at = body_start;
        while let Some(e) = split(rest) {
            if at >= last || first.is_some_and(|f| at >= f) {
                break;
            }
            // The first noted child with this id after this one (children are noted in wire order).
            let i = noted.partition_point(|&k| k <= (e.id, at));
            if let Some(&(id, later)) = noted.get(i) {
                if id == e.id {
                    first = Some(first.map_or(later, |f| f.min(later)));
                }
            }
            at += rest.len() - e.rest.len();
            rest = e.rest;
        }
        first
    }
}

#[cfg(not(feature = "alloc"))]
impl Pending {
    /// Nothing to note.
    pub(super) const fn new() -> Self {
        Pending
    }

    /// Records `id` of the child at `start` in `seen`, `before` the element at the front of `rest` in `body`.
    #[cfg_attr(feature = "tlv-fast", inline(always))]
    #[cfg_attr(not(feature = "tlv-fast"), inline)]
    pub(super) fn insert(
        &mut self,
        seen: &mut Seen,
        id: u16,
        body: &[u8],
        rest: &[u8],
        start: usize,
    ) -> Result<(), Error> {
        seen.insert(id, before(body, rest), start)
    }

    /// Nothing to mark.
    #[inline(always)]
    pub(super) fn mark(&self) -> usize {
        0
    }

    /// `result`: every child was checked when it was read.
    #[inline(always)]
    pub(super) fn settle(
        &mut self,
        _mark: usize,
        _body: &[u8],
        _body_start: usize,
        result: Result<(), Error>,
    ) -> Result<(), Error> {
        result
    }
}
