//! Conversions between JS values and the core's types: bytes in, record JSON objects out, record objects in.
//!
//! Output follows the record JSON of the project (DESIGN.md): `{path, name?, unit?, type, value, unknown?, time?}`,
//! opaque values as lowercase hex, object links as `"oid:iid"`, non-finite floats as `"NaN"`, `"Infinity"`,
//! `"-Infinity"`. Integers (`integer`, `unsigned`, `time`) are JS numbers while `|x| ≤ 2^53 − 1`, `BigInt` beyond.
//!
//! Decoded records (and the TS013 `data`) go to JS in batches (`batch.rs`); the conversions here serve the options
//! and record input. Model strings used as JS strings (units, property keys) are made once and cached.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use js_sys::{Array, ArrayBuffer, Object, Reflect, Uint8Array};
use ucifi_codec::json::{RecordInput, Scalar};
use ucifi_codec::{Error, ErrorKind, Model, OwnedRecord};
use wasm_bindgen::{JsCast, JsValue};

use crate::errors::{codec_error, codec_error_with, type_error};

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
pub(crate) const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Model strings as JS strings, by address: their places in the list (the map type of the record builder's ids,
/// `batch.rs`: each map type is its own copy of the hash-table code in the module).
type StringCache = (
    HashMap<(u64, usize), f64, BuildHasherDefault<AddressHasher>>,
    Vec<JsValue>,
);

thread_local! {
    static STRINGS: RefCell<StringCache> = RefCell::new(StringCache::default());
}

/// A multiplicative hash for addresses (the keys are pointers and lengths, never chosen by an attacker).
#[derive(Default)]
pub(crate) struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }
}

/// The JS string of a model string (names, units, type names), made once per distinct string.
pub(crate) fn static_str(s: &'static str) -> JsValue {
    let key = (s.as_ptr() as usize as u64, s.len());
    STRINGS.with(|c| {
        let (places, list) = &mut *c.borrow_mut();
        let at = *places.entry(key).or_insert_with(|| {
            list.push(JsValue::from_str(s));
            (list.len() - 1) as f64
        });
        list.get(at as usize).cloned().unwrap_or(JsValue::UNDEFINED)
    })
}

/// Bytes from a `Uint8Array` (a Node `Buffer` too), any other typed array or `DataView` (its bytes), an
/// `ArrayBuffer`, an array of integers 0–255, or hex text (`INVALID_HEX` on bad text, as the vectors say).
pub(crate) fn bytes_from_js(value: &JsValue, what: &str) -> Result<Vec<u8>, JsValue> {
    if let Some(a) = value.dyn_ref::<Uint8Array>() {
        return Ok(a.to_vec());
    }
    if let Some(b) = value.dyn_ref::<ArrayBuffer>() {
        return Ok(Uint8Array::new(b).to_vec());
    }
    if ArrayBuffer::is_view(value) {
        let view: &js_sys::DataView = value.unchecked_ref();
        let bytes = Uint8Array::new_with_byte_offset_and_length(
            &view.buffer(),
            view.byte_offset() as u32,
            view.byte_length() as u32,
        );
        return Ok(bytes.to_vec());
    }
    if let Some(text) = value.as_string() {
        return ucifi_codec::format::decode_hex(&text).map_err(codec_error);
    }
    let bad = || {
        type_error(&format!(
            "{what}: expected a Uint8Array, Buffer, ArrayBuffer, DataView, an array of integers 0..255, or hex text"
        ))
    };
    let array = value.dyn_ref::<Array>().ok_or_else(bad)?;
    array
        .iter()
        .map(|b| {
            b.as_f64()
                .filter(|x| x.fract() == 0.0 && (0.0..=255.0).contains(x))
                .map(|x| x as u8)
                .ok_or_else(bad)
        })
        .collect()
}

/// The property `key` of `obj`, `None` when absent, `undefined` or `null` (the key's JS string is made once).
pub(crate) fn prop(obj: &JsValue, key: &'static str) -> Option<JsValue> {
    get(obj, &static_str(key))
}

/// [`prop`] for a key made at run time.
pub(crate) fn prop_dyn(obj: &JsValue, key: &str) -> Option<JsValue> {
    get(obj, &JsValue::from_str(key))
}

fn get(obj: &JsValue, key: &JsValue) -> Option<JsValue> {
    if !obj.is_object() {
        return None;
    }
    Reflect::get(obj, key)
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// A string property; a `TypeError` when present but not a string.
pub(crate) fn str_prop(obj: &JsValue, key: &'static str) -> Result<Option<String>, JsValue> {
    prop(obj, key)
        .map(|v| {
            v.as_string()
                .ok_or_else(|| type_error(&format!("{key}: expected a string")))
        })
        .transpose()
}

/// An integer property in `min..=max`; a `TypeError` when present but not such a number.
pub(crate) fn int_prop(
    obj: &JsValue,
    key: &'static str,
    min: u32,
    max: u32,
) -> Result<Option<u32>, JsValue> {
    prop(obj, key)
        .map(|v| {
            v.as_f64()
                .filter(|x| x.fract() == 0.0 && (f64::from(min)..=f64::from(max)).contains(x))
                .map(|x| x as u32)
                .ok_or_else(|| type_error(&format!("{key}: expected an integer in {min}..{max}")))
        })
        .transpose()
}

/// A boolean property (absent: `false`); a `TypeError` when present but not a boolean.
pub(crate) fn bool_prop(obj: &JsValue, key: &'static str) -> Result<bool, JsValue> {
    prop(obj, key).map_or(Ok(false), |v| {
        v.as_bool()
            .ok_or_else(|| type_error(&format!("{key}: expected a boolean")))
    })
}

/// A JS value as a record JSON scalar: `null`/`undefined`, a boolean, an integer (a `BigInt`, or a number that is a
/// safe integer other than −0), another number (a float), or a string.
///
/// Written out rather than through serde: serde-wasm-bindgen reads −0 as the integer 0 and would lose its sign.
///
/// # Errors
/// A short text saying what is wrong (an object, or a `BigInt` beyond both i64 and u64).
pub(crate) fn scalar_from_js(v: &JsValue) -> Result<Scalar, String> {
    if v.is_undefined() || v.is_null() {
        return Ok(Scalar::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Scalar::Bool(b));
    }
    if let Some(x) = v.as_f64() {
        let integral = x.fract() == 0.0 && x.abs() <= MAX_SAFE_INTEGER as f64;
        return Ok(if integral && !(x == 0.0 && x.is_sign_negative()) {
            if x < 0.0 {
                Scalar::Int(x as i64)
            } else {
                Scalar::Uint(x as u64)
            }
        } else {
            Scalar::Float(x)
        });
    }
    if v.is_bigint() {
        return match i64::try_from(v.clone()) {
            Ok(x) if x < 0 => Ok(Scalar::Int(x)),
            Ok(x) => Ok(Scalar::Uint(x.unsigned_abs())),
            Err(v) => u64::try_from(v)
                .map(Scalar::Uint)
                .map_err(|_| "a BigInt beyond the 64-bit range".to_string()),
        };
    }
    v.as_string()
        .map(Scalar::Str)
        .ok_or_else(|| "a value that is not a number, BigInt, string, boolean or null".to_string())
}

/// One record object (`{path, type?, value, time?}`) as record input; other properties are ignored.
fn record_input_from_js(r: &JsValue) -> Result<RecordInput, String> {
    if !r.is_object() {
        return Err("not an object".to_string());
    }
    let text = |key: &'static str| -> Result<Option<String>, String> {
        prop(r, key)
            .map(|v| v.as_string().ok_or(format!("{key} is not a string")))
            .transpose()
    };
    let path = text("path")?.ok_or("no path")?;
    let data_type = text("type")?;
    let value = scalar_from_js(&prop(r, "value").unwrap_or(JsValue::NULL))?;
    let time = prop(r, "time")
        .map(|t| t.as_f64().ok_or("time is not a number"))
        .transpose()?;
    Ok(RecordInput {
        path,
        data_type,
        value,
        time,
    })
}

/// Records from a JS array of record objects (`{path, type?, value, time?}`; integers as numbers or `BigInt`),
/// checked against `model`.
///
/// # Errors
/// `INVALID_RECORD` at the index of the first bad record (the message names what is wrong); a `TypeError` when
/// `records` is not an array.
pub(crate) fn records_from_js<M: Model + ?Sized>(
    records: &JsValue,
    model: &M,
) -> Result<Vec<OwnedRecord>, JsValue> {
    let array = records
        .dyn_ref::<Array>()
        .ok_or_else(|| type_error("records: expected an array of record objects"))?;
    array
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let input = record_input_from_js(&r).map_err(|why| {
                let e = Error::new(ErrorKind::InvalidRecord, i);
                codec_error_with(e, &format!("{e} (record {i}: {why})"))
            })?;
            input
                .resolve(model, i)
                .map_err(|e| codec_error_with(e, &format!("{e} (record {i}, {})", input.path)))
        })
        .collect()
}

/// A plain empty JS object.
pub(crate) fn object() -> Object {
    Object::new()
}

/// Sets `obj[key] = value` (cannot fail on a plain object; a failure would only lose the field).
pub(crate) fn set(obj: &JsValue, key: &'static str, value: &JsValue) {
    let _ = Reflect::set(obj, &static_str(key), value);
}
