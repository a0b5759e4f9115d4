//! Packs that repeat the last pack's structure ([`Shape`]): a device sends the same records frame after frame, only
//! the values change. The structure of the last pack read in full — every byte but the values, the resolved paths,
//! times and model definitions — is kept; a pack of the same length whose bytes match it outside the value fields is
//! read from its values alone, each read and typed as the reader's quick path reads and types it (`quick.rs`).
//! Anything else, and any value the quick path would give up on, is read in full ([`decode_into`]), which then
//! reports what it always does.
//!
//! Why that gives the full reader's results exactly: the kept structure is only taken from a pack the full reader
//! accepted, and only when each record is a definite map of one-byte labels among `n`, `bn`, `t`, `bt`, `u`, `bu`,
//! `bver` (their values kept byte for byte) with exactly one value field, `v` (an integer or a half, single or double
//! float), `vs` (a definite text) or `vb`. A matching pack has the same bytes at the same places outside the value
//! fields, and each value field has the extent of the kept one (an integer the same head length, a float or text
//! the same head), so the reader walks it the same way and reaches the same names, times, request and duplicate
//! verdicts (none depends on a value: no `bv`, `s` or `bs` is taken). What depends on a value is its reading (an
//! integer in the i64 range, a float widened, text with its UTF-8 check, `true` / `false`) and its typing against
//! the same definition (`typed_quick`), done here by the quick path's functions, which its own test holds to the
//! general path's; where one gives up, the full reader reads the pack. The agreement test (`tests_shape.rs`) runs
//! every vector and mutated packs through both.

use super::quick::{number, typed_quick};
use super::{decode_each, decode_into, BUFFERED};
use crate::cbor::Number;
use crate::error::{Error, ErrorKind};
use crate::path::Path;
use crate::registry::{Model, ResourceDef};
use crate::senml::resolve::Lookup;
use crate::value::{DataType, Record, Value};

/// Texts taken from their slots (for the tests).
#[cfg(test)]
pub(super) static REUSED: core::sync::atomic::AtomicUsize = core::sync::atomic::AtomicUsize::new(0);

/// The longest pack a [`Shape`] keeps (a LoRaWAN frame carries at most 242 bytes).
const MAX_LEN: usize = 256;
const WORDS: usize = MAX_LEN / 8;

/// How a value field is read again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `v` as an integer whose head has this additional information (0: one of 0–23, in the head).
    Int(u8),
    /// `v` as a float (its head kept).
    Float,
    /// `vs` (its head, hence its length, kept): head length << 16 | content length.
    Text(u32),
    /// `vb`.
    Bool,
}

/// One record of the kept structure.
#[derive(Debug, Clone, Copy)]
struct Kept<'m> {
    path: Path,
    resource: Option<&'m ResourceDef>,
    ty: Option<DataType>,
    time: Option<f64>,
    /// The value field's first byte, and how it is read.
    at: usize,
    kind: Kind,
}

/// The structure of the last SenML-CBOR pack read, to read packs that repeat it from their values only (module
/// docs of `shape.rs`): [`Shape::decode_each`] gives exactly what [`decode_each`] gives, records and errors.
///
/// Keep one per stream of packs from one source (a batch of one device's uplinks); it is about 2.5 KB.
pub struct Shape<'m, M: ?Sized> {
    /// The kept pack's length (0: nothing kept), model and request path.
    len: usize,
    model: Option<&'m M>,
    request: Option<Path>,
    /// The kept pack's bytes and the mask of those a matching pack must repeat, little-endian words.
    bytes: [u64; WORDS],
    mask: [u64; WORDS],
    count: usize,
    records: [Kept<'m>; BUFFERED],
    /// Counts the structures kept.
    generation: u32,
    /// The length of the last pack read in full.
    last: usize,
    /// Packs read from their values (for the tests).
    #[cfg(test)]
    pub(super) hits: usize,
}

impl<M: Model + ?Sized> Default for Shape<'_, M> {
    fn default() -> Self {
        Shape::new()
    }
}

impl<M: ?Sized> core::fmt::Debug for Shape<'_, M> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Shape")
            .field("len", &self.len)
            .field("records", &self.count)
            .finish_non_exhaustive()
    }
}

impl<'m, M: Model + ?Sized> Shape<'m, M> {
    /// Nothing kept yet.
    pub const fn new() -> Self {
        const NONE: Kept<'static> = Kept {
            path: Path::object_path(0),
            resource: None,
            ty: None,
            time: None,
            at: 0,
            kind: Kind::Bool,
        };
        Shape {
            len: 0,
            model: None,
            request: None,
            bytes: [0; WORDS],
            mask: [0; WORDS],
            count: 0,
            records: [NONE; BUFFERED],
            generation: 0,
            last: 0,
            #[cfg(test)]
            hits: 0,
        }
    }

    /// Validates a SenML-CBOR pack and hands each record to `f`, as [`decode_each`] does (the same records and
    /// errors); a pack that repeats the structure of the last one this shape read in full (same model and request)
    /// is read from its values only. Nothing is handed out unless the whole pack is valid.
    ///
    /// # Errors
    /// As [`decode`](super::decode).
    pub fn decode_each<'a>(
        &mut self,
        input: &'a [u8],
        request: Option<&Path>,
        model: &'m M,
        f: impl FnMut(Record<'a>),
    ) -> Result<usize, Error>
    where
        'm: 'a,
    {
        let mut buffer = [Record::new(Path::object_path(0), Value::None); BUFFERED];
        match self.decode_into(input, request, model, &mut buffer) {
            Ok(n) => {
                buffer.iter().take(n).copied().for_each(f);
                Ok(n)
            }
            Err(e) if e.kind() == ErrorKind::BufferTooSmall => {
                decode_each(input, request, model, f)
            }
            Err(e) => Err(e),
        }
    }

    /// Decodes a SenML-CBOR pack into `out` as [`decode_into`] does (the same records and errors); a pack that
    /// repeats the structure of the last one this shape read in full (same model and request) is read from its
    /// values only. On an error, what `out` holds is unspecified.
    ///
    /// # Errors
    /// As [`decode_into`].
    pub fn decode_into<'a>(
        &mut self,
        input: &'a [u8],
        request: Option<&Path>,
        model: &'m M,
        out: &mut [Record<'a>],
    ) -> Result<usize, Error>
    where
        'm: 'a,
    {
        if self.keeps(input, request, model) && out.len() >= self.count {
            if let Some(n) = self.replay(input, out) {
                #[cfg(test)]
                {
                    self.hits += 1;
                }
                return Ok(n);
            }
        }
        let n = decode_into(input, request, model, out)?;
        self.learn(input, request, model, out.get(..n).unwrap_or_default());
        Ok(n)
    }

    /// Reads `input` from its values if it repeats the kept structure (same model and request, as the last call to
    /// [`Shape::decode_into`] or [`Shape::decode_each`] that read a pack in full had): writes each record's value, in
    /// order, into `values` and returns the record count. The records are then [`Shape::kept`]'s with these values,
    /// exactly what [`decode_into`] gives. `None` (`values` partly written) if the pack does not repeat the kept
    /// structure, a value is one the full reader is needed for, or `values` is too short; nothing is learnt then.
    ///
    /// Keep `values` from one pack to the next (of packs that stay borrowed): a text value whose bytes equal those
    /// of the text already in its slot is taken from the slot, without a second UTF-8 check.
    #[inline]
    pub fn values<'a>(
        &self,
        input: &'a [u8],
        request: Option<&Path>,
        model: &'m M,
        values: &mut [Value<'a>],
    ) -> Option<usize>
    where
        'm: 'a,
    {
        if !self.keeps(input, request, model) {
            return None;
        }
        self.replay(input, values)
    }

    /// A number that changes whenever the kept structure does, and the kept records with no value (path,
    /// definition, time), in pack order.
    pub fn kept(&self) -> (u32, impl Iterator<Item = Record<'m>> + '_) {
        let records = self.records.get(..self.count).unwrap_or_default();
        let records = records.iter().map(|k| Record {
            path: k.path,
            value: Value::None,
            resource: k.resource,
            time: k.time,
        });
        (self.generation, records)
    }

    /// True if a pack of `input`'s length read at `request` with `model` may repeat the kept structure.
    #[inline(always)]
    fn keeps(&self, input: &[u8], request: Option<&Path>, model: &M) -> bool {
        let same_model = self.model.is_some_and(|m| core::ptr::eq(m, model));
        input.len() == self.len && same_model && request == self.request.as_ref()
    }

    /// Reads `input` from its values if it repeats the kept structure, writing each record into its slot of `out`;
    /// the record count, or `None` (after some records, perhaps) if it does not, a value is refused or `out` is too
    /// short. A text equal in bytes to the one its slot holds is taken from the slot (it was checked as UTF-8).
    #[inline(always)]
    fn replay<'a, S: Slot<'a, 'm>>(&self, input: &'a [u8], out: &mut [S]) -> Option<usize>
    where
        'm: 'a,
    {
        let mut diff = 0u64;
        let mut words = input.chunks_exact(8);
        for ((chunk, &b), &m) in (&mut words).zip(&self.bytes).zip(&self.mask) {
            let w = u64::from_le_bytes(chunk.try_into().ok()?);
            diff |= (w ^ b) & m;
        }
        let rest = words.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last.get_mut(..rest.len())?.copy_from_slice(rest);
            let i = input.len() / 8;
            diff |= (u64::from_le_bytes(last) ^ self.bytes.get(i)?) & self.mask.get(i)?;
        }
        if diff != 0 {
            return None;
        }
        let kept = self.records.get(..self.count)?;
        let out = out.get_mut(..kept.len())?;
        for (k, slot) in kept.iter().zip(out) {
            let mut p = k.at;
            // The value field read as the quick path reads it (`quick.rs`: its kind's value, then typed).
            let read = match k.kind {
                Kind::Int(ai) => {
                    let b = *input.get(p)?;
                    match b {
                        0x00..=0x17 if ai == 0 => Value::Integer(i64::from(b)),
                        0x20..=0x37 if ai == 0 => Value::Integer(0x1f - i64::from(b)),
                        _ if b >> 5 <= 1 && b & 0x1f == ai && ai != 0 => {
                            match number(input, &mut p)? {
                                Number::Int(x) => Value::Integer(x),
                                _ => return None,
                            }
                        }
                        _ => return None,
                    }
                }
                Kind::Float => Value::Float(number(input, &mut p)?.to_f64()),
                Kind::Text(len) => {
                    let from = p + (len >> 16) as usize;
                    let s = input.get(from..from + usize::from(len as u16))?;
                    match slot.value() {
                        Value::String(t) | Value::CoreLnk(t) if t.as_bytes() == s => {
                            #[cfg(test)]
                            REUSED.fetch_add(1, core::sync::atomic::Ordering::Relaxed);
                            Value::String(t)
                        }
                        _ => Value::String(core::str::from_utf8(s).ok()?),
                    }
                }
                Kind::Bool => Value::Boolean(match *input.get(p)? {
                    0xf4 => false,
                    0xf5 => true,
                    _ => return None,
                }),
            };
            slot.put(k, typed_quick(read, k.ty, k.at)?);
        }
        Some(kept.len())
    }

    /// Keeps the structure of `input`, which the full reader read as `records`, if it is one a repeat can be read
    /// from (module docs) and the pack read in full before it had its length too (so that packs whose structure
    /// changes every time, as from devices in turn, cost a comparison of lengths each, not a walk); otherwise keeps
    /// what it kept.
    fn learn(
        &mut self,
        input: &[u8],
        request: Option<&Path>,
        model: &'m M,
        records: &[Record<'_>],
    ) {
        let len = input.len();
        let again = len == self.last;
        self.last = len;
        if !again || len > MAX_LEN || len == 0 {
            return;
        }
        let (mut bytes, mut mask) = ([0u8; MAX_LEN], [0u8; MAX_LEN]);
        let (Some(b), Some(m)) = (bytes.get_mut(..len), mask.get_mut(..len)) else {
            return;
        };
        b.copy_from_slice(input);
        m.fill(0xff);
        self.len = 0;
        if self.scan(input, model, records, &mut mask).is_none() {
            return;
        }
        let words = |a: &[u8]| u64::from_le_bytes(a.try_into().unwrap_or_default());
        let pairs = self.bytes.iter_mut().zip(self.mask.iter_mut());
        let chunks = bytes.chunks_exact(8).zip(mask.chunks_exact(8));
        for ((b, m), (cb, cm)) in pairs.zip(chunks).take(len.div_ceil(8)) {
            *b = words(cb);
            *m = words(cm);
        }
        self.count = records.len();
        self.generation = self.generation.wrapping_add(1);
        self.model = Some(model);
        self.request = request.copied();
        self.len = len;
    }

    /// Walks `input` record by record, noting each value field in `self.records` and clearing its variable bytes
    /// in `mask`; `None` if the pack is not of the kept kind or does not line up with `records`.
    fn scan(
        &mut self,
        input: &[u8],
        model: &'m M,
        records: &[Record<'_>],
        mask: &mut [u8; MAX_LEN],
    ) -> Option<()> {
        let mut p = 0;
        let count = match *input.first()? {
            b @ 0x80..=0x97 => usize::from(b & 0x1f),
            0x98 => usize::from(*input.get(1)?),
            _ => return None,
        };
        p += if count < 24 { 1 } else { 2 };
        if count != records.len() || count > BUFFERED {
            return None;
        }
        let mut lookup = Lookup::new(model);
        for (r, kept) in records.iter().zip(self.records.iter_mut()) {
            let entries = match *input.get(p)? {
                b @ 0xa0..=0xb7 => b & 0x1f,
                _ => return None,
            };
            p += 1;
            let mut value = None;
            for _ in 0..entries {
                let label = *input.get(p)?;
                p += 1;
                let at = p;
                let kind = match label {
                    // n, u, t, bver, bn, bt, bu: kept byte for byte.
                    0x00 | 0x01 | 0x06 | 0x20..=0x23 => {
                        p = at.checked_add(extent(input, at)?)?;
                        continue;
                    }
                    0x02 => match *input.get(at)? {
                        b @ (0x00..=0x1b | 0x20..=0x3b) => {
                            let ai = b & 0x1f;
                            Kind::Int(if ai < 24 { 0 } else { ai })
                        }
                        0xf9..=0xfb => Kind::Float,
                        _ => return None,
                    },
                    0x03 if *input.get(at)? >> 5 == 3 => {
                        let n = text_len(input, at)?;
                        let head = extent(input, at)?.checked_sub(n)?;
                        Kind::Text(u32::try_from(head << 16 | n).ok()?)
                    }
                    0x04 => Kind::Bool,
                    _ => return None,
                };
                if value.is_some() {
                    return None;
                }
                let len = extent(input, at)?;
                // What a matching pack may change: an integer's head too (its length is checked when it is read
                // again), a float's or a text's content only.
                let head = match kind {
                    Kind::Text(n) => (n >> 16) as usize,
                    Kind::Float => 1,
                    Kind::Int(_) | Kind::Bool => 0,
                };
                for m in mask.get_mut(at + head..at + len)? {
                    *m = 0;
                }
                value = Some((at, kind));
                p = at + len;
            }
            let (at, kind) = value?;
            let resource = r
                .path
                .resource()
                .and_then(|rid| lookup.resource(r.path.object(), rid));
            if resource.map(|d| d as *const ResourceDef)
                != r.resource.map(|d| d as *const ResourceDef)
            {
                return None;
            }
            *kept = Kept {
                path: r.path,
                resource,
                ty: resource.map(|d| d.data_type()),
                time: r.time,
                at,
                kind,
            };
        }
        (p == input.len()).then_some(())
    }
}

/// What [`Shape`] reads a repeated pack into: a record, or only its value.
trait Slot<'a, 'm: 'a> {
    /// The value the slot holds (from the pack read into it before).
    fn value(&self) -> Value<'a>;
    /// Writes the record of `kept` with `value`.
    fn put(&mut self, kept: &Kept<'m>, value: Value<'a>);
}

impl<'a, 'm: 'a> Slot<'a, 'm> for Value<'a> {
    #[inline(always)]
    fn value(&self) -> Value<'a> {
        *self
    }
    #[inline(always)]
    fn put(&mut self, _: &Kept<'m>, value: Value<'a>) {
        *self = value;
    }
}

impl<'a, 'm: 'a> Slot<'a, 'm> for Record<'a> {
    #[inline(always)]
    fn value(&self) -> Value<'a> {
        self.value
    }
    #[inline(always)]
    fn put(&mut self, k: &Kept<'m>, value: Value<'a>) {
        *self = Record {
            path: k.path,
            value,
            resource: k.resource,
            time: k.time,
        };
    }
}

/// The length of the item at `at` in a pack the reader accepted: an integer, a definite byte or text string, or a
/// simple value or float; `None` for any other item (arrays, maps, tags, indefinite lengths).
fn extent(input: &[u8], at: usize) -> Option<usize> {
    let b = *input.get(at)?;
    let head = match b & 0x1f {
        0..=23 => 1,
        24 => 2,
        25 => 3,
        26 => 5,
        27 => 9,
        _ => return None,
    };
    match b >> 5 {
        0 | 1 => Some(head),
        2 | 3 => head.checked_add(text_len(input, at)?),
        7 if (0xf4..=0xf7).contains(&b) || (0xf9..=0xfb).contains(&b) => Some(head),
        _ => None,
    }
}

/// The content length of the definite string whose head is at `at`.
fn text_len(input: &[u8], at: usize) -> Option<usize> {
    let b = *input.get(at)?;
    let n: u64 = match b & 0x1f {
        ai @ 0..=23 => u64::from(ai),
        24 => u64::from(*input.get(at + 1)?),
        25 => u64::from(u16::from_be_bytes(
            input.get(at + 1..at + 3)?.try_into().ok()?,
        )),
        _ => return None,
    };
    usize::try_from(n).ok()
}
