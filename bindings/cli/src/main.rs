//! `ucifi`: decode, encode and inspect uCIFI / LwM2M data from the shell, with JSON in and out.
//!
//! Output goes to stdout; on bad input the command exits 1 and prints
//! `{"error": {"kind": "...", "offset": N, "message": "..."}}` on stderr: a codec error kind, or `IO` for a file or
//! stream that cannot be read or written ([`failure`]).

mod bulk;
mod failure;
mod fit;
mod formatter;
mod input;
mod output;
mod validate;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use serde_json::json;
use ucifi_codec::format;
use ucifi_codec::json::ObjectJson;
use ucifi_codec::lorawan::port::Target;
use ucifi_codec::registry::DdfModel;
use ucifi_codec::{Error, ErrorKind, Model};

#[derive(Parser)]
#[command(
    name = "ucifi",
    version,
    about = "Encode and decode uCIFI / LwM2M data (TLV, SenML-CBOR, SenML-JSON, LwM2M-CBOR, CBOR, text, opaque) with JSON records",
    after_help = input::formats_help()
)]
struct Cli {
    /// Load OMA DDF XML object definitions (a file or a directory of *.xml); they override built-in objects.
    #[arg(long, global = true, value_name = "FILE|DIR")]
    ddf: Vec<PathBuf>,
    /// Pretty-print JSON output.
    #[arg(long, global = true)]
    pretty: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Decode frames (hex, base64 or SenML-JSON text) into records, several lines on stdin giving one JSON line
    /// each; or every uplink of a network-server export into rows (--tts, --chirpstack).
    Decode {
        /// Data format (for an export: every uplink in this format instead of by its fPort).
        #[arg(long, required_unless_present_any = ["fport", "tts", "chirpstack"], help = input::format_arg_help())]
        format: Option<String>,
        /// Request path /O[/I[/R[/RI]]], or / for no restriction (TLV needs an object: the frame does not name it).
        #[arg(long, conflicts_with = "fport")]
        path: Option<String>,
        /// LoRaWAN fPort (1-223): format and path from the port convention (uCIFI TLV on ObjectID - 3400,
        /// LwM2M-CBOR on 100, SenML-CBOR on 101).
        #[arg(long, conflicts_with = "format", allow_negative_numbers = true)]
        fport: Option<i64>,
        /// Read the frames as base64 (without it, text that is not hex is tried as base64).
        #[arg(long)]
        base64: bool,
        /// The frame: hex (spaces, colons and 0x allowed), base64, or SenML-JSON text; `-` reads stdin, one
        /// frame per line.
        #[arg(required_unless_present_any = ["tts", "chirpstack"], conflicts_with_all = ["tts", "chirpstack"])]
        input: Option<String>,
        /// A The Things Stack export (storage-integration NDJSON, webhook / MQTT JSON; gzip or not; `-`: stdin):
        /// one row per record of every uplink, by its fPort.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["chirpstack", "fport"])]
        tts: Option<PathBuf>,
        /// A ChirpStack v4 export of uplink events (JSON lines; gzip or not; `-`: stdin), as --tts.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["tts", "fport"])]
        chirpstack: Option<PathBuf>,
        /// Where the export's rows go: FILE.csv, FILE.parquet, FILE.ndjson, or `-` (NDJSON on stdout, the default).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Encode records ({"records": [...]}) into a frame, printed as hex (SenML-JSON: as its JSON text).
    Encode {
        /// Data format.
        #[arg(long, required_unless_present = "fport", help = input::format_arg_help())]
        format: Option<String>,
        /// Request path /O[/I[/R[/RI]]], or / for no restriction.
        #[arg(long, conflicts_with = "fport")]
        path: Option<String>,
        /// LoRaWAN fPort (1-223): format and path from the port convention, as `decode --fport`.
        #[arg(long, conflicts_with = "format", allow_negative_numbers = true)]
        fport: Option<i64>,
        /// A JSON file, or `-` for stdin.
        input: String,
    },
    /// Fit records into LoRaWAN frames of a byte budget or region data rate; prints frames and what fits none.
    Fit(fit::FitArgs),
    /// Conformance report of a device's frames against the model (exit 0 when conformant, 1 otherwise).
    Validate(validate::ValidateArgs),
    /// Print the markdown table of encoded sizes of typical uCIFI readings (docs/sizes.md).
    Sizes,
    /// Print a plain-JS TS013 payload formatter (decodeUplink, encodeDownlink, decodeDownlink) for The Things Stack
    /// or ChirpStack: an ES5.1 codec engine (TLV, SenML-CBOR, LwM2M-CBOR) with tables for the chosen objects.
    Formatter(formatter::FormatterArgs),
    /// Print the object model: every object, or one object with its resources.
    Objects {
        /// Object id.
        id: Option<u16>,
        /// With every object's resources.
        #[arg(long)]
        resources: bool,
    },
}

use failure::Failure;
use output::{emit, print};

fn run(cli: &Cli) -> Result<(), Failure> {
    let mut model = DdfModel::new();
    for p in &cli.ddf {
        model.load_path(p).map_err(|e| match &e.io {
            Some(io) => Failure::io(e.path.display(), io),
            None => Failure::codec(e.error(), e.to_string()),
        })?;
    }
    match &cli.command {
        Command::Decode {
            format,
            path,
            fport,
            base64,
            input,
            tts,
            chirpstack,
            out,
        } => {
            if let Some((kind, file)) = bulk::export_arg(tts.as_ref(), chirpstack.as_ref()) {
                let fixed = match format {
                    Some(_) => Some(input::target(format.as_deref(), path.as_deref(), None)?),
                    None => None,
                };
                let args = bulk::BulkArgs {
                    kind,
                    input: file,
                    out: out.as_deref(),
                    fixed,
                };
                return bulk::decode_export(&args, &model);
            }
            decode(
                cli,
                &model,
                format.as_deref(),
                path.as_deref(),
                *fport,
                *base64,
                input.as_deref().unwrap_or("-"),
            )?
        }
        Command::Encode {
            format,
            path,
            fport,
            input,
        } => {
            let target = input::target(format.as_deref(), path.as_deref(), *fport)?;
            let owned = input::read_records(input, &model)?;
            let records: Vec<_> = owned.iter().map(|r| r.as_record()).collect();
            let bytes =
                format::encode_to_vec(target.format, &records, target.path.as_ref(), &model)?;
            if target.format == format::Format::SenmlJson {
                emit(&String::from_utf8_lossy(&bytes));
            } else {
                emit(&hex::encode(bytes));
            }
        }
        Command::Fit(args) => {
            let budget = fit::budget(args).unwrap_or_else(|message| {
                Cli::command()
                    .error(clap::error::ErrorKind::ValueValidation, message)
                    .exit()
            });
            print(&fit::fit(args, budget, &model)?, cli.pretty)
        }
        Command::Validate(args) => {
            if !validate::validate(args, &model, cli.pretty)? {
                std::process::exit(1); // the report is on stdout; no error JSON
            }
        }
        Command::Sizes => emit(fit::sizes(&model).trim_end()),
        Command::Formatter(args) => emit(formatter::formatter(args, &model)?.trim_end()),
        Command::Objects { id: Some(id), .. } => {
            let object = model.object(*id).ok_or_else(|| {
                Failure::codec(
                    Error::new(ErrorKind::InvalidPath, 0),
                    format!("object {id} is not in the model"),
                )
            })?;
            print(
                &serde_json::to_value(ObjectJson {
                    object,
                    resources: true,
                })
                .unwrap_or_default(),
                cli.pretty,
            );
        }
        Command::Objects {
            id: None,
            resources,
        } => {
            let list: Vec<_> = model
                .objects()
                .map(|object| {
                    serde_json::to_value(ObjectJson {
                        object,
                        resources: *resources,
                    })
                    .unwrap_or_default()
                })
                .collect();
            print(&json!({ "objects": list }), cli.pretty);
        }
    }
    Ok(())
}

/// The `{"records": [...]}` of one frame, decoded through the borrowed records (one pass, no owned copy).
fn decode_frame(
    text: &str,
    target: &Target,
    base64: bool,
    model: &DdfModel,
) -> Result<serde_json::Value, Failure> {
    let bytes = input::frame_bytes(text, target.format, base64)?;
    let mut records = Vec::new();
    target.decode_each(&bytes, model, |r| {
        records.push(serde_json::to_value(r).unwrap_or_default());
    })?;
    Ok(json!({ "records": records }))
}

/// `ucifi decode`: one frame as before (errors on stderr), or several lines on stdin as one JSON line each (an
/// `{"error": …}` line for a frame that fails, and exit status 1 at the end).
fn decode(
    cli: &Cli,
    model: &DdfModel,
    format: Option<&str>,
    path: Option<&str>,
    fport: Option<i64>,
    base64: bool,
    input: &str,
) -> Result<(), Failure> {
    let target = input::target(format, path, fport)?;
    let text = input::read_arg(input)?;
    let frames = input::frames(&text, target.format, input == "-");
    if let [one] = frames.as_slice() {
        print(&decode_frame(one, &target, base64, model)?, cli.pretty);
        return Ok(());
    }
    let mut failed = None;
    for frame in frames {
        match decode_frame(frame, &target, base64, model) {
            Ok(doc) => print(&doc, false),
            Err(f) => {
                print(&f.to_json(), false);
                failed.get_or_insert(f);
            }
        }
    }
    failed.map_or(Ok(()), |f| {
        Err(Failure {
            message: format!("a frame failed: {}", f.message),
            ..f
        })
    })
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("{}", f.to_json());
            ExitCode::from(1)
        }
    }
}
