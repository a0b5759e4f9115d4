//! SenML-CBOR reader: the pack's structure is walked with a small head parser (labels, maps, names and integers
//! are read in place); floats, tag-4 decimal fractions and tag-1 times go through the shared `cbor` helpers.
//!
//! With `senml-fast`, each record is first tried on the quick path (`quick.rs`: the common record shape, read, resolved and typed in
//! one go); any other record, and any record with an error, is read again from its start on the general path
//! below, which alone decides every error.

mod items;
#[cfg(not(feature = "senml-fast"))]
mod lean;
#[cfg(not(feature = "alloc"))]
mod look_back;
mod map;
#[cfg(feature = "senml-fast")]
mod quick;
#[cfg(feature = "senml-fast")]
pub(super) mod shape;
#[cfg(all(test, feature = "alloc", feature = "senml-fast"))]
mod tests;
#[cfg(all(test, feature = "alloc", feature = "senml-fast"))]
mod tests_shape;

use items::{at, head};
#[cfg(all(test, feature = "senml-json"))]
pub(super) use map::record;
use map::{fields, CborFields};

use super::fields::Fields;
#[cfg(feature = "senml-fast")]
use super::fields::{add, to_f64, Raw};
use super::name::NameState;
use super::resolve::Pack;
use crate::cbor::Number;
use crate::error::{Error, ErrorKind};
use crate::path::Path;
use crate::records::{self, Records};
use crate::registry::Model;
use crate::value::{Record, Value};

/// The SenML-CBOR walker ([`records::Walk`]): the top-level array, then one record at a time, with the base fields in force and the pack rules.
pub struct Walker<'a, M: ?Sized> {
    buf: &'a [u8],
    pos: usize,
    /// Records left in the array (a count above what memory holds is held at `usize::MAX`: the input ends first
    /// either way).
    left: usize,
    /// `bn` parsed.
    prefix: NameState,
    /// `bt`, `bv` and `bs` in force (RFC 8428 §4: until a later record sets the same field again).
    bt: Option<Number>,
    bv: Option<Number>,
    bs: bool,
    pack: Pack<'a, M>,
    /// Without `alloc`: the first byte of the record just read if the duplicate screen flagged it (0: none; a
    /// record never starts at 0), for the look-back [`Walker::read_valid`] does after the read.
    #[cfg(not(feature = "alloc"))]
    recheck: usize,
}

impl<M: ?Sized> Clone for Walker<'_, M> {
    fn clone(&self) -> Self {
        Walker {
            pack: self.pack.clone(),
            ..*self
        }
    }
}

impl<'a, M: Model + ?Sized> Walker<'a, M> {
    /// Reads the top-level head: a definite array (`INDEFINITE_LENGTH` for an indefinite one). Inlined: the walker
    /// is built in place, not copied into the caller's frame (a copy kept two walkers on the stack).
    #[inline(always)]
    fn new(buf: &'a [u8], request: Option<&Path>, model: &'a M) -> Result<Self, Error> {
        let (pos, left) = Self::top(buf)?;
        Ok(Self::over(buf, pos, left, request, model))
    }

    /// The top-level head: the position after it and the number of records. A definite array
    /// (`INDEFINITE_LENGTH` for an indefinite one).
    #[inline(always)]
    fn top(buf: &[u8]) -> Result<(usize, usize), Error> {
        let mut pos = 0;
        let h = head(buf, &mut pos)?;
        match (h.major, h.ai) {
            (4, 31) => Err(at(ErrorKind::IndefiniteLength, 0)),
            (4, _) => Ok((pos, usize::try_from(h.arg).unwrap_or(usize::MAX))),
            _ => Err(at(ErrorKind::InvalidCbor, 0)),
        }
    }

    /// The walker of the `left` records from `pos`. Out of line without `senml-fast`, returning the walker in place:
    /// the temporaries that build it (a cleared screen, copied) are in this frame, not in the caller's, which holds
    /// the walker while the records are read (firmware decodes have a stack budget: bindings/c/SIZE.md).
    #[cfg_attr(feature = "senml-fast", inline(always))]
    #[cfg_attr(not(feature = "senml-fast"), inline(never))]
    fn over(buf: &'a [u8], pos: usize, left: usize, request: Option<&Path>, model: &'a M) -> Self {
        Walker {
            buf,
            pos,
            left,
            prefix: NameState::EMPTY,
            bt: None,
            bv: None,
            bs: false,
            pack: Pack::new(model, request),
            #[cfg(not(feature = "alloc"))]
            recheck: 0,
        }
    }

    /// The next record, typed by the model, into `out`; false at the end. With `validate`, every rule is checked
    /// (and, at the end, `TRAILING_DATA` if bytes follow); without, the pack is one `validate` accepted, and only
    /// what builds the records is done (names, base fields, types).
    #[cfg_attr(feature = "senml-fast", inline(always))]
    fn read(&mut self, validate: bool, out: &mut Record<'a>) -> Result<bool, Error> {
        self.read_with(validate, true, out)
    }

    /// [`Walker::read`], with the quick path (`quick.rs`) tried first or not (the tests compare both).
    #[cfg_attr(feature = "senml-fast", inline(always))]
    fn read_with(
        &mut self,
        validate: bool,
        quick: bool,
        out: &mut Record<'a>,
    ) -> Result<bool, Error> {
        let read = self.read_one(validate, quick, out);
        // The validating pass ends here: the records kept for the duplicate check come before its end or error.
        #[cfg(feature = "alloc")]
        if validate && !matches!(read, Ok(true)) {
            return self.settle(read);
        }
        read
    }

    /// One record of [`Walker::read_with`] (inlined there without `alloc`, where nothing else is done).
    #[cfg_attr(any(feature = "senml-fast", not(feature = "alloc")), inline(always))]
    fn read_one(
        &mut self,
        validate: bool,
        quick: bool,
        out: &mut Record<'a>,
    ) -> Result<bool, Error> {
        if self.left == 0 {
            if validate && self.pos < self.buf.len() {
                return Err(at(ErrorKind::TrailingData, self.pos));
            }
            return Ok(false);
        }
        self.left -= 1;
        #[cfg(feature = "senml-fast")]
        if quick && self.quick(validate, out) {
            return Ok(true);
        }
        #[cfg(not(feature = "senml-fast"))]
        let _ = quick;
        let mut f = Fields::new(self.pos);
        fields(self.buf, &mut self.pos, validate, &mut f)?;
        self.record(validate, &f, out)
    }

    /// The first step of every record (both `record`s): the base fields it carries taken into force (they apply
    /// to it too), then its name (base name + name) resolved to a path and the duplicate screen's key.
    #[inline(always)]
    fn base_and_name(&mut self, f: &CborFields<'a>, path: &mut Path) -> Result<u64, Error> {
        if let Some(bn) = f.bn {
            self.prefix = NameState::EMPTY;
            self.prefix.feed(bn);
        }
        if f.bt.is_some() {
            self.bt = f.bt;
        }
        if f.bv.is_some() {
            self.bv = f.bv;
        }
        self.bs |= f.bs;
        let mut name = self.prefix;
        if let Some(n) = f.n {
            name.feed(n);
        }
        let (p, key) = name.finish().ok_or(at(ErrorKind::InvalidName, f.start))?;
        *path = p;
        Ok(key)
    }

    /// The record whose fields [`fields`] read: base fields taken into force, name, time and value resolved, the
    /// pack rules applied (with `validate`), the value typed. Without `senml-fast`: `lean.rs`.
    #[cfg(feature = "senml-fast")]
    #[inline(always)]
    fn record(
        &mut self,
        validate: bool,
        f: &CborFields<'a>,
        out: &mut Record<'a>,
    ) -> Result<bool, Error> {
        let start = f.start;
        let mut path = Path::ROOT;
        let key = self.base_and_name(f, &mut path)?;
        let time = match (self.bt, f.t) {
            (None, None) => None,
            (bt, t) => add(bt, t).map(to_f64),
        };
        let value = match f.value {
            Some((Raw::Number(x), v)) => Some((Raw::Number(add(self.bv, Some(x)).unwrap_or(x)), v)),
            other => other,
        };
        let maybe_duplicate = validate
            && self
                .pack
                .check(start, value.is_some(), f.s || self.bs, &path, key, time)?;
        let def = self.pack.def(&path);
        let value = match value {
            Some((raw, v)) => super::fields::typed(raw, def.map(|d| d.data_type()), v)?,
            None => Value::None,
        };
        if maybe_duplicate && self.repeats(start, &path, time) {
            return Err(at(ErrorKind::DuplicateId, start));
        }
        *out = Record {
            path,
            value,
            resource: def,
            time,
        };
        Ok(true)
    }

    /// The next record, typed by the model (see [`Walker::read`]).
    #[cfg_attr(feature = "senml-fast", inline(always))]
    fn next_record(&mut self, validate: bool) -> Result<Option<Record<'a>>, Error> {
        let mut r = Record::new(Path::object_path(0), Value::None);
        Ok(self.read(validate, &mut r)?.then_some(r))
    }

    /// For the record at `start` that may repeat an earlier one (a screen hit): with `alloc`, keeps it for the
    /// check at the end of the pass ([`Walker::settle`]); without, notes it for the look-back that
    /// [`Walker::read_valid`] does once the read has returned (out of the read's frame). Gives false: the record
    /// is read on.
    #[cfg_attr(any(feature = "senml-fast", not(feature = "alloc")), inline(always))]
    fn repeats(&mut self, start: usize, path: &Path, time: Option<f64>) -> bool {
        #[cfg(feature = "alloc")]
        self.pack.keep(path, time, start);
        #[cfg(not(feature = "alloc"))]
        {
            let _ = (path, time);
            self.recheck = start;
        }
        false
    }

    /// The quick path's screen hit (`quick.rs`): with `alloc`, [`Walker::repeats`]; without, true: the quick path
    /// gives the record up (as for any record it does not settle), and the general path reads it and has it looked
    /// back for ([`Walker::read_valid`]), which the quick path's own loop (`Walker::run`) does not do.
    #[cfg(feature = "senml-fast")]
    #[inline(always)]
    fn quick_repeats(&mut self, start: usize, path: &Path, time: Option<f64>) -> bool {
        #[cfg(feature = "alloc")]
        return self.repeats(start, path, time);
        #[cfg(not(feature = "alloc"))]
        {
            let _ = (start, path, time);
            true
        }
    }

    /// [`Walker::read`] with every rule checked. Without `alloc`, a record the duplicate screen flagged is then
    /// looked back for ([`Walker::earlier`], here rather than inside the read, so that the two frames are not
    /// stacked): `DUPLICATE_ID` at its first byte if an earlier record has its path and time. The record's value
    /// errors come first, as the read gives them.
    #[cfg_attr(feature = "senml-fast", inline(always))]
    fn read_valid(&mut self, out: &mut Record<'a>) -> Result<bool, Error> {
        let more = self.read(true, out)?;
        #[cfg(not(feature = "alloc"))]
        {
            let start = core::mem::take(&mut self.recheck);
            if start != 0 && self.earlier(start, out) {
                return Err(at(ErrorKind::DuplicateId, start));
            }
        }
        Ok(more)
    }

    /// The end of the validating pass, which gave `read` (its end or its error): `DUPLICATE_ID` at the earliest
    /// record kept that repeats an earlier one (one more walk up to the last kept record), otherwise `read`.
    #[cfg(feature = "alloc")]
    #[cold]
    fn settle(&mut self, read: Result<bool, Error>) -> Result<bool, Error> {
        let Some(last) = self.pack.last_kept() else {
            return read;
        };
        let Ok(mut w) = Walker::new(self.buf, None, self.pack.model()) else {
            return read;
        };
        let earlier = core::iter::from_fn(|| {
            let at = w.pos;
            if at >= last {
                return None;
            }
            match w.next_record(false) {
                Ok(Some(r)) => Some((r.path, r.time, at)),
                _ => None,
            }
        });
        match self.pack.first_repeat(earlier) {
            Some(at) => Err(Error::new(ErrorKind::DuplicateId, at)),
            None => read,
        }
    }
}

impl<'a, M: Model + ?Sized> records::Walk<'a> for Walker<'a, M> {
    #[cfg_attr(feature = "senml-fast", inline(always))]
    fn check<S: FnMut(Record<'a>)>(mut self, mut sink: S) -> Result<(), Error> {
        let mut r = Record::new(Path::object_path(0), Value::None);
        while self.read_valid(&mut r)? {
            sink(r);
        }
        Ok(())
    }

    #[inline]
    fn reread(&mut self) -> Option<Record<'a>> {
        self.next_record(false).ok().flatten()
    }
}

/// The records of a validated SenML-CBOR pack, borrowed from it and from the model: [`Records`] over the SenML-CBOR
/// walker. Iterating cannot fail.
pub type SenmlRecords<'a, M> = Records<'a, Walker<'a, M>>;

/// Validates a SenML-CBOR pack and returns its records, typed by `model`.
///
/// `request` is the path the pack was read from or written to; every record must lie under it. Records with values
/// must name resources or resource instances; a pack of names only (a Read-Composite request) may name objects and
/// instances too and gives records with [`Value::None`]. A record's `resource` is the model's definition; one the
/// model does not know keeps the type its CBOR kind shows ([`Record::unknown`]).
///
/// # Errors
/// The first problem in input order, with its byte offset (see the module docs and `vectors/FORMATS.md`).
pub fn decode<'a, M: Model + ?Sized>(
    input: &'a [u8],
    request: Option<&Path>,
    model: &'a M,
) -> Result<SenmlRecords<'a, M>, Error> {
    records::decode(Walker::new(input, request, model)?)
}

/// Validates a SenML-CBOR pack as [`decode`] does, then hands each record to `f` in input order; returns the record
/// count. Nothing is handed out unless the whole pack is valid.
///
/// With `senml-fast` (hosts), the pack is read once into a stack array of 32 records, which are then
/// handed out; only a longer pack is read twice (validated, then read again). Without it (firmware), the pack is
/// always read twice, each pass in a frame of its own, so that the stack holds no array and one walker at a time.
///
/// # Errors
/// As [`decode`].
pub fn decode_each<'a, M: Model + ?Sized>(
    input: &'a [u8],
    request: Option<&Path>,
    model: &'a M,
    f: impl FnMut(Record<'a>),
) -> Result<usize, Error> {
    #[cfg(feature = "senml-fast")]
    {
        let mut f = f;
        let mut buffer = [Record::new(Path::object_path(0), Value::None); BUFFERED];
        match decode_into(input, request, model, &mut buffer) {
            Ok(n) => {
                buffer.iter().take(n).for_each(|r| f(*r));
                Ok(n)
            }
            // Only once the whole pack is valid: it holds more records than the array.
            Err(e) if e.kind() == ErrorKind::BufferTooSmall => {
                records::decode_each(Walker::new(input, request, model)?, f)
            }
            Err(e) => Err(e),
        }
    }
    #[cfg(not(feature = "senml-fast"))]
    {
        let mut f = f;
        let n = Walker::count(input, request, model)?;
        Walker::hand_out(input, request, model, &mut f)?;
        Ok(n)
    }
}

/// The records [`decode_each`] reads in one pass with `senml-fast` (a LoRaWAN frame of 242 bytes holds fewer).
#[cfg(feature = "senml-fast")]
const BUFFERED: usize = 32;

/// Decodes in a single pass into `out`; returns the number of records written.
///
/// # Errors
/// As [`decode`]; `BUFFER_TOO_SMALL` (offset = the number of records the pack holds) if `out` is too short.
pub fn decode_into<'a, M: Model + ?Sized>(
    input: &'a [u8],
    request: Option<&Path>,
    model: &'a M,
    out: &mut [Record<'a>],
) -> Result<usize, Error> {
    // The checking pass of the walker, reading each record straight into its slot, here rather than through
    // `records::decode_into` (a hand-over per record) or a method of the walker: either took about 2 % more
    // instructions (benches/README.md).
    let mut walker = Walker::new(input, request, model)?;
    let mut n = 0usize;
    let mut spare = Record::new(Path::object_path(0), Value::None);
    loop {
        // The records of the quick shape in a row, with the walker's hot state in locals (`quick.rs`).
        #[cfg(feature = "senml-fast")]
        {
            n += walker.run(out.get_mut(n..).unwrap_or_default());
        }
        let slot = out.get_mut(n).unwrap_or(&mut spare);
        if !walker.read_valid(slot)? {
            break;
        }
        n += 1;
    }
    if n > out.len() {
        return Err(at(ErrorKind::BufferTooSmall, n));
    }
    Ok(n)
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
    records::decode_to_vec(Walker::new(input, request, model)?)
}
