//! `ucifi decode --tts FILE` / `--chirpstack FILE`: every uplink of a network-server export decoded into rows, one
//! per record, streamed to NDJSON (stdout by default), CSV or Parquet.
//!
//! The export is read by `ucifi-exports` (NDJSON line by line, so memory stays bounded whatever the file's size;
//! gzip by its magic bytes). Each uplink is decoded by the fPort convention, or in `--format` at `--path` when they
//! are given. An uplink that fails (bad base64, an fPort with no entry, a frame the codec refuses) and a line that is
//! not JSON each give one error row; the run goes on and exits 0. Only a read failure or an export of the other
//! server's shape stops it (exit 1, error JSON on stderr). On a terminal, a progress bar shows the bytes read.

mod ndjson;
mod parquet;
mod progress;
mod table;

use std::io::{self, Write};
use std::path::{Path as FsPath, PathBuf};

use ucifi_codec::lorawan::port::{PortTable, Request, Target};
use ucifi_codec::{Error, ErrorKind, Model, Record};
use ucifi_exports::{ExportKind, ExportReader, Message, Uplink};

use crate::failure::Failure;

/// What a bulk decode reads and where its rows go.
pub struct BulkArgs<'a> {
    /// The export's server.
    pub kind: ExportKind,
    /// The export file (`-`: stdin), plain or gzip.
    pub input: &'a FsPath,
    /// `None` or `-`: NDJSON on stdout; else by extension: `.csv`, `.parquet`, `.ndjson`/`.jsonl`/`.json`.
    pub out: Option<&'a FsPath>,
    /// A fixed format and path for every uplink instead of the fPort convention.
    pub fixed: Option<Target>,
}

/// The uplink-level columns of every row of one message.
pub struct FrameInfo<'a> {
    /// Message number in the export (0-based).
    pub frame: u64,
    /// The uplink's metadata; `None` for a message that is not JSON.
    pub uplink: Option<&'a Uplink<'a>>,
}

/// A destination of rows.
pub trait Sink {
    /// One decoded record of an uplink.
    fn record(&mut self, frame: &FrameInfo<'_>, record: &Record<'_>) -> io::Result<()>;
    /// One error row: the message could not be read or its frame not decoded.
    fn error(&mut self, frame: &FrameInfo<'_>, error: Error) -> io::Result<()>;
    /// Writes what is buffered and closes the output.
    fn finish(self: Box<Self>) -> io::Result<()>;
}

/// How many rows of each kind a run wrote.
#[derive(Default)]
struct Counts {
    uplinks: u64,
    rows: u64,
    errors: u64,
}

fn io_failure(what: &FsPath, e: &io::Error) -> Failure {
    Failure::io(what.display(), e)
}

/// The sink the `--out` argument names.
fn sink(out: Option<&FsPath>) -> Result<Box<dyn Sink>, Failure> {
    let Some(path) = out.filter(|p| p.as_os_str() != "-") else {
        return Ok(Box::new(ndjson::NdjsonSink::new(Box::new(
            io::stdout().lock(),
        ))));
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let file = || std::fs::File::create(path).map_err(|e| io_failure(path, &e));
    match ext.as_deref() {
        Some("csv") => Ok(Box::new(
            table::CsvSink::new(file()?).map_err(|e| io_failure(path, &e))?,
        )),
        Some("parquet") => Ok(Box::new(
            parquet::ParquetSink::new(file()?).map_err(|e| io_failure(path, &e))?,
        )),
        Some("ndjson" | "jsonl" | "json") => Ok(Box::new(ndjson::NdjsonSink::new(Box::new(
            io::BufWriter::with_capacity(1 << 16, file()?),
        )))),
        _ => Err(Failure::codec(
            Error::new(ErrorKind::UnknownFormat, 0),
            format!(
                "{}: --out takes FILE.csv, FILE.parquet, FILE.ndjson or - (NDJSON on stdout)",
                path.display()
            ),
        )),
    }
}

/// Decodes every uplink of the export into rows.
pub fn decode_export<M: Model + ?Sized>(args: &BulkArgs<'_>, model: &M) -> Result<(), Failure> {
    let (input, progress) = progress::open(args.input).map_err(|e| io_failure(args.input, &e))?;
    let mut sink = sink(args.out)?;
    let mut counts = Counts::default();
    let mut failed: Option<io::Error> = None;
    let ports = PortTable::default();
    let read = ExportReader::new(input, args.kind).for_each(|message, frame| {
        if failed.is_some() {
            return;
        }
        progress.tick(frame);
        let written = match &message {
            Message::Other => Ok(()),
            Message::Invalid(e) => {
                counts.errors += 1;
                sink.error(
                    &FrameInfo {
                        frame,
                        uplink: None,
                    },
                    *e,
                )
            }
            Message::Uplink(up) => {
                counts.uplinks += 1;
                let info = FrameInfo {
                    frame,
                    uplink: Some(up),
                };
                match decode_uplink(up, args.fixed.as_ref(), &ports, model, |r| {
                    counts.rows += 1;
                    sink.record(&info, &r)
                }) {
                    Ok(written) => written,
                    Err(e) => {
                        counts.errors += 1;
                        sink.error(&info, e)
                    }
                }
            }
        };
        if let Err(e) = written {
            failed = Some(e);
        }
    });
    progress.finish();
    let out_name = args.out.unwrap_or(FsPath::new("-"));
    if let Some(e) = failed {
        return Err(io_failure(out_name, &e));
    }
    let messages = read.map_err(|e| match e {
        ucifi_exports::ReadError::Io(e) => io_failure(args.input, &e),
        wrong @ ucifi_exports::ReadError::WrongKind { .. } => Failure::codec(
            Error::new(ErrorKind::InvalidJson, 0),
            format!("{}: {wrong}", args.input.display()),
        ),
    })?;
    sink.finish().map_err(|e| io_failure(out_name, &e))?;
    if progress.visible() {
        let _ = writeln!(
            io::stderr(),
            "{messages} messages, {} uplinks: {} record rows, {} error rows",
            counts.uplinks,
            counts.rows,
            counts.errors
        );
    }
    Ok(())
}

/// Decodes one uplink's payload (by its fPort, or `fixed`), handing each record to `row`. The outer error is the
/// codec's (an error row); the inner one the sink's.
fn decode_uplink<M: Model + ?Sized>(
    up: &Uplink<'_>,
    fixed: Option<&Target>,
    ports: &PortTable<'_>,
    model: &M,
    mut row: impl FnMut(Record<'_>) -> io::Result<()>,
) -> Result<io::Result<()>, Error> {
    let bytes = up.payload()?;
    let request = match fixed {
        Some(target) => Request::Format(*target),
        // An fPort beyond 255 is no LoRaWAN port: read as 0, which has no entry (UNKNOWN_PORT).
        None => Request::Port(u8::try_from(up.fport).unwrap_or(0)),
    };
    let target = ports.resolve(request)?;
    let mut written = Ok(());
    target.decode_each(&bytes, model, |r| {
        if written.is_ok() {
            written = row(r);
        }
    })?;
    Ok(written)
}

/// The `--tts` / `--chirpstack` argument pair as a kind and a file.
pub fn export_arg<'a>(
    tts: Option<&'a PathBuf>,
    chirpstack: Option<&'a PathBuf>,
) -> Option<(ExportKind, &'a FsPath)> {
    tts.map(|p| (ExportKind::Tts, p.as_path()))
        .or(chirpstack.map(|p| (ExportKind::Chirpstack, p.as_path())))
}
