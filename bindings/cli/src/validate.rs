//! `ucifi validate`: a conformance report of one frame, or of NDJSON frames grouped by device.
//!
//! The checks and the report are the core's (`ucifi_codec::validate`); this reads the input, groups frames by
//! device, prints the JSON (or `--text`) and exits 0 when every device is conformant, 1 otherwise.

use std::collections::BTreeMap;

use base64::Engine as _;
use clap::Args;
use serde::Deserialize;
use serde_json::json;
use ucifi_codec::registry::DdfModel;
use ucifi_codec::validate::{validate as check, Report, Source};
use ucifi_codec::{format, Error, ErrorKind, Format, Path};
use ucifi_exports::{ExportKind, ExportReader, Message};

use crate::failure::Failure;
use crate::input;
use crate::output::{emit, print};

/// Arguments of `ucifi validate`.
#[derive(Args)]
pub struct ValidateArgs {
    /// Format of the frame (or of NDJSON lines that name none).
    #[arg(long, conflicts_with = "fport")]
    format: Option<String>,
    /// Request path, for the formats that need one.
    #[arg(long, conflicts_with = "fport")]
    path: Option<String>,
    /// fPort of the frame (or of NDJSON lines that name none), by the fPort convention.
    #[arg(long)]
    fport: Option<u8>,
    /// The input is NDJSON: one frame per line, `{"hex"|"base64"|"text", "fport"|"format"+"path", "device"}`.
    #[arg(long)]
    ndjson: bool,
    /// Device name for frames that give none.
    #[arg(long)]
    device: Option<String>,
    /// A report for people instead of JSON.
    #[arg(long)]
    text: bool,
    /// The input is a The Things Stack export (storage-integration NDJSON, webhook or MQTT messages; gzip or not):
    /// frames by device id, read by their fPort.
    #[arg(long, conflicts_with_all = ["ndjson", "chirpstack", "fport", "format", "path"])]
    tts: bool,
    /// The input is a ChirpStack v4 export of uplink events (gzip or not): frames by DevEUI, read by their fPort.
    #[arg(long, conflicts_with_all = ["ndjson", "tts", "fport", "format", "path"])]
    chirpstack: bool,
    /// The frame as hex; with --ndjson, --tts or --chirpstack a file; `-` reads stdin.
    input: String,
}

/// One NDJSON line.
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Line {
    hex: Option<String>,
    base64: Option<String>,
    text: Option<String>,
    fport: Option<u8>,
    format: Option<String>,
    path: Option<String>,
    device: Option<String>,
}

fn bad(line: usize, message: String) -> Failure {
    Failure::codec(Error::new(ErrorKind::InvalidRecord, line), message)
}

/// The frame's bytes and source; `line` (1-based, 0 for a single frame) names it in errors.
fn frame(l: &Line, args: &ValidateArgs, line: usize) -> Result<(Vec<u8>, Source), Failure> {
    let at = |what: String| bad(line, format!("line {line}: {what}"));
    let bytes = match (&l.hex, &l.base64, &l.text) {
        (Some(h), None, None) => {
            format::decode_hex(h.trim()).map_err(|e| at(format!("hex: {e}")))?
        }
        (None, Some(b), None) => base64::engine::general_purpose::STANDARD
            .decode(b.trim())
            .map_err(|e| at(format!("base64: {e}")))?,
        (None, None, Some(t)) => t.clone().into_bytes(),
        _ => return Err(at("give one of hex, base64, text".into())),
    };
    let source = match (l.fport.or(args.fport), &l.format, &args.format) {
        (Some(p), None, _) if l.fport.is_some() || args.format.is_none() => Source::Port(p),
        (_, Some(f), _) | (None, None, Some(f)) => {
            let format: Format = f
                .parse()
                .map_err(|e: Error| at(format!("format {f:?}: {e}")))?;
            let path = l.path.as_deref().or(args.path.as_deref());
            let path = match path {
                Some(p) => Some(
                    p.parse::<Path>()
                        .map_err(|e| at(format!("path {p:?}: {e}")))?,
                ),
                None => None,
            };
            Source::Format(format, path)
        }
        _ => {
            return Err(at(
                "give --fport or --format (or fport / format in the line)".into(),
            ))
        }
    };
    Ok((bytes, source))
}

/// Adds every uplink of a network-server export to `add`, by device id (TTS) or DevEUI (ChirpStack), read by its
/// fPort. Joins and status messages are skipped; an unreadable message or payload stops with its message number.
fn read_export(
    kind: ExportKind,
    args: &ValidateArgs,
    add: &mut dyn FnMut(Option<String>, (Vec<u8>, Source)),
) -> Result<(), Failure> {
    let input = ucifi_exports::open(std::path::Path::new(&args.input))
        .map_err(|e| Failure::io(&args.input, e))?;
    let mut failure = None;
    ExportReader::new(input, kind)
        .for_each(|message, n| match message {
            _ if failure.is_some() => {}
            Message::Uplink(up) => match up.payload() {
                Ok(bytes) => {
                    // An fPort outside 0..=255 is not LoRaWAN: read as 0, which has no entry (UNKNOWN_PORT).
                    let source = Source::Port(u8::try_from(up.fport).unwrap_or(0));
                    let device = up.device_id.map(|d| d.into_owned());
                    add(device.or_else(|| args.device.clone()), (bytes, source));
                }
                Err(error) => {
                    failure = Some(Failure::codec(
                        error,
                        format!("message {n}: frm_payload / data: {error}"),
                    ))
                }
            },
            Message::Other => {}
            Message::Invalid(error) => {
                failure = Some(Failure::codec(
                    error,
                    format!("message {n}: not a {} message", kind.server()),
                ))
            }
        })
        .map_err(|e| match e {
            ucifi_exports::ReadError::Io(e) => Failure::io(&args.input, e),
            wrong => bad(0, format!("{}: {wrong}", args.input)),
        })?;
    failure.map_or(Ok(()), Err)
}

/// Runs the command: prints the report and returns whether every device is conformant.
pub fn validate(args: &ValidateArgs, model: &DdfModel, pretty: bool) -> Result<bool, Failure> {
    // Frames grouped by device, devices in order of first appearance.
    let mut order: Vec<Option<String>> = Vec::new();
    let mut devices: BTreeMap<Option<String>, Vec<(Vec<u8>, Source)>> = BTreeMap::new();
    let mut add = |device: Option<String>, f| {
        if !devices.contains_key(&device) {
            order.push(device.clone());
        }
        devices.entry(device).or_default().push(f);
    };
    let export = match (args.tts, args.chirpstack) {
        (true, _) => Some(ExportKind::Tts),
        (_, true) => Some(ExportKind::Chirpstack),
        _ => None,
    };
    if let Some(kind) = export {
        read_export(kind, args, &mut add)?;
    } else if args.ndjson {
        let text = input::read_file(&args.input)?;
        for (i, raw) in text.lines().enumerate() {
            if raw.trim().is_empty() {
                continue;
            }
            let l: Line = serde_json::from_str(raw)
                .map_err(|e| bad(i + 1, format!("line {}: {e}", i + 1)))?;
            let f = frame(&l, args, i + 1)?;
            add(l.device.clone().or_else(|| args.device.clone()), f);
        }
    } else {
        let text = input::read_arg(&args.input)?;
        let l = Line {
            hex: Some(text.trim().to_string()),
            ..Line::default()
        };
        add(args.device.clone(), frame(&l, args, 0)?);
    }
    if order.is_empty() {
        return Err(bad(0, "no frames in the input".into()));
    }
    let reports: Vec<Report> = order
        .iter()
        .map(|d| {
            let frames = devices.get(d).map(Vec::as_slice).unwrap_or_default();
            let mut r = check(model, frames.iter().map(|(b, s)| (&b[..], *s)));
            r.device = d.clone();
            r
        })
        .collect();
    let conformant = reports.iter().all(|r| r.conformant);
    if args.text {
        let mut out = String::new();
        for r in &reports {
            out += &r.to_text();
            out.push('\n');
        }
        let ok = reports.iter().filter(|r| r.conformant).count();
        out += &format!(
            "{ok} of {} device{} conformant",
            reports.len(),
            if reports.len() == 1 { "" } else { "s" }
        );
        emit(&out);
    } else {
        print(
            &json!({ "conformant": conformant, "devices": reports }),
            pretty,
        );
    }
    // The caller may exit at once (status 1): the report must be out first.
    let _ = std::io::Write::flush(&mut std::io::stdout());
    Ok(conformant)
}
