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

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use js_sys::{Array, Object, Reflect};
use ucifi_codec::json::{RecordInput, Scalar};
use ucifi_codec::registry::DdfModel;
use ucifi_codec::{Error, ErrorKind, Model, OwnedRecord, Path, Record};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::api::{encode_records, resolve};
use crate::convert::{
    bytes_from_js, int_prop, object, prop, prop_dyn, scalar_from_js, set, static_str,
    value_to_data_js,
};
use crate::errors::{codec_error, codec_error_with, to_line, type_error};
use crate::state::{self, with_model, with_ports};
use ucifi_codec::lorawan::port::Request;

/// Top-level keys of `data` that are not objects.
const RESERVED: [&str; 3] = ["units", "types", "time"];

/// SenML times below 2^28 s are relative to the time the frame was received.
const RELATIVE_TIME_LIMIT: f64 = 268_435_456.0;

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
    let warnings = Array::new();
    let out = object();
    match decode_data(input, uplink, &warnings) {
        Ok(data) => {
            set(&out, "data", &data);
            set(&out, "errors", &Array::new());
        }
        Err(e) => set(&out, "errors", &Array::of1(&to_line(&e).into())),
    }
    set(&out, "warnings", &warnings);
    out.into()
}

fn decode_data(input: &JsValue, uplink: bool, warnings: &Array) -> Result<JsValue, JsValue> {
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
    let target = resolve(Request::Port(fport as u8))?;
    with_model(&[], |model| {
        let mut leaves = Vec::with_capacity(16);
        target
            .for_each_record(&bytes, model, |r| {
                leaves.push(Leaf {
                    path: r.path,
                    value: value_to_data_js(&r.value),
                    unit: r.resource.map(|d| d.units).filter(|u| !u.is_empty()),
                    unknown: r.unknown().then(|| r.value.data_type().name()),
                    time: r.time,
                })
            })
            .map_err(codec_error)?;
        Ok(to_data(&leaves, model, received, warnings).into())
    })
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
    /// The `data` keys of objects and of (object, resource) pairs, as JS strings, for the model of
    /// [`state::generation`].
    static KEYS: RefCell<Keys> = RefCell::new(Keys::default());
}

#[derive(Default)]
struct Keys {
    generation: u64,
    objects: HashMap<u16, JsValue>,
    resources: HashMap<(u16, u16), JsValue>,
}

/// The JS keys of an object and of one of its resources (made once per model; the model scans are not cheap).
fn keys(model: &DdfModel, oid: u16, rid: u16) -> (JsValue, JsValue) {
    KEYS.with(|k| {
        let mut k = k.borrow_mut();
        let generation = state::generation();
        if k.generation != generation {
            *k = Keys {
                generation,
                ..Keys::default()
            };
        }
        let okey = k
            .objects
            .entry(oid)
            .or_insert_with(|| JsValue::from_str(&object_key(model, oid)))
            .clone();
        let rkey = k
            .resources
            .entry((oid, rid))
            .or_insert_with(|| JsValue::from_str(&resource_key(model, oid, rid)))
            .clone();
        (okey, rkey)
    })
}

fn get_key(obj: &JsValue, key: &JsValue) -> JsValue {
    Reflect::get(obj, key).unwrap_or(JsValue::UNDEFINED)
}

fn set_key(obj: &JsValue, key: &JsValue, value: &JsValue) {
    let _ = Reflect::set(obj, key, value);
}

/// `parent[key]`, made an empty object first if absent.
fn child(parent: &JsValue, key: &JsValue) -> JsValue {
    let v = get_key(parent, key);
    if v.is_object() {
        return v;
    }
    let o: JsValue = object().into();
    set_key(parent, key, &o);
    o
}

/// Sets a leaf; a leaf set again (the same path twice) becomes an array of its values in order. (A value is never
/// an array, so an array there is a series already.)
fn put(parent: &JsValue, key: &JsValue, value: &JsValue, repeated: bool) {
    if !repeated {
        return set_key(parent, key, value);
    }
    match get_key(parent, key).dyn_into::<Array>() {
        Ok(series) => {
            series.push(value);
        }
        Err(old) => set_key(parent, key, &Array::of2(&old, value)),
    }
}

/// The parent object of a leaf in a value-shaped tree and the leaf's key: `[o][i][r]` or `[o][i][r][ri]`.
fn leaf_parent(root: &JsValue, okey: &JsValue, path: &Path, rkey: &JsValue) -> (JsValue, JsValue) {
    let inst = child(
        &child(root, okey),
        &JsValue::from_f64(f64::from(path.instance().unwrap_or(0))),
    );
    match path.resource_instance() {
        Some(ri) => (child(&inst, rkey), JsValue::from_f64(f64::from(ri))),
        None => (inst, rkey.clone()),
    }
}

/// What [`to_data`] needs of a record, owned (the decoder's borrowed records live only for its callback).
struct Leaf {
    path: Path,
    value: JsValue,
    unit: Option<&'static str>,
    unknown: Option<&'static str>,
    time: Option<f64>,
}

/// Builds the TS013 `data` of decoded records (see the module docs).
fn to_data(leaves: &[Leaf], model: &DdfModel, received: Option<f64>, warnings: &Array) -> Object {
    let data = object();
    let (units, types, times) = (object(), object(), object());
    let (mut has_units, mut has_types, mut has_times) = (false, false, false);
    let mut seen: HashSet<Path> = HashSet::new();
    // Paths with a time on any of their records: each of their records gets a `time` entry (null where it has
    // none), so that a series' times stay aligned with its values.
    let timed: HashSet<Path> = leaves
        .iter()
        .filter(|r| r.time.is_some())
        .map(|r| r.path)
        .collect();
    for leaf in leaves {
        let path = leaf.path;
        let (okey, rkey) = keys(model, path.object(), path.resource().unwrap_or(0));
        let repeated = !seen.insert(path);
        let (parent, key) = leaf_parent(&data, &okey, &path, &rkey);
        put(&parent, &key, &leaf.value, repeated);
        if let Some(unit) = leaf.unit {
            set_key(&child(&units, &okey), &rkey, &static_str(unit));
            has_units = true;
        }
        if let Some(type_name) = leaf.unknown {
            set_key(&child(&types, &okey), &rkey, &static_str(type_name));
            has_types = true;
            if !repeated {
                let rname = rkey.as_string().unwrap_or_default();
                warnings.push(&JsValue::from_str(&format!(
                    "{path}: resource not in the model; kept under key \"{rname}\" as {type_name}"
                )));
            }
        }
        if timed.contains(&path) {
            let t = leaf.time.map_or(JsValue::NULL, |t| match received {
                Some(now) if t < RELATIVE_TIME_LIMIT => JsValue::from_f64(now + t),
                _ => JsValue::from_f64(t),
            });
            let (parent, key) = leaf_parent(&times, &okey, &path, &rkey);
            put(&parent, &key, &t, repeated);
            has_times = true;
        }
    }
    for (key, map, used) in [
        ("units", units, has_units),
        ("types", types, has_types),
        ("time", times, has_times),
    ] {
        if used {
            set(&data, key, &map);
        }
    }
    data
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
    codec_error_with(e, &format!("{e} (data key {key:?}: {what})"))
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
        for (ikey, resources) in entries(&instances, &format!("data[{okey:?}]"))? {
            let iid = id_of(&ikey).ok_or_else(|| bad_key("expected an instance id", &ikey))?;
            for (rkey, value) in entries(&resources, &format!("data[{okey:?}][{ikey:?}]"))? {
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
    let mut owned = inputs
        .iter()
        .enumerate()
        .map(|(i, input)| {
            input
                .resolve(model, i)
                .or_else(|e| decimal_integer(input).map_or(Err(e), |x| x.resolve(model, i)))
                .map_err(|e| codec_error_with(e, &format!("{e} ({})", input.path)))
        })
        .collect::<Result<Vec<_>, _>>()?;
    owned.sort_by_key(|r| r.path);
    Ok(owned)
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
