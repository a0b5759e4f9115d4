//! What the commands read: arguments, files and stdin ([`read_arg`], [`read_file`], [`read_records`]); frames as
//! text, in the forms exports and logs hold them, and the request they are read at (`--format`/`--path` or
//! `--fport`, resolved once by the core's port table).
//!
//! A frame is hex (`c40141480000`; spaces, colons, dashes and `0x` prefixes are ignored: `c4 01 41`, `c4:01:41`,
//! `0xc4 0x01`), base64 (`xAFBSAAA`, what The Things Stack and ChirpStack exports hold: taken when the text is not
//! hex, or always with `--base64`), or, for SenML-JSON, the JSON text itself. Several frames on stdin, one per
//! line, decode one by one.

use std::io::Read;

use serde_json::Value as Json;
use ucifi_codec::format::{self, Format};
use ucifi_codec::json::RecordInput;
use ucifi_codec::lorawan::port::{PortTable, Request, Target, LWM2M_CBOR_PORT, SENML_CBOR_PORT};
use ucifi_codec::registry::DdfModel;
use ucifi_codec::{Error, ErrorKind, OwnedRecord, Path};

use crate::failure::{Failure, FailureKind};

fn read_stdin() -> Result<String, Failure> {
    let mut s = String::new();
    std::io::stdin()
        .read_to_string(&mut s)
        .map_err(|e| Failure::io("stdin", e))?;
    Ok(s)
}

/// An argument that is the input itself (a frame, hex), or stdin for `-`.
pub fn read_arg(arg: &str) -> Result<String, Failure> {
    if arg == "-" {
        read_stdin()
    } else {
        Ok(arg.to_string())
    }
}

/// The text of a file, or of stdin for `-` (`IO` when it cannot be read).
pub fn read_file(arg: &str) -> Result<String, Failure> {
    if arg == "-" {
        read_stdin()
    } else {
        std::fs::read_to_string(arg).map_err(|e| Failure::io(arg, e))
    }
}

/// The records of a `{"records": [...]}` file or stdin (`-`), checked against `model`.
pub fn read_records(input: &str, model: &DdfModel) -> Result<Vec<OwnedRecord>, Failure> {
    let text = read_file(input)?;
    let doc: Json = serde_json::from_str(&text).map_err(|e| {
        Failure::codec(
            Error::new(ErrorKind::InvalidRecord, 0),
            format!("expected {{\"records\": [...]}}: {e}"),
        )
    })?;
    let list = doc["records"].as_array().cloned().unwrap_or_default();
    list.into_iter()
        .enumerate()
        .map(|(i, v)| {
            let input: RecordInput = serde_json::from_value(v).map_err(|e| {
                Failure::codec(
                    Error::new(ErrorKind::InvalidRecord, i),
                    format!("record {i}: {e}"),
                )
            })?;
            input.resolve(model, i).map_err(Failure::from)
        })
        .collect()
}

/// The `--path` argument, parsed.
pub fn parse_path(path: Option<&str>) -> Result<Option<Path>, Failure> {
    path.map(|p| p.parse::<Path>().map_err(Failure::from))
        .transpose()
}

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
    name.parse().map_err(|e: Error| {
        Failure::codec(
            e,
            format!(
                "unknown format \"{name}\": formats are {}{extra}",
                format_list()
            ),
        )
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
    Failure::codec(Error::new(ErrorKind::UnknownPort, 0), message)
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
            parse_path(path)?,
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

/// The bytes of one frame's text (see the module docs): SenML-JSON text as is, else hex or base64
/// ([`format::decode_frame_text`]), or base64 only with `--base64`.
///
/// # Errors
/// `INVALID_BASE64` (offset in the text), or `INVALID_HEX` with a message that names the accepted forms.
pub fn frame_bytes(text: &str, format: Format, base64_only: bool) -> Result<Vec<u8>, Failure> {
    if format == Format::SenmlJson && text.starts_with(['[', '{']) {
        return Ok(text.as_bytes().to_vec());
    }
    let result = if base64_only {
        format::decode_base64(text)
    } else {
        format::decode_frame_text(text)
    };
    result.map_err(|e| Failure {
        kind: FailureKind::Codec(e.kind()),
        offset: e.offset(),
        message: match e.kind() {
            ErrorKind::InvalidHex => format!(
                "neither hex (an even number of digits; spaces, colons and 0x allowed) nor base64: character {}",
                e.offset()
            ),
            _ => format!("not base64: character {}", e.offset()),
        },
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
            .map(|f| (f.kind, f.offset));
        assert_eq!(e, Some((FailureKind::Codec(ErrorKind::InvalidHex), 4)));
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
