//! The single-value formats: one resource (instance) value per payload, named by the request path (the CoAP URI).
//!
//! * [`cbor`] — CBOR (Content-Format 60): one CBOR leaf item, with the leaf rules LwM2M-CBOR and SenML-CBOR share.
//! * [`text`] — plain text (Content-Format 0): decimal numbers, `0`/`1`, `oid:iid`, padded standard base64 for Opaque.
//! * [`opaque`] — opaque (Content-Format 42): the raw bytes of an Opaque resource.
//!
//! Every function takes the request path, which must be at resource (`/O/I/R`) or resource-instance (`/O/I/R/RI`)
//! level (otherwise `INVALID_PATH` at the length of the path's text, where the missing ids would start: 7 for
//! `/3424/0`). Decoders return one [`Record`] at that path, typed by the model; encoders
//! take one record, whose path must equal the request path (`PATH_MISMATCH` at 0 otherwise) and whose value must
//! carry the model's type (`TYPE_MISMATCH` / `EXECUTABLE_VALUE` at 0). Encoders write into a caller buffer and report
//! `BUFFER_TOO_SMALL` with the number of bytes needed; `encoded_len` gives that number first.
//!
//! ```
//! use ucifi_codec::{single, Path, Registry, Value};
//! // /3303/0/5700 (Temperature sensor value) = 22.5 in each single-value format
//! let path: Path = "/3303/0/5700".parse().unwrap();
//! let r = single::cbor::decode(&[0xf9, 0x4d, 0xa0], &path, &Registry).unwrap();
//! assert_eq!(r.value, Value::Float(22.5));
//! let mut scratch = [0u8; 0];
//! let t = single::text::decode(b"22.5", &path, &Registry, &mut scratch).unwrap();
//! assert_eq!(t.value, Value::Float(22.5));
//! let mut buf = [0u8; 8];
//! assert_eq!(single::text::encode(&r, &path, &Registry, &mut buf).unwrap(), b"22.5");
//! ```
//!
//! Features: `single` brings [`cbor`] and [`opaque`], `text` brings [`text`] (the only format that needs `core::fmt`
//! and float parsing); without either this module is empty.
//!
//! [`Record`]: crate::Record

#![cfg_attr(not(any(feature = "single", feature = "text")), allow(dead_code))]

#[cfg(feature = "single")]
pub mod cbor;
#[cfg(feature = "single")]
pub mod opaque;
#[cfg(feature = "text")]
pub mod text;

use crate::error::{Error, ErrorKind};
use crate::path::{Path, PathLevel};
use crate::registry::{Model, ResourceDef};
use crate::value::Record;

/// The length of the path's text (`/3424/0` → 7): where the ids a shorter path lacks would start.
fn text_len(path: &Path) -> usize {
    if path.is_root() {
        return 1;
    }
    path.ids()
        .iter()
        .map(|&id| match id {
            0..=9 => 2,
            10..=99 => 3,
            100..=999 => 4,
            1000..=9999 => 5,
            _ => 6,
        })
        .sum()
}

/// The model's definition of the resource `path` names; `INVALID_PATH` at the length of the path's text (where the
/// missing ids would start, as in `vectors/README.md`) unless `path` is at resource or resource-instance level.
pub(crate) fn resource_def<'m, M: Model + ?Sized>(
    path: &Path,
    model: &'m M,
) -> Result<Option<&'m ResourceDef>, Error> {
    match (path.level(), path.resource()) {
        (PathLevel::Resource | PathLevel::ResourceInstance, Some(rid)) => {
            Ok(model.resource(path.object(), rid))
        }
        _ => Err(Error::new(ErrorKind::InvalidPath, text_len(path))),
    }
}

/// The model's definition for an encode: `INVALID_PATH` as [`resource_def`], then `PATH_MISMATCH` at 0 if the record
/// is not at the request path.
pub(crate) fn record_def<'m, M: Model + ?Sized>(
    record: &Record<'_>,
    path: &Path,
    model: &'m M,
) -> Result<Option<&'m ResourceDef>, Error> {
    let def = resource_def(path, model)?;
    if record.path.has_reserved_id() {
        return Err(Error::new(ErrorKind::InvalidPath, 0));
    }
    if record.path != *path {
        return Err(Error::new(ErrorKind::PathMismatch, 0));
    }
    Ok(def)
}

#[cfg(test)]
pub(crate) mod test_model {
    //! A model with one resource of every type, for the single-value tests.

    use crate::registry::{Model, ObjectDef, Operations, ResourceDef};
    use crate::value::DataType;

    const fn res(id: u16, data_type: DataType) -> ResourceDef {
        ResourceDef::new(id, data_type, Operations::RW, false, false).with_text("test", "", None)
    }

    /// Object 60000: resource id = the type's code (1 String … 10 None).
    pub(crate) static OBJECT: ObjectDef = ObjectDef::new(
        60000,
        true,
        false,
        &[
            res(1, DataType::String),
            res(2, DataType::Integer),
            res(3, DataType::Unsigned),
            res(4, DataType::Float),
            res(5, DataType::Boolean),
            res(6, DataType::Opaque),
            res(7, DataType::Time),
            res(8, DataType::Objlnk),
            res(9, DataType::Corelnk),
            res(10, DataType::None),
        ],
    )
    .with_text("Every type", "1.0", "1.2");

    /// Knows object 60000 only.
    pub(crate) struct EveryType;

    impl Model for EveryType {
        fn object(&self, id: u16) -> Option<&ObjectDef> {
            (id == OBJECT.id).then_some(&OBJECT)
        }
    }

    /// The built-in registry without object 13 (which `registry-full` knows), so the spec examples on /13 stay
    /// unknown resources under every feature set.
    pub(crate) struct Builtin;

    impl Model for Builtin {
        fn object(&self, id: u16) -> Option<&ObjectDef> {
            (id != 13).then(|| crate::Registry.object(id)).flatten()
        }
    }

    /// `/60000/0/<type code>`.
    pub(crate) fn path(t: DataType) -> crate::Path {
        crate::Path::resource_path(60000, 0, t as u16)
    }
}
