//! # ucifi-codec
//!
//! Zero-copy, `no_std` encoding and decoding of the uCIFI smart-city data model (LwM2M objects 3410–3461) and the
//! LwM2M core and IPSO objects it builds on, in the LwM2M data formats, sized for LoRaWAN frames.
//!
//! Decoders validate a frame once and then yield borrowed [`Record`]s typed by the object [`Model`]; encoders write
//! into a caller buffer and report the exact size first. Every failure is an [`Error`]: an [`ErrorKind`] with a stable
//! number and the byte offset where it was found.
//!
//! Each format is a cargo feature, all on by default: `tlv`, `senml-cbor`, `lwm2m-cbor`, `single` (CBOR and opaque
//! single values), `text` (plain text, the only user of `core::fmt` and float parsing); `all-formats` names the five.
//! SenML-JSON comes with `alloc`. A build without a format's feature has no module for it, while [`Format`] keeps
//! every variant: the dispatching functions of [`format`] answer `UNKNOWN_FORMAT` (offset 0) for a format left out
//! ([`Format::enabled`] tells in advance).
//!
//! ```
//! use ucifi_codec::{tlv, Path, Registry, Value};
//! // Water meter /3424/0: resource 1 (Cumulated water volume, m3) = 12.5 as a 4-byte float.
//! let frame = [0xc4, 0x01, 0x41, 0x48, 0x00, 0x00];
//! let path: Path = "/3424/0".parse().unwrap();
//! let records = tlv::decode(&frame, &path, &Registry).unwrap();
//! let r = records.into_iter().next().unwrap();
//! assert_eq!(r.path.to_string(), "/3424/0/1");
//! assert_eq!(r.value, Value::Float(12.5));
//! assert_eq!((r.name(), r.unit()), (Some("Cumulated water volume"), Some("m3")));
//! ```
#![cfg_attr(not(any(feature = "std", test)), no_std)]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

#[cfg(feature = "alloc")]
extern crate alloc;

#[allow(dead_code)] // leaf helpers; the CBOR-based formats use them
mod cbor;
pub mod error;
pub mod format;
#[cfg(feature = "serde")]
pub mod json;
pub mod lorawan;
#[cfg(feature = "lwm2m-cbor")]
pub mod lwm2m_cbor;
#[cfg_attr(not(feature = "tlv"), allow(dead_code))] // `Path::native` serves the TLV writer only
pub mod path;
pub mod registry;
pub mod validate;
// SenML-JSON (with `alloc`) shares the record resolution with SenML-CBOR; without the CBOR side some of it is idle.
#[cfg(any(feature = "senml-cbor", feature = "alloc"))]
#[cfg_attr(not(feature = "senml-cbor"), allow(dead_code))]
pub mod senml;
pub mod single;
#[cfg(feature = "tlv")]
pub mod tlv;
pub mod value;

// The users: the TLV and SenML-CBOR randomized unit tests.
#[cfg(all(test, feature = "alloc", any(feature = "tlv", feature = "senml-fast")))]
mod test_stream;

pub use error::{Error, ErrorKind};
pub use format::Format;
pub use path::{Path, PathLevel};
pub use registry::{is_ucifi_object, Model, ObjectDef, Operations, Range, Registry, ResourceDef};
pub use value::{DataType, ObjLnk, Record, Value};
#[cfg(feature = "alloc")]
pub use value::{OwnedRecord, OwnedValue};
