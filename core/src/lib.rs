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
//! SenML-JSON is `senml-json` (it needs `alloc`); DDF XML loading at run time is `ddf`. A build without a format's
//! feature has no module for it, while [`Format`] keeps every variant: the dispatching functions of
//! [`format`](mod@format) answer `UNKNOWN_FORMAT` (offset 0) for a format left out ([`Format::enabled`] tells in
//! advance).
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
//!
//! # Verbs
//!
//! Every multi-record format module has the same verbs, with the same meaning: [`tlv`], [`senml`] (SenML-CBOR),
//! [`lwm2m_cbor`], and [`senml::json`] where an allocator allows. Their arguments are `(input, request, model)` to
//! decode and `(records, request, model)` to encode; `request` is the request path (`&Path` for TLV, which needs
//! it; `Option<&Path>` for the self-describing formats).
//!
//! | verb | does | gives |
//! |---|---|---|
//! | `decode` | checks the whole frame, then lends its records | [`Records`](records::Records): exact-size iterator that cannot fail, borrowing the input and the model |
//! | `decode_into(.., out)` | checks the frame in one pass into a caller slice | the record count; `BUFFER_TOO_SMALL` (offset = the count) if `out` is short |
//! | `decode_each(.., f)` | checks the whole frame, then hands each record to `f` | the record count; nothing is handed out for a bad frame |
//! | `decode_to_vec` (`alloc`) | checks the frame in one pass into a new vector | `Vec<Record>` borrowing the input |
//! | `encode(.., out)` | writes the canonical form into a caller buffer | the written prefix of `out`; `BUFFER_TOO_SMALL` (offset = the bytes needed) |
//! | `encoded_len` | | the exact number of bytes `encode` writes |
//! | `encode_to_vec` (`alloc`) | `encode` into a new vector of that size | `Vec<u8>` |
//!
//! The exceptions say why: SenML-JSON's escapes and base64 are bytes its input does not hold, so [`senml::json`]
//! lends nothing out of the input (no `decode`, `decode_into` or `decode_to_vec`; [`senml::json::decode_owned`] gives
//! owned records, and its `decode_each` lends each one for the call). LwM2M-CBOR adds
//! [`lwm2m_cbor::decode_joined`] for chunked strings. The run-time switch [`format`](mod@format) has the verbs that
//! make sense for every format, the single-value ones too: [`format::decode_each`], [`format::encode`],
//! [`format::encoded_len`], and with `alloc` [`format::encode_to_vec`] and [`format::decode_owned`] (owned records,
//! since SenML-JSON and base64 text cannot lend). [`lorawan::port::Target`] has `decode_each` and `encode` by fPort.
//!
//! # Design
//!
//! Notes on choices that the code alone does not explain.
//!
//! ## The fPort convention
//!
//! No published document says how a uCIFI LoRaWAN uplink names its format, nor how a TLV uplink (which names no
//! object) names its object; a network-server decoder sees only the FRMPayload and its fPort. So this crate defines a
//! convention ([`lorawan::port`]: the table, with byte examples) that every front end applies.
//!
//! Why these numbers: the object ports are a formula, so a decoder needs no table for uCIFI, and the formula keeps
//! room for every ObjectID up to 3499 (fPort 99). 3440–3444 are not uCIFI objects (two test objects, eSIM, two
//! unassigned ids), so fPorts 40–44 are free for user entries. The self-describing ports sit just past that room (100,
//! 101), far from the LoRa Alliance application-layer packages' customary 200–202 and from 224 (MAC test protocol);
//! 0 carries MAC commands only and 225–255 are reserved, so [`PortTable::lookup`] never answers for them.
//!
//! Why TLV with object-instance wrappers: the wrapper costs 2 bytes (body up to 7 bytes), 3 (up to 255) or 4, but
//! it names the instance, so one port serves every instance of the object and the frame decodes with nothing but its
//! fPort; bare resources at `/O/I` would save those bytes at the price of one port per instance (a user entry can
//! still choose that, [`PortEntry::at`]). Which encoding is smallest depends on the reading: `docs/sizes.md` (`ucifi
//! sizes`) lists every uCIFI object per format — TLV wins for small readings, LwM2M-CBOR (no length field per
//! resource) by a few bytes for larger ones, SenML-CBOR is about twice either. `fit --format auto` picks the smallest
//! for each frame and sends it on the matching port, so a receiver never has to guess.
//!
//! The table is the convention, the same in every build: a build without a format's cargo feature (a TLV-only
//! firmware, say) keeps that format's ports, and a frame through one of them answers `UNKNOWN_FORMAT` at 0 — the
//! port is assigned, the build lacks its format — where a port without an entry answers `UNKNOWN_PORT`.
//!
//! [`PortTable::lookup`]: lorawan::port::PortTable::lookup
//! [`PortEntry::at`]: lorawan::port::PortEntry::at
#![cfg_attr(not(any(feature = "std", test)), no_std)]
#![forbid(unsafe_code)]
// Input reaches every slice access here: a panicking index is a bug (see `[workspace.lints]` for the rest).
#![deny(clippy::indexing_slicing)]

#[cfg(feature = "alloc")]
extern crate alloc;

#[allow(dead_code, unused_imports)] // leaf helpers and writers; the CBOR-based formats use them
mod cbor;
pub mod error;
#[cfg(any(feature = "alloc", test))]
mod float_text;
pub mod format;
/// Single and double precision floats: the conversions the TLV and CBOR codecs use for their 4-byte floats, for front
/// ends that read or write those bytes themselves (the C library's size-first TLV). Without `tlv-fast` and
/// `senml-fast` they are integer work (no soft-float routine on targets without a double-precision FPU).
pub mod ieee {
    pub use crate::cbor::{exact_f32, f32_to_f64};
}
#[cfg(feature = "serde")]
pub mod json;
pub mod lorawan;
#[cfg(feature = "lwm2m-cbor")]
pub mod lwm2m_cbor;
#[cfg_attr(not(feature = "tlv"), allow(dead_code))] // `Path::native` serves the TLV writer only
pub mod path;
#[cfg_attr(
    not(any(feature = "tlv", feature = "senml-cbor", feature = "lwm2m-cbor")),
    allow(dead_code, unused_imports)
)]
pub mod records;
pub mod registry;
#[allow(dead_code)] // used by the formats and helpers a build has
mod sort;
pub mod validate;
// SenML-JSON (feature `senml-json`) shares the record resolution with SenML-CBOR; without the CBOR side some of it is idle.
#[cfg(any(feature = "senml-cbor", feature = "senml-json"))]
#[cfg_attr(not(feature = "senml-cbor"), allow(dead_code))]
pub mod senml;
pub mod single;
#[cfg(feature = "tlv")]
pub mod tlv;
pub mod utf8;
pub mod value;

pub use error::{Error, ErrorKind};
pub use format::Format;
pub use path::{Path, PathLevel};
pub use registry::{is_ucifi_object, Model, ObjectDef, Operations, Range, Registry, ResourceDef};
pub use value::{DataType, ObjLnk, Record, Value};
#[cfg(feature = "alloc")]
pub use value::{OwnedRecord, OwnedValue};
