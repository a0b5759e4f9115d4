//! TLV writer: canonical form into a caller buffer, with an exact size computed first by the same code.
//!
//! [`encode`] first tries the one-pass writer for records in path order (`sorted_writer`); when that gives up (other
//! orders, or any error), the general writer here checks every record, then groups instances and resources in order
//! of first appearance, and reports the exact error. Both write the same bytes for the same records.

#[cfg(feature = "tlv-fast")]
use super::sorted_writer::encode_sorted;
use super::value_bytes::value_bytes;
use super::{header_len, write_header, Kind};
use crate::error::{Error, ErrorKind};
use crate::path::{Path, PathLevel};
use crate::records;
use crate::registry::{Model, ObjectDef};
use crate::value::{DataType, Record, Value};

/// Where bytes go: a counter, or a slice (sized beforehand by the counter).
trait Sink {
    fn put(&mut self, bytes: &[u8]);
    /// Bytes put so far.
    fn len(&self) -> usize;
}

/// The counter: a sink of its own with `tlv-fast`; without it (size-first builds) a [`Slice`] over no bytes, so
/// every generic function of this writer is compiled once, not once per sink.
#[cfg(feature = "tlv-fast")]
struct Count(usize);

#[cfg(feature = "tlv-fast")]
impl Sink for Count {
    fn put(&mut self, bytes: &[u8]) {
        self.0 += bytes.len();
    }

    fn len(&self) -> usize {
        self.0
    }
}

#[cfg(feature = "tlv-fast")]
fn counter() -> Count {
    Count(0)
}

#[cfg(not(feature = "tlv-fast"))]
fn counter() -> Slice<'static> {
    Slice {
        buf: &mut [],
        pos: 0,
    }
}

struct Slice<'b> {
    buf: &'b mut [u8],
    pos: usize,
}

impl Sink for Slice<'_> {
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        if let Some(dst) = self.buf.get_mut(self.pos..self.pos + bytes.len()) {
            if bytes.len() <= 8 {
                for (d, b) in dst.iter_mut().zip(bytes) {
                    *d = *b;
                }
            } else {
                dst.copy_from_slice(bytes);
            }
        }
        self.pos += bytes.len();
    }

    fn len(&self) -> usize {
        self.pos
    }
}

fn header<S: Sink>(s: &mut S, kind: Kind, id: u16, len: usize, at: usize) -> Result<(), Error> {
    let mut h = [0u8; 6];
    let n =
        write_header(kind, id, len, &mut h).ok_or(Error::new(ErrorKind::InvalidValueLength, at))?;
    s.put(h.get(..n).unwrap_or(&[]));
    Ok(())
}

fn element<S: Sink>(
    s: &mut S,
    kind: Kind,
    id: u16,
    r: &Record<'_>,
    at: usize,
) -> Result<(), Error> {
    let bytes = value_bytes(&r.value).ok_or(Error::new(ErrorKind::TypeMismatch, at))?;
    let v = bytes.as_slice();
    header(s, kind, id, v.len(), at)?;
    s.put(v);
    Ok(())
}

fn element_len(r: &Record<'_>, id: u16) -> usize {
    let n = value_bytes(&r.value).map_or(0, |b| b.as_slice().len());
    header_len(id, n) + n
}

/// Id of `r` at `level` of its path (0 object … 3 resource instance).
fn id_at(r: &Record<'_>, level: usize) -> u16 {
    r.path.id(level)
}

/// True if the record before `i` shares the first `depth` ids with record `i` — or any earlier one does. (`depth`
/// is 2 or 3, and [`check`] has made every path at least 3 ids long.)
fn seen_before(records: &[Record<'_>], i: usize, depth: usize) -> bool {
    let Some(r) = records.get(i) else {
        return false;
    };
    records
        .get(..i)
        .unwrap_or(&[])
        .iter()
        .rev()
        .any(|p| p.path.same_prefix(&r.path, depth))
}

/// Writes the resource (or multiple resource) of record `first` with every later record of the same resource.
fn resource<S: Sink>(s: &mut S, records: &[Record<'_>], first: usize) -> Result<(), Error> {
    let Some(head) = records.get(first) else {
        return Ok(());
    };
    let rid = id_at(head, 2);
    let later = records.get(first..).unwrap_or(&[]);
    let member = |r: &Record<'_>| r.path.same_prefix(&head.path, 3);
    if head.path.len() == 3 {
        // Any later record of the resource repeats it (as one value or as an instance).
        let mut i = first;
        for r in later.iter().skip(1) {
            i += 1;
            if member(r) {
                return Err(Error::new(ErrorKind::DuplicateId, i));
            }
        }
        return element(s, Kind::Resource, rid, head, first);
    }
    let mut body = 0usize;
    for (k, r) in later.iter().enumerate() {
        if !member(r) {
            continue;
        }
        // An instance given as one value, or an instance path given twice.
        let earlier = later.get(..k).unwrap_or(&[]);
        if r.path.len() != 4 || earlier.iter().any(|p| p.path == r.path) {
            return Err(Error::new(ErrorKind::DuplicateId, first + k));
        }
        body += element_len(r, id_at(r, 3));
    }
    header(s, Kind::MultipleResource, rid, body, first)?;
    for (k, r) in later.iter().enumerate() {
        if member(r) {
            element(s, Kind::ResourceInstance, id_at(r, 3), r, first + k)?;
        }
    }
    Ok(())
}

/// Writes every resource of instance `iid` (records from `first` on), in order of first appearance.
fn instance_body<S: Sink>(
    s: &mut S,
    records: &[Record<'_>],
    first: usize,
    iid: u16,
) -> Result<(), Error> {
    for (i, r) in records.iter().enumerate().skip(first) {
        if id_at(r, 1) == iid && !seen_before(records, i, 3) {
            resource(s, records, i)?;
        }
    }
    Ok(())
}

/// True when every record's path is greater than the one before (sorted, no duplicates). Then every instance and
/// every resource is one contiguous run, and the first-appearance order is the sorted order.
#[cfg(feature = "tlv-fast")]
fn strictly_sorted(records: &[Record<'_>]) -> bool {
    records
        .windows(2)
        .all(|w| matches!(w, [a, b] if a.path < b.path))
}

/// End of the run of records from `start` that share the first `depth` ids with `records[start]`.
#[cfg(feature = "tlv-fast")]
fn run_end(records: &[Record<'_>], start: usize, depth: usize) -> usize {
    let Some(head) = records.get(start) else {
        return start;
    };
    let after = records.get(start + 1..).unwrap_or(&[]);
    start
        + 1
        + after
            .iter()
            .take_while(|r| r.path.same_prefix(&head.path, depth))
            .count()
}

/// Linear writer of one instance's resources for sorted records (`base` = index of `run[0]` in the input): the same
/// bytes and errors as [`instance_body`] on sorted records, in linear time. Only with `tlv-fast` (size-first builds
/// take the general path for every order).
#[cfg(feature = "tlv-fast")]
fn sorted_body<S: Sink>(s: &mut S, run: &[Record<'_>], base: usize) -> Result<(), Error> {
    let mut i = 0;
    while let Some(r) = run.get(i) {
        let rid = id_at(r, 2);
        if r.path.len() == 3 {
            if let Some(next) = run.get(i + 1) {
                if next.path.len() == 4 && id_at(next, 2) == rid {
                    return Err(Error::new(ErrorKind::DuplicateId, base + i + 1));
                }
            }
            element(s, Kind::Resource, rid, r, base + i)?;
            i += 1;
            continue;
        }
        let end = run_end(run, i, 3);
        let members = run.get(i..end).unwrap_or(&[]);
        let body: usize = members.iter().map(|m| element_len(m, id_at(m, 3))).sum();
        header(s, Kind::MultipleResource, rid, body, base + i)?;
        for (k, m) in members.iter().enumerate() {
            element(s, Kind::ResourceInstance, id_at(m, 3), m, base + i + k)?;
        }
        i = end;
    }
    Ok(())
}

fn emit<S: Sink>(s: &mut S, records: &[Record<'_>], request: &Path) -> Result<(), Error> {
    if request.level() == PathLevel::ResourceInstance {
        if records.len() > 1 {
            return Err(Error::new(ErrorKind::DuplicateId, 1));
        }
        return match records.first() {
            Some(r) => element(s, Kind::ResourceInstance, id_at(r, 3), r, 0),
            None => Ok(()),
        };
    }
    #[cfg(feature = "tlv-fast")]
    if strictly_sorted(records) {
        if request.level() != PathLevel::Object {
            return sorted_body(s, records, 0);
        }
        let mut i = 0;
        while let Some(r) = records.get(i) {
            let end = run_end(records, i, 2);
            let run = records.get(i..end).unwrap_or(&[]);
            let mut count = counter();
            sorted_body(&mut count, run, i)?;
            header(s, Kind::ObjectInstance, id_at(r, 1), count.len(), i)?;
            sorted_body(s, run, i)?;
            i = end;
        }
        return Ok(());
    }
    match request.level() {
        PathLevel::Object => {
            for (i, r) in records.iter().enumerate() {
                if seen_before(records, i, 2) {
                    continue;
                }
                let iid = id_at(r, 1);
                let mut count = counter();
                instance_body(&mut count, records, i, iid)?;
                header(s, Kind::ObjectInstance, iid, count.len(), i)?;
                instance_body(s, records, i, iid)?;
            }
            Ok(())
        }
        _ => instance_body(s, records, 0, request.instance().unwrap_or(0)),
    }
}

/// Checks every record against the request path and the model before anything is written.
fn check(records: &[Record<'_>], request: &Path, object: Option<&ObjectDef>) -> Result<(), Error> {
    root_refused(request)?;
    let mut hint = 0;
    for (i, r) in records.iter().enumerate() {
        if r.path.len() < 3 || r.path.has_reserved_id() {
            return Err(Error::new(ErrorKind::InvalidPath, i));
        }
        if !request.contains(&r.path) {
            return Err(Error::new(ErrorKind::PathMismatch, i));
        }
        let def = object.and_then(|o| o.resource_near(id_at(r, 2), &mut hint));
        match def.map(|d| d.data_type()) {
            Some(DataType::None) => return Err(Error::new(ErrorKind::ExecutableValue, i)),
            Some(t) if t != r.value.data_type() => {
                return Err(Error::new(ErrorKind::TypeMismatch, i))
            }
            _ if matches!(r.value, Value::None) => {
                return Err(Error::new(ErrorKind::TypeMismatch, i))
            }
            _ => {}
        }
    }
    Ok(())
}

/// `INVALID_PATH` at 1 (the index in the path text where the object id is missing) for the root request path: TLV
/// names no object, so its request path must.
pub(crate) fn root_refused(request: &Path) -> Result<(), Error> {
    if request.is_root() {
        return Err(Error::new(ErrorKind::InvalidPath, 1));
    }
    Ok(())
}

/// The exact number of bytes [`encode`] writes for these records.
///
/// # Errors
/// As [`encode`], except `BUFFER_TOO_SMALL`.
pub fn encoded_len<M: Model + ?Sized>(
    records: &[Record<'_>],
    request: &Path,
    model: &M,
) -> Result<usize, Error> {
    let object = model.object(request.object());
    records::encoded_len(|out| write(records, request, object, out))
}

/// Encodes `records` as the canonical TLV answer to `request` into `out`; returns the written prefix.
///
/// Records must lie under `request` at resource (`/O/I/R`) or resource-instance (`/O/I/R/RI`) level, and carry the
/// model's type for their resource (any type but none for resources the model does not know).
///
/// # Errors
/// `INVALID_PATH` at 1 for the root request path `/` (TLV does not name the object). With the index of the record at
/// fault: `PATH_MISMATCH` (outside the request path), `INVALID_PATH` (above resource level, or an id of 65535),
/// `TYPE_MISMATCH`, `EXECUTABLE_VALUE`, `DUPLICATE_ID` (the same path twice, or a resource given both as one
/// value and as instances), `INVALID_VALUE_LENGTH` (a value over 16 MiB). `BUFFER_TOO_SMALL` with the offset set to
/// the number of bytes needed. After any error, `out` may hold part of a frame (with the `tlv-fast`
/// feature, records in path order are written in one pass that checks each record as it goes).
pub fn encode<'b, M: Model + ?Sized>(
    records: &[Record<'_>],
    request: &Path,
    model: &M,
    out: &'b mut [u8],
) -> Result<&'b [u8], Error> {
    let object = model.object(request.object());
    records::encode(out, |out| write(records, request, object, out))
}

/// Encodes `records` as [`encode`] does into a new vector of the exact size.
///
/// # Errors
/// As [`encode`], except `BUFFER_TOO_SMALL`.
#[cfg(feature = "alloc")]
pub fn encode_to_vec<M: Model + ?Sized>(
    records: &[Record<'_>],
    request: &Path,
    model: &M,
) -> Result<alloc::vec::Vec<u8>, Error> {
    let object = model.object(request.object());
    records::encode_to_vec(|out| write(records, request, object, out))
}

/// The writer behind [`encode`] and [`encoded_len`]: writes into `out` and returns the frame length (counting past
/// the end of `out`). With `tlv-fast`, the one-pass writer for records in path order is tried first (not for the
/// length alone); the general writer handles any order and gives the exact error.
fn write(
    records: &[Record<'_>],
    request: &Path,
    object: Option<&ObjectDef>,
    out: &mut [u8],
) -> Result<usize, Error> {
    #[cfg(feature = "tlv-fast")]
    if !out.is_empty() {
        root_refused(request)?;
        if let Some(n) = encode_sorted(records, request, object, out) {
            return Ok(n);
        }
    }
    write_general(records, request, object, out)
}

/// The general writer: any record order, exact errors; the frame length (counting past the end of `out`).
fn write_general(
    records: &[Record<'_>],
    request: &Path,
    object: Option<&ObjectDef>,
    out: &mut [u8],
) -> Result<usize, Error> {
    check(records, request, object)?;
    if out.is_empty() {
        let mut count = counter();
        emit(&mut count, records, request)?;
        return Ok(count.len());
    }
    let mut slice = Slice { buf: out, pos: 0 };
    emit(&mut slice, records, request)?;
    Ok(slice.pos)
}

/// The general writer behind [`encode`], alone (the tests compare it with the one-pass writer).
#[cfg(all(test, feature = "tlv-fast"))]
pub(super) fn encode_general<'b>(
    records: &[Record<'_>],
    request: &Path,
    object: Option<&ObjectDef>,
    out: &'b mut [u8],
) -> Result<&'b [u8], Error> {
    records::encode(out, |out| write_general(records, request, object, out))
}
