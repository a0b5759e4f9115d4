//! The resolver both parsers feed: RFC 8428 §4.6 base-field resolution ([`Base`]), then the LwM2M layer
//! ([`Resolver`]): names to paths, Read-Composite packs, the request path, the model lookup and duplicate screening.

#[cfg(feature = "senml-json")]
use super::fields::{add, to_f64, Fields, Raw};
#[cfg(feature = "senml-json")]
use super::name::NameState;
#[cfg(feature = "alloc")]
use super::repeats::Repeats;
#[cfg(feature = "senml-json")]
use crate::cbor::Number;
use crate::error::{Error, ErrorKind};
use crate::path::Path;
use crate::registry::{Model, ObjectDef, ResourceDef};

#[cfg(feature = "senml-json")]
/// The base fields in force (RFC 8428 §4: until a later record sets the same field again).
#[derive(Debug, Clone)]
pub(crate) struct Base<N, T> {
    /// `bn`.
    pub bn: Option<N>,
    /// `bt`.
    pub bt: Option<Number>,
    /// `bv`.
    pub bv: Option<Number>,
    /// `bu`.
    pub bu: Option<T>,
    /// A `bs` was given.
    pub bs: bool,
}

#[cfg(feature = "senml-json")]
/// One record after base-field resolution. The name is `base.bn` (as it stands after this record) + `n`.
#[derive(Debug, Clone)]
pub(crate) struct Resolved<N, T, D> {
    /// The record's first byte.
    pub start: usize,
    /// This record set `bn`.
    pub new_bn: bool,
    /// `n`.
    pub n: Option<N>,
    /// `bt + t`; `None` when neither is present.
    pub time: Option<Number>,
    /// The value field (`bv + v` for numbers) and its offset.
    pub value: Option<(Raw<T, D>, usize)>,
    /// The record has a sum (`s`, or a `bs` in force).
    pub sum: bool,
}

#[cfg(feature = "senml-json")]
impl<N, T> Base<N, T> {
    /// No base field yet.
    pub(crate) const fn new() -> Self {
        Base {
            bn: None,
            bt: None,
            bv: None,
            bu: None,
            bs: false,
        }
    }

    /// Takes the record's base fields into force and resolves its time and value.
    #[inline]
    pub(crate) fn apply<D>(&mut self, f: Fields<N, T, D>) -> Resolved<N, T, D> {
        let new_bn = f.bn.is_some();
        if new_bn {
            self.bn = f.bn;
        }
        if f.bt.is_some() {
            self.bt = f.bt;
        }
        if f.bv.is_some() {
            self.bv = f.bv;
        }
        if f.bu.is_some() {
            self.bu = f.bu;
        }
        self.bs |= f.bs;
        let value = match f.value {
            Some((Raw::Number(x), at)) => add(self.bv, Some(x)).map(|x| (Raw::Number(x), at)),
            other => other,
        };
        Resolved {
            start: f.start,
            new_bn,
            n: f.n,
            time: add(self.bt, f.t),
            value,
            sum: f.s || self.bs,
        }
    }
}

/// Whether the pack so far has values (LwM2M data) or names only (a Read-Composite request).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Empty,
    Values,
    /// Names only, the first at this offset.
    Names(usize),
}

#[cfg(feature = "senml-json")]
/// A record resolved to an LwM2M path, with its model definition, not yet typed.
#[derive(Debug)]
pub(crate) struct Step<'m, T, D> {
    /// The record's first byte.
    pub start: usize,
    /// Its path.
    pub path: Path,
    /// The model's definition of the resource.
    pub def: Option<&'m ResourceDef>,
    /// The resolved time.
    pub time: Option<f64>,
    /// The value field and its offset.
    pub value: Option<(Raw<T, D>, usize)>,
    /// An earlier record may have the same path and time (the caller checks exactly).
    pub maybe_duplicate: bool,
}

/// The model with the last object looked up kept (packs rarely change object between records).
pub(crate) struct Lookup<'m, M: ?Sized> {
    model: &'m M,
    /// The object looked up last (`u32::MAX`: none yet), its definition and the last resource index found.
    object_id: u32,
    object: Option<&'m ObjectDef>,
    index: usize,
}

impl<M: ?Sized> Clone for Lookup<'_, M> {
    fn clone(&self) -> Self {
        Lookup { ..*self }
    }
}

impl<'m, M: Model + ?Sized> Lookup<'m, M> {
    /// Nothing looked up yet.
    pub(crate) const fn new(model: &'m M) -> Self {
        Lookup {
            model,
            object_id: u32::MAX,
            object: None,
            index: 0,
        }
    }

    /// The model.
    #[cfg(feature = "alloc")]
    pub(crate) const fn model(&self) -> &'m M {
        self.model
    }

    /// The definition of resource `rid` of object `oid`: the object is looked up only when it changes, and the
    /// resource after the last one found is tried before a binary search (packs list resources in id order).
    #[cfg_attr(feature = "senml-fast", inline(always))]
    pub(crate) fn resource(&mut self, oid: u16, rid: u16) -> Option<&'m ResourceDef> {
        if u32::from(oid) != self.object_id {
            self.object_id = u32::from(oid);
            self.object = self.model.object(oid);
            self.index = 0;
        }
        let object: &'m ObjectDef = self.object?;
        // Most objects number their resources densely from 0, so the id is also a good guess at the index.
        if let Some(r) = object.resources.get(usize::from(rid)) {
            if r.id == rid {
                self.index = usize::from(rid);
                return Some(r);
            }
        }
        object.resource_near(rid, &mut self.index)
    }
}

/// Words of [`Screen`]: 256 bits with `senml-fast`; 128 without, so that clearing one is a few stores and not a
/// `memset` call on small targets (a miss is as certain either way; only how often a hit sends the reader back to
/// look differs).
#[cfg(feature = "senml-fast")]
const SCREEN_WORDS: usize = 4;
#[cfg(not(feature = "senml-fast"))]
const SCREEN_WORDS: usize = 2;

/// A screen of the (path, time) pairs seen, [`SCREEN_WORDS`] × 64 bits: a hit means "maybe seen", a miss
/// "certainly new".
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Screen([u64; SCREEN_WORDS]);

impl Screen {
    /// Nothing seen: a constant, so that a walker's screen is cleared in place (not in a temporary then copied).
    pub(crate) const EMPTY: Screen = Screen([0; SCREEN_WORDS]);

    /// Marks (path, time) as seen (the path as its [`packed`] ids and length); true if it may have been seen
    /// before.
    #[inline]
    pub(crate) fn insert(&mut self, key: u64, len: usize, time: Option<f64>) -> bool {
        // `+ 0.0` makes −0.0 and 0.0 one key, as `==` does.
        let t = time.map_or(0x5bd1_e995, |t| zero_folded(t).rotate_left(29));
        let h = (key ^ t ^ len as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        // The top bits of the hash: a bit of the screen.
        let bit = (h >> (64 - (SCREEN_WORDS * 64).trailing_zeros())) as usize;
        let mask = 1u64 << (bit & 63);
        match self.0.get_mut(bit >> 6) {
            Some(word) => {
                let hit = *word & mask != 0;
                *word |= mask;
                hit
            }
            None => true,
        }
    }
}

/// The ids of a path in one integer, the object in the top 16 bits (ids past the length are 0).
#[inline]
pub(crate) fn packed(path: &Path) -> u64 {
    let [o, i, r, ri] = [0, 1, 2, 3].map(|level| u64::from(path.id(level)));
    o << 48 | i << 32 | r << 16 | ri
}

/// The pack-level LwM2M rules both parsers share: Read-Composite packs, the request path, duplicate screening and
/// the model lookup.
pub(crate) struct Pack<'m, M: ?Sized> {
    lookup: Lookup<'m, M>,
    /// The request path's packed ids, and the shift that keeps only its levels (64: no request).
    request: (u64, u32),
    mode: Mode,
    seen: Screen,
    /// The least and greatest (path, time) keys so far (see [`order_key`]): a record outside that range cannot
    /// repeat an earlier one, so packs in ascending or descending order never look back.
    range: Option<(OrderKey, OrderKey)>,
    /// Records that may repeat an earlier one, checked when the pass ends (`repeats.rs`).
    #[cfg(feature = "alloc")]
    repeats: Repeats<OrderKey>,
}

/// A total order on (path, time) in which equal keys are exactly the pairs `==` calls equal: the packed ids, the
/// length and whether there is a time in one wide word, then the time's bits with −0.0 taken as 0.0 ([`zero_folded`];
/// a NaN is never equal and only costs a look back). Two integer comparisons order two keys.
#[cfg(feature = "alloc")]
type OrderKey = (u128, u64);

/// Without `alloc` the keys only bound the range of [`Pack::screen`] (no list of kept records compares them), so
/// they may be coarser: the packed ids and the time's bits (0 without a time). Two records that `==` calls equal
/// still have equal keys, so a key outside the range is still certainly new; two different records with equal keys
/// (a path and the same path with a trailing id 0, no time and time 0) only cost a look back. 16 bytes less per key
/// on the decode stack of firmware builds.
#[cfg(not(feature = "alloc"))]
type OrderKey = (u64, u64);

/// The [`OrderKey`] of a record.
#[inline]
fn order_key(key: u64, len: usize, time: Option<f64>) -> OrderKey {
    #[cfg(not(feature = "alloc"))]
    {
        let _ = len;
        (key, time.map_or(0, zero_folded))
    }
    #[cfg(feature = "alloc")]
    {
        let (timed, bits) = time.map_or((0, 0), |t| (1, zero_folded(t)));
        (u128::from(key) << 64 | (len as u128) << 1 | timed, bits)
    }
}

/// The bits of `t`, −0.0 taken as 0.0: `(t + 0.0).to_bits()`. Size-first builds test the bits instead, which gives
/// the same for every time but a NaN (whose bits only need to be the same for the same NaN), without a float
/// addition (a soft-float routine on Cortex-M).
#[inline]
fn zero_folded(t: f64) -> u64 {
    #[cfg(feature = "senml-fast")]
    return (t + 0.0).to_bits();
    #[cfg(not(feature = "senml-fast"))]
    {
        // Only −0.0 changes (+0.0's bits are 0 already): one integer comparison, which the compiler does not turn
        // into a float comparison (a soft-float call on Cortex-M) as it does a test of both zeros.
        let bits = t.to_bits();
        if bits == 1 << 63 {
            0
        } else {
            bits
        }
    }
}

impl<M: ?Sized> Clone for Pack<'_, M> {
    fn clone(&self) -> Self {
        Pack {
            lookup: self.lookup.clone(),
            request: self.request,
            mode: self.mode,
            seen: self.seen,
            range: self.range,
            #[cfg(feature = "alloc")]
            repeats: self.repeats.clone(),
        }
    }
}

impl<'m, M: Model + ?Sized> Pack<'m, M> {
    /// The rules for one pack (inlined: built in place in the reader's walker).
    #[inline(always)]
    pub(crate) fn new(model: &'m M, request: Option<&Path>) -> Self {
        Pack {
            lookup: Lookup::new(model),
            request: request.map_or((0, 64), |q| (packed(q), 64 - 16 * q.len() as u32)),
            mode: Mode::Empty,
            seen: Screen::EMPTY,
            range: None,
            #[cfg(feature = "alloc")]
            repeats: Repeats::default(),
        }
    }

    /// Keeps the record at `start`, which [`check`](Self::check) or [`admit`](Self::admit) found may repeat an
    /// earlier one, for [`first_repeat`](Self::first_repeat). A NaN time equals no time: such a record repeats none.
    #[cfg(feature = "alloc")]
    #[inline]
    pub(crate) fn keep(&mut self, path: &Path, time: Option<f64>, start: usize) {
        if !time.is_some_and(f64::is_nan) {
            self.repeats
                .keep(order_key(packed(path), path.len(), time), start);
        }
    }

    /// The offset of the last record kept, if any.
    #[cfg(feature = "alloc")]
    #[inline]
    pub(crate) fn last_kept(&self) -> Option<usize> {
        self.repeats.last()
    }

    /// The offset of the earliest kept record whose path and time an earlier record has; `earlier` gives the pack's
    /// records in order (path, time, offset of the record), and may stop at [`last_kept`](Self::last_kept).
    #[cfg(feature = "alloc")]
    #[cold]
    pub(crate) fn first_repeat(
        &mut self,
        earlier: impl Iterator<Item = (Path, Option<f64>, usize)>,
    ) -> Option<usize> {
        self.repeats
            .first(earlier.map(|(path, time, at)| (order_key(packed(&path), path.len(), time), at)))
    }

    /// The model (the look-back walker's, with `alloc`).
    #[cfg(feature = "alloc")]
    pub(crate) fn model(&self) -> &'m M {
        self.lookup.model()
    }

    /// Applies the pack rules to the record at `start` (its path, packed `key`, resolved time, whether it has a
    /// value and a sum): a sum alone or a mix of records with and without values is `MISSING_VALUE`, a value above
    /// resource level `INVALID_NAME`, a path outside the request `PATH_MISMATCH`. Returns true when an earlier
    /// record may have the same path and time (the caller checks exactly).
    #[inline]
    pub(crate) fn check(
        &mut self,
        start: usize,
        has_value: bool,
        sum: bool,
        path: &Path,
        key: u64,
        time: Option<f64>,
    ) -> Result<bool, Error> {
        if path.has_reserved_id() {
            return Err(Error::new(ErrorKind::InvalidPath, start));
        }
        let missing = |at| Err(Error::new(ErrorKind::MissingValue, at));
        match (has_value, self.mode) {
            (false, _) if sum => return missing(start),
            (true, Mode::Names(first)) => return missing(first),
            (false, Mode::Values) => return missing(start),
            (true, _) => self.mode = Mode::Values,
            (false, Mode::Empty) => self.mode = Mode::Names(start),
            (false, Mode::Names(_)) => {}
        }
        if has_value && path.len() < 3 {
            return Err(Error::new(ErrorKind::InvalidName, start));
        }
        // Inside the request: the same first ids, and at least as many (ids past a length are 0).
        let (q, shift) = self.request;
        let depth = (64 - shift) / 16;
        if shift < 64 && ((key ^ q) >> shift != 0 || (path.len() as u32) < depth) {
            return Err(Error::new(ErrorKind::PathMismatch, start));
        }
        Ok(self.screen(key, path.len(), time))
    }

    /// Marks (path, time) as seen; true when an earlier record may have the same (the caller checks exactly). A
    /// key above the greatest so far (packs in ascending order) is tried first.
    #[cfg_attr(feature = "senml-fast", inline(always))]
    fn screen(&mut self, key: u64, len: usize, time: Option<f64>) -> bool {
        let hit = self.seen.insert(key, len, time);
        let k = order_key(key, len, time);
        match &mut self.range {
            Some((_, hi)) if k > *hi => {
                *hi = k;
                false
            }
            Some((lo, _)) if k < *lo => {
                *lo = k;
                false
            }
            Some(_) => hit,
            None => {
                self.range = Some((k, k));
                false
            }
        }
    }

    /// For the reader's quick path: true when a record with a value at the path of `len` ids packed in `key` passes the rules
    /// [`check`](Self::check) applies before its duplicate screen (values in a names-only pack, the level, the
    /// request). Changes nothing.
    #[cfg_attr(feature = "senml-fast", inline(always))]
    #[cfg_attr(not(feature = "senml-fast"), allow(dead_code))]
    pub(crate) fn admits(&self, key: u64, len: usize) -> bool {
        let (q, shift) = self.request;
        let depth = (64 - shift) / 16;
        !matches!(self.mode, Mode::Names(_))
            && len >= 3
            && (shift >= 64 || ((key ^ q) >> shift == 0 && len as u32 >= depth))
    }

    /// For the reader's quick path: true when [`admits`](Self::admits) holds for every path of more than `len`
    /// ids (and at least 3) that starts with the `len` ids packed in `key`: the request is no deeper than `len`
    /// and `key` is under it. Changes nothing.
    #[cfg(feature = "senml-fast")]
    #[inline(always)]
    pub(crate) fn admits_under(&self, key: u64, len: u32) -> bool {
        let (q, shift) = self.request;
        let depth = (64 - shift) / 16;
        !matches!(self.mode, Mode::Names(_))
            && depth <= len
            && (shift >= 64 || (key ^ q) >> shift == 0)
    }

    /// For the reader's quick path, after [`admits`](Self::admits): takes the record with a value into the pack, as
    /// [`check`](Self::check) does; true when an earlier record may have the same path and time.
    #[cfg_attr(feature = "senml-fast", inline(always))]
    #[cfg_attr(not(feature = "senml-fast"), allow(dead_code))]
    pub(crate) fn admit(&mut self, key: u64, len: usize, time: Option<f64>) -> bool {
        self.mode = Mode::Values;
        self.screen(key, len, time)
    }

    /// The model's definition of resource `rid` of object `oid`.
    #[cfg_attr(feature = "senml-fast", inline(always))]
    #[cfg_attr(not(feature = "senml-fast"), allow(dead_code))]
    pub(crate) fn resource(&mut self, oid: u16, rid: u16) -> Option<&'m ResourceDef> {
        self.lookup.resource(oid, rid)
    }

    /// The model's definition of the resource `path` names (`None` above resource level).
    #[inline]
    pub(crate) fn def(&mut self, path: &Path) -> Option<&'m ResourceDef> {
        let rid = path.resource()?;
        self.lookup.resource(path.object(), rid)
    }
}

#[cfg(feature = "senml-json")]
/// The LwM2M layer over [`Base`] (the SenML-JSON reader's; the CBOR reader keeps its base fields itself).
pub(crate) struct Resolver<'m, M: ?Sized, N, T> {
    /// The base fields in force.
    pub base: Base<N, T>,
    /// `bn` parsed.
    prefix: NameState,
    pack: Pack<'m, M>,
}

#[cfg(feature = "senml-json")]
impl<'m, M: Model + ?Sized, N: AsRef<[u8]>, T> Resolver<'m, M, N, T> {
    /// A resolver for one pack.
    pub(crate) fn new(model: &'m M, request: Option<&Path>) -> Self {
        Resolver {
            base: Base::new(),
            prefix: NameState::EMPTY,
            pack: Pack::new(model, request),
        }
    }

    /// Keeps a record that may repeat an earlier one ([`Pack::keep`]).
    pub(crate) fn keep(&mut self, path: &Path, time: Option<f64>, start: usize) {
        self.pack.keep(path, time, start);
    }

    /// The earliest kept record that repeats an earlier one ([`Pack::first_repeat`]).
    pub(crate) fn first_repeat(
        &mut self,
        earlier: impl Iterator<Item = (Path, Option<f64>, usize)>,
    ) -> Option<usize> {
        self.pack.first_repeat(earlier)
    }

    /// Resolves one record and applies the pack rules ([`Pack::check`]).
    pub(crate) fn step<D>(&mut self, fields: Fields<N, T, D>) -> Result<Step<'m, T, D>, Error> {
        let r = self.base.apply(fields);
        let start = r.start;
        if r.new_bn {
            self.prefix = NameState::EMPTY;
            if let Some(bn) = &self.base.bn {
                self.prefix.feed(bn.as_ref());
            }
        }
        let mut name = self.prefix;
        if let Some(n) = &r.n {
            name.feed(n.as_ref());
        }
        let (path, key) = name
            .finish()
            .ok_or(Error::new(ErrorKind::InvalidName, start))?;
        let time = r.time.map(to_f64);
        let maybe_duplicate = self
            .pack
            .check(start, r.value.is_some(), r.sum, &path, key, time)?;
        let def = self.pack.def(&path);
        Ok(Step {
            start,
            path,
            def,
            time,
            value: r.value,
            maybe_duplicate,
        })
    }
}
