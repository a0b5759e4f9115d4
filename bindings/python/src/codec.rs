//! Single-frame entry points: `decode`, `encode`, `fit`, `formats`.

use std::borrow::Cow;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString};
use ucifi_codec::format::{self, Format};
use ucifi_codec::lorawan::fit::{split, Budget, FitFormat};
use ucifi_codec::lorawan::port::{PortEntry, PortTable};
use ucifi_codec::lorawan::region::{Direction, Region};
use ucifi_codec::{Error, ErrorKind, Path, Record};

use crate::convert::{parse_format, parse_path, parse_ports, records_from_py, records_to_py};
use crate::errors::codec_error;
use crate::model::{model_or_default, PyModel};

/// What a frame is read as: a format at an optional request path.
pub(crate) type Target = (Format, Option<Path>);

/// The format and path a frame is read as: given directly, or looked up by fPort in the port table.
pub(crate) fn target(
    format: Option<&str>,
    path: Option<&str>,
    fport: Option<i64>,
    entries: &[PortEntry],
) -> PyResult<Target> {
    match (format, fport) {
        (Some(_), Some(_)) => Err(PyValueError::new_err(
            "give either format (and path) or fport, not both",
        )),
        (Some(f), None) => Ok((parse_format(f)?, parse_path(path)?)),
        (None, Some(port)) => {
            if path.is_some() {
                return Err(PyValueError::new_err(
                    "path comes from the fPort convention; give format and path instead",
                ));
            }
            port_target(port, entries).map_err(codec_error)
        }
        (None, None) => Err(PyTypeError::new_err("give format (and path) or fport")),
    }
}

/// The table entry of `fport`: `UNKNOWN_PORT` at 0 when there is none, as `decode_uplink` / `encode_uplink` say
/// (also for an fPort outside 0..=255).
pub(crate) fn port_target(fport: i64, entries: &[PortEntry]) -> Result<Target, Error> {
    let table = PortTable::with_entries(entries);
    u8::try_from(fport)
        .ok()
        .and_then(|p| table.lookup(p))
        .map(|e| (e.format, e.base))
        .ok_or(Error::new(ErrorKind::UnknownPort, 0))
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

/// Decodes one frame into record dicts.
#[pyfunction]
#[pyo3(signature = (payload, format = None, path = None, fport = None, *, ports = None, model = None))]
#[allow(clippy::too_many_arguments)]
pub fn decode<'py>(
    py: Python<'py>,
    payload: &Bound<'py, PyAny>,
    format: Option<&str>,
    path: Option<&str>,
    fport: Option<i64>,
    ports: Option<&Bound<'py, PyAny>>,
    model: Option<PyRef<'py, PyModel>>,
) -> PyResult<Bound<'py, PyList>> {
    let entries = parse_ports(ports)?;
    let (format, path) = target(format, path, fport, &entries)?;
    let bytes = payload_bytes(payload)?;
    let model = model_or_default(model.as_ref());
    let records = format::decode(format, &bytes, path.as_ref(), &model).map_err(codec_error)?;
    records_to_py(py, &records, &model)
}

/// Encodes record dicts into one frame.
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
    let (format, path) = target(format, path, fport, &entries)?;
    let model = model_or_default(model.as_ref());
    let owned = records_from_py(records, &model)?;
    let recs: Vec<Record<'_>> = owned.iter().map(|r| r.as_record()).collect();
    let bytes = match max_size {
        None => format::encode(format, &recs, path.as_ref(), &model),
        Some(n) => {
            let mut out = vec![0u8; n];
            format::encode_into(format, &recs, path.as_ref(), &model, &mut out).map(<[u8]>::to_vec)
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

/// The names of every format the core reads and writes.
#[pyfunction]
pub fn formats() -> Vec<&'static str> {
    Format::ALL.iter().map(|f| f.name()).collect()
}
