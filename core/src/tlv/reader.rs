//! TLV reader: one state machine walks the frame; [`decode`] runs it once to validate and then lends it out as an
//! infallible iterator.

use super::Kind;
use crate::error::{Error, ErrorKind};
use crate::path::{Path, PathLevel};
use crate::registry::{Model, ObjectDef, ResourceDef};
use crate::value::{DataType, ObjLnk, Record, Value};

/// One parsed element header.
#[derive(Clone, Copy)]
struct Header {
    kind: Kind,
    id: u16,
    start: usize,
    value_start: usize,
    value_end: usize,
}

/// Reads the header at `pos`; the element must end by `end`. `nested` picks the error kind for an overrun.
#[inline]
fn read_header(buf: &[u8], pos: usize, end: usize, nested: bool) -> Result<Header, Error> {
    let overrun = Error::new(
        if nested {
            ErrorKind::LengthExceedsParent
        } else {
            ErrorKind::UnexpectedEnd
        },
        pos,
    );
    let bytes = buf.get(pos..end).ok_or(overrun)?;
    let (&t, rest) = bytes.split_first().ok_or(overrun)?;
    let kind = match t >> 6 {
        0 => Kind::ObjectInstance,
        1 => Kind::ResourceInstance,
        2 => Kind::MultipleResource,
        _ => Kind::Resource,
    };
    let (id, rest) = if t & 0x20 == 0 {
        let (&b, rest) = rest.split_first().ok_or(overrun)?;
        (u16::from(b), rest)
    } else {
        match rest {
            [h, l, rest @ ..] => (u16::from_be_bytes([*h, *l]), rest),
            _ => return Err(overrun),
        }
    };
    let len_size = usize::from((t >> 3) & 3);
    let (len, rest) = if len_size == 0 {
        (usize::from(t & 7), rest)
    } else {
        let field = rest.get(..len_size).ok_or(overrun)?;
        let len = field
            .iter()
            .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
        (len, rest.get(len_size..).unwrap_or(&[]))
    };
    if rest.len() < len {
        return Err(overrun);
    }
    let value_start = end - rest.len();
    Ok(Header {
        kind,
        id,
        start: pos,
        value_start,
        value_end: value_start + len,
    })
}

/// Big-endian two's complement, 1 to 8 bytes.
fn read_signed(v: &[u8], at: usize) -> Result<i64, Error> {
    match v.first() {
        Some(first) if v.len() <= 8 => {
            let init: i64 = if first & 0x80 != 0 { -1 } else { 0 };
            Ok(v.iter().fold(init, |acc, b| (acc << 8) | i64::from(*b)))
        }
        _ => Err(Error::new(ErrorKind::InvalidValueLength, at)),
    }
}

/// Big-endian unsigned, 1 to 8 bytes.
fn read_unsigned(v: &[u8], at: usize) -> Result<u64, Error> {
    if v.is_empty() || v.len() > 8 {
        return Err(Error::new(ErrorKind::InvalidValueLength, at));
    }
    Ok(v.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)))
}

/// Types the value bytes `v` (starting at byte `at` of the input) by the model's definition.
#[inline(always)]
fn read_value<'a>(def: Option<&ResourceDef>, v: &'a [u8], at: usize) -> Result<Value<'a>, Error> {
    let Some(def) = def else {
        return Ok(Value::Opaque(v));
    };
    let bad_len = Error::new(ErrorKind::InvalidValueLength, at);
    let text = |v: &'a [u8]| {
        core::str::from_utf8(v)
            .map_err(|e| Error::new(ErrorKind::InvalidUtf8, at + e.valid_up_to()))
    };
    Ok(match def.data_type {
        DataType::Integer => Value::Integer(read_signed(v, at)?),
        DataType::Time => Value::Time(read_signed(v, at)?),
        DataType::Unsigned => Value::Unsigned(read_unsigned(v, at)?),
        DataType::Float => match *v {
            [a, b, c, d] => Value::Float(f64::from(f32::from_be_bytes([a, b, c, d]))),
            [a, b, c, d, e, f, g, h] => Value::Float(f64::from_be_bytes([a, b, c, d, e, f, g, h])),
            _ => return Err(bad_len),
        },
        DataType::Boolean => match *v {
            [0] => Value::Boolean(false),
            [1] => Value::Boolean(true),
            [_] => return Err(Error::new(ErrorKind::InvalidBoolean, at)),
            _ => return Err(bad_len),
        },
        DataType::Objlnk => match *v {
            [a, b, c, d] => Value::ObjLnk(ObjLnk {
                object: u16::from_be_bytes([a, b]),
                instance: u16::from_be_bytes([c, d]),
            }),
            _ => return Err(bad_len),
        },
        DataType::String => Value::String(text(v)?),
        DataType::Corelnk => Value::CoreLnk(text(v)?),
        DataType::Opaque => Value::Opaque(v),
        DataType::None => return Err(Error::new(ErrorKind::ExecutableValue, at)),
    })
}

/// Duplicate-id detection among the children of one parent. Ids in ascending order (the usual case) cost one
/// comparison; an id not above the largest so far triggers a re-scan of the earlier siblings.
#[derive(Clone, Copy)]
struct Seen {
    /// Largest id so far, or -1.
    max: i32,
    /// Where the parent's children start (for the re-scan).
    first_child: usize,
}

impl Seen {
    fn at(first_child: usize) -> Seen {
        Seen {
            max: -1,
            first_child,
        }
    }

    /// Records `h.id`; `Err(DUPLICATE_ID)` if a sibling before it had the same id.
    #[inline]
    fn insert(&mut self, buf: &[u8], h: &Header, parent_end: usize) -> Result<(), Error> {
        let id = i32::from(h.id);
        if id > self.max {
            self.max = id;
            return Ok(());
        }
        let mut pos = self.first_child;
        while pos < h.start {
            let sib = read_header(buf, pos, parent_end, true)?;
            if sib.id == h.id {
                return Err(Error::new(ErrorKind::DuplicateId, h.start));
            }
            pos = sib.value_end;
        }
        Ok(())
    }
}

/// An open container (object instance or multiple resource).
#[derive(Clone, Copy)]
struct Open<'a> {
    id: u16,
    end: usize,
    seen: Seen,
    def: Option<&'a ResourceDef>,
}

/// The walker. Yields `Result<Record>` and stops after the first error.
#[derive(Clone)]
struct Walker<'a> {
    buf: &'a [u8],
    request: Path,
    object: Option<&'a ObjectDef>,
    pos: usize,
    top: Seen,
    top_count: usize,
    top_wrapped: bool,
    instance: Option<Open<'a>>,
    multiple: Option<Open<'a>>,
    done: bool,
    /// Run the duplicate checks (off for the second pass over a validated frame).
    check: bool,
    /// Position of the last resource found in the object's table (lookups are mostly in ascending order).
    hint: usize,
}

impl<'a> Walker<'a> {
    fn new(buf: &'a [u8], request: &Path, object: Option<&'a ObjectDef>) -> Walker<'a> {
        Walker {
            buf,
            request: *request,
            object,
            pos: 0,
            top: Seen::at(0),
            top_count: 0,
            top_wrapped: false,
            instance: None,
            multiple: None,
            done: false,
            check: true,
            hint: 0,
        }
    }

    #[inline]
    fn def(&mut self, resource: u16) -> Option<&'a ResourceDef> {
        let object: Option<&'a ObjectDef> = self.object;
        object.and_then(|o| o.resource_near(resource, &mut self.hint))
    }

    #[inline(always)]
    fn record(
        &self,
        path: Path,
        h: &Header,
        def: Option<&'a ResourceDef>,
    ) -> Result<Record<'a>, Error> {
        let v = self.buf.get(h.value_start..h.value_end).unwrap_or(&[]);
        let value = read_value(def, v, h.value_start)?;
        Ok(Record {
            path,
            value,
            resource: def,
            time: None,
        })
    }

    /// A resource or multiple resource inside instance `iid`: yields the record, or opens the multiple resource.
    #[inline(always)]
    fn resource(&mut self, h: Header, iid: u16) -> Result<Option<Record<'a>>, Error> {
        let def = self.def(h.id);
        let object = self.request.object();
        match h.kind {
            Kind::Resource => {
                self.pos = h.value_end;
                self.record(Path::resource_path(object, iid, h.id), &h, def)
                    .map(Some)
            }
            Kind::MultipleResource => {
                self.pos = h.value_start;
                self.multiple = Some(Open {
                    id: h.id,
                    end: h.value_end,
                    seen: Seen::at(h.value_start),
                    def,
                });
                Ok(None)
            }
            _ => Err(Error::new(ErrorKind::InvalidNesting, h.start)),
        }
    }

    fn step(&mut self) -> Result<Option<Record<'a>>, Error> {
        let object = self.request.object();
        loop {
            if let Some(mut m) = self.multiple {
                if self.pos < m.end {
                    let h = read_header(self.buf, self.pos, m.end, true)?;
                    if h.kind != Kind::ResourceInstance {
                        return Err(Error::new(ErrorKind::InvalidNesting, h.start));
                    }
                    if self.check {
                        m.seen.insert(self.buf, &h, m.end)?;
                        self.multiple = Some(m);
                    }
                    self.pos = h.value_end;
                    let iid = self
                        .instance
                        .map_or(self.request.instance().unwrap_or(0), |i| i.id);
                    let path = Path::resource_instance_path(object, iid, m.id, h.id);
                    return self.record(path, &h, m.def).map(Some);
                }
                self.multiple = None;
                continue;
            }
            if let Some(mut i) = self.instance {
                if self.pos < i.end {
                    let h = read_header(self.buf, self.pos, i.end, true)?;
                    if self.check && matches!(h.kind, Kind::Resource | Kind::MultipleResource) {
                        i.seen.insert(self.buf, &h, i.end)?;
                        self.instance = Some(i);
                    }
                    match self.resource(h, i.id)? {
                        Some(r) => return Ok(Some(r)),
                        None => continue,
                    }
                }
                self.instance = None;
                continue;
            }
            if self.pos >= self.buf.len() {
                return Ok(None);
            }
            let h = read_header(self.buf, self.pos, self.buf.len(), false)?;
            let nesting = Error::new(ErrorKind::InvalidNesting, h.start);
            let mismatch = Error::new(ErrorKind::PathMismatch, h.start);
            let earlier = self.top_count;
            self.top_count += 1;
            let request = self.request;
            match (request.level(), h.kind) {
                (PathLevel::Object, Kind::ObjectInstance) => {}
                (PathLevel::Instance, Kind::ObjectInstance) => {
                    if earlier > 0 && !self.top_wrapped {
                        return Err(nesting);
                    }
                    if Some(h.id) != request.instance() {
                        return Err(mismatch);
                    }
                }
                (PathLevel::Instance, Kind::Resource | Kind::MultipleResource) => {
                    if self.top_wrapped {
                        return Err(nesting);
                    }
                }
                (PathLevel::Resource, Kind::Resource | Kind::MultipleResource) => {
                    if Some(h.id) != request.resource() {
                        return Err(mismatch);
                    }
                }
                (PathLevel::ResourceInstance, Kind::ResourceInstance) => {
                    if Some(h.id) != request.resource_instance() {
                        return Err(mismatch);
                    }
                }
                _ => return Err(nesting),
            }
            if self.check {
                self.top.insert(self.buf, &h, self.buf.len())?;
            }
            let iid = request.instance().unwrap_or(0);
            match h.kind {
                Kind::ObjectInstance => {
                    self.top_wrapped = true;
                    self.pos = h.value_start;
                    self.instance = Some(Open {
                        id: h.id,
                        end: h.value_end,
                        seen: Seen::at(h.value_start),
                        def: None,
                    });
                }
                Kind::ResourceInstance => {
                    self.pos = h.value_end;
                    let rid = request.resource().unwrap_or(0);
                    let def = self.def(rid);
                    return self.record(request, &h, def).map(Some);
                }
                _ => {
                    if let Some(r) = self.resource(h, iid)? {
                        return Ok(Some(r));
                    }
                }
            }
        }
    }
}

impl<'a> Iterator for Walker<'a> {
    type Item = Result<Record<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.step() {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// The records of a validated TLV frame, borrowed from it. Iterating cannot fail.
#[derive(Clone)]
pub struct TlvRecords<'a> {
    walker: Walker<'a>,
    remaining: usize,
}

impl<'a> Iterator for TlvRecords<'a> {
    type Item = Record<'a>;

    fn next(&mut self) -> Option<Record<'a>> {
        match self.walker.next() {
            Some(Ok(r)) => {
                self.remaining = self.remaining.saturating_sub(1);
                Some(r)
            }
            _ => None,
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for TlvRecords<'_> {}

/// Validates a TLV frame for `request` (the path it was read from or written to) and returns its records.
///
/// Accepted top levels: object-instance TLVs at `/O`; bare resources or one matching object-instance TLV at `/O/I`;
/// the one resource or multiple resource at `/O/I/R`; the one resource instance at `/O/I/R/RI`. Integers of 1 to 8
/// bytes are accepted (non-canonical widths too); Booleans must be `00`/`01`; strings must be UTF-8.
///
/// # Errors
/// The first problem in wire order, with the offset of the element (or value byte) at fault.
pub fn decode<'a, M: Model + ?Sized>(
    input: &'a [u8],
    request: &Path,
    model: &'a M,
) -> Result<TlvRecords<'a>, Error> {
    let mut walker = Walker::new(input, request, model.object(request.object()));
    let mut remaining = 0usize;
    for r in walker.clone() {
        r?;
        remaining += 1;
    }
    walker.check = false;
    Ok(TlvRecords { walker, remaining })
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
    let mut n = 0usize;
    for r in Walker::new(input, request, model.object(request.object())) {
        let r = r?;
        if let Some(slot) = out.get_mut(n) {
            *slot = r;
        }
        n += 1;
    }
    if n > out.len() {
        return Err(Error::new(ErrorKind::BufferTooSmall, n));
    }
    Ok(n)
}

/// Decodes into a new vector.
///
/// # Errors
/// As [`decode`].
#[cfg(feature = "alloc")]
pub fn decode_to_vec<'a, M: Model + ?Sized>(
    input: &'a [u8],
    request: &Path,
    model: &'a M,
) -> Result<alloc::vec::Vec<Record<'a>>, Error> {
    Walker::new(input, request, model.object(request.object())).collect()
}
