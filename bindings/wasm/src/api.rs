//! The record-level API: `decode`, `encode`, `fit`, and the model, format and fPort-table functions.

use js_sys::{Array, Uint8Array};
use serde::Serialize;
use ucifi_codec::format::{self, Format};
use ucifi_codec::json::ObjectJson;
use ucifi_codec::lorawan::fit::{self, Budget, FitFormat};
use ucifi_codec::lorawan::port::{PortEntry, Request, Target};
use ucifi_codec::lorawan::region::{Direction, Region};
use ucifi_codec::registry::DdfModel;
use ucifi_codec::{Error, ErrorKind, Model, Path, Record};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

use crate::args;
use crate::batch::{with_batch, RecordBatch};
use crate::convert::{
    bool_prop, bytes_from_js, int_prop, object, prop, records_from_js, set, str_prop,
};
use crate::errors::{codec_error, range_error, type_error};
use crate::state::{self, ddf_documents, with_model, with_ports};

/// Reads `format` + `path`, or `fPort`, from an options object: the request the port table resolves
/// ([`resolve`]).
pub(crate) fn request_from_options(options: &JsValue) -> Result<Request, JsValue> {
    let format = str_prop(options, "format")?;
    let path = str_prop(options, "path")?;
    let fport = int_prop(options, "fPort", 0, 255)?;
    request_of(format.as_deref(), path.as_deref(), fport)
}

/// The request of the `format`, `path` and `fPort` options values.
fn request_of(
    format: Option<&str>,
    path: Option<&str>,
    fport: Option<u32>,
) -> Result<Request, JsValue> {
    match (format, fport) {
        (Some(_), Some(_)) => Err(type_error(
            "give either format (with path) or fPort, not both",
        )),
        (None, None) => Err(type_error("options.format or options.fPort is required")),
        (None, Some(_)) if path.is_some() => Err(type_error(
            "path cannot be given with fPort: the fPort table names the request path",
        )),
        (None, Some(p)) => Ok(Request::Port(p as u8)),
        (Some(f), None) => {
            let f: Format = f.parse().map_err(codec_error)?;
            let p = path
                .map(|p| p.parse::<Path>())
                .transpose()
                .map_err(codec_error)?;
            Ok(Request::Format(Target::new(f, p)))
        }
    }
}

/// The format and request path of a request: the fPort table in force resolves a port (`UNKNOWN_PORT` when it
/// has no entry).
pub(crate) fn resolve(request: Request) -> Result<Target, JsValue> {
    with_ports(|t| t.resolve(request)).map_err(codec_error)
}

/// Decodes one frame into record objects.
///
/// `bytes`: a `Uint8Array`, an array of byte values, or hex text. `options`: `{format, path?}` or `{fPort}` (the
/// fPort convention picks format and path), plus `ddf?` (DDF XML documents for this call only).
///
/// # Errors
/// A JS `Error` with `code` and `offset` (the core's decode errors, `UNKNOWN_FORMAT`, `MISSING_PATH`,
/// `INVALID_PATH`, `INVALID_HEX`, `INVALID_DDF`); a `TypeError` for options of the wrong type.
///
/// This is the general path; the package's entry takes a quicker one for the common case (`args.rs`).
#[wasm_bindgen]
pub fn decode(bytes: JsValue, options: JsValue) -> Result<Array, JsValue> {
    let format = str_prop(&options, "format")?;
    let path = str_prop(&options, "path")?;
    let fport = int_prop(&options, "fPort", 0, 255)?;
    let request = request_of(format.as_deref(), path.as_deref(), fport)?;
    let ddf = ddf_documents(&prop(&options, "ddf").unwrap_or(JsValue::UNDEFINED))?;
    let bytes = bytes_from_js(&bytes, "bytes")?;
    let target = resolve(request)?;
    if ddf.is_empty() {
        args::remember(target, format.as_deref(), path.as_deref(), fport);
    }
    decode_frame(target, &bytes, &ddf)
}

/// The quick path of `decode` on the frame the JS half copied in (`len` bytes), with the remembered request:
/// 0 when the table is ready (its place in the header), 1 when the frame does not decode (the error for
/// `__takeError`), 2 when the general path must take the call.
#[wasm_bindgen(js_name = __decodeQuick, skip_typescript)]
pub fn decode_quick(len: u32) -> u32 {
    let Some(target) = args::remembered() else {
        return 2;
    };
    args::run_quick(len, |frame| {
        decode_table(target, frame).map(|(at, n, blob)| [at, n, blob])
    })
}

/// The records of one frame as a table left in memory for the JS half of `decode` ([`RecordBatch::finish_quick`]).
pub(crate) fn decode_table(target: Target, bytes: &[u8]) -> Result<(u32, u32, u32), JsValue> {
    with_model(&[], |model| {
        with_batch(|batch| Ok(fill(batch, target, bytes, model)?.finish_quick()))
    })
}

/// Adds the records of one frame to `batch`.
fn fill<'b>(
    batch: &'b mut RecordBatch,
    target: Target,
    bytes: &[u8],
    model: &DdfModel,
) -> Result<&'b mut RecordBatch, JsValue> {
    // One pass over the borrowed records; they are handed out only once the whole frame is valid.
    target
        .decode_each(bytes, model, |r| batch.push(&r))
        .map_err(codec_error)?;
    Ok(batch)
}

/// The record objects of one frame.
fn decode_frame(target: Target, bytes: &[u8], ddf: &[String]) -> Result<Array, JsValue> {
    with_model(ddf, |model| {
        with_batch(|batch| Ok(fill(batch, target, bytes, model)?.finish()))
    })
}

/// Encodes record objects (`{path, type?, value, time?}`) into one frame.
///
/// `options`: `{format, path?}` or `{fPort}`, plus `maxBytes?` (fail with `BUFFER_TOO_SMALL`, offset = the bytes
/// needed, when the frame would be longer) and `ddf?`.
///
/// # Errors
/// A JS `Error` with `code` and `offset` = the index of the record at fault (`INVALID_RECORD`, `TYPE_MISMATCH`,
/// `PATH_MISMATCH`…), or the bytes needed for `BUFFER_TOO_SMALL`; a `TypeError` for arguments of the wrong type.
#[wasm_bindgen]
pub fn encode(records: JsValue, options: JsValue) -> Result<Vec<u8>, JsValue> {
    let request = request_from_options(&options)?;
    let ddf = ddf_documents(&prop(&options, "ddf").unwrap_or(JsValue::UNDEFINED))?;
    let max = int_prop(&options, "maxBytes", 0, u32::MAX)?;
    let target = resolve(request)?;
    with_model(&ddf, |model| {
        let owned = records_from_js(&records, model)?;
        let records: Vec<Record<'_>> = owned.iter().map(|r| r.as_record()).collect();
        encode_records(target.format, &records, target.path.as_ref(), model, max)
            .map_err(codec_error)
    })
}

/// Encodes `records`, within `max` bytes when given.
pub(crate) fn encode_records<M: Model + ?Sized>(
    format: Format,
    records: &[Record<'_>],
    path: Option<&Path>,
    model: &M,
    max: Option<u32>,
) -> Result<Vec<u8>, Error> {
    match max {
        None => format::encode_to_vec(format, records, path, model),
        Some(n) => {
            // Never more than the encoding needs: `maxBytes` may be huge. A smaller buffer gets the core's
            // BUFFER_TOO_SMALL (offset = the bytes needed).
            let needed = format::encoded_len(format, records, path, model)?;
            let mut out = vec![0u8; needed.min(n as usize)];
            let len = format::encode(format, records, path, model, &mut out)?.len();
            out.truncate(len);
            Ok(out)
        }
    }
}

/// Puts records into the fewest frames that fit a byte budget (the core's `fit::split`).
///
/// `options`: `budget` (bytes) or `region` + `dataRate` (+ `direction` `"uplink"`/`"downlink"`, `dwell`,
/// `repeater`); `format` (a format name or `"auto"`, the default); `path?`; `ddf?`. Returns
/// `{frames: [{bytes, format, path?, fPort?, records}], leftOut}`: `records` and `leftOut` are indexes into the
/// input, `fPort` is the port whose table entry decodes the frame.
///
/// # Errors
/// A JS `Error` with `code` and `offset` = the index of the record at fault; a `TypeError` for bad options, a
/// `RangeError` for a data rate the region does not have.
#[wasm_bindgen]
pub fn fit(records: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    let format: FitFormat = str_prop(&options, "format")?
        .as_deref()
        .unwrap_or("auto")
        .parse()
        .map_err(codec_error)?;
    let path = str_prop(&options, "path")?
        .map(|p| p.parse::<Path>())
        .transpose()
        .map_err(codec_error)?;
    let budget = budget_of(&options)?;
    let ddf = ddf_documents(&prop(&options, "ddf").unwrap_or(JsValue::UNDEFINED))?;
    with_model(&ddf, |model| {
        let owned = records_from_js(&records, model)?;
        let records: Vec<Record<'_>> = owned.iter().map(|r| r.as_record()).collect();
        let split =
            with_ports(|ports| fit::split(&records, format, path.as_ref(), model, budget, ports))
                .map_err(codec_error)?;
        let frames = Array::new();
        for f in &split.frames {
            let frame = object();
            set(&frame, "bytes", &Uint8Array::from(f.bytes.as_slice()));
            set(&frame, "format", &f.format.name().into());
            if let Some(p) = f.path {
                set(&frame, "path", &p.to_string().into());
            }
            if let Some(p) = f.fport {
                set(&frame, "fPort", &p.into());
            }
            let idx: Array = f.records.iter().map(|&i| JsValue::from(i as u32)).collect();
            set(&frame, "records", &idx);
            frames.push(&frame);
        }
        let left: Array = split
            .left_out
            .iter()
            .map(|&i| JsValue::from(i as u32))
            .collect();
        let out = object();
        set(&out, "frames", &frames);
        set(&out, "leftOut", &left);
        Ok(out.into())
    })
}

/// The budget of `fit`'s options: `budget`, or `region` + `dataRate` (+ `direction`, `dwell`, `repeater`).
fn budget_of(options: &JsValue) -> Result<Budget, JsValue> {
    let bytes = int_prop(options, "budget", 1, 65535)?;
    let region = str_prop(options, "region")?;
    match (bytes, region) {
        (Some(n), None) => Ok(Budget::bytes(n as usize)),
        (None, Some(region)) => {
            let region: Region =
                region
                    .parse()
                    .map_err(|e: ucifi_codec::lorawan::region::UnknownRegion| {
                        type_error(&e.to_string())
                    })?;
            let dr = int_prop(options, "dataRate", 0, 15)?
                .ok_or_else(|| type_error("dataRate is required with region"))?;
            let direction = match str_prop(options, "direction")?.as_deref() {
                None | Some("uplink") => Direction::Uplink,
                Some("downlink") => Direction::Downlink,
                Some(_) => {
                    return Err(type_error("direction: expected \"uplink\" or \"downlink\""))
                }
            };
            let dwell = bool_prop(options, "dwell")?;
            let repeater = bool_prop(options, "repeater")?;
            Budget::data_rate(region, dr as u8, direction, dwell, repeater).ok_or_else(|| {
                range_error(&format!(
                    "{region} has no data rate {dr} for this direction and dwell-time setting"
                ))
            })
        }
        _ => Err(type_error("give either budget or region + dataRate")),
    }
}

/// The object model: with `id`, that object with its resources (`undefined` if the model does not know it);
/// without, every object with its resource count. Field names are those of the CLI's `ucifi objects`.
#[wasm_bindgen]
pub fn objects(id: Option<u16>) -> Result<JsValue, JsValue> {
    fn to_js(object: &ucifi_codec::ObjectDef, resources: bool) -> Result<JsValue, JsValue> {
        let ser = serde_wasm_bindgen::Serializer::json_compatible();
        ObjectJson { object, resources }
            .serialize(&ser)
            .map_err(|e| type_error(&e.to_string()))
    }
    with_model(&[], |model| match id {
        Some(id) => model
            .object(id)
            .map_or(Ok(JsValue::UNDEFINED), |o| to_js(o, true)),
        None => {
            let list = Array::new();
            for o in model.objects() {
                list.push(&to_js(o, false)?);
            }
            Ok(list.into())
        }
    })
}

/// The names of the formats this build reads and writes (`"tlv"`, …).
#[wasm_bindgen]
pub fn formats() -> Array {
    Format::ALL
        .iter()
        .map(|f| JsValue::from_str(f.name()))
        .collect()
}

/// Loads DDF XML object definitions (a document or an array of them) into the module's model for every later call;
/// a loaded definition overrides the built-in one with the same ObjectID. Returns the number of objects loaded.
///
/// # Errors
/// `INVALID_DDF` with the byte offset in the document at fault (nothing of that document is loaded).
#[wasm_bindgen(js_name = loadDdf)]
pub fn load_ddf(xml: JsValue) -> Result<u32, JsValue> {
    let mut n = 0;
    for doc in ddf_documents(&xml)? {
        n += state::load(&doc).map_err(codec_error)?;
    }
    Ok(n as u32)
}

/// Forgets every definition loaded with `loadDdf` (the built-in registry stays).
#[wasm_bindgen(js_name = resetDdf)]
pub fn reset_ddf() {
    state::reset();
}

/// The fPort table in force: `[{fPort, format, path?}]`, user entries first, then the default convention
/// (TLV of uCIFI object `3400 + fPort` at `/ObjectID`, and the self-describing ports).
#[wasm_bindgen]
pub fn ports() -> Array {
    with_ports(|t| {
        t.entries()
            .map(|e| {
                let o = object();
                set(&o, "fPort", &e.fport.into());
                set(&o, "format", &e.format.name().into());
                if let Some(p) = e.base {
                    set(&o, "path", &p.to_string().into());
                }
                JsValue::from(o)
            })
            .collect()
    })
}

/// Sets the user's fPort entries (`[{fPort, format, path?}]`, fPort 1–223), which override the default entry of
/// their port; `options.defaults === false` drops the default convention. Used by `decode`/`encode` with `fPort`,
/// `fit` and the TS013 functions.
///
/// # Errors
/// `UNKNOWN_FORMAT` or `INVALID_PATH` (offset: in the text) for a bad entry; a `TypeError`/`RangeError` for
/// entries of the wrong shape.
#[wasm_bindgen(js_name = setPorts)]
pub fn set_ports(entries: JsValue, options: JsValue) -> Result<(), JsValue> {
    let list = entries
        .dyn_ref::<Array>()
        .ok_or_else(|| type_error("entries: expected an array of {fPort, format, path?}"))?;
    let mut out = Vec::new();
    for e in list.iter() {
        let fport = int_prop(&e, "fPort", 0, 255)?
            .filter(|p| (1..=223).contains(p))
            .ok_or_else(|| range_error("fPort: expected an application port 1..223"))?;
        let format: Format = str_prop(&e, "format")?
            .ok_or_else(|| type_error("format is required"))?
            .parse()
            .map_err(codec_error)?;
        let base = str_prop(&e, "path")?
            .map(|p| p.parse::<Path>())
            .transpose()
            .map_err(codec_error)?;
        if base.is_none() && format.needs_path() {
            return Err(codec_error(Error::new(ErrorKind::MissingPath, 0)));
        }
        let fport = fport as u8;
        out.push(match base {
            Some(b) => PortEntry::at(fport, format, b),
            None => PortEntry::self_describing(fport, format),
        });
    }
    let defaults = match prop(&options, "defaults") {
        None => true,
        Some(v) => v
            .as_bool()
            .ok_or_else(|| type_error("defaults: expected a boolean"))?,
    };
    state::set_ports(out, defaults);
    Ok(())
}

/// The version of this package (the workspace version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
