//! SenML-CBOR writer: one pass into the caller buffer that keeps counting past its end, so the same pass gives the
//! bytes or, on overflow, the exact size needed. Floats go through `cbor::write_float` (narrowest exact width).

use super::fields::label;
#[cfg(feature = "senml-fast")]
use super::plan::digits;
use super::plan::{name_len, NameIds, Plan};
use crate::cbor::{objlnk_text, write_float, Number, Out};
use crate::error::Error;
use crate::path::Path;
use crate::records;
use crate::registry::Model;
use crate::value::{Record, Value};

/// A byte writer over a caller buffer that counts what does not fit.
struct Writer<'b> {
    buf: &'b mut [u8],
    pos: usize,
}

impl Writer<'_> {
    /// One byte. Out of line without `senml-fast`, as [`Writer::raw`] is: a call is smaller than the bounds check.
    #[cfg_attr(feature = "senml-fast", inline)]
    #[cfg_attr(not(feature = "senml-fast"), inline(never))]
    fn byte(&mut self, b: u8) {
        if let Some(slot) = self.buf.get_mut(self.pos) {
            *slot = b;
        }
        self.pos += 1;
    }

    #[cfg_attr(feature = "senml-fast", inline)]
    #[cfg_attr(not(feature = "senml-fast"), inline(never))]
    fn raw(&mut self, bytes: &[u8]) {
        #[cfg(feature = "senml-fast")]
        if bytes.len() <= 8 {
            for &b in bytes {
                self.byte(b);
            }
            return;
        }
        #[cfg(feature = "senml-fast")]
        {
            let end = self.pos + bytes.len();
            if let Some(dst) = self.buf.get_mut(self.pos..end) {
                dst.copy_from_slice(bytes);
            }
            self.pos = end;
        }
        // A byte at a time in size-first builds: no `memcpy` call of its own.
        #[cfg(not(feature = "senml-fast"))]
        for &b in bytes {
            self.byte(b);
        }
    }

    /// A head with the shortest argument encoding.
    #[cfg_attr(feature = "senml-fast", inline(always))]
    fn head(&mut self, major: u8, arg: u64) {
        if arg < 24 {
            self.byte(major << 5 | arg as u8);
        } else {
            self.long_head(major, arg);
        }
    }

    /// A head whose argument does not fit the initial byte.
    #[inline(never)]
    fn long_head(&mut self, major: u8, arg: u64) {
        let m = major << 5;
        // Without `senml-fast`: the additional information 24..=27 and its 1, 2, 4 or 8 bytes, big-endian, as a
        // slice of one array (with it: one fixed-size write per width, faster).
        #[cfg(not(feature = "senml-fast"))]
        {
            let (ai, len) = match arg {
                0..=0xff => (24, 1),
                0x100..=0xffff => (25, 2),
                0x1_0000..=0xffff_ffff => (26, 4),
                _ => (27, 8),
            };
            self.byte(m | ai);
            let bytes = arg.to_be_bytes();
            self.raw(bytes.get(8 - len..).unwrap_or(&bytes));
        }
        #[cfg(feature = "senml-fast")]
        if arg <= 0xff {
            self.raw(&[m | 24, arg as u8]);
        } else if arg <= 0xffff {
            let [a, b] = (arg as u16).to_be_bytes();
            self.raw(&[m | 25, a, b]);
        } else if arg <= 0xffff_ffff {
            let [a, b, c, d] = (arg as u32).to_be_bytes();
            self.raw(&[m | 26, a, b, c, d]);
        } else {
            self.byte(m | 27);
            self.raw(&arg.to_be_bytes());
        }
    }

    /// A label key (`vlo` as its text key).
    #[inline]
    fn key(&mut self, l: i8) {
        match l {
            label::VLO => self.raw(b"\x63vlo"),
            l if l < 0 => self.byte(0x20 | (-1 - l) as u8),
            l => self.byte(l as u8),
        }
    }

    #[inline]
    fn int(&mut self, x: i64) {
        if x >= 0 {
            self.head(0, x as u64);
        } else {
            self.head(1, (-1 - x) as u64);
        }
    }

    /// The narrowest float that gives the same bits back.
    fn float(&mut self, x: f64) {
        let mut out = Out::new(self.buf.get_mut(self.pos..).unwrap_or(&mut []));
        write_float(&mut out, x);
        self.pos += out.len();
    }

    #[inline]
    fn number(&mut self, n: Number) {
        match n {
            Number::Int(i) => self.int(i),
            Number::Big(u) => self.head(0, u),
            Number::NegBig(n) => self.head(1, n),
            Number::Float(x) | Number::Wide(x) | Number::WideExact(x) => self.float(x),
        }
    }

    #[cfg(feature = "senml-fast")]
    #[inline]
    fn text(&mut self, major: u8, bytes: &[u8]) {
        self.head(major, bytes.len() as u64);
        self.raw(bytes);
    }

    /// A name as a text string: `ids` joined by `/`, with a leading and/or trailing `/`, a byte at a time
    /// (size-first builds: no text buffer, which would be cleared by a `memset` call).
    #[cfg(not(feature = "senml-fast"))]
    fn name(&mut self, (ids, leading, trailing): NameIds<'_>) {
        self.head(3, name_len((ids, leading, trailing)) as u64);
        for (k, &id) in ids.iter().enumerate() {
            if leading || k > 0 {
                self.byte(b'/');
            }
            // The power of ten of the first digit.
            let mut rest = u32::from(id);
            let mut place = 1u32;
            while place * 10 <= rest {
                place *= 10;
            }
            while place > 0 {
                let digit = rest / place;
                self.byte(b'0' + digit as u8);
                rest -= digit * place;
                place /= 10;
            }
        }
        if trailing {
            self.byte(b'/');
        }
    }

    /// A name as a text string: `ids` joined by `/`, with a leading and/or trailing `/`, written in place.
    #[cfg(feature = "senml-fast")]
    #[inline(always)]
    fn name(&mut self, (ids, leading, trailing): NameIds<'_>) {
        // The usual `n`: one id below 100.
        if let ([id @ 0..=99], false, false) = (ids, leading, trailing) {
            let (tens, ones) = ((id / 10) as u8, (id % 10) as u8);
            match tens {
                0 => self.raw(&[0x61, b'0' + ones]),
                _ => self.raw(&[0x62, b'0' + tens, b'0' + ones]),
            }
            return;
        }
        let len = name_len((ids, leading, trailing));
        self.head(3, len as u64);
        let end = self.pos + len;
        if let Some(dst) = self.buf.get_mut(self.pos..end) {
            let mut at = 0;
            for (k, &id) in ids.iter().enumerate() {
                if leading || k > 0 {
                    if let Some(slot) = dst.get_mut(at) {
                        *slot = b'/';
                    }
                    at += 1;
                }
                let d = digits(id);
                let mut v = id;
                for slot in dst.iter_mut().skip(at).take(d).rev() {
                    *slot = b'0' + (v % 10) as u8;
                    v /= 10;
                }
                at += d;
            }
            if let (true, Some(slot)) = (trailing, dst.get_mut(at)) {
                *slot = b'/';
            }
        }
        self.pos = end;
    }

    /// Record `i` of the plan: `{bn, bt, n, value, t}` with the fields present.
    #[inline]
    fn record(&mut self, plan: &Plan, i: usize, r: &Record<'_>) {
        let value = &r.value;
        let (bn, n) = plan.names(i, r.path.ids());
        let (bt, t) = plan.times(i, r.time);
        let fields = u64::from(bn.is_some())
            + u64::from(bt.is_some())
            + u64::from(n.is_some())
            + u64::from(!matches!(value, Value::None))
            + u64::from(t.is_some());
        self.head(5, fields);
        if let Some(bn) = bn {
            self.key(label::BN);
            // With `senml-fast` each form written by a copy of its own (constant flags, faster).
            #[cfg(feature = "senml-fast")]
            match bn {
                (ids, _, true) => self.name((ids, true, true)),
                (ids, _, false) => self.name((ids, true, false)),
            }
            #[cfg(not(feature = "senml-fast"))]
            self.name(bn);
        }
        if let Some(bt) = bt {
            self.key(label::BT);
            self.number(bt);
        }
        if let Some((ids, leading, _)) = n {
            self.key(label::N);
            // With `senml-fast` each form written by a copy of its own (constant flags, faster).
            #[cfg(feature = "senml-fast")]
            if leading {
                self.name((ids, true, false));
            } else {
                self.name((ids, false, false));
            }
            #[cfg(not(feature = "senml-fast"))]
            self.name((ids, leading, false));
        }
        self.value(&r.value);
        if let Some(t) = t {
            self.key(label::T);
            self.number(t);
        }
    }

    /// The value field, if any. Without `senml-fast`, every value but a float as its key, one head and the bytes
    /// that follow it (if any), from one match.
    #[cfg(not(feature = "senml-fast"))]
    #[inline]
    fn value(&mut self, value: &Value<'_>) {
        let objlnk;
        let item: Option<(i8, u8, u64, &[u8])> = match *value {
            Value::Integer(x) | Value::Time(x) if x < 0 => Some((label::V, 1, !(x as u64), &[])),
            Value::Integer(x) | Value::Time(x) => Some((label::V, 0, x as u64, &[])),
            Value::Unsigned(x) => Some((label::V, 0, x, &[])),
            Value::Float(x) => {
                self.key(label::V);
                self.float(x);
                None
            }
            Value::String(s) | Value::CoreLnk(s) => {
                Some((label::VS, 3, s.len() as u64, s.as_bytes()))
            }
            Value::Boolean(b) => Some((label::VB, 7, 20 + u64::from(b), &[])),
            Value::Opaque(d) => Some((label::VD, 2, d.len() as u64, d)),
            Value::ObjLnk(l) => {
                objlnk = objlnk_text(l);
                let text = objlnk.0.get(..objlnk.1).unwrap_or(&[]);
                Some((label::VLO, 3, text.len() as u64, text))
            }
            Value::None => None,
        };
        if let Some((l, major, arg, bytes)) = item {
            self.key(l);
            self.head(major, arg);
            self.raw(bytes);
        }
    }

    /// The value field, if any, with `senml-fast`: each kind's key and writes of its own (constant keys, faster).
    #[cfg(feature = "senml-fast")]
    #[inline(always)]
    fn value(&mut self, value: &Value<'_>) {
        match *value {
            Value::Integer(x) | Value::Time(x) => {
                self.key(label::V);
                self.int(x);
            }
            Value::Unsigned(x) => {
                self.key(label::V);
                self.head(0, x);
            }
            Value::Float(x) => {
                self.key(label::V);
                self.float(x);
            }
            Value::String(s) | Value::CoreLnk(s) => {
                self.key(label::VS);
                self.text(3, s.as_bytes());
            }
            Value::Boolean(b) => {
                self.key(label::VB);
                self.byte(if b { 0xf5 } else { 0xf4 });
            }
            Value::Opaque(d) => {
                self.key(label::VD);
                self.text(2, d);
            }
            Value::ObjLnk(l) => {
                self.key(label::VLO);
                let (buf, n) = objlnk_text(l);
                self.text(3, buf.get(..n).unwrap_or(&[]));
            }
            Value::None => {}
        }
    }
}

/// Writes the pack into `buf` (an empty slice only counts); returns the bytes written or needed.
fn write<M: Model + ?Sized>(
    records: &[Record<'_>],
    request: Option<&Path>,
    model: &M,
    buf: &mut [u8],
) -> Result<usize, Error> {
    let plan = Plan::new(records, request, model, false)?;
    let mut w = Writer { buf, pos: 0 };
    w.head(4, records.len() as u64);
    for (i, r) in records.iter().enumerate() {
        w.record(&plan, i, r);
    }
    Ok(w.pos)
}

/// The exact number of bytes [`encode`] writes for these records.
///
/// # Errors
/// As [`encode`], except `BUFFER_TOO_SMALL`.
pub fn encoded_len<M: Model + ?Sized>(
    records: &[Record<'_>],
    request: Option<&Path>,
    model: &M,
) -> Result<usize, Error> {
    records::encoded_len(|out| write(records, request, model, out))
}

/// Encodes `records` as a canonical SenML-CBOR pack into `out`; returns the written prefix.
///
/// One record per value, in input order. `bn` is the id-prefix every path shares (`/3/0/`, each `n` the rest:
/// `"1"`, `"6/0"`), the full path when all records have the same path, absent when they share nothing; `bt` is the
/// first time when every record has one (each `t` the difference, omitted when 0) unless a difference would not
/// give a time back exactly. Values: Integer, Unsigned, Float, Time → `v`; String, Corelnk → `vs`; Boolean →
/// `vb`; Opaque → `vd`; Objlnk → `"vlo"`; [`Value::None`] → a name without value (a Read-Composite request).
///
/// # Errors
/// With the index of the record at fault: `TYPE_MISMATCH` (not the model's type), `EXECUTABLE_VALUE`,
/// `PATH_MISMATCH` (outside `request`), `INVALID_PATH` (a value above resource level), `DUPLICATE_ID` (same path
/// and time as an earlier record), `MISSING_VALUE` (records with and without values mixed). `BUFFER_TOO_SMALL`
/// with the offset set to the number of bytes needed; the buffer's content is then unspecified.
pub fn encode<'b, M: Model + ?Sized>(
    records: &[Record<'_>],
    request: Option<&Path>,
    model: &M,
    out: &'b mut [u8],
) -> Result<&'b [u8], Error> {
    records::encode(out, |out| write(records, request, model, out))
}

/// Encodes `records` as [`encode`] does into a new vector of the exact size.
///
/// # Errors
/// As [`encode`], except `BUFFER_TOO_SMALL`.
#[cfg(feature = "alloc")]
pub fn encode_to_vec<M: Model + ?Sized>(
    records: &[Record<'_>],
    request: Option<&Path>,
    model: &M,
) -> Result<alloc::vec::Vec<u8>, Error> {
    records::encode_to_vec(|out| write(records, request, model, out))
}
