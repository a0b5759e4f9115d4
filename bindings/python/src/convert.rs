//! Conversions between Python objects and the core's types: record dicts, format / path / fPort arguments, JSON.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyByteArray, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString};
use ucifi_codec::format::Format;
use ucifi_codec::json::{RecordInput, Scalar};
use ucifi_codec::lorawan::port::PortEntry;
use ucifi_codec::{Error, ErrorKind, Model, OwnedRecord, Path, Record, Value};

use crate::errors::codec_error;

/// Parses a format name (`CodecError` `UNKNOWN_FORMAT` otherwise).
pub(crate) fn parse_format(name: &str) -> PyResult<Format> {
    name.parse().map_err(codec_error)
}

/// Parses an optional request path (`CodecError` `INVALID_PATH` otherwise).
pub(crate) fn parse_path(path: Option<&str>) -> PyResult<Option<Path>> {
    path.map(|p| p.parse::<Path>().map_err(codec_error))
        .transpose()
}

/// User fPort entries from `{fport: format}` or `{fport: (format, base_path)}`.
pub(crate) fn parse_ports(ports: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<PortEntry>> {
    let Some(ports) = ports else {
        return Ok(Vec::new());
    };
    let dict = ports.cast::<PyDict>().map_err(|_| {
        PyTypeError::new_err("ports must be a dict {fport: format or (format, path)}")
    })?;
    let mut entries = Vec::with_capacity(dict.len());
    for (key, value) in dict.iter() {
        let fport: u8 = key.extract().map_err(|_| {
            PyValueError::new_err(format!("fPort {key} is not an integer in 0..=255"))
        })?;
        let (format, base): (String, Option<String>) = match value.extract::<String>() {
            Ok(f) => (f, None),
            Err(_) => value.extract().map_err(|_| {
                PyTypeError::new_err(format!(
                    "ports[{fport}] must be a format name or a (format, path) tuple"
                ))
            })?,
        };
        let format = parse_format(&format)?;
        entries.push(match parse_path(base.as_deref())? {
            Some(base) => PortEntry::at(fport, format, base),
            None => PortEntry::self_describing(fport, format),
        });
    }
    Ok(entries)
}

/// The value of a record as Python: ints exact, floats (NaN and infinities as floats), opaque as lowercase hex,
/// object links as `"oid:iid"`, none as `None`.
pub(crate) fn value_to_py<'py>(py: Python<'py>, v: &Value<'_>) -> PyResult<Bound<'py, PyAny>> {
    Ok(match *v {
        Value::Integer(x) | Value::Time(x) => x.into_pyobject(py)?.into_any(),
        Value::Unsigned(x) => x.into_pyobject(py)?.into_any(),
        Value::Float(x) => PyFloat::new(py, x).into_any(),
        Value::Boolean(b) => PyBool::new(py, b).to_owned().into_any(),
        Value::String(s) | Value::CoreLnk(s) => PyString::new(py, s).into_any(),
        Value::Opaque(b) => PyString::new(py, &hex::encode(b)).into_any(),
        Value::ObjLnk(l) => PyString::new(py, &l.to_string()).into_any(),
        Value::None => py.None().into_bound(py),
    })
}

/// A multiplicative hash of a [`TemplateKey`] (the keys are never chosen to collide).
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(26) ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A record's path ids, path length and type in one word pair (hashed in two multiplications).
#[derive(Clone, Copy, PartialEq, Eq)]
struct TemplateKey(u64, u64);

impl std::hash::Hash for TemplateKey {
    fn hash<H: Hasher>(&self, h: &mut H) {
        h.write_u64(self.0);
        h.write_u64(self.1);
    }
}

impl TemplateKey {
    #[inline]
    fn of(r: &Record<'_>) -> TemplateKey {
        let p = &r.path;
        // Ids past the path's length are 0.
        let packed = (0..4).fold(0u64, |acc, level| (acc << 16) | u64::from(p.id(level)));
        TemplateKey(packed, ((p.len() as u64) << 8) | r.value.data_type() as u64)
    }
}

/// Template dicts of the built-in model, by (path, type): every key of a record dict but `time` (`value` is `None`).
type Templates = HashMap<TemplateKey, Py<PyDict>, BuildHasherDefault<KeyHasher>>;

/// More distinct (path, type) pairs than this (a stream of ever new instance ids) start the cache afresh.
const MAX_TEMPLATES: usize = 1 << 14;

thread_local! {
    static TEMPLATES: RefCell<Templates> = RefCell::new(Templates::default());
}

/// The record dict without its `value` (`None` there) and `time`: `path, name?, unit?, type, unknown?, value`.
fn template<'py>(py: Python<'py>, r: &Record<'_>) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "path"), r.path.to_string())?;
    if let Some(name) = r.name() {
        d.set_item(intern!(py, "name"), name)?;
    }
    if let Some(unit) = r.unit() {
        d.set_item(intern!(py, "unit"), unit)?;
    }
    d.set_item(intern!(py, "type"), r.value.data_type().name())?;
    if r.unknown() {
        d.set_item(intern!(py, "unknown"), true)?;
    }
    // A placeholder, so that a copy's `value` replaces an entry instead of adding one (same key order).
    d.set_item(intern!(py, "value"), py.None())?;
    Ok(d)
}

/// The cached template dict of `r`'s path and type (built-in model), made on first use.
pub(crate) fn cached_template<'py>(
    py: Python<'py>,
    r: &Record<'_>,
) -> PyResult<Bound<'py, PyDict>> {
    let key = TemplateKey::of(r);
    if let Some(t) = TEMPLATES.with(|t| t.borrow().get(&key).map(|d| d.bind(py).clone())) {
        return Ok(t);
    }
    let t = template(py, r)?;
    TEMPLATES.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= MAX_TEMPLATES {
            c.clear();
        }
        c.insert(key, t.clone().unbind());
    });
    Ok(t)
}

/// The dict of `r`: a copy of its `template` (from [`cached_template`]) with its value and time.
#[inline]
pub(crate) fn record_dict<'py>(
    template: &Bound<'py, PyDict>,
    r: &Record<'_>,
) -> PyResult<Bound<'py, PyDict>> {
    let d = template.copy()?;
    fill(&d, r)?;
    Ok(d)
}

/// Sets the `value` (and `time`) of `r` in its dict.
#[inline]
fn fill(d: &Bound<'_, PyDict>, r: &Record<'_>) -> PyResult<()> {
    let py = d.py();
    d.set_item(intern!(py, "value"), value_to_py(py, &r.value)?)?;
    if let Some(t) = r.time {
        d.set_item(intern!(py, "time"), t)?;
    }
    Ok(())
}

/// Record dicts of one frame. With the built-in model, each dict is a copy of a cached template of its path and
/// type (names, units and path text made once per path, not per record); with a loaded model, built in full.
pub(crate) struct RecordDicts<'py> {
    py: Python<'py>,
    cached: bool,
    out: Vec<Bound<'py, PyAny>>,
    error: Option<PyErr>,
}

impl<'py> RecordDicts<'py> {
    /// Dicts for records typed by the built-in model (`cached`) or by a loaded one.
    pub fn new(py: Python<'py>, cached: bool) -> RecordDicts<'py> {
        RecordDicts {
            py,
            cached,
            out: Vec::with_capacity(16),
            error: None,
        }
    }

    fn dict(&self, r: &Record<'_>) -> PyResult<Bound<'py, PyDict>> {
        let py = self.py;
        if self.cached {
            record_dict(&cached_template(py, r)?, r)
        } else {
            let d = template(py, r)?;
            fill(&d, r)?;
            Ok(d)
        }
    }

    /// Adds the dict of `r` (the first failure is kept for [`finish`](Self::finish)).
    pub fn push(&mut self, r: &Record<'_>) {
        if self.error.is_some() {
            return;
        }
        match self.dict(r) {
            Ok(d) => self.out.push(d.into_any()),
            Err(e) => self.error = Some(e),
        }
    }

    /// The list of dicts.
    pub fn finish(self) -> PyResult<Bound<'py, PyList>> {
        match self.error {
            Some(e) => Err(e),
            None => PyList::new(self.py, self.out),
        }
    }
}

/// A Python value as a record-JSON scalar; `None` if it is of no record-JSON kind.
fn scalar_of(v: &Bound<'_, PyAny>) -> Option<Scalar> {
    if v.is_none() {
        return Some(Scalar::Null);
    }
    if let Ok(b) = v.cast::<PyBool>() {
        return Some(Scalar::Bool(b.is_true()));
    }
    if v.is_instance_of::<PyInt>() {
        if let Ok(x) = v.extract::<i64>() {
            return Some(u64::try_from(x).map_or(Scalar::Int(x), Scalar::Uint));
        }
        return v.extract::<u64>().ok().map(Scalar::Uint);
    }
    if let Ok(x) = v.cast::<PyFloat>() {
        return Some(Scalar::Float(x.value()));
    }
    if let Ok(s) = v.cast::<PyString>() {
        return s.to_cow().ok().map(|s| Scalar::Str(s.into_owned()));
    }
    if let Ok(b) = v.cast::<PyBytes>() {
        return Some(Scalar::Str(hex::encode(b.as_bytes())));
    }
    if let Ok(b) = v.cast::<PyByteArray>() {
        return Some(Scalar::Str(hex::encode(b.to_vec())));
    }
    None
}

/// One record dict as the core's input record; `INVALID_RECORD` at `index` when it is malformed.
fn record_input(item: &Bound<'_, PyAny>, index: usize) -> Result<RecordInput, Error> {
    let bad = Error::new(ErrorKind::InvalidRecord, index);
    let d = item.cast::<PyDict>().map_err(|_| bad)?;
    let get = |key: &str| d.get_item(key).ok().flatten();
    let path = get("path")
        .and_then(|p| p.extract::<String>().ok())
        .ok_or(bad)?;
    let data_type = match get("type") {
        None => None,
        Some(t) if t.is_none() => None,
        Some(t) => Some(t.extract::<String>().map_err(|_| bad)?),
    };
    let value = match get("value") {
        None => Scalar::Null,
        Some(v) => scalar_of(&v).ok_or(bad)?,
    };
    let time = match get("time") {
        None => None,
        Some(t) if t.is_none() => None,
        Some(t) => Some(t.extract::<f64>().map_err(|_| bad)?),
    };
    Ok(RecordInput {
        path,
        data_type,
        value,
        time,
    })
}

/// A list of record dicts as owned, typed records (checked against `model`).
pub(crate) fn records_from_py<M: Model + ?Sized>(
    records: &Bound<'_, PyAny>,
    model: &M,
) -> PyResult<Vec<OwnedRecord>> {
    if records.is_instance_of::<PyDict>() || records.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(
            "records must be a list of record dicts",
        ));
    }
    let mut out = Vec::new();
    for (i, item) in records.try_iter()?.enumerate() {
        let item = item?;
        let owned = record_input(&item, i)
            .and_then(|input| input.resolve(model, i))
            .map_err(codec_error)?;
        out.push(owned);
    }
    Ok(out)
}

/// A JSON value as Python objects (object summaries from the core's serializers).
pub(crate) fn json_to_py<'py>(
    py: Python<'py>,
    v: &serde_json::Value,
) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value as J;
    Ok(match v {
        J::Null => py.None().into_bound(py),
        J::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        J::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any()
            }
        }
        J::String(s) => PyString::new(py, s).into_any(),
        J::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any()
        }
        J::Object(map) => {
            let d = PyDict::new(py);
            for (k, item) in map {
                d.set_item(k, json_to_py(py, item)?)?;
            }
            d.into_any()
        }
    })
}
