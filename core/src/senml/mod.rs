//! SenML (RFC 8428) in its LwM2M profile: SenML-CBOR (Content-Format 112) and SenML-JSON (110, feature
//! `senml-json`, which needs `alloc`).
//!
//! A pack is an array of records; base fields (`bn`, `bt`, `bv`, `bu`, `bs`) carry forward to later records until
//! set again. A record's name is `bn + n`, its time `bt + t`, a numeric value `bv + v`. In LwM2M the resolved name is
//! the path (`/3/0/6/1`), the model gives the type, and the time is kept as the resolved number in
//! [`Record::time`](crate::Record::time) (≥ 2^28 absolute Unix seconds, below it relative to now).
//!
//! Decoding ([`decode`]) checks the whole pack once — CBOR well-formedness, labels, `bver`, value fields, names,
//! Read-Composite (names-only) packs, the request path, duplicates (same path and time) and every value against the
//! model — and then hands out an infallible, exact-size iterator of [`Record`](crate::Record)s borrowing the input.
//! [`decode_into`] does the same in one pass into a caller slice, [`decode_each`] hands the records to a callback
//! (the verbs are the same in every format: the crate docs; SenML-JSON's are in `json`). Nothing allocates, except
//! that with `alloc` the duplicate check keeps the records it cannot clear by their order in a vector (`repeats.rs`).
//!
//! Encoding ([`encode`]) writes the canonical compact form into a caller buffer in one pass: `bn` = the id-prefix
//! every path shares (the whole path, and no `n`, when every record has the same path), `bt` = the first time when
//! every record has one, integer labels (`"vlo"` as a text key), shortest integer heads, the narrowest float that
//! gives the same bits back, definite lengths. [`encoded_len`] gives the exact size.
//!
//! Every rule, with the error offsets, is in `vectors/FORMATS.md`. Decoder offsets: record-level errors
//! (`INVALID_NAME`, `MISSING_VALUE`, `PATH_MISMATCH`, `DUPLICATE_ID`) point at the record's first byte; errors about a
//! field's value (`TYPE_MISMATCH`, `UNSUPPORTED_VERSION`, a value of the wrong CBOR/JSON kind) at that value; errors
//! about a label (`UNKNOWN_MANDATORY_LABEL`, a label given twice in one record, `MULTIPLE_VALUES` for a second value
//! field) at the key; `INVALID_UTF8`, in a name too, at the first invalid byte.
//!
//! ```
//! use ucifi_codec::{senml, Path, Record, Registry, Value};
//! // Water meter /3424/0: resource 1 (Cumulated water volume, m3) = 12.5, resource 4 (pulses) = 1 523 376.
//! let reading = [
//!     Record::new("/3424/0/1".parse().unwrap(), Value::Float(12.5)),
//!     Record::new("/3424/0/4".parse().unwrap(), Value::Integer(1_523_376)),
//! ];
//! let mut buf = [0u8; 64];
//! let pack = senml::encode(&reading, None, &Registry, &mut buf).unwrap();
//! // [{bn: "/3424/0/", n: "1", v: 12.5}, {n: "4", v: 1523376}]
//! assert_eq!(pack.len(), senml::encoded_len(&reading, None, &Registry).unwrap());
//! assert_eq!(&pack[..4], [0x82, 0xa3, 0x21, 0x68]);
//!
//! let request: Path = "/3424/0".parse().unwrap();
//! let records = senml::decode(pack, Some(&request), &Registry).unwrap();
//! assert_eq!(records.len(), 2);
//! let first = records.clone().next().unwrap();
//! assert_eq!((first.path, first.value), (reading[0].path, Value::Float(12.5)));
//! assert_eq!(first.unit(), Some("m3"));
//! ```

#[cfg(feature = "senml-cbor")]
mod cbor_read;
#[cfg(feature = "senml-cbor")]
mod cbor_write;
pub(crate) mod fields;
#[cfg(feature = "senml-json")]
pub mod json;
#[cfg(feature = "senml-json")]
mod json_read;
#[cfg(feature = "senml-json")]
mod json_write;
mod name;
mod plan;
#[cfg(feature = "alloc")]
mod repeats;
mod resolve;

#[cfg(all(test, feature = "senml-cbor"))]
mod tests;
#[cfg(all(test, feature = "senml-cbor"))]
mod tests_duplicates;
#[cfg(all(test, feature = "senml-cbor"))]
mod tests_errors;
#[cfg(all(test, feature = "senml-json", feature = "senml-cbor"))]
mod tests_json;

#[cfg(all(feature = "senml-cbor", feature = "alloc"))]
pub use cbor_read::decode_to_vec;
#[cfg(feature = "senml-fast")]
pub use cbor_read::shape::Shape;
#[cfg(feature = "senml-cbor")]
pub use cbor_read::{decode, decode_each, decode_into, SenmlRecords};
#[cfg(all(feature = "senml-cbor", feature = "alloc"))]
pub use cbor_write::encode_to_vec;
#[cfg(feature = "senml-cbor")]
pub use cbor_write::{encode, encoded_len};

// The test modules take the shared items as `super::*`.
#[cfg(test)]
#[allow(unused_imports)]
use {
    crate::cbor::Number,
    crate::error::{Error, ErrorKind},
    crate::value::{DataType, ObjLnk, Value},
    fields::*,
};
