//! Format dispatch over the formats this build includes.
//!
//! With every format (feature `all-formats`) this is `ucifi_codec::format` itself. Size-limited builds name their
//! formats by feature and dispatch here to the same core modules; a format left out is `UNKNOWN_FORMAT` at 0.

#[cfg(not(feature = "all-formats"))]
use ucifi_codec::{Error, ErrorKind, Format, Path, Record};

#[cfg(not(feature = "all-formats"))]
use crate::model::Loaded;

#[cfg(feature = "all-formats")]
pub(crate) use ucifi_codec::format::{encode_into, encoded_len, for_each_record};

#[cfg(not(feature = "all-formats"))]
fn left_out() -> Error {
    Error::new(ErrorKind::UnknownFormat, 0)
}

/// `format::for_each_record` over the included formats.
#[cfg(not(feature = "all-formats"))]
pub(crate) fn for_each_record<F: FnMut(Record<'_>)>(
    format: Format,
    input: &[u8],
    path: Option<&Path>,
    model: &Loaded,
    mut f: F,
) -> Result<usize, Error> {
    let _ = (input, model, &mut f);
    match format {
        #[cfg(feature = "tlv")]
        Format::Tlv => {
            // One walk that hands records out as it checks them (the least code; the caller discards the records
            // of a frame that fails).
            let p = path.ok_or(Error::new(ErrorKind::MissingPath, 0))?;
            ucifi_codec::tlv::decode_each(input, p, model, f)
        }
        #[cfg(feature = "senml-cbor")]
        Format::SenmlCbor => {
            let r = ucifi_codec::senml::decode(input, path, model)?;
            let n = r.len();
            r.for_each(f);
            Ok(n)
        }
        #[cfg(feature = "lwm2m-cbor")]
        Format::Lwm2mCbor => {
            let r = ucifi_codec::lwm2m_cbor::decode(input, path, model)?;
            let n = r.len();
            r.for_each(f);
            Ok(n)
        }
        _ => {
            let _ = path;
            Err(left_out())
        }
    }
}

/// `format::encoded_len` over the included formats.
#[cfg(not(feature = "all-formats"))]
pub(crate) fn encoded_len(
    format: Format,
    records: &[Record<'_>],
    path: Option<&Path>,
    model: &Loaded,
) -> Result<usize, Error> {
    let _ = (records, model);
    match format {
        #[cfg(feature = "tlv")]
        Format::Tlv => ucifi_codec::tlv::encoded_len(
            records,
            path.ok_or(Error::new(ErrorKind::MissingPath, 0))?,
            model,
        ),
        #[cfg(feature = "senml-cbor")]
        Format::SenmlCbor => ucifi_codec::senml::encoded_len(records, path, model),
        #[cfg(feature = "lwm2m-cbor")]
        Format::Lwm2mCbor => ucifi_codec::lwm2m_cbor::encoded_len(records, path, model),
        _ => {
            let _ = path;
            Err(left_out())
        }
    }
}

/// `format::encode_into` over the included formats.
#[cfg(not(feature = "all-formats"))]
pub(crate) fn encode_into<'b>(
    format: Format,
    records: &[Record<'_>],
    path: Option<&Path>,
    model: &Loaded,
    out: &'b mut [u8],
) -> Result<&'b [u8], Error> {
    let _ = (records, model, &out);
    match format {
        #[cfg(feature = "tlv")]
        Format::Tlv => ucifi_codec::tlv::encode(
            records,
            path.ok_or(Error::new(ErrorKind::MissingPath, 0))?,
            model,
            out,
        ),
        #[cfg(feature = "senml-cbor")]
        Format::SenmlCbor => ucifi_codec::senml::encode(records, path, model, out),
        #[cfg(feature = "lwm2m-cbor")]
        Format::Lwm2mCbor => ucifi_codec::lwm2m_cbor::encode(records, path, model, out),
        _ => {
            let _ = path;
            Err(left_out())
        }
    }
}
