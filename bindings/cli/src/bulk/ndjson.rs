//! NDJSON rows: the uplink's columns, then the record JSON of `ucifi decode` (or `"error"`), one object per line.
//!
//! `{"frame":0,"device_id":"meter-1","dev_eui":"70b3…","device_name":"meter-1","received_at":"2026-…Z","fport":24,
//! "f_cnt":7,"path":"/3424/0/1","name":"Cumulated water volume","unit":"m3","type":"float","value":12.5}`
//! An error row has `"error": {"kind", "offset", "message"}` instead of the record fields; a line of the export
//! that is not JSON has only `frame` and `error`.

use std::io::{self, Write};

use serde::Serialize;
use ucifi_codec::{Error, Record};

use super::{FrameInfo, Sink};

/// NDJSON rows into a writer.
pub struct NdjsonSink {
    out: Box<dyn Write>,
    /// The uplink's fields, serialized once per message (`"frame":…,` up to the record fields).
    prefix: Vec<u8>,
    prefix_frame: Option<u64>,
    scratch: Vec<u8>,
}

#[derive(Serialize)]
struct Uplink<'a> {
    frame: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    device_id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    dev_eui: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    device_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    received_at: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fport: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    f_cnt: Option<i64>,
}

#[derive(Serialize)]
struct ErrorJson {
    kind: &'static str,
    offset: usize,
    message: &'static str,
}

impl NdjsonSink {
    /// Rows into `out` (buffer it: rows are written piecewise).
    pub fn new(out: Box<dyn Write>) -> NdjsonSink {
        NdjsonSink {
            out: Box::new(io::BufWriter::with_capacity(1 << 16, out)),
            prefix: Vec::new(),
            prefix_frame: None,
            scratch: Vec::new(),
        }
    }

    /// Writes `{` and the uplink's fields with a trailing comma.
    fn start_row(&mut self, frame: &FrameInfo<'_>) -> io::Result<()> {
        if self.prefix_frame != Some(frame.frame) {
            let up = frame.uplink;
            let fields = Uplink {
                frame: frame.frame,
                device_id: up.and_then(|u| u.device_id.as_deref()),
                dev_eui: up.and_then(|u| u.dev_eui.as_deref()),
                device_name: up.and_then(|u| u.device_name.as_deref()),
                received_at: up.and_then(|u| u.received_at.as_deref()),
                fport: up.map(|u| u.fport),
                f_cnt: up.map(|u| u.f_cnt),
            };
            self.prefix.clear();
            serde_json::to_writer(&mut self.prefix, &fields)?;
            // `{…}` → `{…,`: the record's fields follow.
            self.prefix.pop();
            self.prefix.push(b',');
            self.prefix_frame = Some(frame.frame);
        }
        self.out.write_all(&self.prefix)
    }
}

impl Sink for NdjsonSink {
    fn record(&mut self, frame: &FrameInfo<'_>, record: &Record<'_>) -> io::Result<()> {
        self.start_row(frame)?;
        self.scratch.clear();
        serde_json::to_writer(&mut self.scratch, record)?;
        // The record object without its `{`: its fields continue the row.
        self.out
            .write_all(self.scratch.get(1..).unwrap_or_default())?;
        self.out.write_all(b"\n")
    }

    fn error(&mut self, frame: &FrameInfo<'_>, error: Error) -> io::Result<()> {
        self.start_row(frame)?;
        self.out.write_all(b"\"error\":")?;
        serde_json::to_writer(
            &mut self.out,
            &ErrorJson {
                kind: error.kind().name(),
                offset: error.offset(),
                message: error.kind().message(),
            },
        )?;
        self.out.write_all(b"}\n")
    }

    fn finish(mut self: Box<Self>) -> io::Result<()> {
        self.out.flush()
    }
}
