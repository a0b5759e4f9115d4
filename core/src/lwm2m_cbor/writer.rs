//! LwM2M-CBOR writer: the canonical path tree, read straight off the record list.
//!
//! A tree node is a path prefix, named by the first record that has it and by its length. Its children are the
//! distinct ids that follow the prefix, in order of first appearance; they are found by scanning the records, so
//! nothing is allocated (the cost is quadratic in the record count, which a LoRaWAN frame keeps small). Nodes nest at
//! most four deep, so the recursion is bounded.

use minicbor::Encoder;

use crate::cbor::{write_leaf, Enc, Out};
use crate::error::{Error, ErrorKind};
use crate::path::Path;
use crate::registry::Model;
use crate::value::{DataType, Record, Value};

/// The first `depth` ids of record `i`'s path, if it has that many.
fn prefix<'r>(records: &'r [Record<'_>], i: usize, depth: usize) -> Option<&'r [u16]> {
    records.get(i).and_then(|r| r.path.ids().get(..depth))
}

/// The records (by index) that first show each child of the node `(first, depth)`, in order.
fn children<'r>(
    records: &'r [Record<'_>],
    first: usize,
    depth: usize,
) -> impl Iterator<Item = usize> + 'r {
    let node = prefix(records, first, depth);
    (first..records.len()).filter(move |&i| {
        let child = prefix(records, i, depth + 1);
        child.is_some()
            && prefix(records, i, depth) == node
            && !(first..i).any(|j| prefix(records, j, depth + 1) == child)
    })
}

/// Writes the map of the node `(first, depth)`: one entry per child.
fn write_map(e: &mut Enc<'_, '_>, records: &[Record<'_>], first: usize, depth: usize) {
    let _ = e.map(children(records, first, depth).count() as u64);
    for child in children(records, first, depth) {
        write_entry(e, records, child, depth);
    }
}

/// Writes the entry of the child of a depth-`depth` node that record `c` shows first: its key, merged with every
/// single-child node below it, then the leaf value or the map of the node where the chain stops.
fn write_entry(e: &mut Enc<'_, '_>, records: &[Record<'_>], c: usize, depth: usize) {
    let Some(r) = records.get(c) else {
        return;
    };
    let ids = r.path.ids();
    let mut end = depth + 1;
    while end < ids.len() && children(records, c, end).nth(1).is_none() {
        end += 1;
    }
    match ids.get(depth..end).unwrap_or(&[]) {
        [id] => {
            let _ = e.u16(*id);
        }
        key => {
            let _ = e.array(key.len() as u64);
            for id in key {
                let _ = e.u16(*id);
            }
        }
    }
    if end == ids.len() {
        write_leaf(e, &r.value);
    } else {
        write_map(e, records, c, end);
    }
}

/// Checks a value against the model's type for its resource (`at` is the record index for errors).
///
/// A resource the model knows takes values of its type only; an executable one (type none) only [`Value::None`]
/// (written as `null`), else `EXECUTABLE_VALUE`; a resource the model does not know takes any value.
pub(crate) fn check_value<M: Model + ?Sized>(
    r: &Record<'_>,
    model: &M,
    at: usize,
) -> Result<(), Error> {
    let def = r
        .path
        .resource()
        .and_then(|rid| model.resource(r.path.object(), rid));
    match def.map(|d| d.data_type) {
        Some(DataType::None) if r.value != Value::None => {
            Err(Error::new(ErrorKind::ExecutableValue, at))
        }
        Some(t) if t != r.value.data_type() => Err(Error::new(ErrorKind::TypeMismatch, at)),
        _ => Ok(()),
    }
}

/// Checks every record before anything is written.
fn check<M: Model + ?Sized>(
    records: &[Record<'_>],
    request: Option<&Path>,
    model: &M,
) -> Result<(), Error> {
    for (i, r) in records.iter().enumerate() {
        if r.path.len() < 3 {
            return Err(Error::new(ErrorKind::InvalidPath, i));
        }
        if request.is_some_and(|q| !q.contains(&r.path)) {
            return Err(Error::new(ErrorKind::PathMismatch, i));
        }
        check_value(r, model, i)?;
        let earlier = records.get(..i).unwrap_or(&[]);
        if earlier
            .iter()
            .any(|p| p.path.contains(&r.path) || r.path.contains(&p.path))
        {
            return Err(Error::new(ErrorKind::DuplicateId, i));
        }
    }
    Ok(())
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
    check(records, request, model)?;
    let mut out = Out::new(&mut []);
    write_map(&mut Encoder::new(&mut out), records, 0, 0);
    Ok(out.len())
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
    check(records, request, model)?;
    let mut sink = Out::new(out);
    write_map(&mut Encoder::new(&mut sink), records, 0, 0);
    sink.finish()
}
