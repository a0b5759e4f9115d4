//! `ucifi`: decode, encode and inspect uCIFI / LwM2M data from the shell, with JSON in and out.
//!
//! Output goes to stdout; on bad input the command exits 1 and prints
//! `{"error": {"kind": "...", "offset": N, "message": "..."}}` on stderr.

mod bulk;
mod fit;
mod formatter;
mod validate;

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde_json::json;
use ucifi_codec::format;
use ucifi_codec::json::{ObjectJson, RecordInput};
use ucifi_codec::registry::DdfModel;
use ucifi_codec::{Error, ErrorKind, Model, Path};

#[derive(Parser)]
#[command(
    name = "ucifi",
    version,
    about = "Encode and decode uCIFI / LwM2M data (TLV, SenML-CBOR, SenML-JSON, LwM2M-CBOR, CBOR, text, opaque) with JSON records"
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
    /// Decode a frame (hex) into records, or every uplink of a network-server export into rows (--tts,
    /// --chirpstack).
    Decode {
        /// Data format (for an export: every uplink in this format instead of by its fPort).
        #[arg(long, required_unless_present_any = ["fport", "tts", "chirpstack"])]
        format: Option<String>,
        /// Request path /O[/I[/R[/RI]]] (TLV needs it: the frame does not name its object).
        #[arg(long, conflicts_with = "fport")]
        path: Option<String>,
        /// LoRaWAN fPort: format and path from the port convention (uCIFI TLV on ObjectID - 3400).
        #[arg(long, conflicts_with = "format")]
        fport: Option<u8>,
        /// The frame as hex, or `-` to read hex from stdin.
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
    /// Encode records ({"records": [...]}) into a frame, printed as hex.
    Encode {
        /// Data format.
        #[arg(long, required_unless_present = "fport")]
        format: Option<String>,
        /// Request path /O[/I[/R[/RI]]].
        #[arg(long, conflicts_with = "fport")]
        path: Option<String>,
        /// LoRaWAN fPort: format and path from the port convention, as `decode --fport`.
        #[arg(long, conflicts_with = "format")]
        fport: Option<u8>,
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
    /// or ChirpStack: the codec core compiled to JavaScript, with tables for the chosen objects.
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

/// A failure: a codec error with its offset, or an I/O problem reported with offset 0.
struct Failure {
    error: Error,
    message: String,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure {
            error,
            message: error.kind().message().to_string(),
        }
    }
}

fn read_input(arg: &str) -> Result<String, Failure> {
    let text = if arg == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Failure {
                error: Error::new(ErrorKind::InvalidRecord, 0),
                message: format!("stdin: {e}"),
            })?;
        s
    } else {
        arg.to_string()
    };
    Ok(text)
}

fn parse_path(path: Option<&str>) -> Result<Option<Path>, Failure> {
    path.map(|p| p.parse::<Path>().map_err(Failure::from))
        .transpose()
}

/// Writes one line to stdout; a closed pipe (`ucifi objects | head`) ends output quietly instead of panicking.
fn emit(line: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{line}");
}

fn print(value: &serde_json::Value, pretty: bool) {
    let text = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    emit(&text.unwrap_or_default());
}

fn run(cli: &Cli) -> Result<(), Failure> {
    let mut model = DdfModel::new();
    for p in &cli.ddf {
        model.load_path(p).map_err(|e| Failure {
            error: e.error(),
            message: e.to_string(),
        })?;
    }
    match &cli.command {
        Command::Decode {
            format,
            path,
            fport,
            input,
            tts,
            chirpstack,
            out,
        } => {
            if let Some((kind, file)) = bulk::export_arg(tts.as_ref(), chirpstack.as_ref()) {
                let fixed = match format {
                    Some(_) => Some(fit::target(format.as_deref(), path.as_deref(), None)?),
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
            let (format, path) = fit::target(format.as_deref(), path.as_deref(), *fport)?;
            let hex = read_input(input.as_deref().unwrap_or("-"))?;
            let bytes = format::decode_hex(hex.trim())?;
            let records = format::decode(format, &bytes, path.as_ref(), &model)?;
            let records: Vec<_> = records
                .iter()
                .map(|r| serde_json::to_value(r.as_record_in(&model)))
                .collect::<Result<_, _>>()
                .unwrap_or_default();
            print(&json!({ "records": records }), cli.pretty);
        }
        Command::Encode {
            format,
            path,
            fport,
            input,
        } => {
            let (format, path) = fit::target(format.as_deref(), path.as_deref(), *fport)?;
            let text = if input == "-" {
                read_input(input)?
            } else {
                std::fs::read_to_string(input).map_err(|e| Failure {
                    error: Error::new(ErrorKind::InvalidRecord, 0),
                    message: format!("{input}: {e}"),
                })?
            };
            #[derive(serde::Deserialize)]
            struct Doc {
                records: Vec<serde_json::Value>,
            }
            let doc: Doc = serde_json::from_str(&text).map_err(|e| Failure {
                error: Error::new(ErrorKind::InvalidRecord, 0),
                message: format!("expected {{\"records\": [...]}}: {e}"),
            })?;
            let owned = doc
                .records
                .into_iter()
                .enumerate()
                .map(|(i, v)| {
                    let input: RecordInput = serde_json::from_value(v).map_err(|e| Failure {
                        error: Error::new(ErrorKind::InvalidRecord, i),
                        message: format!("record {i}: {e}"),
                    })?;
                    input.resolve(&model, i).map_err(Failure::from)
                })
                .collect::<Result<Vec<_>, _>>()?;
            let records: Vec<_> = owned.iter().map(|r| r.as_record()).collect();
            let bytes = format::encode(format, &records, path.as_ref(), &model)?;
            emit(&hex::encode(bytes));
        }
        Command::Fit(args) => print(&fit::fit(args, &model)?, cli.pretty),
        Command::Validate(args) => {
            if !validate::validate(args, &model, cli.pretty)? {
                std::process::exit(1); // the report is on stdout; no error JSON
            }
        }
        Command::Sizes => emit(fit::sizes(&model).trim_end()),
        Command::Formatter(args) => emit(formatter::formatter(args, &model)?.trim_end()),
        Command::Objects { id: Some(id), .. } => {
            let object = model.object(*id).ok_or(Failure {
                error: Error::new(ErrorKind::InvalidPath, 0),
                message: format!("object {id} is not in the model"),
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            let e = f.error;
            eprintln!(
                "{}",
                json!({"error": {"kind": e.kind().name(), "offset": e.offset(), "message": f.message}})
            );
            ExitCode::from(1)
        }
    }
}
