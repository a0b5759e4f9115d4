//! LwM2M-CBOR writer: the canonical path tree, read straight off the record list.
//!
//! A tree node is a path prefix, named by the first record that has it and by its length. Its children are the
//! distinct ids that follow the prefix, in order of first appearance. Records whose paths are strictly increasing
//! (anything a decoder produces, and any sorted input) make every node a contiguous run, found in one linear scan;
//! other input is grouped by scanning the records, which is quadratic in the record count (a LoRaWAN frame keeps it
//! small). Nothing is allocated. Nodes nest at most four deep, so the recursion is bounded.

use crate::cbor::{write_leaf, Enc, Out};
use crate::error::{Error, ErrorKind};
use crate::path::Path;
use crate::records;
use crate::registry::Model;
use crate::value::{check_value, Record, Value};

/// How the records are laid out: sorted input takes the linear path.
#[derive(Clone, Copy)]
struct Layout<'r, 'a> {
    records: &'r [Record<'a>],
    sorted: bool,
}

impl Layout<'_, '_> {
    /// True if records `i` and `j` both have at least `depth` ids and share the first `depth`.
    fn same(&self, i: usize, j: usize, depth: usize) -> bool {
        match (self.records.get(i), self.records.get(j)) {
            (Some(a), Some(b)) => {
                a.path.len() >= depth && b.path.len() >= depth && a.path.same_prefix(&b.path, depth)
            }
            _ => false,
        }
    }

    /// End of the contiguous run of records from `start` sharing its first `depth` ids (sorted layout).
    fn run_end(&self, start: usize, depth: usize) -> usize {
        let mut end = start + 1;
        while end < self.records.len() && self.same(start, end, depth) {
            end += 1;
        }
        end
    }

    /// The record after child `c` of node `(first, depth)` that first shows the next child, if any.
    fn next_child(&self, first: usize, depth: usize, c: usize) -> Option<usize> {
        if self.sorted {
            let next = self.run_end(c, depth + 1);
            return (next < self.records.len() && self.same(first, next, depth)).then_some(next);
        }
        (c + 1..self.records.len()).find(|&i| {
            self.same(first, i, depth)
                && self.records.get(i).is_some_and(|r| r.path.len() > depth)
                && !(first..i).any(|j| self.same(i, j, depth + 1))
        })
    }

    /// The records (by index) that first show each child of the node `(first, depth)`, in order.
    fn children(&self, first: usize, depth: usize) -> impl Iterator<Item = usize> + '_ {
        let head =
            Some(first).filter(|&f| self.records.get(f).is_some_and(|r| r.path.len() > depth));
        core::iter::successors(head, move |&c| self.next_child(first, depth, c))
    }
}

/// Writes the map of the node `(first, depth)`: one entry per child.
fn write_map(e: &mut Enc<'_>, layout: Layout<'_, '_>, first: usize, depth: usize) {
    e.head(5, layout.children(first, depth).count() as u64);
    for child in layout.children(first, depth) {
        write_entry(e, layout, child, depth);
    }
}

/// Writes the entry of the child of a depth-`depth` node that record `c` shows first: its key, merged with every
/// single-child node below it, then the leaf value or the map of the node where the chain stops.
fn write_entry(e: &mut Enc<'_>, layout: Layout<'_, '_>, c: usize, depth: usize) {
    let Some(r) = layout.records.get(c) else {
        return;
    };
    let ids = r.path.ids();
    let mut end = depth + 1;
    while end < ids.len() && layout.children(c, end).nth(1).is_none() {
        end += 1;
    }
    match ids.get(depth..end).unwrap_or(&[]) {
        [id] => e.head(0, u64::from(*id)),
        key => {
            e.head(4, key.len() as u64);
            for id in key {
                e.head(0, u64::from(*id));
            }
        }
    }
    if end == ids.len() {
        write_leaf(e, &r.value);
    } else {
        write_map(e, layout, c, end);
    }
}

/// Checks every record before anything is written; returns the layout to write with.
fn check<'r, 'a, M: Model + ?Sized>(
    records: &'r [Record<'a>],
    request: Option<&Path>,
    model: &M,
) -> Result<Layout<'r, 'a>, Error> {
    // Strictly increasing paths: a duplicate or a resource given both ways would stand right after its twin.
    let sorted = records
        .windows(2)
        .all(|w| matches!(w, [a, b] if a.path < b.path && !a.path.contains(&b.path)));
    for (i, r) in records.iter().enumerate() {
        if r.path.len() < 3 || r.path.has_reserved_id() {
            return Err(Error::new(ErrorKind::InvalidPath, i));
        }
        if request.is_some_and(|q| !q.contains(&r.path)) {
            return Err(Error::new(ErrorKind::PathMismatch, i));
        }
        // A record without a value (type none) is written as null for any resource: what the reader gives back.
        if r.value != Value::None {
            check_value(r, model, i)?;
        }
        let earlier = records.get(..i).unwrap_or(&[]);
        if !sorted
            && earlier
                .iter()
                .any(|p| p.path.contains(&r.path) || r.path.contains(&p.path))
        {
            return Err(Error::new(ErrorKind::DuplicateId, i));
        }
    }
    Ok(Layout { records, sorted })
}

/// The exact number of bytes [`encode`] writes for these records.
///
/// # Errors
/// As [`encode`], except `BUFFER_TOO_SMALL`.
pub fn encoded_len<M: Model + ?Sized>(
    records: &[Record<'_>],
    request: Option<&Path>,
    model: &M,
) -> Result<usize, Error> {
    records::encoded_len(|out| write(records, request, model, out))
}

/// Encodes `records` as canonical LwM2M-CBOR into `out`; returns the written prefix.
///
/// Records must be at resource (`/O/I/R`) or resource-instance (`/O/I/R/RI`) level, lie under `request` when it is
/// given, and carry the model's type for their resource (see the [module docs](super) for the canonical form). No
/// records give the empty map `a0`.
///
/// # Errors
/// With the index of the record at fault: `INVALID_PATH` (above resource level), `PATH_MISMATCH` (outside the request
/// path), `TYPE_MISMATCH`, `EXECUTABLE_VALUE` (a value other than none for an executable resource), `DUPLICATE_ID`
/// (the same path twice, or a resource given both as one value and as instances). `BUFFER_TOO_SMALL` with the
/// offset set to the number of bytes needed; `out` holds a partial frame then.
pub fn encode<'b, M: Model + ?Sized>(
    records: &[Record<'_>],
    request: Option<&Path>,
    model: &M,
    out: &'b mut [u8],
) -> Result<&'b [u8], Error> {
    records::encode(out, |out| write(records, request, model, out))
}

/// Encodes `records` as [`encode`] does into a new vector of the exact size.
///
/// # Errors
/// As [`encode`], except `BUFFER_TOO_SMALL`.
#[cfg(feature = "alloc")]
pub fn encode_to_vec<M: Model + ?Sized>(
    records: &[Record<'_>],
    request: Option<&Path>,
    model: &M,
) -> Result<alloc::vec::Vec<u8>, Error> {
    records::encode_to_vec(|out| write(records, request, model, out))
}

/// The writer behind [`encode`] and [`encoded_len`]: checks the records, writes into `out` and returns the frame
/// length (counting past the end of `out`).
fn write<M: Model + ?Sized>(
    records: &[Record<'_>],
    request: Option<&Path>,
    model: &M,
    out: &mut [u8],
) -> Result<usize, Error> {
    let layout = check(records, request, model)?;
    let mut sink = Out::new(out);
    write_map(&mut sink, layout, 0, 0);
    Ok(sink.len())
}
