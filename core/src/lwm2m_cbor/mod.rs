//! LwM2M-CBOR (Content-Format 11544, LwM2M 1.2).
//!
//! A frame is one CBOR map whose keys are path components: a uint names one level (object, instance, resource or
//! resource instance) and an array of uints names several levels at once. A value is either a nested map (the next
//! levels) or the leaf value of the path its keys spell. `{3303: {0: {5700: 22.5}}}`, `{[3303, 0]: {5700: 22.5}}` and
//! `{[3303, 0, 5700]: 22.5}` all carry `/3303/0/5700 = 22.5`. Leaves use the shared CBOR leaf rules (see
//! `vectors/FORMATS.md`): the model types a leaf it knows, without loss; a resource the model does not know keeps the
//! type its CBOR kind shows and comes out with [`Record::unknown`] set.
//!
//! Decoding ([`decode`]) checks the whole frame once — structure (definite or indefinite maps and arrays), names,
//! the request path, duplicates, every value against the model, trailing bytes — and then hands out an infallible
//! iterator of borrowed [`Record`]s. [`decode_into`] does the same in one pass into a caller slice, [`decode_each`]
//! hands the records to a callback (the verbs are the same in every format: the crate docs). Nothing allocates
//! (but for the duplicate check with `alloc`, below): the reader keeps a fixed stack of at most five open maps (the root plus one per path level, since every key covers
//! at least one level), so nesting is bounded by the path depth, not by the input.
//!
//! Chunked strings: a text or byte string value may be indefinite-length (RFC 8949 §3.2.3), made of chunks. The
//! zero-copy readers ([`decode`], [`decode_into`]) lend strings out of the input and refuse a chunked one
//! (`INDEFINITE_LENGTH` at its head: its bytes are not contiguous); [`decode_joined`] reads them, joining each into a
//! caller buffer (no allocation) and checking UTF-8 over the joined bytes. Every front end decodes LwM2M-CBOR
//! through [`decode_joined`] (`format::decode_owned`, `format::decode_each`), so a chunked string comes out as one
//! plain string or byte value.
//!
//! Errors and their offsets (a record's first byte is the first byte of the map key that leads to its leaf):
//! * `INVALID_NAME` at a key that makes a path deeper than 4 levels, names an id above 65535 or is an empty array,
//!   `INVALID_PATH` at a key that names the reserved id 65535,
//!   and at the key of a leaf above resource level (`{[3, 0]: 1}`);
//! * `INVALID_CBOR` at a root that is not a map, at a key that is neither a uint nor an array of uints (text keys are
//!   LwM2M Gateway prefixes, not supported), at a non-uint inside an array key, at a misplaced break;
//! * `PATH_MISMATCH` at the key of a record outside the request path;
//! * `DUPLICATE_ID` at the key of a record whose path equals an earlier one — or is a prefix of it, or has it as a
//!   prefix (a resource given both as one value and as instances);
//! * value errors from the leaf rules at the value's first byte — except that a `null` leaf is "no value" for any
//!   resource, whatever type the model gives it: a record of type none (as a Read-Composite request lists paths); `TRAILING_DATA` at the first byte after the root map;
//!   `UNEXPECTED_END` at the input length.
//!
//! Duplicate check cost: a record whose path sorts after every earlier one (the usual case: records in path order),
//! or whose resource sorts before every earlier record's (descending order), costs nothing; the other records are
//! checked together by one re-read of the frame when the walk ends, so a frame of n records in any order costs
//! O(n log n) (with `alloc`, which keeps those records in a vector; without it, blocks of 4 on the stack, one re-read
//! per block — a few re-reads for a LoRaWAN-sized frame). See `duplicates.rs`.
//!
//! Encoding ([`encode`]) writes the canonical form into a caller buffer: the path tree of the records in order of
//! first appearance at every level; a node with exactly one child is merged with it into one array key
//! (`{[3303, 0, 5700]: 22.5}`); a node with several children opens a definite map keyed by each child's id; a key
//! of one id is a plain uint. [`encoded_len`] gives the exact size.
//!
//! ```
//! use ucifi_codec::{lwm2m_cbor, Path, Record, Registry, Value};
//! // /3303/0/5700 (Temperature sensor value) = 22.5
//! let reading = [Record::new("/3303/0/5700".parse().unwrap(), Value::Float(22.5))];
//! let mut buf = [0u8; 16];
//! let frame = lwm2m_cbor::encode(&reading, None, &Registry, &mut buf).unwrap();
//! assert_eq!(frame, [0xa1, 0x83, 0x19, 0x0c, 0xe7, 0x00, 0x19, 0x16, 0x44, 0xf9, 0x4d, 0xa0]);
//! assert_eq!(lwm2m_cbor::encoded_len(&reading, None, &Registry).unwrap(), 12);
//!
//! // The same value, nested maps: {3303: {0: {5700: 22.5}}}
//! let nested = [0xa1, 0x19, 0x0c, 0xe7, 0xa1, 0x00, 0xa1, 0x19, 0x16, 0x44, 0xf9, 0x4d, 0xa0];
//! let request: Path = "/3303".parse().unwrap();
//! let records = lwm2m_cbor::decode(&nested, Some(&request), &Registry).unwrap();
//! assert_eq!(records.len(), 1);
//! let r = records.into_iter().next().unwrap();
//! assert_eq!((r.path.to_string(), r.value), ("/3303/0/5700".to_string(), Value::Float(22.5)));
//! assert_eq!(r.name(), Some("Sensor Value"));
//! ```
//!
//! [`Record`]: crate::Record
//! [`Record::unknown`]: crate::Record::unknown

mod duplicates;
mod earlier;
mod maps;
mod reader;
mod writer;

pub(crate) use reader::{check_joined, hand_out_joined};
pub use reader::{decode, decode_each, decode_into, decode_joined, Lwm2mCborRecords};
pub use writer::{encode, encoded_len};

#[cfg(feature = "alloc")]
pub use reader::decode_to_vec;
#[cfg(feature = "alloc")]
pub use writer::encode_to_vec;

#[cfg(test)]
mod tests;
