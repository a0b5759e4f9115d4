//! LwM2M-CBOR reader: one walker over the nested maps; [`decode`] runs it once to validate (duplicates included, see
//! [`super::duplicates`]) and then lends it out as an infallible iterator.

use minicbor::data::Type;
use minicbor::Decoder;

use super::duplicates::Duplicates;
use super::earlier::Earlier;
use super::maps::{open_map, Frame, INDEFINITE, MAX_OPEN};
use crate::cbor::{objlnk_in_place, peek, read_chunked, read_leaf, take_head, Chunked};
use crate::error::{Error, ErrorKind};
use crate::path::{Path, RESERVED_ID};
use crate::records::{self, Records};
use crate::registry::{Model, ObjectDef, ResourceDef};
use crate::value::{DataType, ObjLnk, Record, Value};

/// The LwM2M-CBOR walker ([`records::Walk`]). Yields `Result<(record, offset of its key)>` and stops after the first
/// error.
pub struct Walker<'a, M: ?Sized> {
    d: Decoder<'a>,
    model: &'a M,
    request: Option<Path>,
    open: [Frame; MAX_OPEN],
    open_len: usize,
    ids: [u16; 4],
    started: bool,
    done: bool,
    /// What to do with a chunked (indefinite-length) string value.
    chunked: Chunked<'a>,
    /// The object looked up last (its id, its definition) and the position of the resource found last in it:
    /// records of one object cost no object lookup, resources in order a comparison each.
    object: Option<(u16, Option<&'a ObjectDef>)>,
    hint: usize,
}

impl<M: ?Sized> Clone for Walker<'_, M> {
    fn clone(&self) -> Self {
        Walker {
            d: self.d.clone(),
            model: self.model,
            request: self.request,
            open: self.open,
            open_len: self.open_len,
            ids: self.ids,
            started: self.started,
            done: self.done,
            // A join buffer cannot be shared; the clones (of the zero-copy iterator) refuse chunked strings anyway.
            chunked: Chunked::Refuse,
            object: self.object,
            hint: self.hint,
        }
    }
}

impl<'a, M: Model + ?Sized> Walker<'a, M> {
    fn new(input: &'a [u8], request: Option<&Path>, model: &'a M) -> Self {
        Self::with(input, request, model, Chunked::Refuse)
    }

    /// A walker that treats chunked strings as `chunked` says. Inlined: built in place, not copied into the
    /// caller's frame (a copy kept two walkers on the stack).
    #[inline(always)]
    fn with(input: &'a [u8], request: Option<&Path>, model: &'a M, chunked: Chunked<'a>) -> Self {
        Walker {
            d: Decoder::new(input),
            model,
            request: request.copied(),
            open: [Frame::default(); MAX_OPEN],
            open_len: 0,
            ids: [0; 4],
            started: false,
            done: false,
            chunked,
            object: None,
            hint: 0,
        }
    }

    /// The model's definition of resource `rid` of object `oid`.
    fn resource_def(&mut self, oid: u16, rid: u16) -> Option<&'a ResourceDef> {
        let object = match self.object {
            Some((id, object)) if id == oid => object,
            _ => {
                let object = self.model.object(oid);
                self.object = Some((oid, object));
                self.hint = 0;
                object
            }
        };
        object?.resource_near(rid, &mut self.hint)
    }

    /// The leaf value at the decoder's position for a resource of model type `ty` (`None`: not in the model).
    /// A chunked text string where text goes, or a chunked byte string where bytes go, is read as `self.chunked`
    /// says; everything else by the shared leaf rules.
    fn leaf(&mut self, ty: Option<DataType>) -> Result<Value<'a>, Error> {
        let at = self.d.position();
        let text = match (peek(&self.d)?, ty) {
            (Type::Null, _) => {
                // null is "no value" (a path without a value, as a Read-Composite request lists them), whatever
                // the model's type.
                self.d.set_position(at + 1);
                return Ok(Value::None);
            }
            (
                Type::StringIndef,
                None | Some(DataType::String | DataType::Corelnk | DataType::Objlnk),
            ) => true,
            (Type::BytesIndef, None | Some(DataType::Opaque)) => false,
            _ => return read_leaf(&mut self.d, ty),
        };
        let Some(bytes) = read_chunked(&mut self.d, text, &mut self.chunked)? else {
            // A pass without values (the text, if any, checked in place): an object link is read in place too.
            let check = matches!(self.chunked, Chunked::Check(_));
            if check && text && ty == Some(DataType::Objlnk) && !objlnk_in_place(self.d.input(), at)
            {
                return Err(Error::new(ErrorKind::TypeMismatch, at));
            }
            return Ok(Value::None);
        };
        if !text {
            return Ok(Value::Opaque(bytes));
        }
        let s = core::str::from_utf8(bytes).map_err(|_| Error::new(ErrorKind::InvalidUtf8, at))?;
        Ok(match ty {
            Some(DataType::Corelnk) => Value::CoreLnk(s),
            Some(DataType::Objlnk) => {
                Value::ObjLnk(ObjLnk::parse(s).ok_or(Error::new(ErrorKind::TypeMismatch, at))?)
            }
            _ => Value::String(s),
        })
    }

    /// Opens the map at the current position (its head [`peek`] found whole) with `depth` path ids above it.
    fn open_map(&mut self, depth: usize, key_at: usize) -> Result<(), Error> {
        open_map(
            &mut self.d,
            &mut self.open,
            &mut self.open_len,
            depth,
            key_at,
        )
    }

    /// Consumes a break byte if one is next.
    fn take_break(&mut self) -> Result<bool, Error> {
        if peek(&self.d)? == Type::Break {
            self.d.set_position(self.d.position() + 1);
            return Ok(true);
        }
        Ok(false)
    }

    /// Stores path id `id` at level `level` for the key at `key_at`.
    fn put_id(&mut self, level: usize, id: u64, key_at: usize) -> Result<(), Error> {
        let name = Error::new(ErrorKind::InvalidName, key_at);
        let id = u16::try_from(id).map_err(|_| name)?;
        if id == RESERVED_ID {
            return Err(Error::new(ErrorKind::InvalidPath, key_at));
        }
        *self.ids.get_mut(level).ok_or(name)? = id;
        Ok(())
    }

    /// Reads one uint id.
    fn read_id(&mut self) -> Result<u64, Error> {
        let at = self.d.position();
        match peek(&self.d)? {
            Type::U8 | Type::U16 | Type::U32 | Type::U64 => Ok(take_head(&mut self.d).0),
            _ => Err(Error::new(ErrorKind::InvalidCbor, at)),
        }
    }

    /// Reads a key below `depth` path ids; returns the path length it reaches.
    fn read_key(&mut self, depth: usize) -> Result<usize, Error> {
        let key_at = self.d.position();
        match peek(&self.d)? {
            Type::U8 | Type::U16 | Type::U32 | Type::U64 => {
                let id = self.read_id()?;
                self.put_id(depth, id, key_at)?;
                Ok(depth + 1)
            }
            Type::Array | Type::ArrayIndef => {
                let len = match take_head(&mut self.d) {
                    (_, true) => None,
                    (n, false) => Some(n),
                };
                let mut end = depth;
                let mut read = 0u64;
                loop {
                    match len {
                        Some(n) if read == n => break,
                        Some(_) => {}
                        None => {
                            if self.take_break()? {
                                break;
                            }
                        }
                    }
                    let id = self.read_id()?;
                    self.put_id(end, id, key_at)?;
                    end += 1;
                    read += 1;
                }
                if end == depth {
                    return Err(Error::new(ErrorKind::InvalidName, key_at));
                }
                Ok(end)
            }
            _ => Err(Error::new(ErrorKind::InvalidCbor, key_at)),
        }
    }

    /// The next record and the offset of its key. `on_key` sees each record's path and key offset once the key is
    /// read and checked, before the value is read (the duplicate check: a clash at the key comes before a problem in
    /// the value).
    fn step<K>(&mut self, mut on_key: K) -> Result<Option<(Record<'a>, usize)>, Error>
    where
        K: FnMut(Path, usize) -> Result<(), Error>,
    {
        if !self.started {
            self.started = true;
            match peek(&self.d)? {
                Type::Map | Type::MapIndef => self.open_map(0, 0)?,
                _ => return Err(Error::new(ErrorKind::InvalidCbor, 0)),
            }
        }
        loop {
            let Some(top) = self.open_len.checked_sub(1) else {
                let end = self.d.position();
                if end < self.d.input().len() {
                    return Err(Error::new(ErrorKind::TrailingData, end));
                }
                return Ok(None);
            };
            let Some(frame) = self.open.get(top).copied() else {
                return Ok(None);
            };
            match frame.remaining {
                0 => {
                    self.open_len = top;
                    continue;
                }
                INDEFINITE => {
                    if self.take_break()? {
                        self.open_len = top;
                        continue;
                    }
                }
                n => {
                    if let Some(f) = self.open.get_mut(top) {
                        f.remaining = n - 1;
                    }
                }
            }
            let key_at = self.d.position();
            let end = self.read_key(usize::from(frame.depth))?;
            let value_at = self.d.position();
            match peek(&self.d)? {
                Type::Map | Type::MapIndef => {
                    self.open_map(end, key_at)?;
                    continue;
                }
                Type::Break | Type::Unknown(_) => {
                    return Err(Error::new(ErrorKind::InvalidCbor, value_at));
                }
                _ => {}
            }
            let path = match self.ids.get(..end).and_then(Path::from_ids) {
                Some(p) if p.len() >= 3 => p,
                _ => return Err(Error::new(ErrorKind::InvalidName, key_at)),
            };
            if self.request.is_some_and(|q| !q.contains(&path)) {
                return Err(Error::new(ErrorKind::PathMismatch, key_at));
            }
            on_key(path, key_at)?;
            let def = path
                .resource()
                .and_then(|rid| self.resource_def(path.object(), rid));
            let value = self.leaf(def.map(|d| d.data_type()))?;
            let record = Record {
                path,
                value,
                resource: def,
                time: None,
            };
            return Ok(Some((record, key_at)));
        }
    }
}

impl<'a, M: Model + ?Sized> Iterator for Walker<'a, M> {
    type Item = Result<Record<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.step(|_, _| Ok(())) {
            Ok(Some((r, _))) => Some(Ok(r)),
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

/// The validating pass: the walker with the duplicate check. Yields records in wire order and stops after the first
/// error, which is the first problem in wire order (a clash found late is still reported at its own record).
struct Checked<'a, M: ?Sized> {
    walker: Walker<'a, M>,
    duplicates: Duplicates,
}

/// Checks the pending records of `duplicates` by a re-walk of `input` (checked up to the last of them) from its
/// start.
fn flush(duplicates: &mut Duplicates, input: &[u8]) -> Result<(), Error> {
    let Some(last) = duplicates.last() else {
        return Ok(());
    };
    duplicates.flush(Earlier::new(input, last))
}

impl<'a, M: Model + ?Sized> Iterator for Checked<'a, M> {
    type Item = Result<Record<'a>, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let Checked { walker, duplicates } = self;
        if walker.done {
            return None;
        }
        let input = walker.d.input();
        let step = walker.step(|path, at| {
            if duplicates.note(path, at) {
                flush(duplicates, input)?;
            }
            Ok(())
        });
        let result = match step {
            Ok(Some((r, _))) => Ok(Some(r)),
            Ok(None) => flush(duplicates, input).map(|()| None),
            // A pending clash lies before the failing byte.
            Err(e) => Err(flush(duplicates, input).err().unwrap_or(e)),
        };
        match result {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => {
                walker.done = true;
                None
            }
            Err(e) => {
                walker.done = true;
                Some(Err(e))
            }
        }
    }
}

impl<'a, M: Model + ?Sized> records::Walk<'a> for Walker<'a, M> {
    fn check<S: FnMut(Record<'a>)>(self, mut sink: S) -> Result<(), Error> {
        let checked = Checked {
            walker: self,
            duplicates: Duplicates::new(),
        };
        for r in checked {
            sink(r?);
        }
        Ok(())
    }

    #[inline]
    fn reread(&mut self) -> Option<Record<'a>> {
        self.next()?.ok()
    }
}

/// The records of a validated LwM2M-CBOR frame, borrowed from it and from the model: [`Records`] over the
/// LwM2M-CBOR walker. Iterating cannot fail.
pub type Lwm2mCborRecords<'a, M> = Records<'a, Walker<'a, M>>;

/// Validates an LwM2M-CBOR frame and returns its records.
///
/// `request`, when given, is the path the frame was read from or written to: every record must lie under it.
///
/// # Errors
/// The first problem in wire order, with its byte offset (see the [module docs](super) for every kind).
pub fn decode<'a, M: Model + ?Sized>(
    input: &'a [u8],
    request: Option<&Path>,
    model: &'a M,
) -> Result<Lwm2mCborRecords<'a, M>, Error> {
    records::decode(Walker::new(input, request, model))
}

/// Validates an LwM2M-CBOR frame as [`decode`] does, then hands each record to `f` in wire order; returns the record
/// count. Nothing is handed out unless the whole frame is valid. A chunked string is refused as in [`decode`]
/// ([`decode_joined`] reads it).
///
/// # Errors
/// As [`decode`].
pub fn decode_each<'a, M: Model + ?Sized>(
    input: &'a [u8],
    request: Option<&Path>,
    model: &'a M,
    f: impl FnMut(Record<'a>),
) -> Result<usize, Error> {
    records::decode_each(Walker::new(input, request, model), f)
}

/// Validates a frame that may hold chunked (indefinite-length) strings, then hands each record to `f` in wire order;
/// returns the record count.
///
/// Definite strings and byte strings are lent out of `input` as [`decode`] lends them; a chunked text or byte string
/// (RFC 8949 §3.2.3, as some peers write them) is joined into the front of `scratch` and lent out of it — UTF-8 is
/// checked over the joined bytes, so a character may be split across chunks. A scratch of `input.len()` bytes
/// always suffices (the joined contents are shorter than the frame); a frame without chunked strings needs none.
/// Nothing is handed to `f` unless the whole frame is valid. No allocation.
///
/// # Errors
/// As [`decode`], except that a chunked string where a string or bytes go is read instead of refused; chunk errors
/// as `vectors/FORMATS.md` gives them; `BUFFER_TOO_SMALL` (offset = the joined length of the string that did not fit
/// in what was left of `scratch`) if `scratch` is too short.
pub fn decode_joined<'a, M: Model + ?Sized>(
    input: &'a [u8],
    request: Option<&Path>,
    model: &'a M,
    scratch: &'a mut [u8],
    mut f: impl FnMut(Record<'a>),
) -> Result<usize, Error> {
    let (n, _) = check_joined(input, request, model, scratch.len())?;
    hand_out_joined(input, request, model, scratch, &mut f);
    Ok(n)
}

/// The validating pass of [`decode_joined`] with a scratch of `room` bytes; the record count and the bytes the
/// joined chunked strings take (0 for a frame without: then the handing out needs no scratch). The chunked strings
/// are checked in place, as joining them into that scratch would check them (the same errors, `BUFFER_TOO_SMALL`
/// included), so that the scratch is needed only by [`hand_out_joined`]. Out of line, so that its frame (the
/// walker, the duplicate block and the re-walk) is gone before the records are handed out (firmware decodes have a
/// stack budget: bindings/c/SIZE.md).
#[inline(never)]
pub(crate) fn check_joined<M: Model + ?Sized>(
    input: &[u8],
    request: Option<&Path>,
    model: &M,
    room: usize,
) -> Result<(usize, usize), Error> {
    // `Checked::next` as a plain loop that keeps no record: the records are only counted here.
    let mut walker = Walker::with(input, request, model, Chunked::Check(room));
    let mut duplicates = Duplicates::new();
    let mut n = 0usize;
    loop {
        let step = walker.step(|path, at| {
            if duplicates.note(path, at) {
                flush(&mut duplicates, input)?;
            }
            Ok(())
        });
        match step {
            Ok(Some(_)) => n += 1,
            Ok(None) => {
                let left = match walker.chunked {
                    Chunked::Check(left) => left,
                    _ => room,
                };
                return flush(&mut duplicates, input).map(|()| (n, room - left));
            }
            // A pending clash lies before the failing byte.
            Err(e) => return Err(flush(&mut duplicates, input).err().unwrap_or(e)),
        }
    }
}

/// The records of a frame [`check_joined`] accepted with a scratch of this length, handed to `f`, the chunked
/// strings joined into `scratch`. Out of line as that pass is: one walker on the stack at a time.
#[inline(never)]
pub(crate) fn hand_out_joined<'a, M: Model + ?Sized, F: FnMut(Record<'a>)>(
    input: &'a [u8],
    request: Option<&Path>,
    model: &'a M,
    scratch: &'a mut [u8],
    f: &mut F,
) {
    let mut walker = Walker::with(input, request, model, Chunked::Join(scratch));
    while let Ok(Some((r, _))) = walker.step(|_, _| Ok(())) {
        f(r);
    }
}

/// Decodes in a single pass into `out`; returns the number of records written.
///
/// # Errors
/// As [`decode`]; `BUFFER_TOO_SMALL` (offset = the number of records the frame holds) if `out` is too short.
pub fn decode_into<'a, M: Model + ?Sized>(
    input: &'a [u8],
    request: Option<&Path>,
    model: &'a M,
    out: &mut [Record<'a>],
) -> Result<usize, Error> {
    records::decode_into(Walker::new(input, request, model), out)
}

/// Decodes in a single pass into a new vector.
///
/// # Errors
/// As [`decode`].
#[cfg(feature = "alloc")]
pub fn decode_to_vec<'a, M: Model + ?Sized>(
    input: &'a [u8],
    request: Option<&Path>,
    model: &'a M,
) -> Result<alloc::vec::Vec<Record<'a>>, Error> {
    records::decode_to_vec(Walker::new(input, request, model))
}
