//! What the SenML readers and writers share: the fields of a record as a parser found them, the labels, and the
//! RFC 8428 arithmetic and typing of values.

use crate::cbor::{typed_number, untyped_number, Number};
use crate::error::{Error, ErrorKind};
use crate::value::{DataType, ObjLnk, Value};

/// A value field as read, before the model types it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Raw<T, D> {
    /// `v` (already added to `bv`).
    Number(Number),
    /// `vs`.
    Text(T),
    /// `vb`.
    Bool(bool),
    /// `vd` (bytes; JSON's base64url already decoded).
    Data(D),
    /// `vlo` (text `"oid:iid"`).
    ObjLnk(T),
}

#[cfg(feature = "senml-json")]
impl<T: AsRef<str>, D: AsRef<[u8]>> Raw<T, D> {
    /// A borrowed view, for [`typed`].
    pub(crate) fn view(&self) -> Raw<&str, &[u8]> {
        match self {
            Raw::Number(n) => Raw::Number(*n),
            Raw::Text(t) => Raw::Text(t.as_ref()),
            Raw::Bool(b) => Raw::Bool(*b),
            Raw::Data(d) => Raw::Data(d.as_ref()),
            Raw::ObjLnk(t) => Raw::ObjLnk(t.as_ref()),
        }
    }
}

/// The fields of one record as a parser found them (`N` name text, `T` other text, `D` data).
///
/// Offsets point into the input: `start` at the record, the value's at the value.
#[derive(Debug, Clone)]
pub(crate) struct Fields<N, T, D> {
    /// The record's first byte.
    pub start: usize,
    /// `bn`.
    pub bn: Option<N>,
    /// `n`.
    pub n: Option<N>,
    /// `bt`.
    pub bt: Option<Number>,
    /// `t`.
    pub t: Option<Number>,
    /// `bv`.
    pub bv: Option<Number>,
    /// `bu`.
    pub bu: Option<T>,
    /// `u`.
    pub u: Option<T>,
    /// `bs` present.
    pub bs: bool,
    /// `s` present.
    pub s: bool,
    /// The one value field, with the offset of its value.
    pub value: Option<(Raw<T, D>, usize)>,
}

impl<N, T, D> Fields<N, T, D> {
    /// No field yet, for the record starting at `start`.
    #[inline]
    pub(crate) fn new(start: usize) -> Self {
        Fields {
            start,
            bn: None,
            n: None,
            bt: None,
            t: None,
            bv: None,
            bu: None,
            u: None,
            bs: false,
            s: false,
            value: None,
        }
    }
}

/// Labels, as small integers (the CBOR keys; `vlo` and unknown labels get numbers of their own).
pub(crate) mod label {
    use crate::error::{Error, ErrorKind};

    pub const BVER: i8 = -1;
    pub const BN: i8 = -2;
    pub const BT: i8 = -3;
    pub const BU: i8 = -4;
    pub const BV: i8 = -5;
    pub const BS: i8 = -6;
    pub const N: i8 = 0;
    pub const U: i8 = 1;
    pub const V: i8 = 2;
    pub const VS: i8 = 3;
    pub const VB: i8 = 4;
    pub const S: i8 = 5;
    pub const T: i8 = 6;
    /// `ut`: only a JSON key names it; the CBOR reader steps over its value as over an unknown label's.
    #[cfg_attr(not(feature = "senml-json"), allow(dead_code))]
    pub const UT: i8 = 7;
    pub const VD: i8 = 8;
    pub const VLO: i8 = 9;
    /// Any label this reader ignores.
    pub const UNKNOWN: i8 = 127;

    /// The label a JSON key names; `None` for an unknown one.
    #[cfg(feature = "senml-json")]
    pub fn from_name(name: &[u8]) -> Option<i8> {
        Some(match name {
            b"bver" => BVER,
            b"bn" => BN,
            b"bt" => BT,
            b"bu" => BU,
            b"bv" => BV,
            b"bs" => BS,
            b"n" => N,
            b"u" => U,
            b"v" => V,
            b"vs" => VS,
            b"vb" => VB,
            b"s" => S,
            b"t" => T,
            b"ut" => UT,
            b"vd" => VD,
            b"vlo" => VLO,
            _ => return None,
        })
    }

    /// Checks the label `l` of the key at `key_at` against the record's labels so far (`seen`, one bit per label,
    /// updated) and its value field (`has_value`): a known label given twice is `repeated` (the reader's
    /// well-formedness kind), a second value field `MULTIPLE_VALUES`, both at the key (before its value is read).
    #[inline(always)]
    pub fn check(
        l: i8,
        seen: &mut u32,
        has_value: bool,
        key_at: usize,
        repeated: ErrorKind,
    ) -> Result<(), Error> {
        if l != UNKNOWN {
            let bit = 1u32 << ((l + 8) & 31);
            if *seen & bit != 0 {
                return Err(Error::new(repeated, key_at));
            }
            *seen |= bit;
        }
        if has_value && matches!(l, V | VS | VB | VD | VLO) {
            return Err(Error::new(ErrorKind::MultipleValues, key_at));
        }
        Ok(())
    }
}

/// The highest `bver` this reader understands.
pub(crate) const MAX_VERSION: u64 = 10;

/// A number as f64 (exact for floats and for integers up to 2^53).
#[cfg_attr(feature = "senml-fast", inline)]
#[cfg_attr(not(feature = "senml-fast"), inline(never))]
pub(crate) fn to_f64(n: Number) -> f64 {
    n.to_f64()
}

/// RFC 8428 §4.6 addition of a base field and a field: a missing one counts as 0, and two integers add exactly.
///
/// Out of line without `senml-fast`: an `#[inline]` function is compiled into each crate that calls it, so the
/// generic readers and writer (compiled in the crate that names the model) would hold a second copy.
#[cfg_attr(feature = "senml-fast", inline)]
#[cfg_attr(not(feature = "senml-fast"), inline(never))]
pub(crate) fn add(base: Option<Number>, x: Option<Number>) -> Option<Number> {
    match (base, x) {
        (None, x) | (x, None) => x,
        // Two i64s, the common case, without i128 work (the arm below gives the same, more slowly).
        #[cfg(feature = "senml-fast")]
        (Some(Number::Int(a)), Some(Number::Int(b))) => Some(a.checked_add(b).map_or_else(
            || Number::from_i128(i128::from(a) + i128::from(b)),
            Number::Int,
        )),
        (Some(a), Some(b)) => Some(match (a.int(), b.int()) {
            // Integers read from the input are within ±2^64, so the i128 sum cannot overflow.
            (Some(x), Some(y)) => Number::from_i128(x + y),
            _ => Number::Float(crate::cbor::f64_add(to_f64(a), to_f64(b))),
        }),
    }
}

/// How an encoder writes the number `x`: an integer when it is one exactly (not −0.0), else a float.
#[cfg_attr(feature = "senml-fast", inline)]
#[cfg_attr(not(feature = "senml-fast"), inline(never))]
pub(crate) fn as_number(x: f64) -> Number {
    // An integral value of magnitude below 2^63 (so not i64::MIN), found from the bits; −0.0 stays a float.
    match crate::cbor::integer(x).map(i64::try_from) {
        Some(Ok(i)) if i != i64::MIN && x.to_bits() != 1 << 63 => Number::Int(i),
        _ => Number::Float(x),
    }
}

/// Types a value field by the model type `ty` (or by its own kind when the model does not know the resource).
///
/// `v` converts without loss (`cbor::typed_number`); `vs` is a String, Corelnk or — where the model says so —
/// Objlnk; `vlo` is an Objlnk; `vb` a Boolean; `vd` Opaque. A value for an executable resource is
/// `EXECUTABLE_VALUE`; anything else that does not fit is `TYPE_MISMATCH` at `at`.
#[cfg_attr(feature = "senml-fast", inline(always))]
pub(crate) fn typed<'v>(
    raw: Raw<&'v str, &'v [u8]>,
    ty: Option<DataType>,
    at: usize,
) -> Result<Value<'v>, Error> {
    let bad = Error::new(ErrorKind::TypeMismatch, at);
    Ok(match (raw, ty) {
        (_, Some(DataType::None)) => return Err(Error::new(ErrorKind::ExecutableValue, at)),
        (Raw::Number(n), Some(t)) => typed_number(n, t, at)?,
        (Raw::Number(n), None) => untyped_number(n, at)?,
        (Raw::Text(s), None | Some(DataType::String)) => Value::String(s),
        (Raw::Text(s), Some(DataType::Corelnk)) => Value::CoreLnk(s),
        (Raw::Text(s), Some(DataType::Objlnk))
        | (Raw::ObjLnk(s), None | Some(DataType::Objlnk)) => {
            Value::ObjLnk(ObjLnk::parse(s).ok_or(bad)?)
        }
        (Raw::Bool(b), None | Some(DataType::Boolean)) => Value::Boolean(b),
        (Raw::Data(d), None | Some(DataType::Opaque)) => Value::Opaque(d),
        _ => return Err(bad),
    })
}
