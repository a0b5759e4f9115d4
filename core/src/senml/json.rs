//! SenML-JSON (Content-Format 110, feature `senml-json`): the verbs of the other formats where an allocator allows.
//!
//! JSON strings with escapes and base64 `vd` values are bytes the input does not hold, so a JSON pack cannot lend
//! its records out of the input: there is no borrowing `decode` or `decode_into` here. [`decode_owned`] gives owned
//! records and [`decode_each`] lends each one to a callback for the length of the call; the encoders are those of
//! the other formats. The rules are SenML-CBOR's ([`super`]), with JSON labels.
//!
//! ```
//! use ucifi_codec::{senml, Record, Registry, Value};
//! let reading = [Record::new("/3424/0/1".parse().unwrap(), Value::Float(12.5))];
//! let text = senml::json::encode_to_vec(&reading, None, &Registry).unwrap();
//! assert_eq!(text, br#"[{"bn":"/3424/0/1","v":12.5}]"#);
//! assert_eq!(senml::json::encoded_len(&reading, None, &Registry).unwrap(), text.len());
//! let mut values = Vec::new();
//! senml::json::decode_each(&text, None, &Registry, |r| values.push(r.value == Value::Float(12.5))).unwrap();
//! assert_eq!(values, [true]);
//! ```

use crate::error::Error;
use crate::path::Path;
use crate::records;
use crate::registry::Model;
use crate::value::Record;

pub use super::json_read::decode_owned;
pub use super::json_write::encode_to_vec;

/// Validates a SenML-JSON pack as [`decode_owned`] does, then hands each record to `f` in input order, linked to
/// its model definition; returns the record count. Nothing is handed out unless the whole pack is valid. A record
/// borrows from a decoded copy and lives for the call.
///
/// # Errors
/// As [`decode_owned`].
pub fn decode_each<M: Model + ?Sized>(
    input: &[u8],
    request: Option<&Path>,
    model: &M,
    mut f: impl FnMut(Record<'_>),
) -> Result<usize, Error> {
    let owned = decode_owned(input, request, model)?;
    owned.iter().for_each(|r| f(r.as_record_in(model)));
    Ok(owned.len())
}

/// Encodes `records` as [`encode_to_vec`] does into `out`; returns the written prefix.
///
/// # Errors
/// As [`encode_to_vec`]; `BUFFER_TOO_SMALL` with the offset set to the number of bytes needed.
pub fn encode<'b, M: Model + ?Sized>(
    records: &[Record<'_>],
    request: Option<&Path>,
    model: &M,
    out: &'b mut [u8],
) -> Result<&'b [u8], Error> {
    records::encode(out, |out| write(records, request, model, out))
}

/// The exact number of bytes [`encode`] writes for these records.
///
/// # Errors
/// As [`encode_to_vec`].
pub fn encoded_len<M: Model + ?Sized>(
    records: &[Record<'_>],
    request: Option<&Path>,
    model: &M,
) -> Result<usize, Error> {
    encode_to_vec(records, request, model).map(|v| v.len())
}

/// Writes the pack into `out` if it fits; the pack's length.
fn write<M: Model + ?Sized>(
    records: &[Record<'_>],
    request: Option<&Path>,
    model: &M,
    out: &mut [u8],
) -> Result<usize, Error> {
    let bytes = encode_to_vec(records, request, model)?;
    if let Some(dst) = out.get_mut(..bytes.len()) {
        dst.copy_from_slice(&bytes);
    }
    Ok(bytes.len())
}
