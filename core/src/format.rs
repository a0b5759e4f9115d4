//! Format names and one entry point per direction over every format.
//!
//! Each format's own module has the zero-copy API (a validated iterator, `decode_into`, `encode` into a caller
//! buffer); this module dispatches by [`Format`] so that front ends need no per-format code.
//!
//! Each format is also a cargo feature (`tlv`, `senml-cbor`, `senml-json` (which needs an allocator), `lwm2m-cbor`,
//! `single` for CBOR and opaque, `text`; all on by default). [`Format`] names every format in every build, so names,
//! numbers and record JSON stay the same; a format whose feature is off has no module, [`Format::enabled`] is false for it and
//! the functions here answer `UNKNOWN_FORMAT` at offset 0 for it, before looking at anything else.
//!
//! ```
//! use ucifi_codec::format::Format;
//! let f: Format = "tlv".parse().unwrap();
//! assert_eq!((f.name(), f.content_format()), ("tlv", 11542));
//! assert_eq!("senml-cbor".parse::<Format>().unwrap().content_format(), 112);
//! assert_eq!("xml".parse::<Format>().unwrap_err().kind().name(), "UNKNOWN_FORMAT");
//! ```

use core::fmt;
use core::str::FromStr;

use crate::error::{Error, ErrorKind};
#[cfg(feature = "lwm2m-cbor")]
use crate::lwm2m_cbor;
use crate::path::Path;
use crate::registry::Model;
#[cfg(feature = "senml-cbor")]
use crate::senml;
#[cfg(any(feature = "single", feature = "text"))]
use crate::single;
#[cfg(feature = "tlv")]
use crate::tlv;
use crate::value::Record;

/// An LwM2M data format this library reads and writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// LwM2M TLV, Content-Format 11542.
    Tlv,
    /// SenML-CBOR, Content-Format 112.
    SenmlCbor,
    /// SenML-JSON, Content-Format 110 (feature `senml-json`, which needs an allocator).
    SenmlJson,
    /// LwM2M-CBOR, Content-Format 11544.
    Lwm2mCbor,
    /// One value as CBOR, Content-Format 60.
    Cbor,
    /// One value as plain text, Content-Format 0.
    Text,
    /// One Opaque value as raw bytes, Content-Format 42.
    Opaque,
}

impl Format {
    /// Every format, including those whose cargo feature is off in this build: see
    /// [`enabled`](Self::enabled).
    pub const ALL: &'static [Format] = &[
        Format::Tlv,
        Format::SenmlCbor,
        Format::SenmlJson,
        Format::Lwm2mCbor,
        Format::Cbor,
        Format::Text,
        Format::Opaque,
    ];

    /// True if this build reads and writes the format (its cargo feature is on); the functions of this module answer
    /// `UNKNOWN_FORMAT` for the others.
    pub const fn enabled(self) -> bool {
        match self {
            Format::Tlv => cfg!(feature = "tlv"),
            Format::SenmlCbor => cfg!(feature = "senml-cbor"),
            Format::SenmlJson => cfg!(feature = "senml-json"),
            Format::Lwm2mCbor => cfg!(feature = "lwm2m-cbor"),
            Format::Cbor | Format::Opaque => cfg!(feature = "single"),
            Format::Text => cfg!(feature = "text"),
        }
    }

    /// The name used by the CLI, the vectors and every front end.
    pub const fn name(self) -> &'static str {
        match self {
            Format::Tlv => "tlv",
            Format::SenmlCbor => "senml-cbor",
            Format::SenmlJson => "senml-json",
            Format::Lwm2mCbor => "lwm2m-cbor",
            Format::Cbor => "cbor",
            Format::Text => "text",
            Format::Opaque => "opaque",
        }
    }

    /// The CoAP Content-Format number.
    pub const fn content_format(self) -> u16 {
        match self {
            Format::Tlv => 11542,
            Format::SenmlCbor => 112,
            Format::SenmlJson => 110,
            Format::Lwm2mCbor => 11544,
            Format::Cbor => 60,
            Format::Text => 0,
            Format::Opaque => 42,
        }
    }

    /// True if one payload carries any number of records (false for the single-value formats).
    pub const fn multi_record(self) -> bool {
        !matches!(self, Format::Cbor | Format::Text | Format::Opaque)
    }

    /// True if the format cannot name the object on its own, so decoding and encoding need a request path.
    pub const fn needs_path(self) -> bool {
        matches!(
            self,
            Format::Tlv | Format::Cbor | Format::Text | Format::Opaque
        )
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

/// `UNKNOWN_FORMAT` at 0: what a format this build leaves out answers.
fn left_out() -> Error {
    Error::new(ErrorKind::UnknownFormat, 0)
}

/// The request path to use: `UNKNOWN_FORMAT` for a format left out, then `MISSING_PATH` when one is needed.
/// The root path `/` is no restriction for the self-describing formats (as no path) and `INVALID_PATH` at 1 for the
/// formats that need a path (they need the object it names, at least).
fn path_for(format: Format, path: Option<&Path>) -> Result<Option<&Path>, Error> {
    match path {
        _ if !format.enabled() => Err(left_out()),
        None if format.needs_path() => Err(Error::new(ErrorKind::MissingPath, 0)),
        Some(p) if p.is_root() && format.needs_path() => Err(Error::new(ErrorKind::InvalidPath, 1)),
        Some(p) if p.is_root() => Ok(None),
        p => Ok(p),
    }
}

/// The one record a single-value format carries: `MISSING_VALUE` at 0 for none, `MULTIPLE_VALUES` at 1 for more.
#[cfg(any(feature = "single", feature = "text"))]
fn single_record<'r, 'a>(records: &'r [Record<'a>]) -> Result<&'r Record<'a>, Error> {
    match records {
        [r] => Ok(r),
        [] => Err(Error::new(ErrorKind::MissingValue, 0)),
        _ => Err(Error::new(ErrorKind::MultipleValues, 1)),
    }
}

/// Largest plain-text payload [`decode_each`] decodes without allocating (base64 scratch on the stack), and the
/// most bytes of chunked LwM2M-CBOR strings it joins in one frame.
pub const TEXT_SCRATCH: usize = 768;

/// A frame of at most this many bytes has its chunked LwM2M-CBOR strings joined in a stack buffer of this size, not
/// of [`TEXT_SCRATCH`]: the joined contents of a frame are shorter than the frame, so the smaller buffer always
/// suffices for it and the errors are the same; a LoRaWAN frame (at most 242 bytes) then takes 512 bytes less stack.
#[cfg(feature = "lwm2m-cbor")]
const SMALL_FRAME: usize = 256;

/// The LwM2M-CBOR arm of [`decode_each`]. Chunked strings are joined into a stack buffer (`BUFFER_TOO_SMALL`
/// beyond [`TEXT_SCRATCH`] bytes of them, offset = the joined length of the string that did not fit): one of
/// [`SMALL_FRAME`] bytes for a frame no longer than that, of [`TEXT_SCRATCH`] bytes otherwise. The validating pass
/// checks them in place, as a join into that buffer would; the buffer is in the frame of the pass that hands the
/// records out only, not in the one every format's decode runs under nor in the validating pass's, and only when the
/// frame has a chunked string (firmware decodes have a stack budget: bindings/c/SIZE.md).
#[cfg(feature = "lwm2m-cbor")]
#[inline(never)]
fn lwm2m_cbor_each<M: Model + ?Sized, F: FnMut(Record<'_>)>(
    input: &[u8],
    path: Option<&Path>,
    model: &M,
    mut f: F,
) -> Result<usize, Error> {
    let small = input.len() <= SMALL_FRAME;
    let room = if small { SMALL_FRAME } else { TEXT_SCRATCH };
    let (n, joined) = lwm2m_cbor::check_joined(input, path, model, room)?;
    // A frame without chunked strings (the usual) needs no buffer at all.
    match joined {
        0 => lwm2m_cbor::hand_out_joined(input, path, model, &mut [], &mut f),
        _ if small => lwm2m_cbor_in::<{ SMALL_FRAME / 2 }, M, F>(input, path, model, &mut f),
        _ => lwm2m_cbor_in::<{ TEXT_SCRATCH / 2 }, M, F>(input, path, model, &mut f),
    }
    Ok(n)
}

/// The handing out of [`lwm2m_cbor_each`] with a buffer of `2 * PAIRS` bytes, in a frame of its own.
#[cfg(feature = "lwm2m-cbor")]
#[inline(never)]
fn lwm2m_cbor_in<const PAIRS: usize, M: Model + ?Sized, F: FnMut(Record<'_>)>(
    input: &[u8],
    path: Option<&Path>,
    model: &M,
    f: &mut F,
) {
    // Filled in pairs with a byte known only at run time, not cleared: the join writes every byte it lends out,
    // and a constant fill of this size would be a `memset` call (a fill of pairs that are not one repeated byte is
    // a loop of stores).
    let fill = input.len() as u8;
    let mut scratch = [[fill, 0u8]; PAIRS];
    lwm2m_cbor::hand_out_joined(input, path, model, scratch.as_flattened_mut(), f);
}

/// The SenML-CBOR arm of [`decode_each`]. Out of line without `senml-fast`, so that the pack's walker is in this
/// frame only, not in the one every format's decode runs under (firmware decodes have a stack budget:
/// bindings/c/SIZE.md).
#[cfg(feature = "senml-cbor")]
#[cfg_attr(not(feature = "senml-fast"), inline(never))]
fn senml_cbor_each<M: Model + ?Sized, F: FnMut(Record<'_>)>(
    input: &[u8],
    path: Option<&Path>,
    model: &M,
    f: F,
) -> Result<usize, Error> {
    senml::decode_each(input, path, model, f)
}

/// Validates `input` in `format` and then hands each record to `f`, without allocating; returns the record count.
///
/// Nothing is handed out unless the whole frame is valid. Strings and opaque values borrow from `input` (for a
/// base64 Opaque value in plain text, from a stack buffer of [`TEXT_SCRATCH`] bytes), so they live for the call.
///
/// # Errors
/// `UNKNOWN_FORMAT` (offset 0) for a format this build leaves out; `MISSING_PATH` when the format needs a path
/// and none is given; `BUFFER_TOO_SMALL` for a plain-text payload over [`TEXT_SCRATCH`] bytes; otherwise the
/// format's decode errors.
pub fn decode_each<M: Model + ?Sized, F: FnMut(Record<'_>)>(
    format: Format,
    input: &[u8],
    path: Option<&Path>,
    model: &M,
    f: F,
) -> Result<usize, Error> {
    let path = path_for(format, path)?;
    // Size-first TLV: the walk itself hands the records out (a second pass once the first has validated), under
    // no other format's frame.
    #[cfg(all(feature = "tlv", not(feature = "tlv-fast")))]
    if let (Format::Tlv, Some(p)) = (format, path) {
        let mut f = f;
        return tlv::decode_checked_each(input, p, model, &mut f);
    }
    each_other(format, input, path, model, f)
}

/// [`decode_each`] after the path check (for every format but size-first TLV). Out of line without `tlv-fast`,
/// so that the other formats' record iterators are not in the frame TLV decodes under (firmware decodes have a
/// stack budget: bindings/c/SIZE.md).
#[cfg_attr(not(feature = "tlv-fast"), inline(never))]
// A build with none of these formats reads none of the arguments.
#[cfg_attr(
    not(any(
        feature = "tlv-fast",
        feature = "senml-cbor",
        feature = "lwm2m-cbor",
        feature = "single",
        feature = "text",
        feature = "senml-json"
    )),
    allow(unused_variables)
)]
fn each_other<M: Model + ?Sized, F: FnMut(Record<'_>)>(
    format: Format,
    input: &[u8],
    path: Option<&Path>,
    model: &M,
    f: F,
) -> Result<usize, Error> {
    // SenML-CBOR, LwM2M-CBOR and SenML-JSON hand their records to `f` themselves.
    #[cfg(any(feature = "tlv-fast", feature = "single", feature = "text"))]
    let mut f = f;
    #[cfg(any(feature = "tlv-fast", feature = "single", feature = "text"))]
    let mut all = |n: usize, records: &mut dyn Iterator<Item = Record<'_>>| {
        records.for_each(&mut f);
        n
    };
    match (format, path) {
        #[cfg(feature = "tlv-fast")]
        (Format::Tlv, Some(p)) => {
            let mut r = tlv::decode(input, p, model)?;
            Ok(all(r.len(), &mut r))
        }
        #[cfg(feature = "senml-cbor")]
        (Format::SenmlCbor, p) => senml_cbor_each(input, p, model, f),
        #[cfg(feature = "senml-json")]
        (Format::SenmlJson, p) => crate::senml::json::decode_each(input, p, model, f),
        #[cfg(feature = "lwm2m-cbor")]
        (Format::Lwm2mCbor, p) => lwm2m_cbor_each(input, p, model, f),
        #[cfg(feature = "single")]
        (Format::Cbor, Some(p)) => Ok(all(
            1,
            &mut core::iter::once(single::cbor::decode(input, p, model)?),
        )),
        #[cfg(feature = "single")]
        (Format::Opaque, Some(p)) => Ok(all(
            1,
            &mut core::iter::once(single::opaque::decode(input, p, model)?),
        )),
        #[cfg(feature = "text")]
        (Format::Text, Some(p)) => {
            let mut scratch = [0u8; TEXT_SCRATCH];
            if input.len() > TEXT_SCRATCH {
                return Err(Error::new(ErrorKind::BufferTooSmall, input.len()));
            }
            Ok(all(
                1,
                &mut core::iter::once(single::text::decode(input, p, model, &mut scratch)?),
            ))
        }
        // A format left out (`path_for` has refused a missing path).
        _ => Err(left_out()),
    }
}

/// The exact number of bytes [`encode`] writes.
///
/// # Errors
/// `UNKNOWN_FORMAT` (offset 0) for a format this build leaves out; `MISSING_PATH` when the format needs a path
/// and none is given; otherwise the format's encode errors.
// A build with no format reads none of the arguments.
#[cfg_attr(
    not(any(
        feature = "tlv",
        feature = "senml-cbor",
        feature = "lwm2m-cbor",
        feature = "single",
        feature = "text",
        feature = "senml-json"
    )),
    allow(unused_variables, unused_mut)
)]
pub fn encoded_len<M: Model + ?Sized>(
    format: Format,
    records: &[Record<'_>],
    path: Option<&Path>,
    model: &M,
) -> Result<usize, Error> {
    let path = path_for(format, path)?;
    match (format, path) {
        #[cfg(feature = "tlv")]
        (Format::Tlv, Some(p)) => tlv::encoded_len(records, p, model),
        #[cfg(feature = "senml-cbor")]
        (Format::SenmlCbor, p) => senml::encoded_len(records, p, model),
        #[cfg(feature = "senml-json")]
        (Format::SenmlJson, p) => crate::senml::json::encoded_len(records, p, model),
        #[cfg(feature = "lwm2m-cbor")]
        (Format::Lwm2mCbor, p) => lwm2m_cbor::encoded_len(records, p, model),
        #[cfg(feature = "single")]
        (Format::Cbor, Some(p)) => single::cbor::encoded_len(single_record(records)?, p, model),
        #[cfg(feature = "text")]
        (Format::Text, Some(p)) => single::text::encoded_len(single_record(records)?, p, model),
        #[cfg(feature = "single")]
        (Format::Opaque, Some(p)) => single::opaque::encoded_len(single_record(records)?, p, model),
        // A format left out (`path_for` has refused a missing path).
        _ => Err(left_out()),
    }
}

/// Encodes `records` in `format` into `out`; returns the written prefix.
///
/// # Errors
/// `UNKNOWN_FORMAT` (offset 0) for a format this build leaves out; `MISSING_PATH` when the format needs a path
/// and none is given; `BUFFER_TOO_SMALL` (offset = bytes needed); `MISSING_VALUE` / `MULTIPLE_VALUES` when a
/// single-value format gets no record or several; otherwise the format's encode errors.
// A build with no format reads none of the arguments.
#[cfg_attr(
    not(any(
        feature = "tlv",
        feature = "senml-cbor",
        feature = "lwm2m-cbor",
        feature = "single",
        feature = "text",
        feature = "senml-json"
    )),
    allow(unused_variables, unused_mut)
)]
pub fn encode<'b, M: Model + ?Sized>(
    format: Format,
    records: &[Record<'_>],
    path: Option<&Path>,
    model: &M,
    out: &'b mut [u8],
) -> Result<&'b [u8], Error> {
    let path = path_for(format, path)?;
    match (format, path) {
        #[cfg(feature = "tlv")]
        (Format::Tlv, Some(p)) => tlv::encode(records, p, model, out),
        #[cfg(feature = "senml-cbor")]
        (Format::SenmlCbor, p) => senml::encode(records, p, model, out),
        #[cfg(feature = "senml-json")]
        (Format::SenmlJson, p) => crate::senml::json::encode(records, p, model, out),
        #[cfg(feature = "lwm2m-cbor")]
        (Format::Lwm2mCbor, p) => lwm2m_cbor::encode(records, p, model, out),
        #[cfg(feature = "single")]
        (Format::Cbor, Some(p)) => single::cbor::encode(single_record(records)?, p, model, out),
        #[cfg(feature = "text")]
        (Format::Text, Some(p)) => single::text::encode(single_record(records)?, p, model, out),
        #[cfg(feature = "single")]
        (Format::Opaque, Some(p)) => single::opaque::encode(single_record(records)?, p, model, out),
        // A format left out (`path_for` has refused a missing path).
        _ => Err(left_out()),
    }
}

#[cfg(feature = "alloc")]
mod owned {
    use alloc::vec;
    use alloc::vec::Vec;

    use super::{left_out, path_for, Format};
    use crate::error::{Error, ErrorKind};
    #[cfg(feature = "lwm2m-cbor")]
    use crate::lwm2m_cbor;
    use crate::path::Path;
    use crate::registry::Model;
    #[cfg(any(feature = "senml-cbor", feature = "senml-json"))]
    use crate::senml;
    #[cfg(any(feature = "single", feature = "text"))]
    use crate::single;
    #[cfg(feature = "tlv")]
    use crate::tlv;
    use crate::value::{OwnedRecord, Record};

    /// Decodes `input` in `format` into owned records (`path` is the request path; TLV needs it).
    ///
    /// Owned, because some formats (SenML-JSON escapes, base64 in text) produce bytes the input does not hold; the
    /// zero-copy, allocation-free decoders are in each format's module and [`decode_each`](super::decode_each).
    /// Link a record to its model definition (names, units) with [`OwnedRecord::as_record_in`].
    ///
    /// # Errors
    /// `UNKNOWN_FORMAT` (offset 0) for a format this build leaves out; `MISSING_PATH` when the format needs a
    /// path and none is given; otherwise the format's decode errors.
    // A build with no format reads neither the input nor the model.
    #[cfg_attr(
        not(any(
            feature = "tlv",
            feature = "senml-cbor",
            feature = "lwm2m-cbor",
            feature = "single",
            feature = "text",
            feature = "senml-json"
        )),
        allow(unused_variables)
    )]
    pub fn decode_owned<M: Model + ?Sized>(
        format: Format,
        input: &[u8],
        path: Option<&Path>,
        model: &M,
    ) -> Result<Vec<OwnedRecord>, Error> {
        #[cfg(feature = "tlv")]
        let owned =
            |records: Vec<Record<'_>>| records.iter().map(OwnedRecord::from_record).collect();
        #[cfg(any(feature = "single", feature = "text"))]
        let one = |r: Record<'_>| vec![OwnedRecord::from_record(&r)];
        match (format, path_for(format, path)?) {
            #[cfg(feature = "tlv")]
            (Format::Tlv, Some(p)) => tlv::decode_to_vec(input, p, model).map(owned),
            #[cfg(feature = "senml-cbor")]
            (Format::SenmlCbor, p) => senml::decode(input, p, model)
                .map(|r| r.map(|x| OwnedRecord::from_record(&x)).collect()),
            #[cfg(feature = "senml-json")]
            (Format::SenmlJson, p) => senml::json::decode_owned(input, p, model),
            #[cfg(feature = "lwm2m-cbor")]
            (Format::Lwm2mCbor, p) => {
                // Chunked strings are joined into this scratch; the frame's length always suffices.
                let mut scratch = vec![0u8; input.len()];
                let mut out = Vec::new();
                lwm2m_cbor::decode_joined(input, p, model, &mut scratch, |r| {
                    out.push(OwnedRecord::from_record(&r))
                })?;
                Ok(out)
            }
            #[cfg(feature = "single")]
            (Format::Cbor, Some(p)) => single::cbor::decode(input, p, model).map(one),
            #[cfg(feature = "single")]
            (Format::Opaque, Some(p)) => single::opaque::decode(input, p, model).map(one),
            #[cfg(feature = "text")]
            (Format::Text, Some(p)) => {
                let mut scratch = vec![0u8; input.len()];
                single::text::decode(input, p, model, &mut scratch).map(one)
            }
            // A format left out (`path_for` has refused a missing path).
            _ => Err(left_out()),
        }
    }

    /// Encodes `records` in `format` into a new byte vector.
    ///
    /// # Errors
    /// As [`encode`](super::encode), never `BUFFER_TOO_SMALL`.
    pub fn encode_to_vec<M: Model + ?Sized>(
        format: Format,
        records: &[Record<'_>],
        path: Option<&Path>,
        model: &M,
    ) -> Result<Vec<u8>, Error> {
        #[cfg(feature = "senml-json")]
        if format == Format::SenmlJson {
            return senml::json::encode_to_vec(records, path, model);
        }
        let mut out = vec![0u8; super::encoded_len(format, records, path, model)?];
        let n = super::encode(format, records, path, model, &mut out)?.len();
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
pub use owned::{decode_hex, decode_owned, encode_to_vec};

#[cfg(feature = "alloc")]
mod frame_text;
#[cfg(feature = "alloc")]
pub use frame_text::{decode_base64, decode_frame_text};

#[cfg(test)]
mod tests;
