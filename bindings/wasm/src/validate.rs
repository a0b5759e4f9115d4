//! `validate`: the core's conformance report of a device's frames; `dataRates`: which LoRaWAN data rates carry a
//! payload of a given size, per region (for the playground's re-encode view).

use base64::Engine as _;
use js_sys::Array;
use serde::Serialize;
use ucifi_codec::lorawan::region::{max_payload, Direction, Region};
use ucifi_codec::validate::{validate as check, Source};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::api::request_from_options;
use crate::convert::{bool_prop, bytes_from_js, prop, str_prop};
use crate::errors::{codec_error, type_error};
use crate::state::{ddf_documents, with_model, with_ports};
use ucifi_codec::lorawan::port::Request;

/// The frame's source: its own `fPort` / `format` + `path`, else the options'. A port the fPort table knows is
/// read as its entry says; one it does not is left to the core, whose finding is then `UNKNOWN_PORT`.
fn source(frame: &JsValue, options: &JsValue) -> Result<Source, JsValue> {
    let own = prop(frame, "fPort").is_some() || prop(frame, "format").is_some();
    let request = request_from_options(if own { frame } else { options })?;
    Ok(match with_ports(|t| t.resolve(request)) {
        Ok(target) => Source::Format(target.format, target.path),
        Err(_) => match request {
            Request::Port(p) => Source::Port(p),
            Request::Format(t) => Source::Format(t.format, t.path),
        },
    })
}

/// The bytes of one element of a frame list: `{bytes | hex | base64 | text, …}`.
fn frame_bytes(frame: &JsValue) -> Result<Vec<u8>, JsValue> {
    if let Some(b) = prop(frame, "bytes") {
        return bytes_from_js(&b, "bytes");
    }
    if let Some(h) = str_prop(frame, "hex")? {
        return ucifi_codec::format::decode_hex(&h).map_err(codec_error);
    }
    if let Some(b) = str_prop(frame, "base64")? {
        return base64::engine::general_purpose::STANDARD
            .decode(b.trim())
            .map_err(|e| type_error(&format!("base64: {e}")));
    }
    if let Some(t) = str_prop(frame, "text")? {
        return Ok(t.into_bytes());
    }
    Err(type_error(
        "a frame object needs bytes, hex, base64 or text",
    ))
}

/// The conformance report of one device's frames (the same JSON as `ucifi validate` prints per device).
///
/// `frames`: one frame (`Uint8Array`, byte array or hex text), or an array of frame objects
/// `{bytes | hex | base64 | text, fPort? | format? + path?}`. `options`: `{fPort} | {format, path?}` for frames that
/// name none, `device?` (a name for the report), `ddf?`, `text?` (`true`: the report as text for people).
///
/// # Errors
/// A JS `Error` with `code` and `offset` for unreadable input (`INVALID_HEX`, `INVALID_PATH`, `UNKNOWN_FORMAT`,
/// `INVALID_DDF`); a `TypeError` for arguments of the wrong type. Frames that do not decode are findings, not errors.
#[wasm_bindgen]
pub fn validate(frames: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let ddf = ddf_documents(&prop(&options, "ddf").unwrap_or(JsValue::UNDEFINED))?;
    let list: Vec<(Vec<u8>, Source)> = match frames.dyn_ref::<Array>() {
        // An empty list is no frames (a report of 0 frames), not an empty frame.
        Some(a) if a.iter().all(|f| f.is_object()) => a
            .iter()
            .map(|f| Ok((frame_bytes(&f)?, source(&f, &options)?)))
            .collect::<Result<_, JsValue>>()?,
        _ => vec![(
            bytes_from_js(&frames, "frames")?,
            source(&JsValue::UNDEFINED, &options)?,
        )],
    };
    let device = str_prop(&options, "device")?;
    let text = bool_prop(&options, "text")?;
    with_model(&ddf, |model| {
        let mut report = check(model, list.iter().map(|(b, s)| (&b[..], *s)));
        report.device = device;
        if text {
            return Ok(JsValue::from_str(&report.to_text()));
        }
        report
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| type_error(&e.to_string()))
    })
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RegionRates {
    region: &'static str,
    /// Every uplink data rate of the region with its largest payload.
    data_rates: Vec<Rate>,
    /// The data rates whose payload holds `size` bytes.
    carrying: Vec<u8>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rate {
    data_rate: u8,
    max_payload: usize,
}

/// Which uplink data rates carry `size` bytes of FRMPayload, per region (RP002-1.0.4 tables of the core).
///
/// `options`: `dwell?` (dwell time on, AS923-x and AU915), `repeater?` (cap at 222 bytes). Returns
/// `[{region, dataRates: [{dataRate, maxPayload}], carrying: [dataRate…]}]` in the core's region order.
#[wasm_bindgen(js_name = dataRates)]
pub fn data_rates(size: u32, options: JsValue) -> Result<JsValue, JsValue> {
    let dwell = bool_prop(&options, "dwell")?;
    let repeater = bool_prop(&options, "repeater")?;
    let regions: Vec<RegionRates> = Region::ALL
        .iter()
        .map(|&region| {
            let data_rates: Vec<Rate> = (0..region.data_rate_count())
                .filter_map(|dr| {
                    max_payload(region, dr, Direction::Uplink, dwell, repeater).map(|n| Rate {
                        data_rate: dr,
                        max_payload: n,
                    })
                })
                .collect();
            let carrying = data_rates
                .iter()
                .filter(|r| r.max_payload >= size as usize)
                .map(|r| r.data_rate)
                .collect();
            RegionRates {
                region: region.name(),
                data_rates,
                carrying,
            }
        })
        .collect();
    regions
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| type_error(&e.to_string()))
}
