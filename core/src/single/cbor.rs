//! Single-value CBOR (Content-Format 60): the payload is one CBOR data item, the value of the resource (instance)
//! the request path names; there is no map or path around it.
//!
//! Leaves follow the rules LwM2M-CBOR and SenML-CBOR share (`vectors/FORMATS.md`): integers of any width, half,
//! single and double floats, tag-4 decimal fractions and tag-1 epoch times, converted to the model's type without
//! loss; definite text and byte strings; Objlnk as the text `"oid:iid"`; `null` for none. A resource the model does
//! not know keeps the type its CBOR kind shows. The encoder writes the shortest integer head, the narrowest float
//! that reads back bit-identical, and Time as an integer.
//!
//! Errors: value errors at the value's first byte (`TYPE_MISMATCH`, `INVALID_UTF8`, `INDEFINITE_LENGTH`,
//! `EXECUTABLE_VALUE` for a value other than `null` on an executable resource), `INVALID_CBOR` for a malformed item,
//! `TRAILING_DATA` at the first byte after the item, `UNEXPECTED_END` at the input length, `INVALID_PATH` for a
//! request path above resource level (at the length of its text, see [`single`](super)).
//!
//! ```
//! use ucifi_codec::{single, Path, Record, Registry, Value};
//! // /3/0/9 (Device battery level) = 95
//! let path: Path = "/3/0/9".parse().unwrap();
//! let r = single::cbor::decode(&[0x18, 0x5f], &path, &Registry).unwrap();
//! assert_eq!((r.value, r.name()), (Value::Integer(95), Some("Battery Level")));
//! let mut buf = [0u8; 4];
//! assert_eq!(single::cbor::encode(&r, &path, &Registry, &mut buf).unwrap(), [0x18, 0x5f]);
//! assert_eq!(single::cbor::encoded_len(&r, &path, &Registry).unwrap(), 2);
//! ```

use minicbor::Decoder;

use super::{record_def, resource_def};
use crate::cbor::{initial, malformed, read_leaf, write_leaf, Out};
use crate::error::{Error, ErrorKind};
use crate::path::Path;
use crate::registry::Model;
use crate::value::Record;

/// Decodes the one CBOR value in `input` as the value of the resource (instance) at `path`.
///
/// # Errors
/// See the module docs: value errors at the value, `TRAILING_DATA`, `UNEXPECTED_END`, `INVALID_CBOR`,
/// `INVALID_PATH`.
pub fn decode<'a, M: Model + ?Sized>(
    input: &'a [u8],
    path: &Path,
    model: &'a M,
) -> Result<Record<'a>, Error> {
    let def = resource_def(path, model)?;
    let mut d = Decoder::new(input);
    let b = initial(&d)?;
    if b == 0xff || malformed(b) {
        return Err(Error::new(ErrorKind::InvalidCbor, 0));
    }
    let value = read_leaf(&mut d, def.map(|x| x.data_type()))?;
    if d.position() < input.len() {
        return Err(Error::new(ErrorKind::TrailingData, d.position()));
    }
    Ok(Record {
        path: *path,
        value,
        resource: def,
        time: None,
    })
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

/// Encodes the value of `record` (at `path`) as one CBOR item into `out`; returns the written prefix.
///
/// A resource the model does not know takes any value ([`Value::None`](crate::Value::None) as `null`); an executable
/// one only `Value::None`.
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

fn write<M: Model + ?Sized>(
    record: &Record<'_>,
    path: &Path,
    model: &M,
    out: &mut Out<'_>,
) -> Result<(), Error> {
    record_def(record, path, model)?;
    crate::value::check_value(record, model, 0)?;
    write_leaf(out, &record.value);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::test_model::{path, Builtin, EveryType};
    use super::*;
    use crate::value::{DataType, ObjLnk, Value};

    fn round(v: Value<'_>) -> std::vec::Vec<u8> {
        let p = path(v.data_type());
        let r = Record::new(p, v);
        let n = encoded_len(&r, &p, &EveryType).unwrap();
        let mut buf = [0u8; 64];
        let bytes = encode(&r, &p, &EveryType, &mut buf).unwrap().to_vec();
        assert_eq!(bytes.len(), n);
        let back = decode(&bytes, &p, &EveryType).unwrap();
        assert!(back.value.same_as(&v), "{v:?} -> {bytes:02x?} -> {back:?}");
        assert!(back.resource.is_some());
        bytes
    }

    #[test]
    fn every_type_round_trips() {
        assert_eq!(round(Value::Integer(i64::MIN))[0], 0x3b);
        assert_eq!(round(Value::Integer(i64::MAX))[0], 0x1b);
        assert_eq!(round(Value::Integer(-750)), [0x39, 0x02, 0xed]);
        assert_eq!(round(Value::Unsigned(u64::MAX)).len(), 9);
        assert_eq!(round(Value::Unsigned(0)), [0x00]);
        assert_eq!(round(Value::Float(f64::NAN)), [0xf9, 0x7e, 0x00]);
        assert_eq!(round(Value::Float(f64::INFINITY)), [0xf9, 0x7c, 0x00]);
        assert_eq!(round(Value::Float(f64::NEG_INFINITY)), [0xf9, 0xfc, 0x00]);
        assert_eq!(round(Value::Float(-0.0)), [0xf9, 0x80, 0x00]);
        assert_eq!(round(Value::Float(0.1)).len(), 9);
        assert_eq!(round(Value::Boolean(true)), [0xf5]);
        assert_eq!(round(Value::String("")), [0x60]);
        assert_eq!(round(Value::Opaque(&[])), [0x40]);
        assert_eq!(round(Value::Opaque(&[1, 2, 3])), [0x43, 1, 2, 3]);
        assert_eq!(
            round(Value::Time(1476186613)),
            [0x1a, 0x57, 0xfc, 0xd1, 0xf5]
        );
        let null = round(Value::ObjLnk(ObjLnk::NULL));
        assert_eq!(&null[1..], b"65535:65535");
        assert_eq!(round(Value::CoreLnk("</3/0>")), b"\x66</3/0>");
        assert_eq!(round(Value::None), [0xf6]);
    }

    #[test]
    fn unknown_resource_keeps_its_cbor_kind() {
        let p: Path = "/13/26/1".parse().unwrap();
        let r = decode(&[0x18, 0x2a], &p, &Builtin).unwrap();
        assert_eq!((r.value, r.unknown()), (Value::Integer(42), true));
        let r = decode(&[0x63, b'a', b'b', b'c'], &p, &Builtin).unwrap();
        assert_eq!(r.value, Value::String("abc"));
        let r = decode(&[0xf6], &p, &Builtin).unwrap();
        assert_eq!(r.value, Value::None);
        // Any value encodes for an unknown resource.
        let mut buf = [0u8; 4];
        let out = encode(
            &Record::new(p, Value::Boolean(false)),
            &p,
            &Builtin,
            &mut buf,
        );
        assert_eq!(out.unwrap(), [0xf4]);
    }

    #[test]
    fn model_conversions() {
        // An integral float for an Integer resource, an integer for a Float resource, tag 1 for Time.
        let int = path(DataType::Integer);
        let r = decode(&[0xf9, 0x3c, 0x00], &int, &EveryType).unwrap();
        assert_eq!(r.value, Value::Integer(1));
        let float = path(DataType::Float);
        let r = decode(&[0x18, 0x64], &float, &EveryType).unwrap();
        assert_eq!(r.value, Value::Float(100.0));
        let time = path(DataType::Time);
        let r = decode(&[0xc1, 0x03], &time, &EveryType).unwrap();
        assert_eq!(r.value, Value::Time(3));
        let p = Path::resource_instance_path(60000, 0, 2, 7);
        let r = decode(&[0x07], &p, &EveryType).unwrap();
        assert_eq!((r.path, r.value), (p, Value::Integer(7)));
    }

    fn decode_err(input: &[u8], p: &Path) -> (ErrorKind, usize) {
        let e = decode(input, p, &EveryType).unwrap_err();
        (e.kind(), e.offset())
    }

    #[test]
    fn decode_errors() {
        let int = path(DataType::Integer);
        let string = path(DataType::String);
        use ErrorKind::*;
        assert_eq!(decode_err(&[0x01, 0x02], &int), (TrailingData, 1));
        assert_eq!(decode_err(&[], &int), (UnexpectedEnd, 0));
        assert_eq!(decode_err(&[0x19, 0x01], &int), (UnexpectedEnd, 2));
        assert_eq!(decode_err(&[0xff], &int), (InvalidCbor, 0));
        assert_eq!(decode_err(&[0x1c], &int), (InvalidCbor, 0));
        assert_eq!(decode_err(&[0xf9, 0x3e, 0x00], &int), (TypeMismatch, 0));
        assert_eq!(decode_err(&[0x61, 0xff], &string), (InvalidUtf8, 1));
        assert_eq!(
            decode_err(&[0x7f, 0x60, 0xff], &string),
            (IndefiniteLength, 0)
        );
        assert_eq!(
            decode_err(&[0x01], &path(DataType::None)),
            (ExecutableValue, 0)
        );
        assert_eq!(
            decode_err(&[0x01], &Path::instance_path(60000, 0)),
            (InvalidPath, 8)
        );
        assert_eq!(
            decode_err(&[0x01], &Path::object_path(60000)),
            (InvalidPath, 6)
        );
        // At the length of the path's text, where the missing ids would start.
        for (p, at) in [
            ("/3/10", 5),
            ("/3424", 5),
            ("/0/999", 6),
            ("/65534/1000", 11),
            ("/", 1),
        ] {
            let p: Path = p.parse().unwrap();
            assert_eq!(decode_err(&[0x01], &p), (InvalidPath, at));
        }
    }

    #[test]
    fn encode_errors() {
        let int = path(DataType::Integer);
        let mut buf = [0u8; 1];
        let enc = |r: Record<'_>, p: &Path, buf: &mut [u8]| {
            let e = encode(&r, p, &EveryType, buf).unwrap_err();
            (e.kind(), e.offset())
        };
        use ErrorKind::*;
        let r = Record::new(int, Value::Integer(1000));
        assert_eq!(enc(r, &int, &mut buf), (BufferTooSmall, 3));
        assert_eq!(enc(r, &path(DataType::Float), &mut buf), (PathMismatch, 0));
        assert_eq!(
            enc(r, &Path::instance_path(60000, 0), &mut buf),
            (InvalidPath, 8)
        );
        let r = Record::new(int, Value::Unsigned(1));
        assert_eq!(enc(r, &int, &mut buf), (TypeMismatch, 0));
        let exec = path(DataType::None);
        let r = Record::new(exec, Value::Integer(1));
        assert_eq!(enc(r, &exec, &mut buf), (ExecutableValue, 0));
    }
}
