//! Duplicate detection for the validating pass, without a table of every path.
//!
//! Two records clash when their paths are equal or one is a prefix of the other (a resource given both as one value
//! and as instances). Record paths have 3 or 4 ids, so clashing paths share their first three.
//!
//! A record whose path sorts after every earlier one and is not below the greatest so far cannot clash with any
//! earlier record: earlier paths are all ≤ that greatest path, and paths sharing a prefix sort next to each other.
//! Likewise a record whose resource (first three ids) sorts before every earlier record's resource. Frames in path
//! order (what encoders write) and in descending order therefore cost nothing. Any other record waits in a block of at most
//! [`BLOCK`] pending records; when the block is full, or the walk ends or fails, one re-walk of the frame up to the
//! last pending record checks the whole block: every earlier record is looked up among the pending ones (sorted,
//! binary search). A frame of n records in the worst order costs about n / [`BLOCK`] re-walks instead of n, and
//! the error is still the first clash in wire order: the offset of the earliest record that clashes with an
//! earlier one.

use crate::error::{Error, ErrorKind};
use crate::path::Path;

/// Records checked per re-walk. Each pending record takes a path and an offset on the stack (16 bytes on 32-bit
/// targets): 32 on hosts (`std`), 8 in `no_std` builds, where the stack is a firmware's few KB.
#[cfg(feature = "std")]
pub(super) const BLOCK: usize = 32;
/// Records checked per re-walk (see the `std` value).
#[cfg(not(feature = "std"))]
pub(super) const BLOCK: usize = 8;

/// The duplicate state of one validating walk.
pub(super) struct Duplicates {
    /// The greatest path so far among records that took the fast path.
    max: Option<Path>,
    /// The least resource (first three ids) so far among records that took the descending fast path, or the first
    /// record's: every earlier record's resource is at or above it.
    min: Option<Path>,
    /// Pending records in wire order: path and key offset.
    pending: [(Path, usize); BLOCK],
    len: usize,
}

impl Duplicates {
    /// No records seen.
    pub(super) fn new() -> Self {
        Duplicates {
            max: None,
            min: None,
            pending: [(Path::object_path(0), 0); BLOCK],
            len: 0,
        }
    }

    /// Notes the record at `at` (offsets increase from call to call). Returns true when the block is full: the
    /// caller must [`flush`](Self::flush) before noting another record.
    pub(super) fn note(&mut self, path: Path, at: usize) -> bool {
        let resource = path.truncated(3).unwrap_or(path);
        if self.max.is_none_or(|m| m < path && !m.contains(&path)) {
            self.max = Some(path);
            self.min.get_or_insert(resource);
            return false;
        }
        // Descending order: a record whose resource sorts before every earlier record's cannot clash (clashing
        // paths share their resource).
        if self.min.is_some_and(|m| resource < m) {
            self.min = Some(resource);
            return false;
        }
        if let Some(slot) = self.pending.get_mut(self.len) {
            *slot = (path, at);
            self.len += 1;
        }
        self.len >= BLOCK
    }

    /// The key offset of the last pending record.
    pub(super) fn last(&self) -> Option<usize> {
        self.len
            .checked_sub(1)
            .and_then(|i| self.pending.get(i))
            .map(|&(_, at)| at)
    }

    /// Checks the pending records against every record before them; `earlier` walks the frame's records from its
    /// start, in wire order, as (path, key offset), up to (not including) the last pending record. Empties the block.
    ///
    /// # Errors
    /// `DUPLICATE_ID` at the earliest pending record that clashes with an earlier record; the walk's own error if
    /// it fails before the last pending record.
    pub(super) fn flush<I>(&mut self, earlier: I) -> Result<(), Error>
    where
        I: Iterator<Item = Result<(Path, usize), Error>>,
    {
        // Sorted in place: the block is emptied anyway.
        let sorted = self.pending.get_mut(..self.len).unwrap_or(&mut []);
        self.len = 0;
        let Some(&(_, last)) = sorted.iter().max_by_key(|&&(_, at)| at) else {
            return Ok(());
        };
        sorted.sort_unstable();
        let mut first: Option<usize> = None;
        for item in earlier {
            let (path, at) = item?;
            // A clash needs a pending record after this one, and an earlier clash than the one found.
            if at >= last || first.is_some_and(|f| at >= f) {
                break;
            }
            let Some(resource) = path.truncated(3) else {
                continue;
            };
            let start = sorted.partition_point(|(p, _)| *p < resource);
            for &(p, p_at) in sorted.get(start..).unwrap_or(&[]) {
                if !resource.contains(&p) {
                    break;
                }
                if p_at > at && (p.contains(&path) || path.contains(&p)) {
                    first = Some(first.map_or(p_at, |f| f.min(p_at)));
                }
            }
        }
        match first {
            Some(at) => Err(Error::new(ErrorKind::DuplicateId, at)),
            None => Ok(()),
        }
    }
}
