//! Opaque (Content-Format 42): the payload is the raw bytes of one Opaque resource (instance), with no framing.
//!
//! Only resources the model types as Opaque, or does not know, can travel this way: any other model type is
//! `TYPE_MISMATCH` at 0. A resource the model does not know decodes with [`Record::unknown`] set.
//!
//! ```
//! use ucifi_codec::{single, Path, Record, Registry, Value};
//! // /5/0/0 (Firmware Update package), an Opaque resource
//! let path: Path = "/5/0/0".parse().unwrap();
//! let r = single::opaque::decode(&[0xde, 0xad], &path, &Registry).unwrap();
//! assert_eq!(r.value, Value::Opaque(&[0xde, 0xad]));
//! let mut buf = [0u8; 2];
//! assert_eq!(single::opaque::encode(&r, &path, &Registry, &mut buf).unwrap(), [0xde, 0xad]);
//! assert_eq!(single::opaque::encoded_len(&r, &path, &Registry).unwrap(), 2);
//! ```
//!
//! [`Record::unknown`]: crate::Record::unknown

use super::{record_def, resource_def};
use crate::error::{Error, ErrorKind};
use crate::path::Path;
use crate::registry::Model;
use crate::value::{DataType, Record, Value};

/// The record for the raw bytes `input` at `path`.
///
/// # Errors
/// `INVALID_PATH` for a request path above resource level (at the length of its text); `TYPE_MISMATCH` at 0 if the
/// model types the resource as anything but Opaque.
pub fn decode<'a, M: Model + ?Sized>(
    input: &'a [u8],
    path: &Path,
    model: &'a M,
) -> Result<Record<'a>, Error> {
    let def = resource_def(path, model)?;
    if def.is_some_and(|d| d.data_type() != DataType::Opaque) {
        return Err(Error::new(ErrorKind::TypeMismatch, 0));
    }
    Ok(Record {
        path: *path,
        value: Value::Opaque(input),
        resource: def,
        time: None,
    })
}

/// The bytes of an Opaque record, after the checks [`encode`] makes.
fn payload<'r, M: Model + ?Sized>(
    record: &Record<'r>,
    path: &Path,
    model: &M,
) -> Result<&'r [u8], Error> {
    let def = record_def(record, path, model)?;
    match record.value {
        Value::Opaque(b) if def.is_none_or(|d| d.data_type() == DataType::Opaque) => Ok(b),
        _ => Err(Error::new(ErrorKind::TypeMismatch, 0)),
    }
}

/// The exact number of bytes [`encode`] writes: the length of the value.
///
/// # Errors
/// As [`encode`], except `BUFFER_TOO_SMALL`.
pub fn encoded_len<M: Model + ?Sized>(
    record: &Record<'_>,
    path: &Path,
    model: &M,
) -> Result<usize, Error> {
    payload(record, path, model).map(<[u8]>::len)
}

/// Copies the bytes of `record` (at `path`) into `out`; returns the written prefix.
///
/// # Errors
/// `INVALID_PATH` for a request path above resource level (at the length of its text); at 0: `PATH_MISMATCH` (record
/// path ≠ request path), `TYPE_MISMATCH` (a value that is not Opaque, or a resource the model types otherwise); `BUFFER_TOO_SMALL` with the
/// number of bytes needed.
pub fn encode<'b, M: Model + ?Sized>(
    record: &Record<'_>,
    path: &Path,
    model: &M,
    out: &'b mut [u8],
) -> Result<&'b [u8], Error> {
    let bytes = payload(record, path, model)?;
    let dst = out
        .get_mut(..bytes.len())
        .ok_or(Error::new(ErrorKind::BufferTooSmall, bytes.len()))?;
    dst.copy_from_slice(bytes);
    Ok(dst)
}

#[cfg(test)]
mod tests {
    use super::super::test_model::{path, Builtin, EveryType};
    use super::*;

    #[test]
    fn round_trip() {
        let p = path(DataType::Opaque);
        for bytes in [&[][..], &[0u8, 1, 2, 0xff][..]] {
            let r = decode(bytes, &p, &EveryType).unwrap();
            assert_eq!((r.value, r.unknown()), (Value::Opaque(bytes), false));
            let mut buf = [0u8; 8];
            assert_eq!(encode(&r, &p, &EveryType, &mut buf).unwrap(), bytes);
            assert_eq!(encoded_len(&r, &p, &EveryType).unwrap(), bytes.len());
        }
        let unknown: Path = "/13/26/1/0".parse().unwrap();
        let r = decode(&[7], &unknown, &Builtin).unwrap();
        assert_eq!((r.value, r.unknown()), (Value::Opaque(&[7]), true));
    }

    #[test]
    fn errors() {
        let e = decode(&[1], &path(DataType::Integer), &EveryType).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::TypeMismatch, 0));
        let e = decode(&[1], &Path::instance_path(60000, 0), &EveryType).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidPath, 8));
        let p = path(DataType::Opaque);
        let r = Record::new(p, Value::Opaque(&[1, 2, 3]));
        let mut small = [0u8; 2];
        let e = encode(&r, &p, &EveryType, &mut small).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::BufferTooSmall, 3));
        let e = encode(&r, &path(DataType::String), &EveryType, &mut small).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::PathMismatch, 0));
        let s = path(DataType::String);
        let e = encode(
            &Record::new(s, Value::Opaque(&[])),
            &s,
            &EveryType,
            &mut small,
        )
        .unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::TypeMismatch, 0));
        let e = encode(
            &Record::new(p, Value::String("")),
            &p,
            &EveryType,
            &mut small,
        )
        .unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::TypeMismatch, 0));
    }
}
