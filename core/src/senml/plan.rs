//! What both encoders write, decided once: the record checks, the shared name prefix (`bn`) and the base time.

use super::fields::{add, as_number, to_f64};
#[cfg(feature = "senml-fast")]
use super::resolve::Screen;
use super::resolve::{packed, Lookup};
use crate::cbor::Number;
use crate::error::{Error, ErrorKind};
use crate::path::Path;
use crate::registry::Model;
use crate::value::{DataType, Record, Value};

#[cfg(feature = "senml-json")]
/// The longest name text: `/65535/65535/65535/65535`, or a prefix with its trailing `/`.
const NAME_MAX: usize = 26;

#[cfg(feature = "senml-json")]
/// A name (`bn` or `n`) as text, on the stack.
pub(crate) struct Name {
    buf: [u8; NAME_MAX],
    len: usize,
}

#[cfg(feature = "senml-json")]
impl Name {
    /// `ids` joined by `/`, with a leading and/or trailing `/`.
    #[inline]
    pub(crate) fn new((ids, leading, trailing): NameIds<'_>) -> Name {
        let mut name = Name {
            buf: [0; NAME_MAX],
            len: 0,
        };
        for (k, &id) in ids.iter().enumerate() {
            if leading || k > 0 {
                name.push(b'/');
            }
            let digits = digits(id);
            let mut v = id;
            for at in (name.len..name.len + digits).rev() {
                if let Some(slot) = name.buf.get_mut(at) {
                    *slot = b'0' + (v % 10) as u8;
                }
                v /= 10;
            }
            name.len += digits;
        }
        if trailing {
            name.push(b'/');
        }
        name
    }

    #[inline]
    fn push(&mut self, b: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    /// The text (ASCII).
    #[inline]
    pub(crate) fn as_bytes(&self) -> &[u8] {
        self.buf.get(..self.len).unwrap_or(&self.buf)
    }
}

#[cfg(feature = "senml-json")]
/// The fields of one record besides its value, in writing order: `bn`, `bt`, `n`, (value), `t`.
pub(crate) struct Entry {
    /// `bn` (first record only).
    pub bn: Option<Name>,
    /// `bt` (first record only).
    pub bt: Option<Number>,
    /// `n`.
    pub n: Option<Name>,
    /// `t`.
    pub t: Option<Number>,
}

/// The canonical layout of one pack.
pub(crate) struct Plan {
    /// Every record has the same path: `bn` is that path and no record has `n`.
    whole: bool,
    /// The number of leading ids in `bn` (0: no `bn`, each `n` is the full path; the path's length when `whole`).
    prefix: usize,
    /// The base time, when every record has a time and each one comes back exactly as `bt + t`.
    base_time: Option<f64>,
}

/// The `t` to write for `time` under base time `bt` (`None`: omitted, as 0). Out of line without `senml-fast`: the
/// plan and the writers share one copy.
#[cfg_attr(feature = "senml-fast", inline)]
#[cfg_attr(not(feature = "senml-fast"), inline(never))]
fn offset(bt: f64, time: f64) -> Option<Number> {
    Some(as_number(crate::cbor::f64_add(time, -bt))).filter(|n| *n != Number::Int(0))
}

/// Whether a reader adding the `t` of `time` ([`offset`]) to `bt` gets `time` back bit for bit.
#[inline]
fn exact(bt: f64, time: f64) -> bool {
    let back = add(Some(as_number(bt)), offset(bt, time)).map(to_f64);
    back.map(f64::to_bits) == Some(time.to_bits())
}

/// Ids two paths share at the front, from their [`packed`] ids and lengths.
#[inline]
fn common(a: u64, a_len: usize, b: u64, b_len: usize) -> usize {
    (((a ^ b).leading_zeros() / 16) as usize)
        .min(a_len)
        .min(b_len)
}

/// Which records repeat the path and time of an earlier one.
///
/// With `senml-fast`, while paths strictly increase (their [`packed`] ids and lengths) no record can repeat an
/// earlier one; at the first that does not, a [`Screen`] takes every earlier record and screens from there on, and
/// only a hit compares records. Without it (firmware: short packs, code size first), every record is compared with
/// the ones before it.
#[derive(Default)]
struct Repeats {
    #[cfg(feature = "senml-fast")]
    screen: Screen,
    #[cfg(feature = "senml-fast")]
    last: Option<(u64, usize)>,
    #[cfg(feature = "senml-fast")]
    screened: bool,
}

impl Repeats {
    /// True if `records[i]`, whose path has the [`packed`] ids `key` and `len` ids, has the path and time of an
    /// earlier record (called for each `i` in turn).
    #[cfg_attr(feature = "senml-fast", inline(always))]
    fn check(
        &mut self,
        records: &[Record<'_>],
        i: usize,
        r: &Record<'_>,
        key: u64,
        len: usize,
    ) -> bool {
        #[cfg(not(feature = "senml-fast"))]
        let _ = (key, len);
        #[cfg(feature = "senml-fast")]
        {
            let ordered = !self.screened && self.last.is_none_or(|l| (key, len) > l);
            self.last = Some((key, len));
            if ordered {
                return false;
            }
            if !self.screened {
                self.screened = true;
                for e in records.iter().take(i) {
                    self.screen.insert(packed(&e.path), e.path.len(), e.time);
                }
            }
            if !self.screen.insert(key, len, r.time) {
                return false;
            }
        }
        records
            .iter()
            .take(i)
            .any(|e| e.path == r.path && e.time == r.time)
    }
}

impl Plan {
    /// Checks every record and lays the pack out. With `json`, non-finite floats and times are `INVALID_RECORD`
    /// (JSON has no number for them).
    ///
    /// Errors carry the record index: `MISSING_VALUE` (records with and without values mixed: at the first without),
    /// `INVALID_PATH` (a value above resource level), `PATH_MISMATCH`, `EXECUTABLE_VALUE`, `TYPE_MISMATCH`,
    /// `DUPLICATE_ID` (same path and time as an earlier record).
    pub(crate) fn new<M: Model + ?Sized>(
        records: &[Record<'_>],
        request: Option<&Path>,
        model: &M,
        json: bool,
    ) -> Result<Plan, Error> {
        let mut lookup = Lookup::new(model);
        let mut repeats = Repeats::default();
        let mut first_name: Option<usize> = None;
        let mut values = false;
        let Some(first) = records.first() else {
            return Ok(Plan {
                whole: false,
                prefix: 0,
                base_time: None,
            });
        };
        let (mut prefix, mut min_len, mut whole, mut all_timed) = (first.path.len(), 4, true, true);
        let (first_key, first_len) = (packed(&first.path), first.path.len());
        // The request's packed ids, the shift that keeps only its levels, and its length (no request: all pass).
        #[cfg(feature = "senml-fast")]
        let (q, shift, q_len) = request.map_or((0, 64, 0), |q| {
            (packed(q), 64 - 16 * q.len() as u32, q.len())
        });
        for (i, r) in records.iter().enumerate() {
            let (key, len) = (packed(&r.path), r.path.len());
            let fail = |kind| Err(Error::new(kind, i));
            let none = matches!(r.value, Value::None);
            if none {
                if values {
                    return fail(ErrorKind::MissingValue);
                }
                first_name.get_or_insert(i);
            } else {
                if let Some(at) = first_name {
                    return Err(Error::new(ErrorKind::MissingValue, at));
                }
                values = true;
                if r.path.len() < 3 {
                    return fail(ErrorKind::InvalidPath);
                }
            }
            if r.path.has_reserved_id() || r.path.is_root() {
                return fail(ErrorKind::InvalidPath);
            }
            // Inside the request: the same first ids, and at least as many (ids past a length are 0). Without
            // `senml-fast`, `Path::contains` (smaller code than the packed ids' shift test).
            #[cfg(feature = "senml-fast")]
            let outside = shift < 64 && ((key ^ q) >> shift != 0 || len < q_len);
            #[cfg(not(feature = "senml-fast"))]
            let outside = request.is_some_and(|q| !q.contains(&r.path));
            if outside {
                return fail(ErrorKind::PathMismatch);
            }
            if !none {
                let def = r
                    .path
                    .resource()
                    .and_then(|rid| lookup.resource(r.path.object(), rid));
                match def.map(|d| d.data_type()) {
                    Some(DataType::None) => return fail(ErrorKind::ExecutableValue),
                    Some(t) if t != r.value.data_type() => return fail(ErrorKind::TypeMismatch),
                    _ => {}
                }
            }
            if json
                && (matches!(r.value, Value::Float(x) if !x.is_finite())
                    || r.time.is_some_and(|t| !t.is_finite()))
            {
                return fail(ErrorKind::InvalidRecord);
            }
            if repeats.check(records, i, r, key, len) {
                return fail(ErrorKind::DuplicateId);
            }
            prefix = prefix.min(common(first_key, first_len, key, len));
            min_len = min_len.min(len);
            whole &= key == first_key && len == first_len;
            all_timed &= r.time.is_some();
        }
        let base_time = match first.time {
            Some(bt) if all_timed => Some(bt).filter(|&bt| {
                records
                    .iter()
                    .all(|r| exact(bt, r.time.unwrap_or(f64::NAN)))
            }),
            _ => None,
        };
        Ok(Plan {
            whole,
            prefix: if whole {
                first_len
            } else {
                prefix.min(min_len - 1)
            },
            base_time,
        })
    }

    #[cfg(feature = "senml-json")]
    /// The fields of record `i` besides its value.
    #[inline]
    pub(crate) fn entry(&self, i: usize, r: &Record<'_>) -> Entry {
        let (bn, n) = self.names(i, r.path.ids());
        let (bt, t) = self.times(i, r.time);
        Entry {
            bn: bn.map(Name::new),
            bt,
            n: n.map(Name::new),
            t,
        }
    }

    /// The `bn` (first record only) and `n` of record `i`, of path ids `ids`: `bn` the first [`Plan::prefix`] ids
    /// with a leading `/` and, unless it is the whole path, a trailing one; `n` the rest (none when every record
    /// has the same path), with a leading `/` when there is no `bn`.
    #[cfg_attr(feature = "senml-fast", inline(always))]
    pub(crate) fn names<'i>(
        &self,
        i: usize,
        ids: &'i [u16],
    ) -> (Option<NameIds<'i>>, Option<NameIds<'i>>) {
        let (head, rest) = ids.split_at(self.prefix.min(ids.len()));
        (
            (i == 0 && !head.is_empty()).then_some((head, true, !self.whole)),
            (!self.whole).then_some((rest, head.is_empty(), false)),
        )
    }

    /// `bt` and `t` of record `i`, whose time is `time`.
    #[cfg_attr(feature = "senml-fast", inline(always))]
    pub(crate) fn times(&self, i: usize, time: Option<f64>) -> (Option<Number>, Option<Number>) {
        match (self.base_time, time) {
            (Some(bt), Some(time)) => ((i == 0).then(|| as_number(bt)), offset(bt, time)),
            (_, time) => (None, time.map(as_number)),
        }
    }
}

/// The ids of a name, and whether its text has a leading and a trailing `/`.
pub(crate) type NameIds<'i> = (&'i [u16], bool, bool);

/// The decimal digits of `id` (1 to 5).
#[inline]
pub(crate) fn digits(id: u16) -> usize {
    match id {
        0..=9 => 1,
        10..=99 => 2,
        100..=999 => 3,
        1000..=9999 => 4,
        _ => 5,
    }
}

/// The length of a name's text: each id's digits, a `/` before every id but a first without the leading one, and
/// the trailing `/`.
#[cfg(feature = "senml-cbor")]
#[inline]
pub(crate) fn name_len((ids, leading, trailing): NameIds<'_>) -> usize {
    ids.iter().map(|&id| digits(id) + 1).sum::<usize>() + usize::from(trailing)
        - usize::from(!leading && !ids.is_empty())
}
