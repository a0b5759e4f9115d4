//! One message of an export, parsed with the fields of both network servers and reduced to an [`Uplink`].
//!
//! Strings borrow from the input unless they hold JSON escapes. Fields the reduction does not use (radio metadata,
//! decoded payloads, ids of gateways…) are skipped by the parser without being built.

use std::borrow::Cow;
use std::fmt;

use serde::de::{Deserialize, Deserializer, Visitor};

use crate::{ExportKind, Uplink};

/// A JSON string, borrowed from the input unless it has escapes.
#[derive(Debug, Clone, Default)]
pub(crate) struct Text<'a>(pub(crate) Cow<'a, str>);

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

fn text(t: Option<Text<'_>>) -> Option<Cow<'_, str>> {
    t.map(|t| t.0)
}

/// A DevEUI in lower case, the form both servers' APIs accept (TTS writes it in upper case, ChirpStack in lower).
fn eui(t: Option<Text<'_>>) -> Option<Cow<'_, str>> {
    t.map(|Text(s)| {
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(s.to_ascii_lowercase())
        } else {
            s
        }
    })
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

/// The Things Stack's `ApplicationUp` (webhooks and MQTT send it bare; the storage integration wraps it in
/// `{"result": …}`).
#[derive(Debug, Default, serde::Deserialize)]
struct TtsUp<'a> {
    #[serde(borrow, default)]
    end_device_ids: Option<TtsIds<'a>>,
    #[serde(borrow, default)]
    received_at: Option<Text<'a>>,
    #[serde(borrow, default)]
    uplink_message: Option<TtsUplink<'a>>,
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct CsDevice<'a> {
    #[serde(borrow, default)]
    dev_eui: Option<Text<'a>>,
    #[serde(borrow, default)]
    device_name: Option<Text<'a>>,
}

/// Any message of either server: the fields of a TTS `ApplicationUp` (bare or wrapped) and of a ChirpStack v4
/// uplink event (`application/…/device/…/event/up`), so that one parse tells which server wrote it.
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Envelope<'a> {
    #[serde(borrow, default)]
    result: Option<TtsUp<'a>>,
    #[serde(borrow, default, rename = "end_device_ids")]
    end_device_ids: Option<TtsIds<'a>>,
    #[serde(borrow, default, rename = "received_at")]
    received_at: Option<Text<'a>>,
    #[serde(borrow, default, rename = "uplink_message")]
    uplink_message: Option<TtsUplink<'a>>,
    #[serde(borrow, default)]
    device_info: Option<CsDevice<'a>>,
    #[serde(borrow, default)]
    time: Option<Text<'a>>,
    #[serde(default)]
    f_port: Option<i64>,
    #[serde(default)]
    f_cnt: Option<i64>,
    #[serde(borrow, default)]
    data: Option<Text<'a>>,
}

impl<'a> Envelope<'a> {
    /// The server whose shape the message has, if it has either's.
    pub(crate) fn kind(&self) -> Option<ExportKind> {
        if self.result.is_some() || self.end_device_ids.is_some() || self.uplink_message.is_some() {
            Some(ExportKind::Tts)
        } else if self.device_info.is_some() || self.f_port.is_some() || self.data.is_some() {
            Some(ExportKind::Chirpstack)
        } else {
            None
        }
    }

    /// The uplink the message carries, read as `kind`; `None` for other events (joins, status, a TTS message
    /// without `uplink_message`).
    pub(crate) fn uplink(self, kind: ExportKind) -> Option<Uplink<'a>> {
        match kind {
            ExportKind::Tts => {
                let up = self.result.unwrap_or(TtsUp {
                    end_device_ids: self.end_device_ids,
                    received_at: self.received_at,
                    uplink_message: self.uplink_message,
                });
                let msg = up.uplink_message?;
                let ids = up.end_device_ids.unwrap_or_default();
                let device_id = text(ids.device_id);
                Some(Uplink {
                    // TTS names a device by its id; there is no other display name in an uplink.
                    device_name: device_id.clone(),
                    device_id,
                    dev_eui: eui(ids.dev_eui),
                    received_at: text(up.received_at.or(msg.received_at)),
                    fport: msg.f_port.unwrap_or(0),
                    f_cnt: msg.f_cnt.unwrap_or(0),
                    payload: text(msg.frm_payload),
                })
            }
            ExportKind::Chirpstack => {
                if self.f_port.is_none() && self.data.is_none() && self.f_cnt.is_none() {
                    return None;
                }
                let device = self.device_info.unwrap_or_default();
                let dev_eui = eui(device.dev_eui);
                Some(Uplink {
                    device_id: dev_eui.clone(),
                    dev_eui,
                    device_name: text(device.device_name),
                    received_at: text(self.time),
                    fport: self.f_port.unwrap_or(0),
                    f_cnt: self.f_cnt.unwrap_or(0),
                    payload: text(self.data),
                })
            }
        }
    }
}
