//! Duplicate detection for the validating pass, without a table of every path.
//!
//! Two records clash when their paths are equal or one is a prefix of the other (a resource given both as one value
//! and as instances). Record paths have 3 or 4 ids, so clashing paths share their first three.
//!
//! A record whose path sorts after every earlier one and is not below the greatest so far cannot clash with any
//! earlier record: earlier paths are all ≤ that greatest path, and paths sharing a prefix sort next to each other.
//! Likewise a record whose resource (first three ids) sorts before every earlier record's resource. Frames in path
//! order (what encoders write) and in descending order therefore cost nothing and allocate nothing. Any other record
//! is pending: it is noted (path and key offset) and checked later by one re-walk of the frame up to the last pending
//! record, in which every earlier record is looked up among the pending ones (with `alloc` sorted, by binary search;
//! without it, a scan of the block). The error is still the first clash in wire order: the offset of the earliest
//! record that clashes with an earlier one, reported before any error the walk meets after that record's key.
//!
//! With `alloc` the pending records are kept in a vector that grows as needed (only records out of order take a
//! place), and the one re-walk happens when the walk ends or fails: O(n log n) for n records in any order. Without
//! `alloc` (firmware) they wait in a block of [`BLOCK`] on the stack, re-walked each time the block fills: a frame of
//! n records in the worst order costs about n / [`BLOCK`] re-walks — for a LoRaWAN frame (at most 242 bytes, about
//! 40 records) ten re-walks at most, of a few hundred bytes each. A larger block would check such a frame in fewer
//! re-walks, but each record takes 16 bytes of stack and the decode stack is gated at 1 KB
//! (`bindings/c/firmware/run.sh`; 4 records, not 8, keep the Cortex-M0 decode under it).

use crate::error::{Error, ErrorKind};
use crate::path::Path;

/// Records checked per re-walk without `alloc`. Each pending record takes a path and an offset on the stack (16
/// bytes on 32-bit targets), and the stack is a firmware's few KB.
#[cfg(not(feature = "alloc"))]
pub(super) const BLOCK: usize = 4;

/// The pending records: a vector with `alloc`.
#[cfg(feature = "alloc")]
type Pending = alloc::vec::Vec<Entry>;

/// The pending records: a block on the stack without `alloc`.
#[cfg(not(feature = "alloc"))]
struct Pending {
    block: [Entry; BLOCK],
    len: usize,
}

#[cfg(not(feature = "alloc"))]
impl Pending {
    /// An empty block, built in place. Only the entries below `len` are read, each written first: four entries
    /// of a value known at run time (`fill`), stored one by one, not a constant table copied into place (a
    /// `memcpy` call on small targets).
    #[inline(always)]
    fn new(fill: usize) -> Self {
        let e = (Path::ROOT, fill);
        Pending {
            block: [e, e, e, e],
            len: 0,
        }
    }

    /// Adds a record (dropped if the block is full: the caller flushes first).
    fn push(&mut self, item: Entry) {
        if let Some(slot) = self.block.get_mut(self.len) {
            *slot = item;
            self.len += 1;
        }
    }

    fn len(&self) -> usize {
        self.len
    }

    fn last(&self) -> Option<&Entry> {
        self.len.checked_sub(1).and_then(|i| self.block.get(i))
    }

    fn as_mut_slice(&mut self) -> &mut [Entry] {
        self.block.get_mut(..self.len).unwrap_or(&mut [])
    }

    fn clear(&mut self) {
        self.len = 0;
    }
}

/// A pending record with `alloc` (long lists): one integer ordered as (path, offset) — the ids packed as the derived
/// order of [`Path`] compares them (ids past the length are 0), then the length, then the offset (below 2^56) —
/// which sorts and searches several times faster than the fields.
#[cfg(feature = "alloc")]
type Entry = u128;

/// A pending record without `alloc` (a block of a few): path and offset as they are.
#[cfg(not(feature = "alloc"))]
type Entry = (Path, usize);

/// The entry of the record at `at`.
#[cfg(feature = "alloc")]
#[inline(always)]
fn entry(path: &Path, at: usize) -> Entry {
    let ids = [0, 1, 2, 3].map(|level| u128::from(path.id(level)));
    ids[0] << 112
        | ids[1] << 96
        | ids[2] << 80
        | ids[3] << 64
        | (path.len() as u128) << 56
        | at as u128
}

/// The offset of an entry.
#[cfg(feature = "alloc")]
#[inline(always)]
fn offset(e: Entry) -> usize {
    (e & ((1 << 56) - 1)) as usize
}

/// True if two entries have the same path.
#[cfg(feature = "alloc")]
#[inline(always)]
fn same_path(a: Entry, b: Entry) -> bool {
    a >> 56 == b >> 56
}

/// True if two entries (records, so of 3 or 4 ids) lie under the same resource.
#[cfg(feature = "alloc")]
#[inline(always)]
fn same_resource(a: Entry, b: Entry) -> bool {
    a >> 80 == b >> 80
}

/// The entry of the record at `at`.
#[cfg(not(feature = "alloc"))]
#[inline(always)]
fn entry(path: &Path, at: usize) -> Entry {
    (*path, at)
}

/// The offset of an entry.
#[cfg(not(feature = "alloc"))]
#[inline(always)]
fn offset(e: Entry) -> usize {
    e.1
}

/// The duplicate state of one validating walk.
pub(super) struct Duplicates {
    /// The greatest path so far among records that took the fast path.
    max: Option<Path>,
    /// The least resource (first three ids) so far among records that took the descending fast path, or the first
    /// record's: every earlier record's resource is at or above it.
    min: Option<Path>,
    /// Pending records in wire order: path and key offset.
    pending: Pending,
}

impl Duplicates {
    /// No records seen. Inlined: built in place in the caller's frame, not copied there. `fill` is any value
    /// known only at run time (the block's unused entries are filled with it, see `Pending::new`).
    #[inline(always)]
    pub(super) fn new(fill: usize) -> Self {
        #[cfg(feature = "alloc")]
        let _ = fill;
        Duplicates {
            max: None,
            min: None,
            #[cfg(not(feature = "alloc"))]
            pending: Pending::new(fill),
            #[cfg(feature = "alloc")]
            pending: Pending::new(),
        }
    }

    /// Notes the record at `at` (offsets increase from call to call). Returns true when the block is full (never
    /// with `alloc`): the caller must [`flush`](Self::flush) before noting another record. Out of line: its
    /// temporaries stay out of the validating pass's frame, which the re-walk runs on top of.
    #[inline(never)]
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
        self.pending.push(entry(&path, at));
        #[cfg(not(feature = "alloc"))]
        return self.pending.len() >= BLOCK;
        #[cfg(feature = "alloc")]
        false
    }

    /// The key offset of the last pending record.
    pub(super) fn last(&self) -> Option<usize> {
        self.pending.last().map(|&e| offset(e))
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
        let result = self.check(earlier);
        self.pending.clear();
        result
    }

    /// [`flush`](Self::flush) but for emptying the block.
    #[inline(always)]
    fn check<I>(&mut self, earlier: I) -> Result<(), Error>
    where
        I: Iterator<Item = Result<(Path, usize), Error>>,
    {
        let Some(last) = self.last() else {
            return Ok(());
        };
        // With `alloc`, sorted in place (the block is emptied after); without it, the block of a few is scanned
        // whole for every earlier record.
        let pending = self.pending.as_mut_slice();
        #[cfg(feature = "alloc")]
        crate::sort::sort(pending);
        let mut first: Option<usize> = None;
        for item in earlier {
            let (path, at) = item?;
            // A clash needs a pending record after this one, and an earlier clash than the one found.
            if at >= last || first.is_some_and(|f| at >= f) {
                break;
            }
            let mut found = |p_at: usize| first = Some(first.map_or(p_at, |f| f.min(p_at)));
            // Without `alloc` (a block of a few): every pending record after this one whose path is a prefix of
            // this one's or has it as a prefix (record paths have at least 3 ids, so such paths share their
            // resource).
            #[cfg(not(feature = "alloc"))]
            for &(p, p_at) in pending.iter() {
                if p_at > at && (p.contains(&path) || path.contains(&p)) {
                    found(p_at);
                }
            }
            #[cfg(feature = "alloc")]
            {
                let Some(resource) = path.truncated(3) else {
                    continue;
                };
                // A resource instance clashes with its resource and with itself, the first pending record after
                // it with either path (each run of equal paths is in wire order).
                if path.len() > 3 {
                    for key in [entry(&resource, at), entry(&path, at)] {
                        let i = pending.partition_point(|&e| e <= key);
                        if let Some(&e) = pending.get(i) {
                            if same_path(e, key) {
                                found(offset(e));
                            }
                        }
                    }
                    continue;
                }
                // A resource clashes with every pending record under it after it. Each resource has its pending
                // records scanned here at most once before a clash is found: a second record at the same
                // resource path is pending and clashes with the first, so the walk stops before it.
                let key = entry(&resource, 0);
                let start = pending.partition_point(|&e| e < key);
                for &e in pending.get(start..).unwrap_or(&[]) {
                    if !same_resource(e, key) {
                        break;
                    }
                    if offset(e) > at {
                        found(offset(e));
                    }
                }
            }
        }
        match first {
            Some(at) => Err(Error::new(ErrorKind::DuplicateId, at)),
            None => Ok(()),
        }
    }
}
