//! Format names and one entry point per direction over every format.
//!
//! ```
//! use ucifi_codec::format::Format;
//! let f: Format = "tlv".parse().unwrap();
//! assert_eq!((f.name(), f.content_format()), ("tlv", 11542));
//! assert_eq!("xml".parse::<Format>().unwrap_err().kind().name(), "UNKNOWN_FORMAT");
//! ```

use core::fmt;
use core::str::FromStr;

use crate::error::{Error, ErrorKind};
use crate::path::Path;
use crate::registry::Model;
use crate::value::Record;

/// An LwM2M data format this library reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// LwM2M TLV, Content-Format 11542.
    Tlv,
}

impl Format {
    /// Every format.
    pub const ALL: [Format; 1] = [Format::Tlv];

    /// The name used by the CLI, the vectors and every front end.
    pub const fn name(self) -> &'static str {
        match self {
            Format::Tlv => "tlv",
        }
    }

    /// The CoAP Content-Format number.
    pub const fn content_format(self) -> u16 {
        match self {
            Format::Tlv => 11542,
        }
    }

    /// True if one payload carries any number of records (false for the single-value formats).
    pub const fn multi_record(self) -> bool {
        match self {
            Format::Tlv => true,
        }
    }

    /// True if the format cannot name the object on its own, so decoding and encoding need a request path.
    pub const fn needs_path(self) -> bool {
        match self {
            Format::Tlv => true,
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = Error;

    fn from_str(s: &str) -> Result<Format, Error> {
        Format::ALL
            .iter()
            .copied()
            .find(|f| f.name() == s)
            .ok_or(Error::new(ErrorKind::UnknownFormat, 0))
    }
}

/// Validates `input` in `format` and then hands each record to `f`, without allocating; returns the record count.
///
/// Nothing is handed out unless the whole frame is valid. Strings and opaque values borrow from `input`.
///
/// # Errors
/// `MISSING_PATH` when the format needs a path and none is given; otherwise the format's decode errors.
pub fn for_each_record<'a, M: Model + ?Sized, F: FnMut(Record<'a>)>(
    format: Format,
    input: &'a [u8],
    path: Option<&Path>,
    model: &'a M,
    mut f: F,
) -> Result<usize, Error> {
    match (format, path) {
        (Format::Tlv, Some(p)) => {
            let records = crate::tlv::decode(input, p, model)?;
            let n = records.len();
            records.for_each(&mut f);
            Ok(n)
        }
        (Format::Tlv, None) => Err(Error::new(ErrorKind::MissingPath, 0)),
    }
}

/// The exact number of bytes [`encode_into`] writes.
///
/// # Errors
/// `MISSING_PATH` when the format needs a path and none is given; otherwise the format's encode errors.
pub fn encoded_len<M: Model + ?Sized>(
    format: Format,
    records: &[Record<'_>],
    path: Option<&Path>,
    model: &M,
) -> Result<usize, Error> {
    match (format, path) {
        (Format::Tlv, Some(p)) => crate::tlv::encoded_len(records, p, model),
        (Format::Tlv, None) => Err(Error::new(ErrorKind::MissingPath, 0)),
    }
}

/// Encodes `records` in `format` into `out`; returns the written prefix.
///
/// # Errors
/// `MISSING_PATH` when the format needs a path and none is given; `BUFFER_TOO_SMALL` (offset = bytes needed);
/// otherwise the format's encode errors.
pub fn encode_into<'b, M: Model + ?Sized>(
    format: Format,
    records: &[Record<'_>],
    path: Option<&Path>,
    model: &M,
    out: &'b mut [u8],
) -> Result<&'b [u8], Error> {
    match (format, path) {
        (Format::Tlv, Some(p)) => crate::tlv::encode(records, p, model, out),
        (Format::Tlv, None) => Err(Error::new(ErrorKind::MissingPath, 0)),
    }
}

#[cfg(feature = "alloc")]
mod owned {
    use alloc::vec;
    use alloc::vec::Vec;

    use super::Format;
    use crate::error::{Error, ErrorKind};
    use crate::path::Path;
    use crate::registry::Model;
    use crate::value::{OwnedRecord, Record};

    /// Decodes `input` in `format` into owned records (`path` is the request path; TLV needs it).
    ///
    /// Owned, because some formats (SenML-JSON escapes, base64 in text) produce bytes the input does not hold; the
    /// zero-copy, allocation-free decoders are in each format's module. Link a record to its model definition (names,
    /// units) with [`OwnedRecord::as_record_in`].
    ///
    /// # Errors
    /// `MISSING_PATH` when the format needs a path and none is given; otherwise the format's decode errors.
    pub fn decode<M: Model + ?Sized>(
        format: Format,
        input: &[u8],
        path: Option<&Path>,
        model: &M,
    ) -> Result<Vec<OwnedRecord>, Error> {
        let owned =
            |records: Vec<Record<'_>>| records.iter().map(OwnedRecord::from_record).collect();
        match (format, path) {
            (Format::Tlv, Some(p)) => crate::tlv::decode_to_vec(input, p, model).map(owned),
            (Format::Tlv, None) => Err(Error::new(ErrorKind::MissingPath, 0)),
        }
    }

    /// Encodes `records` in `format` into a new byte vector.
    ///
    /// # Errors
    /// As [`encode_into`](super::encode_into), never `BUFFER_TOO_SMALL`.
    pub fn encode<M: Model + ?Sized>(
        format: Format,
        records: &[Record<'_>],
        path: Option<&Path>,
        model: &M,
    ) -> Result<Vec<u8>, Error> {
        let mut out = vec![0u8; super::encoded_len(format, records, path, model)?];
        let n = super::encode_into(format, records, path, model, &mut out)?.len();
        out.truncate(n);
        Ok(out)
    }

    /// Parses hex text (no separators) into bytes.
    ///
    /// # Errors
    /// `INVALID_HEX` at the first bad digit, or at the text length for an odd number of digits.
    pub fn decode_hex(text: &str) -> Result<Vec<u8>, Error> {
        // A bad digit is reported before an odd count, wherever it stands.
        if let Some(at) = text.bytes().position(|c| !c.is_ascii_hexdigit()) {
            return Err(Error::new(ErrorKind::InvalidHex, at));
        }
        hex::decode(text).map_err(|_| Error::new(ErrorKind::InvalidHex, text.len()))
    }
}

#[cfg(feature = "alloc")]
pub use owned::{decode, decode_hex, encode};
