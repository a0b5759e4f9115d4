//! Network-server exports: The Things Stack (storage integration NDJSON, webhook / MQTT uplink JSON) and
//! ChirpStack v4 uplink events, parsed in Rust (serde_json, strings borrowed from the input) and decoded in one pass.
//!
//! Input is one JSON array of messages, or a stream of JSON values (NDJSON, or objects one after another). When the
//! stream does not parse, the input is read again line by line, so one bad line costs one error row
//! (`INVALID_JSON`, offset = byte offset in the whole input), not the export. Messages that are not uplinks (a
//! ChirpStack join or status event, a TTS message without `uplink_message`) keep their message number but give no
//! rows. Frame numbers count messages (non-blank lines in NDJSON). An export of the other network server (no
//! uplink of this one, and messages with the other's marks: `deviceInfo` for ChirpStack, `result`, `end_device_ids`
//! or `uplink_message` for TTS) is refused with a `ValueError` that names the right reader, not read as an empty table.
//!
//! | column | TTS (`{"result": ApplicationUp}` or `ApplicationUp`) | ChirpStack (`UplinkEvent`) |
//! |---|---|---|
//! | `device_id` | `end_device_ids.device_id` | `deviceInfo.devEui` (lower case) |
//! | `device_name` | `end_device_ids.device_id` | `deviceInfo.deviceName` |
//! | `dev_eui` (lower case in both) | `end_device_ids.dev_eui` | `deviceInfo.devEui` |
//! | `received_at` | `received_at` (else `uplink_message.received_at`) | `time` |
//! | `fport` | `uplink_message.f_port` (absent = 0, as protobuf JSON omits zeros) | `fPort` (absent = 0) |
//! | `f_cnt` | `uplink_message.f_cnt` (absent = 0) | `fCnt` (absent = 0) |
//! | payload | `uplink_message.frm_payload`, base64 | `data`, base64 |

use std::borrow::Cow;
use std::fmt;
use std::path::PathBuf;

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use serde::de::{Deserialize, Deserializer, Visitor};
use ucifi_codec::{format, Error, ErrorKind};

use crate::arrow::{Bits, Buf, Chunk, ChunkBuilder};
use crate::batch::{frame_index, result_to_py, Decoder, Mode};
use crate::model::{model_or_default, PyModel};
use crate::rows::Dictionary;
use crate::timestamp::parse_rfc3339_ns;

/// A JSON string, borrowed from the input unless it has escapes.
#[derive(Debug, Clone, Default)]
struct Text<'a>(Cow<'a, str>);

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text<'a>, D::Error> {
        struct V<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for V<'a> {
            type Value = Text<'a>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Text<'a>, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
        }
        d.deserialize_str(V(std::marker::PhantomData))
    }
}

#[derive(Debug, Default, serde::Deserialize)]
struct TtsIds<'a> {
    #[serde(borrow, default)]
    device_id: Option<Text<'a>>,
    #[serde(borrow, default)]
    dev_eui: Option<Text<'a>>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct TtsUplink<'a> {
    #[serde(default)]
    f_port: Option<i64>,
    #[serde(default)]
    f_cnt: Option<i64>,
    #[serde(borrow, default)]
    frm_payload: Option<Text<'a>>,
    #[serde(borrow, default)]
    received_at: Option<Text<'a>>,
}

#[derive(Debug, Default, serde::Deserialize)]
struct TtsUp<'a> {
    #[serde(borrow, default)]
    end_device_ids: Option<TtsIds<'a>>,
    #[serde(borrow, default)]
    received_at: Option<Text<'a>>,
    #[serde(borrow, default)]
    uplink_message: Option<TtsUplink<'a>>,
}

/// A TTS message: the storage integration wraps `ApplicationUp` in `{"result": …}`; webhooks and MQTT do not.
#[derive(Debug, serde::Deserialize)]
struct TtsMessage<'a> {
    #[serde(borrow, default)]
    result: Option<TtsUp<'a>>,
    #[serde(borrow, default)]
    end_device_ids: Option<TtsIds<'a>>,
    #[serde(borrow, default)]
    received_at: Option<Text<'a>>,
    #[serde(borrow, default)]
    uplink_message: Option<TtsUplink<'a>>,
    /// Only in ChirpStack events: tells a ChirpStack export given to the TTS reader.
    #[serde(default, rename = "deviceInfo")]
    device_info: Option<serde::de::IgnoredAny>,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct CsDevice<'a> {
    #[serde(borrow, default)]
    dev_eui: Option<Text<'a>>,
    #[serde(borrow, default)]
    device_name: Option<Text<'a>>,
}

/// A ChirpStack v4 event (`application/…/device/…/event/up` JSON).
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct CsMessage<'a> {
    #[serde(borrow, default)]
    time: Option<Text<'a>>,
    #[serde(borrow, default)]
    device_info: Option<CsDevice<'a>>,
    #[serde(default)]
    f_port: Option<i64>,
    #[serde(default)]
    f_cnt: Option<i64>,
    #[serde(borrow, default)]
    data: Option<Text<'a>>,
    /// Only in The Things Stack messages: tell a TTS export given to the ChirpStack reader.
    #[serde(default, rename = "end_device_ids")]
    tts_ids: Option<serde::de::IgnoredAny>,
    #[serde(default, rename = "uplink_message")]
    tts_uplink: Option<serde::de::IgnoredAny>,
    #[serde(default, rename = "result")]
    tts_result: Option<serde::de::IgnoredAny>,
}

/// One message reduced to what the table needs.
#[derive(Debug, Default)]
struct Uplink<'a> {
    device_id: Option<Cow<'a, str>>,
    device_name: Option<Cow<'a, str>>,
    dev_eui: Option<Cow<'a, str>>,
    received_at: Option<Cow<'a, str>>,
    fport: i64,
    f_cnt: i64,
    payload: Option<Cow<'a, str>>,
}

fn text(t: Option<Text<'_>>) -> Option<Cow<'_, str>> {
    t.map(|t| t.0)
}

/// A DevEUI in lower case (TTS writes upper case, ChirpStack lower case: one spelling across readers).
fn eui(t: Option<Text<'_>>) -> Option<Cow<'_, str>> {
    t.map(|t| match t.0 {
        Cow::Borrowed(s) if !s.bytes().any(|c| c.is_ascii_uppercase()) => Cow::Borrowed(s),
        other => Cow::Owned(other.to_ascii_lowercase()),
    })
}

impl<'a> TtsMessage<'a> {
    fn uplink(self) -> Option<Uplink<'a>> {
        let up = self.result.unwrap_or(TtsUp {
            end_device_ids: self.end_device_ids,
            received_at: self.received_at,
            uplink_message: self.uplink_message,
        });
        let msg = up.uplink_message?;
        let ids = up.end_device_ids.unwrap_or_default();
        let device_id = text(ids.device_id);
        Some(Uplink {
            device_name: device_id.clone(),
            device_id,
            dev_eui: eui(ids.dev_eui),
            received_at: text(up.received_at.or(msg.received_at)),
            fport: msg.f_port.unwrap_or(0),
            f_cnt: msg.f_cnt.unwrap_or(0),
            payload: text(msg.frm_payload),
        })
    }
}

impl<'a> CsMessage<'a> {
    fn uplink(self) -> Option<Uplink<'a>> {
        if self.f_port.is_none() && self.data.is_none() && self.f_cnt.is_none() {
            return None;
        }
        let (dev_eui, device_name) = match self.device_info {
            Some(d) => (eui(d.dev_eui), text(d.device_name)),
            None => (None, None),
        };
        Some(Uplink {
            device_id: dev_eui.clone(),
            device_name,
            dev_eui,
            received_at: text(self.time),
            fport: self.f_port.unwrap_or(0),
            f_cnt: self.f_cnt.unwrap_or(0),
            payload: text(self.data),
        })
    }
}

/// The export dialect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// The Things Stack.
    Tts,
    /// ChirpStack v4.
    ChirpStack,
}

/// A message: an uplink, another event (no rows), or JSON that did not parse (an error row).
type Message<'a> = Result<Option<Uplink<'a>>, Error>;

/// Messages of an export, and whether each parsed message had the other dialect's marks.
struct Messages<'a> {
    list: Vec<Message<'a>>,
    foreign: usize,
    parsed: usize,
}

impl<'a> Messages<'a> {
    fn push<T: Envelope<'a>>(&mut self, m: Result<T, Error>) {
        if let Ok(m) = &m {
            self.parsed += 1;
            self.foreign += usize::from(m.foreign());
        }
        self.list.push(m.map(T::uplink));
    }
}

/// A message type of one dialect.
trait Envelope<'a>: Deserialize<'a> {
    /// True if the message has the marks of the other dialect's messages (and is no uplink of this one).
    fn foreign(&self) -> bool;
    /// The uplink it carries, if it is one.
    fn uplink(self) -> Option<Uplink<'a>>;
}

impl<'a> Envelope<'a> for TtsMessage<'a> {
    fn foreign(&self) -> bool {
        self.device_info.is_some() && self.result.is_none() && self.uplink_message.is_none()
    }
    fn uplink(self) -> Option<Uplink<'a>> {
        TtsMessage::uplink(self)
    }
}

impl<'a> Envelope<'a> for CsMessage<'a> {
    fn foreign(&self) -> bool {
        (self.tts_ids.is_some() || self.tts_uplink.is_some() || self.tts_result.is_some())
            && self.device_info.is_none()
    }
    fn uplink(self) -> Option<Uplink<'a>> {
        CsMessage::uplink(self)
    }
}

/// The byte offset of serde_json's 1-based line and column in `text`.
fn byte_offset(text: &[u8], e: &serde_json::Error) -> usize {
    let mut line_start = 0usize;
    for _ in 1..e.line() {
        match text
            .get(line_start..)
            .and_then(|t| t.iter().position(|&c| c == b'\n'))
        {
            Some(nl) => line_start += nl + 1,
            None => return text.len(),
        }
    }
    (line_start + e.column().saturating_sub(1)).min(text.len())
}

fn invalid_json(text: &[u8], base: usize, e: &serde_json::Error) -> Error {
    Error::new(ErrorKind::InvalidJson, base + byte_offset(text, e))
}

/// Every message of an export (see the module docs for the accepted shapes).
fn messages<'a, T: Envelope<'a>>(text: &'a [u8]) -> Messages<'a> {
    let mut out = Messages {
        list: Vec::new(),
        foreign: 0,
        parsed: 0,
    };
    let first = text.iter().position(|c| !c.is_ascii_whitespace());
    if first.and_then(|i| text.get(i)) == Some(&b'[') {
        match serde_json::from_slice::<Vec<T>>(text) {
            Ok(m) => m.into_iter().for_each(|m| out.push(Ok(m))),
            Err(e) => out.push::<T>(Err(invalid_json(text, 0, &e))),
        }
        return out;
    }
    // Stream mode: JSON values one after another (NDJSON is one such stream).
    let stream = serde_json::Deserializer::from_slice(text).into_iter::<T>();
    if let Ok(all) = stream.collect::<Result<Vec<T>, _>>() {
        all.into_iter().for_each(|m| out.push(Ok(m)));
        return out;
    }
    // Line mode: one message per non-blank line, so a bad line costs one error row.
    let mut line_start = 0usize;
    for line in text.split(|&c| c == b'\n') {
        let base = line_start;
        line_start += line.len() + 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        out.push(serde_json::from_slice::<T>(line).map_err(|e| invalid_json(line, base, &e)));
    }
    out
}

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
        let t = up
            .and_then(|u| u.received_at.as_deref())
            .and_then(parse_rfc3339_ns);
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

/// Reads a TTS or ChirpStack export (`text`, or the file at `path`) into Arrow chunks plus frame-level columns.
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
    let dialect = match dialect {
        "tts" => Dialect::Tts,
        "chirpstack" => Dialect::ChirpStack,
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
    let run = move || -> std::io::Result<_> {
        let file;
        let bytes: &[u8] = match (given, &path) {
            (Some(b), _) => b,
            (None, Some(p)) => {
                file = std::fs::read(p)?;
                &file
            }
            (None, None) => &[],
        };
        let msgs = match dialect {
            Dialect::Tts => messages::<TtsMessage<'_>>(bytes),
            Dialect::ChirpStack => messages::<CsMessage<'_>>(bytes),
        };
        let uplinks = msgs
            .list
            .iter()
            .filter(|m| matches!(m, Ok(Some(_))))
            .count();
        if uplinks == 0 && msgs.foreign > 0 {
            return Ok(Err(msgs.foreign));
        }
        let msgs = msgs.list;
        let mut decoder = Decoder::new(mode, model, msgs.len());
        let mut frames = FrameColumns::default();
        for (i, m) in msgs.iter().enumerate() {
            let index = i32::try_from(i).unwrap_or(i32::MAX);
            match m {
                Err(e) => {
                    frames.push(None);
                    decoder.error(index, *e);
                }
                Ok(None) => frames.push(None),
                Ok(Some(up)) => {
                    frames.push(Some(up));
                    match format::decode_base64(up.payload.as_deref().unwrap_or("")) {
                        Ok(bytes) => decoder.frame(index, &bytes, Some(up.fport)),
                        Err(e) => decoder.error(index, e),
                    }
                }
            }
        }
        let n = msgs.len();
        let (chunks, names) = decoder.finish();
        Ok(Ok((chunks, names, frames.finish(n), n)))
    };
    let outcome = py.detach(run).map_err(|e| {
        // OSError(errno, message, filename): Python picks the subclass (FileNotFoundError, …).
        let file = file_name.clone().unwrap_or_default();
        PyOSError::new_err((e.raw_os_error().unwrap_or(0), e.to_string(), file))
    })?;
    let (chunks, names, (frames, [device_ids, device_names, dev_euis]), n) =
        outcome.map_err(|foreign| {
            let (this, other, reader) = match dialect {
                Dialect::Tts => ("The Things Stack", "ChirpStack", "read_chirpstack"),
                Dialect::ChirpStack => ("ChirpStack", "The Things Stack", "read_tts"),
            };
            PyValueError::new_err(format!(
                "not a {this} export: {foreign} message(s) have the shape of {other} events and none is a {this} \
                 uplink; use {reader}()"
            ))
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
