//! What `ucifi decode` reads: frames as text, in the forms exports and logs hold them, and the request they are
//! read at (`--format`/`--path` or `--fport`, resolved once by the core's port table).
//!
//! A frame is hex (`c40141480000`; spaces, colons, dashes and `0x` prefixes are ignored: `c4 01 41`, `c4:01:41`,
//! `0xc4 0x01`), base64 (`xAFBSAAA`, what The Things Stack and ChirpStack exports hold: taken when the text is not
//! hex, or always with `--base64`), or, for SenML-JSON, the JSON text itself. Several frames on stdin, one per
//! line, decode one by one.

use base64::Engine as _;
use ucifi_codec::format::Format;
use ucifi_codec::lorawan::port::{PortTable, Request, Target, LWM2M_CBOR_PORT, SENML_CBOR_PORT};
use ucifi_codec::{Error, ErrorKind};

use crate::Failure;

/// The format names, for help texts and error messages: `tlv, senml-cbor, …`.
pub fn format_list() -> String {
    Format::ALL
        .iter()
        .map(|f| f.name())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `--format` help of `decode` and `encode`.
pub fn format_arg_help() -> String {
    format!("Data format: {}", format_list())
}

/// The text after `ucifi --help`: the formats and the fPort convention.
pub fn formats_help() -> String {
    format!(
        "Formats: {} (fit also takes auto: the smallest per frame).\n\
         fPorts (--fport): uCIFI TLV on ObjectID - 3400 (10-39, 45-61), LwM2M-CBOR on {LWM2M_CBOR_PORT}, \
         SenML-CBOR on {SENML_CBOR_PORT}.",
        format_list()
    )
}

/// A format name, or `UNKNOWN_FORMAT` whose message lists the valid names (`extra`: more accepted names, e.g.
/// `auto` for `fit`).
pub fn parse_format<T: std::str::FromStr<Err = Error>>(
    name: &str,
    extra: &str,
) -> Result<T, Failure> {
    name.parse().map_err(|e: Error| Failure {
        error: e,
        message: format!(
            "unknown format \"{name}\": formats are {}{extra}",
            format_list()
        ),
    })
}

/// The failure for an fPort that is not an application port, or that has no entry in the default table.
fn port_failure(fport: i64) -> Failure {
    let message = if (1..=223).contains(&fport) {
        format!(
            "fPort {fport} has no entry in the port table: uCIFI TLV is on fPort = ObjectID - 3400 (10-39, 45-61), \
             LwM2M-CBOR on {LWM2M_CBOR_PORT}, SenML-CBOR on {SENML_CBOR_PORT}"
        )
    } else {
        format!(
            "fPort {fport} is not a LoRaWAN application port: application fPorts are 1-223 (0 carries MAC \
             commands, 224-255 are reserved)"
        )
    };
    Failure {
        error: Error::new(ErrorKind::UnknownPort, 0),
        message,
    }
}

/// The format and request path of `decode` and `encode`: the entry of `--fport` in the default port table, else
/// `--format` and `--path` (clap makes sure one of the two is given).
pub fn target(
    format: Option<&str>,
    path: Option<&str>,
    fport: Option<i64>,
) -> Result<Target, Failure> {
    let request = match fport {
        Some(n) => Request::Port(u8::try_from(n).map_err(|_| port_failure(n))?),
        None => Request::Format(Target::new(
            parse_format(format.unwrap_or_default(), "")?,
            crate::parse_path(path)?,
        )),
    };
    PortTable::default()
        .resolve(request)
        .map_err(|e| match (e.kind(), fport) {
            (ErrorKind::UnknownPort, Some(n)) => port_failure(n),
            _ => Failure::from(e),
        })
}

/// The frames of `text`: the whole text as one frame, or (`lines`) each non-blank line as one frame. A SenML-JSON
/// document spread over several lines stays one frame.
pub fn frames(text: &str, format: Format, lines: bool) -> Vec<&str> {
    let whole = text.trim();
    let json_document = format == Format::SenmlJson
        && whole.starts_with('[')
        && serde_json::from_str::<serde::de::IgnoredAny>(whole).is_ok();
    if !lines || json_document {
        return vec![whole];
    }
    let list: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if list.is_empty() {
        vec![whole]
    } else {
        list
    }
}

/// The bytes of one frame's text (see the module docs): SenML-JSON text as is, else hex, else base64.
///
/// # Errors
/// `INVALID_BASE64` (offset in the text) with `--base64`; otherwise `INVALID_HEX` at the first character that is
/// neither hex nor a separator, with a message that names the accepted forms.
pub fn frame_bytes(text: &str, format: Format, base64_only: bool) -> Result<Vec<u8>, Failure> {
    if format == Format::SenmlJson && text.starts_with(['[', '{']) {
        return Ok(text.as_bytes().to_vec());
    }
    if base64_only {
        return from_base64(text).map_err(|at| Failure {
            error: Error::new(ErrorKind::InvalidBase64, at),
            message: format!("not base64 (character {at})"),
        });
    }
    match hex_digits(text) {
        Ok(d) if d.len() % 2 == 0 => {
            hex::decode(d).map_err(|_| Failure::from(Error::new(ErrorKind::InvalidHex, 0)))
        }
        Ok(d) => Err(Failure {
            error: Error::new(ErrorKind::InvalidHex, text.len()),
            message: format!("an odd number of hex digits ({})", d.len()),
        }),
        // Not hex: base64 (what network-server exports hold), else the first character that is not hex.
        Err(at) => from_base64(text).map_err(|_| Failure {
            error: Error::new(ErrorKind::InvalidHex, at),
            message: format!(
                "neither hex (an even number of digits; spaces, colons and 0x allowed) nor base64: \
                 character {at}"
            ),
        }),
    }
}

/// The hex digits of `text` without separators and `0x` prefixes, or the offset of the first other character.
fn hex_digits(text: &str) -> Result<String, usize> {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&c) = bytes.get(i) {
        let token_start = i == 0 || bytes.get(i - 1).is_some_and(|p| is_separator(*p));
        if token_start && c == b'0' && matches!(bytes.get(i + 1), Some(b'x' | b'X')) {
            i += 2;
            continue;
        }
        if c.is_ascii_hexdigit() {
            out.push(char::from(c));
        } else if !is_separator(c) {
            return Err(i);
        }
        i += 1;
    }
    Ok(out)
}

fn is_separator(c: u8) -> bool {
    c.is_ascii_whitespace() || matches!(c, b':' | b'-' | b',')
}

/// Standard base64, padding optional; the offset of the first bad character on failure.
fn from_base64(text: &str) -> Result<Vec<u8>, usize> {
    use base64::engine::{general_purpose, DecodePaddingMode, GeneralPurposeConfig};
    const ENGINE: general_purpose::GeneralPurpose = general_purpose::GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
    );
    ENGINE.decode(text.trim()).map_err(|e| match e {
        base64::DecodeError::InvalidByte(at, _)
        | base64::DecodeError::InvalidLastSymbol { offset: at, .. }
        | base64::DecodeError::InvalidLength(at) => at,
        base64::DecodeError::InvalidPadding => text.trim().len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_in_the_forms_people_paste() {
        let want = vec![0xc4, 0x01, 0x41, 0x48, 0x00, 0x00];
        for text in [
            "c40141480000",
            "c4 01 41 48 00 00",
            "C4:01:41:48:00:00",
            "0xc4 0x01 0x41 0x48 0x00 0x00",
            "0xc40141480000",
        ] {
            assert_eq!(
                frame_bytes(text, Format::Tlv, false).ok(),
                Some(want.clone()),
                "{text}"
            );
        }
        assert_eq!(
            frame_bytes("xAFBSAAA", Format::Tlv, false).ok(),
            Some(want.clone())
        );
        assert_eq!(frame_bytes("xAFBSAAA", Format::Tlv, true).ok(), Some(want));
        // Even-length hex is hex unless --base64 says otherwise.
        assert_eq!(
            frame_bytes("AAAA", Format::Tlv, false).ok(),
            Some(vec![0xaa, 0xaa])
        );
        assert_eq!(
            frame_bytes("AAAA", Format::Tlv, true).ok(),
            Some(vec![0, 0, 0])
        );
        let e = frame_bytes("c4 0g", Format::Tlv, false)
            .err()
            .map(|f| (f.error.kind(), f.error.offset()));
        assert_eq!(e, Some((ErrorKind::InvalidHex, 4)));
    }

    #[test]
    fn senml_json_text_and_lines() {
        let doc = "[{\"n\": \"/3/0/9\",\n \"v\": 87}]";
        assert_eq!(frames(doc, Format::SenmlJson, true), vec![doc]);
        assert_eq!(
            frame_bytes(doc, Format::SenmlJson, false).ok(),
            Some(doc.as_bytes().to_vec())
        );
        assert_eq!(frames("aa\n\n bb \n", Format::Tlv, true), vec!["aa", "bb"]);
        assert_eq!(frames("aa\nbb", Format::Tlv, false), vec!["aa\nbb"]);
    }
}
