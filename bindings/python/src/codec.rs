//! Single-frame entry points: `decode`, `encode`, `fit`, `formats`.

use std::borrow::Cow;
use std::cell::RefCell;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::impl_::extract_argument::argument_extraction_error;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use ucifi_codec::format::{self, Format};
use ucifi_codec::lorawan::fit::{split, Budget, FitFormat};
use ucifi_codec::lorawan::port::{PortEntry, PortTable, Request, Target};
use ucifi_codec::lorawan::region::{Direction, Region};
use ucifi_codec::registry::DdfModel;
use ucifi_codec::senml::Shape;
use ucifi_codec::{DataType, Error, ErrorKind, Record, Value};

use crate::convert::{
    cached_template, parse_format, parse_path, parse_ports, record_dict, records_from_py,
    RecordDicts,
};
use crate::errors::codec_error;
use crate::model::{model_or_default, PyModel};

/// The format and path a frame is read as: given directly, or looked up by fPort in the port table (the core's
/// [`PortTable::resolve`]).
pub(crate) fn target(
    format: Option<&str>,
    path: Option<&str>,
    fport: Option<i64>,
    entries: &[PortEntry],
) -> PyResult<Target> {
    target_of(format.map(parse_format).transpose()?, path, fport, entries)
}

/// [`target`] with the format parsed.
fn target_of(
    format: Option<Format>,
    path: Option<&str>,
    fport: Option<i64>,
    entries: &[PortEntry],
) -> PyResult<Target> {
    let request = match (format, fport) {
        (Some(_), Some(_)) => {
            return Err(PyValueError::new_err(
                "give either format (and path) or fport, not both",
            ))
        }
        (Some(f), None) => Request::Format(Target::new(f, parse_path(path)?)),
        (None, Some(_)) if path.is_some() => {
            return Err(PyValueError::new_err(
                "path comes from the fPort convention; give format and path instead",
            ))
        }
        // An fPort outside 0..=255 has no entry either: UNKNOWN_PORT, as for any port without one.
        (None, Some(port)) => Request::Port(
            u8::try_from(port).map_err(|_| codec_error(Error::new(ErrorKind::UnknownPort, 0)))?,
        ),
        (None, None) => return Err(PyTypeError::new_err("give format (and path) or fport")),
    };
    PortTable::with_entries(entries)
        .resolve(request)
        .map_err(codec_error)
}

/// A payload argument: bytes-like, or a hex string.
fn payload_bytes<'a>(payload: &'a Bound<'_, PyAny>) -> PyResult<Cow<'a, [u8]>> {
    if let Ok(s) = payload.cast::<PyString>() {
        return format::decode_hex(&s.to_cow()?)
            .map(Cow::Owned)
            .map_err(codec_error);
    }
    payload
        .extract::<Cow<'a, [u8]>>()
        .map_err(|_| PyTypeError::new_err("payload must be bytes, bytearray or a hex string"))
}

/// Decodes one frame into a list of record dicts.
///
/// ``payload``: bytes, bytearray, memoryview (any bytes-like object) or a hex string. The frame is read in
/// ``format`` (a name from :func:`formats`) at the request ``path`` (``/O``, ``/O/I``…; TLV and the single-value
/// formats need one), or, with ``fport``, by the fPort convention: uCIFI TLV on ``ObjectID - 3400``, LwM2M-CBOR on
/// 100, SenML-CBOR on 101, plus the entries of ``ports`` (``{fport: format}`` or ``{fport: (format, path)}``).
/// ``model``: a :class:`Model` with DDF definitions (default: the built-in registry).
///
/// Each record is a dict: ``path``, ``name`` and ``unit`` (when the model knows the resource), ``type``,
/// ``value``, ``unknown: True`` (a resource the model does not know), ``time`` (SenML time, when the frame has
/// one). Integers are exact ints, opaque values lowercase hex, object links ``"oid:iid"``.
///
/// Raises :class:`CodecError` (``.code``, ``.offset``: where in the frame) for a frame that does not decode,
/// ``UNKNOWN_FORMAT`` / ``INVALID_PATH`` / ``UNKNOWN_PORT`` for bad arguments; ``TypeError`` / ``ValueError`` for
/// arguments of the wrong type or combination (``format`` together with ``fport``).
///
/// >>> decode(bytes.fromhex("c40141480000"), "tlv", "/3424/0")
/// [{'path': '/3424/0/1', 'name': 'Cumulated water volume', 'unit': 'm3', 'type': 'float', 'value': 12.5}]
#[pyfunction]
#[pyo3(signature = (payload, format = None, path = None, fport = None, *, ports = None, model = None))]
#[allow(clippy::too_many_arguments)]
pub fn decode<'py>(
    py: Python<'py>,
    payload: &Bound<'py, PyAny>,
    format: Option<&Bound<'py, PyAny>>,
    path: Option<&str>,
    fport: Option<i64>,
    ports: Option<&Bound<'py, PyAny>>,
    model: Option<PyRef<'py, PyModel>>,
) -> PyResult<Bound<'py, PyList>> {
    let entries = parse_ports(ports)?;
    let format = format.map(format_arg).transpose()?;
    let target = target_of(format, path, fport, &entries)?;
    let bytes = payload_bytes(payload)?;
    let model = match &model {
        Some(m) => &m.inner,
        None if target.format == Format::SenmlCbor => return decode_shaped(py, &target, &bytes),
        None => &BUILT_IN,
    };
    let mut dicts = RecordDicts::new(py, core::ptr::eq(model, &BUILT_IN));
    target
        .decode_each(&bytes, model, |r| dicts.push(&r))
        .map_err(codec_error)?;
    dicts.finish()
}

thread_local! {
    /// The last `format` argument object and its format: a caller passing the same string object (a constant)
    /// skips reading its text.
    static LAST_FORMAT: RefCell<Option<(Py<PyAny>, Format)>> = const { RefCell::new(None) };
}

/// The format a `format` argument names.
fn format_arg(format: &Bound<'_, PyAny>) -> PyResult<Format> {
    let hit = LAST_FORMAT.with(|last| match &*last.borrow() {
        Some((object, f)) if object.is(format) => Some(*f),
        _ => None,
    });
    if let Some(f) = hit {
        return Ok(f);
    }
    let name: Cow<'_, str> = format
        .extract()
        .map_err(|e| argument_extraction_error(format.py(), "format", e))?;
    let f = parse_format(&name)?;
    let object = format.clone().unbind();
    // The string this replaces is released after the borrow ends (a str subclass may run code when released).
    let old = LAST_FORMAT.with(|last| last.borrow_mut().replace((object, f)));
    drop(old);
    Ok(f)
}

/// The built-in model, for [`SHAPE`].
static BUILT_IN: DdfModel = DdfModel::new();

/// The structure of the last SenML-CBOR frames read with the built-in model, and the template dict of each of its
/// records (by record index, with the data type it was made for).
struct Shaped {
    shape: Shape<'static, DdfModel>,
    generation: Option<u32>,
    templates: Vec<Option<(DataType, Py<PyDict>)>>,
}

thread_local! {
    /// The structure of the last SenML-CBOR frames `decode` read with the built-in model on this thread: a frame
    /// that repeats it is read from its values (`senml::Shape`: the same records and errors as the full reader).
    static SHAPE: RefCell<Shaped> = const {
        RefCell::new(Shaped { shape: Shape::new(), generation: None, templates: Vec::new() })
    };
}

/// The record dicts of a SenML-CBOR frame read with the built-in model, through this thread's [`SHAPE`] (unless
/// it is in use: a decode started while the dicts of another are made, from a finalizer say). A frame that repeats
/// the kept structure makes each dict from its record's template, the list at its final size.
fn decode_shaped<'py>(
    py: Python<'py>,
    target: &Target,
    bytes: &[u8],
) -> PyResult<Bound<'py, PyList>> {
    let model = &BUILT_IN;
    let path = target.path.as_ref();
    SHAPE.with(|cell| {
        let Ok(mut state) = cell.try_borrow_mut() else {
            let mut dicts = RecordDicts::new(py, true);
            target
                .decode_each(bytes, model, |r| dicts.push(&r))
                .map_err(codec_error)?;
            return dicts.finish();
        };
        let Shaped {
            shape,
            generation,
            templates,
        } = &mut *state;
        let mut values = [Value::None; 32];
        let Some(n) = shape.values(bytes, path, model, &mut values) else {
            let mut dicts = RecordDicts::new(py, true);
            shape
                .decode_each(bytes, path, model, |r| dicts.push(&r))
                .map_err(codec_error)?;
            return dicts.finish();
        };
        let (kept_generation, mut kept) = shape.kept();
        if *generation != Some(kept_generation) {
            templates.clear();
            templates.resize_with(n, || None);
            *generation = Some(kept_generation);
        }
        let mut error = None;
        let items = values.get(..n).unwrap_or_default().iter().zip(templates);
        let list = PyList::new(
            py,
            items.map(|(&value, slot)| {
                let made = kept
                    .next()
                    .ok_or_else(|| PyValueError::new_err("kept structure shorter than its values"))
                    .and_then(|r| shaped_dict(py, &Record { value, ..r }, slot));
                match made {
                    Ok(d) => d.into_any(),
                    Err(e) => {
                        error.get_or_insert(e);
                        py.None().into_bound(py)
                    }
                }
            }),
        )?;
        match error {
            Some(e) => Err(e),
            None => Ok(list),
        }
    })
}

/// The dict of record `r` of a repeated structure, from the template in `slot` (made or replaced when it is not of
/// `r`'s data type).
#[inline]
fn shaped_dict<'py>(
    py: Python<'py>,
    r: &Record<'_>,
    slot: &mut Option<(DataType, Py<PyDict>)>,
) -> PyResult<Bound<'py, PyDict>> {
    let ty = r.value.data_type();
    match slot {
        Some((t, template)) if *t == ty => record_dict(template.bind(py), r),
        _ => {
            let template = cached_template(py, r)?;
            let d = record_dict(&template, r)?;
            *slot = Some((ty, template.unbind()));
            Ok(d)
        }
    }
}

/// Encodes record dicts into one frame; returns its bytes.
///
/// ``records``: a list of record dicts ``{"path", "value", "type"?, "time"?}`` (``name``, ``unit`` and other keys
/// are ignored, so :func:`decode` output encodes back). ``type`` may be left out where the model knows the resource;
/// opaque values are hex strings or bytes. The frame is written in ``format`` at the request ``path`` (TLV and the
/// single-value formats need one), or, with ``fport``, as that fPort's entry of the port convention says
/// (``ports`` adds entries). ``max_size``: fail with ``BUFFER_TOO_SMALL`` (``offset`` = the bytes needed) when the
/// frame would be longer. ``model``: a :class:`Model` with DDF definitions.
///
/// Raises :class:`CodecError` with ``offset`` = the index of the record at fault (``INVALID_RECORD``,
/// ``TYPE_MISMATCH``, ``PATH_MISMATCH``…).
///
/// >>> encode([{"path": "/3424/0/1", "value": 12.5}], "tlv", "/3424/0").hex()
/// 'c40141480000'
#[pyfunction]
#[pyo3(signature = (records, format = None, path = None, *, fport = None, ports = None, max_size = None, model = None))]
#[allow(clippy::too_many_arguments)]
pub fn encode<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
    format: Option<&str>,
    path: Option<&str>,
    fport: Option<i64>,
    ports: Option<&Bound<'py, PyAny>>,
    max_size: Option<usize>,
    model: Option<PyRef<'py, PyModel>>,
) -> PyResult<Bound<'py, PyBytes>> {
    let entries = parse_ports(ports)?;
    let target = target(format, path, fport, &entries)?;
    let model = model_or_default(model.as_ref());
    let owned = records_from_py(records, &model)?;
    let recs: Vec<Record<'_>> = owned.iter().map(|r| r.as_record()).collect();
    let bytes = match max_size {
        None => format::encode_to_vec(target.format, &recs, target.path.as_ref(), &model),
        Some(n) => {
            let mut out = vec![0u8; n];
            target.encode(&recs, &model, &mut out).map(<[u8]>::to_vec)
        }
    }
    .map_err(codec_error)?;
    Ok(PyBytes::new(py, &bytes))
}

/// The byte budget of a `fit` call: `budget` bytes, or the payload of `region` at data rate `dr`.
fn budget_of(
    budget: Option<usize>,
    region: Option<&str>,
    dr: Option<u8>,
    downlink: bool,
    dwell: bool,
    repeater: bool,
) -> PyResult<Budget> {
    match (budget, region) {
        (Some(n), None) => Ok(Budget::bytes(n)),
        (None, Some(region)) => {
            let r: Region = region
                .parse()
                .map_err(|e| PyValueError::new_err(format!("{region}: {e}")))?;
            let dr =
                dr.ok_or_else(|| PyTypeError::new_err("region needs dr (the data rate index)"))?;
            let direction = if downlink {
                Direction::Downlink
            } else {
                Direction::Uplink
            };
            Budget::data_rate(r, dr, direction, dwell, repeater).ok_or_else(|| {
                PyValueError::new_err(format!(
                    "{} has no data rate DR{dr} for this direction / dwell setting",
                    r.name()
                ))
            })
        }
        _ => Err(PyTypeError::new_err("give budget (bytes) or region and dr")),
    }
}

/// Splits record dicts into the fewest LoRaWAN frames within a byte budget.
///
/// The budget is ``budget`` bytes, or the FRMPayload limit of ``region`` (``"EU868"``, ``"US915"``…) at data rate
/// ``dr`` (``downlink``, ``dwell`` time, ``repeater``-compatible sizes as LoRaWAN RP002-1.0.4 gives them).
/// ``format``: ``"auto"`` (the smallest of TLV, LwM2M-CBOR and SenML-CBOR per frame) or a format name; ``path``:
/// the request path for formats that need one (TLV frames default to the object path, as the fPort convention
/// sends them); ``ports``: extra fPort entries.
///
/// Returns ``{"frames": [{"payload", "format", "path", "fport", "records"}], "left_out": [...], "budget": n}``:
/// ``records`` and ``left_out`` are indexes into ``records`` (``left_out``: records too large for any frame);
/// ``fport`` is the port whose entry decodes the frame (``None`` when no entry carries it).
#[pyfunction]
#[pyo3(signature = (records, format = "auto", *, budget = None, region = None, dr = None, downlink = false,
                    dwell = false, repeater = false, path = None, ports = None, model = None))]
#[allow(clippy::too_many_arguments)]
pub fn fit<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
    format: &str,
    budget: Option<usize>,
    region: Option<&str>,
    dr: Option<u8>,
    downlink: bool,
    dwell: bool,
    repeater: bool,
    path: Option<&str>,
    ports: Option<&Bound<'py, PyAny>>,
    model: Option<PyRef<'py, PyModel>>,
) -> PyResult<Bound<'py, PyDict>> {
    let fit_format: FitFormat = format.parse().map_err(codec_error)?;
    let budget = budget_of(budget, region, dr, downlink, dwell, repeater)?;
    let path = parse_path(path)?;
    let entries = parse_ports(ports)?;
    let model = model_or_default(model.as_ref());
    let owned = records_from_py(records, &model)?;
    let recs: Vec<Record<'_>> = owned.iter().map(|r| r.as_record()).collect();
    let table = PortTable::with_entries(&entries);
    let result =
        split(&recs, fit_format, path.as_ref(), &model, budget, &table).map_err(codec_error)?;
    let frames = PyList::empty(py);
    for f in &result.frames {
        let d = PyDict::new(py);
        d.set_item("payload", PyBytes::new(py, &f.bytes))?;
        d.set_item("format", f.format.name())?;
        d.set_item("path", f.path.map(|p| p.to_string()))?;
        d.set_item("fport", f.fport)?;
        d.set_item("records", f.records.clone())?;
        frames.append(d)?;
    }
    let out = PyDict::new(py);
    out.set_item("frames", frames)?;
    out.set_item("left_out", result.left_out.clone())?;
    out.set_item("budget", budget.get())?;
    Ok(out)
}

/// The names of every format the core reads and writes: ``["tlv", "senml-cbor", "senml-json", "lwm2m-cbor",
/// "cbor", "text", "opaque"]``.
#[pyfunction]
pub fn formats() -> Vec<&'static str> {
    Format::ALL.iter().map(|f| f.name()).collect()
}
