//! The LoRa Alliance TS013 payload-codec entry points: `decodeUplink`, `encodeDownlink`, `decodeDownlink`.
//!
//! They never throw: failures are strings in `errors` (`"UNEXPECTED_END at offset 23: …"`), and resources the model
//! does not know are `warnings`. The fPort picks format and request path through the fPort table (see `ports()`).
//!
//! The `data` layout (README.md, "TS013 data"): object name → instance id → resource name → value, a multiple
//! resource as an object keyed by resource-instance id, a resource that occurs more than once (a SenML time series)
//! as an array in frame order. Keys are the model's names; an id is used instead where the model does not know the
//! object or resource, or where its name is not unique in the model (or is all digits, or a reserved key).
//! Reserved top-level keys, present only when they have entries: `units` (object → resource → unit), `types`
//! (object → resource → type name, for resources the model does not know) and `time` (the value tree's shape,
//! holding each record's time in seconds). Values are those of the record JSON, except that integers beyond 2^53 − 1
//! are decimal strings (so `JSON.stringify` of a result never throws; `encodeDownlink` reads them back), not `BigInt`.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use js_sys::{Array, Object};
use ucifi_codec::json::{RecordInput, Scalar};
use ucifi_codec::registry::DdfModel;
use ucifi_codec::{Error, ErrorKind, Model, OwnedRecord, Path, Record};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::api::{encode_records, resolve};
use crate::args;
use crate::batch::{text_id, with_batch, RecordBatch, KEY_REPEATED, KEY_TIMED};
use crate::convert::{
    bytes_from_js, int_prop, object, prop, prop_dyn, scalar_from_js, set, AddressHasher,
};
use crate::errors::{codec_error, codec_error_with, quoted, to_line, type_error};
use crate::state::{self, with_model, with_ports};
use ucifi_codec::lorawan::port::{Request, Target};

/// Top-level keys of `data` that are not objects.
const RESERVED: [&str; 3] = ["units", "types", "time"];

/// TS013 `decodeUplink({bytes, fPort, recvTime?})` → `{data, warnings, errors}`.
///
/// `bytes`: an array of byte values or a `Uint8Array`. `recvTime` (a `Date`, or milliseconds since the epoch)
/// turns relative SenML times (below 2^28 s) into absolute ones.
#[wasm_bindgen(js_name = decodeUplink)]
pub fn decode_uplink(input: JsValue) -> JsValue {
    decode_ts013(&input, true)
}

/// TS013 `decodeDownlink({bytes, fPort})` → `{data, warnings, errors}`: the mirror of `encodeDownlink`.
#[wasm_bindgen(js_name = decodeDownlink)]
pub fn decode_downlink(input: JsValue) -> JsValue {
    decode_ts013(&input, false)
}

/// TS013 `encodeDownlink({data, fPort?})` → `{bytes, fPort, warnings, errors}`.
///
/// `data` has the layout `decodeUplink` gives; records are written in ascending path order. Without `fPort`, the
/// first entry of the fPort table that can carry every record (by its base path) and encodes them is used.
/// `bytes` is an array of byte values.
#[wasm_bindgen(js_name = encodeDownlink)]
pub fn encode_downlink(input: JsValue) -> JsValue {
    let warnings = Array::new();
    let out = object();
    match encode_ts013(&input, &warnings) {
        Ok((bytes, fport)) => {
            let list: Array = bytes.iter().map(|&b| JsValue::from(b)).collect();
            set(&out, "bytes", &list);
            set(&out, "fPort", &fport.into());
            set(&out, "errors", &Array::new());
        }
        Err(e) => set(&out, "errors", &Array::of1(&to_line(&e).into())),
    }
    set(&out, "warnings", &warnings);
    out.into()
}

fn decode_ts013(input: &JsValue, uplink: bool) -> JsValue {
    decode_data(input, uplink).unwrap_or_else(|e| {
        let out = object();
        set(&out, "errors", &Array::of1(&to_line(&e).into()));
        set(&out, "warnings", &Array::new());
        out.into()
    })
}

/// The whole TS013 result of a frame that decodes, built in JS; the error of one that does not.
fn decode_data(input: &JsValue, uplink: bool) -> Result<JsValue, JsValue> {
    if !input.is_object() {
        return Err(type_error("input: expected {bytes, fPort}"));
    }
    let bytes = bytes_from_js(
        &prop(input, "bytes").unwrap_or(JsValue::UNDEFINED),
        "input.bytes",
    )?;
    let fport = int_prop(input, "fPort", 0, 255)?
        .ok_or_else(|| type_error("input.fPort: expected an integer in 0..255"))?;
    let received = if uplink { recv_seconds(input)? } else { None };
    frame_data(&bytes, fport as u8, received)
}

/// The TS013 result of one frame on `fport` (`received`: the receive time in seconds).
fn frame_data(bytes: &[u8], fport: u8, received: Option<f64>) -> Result<JsValue, JsValue> {
    with_batch(|batch| {
        frame_batch(bytes, fport, batch)?;
        Ok(batch.finish_data(received))
    })
}

/// The quick path of `decodeUplink` / `decodeDownlink` on the frame the JS half copied in (`len` bytes) on
/// `fport`: 0 when the table is ready (its place and that of its keys in the header), 1 when the frame does not
/// decode (the error line for `__takeError`), 2 for a length beyond the buffer.
#[wasm_bindgen(js_name = __uplinkQuick, skip_typescript)]
pub fn uplink_quick(len: u32, fport: u32) -> u32 {
    args::run_quick(len, |frame| {
        frame_table(frame, fport as u8).map_err(|e| JsValue::from(to_line(&e)))
    })
}

/// The TS013 table of one frame on `fport`, left in memory for the JS half (`args.rs`): the place of the table, of
/// its string values and of its keys, and the number of its `data` shape.
pub(crate) fn frame_table(bytes: &[u8], fport: u8) -> Result<[u32; 5], JsValue> {
    with_batch(|batch| {
        frame_batch(bytes, fport, batch)?;
        let (at, len, blob) = batch.finish_quick();
        Ok([at, len, blob, batch.keys_at(), batch.shape()])
    })
}

/// Fills `batch` with the records of one frame on `fport`, the ids of their data keys and their flags beside.
fn frame_batch(bytes: &[u8], fport: u8, batch: &mut RecordBatch) -> Result<(), JsValue> {
    // The port of the frame before, resolved under the same fPort table, is usually this one.
    let ports = args::ports_generation();
    let target = match PORT.with(Cell::get) {
        Some((p, g, t)) if p == fport && g == ports => t,
        _ => {
            let t = resolve(Request::Port(fport))?;
            PORT.with(|c| c.set(Some((fport, ports, t))));
            t
        }
    };
    with_model(&[], |model| {
        let generation = state::generation();
        target
            .decode_each(bytes, model, |r| {
                let (oid, rid) = (r.path.object(), r.path.resource().unwrap_or(0));
                let (okey, rkey) =
                    batch.key_memo(oid, rid, generation, || key_ids(model, oid, rid));
                let timed = if r.time.is_some() { KEY_TIMED } else { 0.0 };
                batch.keys.push([okey, rkey, timed]);
                batch.paths.push(r.path);
                batch.push(&r);
            })
            .map_err(codec_error)?;
        let RecordBatch { paths, keys, .. } = batch;
        series_flags(paths, keys.as_flattened_mut());
        Ok(())
    })
}

/// Marks the records whose path came earlier in the frame ([`KEY_REPEATED`]: their values join a series), and
/// every record of a path that has a time in some record ([`KEY_TIMED`]: the `time` tree holds it, `null` where a
/// record has none). `keys` holds three numbers per record, the flags last, with `KEY_TIMED` set where the record
/// itself has a time.
fn series_flags(paths: &[Path], keys: &mut [f64]) {
    // Records in strictly ascending path order (the usual frame) cannot repeat a path.
    if paths.windows(2).all(|w| matches!(w, [a, b] if a < b)) {
        return;
    }
    // Sorted by (path, place): the records of one path side by side, in frame order.
    let mut order: Vec<(Path, usize)> = paths.iter().copied().zip(0..).collect();
    crate::order::heapsort(&mut order);
    for run in order.chunk_by(|a, b| a.0 == b.0) {
        let flag = |i: usize| keys.get(i * 3 + 2).copied().unwrap_or(0.0);
        // A path's time series is as long as its value series: every record of a timed path is timed.
        let timed = if run.iter().any(|&(_, i)| flag(i) == KEY_TIMED) {
            KEY_TIMED
        } else {
            0.0
        };
        for (n, &(_, i)) in run.iter().enumerate() {
            if let Some(f) = keys.get_mut(i * 3 + 2) {
                *f = if n == 0 { timed } else { KEY_REPEATED + timed };
            }
        }
    }
}

/// `recvTime` in seconds since the epoch: a `Date` or a number of milliseconds.
fn recv_seconds(input: &JsValue) -> Result<Option<f64>, JsValue> {
    let Some(t) = prop(input, "recvTime") else {
        return Ok(None);
    };
    let ms = match t.dyn_ref::<js_sys::Date>() {
        Some(d) => d.get_time(),
        None => t
            .as_f64()
            .ok_or_else(|| type_error("input.recvTime: expected a Date"))?,
    };
    if ms.is_finite() {
        Ok(Some(ms / 1000.0))
    } else {
        Err(type_error("input.recvTime: invalid date"))
    }
}

/// The `data` key of an object: its name when the model knows it and the name is unique and usable, else its id.
fn object_key(model: &DdfModel, id: u16) -> String {
    match model.object(id) {
        Some(def)
            if usable(def.name)
                && !RESERVED.contains(&def.name)
                && model.objects().filter(|o| o.name == def.name).count() == 1 =>
        {
            def.name.to_string()
        }
        _ => id.to_string(),
    }
}

/// The `data` key of a resource: its name when the model knows it and the name is unique in the object, else its id.
fn resource_key(model: &DdfModel, object: u16, id: u16) -> String {
    let def = model.object(object);
    match def.and_then(|o| o.resource(id)) {
        Some(r)
            if usable(r.name)
                && def.is_some_and(|o| {
                    o.resources.iter().filter(|x| x.name == r.name).count() == 1
                }) =>
        {
            r.name.to_string()
        }
        _ => id.to_string(),
    }
}

/// A name can be a key if it cannot be mistaken for an id.
fn usable(name: &str) -> bool {
    !name.is_empty() && !name.bytes().all(|b| b.is_ascii_digit())
}

thread_local! {
    /// The last fPort resolved, the fPort-table generation it was resolved under, and its target.
    static PORT: Cell<Option<(u8, u64, Target)>> = const { Cell::new(None) };
    /// The ids (in the record builder's string table) of the `data` keys of objects and of (object, resource)
    /// pairs, for the model of [`state::generation`].
    static KEYS: RefCell<Keys> = RefCell::new(Keys::default());
}

#[derive(Default)]
struct Keys {
    generation: u64,
    /// By `(object id, 0)` and `(object id << 16 | resource id, 1)`: one map type with the record builder's path
    /// texts (each map type is its own copy of the hash table code in the module).
    ids: HashMap<(u64, usize), f64, BuildHasherDefault<AddressHasher>>,
}

/// The key ids of an object and of one of its resources (worked out once per model: the model scans are not
/// cheap).
fn key_ids(model: &DdfModel, oid: u16, rid: u16) -> (f64, f64) {
    KEYS.with(|k| {
        let mut k = k.borrow_mut();
        let generation = state::generation();
        if k.generation != generation {
            *k = Keys {
                generation,
                ..Keys::default()
            };
        }
        let okey = *k
            .ids
            .entry((u64::from(oid), 0))
            .or_insert_with(|| text_id(&object_key(model, oid)));
        let rkey = *k
            .ids
            .entry((u64::from(oid) << 16 | u64::from(rid), 1))
            .or_insert_with(|| text_id(&resource_key(model, oid, rid)));
        (okey, rkey)
    })
}

/// `[key, value]` pairs of a plain object, in JS key order.
fn entries(obj: &JsValue, what: &str) -> Result<Vec<(String, JsValue)>, JsValue> {
    let plain = obj.is_object() && !Array::is_array(obj);
    if !plain {
        return Err(type_error(&format!("{what}: expected an object")));
    }
    Ok(Object::entries(obj.unchecked_ref::<Object>())
        .iter()
        .map(|pair| {
            let pair: Array = pair.unchecked_into();
            (pair.get(0).as_string().unwrap_or_default(), pair.get(1))
        })
        .collect())
}

/// An id key: decimal digits in 0..=65535.
fn id_of(key: &str) -> Option<u16> {
    if usable(key) {
        None
    } else {
        key.parse().ok()
    }
}

fn bad_key(what: &str, key: &str) -> JsValue {
    let e = Error::new(ErrorKind::InvalidPath, 0);
    codec_error_with(e, &format!("{e} (data key {}: {what})", quoted(key)))
}

/// Records from a TS013 `data` object, in ascending path order.
fn from_data(
    data: &JsValue,
    model: &DdfModel,
    warnings: &Array,
) -> Result<Vec<OwnedRecord>, JsValue> {
    let types = prop(data, "types");
    let times = prop(data, "time");
    let mut inputs: Vec<RecordInput> = Vec::new();
    for (okey, instances) in entries(data, "data")? {
        if RESERVED.contains(&okey.as_str()) {
            continue;
        }
        let oid = match id_of(&okey) {
            Some(id) => id,
            None => model
                .objects()
                .find(|o| o.name == okey)
                .map(|o| o.id)
                .ok_or_else(|| bad_key("no object of that name in the model", &okey))?,
        };
        for (ikey, resources) in entries(&instances, &format!("data[{}]", quoted(&okey)))? {
            let iid = id_of(&ikey).ok_or_else(|| bad_key("expected an instance id", &ikey))?;
            for (rkey, value) in entries(
                &resources,
                &format!("data[{}][{}]", quoted(&okey), quoted(&ikey)),
            )? {
                let def = model.object(oid);
                let rid = match id_of(&rkey) {
                    Some(id) => id,
                    None => def
                        .and_then(|o| o.resources.iter().find(|r| r.name == rkey))
                        .map(|r| r.id)
                        .ok_or_else(|| bad_key("no resource of that name in the object", &rkey))?,
                };
                let known = model.resource(oid, rid).is_some();
                let data_type = if known {
                    None
                } else {
                    let given = types
                        .as_ref()
                        .and_then(|t| prop_dyn(t, &okey))
                        .and_then(|t| prop_dyn(&t, &rkey))
                        .and_then(|t| t.as_string());
                    let name = given.unwrap_or_else(|| inferred_type(&value).to_string());
                    warnings.push(&JsValue::from_str(&format!(
                        "/{oid}/{iid}/{rid}: resource not in the model; encoded as {name}"
                    )));
                    Some(name)
                };
                let time_of = |ri: Option<&str>| {
                    let t = times
                        .as_ref()
                        .and_then(|t| prop_dyn(t, &okey))
                        .and_then(|t| prop_dyn(&t, &ikey))
                        .and_then(|t| prop_dyn(&t, &rkey));
                    match ri {
                        Some(ri) => t.and_then(|t| prop_dyn(&t, ri)),
                        None => t,
                    }
                };
                let plain = value.is_object()
                    && !Array::is_array(&value)
                    && value.dyn_ref::<js_sys::Uint8Array>().is_none();
                if plain {
                    for (xkey, v) in entries(&value, "resource instances")? {
                        let ri = id_of(&xkey)
                            .ok_or_else(|| bad_key("expected a resource-instance id", &xkey))?;
                        let path = format!("/{oid}/{iid}/{rid}/{ri}");
                        leaves(&mut inputs, &path, &data_type, &v, time_of(Some(&xkey)))?;
                    }
                } else {
                    let path = format!("/{oid}/{iid}/{rid}");
                    leaves(&mut inputs, &path, &data_type, &value, time_of(None))?;
                }
            }
        }
    }
    let owned = inputs
        .iter()
        .enumerate()
        .map(|(i, input)| {
            input
                .resolve(model, i)
                .or_else(|e| decimal_integer(input).map_or(Err(e), |x| x.resolve(model, i)))
                .map_err(|e| codec_error_with(e, &format!("{e} ({})", input.path)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(crate::order::by_path(owned))
}

/// A value given as a decimal string (how `decodeUplink` writes integers beyond 2^53) as an integer input.
fn decimal_integer(input: &RecordInput) -> Option<RecordInput> {
    let Scalar::Str(s) = &input.value else {
        return None;
    };
    let value = match s.parse::<u64>() {
        Ok(x) => Scalar::Uint(x),
        Err(_) => Scalar::Int(s.parse::<i64>().ok()?),
    };
    Some(RecordInput {
        value,
        ..input.clone()
    })
}

/// One record input per value of a leaf (an array is a series; its times come from the same place in `time`).
fn leaves(
    out: &mut Vec<RecordInput>,
    path: &str,
    data_type: &Option<String>,
    value: &JsValue,
    time: Option<JsValue>,
) -> Result<(), JsValue> {
    let one = |v: JsValue, t: Option<JsValue>, index: usize| -> Result<RecordInput, JsValue> {
        let scalar = scalar_from_js(&v).map_err(|why| {
            let err = Error::new(ErrorKind::InvalidRecord, index);
            codec_error_with(err, &format!("{err} ({path}: {why})"))
        })?;
        Ok(RecordInput {
            path: path.to_string(),
            data_type: data_type.clone(),
            value: scalar,
            time: t.and_then(|t| t.as_f64()),
        })
    };
    match value.dyn_ref::<Array>() {
        Some(series) => {
            let times = time.and_then(|t| t.dyn_into::<Array>().ok());
            for (i, v) in series.iter().enumerate() {
                let t = times.as_ref().map(|t| t.get(i as u32));
                let input = one(v, t, out.len())?;
                out.push(input);
            }
        }
        None => {
            let input = one(value.clone(), time, out.len())?;
            out.push(input);
        }
    }
    Ok(())
}

/// The type of a value under a resource the model does not know and `types` does not name.
fn inferred_type(value: &JsValue) -> &'static str {
    let first = value
        .dyn_ref::<Array>()
        .map_or_else(|| value.clone(), |a| a.get(0));
    if first.as_bool().is_some() {
        "boolean"
    } else if first.is_bigint() {
        "integer"
    } else if first.as_f64().is_some() {
        "float"
    } else if first.is_null() {
        "none"
    } else {
        "opaque"
    }
}

fn encode_ts013(input: &JsValue, warnings: &Array) -> Result<(Vec<u8>, u8), JsValue> {
    let data = prop(input, "data").ok_or_else(|| type_error("input.data: expected an object"))?;
    let fport = int_prop(input, "fPort", 0, 255)?;
    with_model(&[], |model| {
        let owned = from_data(&data, model, warnings)?;
        let records: Vec<Record<'_>> = owned.iter().map(|r| r.as_record()).collect();
        if let Some(p) = fport {
            let target = resolve(Request::Port(p as u8))?;
            let bytes = encode_records(target.format, &records, target.path.as_ref(), model, None)
                .map_err(|e| with_path(e, &owned))?;
            return Ok((bytes, p as u8));
        }
        let entries: Vec<_> = with_ports(|t| t.entries().collect());
        let mut first_error = None;
        for e in entries {
            let carries = match e.base {
                Some(base) => records.iter().all(|r| base.contains(&r.path)),
                None => true,
            };
            if !carries || records.is_empty() {
                continue;
            }
            match encode_records(e.format, &records, e.base.as_ref(), model, None) {
                Ok(bytes) => return Ok((bytes, e.fport)),
                Err(err) => {
                    first_error.get_or_insert(err);
                }
            }
        }
        Err(match first_error {
            Some(e) => with_path(e, &owned),
            None => {
                let e = Error::new(ErrorKind::UnknownFormat, 0);
                codec_error_with(
                    e,
                    &format!("{e} (no entry of the fPort table carries these records; give fPort)"),
                )
            }
        })
    })
}

/// An encode error whose offset is a record index, with that record's path in the message.
fn with_path(e: Error, records: &[OwnedRecord]) -> JsValue {
    match records.get(e.offset()) {
        Some(r) if e.kind() != ErrorKind::BufferTooSmall => {
            codec_error_with(e, &format!("{e} ({})", r.path))
        }
        _ => codec_error(e),
    }
}
