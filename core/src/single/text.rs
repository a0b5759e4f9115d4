//! Plain text (Content-Format 0): the value of the resource (instance) the request path names, as UTF-8 text.
//!
//! | model type | text |
//! |---|---|
//! | Integer, Time | `-?[0-9]+` (`-750`, `1476186613`) |
//! | Unsigned | `[0-9]+` |
//! | Float | `-?` digits with an optional fraction and exponent (`22.5`, `0.00000000006667`, `6.667e-11`, `.5`, `5.`), `NaN`, `inf`, `-inf` |
//! | Boolean | `0` or `1` |
//! | Opaque | standard base64 with padding (`AQIDBAU=` is `01 02 03 04 05`) |
//! | Objlnk | `oid:iid` |
//! | String, Corelnk | the text itself |
//! | none (executable) | empty |
//!
//! A resource the model does not know decodes to [`Value::String`] with [`Record::unknown`] set. Text that does not
//! match its type's form (a number out of range, a decimal beyond the double range, a sign or space the form does not
//! show) is `INVALID_TEXT` at 0;
//! text that is not UTF-8 is `INVALID_UTF8` at the first bad byte. Opaque bytes are decoded into a caller `scratch`
//! buffer (`input.len()` bytes always suffice, three quarters of it exactly do).
//!
//! The encoder writes integers in decimal, floats in Rust's shortest round-trip form (`{}`: `22.5`, `0.00000000006667`,
//! `-0`, `NaN`, `inf`; every float reads back bit-identical except NaN payloads and signs, which the text cannot show),
//! Booleans as `0`/`1`, Opaque as padded standard base64.
//!
//! ```
//! use ucifi_codec::{single, Path, Record, Registry, Value};
//! // /3/0/13 (Device current time), a Time resource
//! let path: Path = "/3/0/13".parse().unwrap();
//! let mut scratch = [0u8; 0];
//! let r = single::text::decode(b"1476186613", &path, &Registry, &mut scratch).unwrap();
//! assert_eq!(r.value, Value::Time(1476186613));
//! let mut buf = [0u8; 16];
//! assert_eq!(single::text::encode(&r, &path, &Registry, &mut buf).unwrap(), b"1476186613");
//! assert_eq!(single::text::encoded_len(&r, &path, &Registry).unwrap(), 10);
//! ```
//!
//! [`Value::String`]: crate::Value::String
//! [`Record::unknown`]: crate::Record::unknown

use core::fmt::{self, Write as _};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use minicbor::encode::Write as _;

use super::{record_def, resource_def};
use crate::cbor::{objlnk_text, Out};
use crate::error::{Error, ErrorKind};
use crate::path::Path;
use crate::registry::Model;
use crate::value::{DataType, ObjLnk, Record, Value};

/// `-?[0-9]+` when `signed`, else `[0-9]+`.
fn is_integer(s: &str, signed: bool) -> bool {
    let digits = match s.strip_prefix('-') {
        Some(rest) if signed => rest,
        _ => s,
    };
    !digits.is_empty() && digits.bytes().all(|c| c.is_ascii_digit())
}

/// `-?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?`
fn is_decimal(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let (mantissa, exponent) = match s.find(['e', 'E']) {
        Some(i) => (s.get(..i).unwrap_or(""), s.get(i + 1..)),
        None => (s, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all_digits = |t: &str| t.bytes().all(|c| c.is_ascii_digit());
    let mantissa_ok = all_digits(int) && all_digits(frac) && !(int.is_empty() && frac.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok
}

/// The exact number of bytes padded base64 text `s` decodes to, if its length and padding allow it.
fn base64_len(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    if b.len() % 4 != 0 {
        return None;
    }
    let pad = b.iter().rev().take_while(|&&c| c == b'=').count();
    let body = b.get(..b.len() - pad)?;
    let alphabet = |c: &u8| c.is_ascii_alphanumeric() || *c == b'+' || *c == b'/';
    if pad > 2 || !body.iter().all(alphabet) {
        return None;
    }
    Some(b.len() / 4 * 3 - pad)
}

/// Decodes the text in `input` as the value of the resource (instance) at `path`.
///
/// `scratch` receives the bytes of an Opaque value (the record borrows them from it); other types do not use it.
///
/// # Errors
/// `INVALID_PATH` for a request path above resource level (at the length of its text); `INVALID_UTF8` at the first bad byte; `INVALID_TEXT`
/// at 0 for text that does not match the type's form; `EXECUTABLE_VALUE` at 0 for text on an executable resource;
/// `BUFFER_TOO_SMALL` with the number of bytes needed when `scratch` cannot hold the Opaque bytes.
pub fn decode<'a, M: Model + ?Sized>(
    input: &'a [u8],
    path: &Path,
    model: &'a M,
    scratch: &'a mut [u8],
) -> Result<Record<'a>, Error> {
    let def = resource_def(path, model)?;
    let s = core::str::from_utf8(input)
        .map_err(|e| Error::new(ErrorKind::InvalidUtf8, e.valid_up_to()))?;
    let bad = Error::new(ErrorKind::InvalidText, 0);
    let value = match def.map(|d| d.data_type()) {
        None | Some(DataType::String) => Value::String(s),
        Some(DataType::Corelnk) => Value::CoreLnk(s),
        Some(DataType::Integer) if is_integer(s, true) => {
            Value::Integer(s.parse().map_err(|_| bad)?)
        }
        Some(DataType::Time) if is_integer(s, true) => Value::Time(s.parse().map_err(|_| bad)?),
        Some(DataType::Unsigned) if is_integer(s, false) => {
            Value::Unsigned(s.parse().map_err(|_| bad)?)
        }
        Some(DataType::Float) if matches!(s, "NaN" | "inf" | "-inf") => {
            Value::Float(s.parse().map_err(|_| bad)?)
        }
        Some(DataType::Float) if is_decimal(s) => {
            // A decimal too large for a double would silently become infinite: refuse it.
            let x: f64 = s.parse().map_err(|_| bad)?;
            if !x.is_finite() {
                return Err(bad);
            }
            Value::Float(x)
        }
        Some(DataType::Boolean) if s == "0" || s == "1" => Value::Boolean(s == "1"),
        Some(DataType::Objlnk) => Value::ObjLnk(ObjLnk::parse(s).ok_or(bad)?),
        Some(DataType::Opaque) => {
            let n = base64_len(s).ok_or(bad)?;
            if n > scratch.len() {
                return Err(Error::new(ErrorKind::BufferTooSmall, n));
            }
            let written = STANDARD.decode_slice(s, &mut *scratch).map_err(|_| bad)?;
            let scratch: &'a [u8] = scratch;
            Value::Opaque(scratch.get(..written).ok_or(bad)?)
        }
        Some(DataType::None) if s.is_empty() => Value::None,
        Some(DataType::None) => return Err(Error::new(ErrorKind::ExecutableValue, 0)),
        Some(_) => return Err(bad),
    };
    Ok(Record {
        path: *path,
        value,
        resource: def,
        time: None,
    })
}

/// [`core::fmt::Write`] over [`Out`]: counts what does not fit.
struct Text<'o, 'b>(&'o mut Out<'b>);

impl fmt::Write for Text<'_, '_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let _ = self.0.write_all(s.as_bytes());
        Ok(())
    }
}

/// Padded standard base64 of `bytes`, in chunks through a stack buffer.
fn write_base64(out: &mut Out<'_>, bytes: &[u8]) {
    let mut chunk_text = [0u8; 64];
    for chunk in bytes.chunks(48) {
        let n = STANDARD.encode_slice(chunk, &mut chunk_text).unwrap_or(0);
        let _ = out.write_all(chunk_text.get(..n).unwrap_or(&[]));
    }
}

fn write<M: Model + ?Sized>(
    record: &Record<'_>,
    path: &Path,
    model: &M,
    out: &mut Out<'_>,
) -> Result<(), Error> {
    let def = record_def(record, path, model)?;
    match def.map(|d| d.data_type()) {
        Some(DataType::None) if record.value != Value::None => {
            return Err(Error::new(ErrorKind::ExecutableValue, 0))
        }
        Some(t) if t != record.value.data_type() => {
            return Err(Error::new(ErrorKind::TypeMismatch, 0))
        }
        None if record.value == Value::None => return Err(Error::new(ErrorKind::TypeMismatch, 0)),
        _ => {}
    }
    let mut text = Text(out);
    let _ = match record.value {
        Value::Integer(x) | Value::Time(x) => write!(text, "{x}"),
        Value::Unsigned(x) => write!(text, "{x}"),
        // The same text either way (float_text.rs); `ryu` only where it is linked anyway.
        #[cfg(feature = "alloc")]
        Value::Float(x) => write!(text, "{}", crate::float_text::Shortest(x)),
        #[cfg(not(feature = "alloc"))]
        Value::Float(x) => write!(text, "{x}"),
        Value::Boolean(b) => text.write_str(if b { "1" } else { "0" }),
        Value::String(s) | Value::CoreLnk(s) => text.write_str(s),
        Value::Opaque(b) => {
            write_base64(text.0, b);
            Ok(())
        }
        Value::ObjLnk(l) => {
            let (buf, n) = objlnk_text(l);
            let _ = text.0.write_all(buf.get(..n).unwrap_or(&[]));
            Ok(())
        }
        Value::None => Ok(()),
    };
    Ok(())
}

/// The exact number of bytes [`encode`] writes.
///
/// # Errors
/// As [`encode`], except `BUFFER_TOO_SMALL`.
pub fn encoded_len<M: Model + ?Sized>(
    record: &Record<'_>,
    path: &Path,
    model: &M,
) -> Result<usize, Error> {
    let mut out = Out::new(&mut []);
    write(record, path, model, &mut out)?;
    Ok(out.len())
}

/// Encodes the value of `record` (at `path`) as text into `out`; returns the written prefix.
///
/// A resource the model does not know takes any value but none (it decodes back as a String); an executable one
/// only [`Value::None`] (empty text).
///
/// # Errors
/// `INVALID_PATH` for a request path above resource level (at the length of its text); at 0: `PATH_MISMATCH`
/// (record path ≠ request path), `TYPE_MISMATCH`, `EXECUTABLE_VALUE`; `BUFFER_TOO_SMALL` with the number of bytes
/// needed.
pub fn encode<'b, M: Model + ?Sized>(
    record: &Record<'_>,
    path: &Path,
    model: &M,
    out: &'b mut [u8],
) -> Result<&'b [u8], Error> {
    let mut sink = Out::new(out);
    write(record, path, model, &mut sink)?;
    sink.finish()
}

#[cfg(test)]
mod tests {
    use super::super::test_model::{path, Builtin, EveryType};
    use super::*;

    fn dec<'a>(text: &'a str, t: DataType, scratch: &'a mut [u8]) -> Result<Value<'a>, Error> {
        decode(text.as_bytes(), &path(t), &EveryType, scratch).map(|r| r.value)
    }

    fn enc(v: Value<'_>) -> std::string::String {
        let p = path(v.data_type());
        let r = Record::new(p, v);
        let mut buf = [0u8; 1024];
        let n = encoded_len(&r, &p, &EveryType).unwrap();
        let out = encode(&r, &p, &EveryType, &mut buf).unwrap();
        assert_eq!(out.len(), n);
        std::string::String::from_utf8(out.to_vec()).unwrap()
    }

    /// Encodes, decodes, and checks the value comes back.
    fn round(v: Value<'_>) -> std::string::String {
        let s = enc(v);
        let mut scratch = [0u8; 128];
        let back = dec(&s, v.data_type(), &mut scratch).unwrap();
        assert!(back.same_as(&v), "{v:?} -> {s} -> {back:?}");
        s
    }

    #[test]
    fn spec_examples() {
        let mut none = [0u8; 0];
        assert_eq!(
            dec("-750", DataType::Integer, &mut none),
            Ok(Value::Integer(-750))
        );
        assert_eq!(
            dec("1476186613", DataType::Time, &mut none),
            Ok(Value::Time(1476186613))
        );
        assert_eq!(
            dec("0.00000000006667", DataType::Float, &mut none),
            Ok(Value::Float(6.667e-11))
        );
        assert_eq!(
            dec("6.667e-11", DataType::Float, &mut none),
            Ok(Value::Float(6.667e-11))
        );
        let mut scratch = [0u8; 5];
        assert_eq!(
            dec("AQIDBAU=", DataType::Opaque, &mut scratch),
            Ok(Value::Opaque(&[1, 2, 3, 4, 5]))
        );
        assert_eq!(enc(Value::Opaque(&[1, 2, 3, 4, 5])), "AQIDBAU=");
        assert_eq!(enc(Value::Float(6.667e-11)), "0.00000000006667");
        assert_eq!(enc(Value::Integer(-750)), "-750");
    }

    #[test]
    fn every_type_round_trips() {
        assert_eq!(round(Value::Integer(i64::MIN)), "-9223372036854775808");
        assert_eq!(round(Value::Integer(i64::MAX)), "9223372036854775807");
        assert_eq!(round(Value::Unsigned(u64::MAX)), "18446744073709551615");
        assert_eq!(round(Value::Time(-1)), "-1");
        assert_eq!(round(Value::Float(22.5)), "22.5");
        assert_eq!(round(Value::Float(1.0)), "1");
        assert_eq!(round(Value::Float(-0.0)), "-0");
        assert_eq!(round(Value::Float(f64::NAN)), "NaN");
        assert_eq!(round(Value::Float(f64::INFINITY)), "inf");
        assert_eq!(round(Value::Float(f64::NEG_INFINITY)), "-inf");
        assert_eq!(round(Value::Float(0.1)), "0.1");
        assert_eq!(round(Value::Float(f64::MAX)).len(), 309);
        assert!(round(Value::Float(f64::MIN_POSITIVE)).starts_with("0.000"));
        round(Value::Float(5e-324));
        assert_eq!(round(Value::Boolean(false)), "0");
        assert_eq!(round(Value::Boolean(true)), "1");
        assert_eq!(round(Value::String("")), "");
        assert_eq!(round(Value::String("héllo")), "héllo");
        assert_eq!(round(Value::Opaque(&[])), "");
        assert_eq!(round(Value::Opaque(&[0xff])), "/w==");
        assert_eq!(round(Value::Opaque(&[0xfb, 0xef])), "++8=");
        let long = [0xa5u8; 95];
        assert_eq!(round(Value::Opaque(&long)).len(), 128);
        assert_eq!(round(Value::ObjLnk(ObjLnk::NULL)), "65535:65535");
        assert_eq!(
            round(Value::ObjLnk(ObjLnk {
                object: 3,
                instance: 0
            })),
            "3:0"
        );
        assert_eq!(round(Value::CoreLnk("</3/0>")), "</3/0>");
        assert_eq!(round(Value::None), "");
    }

    #[test]
    fn float_forms() {
        let mut none = [0u8; 0];
        for (s, x) in [
            ("5", 5.0),
            ("-5", -5.0),
            (".5", 0.5),
            ("5.", 5.0),
            ("1E3", 1000.0),
            ("1e+3", 1000.0),
        ] {
            assert_eq!(
                dec(s, DataType::Float, &mut none),
                Ok(Value::Float(x)),
                "{s}"
            );
        }
        assert_eq!(
            dec("1e-400", DataType::Float, &mut none),
            Ok(Value::Float(0.0))
        );
        for s in [
            "", ".", "-", "e5", "1e", "1e+", "+1", " 1", "1 ", "1.2.3", "nan", "Infinity", "+inf",
            "0x10", "1e400", "-1e400",
        ] {
            let e = dec(s, DataType::Float, &mut none).unwrap_err();
            assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidText, 0), "{s:?}");
        }
    }

    #[test]
    fn unknown_resource_is_text() {
        let p: Path = "/13/26/1".parse().unwrap();
        let mut none = [0u8; 0];
        let r = decode(b"42", &p, &Builtin, &mut none).unwrap();
        assert_eq!((r.value, r.unknown()), (Value::String("42"), true));
        let mut buf = [0u8; 4];
        let out = encode(&Record::new(p, Value::Integer(42)), &p, &Builtin, &mut buf);
        assert_eq!(out.unwrap(), b"42");
    }

    #[test]
    fn decode_errors() {
        let mut none = [0u8; 0];
        let mut err = |s: &[u8], t: DataType| {
            let e = decode(s, &path(t), &EveryType, &mut none).unwrap_err();
            (e.kind(), e.offset())
        };
        use ErrorKind::*;
        for (s, t) in [
            ("+1", DataType::Integer),
            ("1.0", DataType::Integer),
            ("", DataType::Integer),
            ("9223372036854775808", DataType::Integer),
            ("-1", DataType::Unsigned),
            ("18446744073709551616", DataType::Unsigned),
            ("x", DataType::Time),
            ("2", DataType::Boolean),
            ("true", DataType::Boolean),
            ("3", DataType::Objlnk),
            ("3:65536", DataType::Objlnk),
            ("AQIDBAU", DataType::Opaque),
            ("AQIDBA==U", DataType::Opaque),
            ("AQIDBAU-", DataType::Opaque),
            ("A===", DataType::Opaque),
            ("AQ=A", DataType::Opaque),
        ] {
            assert_eq!(err(s.as_bytes(), t), (InvalidText, 0), "{s:?}");
        }
        assert_eq!(err(b"ab\xff", DataType::String), (InvalidUtf8, 2));
        assert_eq!(err(b"1", DataType::None), (ExecutableValue, 0));
        let e = decode(b"1", &Path::instance_path(60000, 0), &EveryType, &mut none).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (InvalidPath, 8));
        // Non-canonical trailing bits ("AR==" would be 01 with a stray bit).
        let mut scratch = [0u8; 4];
        let e = dec("AR==", DataType::Opaque, &mut scratch).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (InvalidText, 0));
        let mut small = [0u8; 4];
        let e = dec("AQIDBAU=", DataType::Opaque, &mut small).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (BufferTooSmall, 5));
    }

    #[test]
    fn encode_errors() {
        let int = path(DataType::Integer);
        let mut buf = [0u8; 2];
        let mut enc = |r: Record<'_>, p: &Path| {
            let e = encode(&r, p, &EveryType, &mut buf).unwrap_err();
            (e.kind(), e.offset())
        };
        use ErrorKind::*;
        assert_eq!(
            enc(Record::new(int, Value::Integer(-750)), &int),
            (BufferTooSmall, 4)
        );
        assert_eq!(
            enc(Record::new(int, Value::Float(1.0)), &int),
            (TypeMismatch, 0)
        );
        assert_eq!(
            enc(Record::new(int, Value::Integer(1)), &path(DataType::Time)),
            (PathMismatch, 0)
        );
        assert_eq!(
            enc(
                Record::new(int, Value::Integer(1)),
                &Path::object_path(60000)
            ),
            (InvalidPath, 6)
        );
        let exec = path(DataType::None);
        assert_eq!(
            enc(Record::new(exec, Value::String("x")), &exec),
            (ExecutableValue, 0)
        );
        let p: Path = "/13/26/1".parse().unwrap();
        let e = encode(&Record::new(p, Value::None), &p, &Builtin, &mut buf).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (TypeMismatch, 0));
    }
}
