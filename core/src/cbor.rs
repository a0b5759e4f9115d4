//! CBOR leaf values shared by the CBOR-based formats: SenML-CBOR (112), LwM2M-CBOR (11544) and single-value CBOR (60).
//!
//! Reading: numbers are integers (major types 0/1, the full −2^64..2^64−1 range), half/single/double floats, tag-4
//! decimal fractions and tag-1 epoch times; [`typed_number`] converts a number to the model's type without losing
//! anything (an integer that a float cannot hold exactly is a `TYPE_MISMATCH`, not a rounded value). Strings and byte
//! strings must be definite (a borrowed view of a chunked string is impossible): `INDEFINITE_LENGTH` otherwise.
//!
//! Writing: the shortest integer head (minicbor's rule), the narrowest float — half, single or double — that gives the
//! same bits back, definite lengths only. [`Out`] writes into a caller buffer and counts what did not fit, so one
//! pass gives both the bytes and, on overflow, the exact size needed.

use minicbor::data::Type;
use minicbor::encode::Write;
use minicbor::{Decoder, Encoder};

use crate::error::{Error, ErrorKind};
use crate::value::{DataType, ObjLnk, Value};

/// A minicbor decode error as one of ours (`UNEXPECTED_END` at the input length, else `INVALID_CBOR`).
pub(crate) fn decode_error(e: &minicbor::decode::Error, input_len: usize) -> Error {
    if e.is_end_of_input() {
        Error::new(ErrorKind::UnexpectedEnd, input_len)
    } else {
        Error::new(ErrorKind::InvalidCbor, e.position().unwrap_or(0))
    }
}

/// The data type of the next item, as our error.
pub(crate) fn peek(d: &Decoder<'_>) -> Result<Type, Error> {
    d.datatype().map_err(|e| decode_error(&e, d.input().len()))
}

/// A CBOR number before typing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Number {
    /// An integer (major type 0 or 1).
    Int(i128),
    /// A float or decimal fraction.
    Float(f64),
}

const POW10: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

/// `mantissa × 10^exponent`, correctly rounded when both fit the exact range of f64 (|m| ≤ 2^53, |e| ≤ 22).
fn decimal(mantissa: i128, exponent: i128) -> f64 {
    let m = mantissa as f64;
    let e = exponent.unsigned_abs();
    match POW10.get(e as usize) {
        Some(p) if exponent >= 0 => m * p,
        Some(p) => m / p,
        None => {
            let mut x = m;
            for _ in 0..e.min(400) {
                x = if exponent >= 0 { x * 10.0 } else { x / 10.0 };
            }
            x
        }
    }
}

/// Reads a number (int, float, tag-4 decimal fraction, tag-1 epoch time).
pub(crate) fn read_number(d: &mut Decoder<'_>) -> Result<Number, Error> {
    let len = d.input().len();
    let at = d.position();
    let err = |e: minicbor::decode::Error| decode_error(&e, len);
    match peek(d)? {
        Type::U8
        | Type::U16
        | Type::U32
        | Type::U64
        | Type::I8
        | Type::I16
        | Type::I32
        | Type::I64
        | Type::Int => Ok(Number::Int(i128::from(d.int().map_err(err)?))),
        Type::F16 => Ok(Number::Float(f64::from(d.f16().map_err(err)?))),
        Type::F32 => Ok(Number::Float(f64::from(d.f32().map_err(err)?))),
        Type::F64 => Ok(Number::Float(d.f64().map_err(err)?)),
        Type::Tag => match d.tag().map_err(err)?.as_u64() {
            1 => match read_number(d)? {
                Number::Int(i) => Ok(Number::Int(i)),
                Number::Float(f) => Ok(Number::Float(f)),
            },
            4 => {
                if d.array().map_err(err)? != Some(2) {
                    return Err(Error::new(ErrorKind::InvalidCbor, at));
                }
                let exp_at = d.position();
                let Number::Int(exponent) = read_number(d)? else {
                    return Err(Error::new(ErrorKind::InvalidCbor, exp_at));
                };
                let mant_at = d.position();
                let Number::Int(mantissa) = read_number(d)? else {
                    return Err(Error::new(ErrorKind::InvalidCbor, mant_at));
                };
                Ok(Number::Float(decimal(mantissa, exponent)))
            }
            _ => Err(Error::new(ErrorKind::InvalidCbor, at)),
        },
        _ => Err(Error::new(ErrorKind::TypeMismatch, at)),
    }
}

/// `f` as an integer if it is one exactly.
fn integral(f: f64) -> Option<i128> {
    // Every f64 with magnitude ≥ 2^53 is an integer; below 2^127 the cast is exact for integral values.
    if f.is_finite() && f.abs() < 1.7e38 && (f as i128) as f64 == f {
        Some(f as i128)
    } else {
        None
    }
}

/// Converts a number to the model type `ty` without loss; `TYPE_MISMATCH` at `at` otherwise.
pub(crate) fn typed_number(n: Number, ty: DataType, at: usize) -> Result<Value<'static>, Error> {
    let bad = Error::new(ErrorKind::TypeMismatch, at);
    let int = match n {
        Number::Int(i) => Some(i),
        Number::Float(f) => integral(f),
    };
    Ok(match ty {
        DataType::Integer => Value::Integer(int.and_then(|i| i64::try_from(i).ok()).ok_or(bad)?),
        DataType::Time => Value::Time(int.and_then(|i| i64::try_from(i).ok()).ok_or(bad)?),
        DataType::Unsigned => Value::Unsigned(int.and_then(|i| u64::try_from(i).ok()).ok_or(bad)?),
        DataType::Float => match n {
            Number::Float(f) => Value::Float(f),
            Number::Int(i) if (i as f64) as i128 == i && (i as f64).abs() < 1.7e38 => {
                Value::Float(i as f64)
            }
            Number::Int(_) => return Err(bad),
        },
        _ => return Err(bad),
    })
}

/// A number whose resource the model does not know: an integer as Integer (Unsigned above i64), a float as Float.
pub(crate) fn untyped_number(n: Number, at: usize) -> Result<Value<'static>, Error> {
    match n {
        Number::Float(f) => Ok(Value::Float(f)),
        Number::Int(i) => match i64::try_from(i) {
            Ok(x) => Ok(Value::Integer(x)),
            Err(_) => u64::try_from(i)
                .map(Value::Unsigned)
                .map_err(|_| Error::new(ErrorKind::TypeMismatch, at)),
        },
    }
}

/// Reads a definite text string, with `INVALID_UTF8` at the first bad byte.
pub(crate) fn read_text<'b>(d: &mut Decoder<'b>) -> Result<&'b str, Error> {
    let at = d.position();
    match peek(d)? {
        Type::String => {}
        Type::StringIndef => return Err(Error::new(ErrorKind::IndefiniteLength, at)),
        _ => return Err(Error::new(ErrorKind::TypeMismatch, at)),
    }
    let input = d.input();
    let len = input.len();
    // Take the raw content through a byte-string view of the same head, so a UTF-8 failure has its exact offset.
    let head = input.get(at).copied().unwrap_or(0);
    let head_len = match head & 0x1f {
        24 => 2,
        25 => 3,
        26 => 5,
        27 => 9,
        _ => 1,
    };
    match d.str() {
        Ok(s) => Ok(s),
        Err(e) if e.is_end_of_input() => Err(Error::new(ErrorKind::UnexpectedEnd, len)),
        Err(e) => {
            let start = at + head_len;
            let content = input.get(start..).unwrap_or(&[]);
            match core::str::from_utf8(content) {
                Err(u) => Err(Error::new(ErrorKind::InvalidUtf8, start + u.valid_up_to())),
                Ok(_) => Err(decode_error(&e, len)),
            }
        }
    }
}

/// Reads a definite byte string.
pub(crate) fn read_bytes<'b>(d: &mut Decoder<'b>) -> Result<&'b [u8], Error> {
    let at = d.position();
    match peek(d)? {
        Type::Bytes => d.bytes().map_err(|e| decode_error(&e, d.input().len())),
        Type::BytesIndef => Err(Error::new(ErrorKind::IndefiniteLength, at)),
        _ => Err(Error::new(ErrorKind::TypeMismatch, at)),
    }
}

/// Reads one leaf value typed by the model (`ty`), or by its CBOR kind when the model does not know the resource.
///
/// Objlnk is the text `"oid:iid"`; Time takes an integer, an integral float or a tag-1 epoch time; none is `null`.
pub(crate) fn read_leaf<'b>(d: &mut Decoder<'b>, ty: Option<DataType>) -> Result<Value<'b>, Error> {
    let at = d.position();
    let len = d.input().len();
    let err = |e: minicbor::decode::Error| decode_error(&e, len);
    let kind = peek(d)?;
    let Some(ty) = ty else {
        return match kind {
            Type::Bool => Ok(Value::Boolean(d.bool().map_err(err)?)),
            Type::String | Type::StringIndef => read_text(d).map(Value::String),
            Type::Bytes | Type::BytesIndef => read_bytes(d).map(Value::Opaque),
            Type::Null => {
                d.skip().map_err(err)?;
                Ok(Value::None)
            }
            _ => {
                let n = read_number(d)?;
                untyped_number(n, at)
            }
        };
    };
    match ty {
        DataType::String => read_text(d).map(Value::String),
        DataType::Corelnk => read_text(d).map(Value::CoreLnk),
        DataType::Opaque => read_bytes(d).map(Value::Opaque),
        DataType::Objlnk => {
            let s = read_text(d)?;
            ObjLnk::parse(s)
                .map(Value::ObjLnk)
                .ok_or(Error::new(ErrorKind::TypeMismatch, at))
        }
        DataType::Boolean => match kind {
            Type::Bool => Ok(Value::Boolean(d.bool().map_err(err)?)),
            _ => Err(Error::new(ErrorKind::TypeMismatch, at)),
        },
        DataType::None => match kind {
            Type::Null => {
                d.skip().map_err(err)?;
                Ok(Value::None)
            }
            _ => Err(Error::new(ErrorKind::ExecutableValue, at)),
        },
        DataType::Integer | DataType::Unsigned | DataType::Float | DataType::Time => {
            let n = read_number(d)?;
            typed_number(n, ty, at)
        }
    }
}

/// A minicbor writer into a caller buffer that keeps counting past the end.
pub(crate) struct Out<'b> {
    buf: &'b mut [u8],
    pos: usize,
}

impl<'b> Out<'b> {
    /// A writer over `buf` (an empty slice only counts).
    pub(crate) fn new(buf: &'b mut [u8]) -> Out<'b> {
        Out { buf, pos: 0 }
    }

    /// Bytes written (or needed, past the end).
    pub(crate) fn len(&self) -> usize {
        self.pos
    }

    /// The written prefix, or `BUFFER_TOO_SMALL` with the size needed.
    pub(crate) fn finish(self) -> Result<&'b [u8], Error> {
        let Out { buf, pos } = self;
        if pos > buf.len() {
            return Err(Error::new(ErrorKind::BufferTooSmall, pos));
        }
        Ok(buf.get(..pos).unwrap_or(&[]))
    }
}

impl Write for Out<'_> {
    type Error = core::convert::Infallible;

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), Self::Error> {
        if let Some(dst) = self.buf.get_mut(self.pos..self.pos + bytes.len()) {
            dst.copy_from_slice(bytes);
        }
        self.pos += bytes.len();
        Ok(())
    }
}

/// An encoder over [`Out`]; its writes cannot fail.
pub(crate) type Enc<'o, 'b> = Encoder<&'o mut Out<'b>>;

/// Writes the narrowest float (half, single, double) that reads back to the same bits.
pub(crate) fn write_float(e: &mut Enc<'_, '_>, x: f64) {
    let half = half::f16::from_f64(x);
    let single = x as f32;
    let _ = if half.to_f64().to_bits() == x.to_bits() {
        e.f16(half.to_f32())
    } else if f64::from(single).to_bits() == x.to_bits() {
        e.f32(single)
    } else {
        e.f64(x)
    };
}

/// Appends the decimal digits of `x` to `buf` at `*n`.
fn put_decimal(buf: &mut [u8; 11], n: &mut usize, x: u16) {
    let mut digits = [0u8; 5];
    let mut k = 0;
    let mut v = x;
    loop {
        if let Some(d) = digits.get_mut(k) {
            *d = b'0' + (v % 10) as u8;
        }
        k += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for d in digits.iter().take(k).rev() {
        if let Some(slot) = buf.get_mut(*n) {
            *slot = *d;
        }
        *n += 1;
    }
}

/// The text `"oid:iid"` in a stack buffer; returns the buffer and its used length.
pub(crate) fn objlnk_text(l: ObjLnk) -> ([u8; 11], usize) {
    let mut buf = [0u8; 11];
    let mut n = 0;
    put_decimal(&mut buf, &mut n, l.object);
    if let Some(colon) = buf.get_mut(n) {
        *colon = b':';
    }
    n += 1;
    put_decimal(&mut buf, &mut n, l.instance);
    (buf, n)
}

/// Writes `"oid:iid"` without allocating.
pub(crate) fn write_objlnk(e: &mut Enc<'_, '_>, l: ObjLnk) {
    let (buf, n) = objlnk_text(l);
    let _ = e.str(core::str::from_utf8(buf.get(..n).unwrap_or(&[])).unwrap_or(""));
}

/// Writes one leaf value in the form [`read_leaf`] reads.
pub(crate) fn write_leaf(e: &mut Enc<'_, '_>, v: &Value<'_>) {
    let _ = match *v {
        Value::Integer(x) | Value::Time(x) => e.i64(x).map(|_| ()),
        Value::Unsigned(x) => e.u64(x).map(|_| ()),
        Value::Float(x) => {
            write_float(e, x);
            Ok(())
        }
        Value::Boolean(b) => e.bool(b).map(|_| ()),
        Value::String(s) | Value::CoreLnk(s) => e.str(s).map(|_| ()),
        Value::Opaque(b) => e.bytes(b).map(|_| ()),
        Value::ObjLnk(l) => {
            write_objlnk(e, l);
            Ok(())
        }
        Value::None => e.null().map(|_| ()),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(f: impl FnOnce(&mut Enc<'_, '_>)) -> std::vec::Vec<u8> {
        let mut buf = [0u8; 32];
        let mut out = Out::new(&mut buf);
        f(&mut Encoder::new(&mut out));
        out.finish().unwrap().to_vec()
    }

    #[test]
    fn narrowest_exact_float() {
        assert_eq!(enc(|e| write_float(e, 1.5)), [0xf9, 0x3e, 0x00]);
        assert_eq!(
            enc(|e| write_float(e, 100000.0)),
            [0xfa, 0x47, 0xc3, 0x50, 0x00]
        );
        assert_eq!(enc(|e| write_float(e, 0.1)).len(), 9);
        assert_eq!(enc(|e| write_float(e, -0.0)), [0xf9, 0x80, 0x00]);
        assert_eq!(enc(|e| write_float(e, f64::INFINITY)), [0xf9, 0x7c, 0x00]);
    }

    #[test]
    fn objlnk_text() {
        for (l, s) in [
            (
                ObjLnk {
                    object: 3,
                    instance: 0,
                },
                "3:0",
            ),
            (ObjLnk::NULL, "65535:65535"),
            (
                ObjLnk {
                    object: 10,
                    instance: 7,
                },
                "10:7",
            ),
        ] {
            let bytes = enc(|e| write_objlnk(e, l));
            assert_eq!(&bytes[1..], s.as_bytes());
        }
    }

    #[test]
    fn decimal_fraction_and_typing() {
        // 4([-2, 27315]) = 273.15
        let bytes = [0xc4, 0x82, 0x21, 0x19, 0x6a, 0xb3];
        let n = read_number(&mut Decoder::new(&bytes)).unwrap();
        assert_eq!(n, Number::Float(273.15));
        assert_eq!(
            typed_number(Number::Float(3.0), DataType::Integer, 0).unwrap(),
            Value::Integer(3)
        );
        assert!(typed_number(Number::Float(3.5), DataType::Integer, 0).is_err());
        assert!(typed_number(Number::Int(-1), DataType::Unsigned, 0).is_err());
        assert!(typed_number(Number::Int((1 << 53) + 1), DataType::Float, 0).is_err());
        assert_eq!(
            untyped_number(Number::Int(u64::MAX.into()), 0).unwrap(),
            Value::Unsigned(u64::MAX)
        );
    }

    #[test]
    fn out_counts_past_the_end() {
        let mut buf = [0u8; 2];
        let mut out = Out::new(&mut buf);
        let _ = Encoder::new(&mut out).str("abcd");
        assert_eq!(out.len(), 5);
        assert_eq!(
            out.finish().unwrap_err(),
            Error::new(ErrorKind::BufferTooSmall, 5)
        );
    }
}
