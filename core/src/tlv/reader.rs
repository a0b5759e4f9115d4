//! TLV reader.
//!
//! The checking pass of the walker ([`Reader`], `crate::records`) is one walk over the frame: three
//! nested loops (top level, object instance, multiple resource), each splitting its elements off the front of its
//! parent's bytes, and handing every record to a sink as soon as it is typed. There is no state machine and no
//! `Result<Option<Record>>` passed between layers; `decode_into` writes each record straight into its slot.
//!
//! The re-read (what the iterator [`decode`] returns runs) reads the frame again once it has been validated: the same splitting, without
//! the structural, path and duplicate checks, which cannot fail a second time. Values are typed again (strings need
//! UTF-8 validation to become `&str` without `unsafe`).
//!
//! Invariants: offsets in errors are absolute (from the start of the input). A level's loop knows the absolute end of
//! its body, so the offset of the element it is at is `end - rest.len()`, computed only when an error is built.
//! Duplicate ids cost one comparison while ids ascend or descend; an id between the least and the largest so far
//! is checked when its level ends (with `alloc`) or at once ([`super::seen`]). Splitting elements and typing values: [`super::element`].

use super::element::{read_value, split, Element};
use super::seen::{Pending, UNSEEN};
use super::{Defs, Kind};
use crate::error::{Error, ErrorKind};
use crate::path::{Path, PathLevel, RESERVED_ID};
use crate::records::{self, Records};
use crate::registry::{Model, ObjectDef, ResourceDef};
use crate::value::{Record, Value};

/// `INVALID_PATH` at `start` for an element whose id is the reserved 65535.
#[cfg_attr(feature = "tlv-fast", inline(always))]
#[cfg_attr(not(feature = "tlv-fast"), inline)]
fn usable(id: u16, start: usize) -> Result<(), Error> {
    if id == RESERVED_ID {
        return Err(Error::new(ErrorKind::InvalidPath, start));
    }
    Ok(())
}

/// One validating walk over a frame, handing each record to `sink`.
struct Walk<'a, S> {
    object: u16,
    defs: Defs<'a>,
    /// At a resource request path (`/O/I/R`): its resource id, the only one an object instance may hold.
    only: Option<u16>,
    /// Records handed to the sink so far.
    emitted: usize,
    /// Children whose ids may repeat a sibling's, checked when their level ends ([`super::seen`]).
    pending: Pending,
    sink: S,
}

impl<'a, S: FnMut(Record<'a>)> Walk<'a, S> {
    /// Types `value` (which starts at absolute offset `value_start`) and hands the record to the sink.
    #[cfg_attr(feature = "tlv-fast", inline(always))]
    #[cfg_attr(not(feature = "tlv-fast"), inline)]
    fn emit(
        &mut self,
        path: Path,
        def: Option<&'a ResourceDef>,
        value: &'a [u8],
        value_start: usize,
    ) -> Result<(), Error> {
        let value =
            read_value(def, value).map_err(|(kind, at)| Error::new(kind, value_start + at))?;
        (self.sink)(Record {
            path,
            value,
            resource: def,
            time: None,
        });
        self.emitted += 1;
        Ok(())
    }

    /// The resource instances of multiple resource `rid` of instance `iid`; `end` is the absolute end of `body`.
    #[cfg_attr(any(feature = "tlv-fast", not(feature = "alloc")), inline(always))]
    #[cfg_attr(not(any(feature = "tlv-fast", not(feature = "alloc"))), inline)]
    fn multiple(
        &mut self,
        body: &'a [u8],
        end: usize,
        iid: u16,
        rid: u16,
        def: Option<&'a ResourceDef>,
    ) -> Result<(), Error> {
        let mark = self.pending.mark();
        let result = self.multiple_children(body, end, iid, rid, def);
        self.pending.settle(mark, body, end - body.len(), result)
    }

    /// [`Walk::multiple`] but for the duplicates left pending.
    #[cfg_attr(feature = "tlv-fast", inline(always))]
    #[cfg_attr(not(feature = "tlv-fast"), inline)]
    fn multiple_children(
        &mut self,
        body: &'a [u8],
        end: usize,
        iid: u16,
        rid: u16,
        def: Option<&'a ResourceDef>,
    ) -> Result<(), Error> {
        let mut seen = UNSEEN;
        let mut rest = body;
        while !rest.is_empty() {
            let start = end - rest.len();
            let e = split(rest).ok_or(Error::new(ErrorKind::LengthExceedsParent, start))?;
            let after = e.rest;
            if e.kind != Kind::ResourceInstance {
                return Err(Error::new(ErrorKind::InvalidNesting, start));
            }
            usable(e.id, start)?;
            self.pending.insert(&mut seen, e.id, body, rest, start)?;
            let path = Path::resource_instance_path(self.object, iid, rid, e.id);
            self.emit(path, def, e.value, end - after.len() - e.value.len())?;
            rest = after;
        }
        Ok(())
    }

    /// A resource or multiple resource `e` of instance `iid`, its value ending at `value_end`.
    #[cfg_attr(feature = "tlv-fast", inline(always))]
    #[cfg_attr(not(feature = "tlv-fast"), inline)]
    fn resource(
        &mut self,
        e: Element<'a>,
        iid: u16,
        value_end: usize,
        start: usize,
    ) -> Result<(), Error> {
        let def = self.defs.get(e.id);
        let value_start = value_end - e.value.len();
        match e.kind {
            Kind::Resource => {
                let path = Path::resource_path(self.object, iid, e.id);
                self.emit(path, def, e.value, value_start)
            }
            Kind::MultipleResource => self.multiple(e.value, value_end, iid, e.id, def),
            _ => Err(Error::new(ErrorKind::InvalidNesting, start)),
        }
    }

    /// The resources of object instance `iid`; `end` is the absolute end of `body`. `overrun` is the error for an
    /// element that runs past `body`: `LENGTH_EXCEEDS_PARENT` inside a wrapper, `UNEXPECTED_END` for bare resources
    /// at the top level.
    #[cfg_attr(any(feature = "tlv-fast", not(feature = "alloc")), inline(always))]
    #[cfg_attr(not(any(feature = "tlv-fast", not(feature = "alloc"))), inline)]
    fn instance(
        &mut self,
        body: &'a [u8],
        end: usize,
        iid: u16,
        overrun: ErrorKind,
    ) -> Result<(), Error> {
        let mark = self.pending.mark();
        let result = self.instance_children(body, end, iid, overrun);
        self.pending.settle(mark, body, end - body.len(), result)
    }

    /// [`Walk::instance`] but for the duplicates left pending.
    #[cfg_attr(feature = "tlv-fast", inline(always))]
    #[cfg_attr(not(feature = "tlv-fast"), inline)]
    fn instance_children(
        &mut self,
        body: &'a [u8],
        end: usize,
        iid: u16,
        overrun: ErrorKind,
    ) -> Result<(), Error> {
        let mut seen = UNSEEN;
        let mut rest = body;
        while !rest.is_empty() {
            let start = end - rest.len();
            let e = split(rest).ok_or(Error::new(overrun, start))?;
            let after = e.rest;
            if matches!(e.kind, Kind::Resource | Kind::MultipleResource) {
                usable(e.id, start)?;
                if self.only.is_some_and(|rid| rid != e.id) {
                    return Err(Error::new(ErrorKind::PathMismatch, start));
                }
                self.pending.insert(&mut seen, e.id, body, rest, start)?;
            }
            self.resource(e, iid, end - after.len(), start)?;
            rest = after;
        }
        Ok(())
    }

    /// The whole frame, read at `request`.
    #[cfg_attr(feature = "tlv-fast", inline(always))]
    #[cfg_attr(not(feature = "tlv-fast"), inline)]
    fn frame(&mut self, input: &'a [u8], request: &Path) -> Result<(), Error> {
        let level = request.level();
        if level == PathLevel::Root {
            return Err(Error::new(ErrorKind::InvalidPath, 1));
        }
        let mark = self.pending.mark();
        let result = self.elements(input, request);
        self.pending.settle(mark, input, 0, result)?;
        // One value is asked for at `/O/I/R/RI`, and at `/O/I/R` unless the model says the resource is multiple (a
        // Multiple Resource may have no instances): a frame that gives none is cut short. (Worked out after the
        // walk, so that nothing of it is held on the stack across it.)
        let one_value = match level {
            PathLevel::ResourceInstance => true,
            PathLevel::Resource => !request
                .resource()
                .and_then(|rid| self.defs.get(rid))
                .is_some_and(|d| d.multiple()),
            _ => false,
        };
        if one_value && self.emitted == 0 {
            return Err(Error::new(ErrorKind::UnexpectedEnd, input.len()));
        }
        Ok(())
    }

    /// The top-level elements of the frame, read at `request` (not the root).
    #[cfg_attr(feature = "tlv-fast", inline(always))]
    #[cfg_attr(not(feature = "tlv-fast"), inline)]
    fn elements(&mut self, input: &'a [u8], request: &Path) -> Result<(), Error> {
        let end = input.len();
        let level = request.level();
        let iid = request.instance().unwrap_or(0);
        if level == PathLevel::Instance
            && split(input)
                .is_some_and(|e| matches!(e.kind, Kind::Resource | Kind::MultipleResource))
        {
            // Bare resources at `/O/I`: every later top-level element must be a resource too (an object instance
            // after them is misplaced, like a resource instance), which is exactly an instance body's rule.
            return self.instance(input, end, iid, ErrorKind::UnexpectedEnd);
        }
        let mut seen = UNSEEN;
        let mut wrapped = false;
        // At `/O/I/R`: the kind of the first element; every later one must be of the same kind (the resource, its
        // bare instances, or its object instance).
        let mut first: Option<Kind> = None;
        let mut rest = input;
        while !rest.is_empty() {
            let start = end - rest.len();
            let e = split(rest).ok_or(Error::new(ErrorKind::UnexpectedEnd, start))?;
            let after = e.rest;
            let nesting = Error::new(ErrorKind::InvalidNesting, start);
            let mismatch = Error::new(ErrorKind::PathMismatch, start);
            usable(e.id, start)?;
            match (level, e.kind) {
                (PathLevel::Object, Kind::ObjectInstance) => {}
                (PathLevel::Instance, Kind::ObjectInstance) => {
                    if start > 0 && !wrapped {
                        return Err(nesting);
                    }
                    if Some(e.id) != request.instance() {
                        return Err(mismatch);
                    }
                }
                (PathLevel::Instance, Kind::Resource | Kind::MultipleResource) => {
                    if wrapped {
                        return Err(nesting);
                    }
                }
                (PathLevel::Resource, kind) => {
                    let same = |k: Kind| {
                        k == kind
                            || matches!(
                                (k, kind),
                                (
                                    Kind::Resource | Kind::MultipleResource,
                                    Kind::Resource | Kind::MultipleResource
                                )
                            )
                    };
                    if first.is_some_and(|k| !same(k)) {
                        return Err(nesting);
                    }
                    first = Some(kind);
                    let want = match kind {
                        Kind::ObjectInstance => request.instance(),
                        Kind::ResourceInstance => Some(e.id),
                        _ => request.resource(),
                    };
                    if Some(e.id) != want {
                        return Err(mismatch);
                    }
                }
                (PathLevel::ResourceInstance, Kind::ResourceInstance) => {
                    if Some(e.id) != request.resource_instance() {
                        return Err(mismatch);
                    }
                }
                _ => return Err(nesting),
            }
            self.pending.insert(&mut seen, e.id, input, rest, start)?;
            let value_end = end - after.len();
            match e.kind {
                Kind::ObjectInstance => {
                    wrapped = true;
                    self.instance(e.value, value_end, e.id, ErrorKind::LengthExceedsParent)?;
                }
                Kind::ResourceInstance => {
                    let def = self.defs.get(request.resource().unwrap_or(0));
                    let path = instance_record_path(request, e.id);
                    self.emit(path, def, e.value, value_end - e.value.len())?;
                }
                _ => self.resource(e, iid, value_end, start)?,
            }
            rest = after;
        }
        Ok(())
    }
}

/// The path of a resource instance `ri` at the top level of a frame read at `request`: the request itself at
/// `/O/I/R/RI`, its instance `ri` at `/O/I/R`.
#[cfg_attr(feature = "tlv-fast", inline(always))]
#[cfg_attr(not(feature = "tlv-fast"), inline)]
fn instance_record_path(request: &Path, ri: u16) -> Path {
    match request.level() {
        PathLevel::Resource => request.child(ri).unwrap_or(*request),
        _ => *request,
    }
}

/// The records of a validated TLV frame, borrowed from it: [`Records`] over the TLV walker. Iterating cannot fail.
pub type TlvRecords<'a> = Records<'a, Reader<'a>>;

/// Validates `input` read at `request`, handing every record to `sink` in wire order; returns the record count.
#[cfg_attr(feature = "tlv-fast", inline(always))]
#[cfg_attr(not(feature = "tlv-fast"), inline)]
fn walk<'a>(
    input: &'a [u8],
    request: &Path,
    object: Option<&'a ObjectDef>,
    sink: impl FnMut(Record<'a>),
) -> Result<usize, Error> {
    let mut w = Walk {
        object: request.object(),
        defs: Defs::new(object),
        only: request
            .resource()
            .filter(|_| request.level() == PathLevel::Resource),
        emitted: 0,
        pending: Pending::new(),
        sink,
    };
    w.frame(input, request)?;
    Ok(w.emitted)
}

/// The TLV walker ([`records::Walk`]): the checking pass is [`walk`]; the re-read splits the elements again, without the
/// structural, path and duplicate checks, which cannot fail a second time.
#[derive(Clone)]
pub struct Reader<'a> {
    /// Top-level elements not yet read.
    top: &'a [u8],
    /// Resources of the current object instance not yet read.
    instance: &'a [u8],
    /// Resource instances of the current multiple resource not yet read.
    multiple: &'a [u8],
    request: Path,
    /// Instance id of the resources being read.
    iid: u16,
    /// Id and definition of the current multiple resource.
    rid: u16,
    mdef: Option<&'a ResourceDef>,
    defs: Defs<'a>,
}

impl<'a> Reader<'a> {
    /// A walker over `input` read at `request`.
    pub(super) fn new<M: Model + ?Sized>(input: &'a [u8], request: &Path, model: &'a M) -> Self {
        Reader {
            top: input,
            instance: &[],
            multiple: &[],
            request: *request,
            iid: 0,
            rid: 0,
            mdef: None,
            defs: Defs::new(model.object(request.object())),
        }
    }

    /// A resource `e` of the current instance: its record, or `None` after opening a multiple resource.
    #[cfg_attr(feature = "tlv-fast", inline(always))]
    #[cfg_attr(not(feature = "tlv-fast"), inline)]
    fn resource(&mut self, e: Element<'a>) -> Option<Record<'a>> {
        let def = self.defs.get(e.id);
        if e.kind == Kind::MultipleResource {
            self.multiple = e.value;
            self.rid = e.id;
            self.mdef = def;
            return None;
        }
        let path = Path::resource_path(self.request.object(), self.iid, e.id);
        Some(record(path, def, e.value))
    }
}

/// A record of a validated frame (its value cannot fail to type; `Value::None` if it did).
#[cfg_attr(feature = "tlv-fast", inline(always))]
#[cfg_attr(not(feature = "tlv-fast"), inline)]
fn record<'a>(path: Path, def: Option<&'a ResourceDef>, value: &'a [u8]) -> Record<'a> {
    Record {
        path,
        value: read_value(def, value).unwrap_or(Value::None),
        resource: def,
        time: None,
    }
}

impl<'a> records::Walk<'a> for Reader<'a> {
    #[cfg_attr(feature = "tlv-fast", inline(always))]
    #[cfg_attr(not(feature = "tlv-fast"), inline)]
    fn check<S: FnMut(Record<'a>)>(self, sink: S) -> Result<(), Error> {
        walk(self.top, &self.request, self.defs.object, sink).map(drop)
    }

    #[cfg_attr(feature = "tlv-fast", inline(always))]
    #[cfg_attr(not(feature = "tlv-fast"), inline)]
    fn reread(&mut self) -> Option<Record<'a>> {
        Some(loop {
            if let Some(e) = split(self.multiple) {
                let after = e.rest;
                self.multiple = after;
                let r = &self.request;
                let path = Path::resource_instance_path(r.object(), self.iid, self.rid, e.id);
                break record(path, self.mdef, e.value);
            }
            if let Some(e) = split(self.instance) {
                let after = e.rest;
                self.instance = after;
                match self.resource(e) {
                    Some(r) => break r,
                    None => continue,
                }
            }
            let e = split(self.top)?;
            let after = e.rest;
            self.top = after;
            match e.kind {
                Kind::ObjectInstance => {
                    self.instance = e.value;
                    self.iid = e.id;
                }
                Kind::ResourceInstance => {
                    let def = self.defs.get(self.request.resource().unwrap_or(0));
                    break record(instance_record_path(&self.request, e.id), def, e.value);
                }
                _ => {
                    self.iid = self.request.instance().unwrap_or(0);
                    if let Some(r) = self.resource(e) {
                        break r;
                    }
                }
            }
        })
    }
}

/// Validates a TLV frame for `request` (the path it was read from or written to) and returns its records.
///
/// Accepted top levels: object-instance TLVs at `/O`; bare resources or one matching object-instance TLV at `/O/I`;
/// at `/O/I/R` the one resource or multiple resource, or its bare resource-instance TLVs (the instances of that
/// resource), or its object-instance TLV holding only that resource; the one resource instance at `/O/I/R/RI`.
/// Value widths: Integer, Unsigned and Time 1, 2, 4 or 8 bytes (non-canonical widths among those too), Float 4 or
/// 8, Boolean one byte `00`/`01`, Objlnk 4 (`INVALID_VALUE_LENGTH` / `INVALID_BOOLEAN` at the value otherwise);
/// strings must be UTF-8. An empty frame is no records, except where one value is asked for (`/O/I/R/RI`, or
/// `/O/I/R` unless the model says the resource is multiple): `UNEXPECTED_END` at 0. An element with id 65535
/// (reserved) is `INVALID_PATH` at it; the root request path `/` is `INVALID_PATH` at 1 (TLV names no object).
///
/// # Errors
/// The first problem in wire order, with the offset of the element (or value byte) at fault.
pub fn decode<'a, M: Model + ?Sized>(
    input: &'a [u8],
    request: &Path,
    model: &'a M,
) -> Result<TlvRecords<'a>, Error> {
    records::decode(Reader::new(input, request, model))
}

/// Validates a TLV frame as [`decode`] does, then hands each record to `f` in wire order; returns the record count.
/// Nothing is handed out unless the whole frame is valid.
///
/// # Errors
/// As [`decode`].
pub fn decode_each<'a, M: Model + ?Sized>(
    input: &'a [u8],
    request: &Path,
    model: &'a M,
    f: impl FnMut(Record<'a>),
) -> Result<usize, Error> {
    records::decode_each(Reader::new(input, request, model), f)
}

/// Validates the whole frame and only then hands each record to `f`, with no iterator: the same walk runs twice
/// (first counting, then handing out), compiled once for a `dyn` sink. What [`crate::format::decode_each`] uses
/// in size-first builds (without `tlv-fast`); with it, the iterator of [`decode`] is faster.
#[cfg(not(feature = "tlv-fast"))]
pub(crate) fn decode_checked_each<'a, M: Model + ?Sized>(
    input: &'a [u8],
    request: &Path,
    model: &'a M,
    f: &mut dyn FnMut(Record<'a>),
) -> Result<usize, Error> {
    let object = model.object(request.object());
    let n = walk_dyn(input, request, object, &mut |_| {})?;
    walk_dyn(input, request, object, f)?;
    Ok(n)
}

/// [`walk`] through a `dyn` sink (one copy of the walk's code for every caller); returns the record count.
#[cfg(not(feature = "tlv-fast"))]
#[inline(never)]
fn walk_dyn<'a>(
    input: &'a [u8],
    request: &Path,
    object: Option<&'a ObjectDef>,
    sink: &mut dyn FnMut(Record<'a>),
) -> Result<usize, Error> {
    walk(input, request, object, sink)
}

/// Decodes in a single pass into `out`; returns the number of records written.
///
/// # Errors
/// As [`decode`]; `BUFFER_TOO_SMALL` (offset = the number of records the frame holds) if `out` is too short.
pub fn decode_into<'a, M: Model + ?Sized>(
    input: &'a [u8],
    request: &Path,
    model: &'a M,
    out: &mut [Record<'a>],
) -> Result<usize, Error> {
    records::decode_into(Reader::new(input, request, model), out)
}

/// Decodes in a single pass into a new vector.
///
/// # Errors
/// As [`decode`].
#[cfg(feature = "alloc")]
pub fn decode_to_vec<'a, M: Model + ?Sized>(
    input: &'a [u8],
    request: &Path,
    model: &'a M,
) -> Result<alloc::vec::Vec<Record<'a>>, Error> {
    records::decode_to_vec(Reader::new(input, request, model))
}
