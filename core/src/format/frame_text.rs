//! Frames written as text, the way exports, logs and people hold them: hex with or without separators, or base64.
//!
//! Network servers export FRMPayloads as base64 (The Things Stack `frm_payload`, ChirpStack `data`); people paste
//! hex with spaces, colons or `0x` prefixes. Every front end reads such text through [`decode_frame_text`].
//!
//! ```
//! use ucifi_codec::format::decode_frame_text;
//! let want = vec![0xc4, 0x01, 0x41, 0x48, 0x00, 0x00];
//! for text in ["c40141480000", "c4 01 41 48 00 00", "C4:01:41:48:00:00", "0xc4 0x01 0x41 0x48 0x00 0x00", "xAFBSAAA"] {
//!     assert_eq!(decode_frame_text(text).unwrap(), want);
//! }
//! assert_eq!(decode_frame_text("c4 0g").unwrap_err().kind().name(), "INVALID_HEX");
//! ```

use alloc::vec;
use alloc::vec::Vec;

use base64::engine::{general_purpose, DecodePaddingMode, GeneralPurposeConfig};
use base64::Engine as _;

use crate::error::{Error, ErrorKind};

/// Standard alphabet, padding optional (exports differ).
const BASE64: general_purpose::GeneralPurpose = general_purpose::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

fn is_separator(c: u8) -> bool {
    c.is_ascii_whitespace() || matches!(c, b':' | b'-' | b',')
}

/// The hex digits of `text` without separators and `0x` prefixes, or the offset of the first other character.
fn hex_digits(text: &str) -> Result<Vec<u8>, usize> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        let token_start = i == 0 || bytes.get(i - 1).is_some_and(|p| is_separator(*p));
        if token_start && c == b'0' && matches!(bytes.get(i + 1), Some(b'x' | b'X')) {
            i += 2;
            continue;
        }
        if c.is_ascii_hexdigit() {
            out.push(c);
        } else if !is_separator(c) {
            return Err(i);
        }
        i += 1;
    }
    Ok(out)
}

/// Standard base64 (padding optional, surrounding whitespace ignored) into bytes.
///
/// # Errors
/// `INVALID_BASE64` at the offset of the first bad character (the length for a bad length or padding).
pub fn decode_base64(text: &str) -> Result<Vec<u8>, Error> {
    let start = text.len() - text.trim_start().len();
    let t = text.trim();
    let mut out = vec![0u8; t.len().div_ceil(4) * 3];
    let n = BASE64.decode_slice(t, &mut out).map_err(|e| {
        let at = match e {
            base64::DecodeSliceError::DecodeError(
                base64::DecodeError::InvalidByte(at, _)
                | base64::DecodeError::InvalidLastSymbol { offset: at, .. }
                | base64::DecodeError::InvalidLength(at),
            ) => at,
            _ => t.len(),
        };
        Error::new(ErrorKind::InvalidBase64, start + at)
    })?;
    out.truncate(n);
    Ok(out)
}

/// A frame written as text: hex (spaces, tabs, colons, dashes, commas and `0x` prefixes ignored), else base64.
///
/// Text of hex digits and separators only is hex; text with other base64 characters (`g`–`z`, `G`–`Z`, `+`, `/`,
/// `=`) is base64. So base64 that happens to hold only hex digits reads as hex: call [`decode_base64`] when the
/// text is known to be base64.
///
/// # Errors
/// `INVALID_HEX` at the first character that is neither hex, a separator nor base64 (else at the first one that is
/// not hex), or at the length for an odd number of hex digits; `INVALID_BASE64` (as [`decode_base64`]) for malformed base64.
pub fn decode_frame_text(text: &str) -> Result<Vec<u8>, Error> {
    match hex_digits(text) {
        Ok(digits) => {
            hex::decode(&digits).map_err(|_| Error::new(ErrorKind::InvalidHex, text.len()))
        }
        Err(at) => {
            let base64_char = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'/' | b'=');
            if text.trim().bytes().all(base64_char) {
                return decode_base64(text);
            }
            // The first character neither form allows, else the first that is not hex.
            let neither = text
                .bytes()
                .position(|c| !base64_char(c) && !is_separator(c));
            Err(Error::new(ErrorKind::InvalidHex, neither.unwrap_or(at)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(r: Result<Vec<u8>, Error>) -> (&'static str, usize) {
        let e = r.unwrap_err();
        (e.kind().name(), e.offset())
    }

    #[test]
    fn hex_base64_and_their_errors() {
        assert_eq!(
            decode_frame_text("0xC40141480000"),
            Ok(vec![0xc4, 1, 0x41, 0x48, 0, 0])
        );
        assert_eq!(decode_frame_text(" AAAA "), Ok(vec![0xaa, 0xaa]));
        assert_eq!(decode_base64(" AAAA "), Ok(vec![0, 0, 0]));
        assert_eq!(
            decode_frame_text("xAFBSAA"),
            Ok(vec![0xc4, 1, 0x41, 0x48, 0])
        );
        assert_eq!(decode_frame_text(""), Ok(vec![]));
        assert_eq!(err(decode_frame_text("c40")), ("INVALID_HEX", 3));
        assert_eq!(err(decode_frame_text("c4 0g!")), ("INVALID_HEX", 5));
        assert_eq!(err(decode_frame_text("c4 0g")), ("INVALID_HEX", 4));
        assert_eq!(err(decode_frame_text("xAF*SAAA")), ("INVALID_HEX", 3));
        assert_eq!(err(decode_frame_text("xA=BSAAA")), ("INVALID_BASE64", 2));
        assert_eq!(err(decode_base64("  xAFB*AAA")), ("INVALID_BASE64", 6));
    }
}
