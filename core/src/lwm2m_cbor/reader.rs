//! LwM2M-CBOR reader: one walker over the nested maps; [`decode`] runs it once to validate (duplicates included, see
//! [`super::duplicates`]) and then lends it out as an infallible iterator.

use super::duplicates::Duplicates;
use super::earlier::Earlier;
use super::maps::Keys;
use crate::cbor::{initial, objlnk_in_place, read_chunked, read_leaf, text_value, Chunked};
use crate::error::{Error, ErrorKind};
use crate::path::Path;
use crate::records::{self, Records};
use crate::registry::{Model, ObjectDef, ResourceDef};
use crate::value::{DataType, Record, Value};

/// The LwM2M-CBOR walker ([`records::Walk`]). Yields `Result<(record, offset of its key)>` and stops after the first
/// error.
pub struct Walker<'a, M: ?Sized> {
    keys: Keys<'a>,
    model: &'a M,
    request: Option<Path>,
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
            keys: self.keys.clone(),
            model: self.model,
            request: self.request,
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
            keys: Keys::new(input),
            model,
            request: request.copied(),
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
    #[inline(always)]
    fn leaf(&mut self, ty: Option<DataType>) -> Result<Value<'a>, Error> {
        let d = &mut self.keys.d;
        let at = d.position();
        let text = match (initial(d)?, ty) {
            (0xf6, _) => {
                // null is "no value" (a path without a value, as a Read-Composite request lists them), whatever
                // the model's type.
                d.set_position(at + 1);
                return Ok(Value::None);
            }
            (0x7f, None | Some(DataType::String | DataType::Corelnk | DataType::Objlnk)) => true,
            (0x5f, None | Some(DataType::Opaque)) => false,
            _ => return read_leaf(d, ty),
        };
        let Some(bytes) = read_chunked(d, text, &mut self.chunked)? else {
            // A pass without values (the text, if any, checked in place): an object link is read in place too.
            let check = matches!(self.chunked, Chunked::Check(_));
            if check && text && ty == Some(DataType::Objlnk) && !objlnk_in_place(d.input(), at) {
                return Err(Error::new(ErrorKind::TypeMismatch, at));
            }
            return Ok(Value::None);
        };
        if !text {
            return Ok(Value::Opaque(bytes));
        }
        let s = core::str::from_utf8(bytes).map_err(|_| Error::new(ErrorKind::InvalidUtf8, at))?;
        text_value(s, ty.unwrap_or(DataType::String), at)
    }

    /// The path of the next record and the offset of its key, checked against the request path; the decoder at
    /// its value.
    #[inline(always)]
    fn key(&mut self) -> Result<Option<(Path, usize)>, Error> {
        let next = self.keys.next()?;
        if let Some((path, key_at)) = next {
            if self.request.is_some_and(|q| !q.contains(&path)) {
                return Err(Error::new(ErrorKind::PathMismatch, key_at));
            }
        }
        Ok(next)
    }

    /// The value of the record at `path`, read at the decoder's position, and the model's definition of its
    /// resource. Out of line: one copy for every pass.
    #[inline(never)]
    fn value(&mut self, path: &Path) -> Result<(Value<'a>, Option<&'a ResourceDef>), Error> {
        let def = path
            .resource()
            .and_then(|rid| self.resource_def(path.object(), rid));
        Ok((self.leaf(def.map(|d| d.data_type()))?, def))
    }

    /// The next record and the offset of its key. `on_key` sees each record's path and key offset once the key is
    /// read and checked, before the value is read (the duplicate check: a clash at the key comes before a problem in
    /// the value).
    fn step<K>(&mut self, mut on_key: K) -> Result<Option<(Record<'a>, usize)>, Error>
    where
        K: FnMut(Path, usize) -> Result<(), Error>,
    {
        let Some((path, key_at)) = self.key()? else {
            return Ok(None);
        };
        on_key(path, key_at)?;
        let (value, resource) = self.value(&path)?;
        let record = Record {
            path,
            value,
            resource,
            time: None,
        };
        Ok(Some((record, key_at)))
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
        let input = walker.keys.d.input();
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
        let fill = self.keys.d.input().len();
        let checked = Checked {
            walker: self,
            duplicates: Duplicates::new(fill),
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
    let mut duplicates = Duplicates::new(input.len());
    let mut n = 0usize;
    let mut walk = || -> Result<(), Error> {
        while let Some((path, at)) = walker.key()? {
            if duplicates.note(path, at) {
                flush(&mut duplicates, input)?;
            }
            walker.value(&path)?;
            n += 1;
        }
        Ok(())
    };
    let end = walk();
    // A pending clash lies before the failing byte, if any.
    flush(&mut duplicates, input)?;
    end?;
    let left = match walker.chunked {
        Chunked::Check(left) => left,
        _ => room,
    };
    Ok((n, room - left))
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
