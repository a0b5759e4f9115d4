//! Network-server exports read as a stream of uplinks: The Things Stack (storage-integration NDJSON, webhook and
//! MQTT `ApplicationUp` JSON) and ChirpStack v4 uplink events. The CLI's bulk decode and the Python readers both
//! read exports through this crate, so that they agree on every message.
//!
//! Input shapes, read with bounded memory where the shape allows it:
//! - NDJSON (one message per line): read line by line; a line that is not JSON is one [`Message::Invalid`]
//!   (`INVALID_JSON` at its byte offset in the whole input) and the reading goes on;
//! - one JSON array of messages, or JSON values one after another that span lines (pretty-printed): read whole;
//!   a syntax error in an array is one `INVALID_JSON` for the whole input;
//! - gzip (`.gz` files, `gzip -c` on stdin): recognised by its magic bytes and inflated on the fly.
//!
//! Each message is parsed once with the fields of both servers, so a file of the other server is recognised
//! ([`ExportReader::for_each`] fails with [`ReadError::WrongKind`]) instead of giving an empty result.
//! Messages that are not uplinks (joins, status events, a TTS message without `uplink_message`) are
//! [`Message::Other`]: they keep their message number and give no rows.
//!
//! | field | TTS (`{"result": ApplicationUp}` or `ApplicationUp`) | ChirpStack (`UplinkEvent`) |
//! |---|---|---|
//! | `device_id` | `end_device_ids.device_id` | `deviceInfo.devEui` (lower case) |
//! | `dev_eui` | `end_device_ids.dev_eui` (lower case) | `deviceInfo.devEui` (lower case) |
//! | `device_name` | `end_device_ids.device_id` | `deviceInfo.deviceName` |
//! | `received_at` | `received_at` (else `uplink_message.received_at`) | `time` |
//! | `fport` | `uplink_message.f_port` (absent = 0, as protobuf JSON omits zeros) | `fPort` (absent = 0) |
//! | `f_cnt` | `uplink_message.f_cnt` (absent = 0) | `fCnt` (absent = 0) |
//! | payload | `uplink_message.frm_payload`, base64 | `data`, base64 |
//!
//! ```
//! use ucifi_exports::{ExportKind, ExportReader, Message};
//!
//! let export = br#"{"result":{"end_device_ids":{"device_id":"meter-1","dev_eui":"70B3D57ED0000001"},"received_at":"2026-01-01T00:00:00Z","uplink_message":{"f_port":24,"f_cnt":7,"frm_payload":"CAAN"}}}"#;
//! let mut reader = ExportReader::new(&export[..], ExportKind::Tts);
//! reader.for_each(|message, _index| {
//!     if let Message::Uplink(up) = message {
//!         assert_eq!(up.dev_eui.as_deref(), Some("70b3d57ed0000001"));
//!         assert_eq!(up.payload(), Ok(vec![0x08, 0x00, 0x0d]));
//!     }
//! })?;
//! # Ok::<(), ucifi_exports::ReadError>(())
//! ```

#![forbid(unsafe_code)]

mod envelope;
mod reader;
mod timestamp;

use std::borrow::Cow;

use ucifi_codec::Error;

pub use reader::{decompressed, open, ExportReader, ReadError};
pub use timestamp::parse_rfc3339_ns;

/// Which network server wrote the export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// The Things Stack (v3): storage integration, webhooks, MQTT.
    Tts,
    /// ChirpStack v4 uplink events.
    Chirpstack,
}

impl ExportKind {
    /// The name front ends use for it: `"tts"`, `"chirpstack"`.
    pub const fn name(self) -> &'static str {
        match self {
            ExportKind::Tts => "tts",
            ExportKind::Chirpstack => "chirpstack",
        }
    }

    /// The server's name for messages: `"The Things Stack"`, `"ChirpStack"`.
    pub const fn server(self) -> &'static str {
        match self {
            ExportKind::Tts => "The Things Stack",
            ExportKind::Chirpstack => "ChirpStack",
        }
    }
}

/// One uplink of an export: the device, the network-server metadata and the frame (still base64).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Uplink<'a> {
    /// The device's id at the network server (TTS device id; ChirpStack DevEUI).
    pub device_id: Option<Cow<'a, str>>,
    /// The DevEUI, lower-case hex.
    pub dev_eui: Option<Cow<'a, str>>,
    /// The device's display name (TTS: its id; ChirpStack: `deviceName`).
    pub device_name: Option<Cow<'a, str>>,
    /// When the network server received it, RFC 3339 text as the export gives it ([`parse_rfc3339_ns`] reads it).
    pub received_at: Option<Cow<'a, str>>,
    /// The LoRaWAN fPort as exported (0 when absent; not checked against 1–223 here).
    pub fport: i64,
    /// The frame counter as exported (0 when absent).
    pub f_cnt: i64,
    /// The application payload, base64 as exported.
    pub payload: Option<Cow<'a, str>>,
}

impl Uplink<'_> {
    /// The payload's bytes (standard base64, padding optional; an absent payload is empty), read by the core's
    /// [`ucifi_codec::format::decode_base64`]: `INVALID_BASE64` at the first bad character.
    pub fn payload(&self) -> Result<Vec<u8>, Error> {
        ucifi_codec::format::decode_base64(self.payload.as_deref().unwrap_or(""))
    }

    /// The reception time in nanoseconds since the Unix epoch, if present and RFC 3339.
    pub fn received_at_ns(&self) -> Option<i64> {
        self.received_at.as_deref().and_then(parse_rfc3339_ns)
    }
}

/// One message of an export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message<'a> {
    /// An uplink.
    Uplink(Uplink<'a>),
    /// Another event (a join, a status event, a TTS message without `uplink_message`): no rows.
    Other,
    /// Not JSON (or not a JSON object of the export's shape): `INVALID_JSON` at the byte offset in the input.
    Invalid(Error),
}
