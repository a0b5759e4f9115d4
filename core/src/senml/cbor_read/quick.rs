//! The reader's quick path: one record of the shape nearly every LwM2M pack is made of, read and resolved in one
//! go, with no intermediate `Fields`.
//!
//! The shape: a definite map of at most 23 entries whose keys are one-byte labels among `bn`, `bt`, `n`, `t`, `v`,
//! `vs`, `vb`, each once, with one value field; names and text as definite strings, numbers as integers in the i64
//! range or floats (no tags), no `bv` in force. The record's name must continue the `bn` in force as
//! [`NameState::append`] reads it, and the record must pass every record-level rule and be typed by the model
//! without error.
//!
//! Anything else — every error among it — leaves the walker as it was, and [`Walker::read`] reads the record again
//! on the general path, which reports exactly what it always did. Where the quick path accepts a record, it gives
//! the record the general path gives (a randomized test in `tests.rs` compares the two on mutated packs).

use super::Walker;
use crate::cbor::Number;
use crate::path::Path;
use crate::registry::Model;
use crate::senml::fields::{add, to_f64, typed, Raw};
use crate::senml::name::{push_ids, NameState};
use crate::value::{DataType, Record, Value};

/// A head with a definite argument at `*p` (additional information 0..=27): major type and argument.
#[inline(always)]
fn head(buf: &[u8], p: &mut usize) -> Option<(u8, u64)> {
    let at = *p;
    let b = *buf.get(at)?;
    let (arg, len) = match b & 0x1f {
        ai @ 0..=23 => (u64::from(ai), 1),
        24 => (u64::from(*buf.get(at + 1)?), 2),
        25 => (u64::from(u16::from_be_bytes(word(buf, at + 1)?)), 3),
        26 => (u64::from(u32::from_be_bytes(word(buf, at + 1)?)), 5),
        27 => (u64::from_be_bytes(word(buf, at + 1)?), 9),
        _ => return None,
    };
    *p = at + len;
    Some((b >> 5, arg))
}

/// `N` bytes at `at`.
#[inline(always)]
fn word<const N: usize>(buf: &[u8], at: usize) -> Option<[u8; N]> {
    buf.get(at..at + N)?.try_into().ok()
}

/// A definite text string's bytes at `*p`.
#[inline(always)]
fn text<'a>(buf: &'a [u8], p: &mut usize) -> Option<&'a [u8]> {
    match head(buf, p)? {
        (3, len) => {
            let from = *p;
            let s = buf.get(from..from.checked_add(usize::try_from(len).ok()?)?)?;
            *p = from + s.len();
            Some(s)
        }
        _ => None,
    }
}

/// A number at `*p`: an integer in the i64 range, or a half, single or double float.
#[inline(always)]
pub(super) fn number(buf: &[u8], p: &mut usize) -> Option<Number> {
    let b = *buf.get(*p)?;
    let (major, arg) = head(buf, p)?;
    Some(match (major, b & 0x1f) {
        (0, _) => Number::Int(i64::try_from(arg).ok()?),
        (1, _) => Number::Int(-1 - i64::try_from(arg).ok()?),
        (7, 25) => Number::Float(f64::from(half::f16::from_bits(arg as u16).to_f32())),
        (7, 26) => Number::Float(f64::from(f32::from_bits(arg as u32))),
        (7, 27) => Number::Float(f64::from_bits(arg)),
        _ => return None,
    })
}

/// The value the general path's `typed` gives for the value field read as `read` (the value of its CBOR kind: an
/// integer as `Integer`, a float as `Float`, text as `String`, a bool as `Boolean`), the common pairs first; `None`
/// where `typed` fails.
#[inline(always)]
pub(super) fn typed_quick(read: Value<'_>, ty: Option<DataType>, at: usize) -> Option<Value<'_>> {
    Some(match (read, ty) {
        (Value::Integer(_), Some(DataType::Integer) | None)
        | (Value::Float(_), Some(DataType::Float) | None)
        | (Value::String(_), Some(DataType::String) | None)
        | (Value::Boolean(_), Some(DataType::Boolean) | None) => read,
        (Value::Integer(x), Some(DataType::Time)) => Value::Time(x),
        (read, ty) => {
            let raw = match read {
                Value::Integer(x) => Raw::Number(Number::Int(x)),
                Value::Float(x) => Raw::Number(Number::Float(x)),
                Value::String(s) => Raw::Text(s),
                Value::Boolean(b) => Raw::Bool(b),
                _ => return None,
            };
            return typed(raw, ty, at).ok();
        }
    })
}

/// Label keys as the quick path takes them (one byte each).
const N: u8 = 0x00;
const V: u8 = 0x02;
const VS: u8 = 0x03;
const VB: u8 = 0x04;
const T: u8 = 0x06;
const BN: u8 = 0x21;
const BT: u8 = 0x22;
/// The bits of the value fields in the key set.
const VALUE_BITS: u64 = 1 << V | 1 << VS | 1 << VB;

/// The name state after a `bn` (rare: kept out of the record loop).
#[inline(never)]
fn base_name(bn: &[u8]) -> NameState {
    NameState::of_base(bn)
}

impl<'a, M: Model + ?Sized> Walker<'a, M> {
    /// Reads the record at `self.pos` into `out` if it has the quick shape (module docs) and is valid (with
    /// `validate`, every rule is checked, as on the general path); true if it did. Otherwise the walker is as it
    /// was (but for the duplicate screen, which may then hold the record: the general path's exact check follows
    /// any hit) and `out` is untouched.
    #[inline(always)]
    pub(super) fn quick(&mut self, validate: bool, out: &mut Record<'a>) -> bool {
        self.try_quick(validate, out).is_some()
    }

    /// Reads records on the quick path (validating) into `out` from its start, as long as they have the quick
    /// shape and `out` has room; the number read. The record that does not fit is left to [`Walker::read`]. What
    /// only a record with base fields changes (the `bn` prefix, the time of `bt`, whether the prefix is inside the
    /// request) is worked out once per run of [`Walker::pair`] records.
    #[inline(always)]
    pub(super) fn run(&mut self, out: &mut [Record<'a>]) -> usize {
        let mut n = 0;
        let mut slots = out.iter_mut();
        loop {
            let prefix = self.prefix.clean();
            let time = self.bt.map(to_f64);
            let inside = prefix.is_some_and(|(key, len)| self.pack.admits_under(key, len));
            loop {
                let Some(slot) = slots.next() else {
                    return n;
                };
                if self.left == 0 {
                    return n;
                }
                if let Some(prefix) = prefix {
                    if self.pair(prefix, time, inside, slot).is_some() {
                        self.left -= 1;
                        n += 1;
                        continue;
                    }
                }
                if self.try_quick(true, slot).is_none() {
                    return n;
                }
                self.left -= 1;
                n += 1;
                break;
            }
        }
    }

    /// The quick path proper. It sets `prefix` and `bt` as soon as it reads `bn` and `bt`: when it gives up, the
    /// general path reads the record again from its start and sets them to the same values.
    #[inline(always)]
    fn try_quick(&mut self, validate: bool, out: &mut Record<'a>) -> Option<()> {
        let buf = self.buf;
        let start = self.pos;
        let entries = match *buf.get(start)? {
            b @ 0xa1..=0xb7 => b & 0x1f,
            _ => return None,
        };
        let mut p = start + 1;
        // The name's ids packed, and their number, once `n` is read (`bn` must come before it).
        let mut name: Option<(u64, usize)> = None;
        let mut t = None;
        // The value field as its CBOR kind gives it (`Value::None`: none yet), and its offset.
        let (mut read, mut value_at) = (Value::None, 0);
        let mut seen = 0u64;
        for _ in 0..entries {
            let k = *buf.get(p)?;
            let bit = 1u64 << (k & 63);
            if seen & bit != 0 {
                return None;
            }
            seen |= bit;
            p += 1;
            // A value field: the first one (a second is `MULTIPLE_VALUES` on the general path).
            let value = || (seen & VALUE_BITS == bit).then_some(p);
            match k {
                N => name = Some(self.prefix.append(text(buf, &mut p)?)?),
                V => {
                    value_at = value()?;
                    read = match number(buf, &mut p)? {
                        Number::Int(x) => Value::Integer(x),
                        n => Value::Float(n.to_f64()),
                    }
                }
                VS => {
                    value_at = value()?;
                    read = Value::String(core::str::from_utf8(text(buf, &mut p)?).ok()?);
                }
                BN if name.is_none() => self.prefix = base_name(text(buf, &mut p)?),
                VB => {
                    value_at = value()?;
                    read = Value::Boolean(match *buf.get(p)? {
                        0xf4 => false,
                        0xf5 => true,
                        _ => return None,
                    });
                    p += 1;
                }
                T => t = Some(number(buf, &mut p)?),
                BT => self.bt = Some(number(buf, &mut p)?),
                _ => return None,
            }
        }
        if seen & VALUE_BITS == 0 || (self.bv.is_some() && seen & 1 << V != 0) {
            return None;
        }
        let (key, len) = match name {
            Some(name) => name,
            None => {
                let (path, key) = self.prefix.finish()?;
                (key, path.len())
            }
        };
        let time = match (self.bt, t) {
            (None, None) => None,
            (bt, t) => add(bt, t).map(to_f64),
        };
        let admitted = !validate || self.pack.admits(key, len);
        self.finish(
            validate,
            admitted,
            (start, p),
            (key, len),
            time,
            (read, value_at),
            out,
        )
    }

    /// What every quick record ends with: its path (`len` ids packed in `key`), the request and level rules
    /// (`admitted`: they hold, or `validate` is off), the model lookup, the typing of the value field `read` (at `value_at`) and the
    /// duplicate screen; then the record goes into `out` and the walker to `end`. `None` (the walker unmoved) where
    /// any of that is not the common case.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn finish(
        &mut self,
        validate: bool,
        admitted: bool,
        (start, end): (usize, usize),
        (key, len): (u64, usize),
        time: Option<f64>,
        (read, value_at): (Value<'a>, usize),
        out: &mut Record<'a>,
    ) -> Option<()> {
        let (oid, rid) = ((key >> 48) as u16, (key >> 16) as u16);
        let path = match len {
            3 => Path::resource_path(oid, (key >> 32) as u16, rid),
            4 => Path::resource_instance_path(oid, (key >> 32) as u16, rid, key as u16),
            _ => return None,
        };
        // The reserved id 65535 (a lane of all ones; ids past the length are 0): the general path reports it.
        if has_zero_lane(!key) {
            return None;
        }
        if !admitted {
            return None;
        }
        let def = self.pack.resource(oid, rid);
        let value = typed_quick(read, def.map(|d| d.data_type()), value_at)?;
        if validate && self.pack.admit(key, len, time) && self.quick_repeats(start, &path, time) {
            return None;
        }
        self.pos = end;
        *out = Record {
            path,
            value,
            resource: def,
            time,
        };
        Some(())
    }

    /// The commonest record of all, `{n: "…", v|vs|vb: …}` with the `n` first and of 1 to 5 bytes after a `bn`
    /// ending in `/` (`pkey`, `plen`: its ids), read with no key loop. `None` (the walker unmoved) for anything
    /// else; [`Walker::try_quick`] then tries the record.
    ///
    /// `time` is that of the `bt` in force; `inside`: every path of more ids under the prefix passes the request
    /// and level rules ([`Pack::admits_under`](crate::senml::resolve::Pack::admits_under)).
    #[inline(always)]
    fn pair(
        &mut self,
        (pkey, plen): (u64, u32),
        time: Option<f64>,
        inside: bool,
        out: &mut Record<'a>,
    ) -> Option<()> {
        let buf = self.buf;
        let start = self.pos;
        let [map, label, head] = word::<3>(buf, start)?;
        let nl = usize::from(head.wrapping_sub(0x61));
        if map != 0xa2 || label != N || nl > 4 {
            return None;
        }
        let from = start + 3;
        let (key, len) = push_ids(pkey, plen, buf.get(from..from + nl + 1)?)?;
        let mut p = from + nl + 2;
        let value_at = p;
        let read = match *buf.get(p - 1)? {
            V if self.bv.is_none() => match *buf.get(p)? {
                b @ 0x00..=0x17 => {
                    p += 1;
                    Value::Integer(i64::from(b))
                }
                _ => match number(buf, &mut p)? {
                    Number::Int(x) => Value::Integer(x),
                    n => Value::Float(n.to_f64()),
                },
            },
            VS => Value::String(core::str::from_utf8(text(buf, &mut p)?).ok()?),
            VB => {
                let b = match *buf.get(p)? {
                    0xf4 => false,
                    0xf5 => true,
                    _ => return None,
                };
                p += 1;
                Value::Boolean(b)
            }
            _ => return None,
        };
        let len = len as usize;
        let admitted = inside || self.pack.admits(key, len);
        self.finish(
            true,
            admitted,
            (start, p),
            (key, len),
            time,
            (read, value_at),
            out,
        )
    }
}

/// True if one of the four 16-bit lanes of `x` is zero.
#[inline(always)]
fn has_zero_lane(x: u64) -> bool {
    const LOW: u64 = 0x0001_0001_0001_0001;
    x.wrapping_sub(LOW) & !x & LOW << 15 != 0
}
