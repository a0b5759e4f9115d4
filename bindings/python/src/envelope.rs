//! Network-server exports into Arrow: The Things Stack (storage-integration NDJSON, webhook / MQTT uplink JSON) and
//! ChirpStack v4 uplink events.
//!
//! The messages come from `ucifi-exports`, the reader the CLI's bulk decode uses too (its crate docs list the
//! accepted shapes and where each column comes from): NDJSON line by line, so a bad line costs one error row
//! (`INVALID_JSON`, offset = byte offset in the whole input); arrays and multi-line values whole; gzip by its magic
//! bytes; an export of the other network server refused (here with a `ValueError` naming the right reader) instead of
//! read as an empty table. Messages that are not uplinks (joins, status events) keep their message number and give no
//! rows. Each uplink's frame is decoded here into the rows of the batch decoder, and the uplink's metadata into the
//! frame-level columns `device_id`, `device_name`, `dev_eui` (lower case), `received_at`, `fport`, `f_cnt`.

use std::io::BufRead;
use std::path::PathBuf;

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use ucifi_exports::{ExportKind, ExportReader, Message, ReadError, Uplink};

use crate::arrow::{Bits, Buf, Chunk, ChunkBuilder};
use crate::batch::{frame_index, result_to_py, Decoder, Mode};
use crate::model::{model_or_default, PyModel};
use crate::rows::Dictionary;

/// Frame-level columns (one entry per message); Python spreads them over the rows by frame number.
#[derive(Default)]
struct FrameColumns {
    device_ids: Dictionary,
    device_names: Dictionary,
    dev_euis: Dictionary,
    device: (Vec<i32>, Bits),
    name: (Vec<i32>, Bits),
    eui: (Vec<i32>, Bits),
    received: (Vec<i64>, Bits),
    fport: (Vec<u8>, Bits),
    f_cnt: (Vec<u32>, Bits),
}

impl FrameColumns {
    fn push(&mut self, up: Option<&Uplink<'_>>) {
        let dict = |d: &mut Dictionary, col: &mut (Vec<i32>, Bits), v: Option<&str>| {
            let i = v.map_or(-1, |s| d.index(s));
            col.0.push(i.max(0));
            col.1.push(i >= 0);
        };
        dict(
            &mut self.device_ids,
            &mut self.device,
            up.and_then(|u| u.device_id.as_deref()),
        );
        dict(
            &mut self.device_names,
            &mut self.name,
            up.and_then(|u| u.device_name.as_deref()),
        );
        dict(
            &mut self.dev_euis,
            &mut self.eui,
            up.and_then(|u| u.dev_eui.as_deref()),
        );
        let t = up.and_then(Uplink::received_at_ns);
        self.received.0.push(t.unwrap_or(0));
        self.received.1.push(t.is_some());
        let p = up.and_then(|u| u8::try_from(u.fport).ok());
        self.fport.0.push(p.unwrap_or(0));
        self.fport.1.push(p.is_some());
        let c = up.and_then(|u| u32::try_from(u.f_cnt).ok());
        self.f_cnt.0.push(c.unwrap_or(0));
        self.f_cnt.1.push(c.is_some());
    }

    fn finish(self, n: usize) -> (Chunk, [Vec<String>; 3]) {
        let mut b = ChunkBuilder::default();
        let valid = b.validity(self.device.1);
        let buf = b.buffer(Buf::I32(self.device.0));
        b.column("device_id", "dict32:device_id", valid, &[buf]);
        let valid = b.validity(self.name.1);
        let buf = b.buffer(Buf::I32(self.name.0));
        b.column("device_name", "dict32:device_name", valid, &[buf]);
        let valid = b.validity(self.eui.1);
        let buf = b.buffer(Buf::I32(self.eui.0));
        b.column("dev_eui", "dict32:dev_eui", valid, &[buf]);
        let valid = b.validity(self.received.1);
        let buf = b.buffer(Buf::I64(self.received.0));
        b.column("received_at", "timestamp_ns_utc", valid, &[buf]);
        let valid = b.validity(self.fport.1);
        let buf = b.buffer(Buf::U8(self.fport.0));
        b.column("fport", "uint8", valid, &[buf]);
        let valid = b.validity(self.f_cnt.1);
        let buf = b.buffer(Buf::U32(self.f_cnt.0));
        b.column("f_cnt", "uint32", valid, &[buf]);
        (
            b.finish(n),
            [
                self.device_ids.values().to_vec(),
                self.device_names.values().to_vec(),
                self.dev_euis.values().to_vec(),
            ],
        )
    }
}

/// Reads a TTS or ChirpStack export (`text`, or the file at `path`; either may be gzip) into Arrow chunks plus
/// frame-level columns.
#[pyfunction]
#[pyo3(signature = (dialect, text = None, path = None, format = None, frame_path = None, ports = None, model = None))]
#[allow(clippy::too_many_arguments)]
pub fn read_export_raw<'py>(
    py: Python<'py>,
    dialect: &str,
    text: Option<&Bound<'py, PyBytes>>,
    path: Option<PathBuf>,
    format: Option<&str>,
    frame_path: Option<&str>,
    ports: Option<&Bound<'py, PyAny>>,
    model: Option<PyRef<'py, PyModel>>,
) -> PyResult<Bound<'py, PyDict>> {
    let kind = match dialect {
        "tts" => ExportKind::Tts,
        "chirpstack" => ExportKind::Chirpstack,
        other => {
            return Err(PyValueError::new_err(format!(
                "unknown export dialect {other}"
            )))
        }
    };
    let mode = Mode::new(format, frame_path, ports)?;
    let model = model_or_default(model.as_ref());
    let given: Option<&[u8]> = text.map(|t| t.as_bytes());
    let file_name = path.as_ref().map(|p| p.display().to_string());
    let run = move || -> Result<_, ReadError> {
        let input: Box<dyn BufRead> = match (given, &path) {
            (Some(b), _) => ucifi_exports::decompressed(b)?,
            (None, Some(p)) => ucifi_exports::open(p)?,
            (None, None) => Box::new(&[][..]),
        };
        // A guess of the message count (lines of the text), for the decoder's row reservations.
        let estimate = given.map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count() + 1);
        let mut decoder = Decoder::new(mode, &model, estimate);
        let mut frames = FrameColumns::default();
        let n = ExportReader::new(input, kind).for_each(|message, i| {
            let index = i32::try_from(i).unwrap_or(i32::MAX);
            match message {
                Message::Invalid(e) => {
                    frames.push(None);
                    decoder.error(index, e);
                }
                Message::Other => frames.push(None),
                Message::Uplink(up) => {
                    frames.push(Some(&up));
                    match up.payload() {
                        Ok(bytes) => decoder.frame(index, &bytes, Some(up.fport)),
                        Err(e) => decoder.error(index, e),
                    }
                }
            }
        })?;
        let n = usize::try_from(n).unwrap_or(usize::MAX);
        let (chunks, names) = decoder.finish();
        Ok((chunks, names, frames.finish(n), n))
    };
    let (chunks, names, (frames, [device_ids, device_names, dev_euis]), n) =
        py.detach(run).map_err(|e| match e {
            // OSError(errno, message, filename): Python picks the subclass (FileNotFoundError, …).
            ReadError::Io(e) => {
                let file = file_name.clone().unwrap_or_default();
                PyOSError::new_err((e.raw_os_error().unwrap_or(0), e.to_string(), file))
            }
            ReadError::WrongKind { found, message, .. } => {
                let reader = match found {
                    ExportKind::Tts => "read_tts",
                    ExportKind::Chirpstack => "read_chirpstack",
                };
                PyValueError::new_err(format!(
                    "not a {} export: message {message} has the shape of a {} message; use {reader}()",
                    kind.server(),
                    found.server()
                ))
            }
        })?;
    frame_index(n)?;
    result_to_py(
        py,
        chunks,
        &names,
        Some(frames),
        &[
            ("device_id", &device_ids),
            ("device_name", &device_names),
            ("dev_eui", &dev_euis),
        ],
    )
}
