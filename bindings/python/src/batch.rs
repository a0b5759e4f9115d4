//! Batch decoding into Arrow buffers: many frames in one call, the interpreter released while the core decodes.
//!
//! Every frame goes through the zero-copy `format::decode_each` into [`Rows`]; a frame that fails becomes one
//! error row (kind and offset), never a failed batch. Python turns the returned chunks into a `pyarrow.Table`
//! (`ucifi_codec/_arrow.py`).

use std::borrow::Cow;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyString;
use pyo3::types::{PyBytes, PyDict, PyList};
use ucifi_codec::format::{self, Format};
use ucifi_codec::lorawan::port::{PortEntry, PortTable, Request, Target};
use ucifi_codec::registry::DdfModel;
use ucifi_codec::senml::Shape;
use ucifi_codec::{Error, ErrorKind, Path, Record, Value};

/// The records of a SenML-CBOR frame read into a stack array (a LoRaWAN frame of 242 bytes holds fewer).
const SHAPE_RECORDS: usize = 32;

/// What a SenML-CBOR frame is read into: its records, or only its values when it repeats the shape's structure.
pub(crate) struct Scratch<'b> {
    records: [Record<'b>; SHAPE_RECORDS],
    values: [Value<'b>; SHAPE_RECORDS],
}

impl Scratch<'_> {
    pub fn new() -> Self {
        Scratch {
            records: [Record::new(Path::object_path(0), Value::None); SHAPE_RECORDS],
            values: [Value::None; SHAPE_RECORDS],
        }
    }
}

use crate::arrow::Chunk;
use crate::codec::target;
use crate::convert::parse_ports;
use crate::mem::Column;
use crate::model::{model_or_default, PyModel};
use crate::rows::{error_kind_names, type_names, Names, Rows, Template, MAX_FRAME};

/// How each frame of a batch is read.
#[derive(Debug, Clone)]
pub(crate) enum Mode {
    /// Every frame in one format at one request path.
    Fixed(Target),
    /// Each frame by its fPort (the port convention, user entries over the defaults).
    Ports(Vec<PortEntry>),
}

impl Mode {
    /// From the Python arguments: `format` (and `path`) wins; else the fPort convention.
    pub fn new(
        format: Option<&str>,
        path: Option<&str>,
        ports: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Mode> {
        let entries = parse_ports(ports)?;
        if format.is_some() && ports.is_some() {
            return Err(PyValueError::new_err(
                "give format (and path) or ports (the fPort table), not both",
            ));
        }
        match format {
            Some(f) => Ok(Mode::Fixed(target(Some(f), path, None, &entries)?)),
            None if path.is_some() => Err(PyValueError::new_err("path needs format")),
            None => Ok(Mode::Ports(entries)),
        }
    }
}

/// Decodes frames into rows, chunk after chunk.
pub(crate) struct Decoder<'m> {
    mode: Mode,
    model: &'m DdfModel,
    /// The structure of the last SenML-CBOR frame: a frame repeating it is read from its values
    /// (`senml::Shape`, the same records and errors as the full reader).
    shape: Box<Shape<'m, DdfModel>>,
    /// The rows of the shape's structure.
    template: Template,
    names: Names,
    rows: Rows,
    chunks: Vec<Chunk>,
    /// Frames still to come (a hint for reserving rows), and frames seen so far.
    expected: usize,
    seen: usize,
}

impl<'m> Decoder<'m> {
    /// A decoder reading about `frames` frames as `mode` says, typed by `model`.
    pub fn new(mode: Mode, model: &'m DdfModel, frames: usize) -> Decoder<'m> {
        Decoder {
            mode,
            model,
            shape: Box::default(),
            template: Template::default(),
            names: Names::default(),
            rows: Rows::new(),
            chunks: Vec::new(),
            expected: frames,
            seen: 0,
        }
    }

    /// After the first frames, reserves rows for the rest at the rate seen so far (capped: a guess, not a limit).
    fn plan(&mut self) {
        self.seen += 1;
        if self.seen == 16 || self.seen == 1024 {
            let rate = self.rows.len().div_ceil(self.seen);
            let rest = self.expected.saturating_sub(self.seen);
            self.rows.reserve(rate.saturating_mul(rest).min(1 << 24));
        }
    }

    /// Decodes frame number `index` (received on `fport`, if known) into rows, or one error row.
    pub fn frame(&mut self, index: i32, bytes: &[u8], fport: Option<i64>) {
        self.frame_in(index, bytes, fport, &mut Scratch::new());
    }

    /// [`Decoder::frame`] with the array SenML-CBOR records are read into given (kept across frames: filling a new
    /// one costs as much as reading a frame of repeated shape).
    pub fn frame_in<'b>(
        &mut self,
        index: i32,
        bytes: &'b [u8],
        fport: Option<i64>,
        buffer: &mut Scratch<'b>,
    ) where
        'm: 'b,
    {
        if self.rows.full_for(bytes.len()) && self.rows.len() > 0 {
            let rows = std::mem::replace(&mut self.rows, Rows::new());
            self.chunks.push(rows.finish());
        }
        let before = self.rows.len();
        let result = match &self.mode {
            Mode::Fixed(target) => Ok(*target),
            Mode::Ports(entries) => fport
                .and_then(|p| u8::try_from(p).ok())
                .ok_or(Error::new(ErrorKind::UnknownPort, 0))
                .and_then(|p| PortTable::with_entries(entries).resolve(Request::Port(p))),
        }
        .and_then(|target| self.decode(&target, bytes, buffer));
        match result {
            Ok(_) => self.rows.count_rows(index, self.rows.len() - before),
            Err(e) => self.rows.push_error(index, e),
        }
        self.plan();
    }

    /// Decodes `bytes` as `target` says into rows (none unless the whole frame is valid). SenML-CBOR goes through
    /// the shape of the frames before (`senml::Shape`), into `buffer`, then into rows.
    fn decode<'b>(
        &mut self,
        target: &Target,
        bytes: &'b [u8],
        buffer: &mut Scratch<'b>,
    ) -> Result<usize, Error>
    where
        'm: 'b,
    {
        let (rows, names) = (&mut self.rows, &mut self.names);
        if target.format == Format::SenmlCbor {
            let (path, shape) = (target.path.as_ref(), &mut self.shape);
            if let Some(n) = shape.values(bytes, path, self.model, &mut buffer.values) {
                let (generation, kept) = shape.kept();
                if self.template.generation != Some(generation) {
                    self.template.build(generation, kept, names);
                }
                rows.push_template(&self.template, buffer.values.get(..n).unwrap_or_default());
                return Ok(n);
            }
            match shape.decode_into(bytes, path, self.model, &mut buffer.records) {
                Ok(n) => {
                    for r in buffer.records.iter().take(n) {
                        rows.push_record(r, names);
                    }
                    return Ok(n);
                }
                // A pack of more records than the array: read as any other format.
                Err(e) if e.kind() == ErrorKind::BufferTooSmall => {}
                Err(e) => return Err(e),
            }
        }
        target.decode_each(bytes, self.model, |r| rows.push_record(&r, names))
    }

    /// Adds the error row of frame `index` (a frame that could not even be read, e.g. bad JSON or base64).
    pub fn error(&mut self, index: i32, e: Error) {
        self.rows.push_error(index, e);
    }

    /// The chunks and the name / unit dictionaries.
    pub fn finish(mut self) -> (Vec<Chunk>, Names) {
        if self.rows.len() > 0 || self.chunks.is_empty() {
            self.chunks.push(self.rows.finish());
        }
        (self.chunks, self.names)
    }
}

/// The batch result as Python: `{"chunks": [Chunk], "dictionaries": {name: [str]}, "frames": Chunk | None}`.
pub(crate) fn result_to_py<'py>(
    py: Python<'py>,
    chunks: Vec<Chunk>,
    names: &Names,
    frames: Option<Chunk>,
    extra: &[(&str, &[String])],
) -> PyResult<Bound<'py, PyDict>> {
    let list = PyList::empty(py);
    for c in chunks {
        list.append(Bound::new(py, c)?)?;
    }
    let dicts = PyDict::new(py);
    dicts.set_item("name", names.names.values())?;
    dicts.set_item("unit", names.units.values())?;
    dicts.set_item("type", type_names())?;
    dicts.set_item("error_kind", error_kind_names())?;
    for (key, values) in extra {
        dicts.set_item(*key, *values)?;
    }
    let out = PyDict::new(py);
    out.set_item("chunks", list)?;
    out.set_item("dictionaries", dicts)?;
    match frames {
        Some(f) => out.set_item("frames", Bound::new(py, f)?)?,
        None => out.set_item("frames", py.None())?,
    }
    Ok(out)
}

/// A frame index as the `frame` column's `int32`.
pub(crate) fn frame_index(i: usize) -> PyResult<i32> {
    i32::try_from(i).map_err(|_| PyValueError::new_err("more than 2**31 - 1 frames in one batch"))
}

/// A frame without an fPort in the fPorts column.
const NO_PORT: i64 = i64::MIN;

/// The fPorts argument as one int64 per frame ([`NO_PORT`]: none): packed little-endian int64 (`i64::MIN` = none) or
/// a sequence of ints / None.
fn fports_of(fports: Option<&Bound<'_, PyAny>>, n: usize) -> PyResult<Option<Column<i64>>> {
    let Some(fports) = fports else {
        return Ok(None);
    };
    let mut ports = Column::with_capacity(n);
    if let Ok(b) = fports.cast::<PyBytes>() {
        ports.extend_exact(b.as_bytes().chunks_exact(8).map(|c| {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            i64::from_le_bytes(word)
        }));
    } else {
        for p in fports.try_iter()? {
            let port = p
                .and_then(|p| p.extract::<Option<i64>>())
                .map_err(|_| PyTypeError::new_err("fports must be a sequence of ints (or None)"))?;
            ports.push(port.unwrap_or(NO_PORT));
        }
    }
    if ports.len() != n {
        return Err(PyValueError::new_err(format!(
            "{} fports for {n} payloads",
            ports.len()
        )));
    }
    Ok(Some(ports))
}

/// The mode of a batch call: `format` (and `path`) for every frame, or `fports` through the port table — not both.
fn batch_mode(
    format: Option<&str>,
    path: Option<&str>,
    fports: Option<&Bound<'_, PyAny>>,
    ports: Option<&Bound<'_, PyAny>>,
) -> PyResult<Mode> {
    if format.is_some() && fports.is_some() {
        return Err(PyValueError::new_err(
            "give format (and path) or fports, not both: with format every frame is read in that format",
        ));
    }
    let mode = Mode::new(format, path, ports)?;
    if matches!(mode, Mode::Ports(_)) && fports.is_none() {
        return Err(PyTypeError::new_err("give format (and path) or fports"));
    }
    Ok(mode)
}

/// A frame given as text (hex or base64, as CSV exports hold them), or the error row it becomes.
fn text_frame(text: &str) -> Result<Cow<'static, [u8]>, Error> {
    format::decode_frame_text(text).map(Cow::Owned)
}

/// Frames converted, then decoded with the interpreter released, at a time: the converted frames are a small heap
/// block reused from block to block, not a vector of the batch's size written afresh each call.
const FRAME_BLOCK: usize = 2048;

/// Decodes the `n` frames `frame_at` gives (bytes, or the error of a frame that could not be read; called with the
/// interpreter held), block after block with the interpreter released.
fn decode_frames<'py, 'f>(
    py: Python<'py>,
    mode: Mode,
    model: DdfModel,
    n: usize,
    mut frame_at: impl FnMut(usize) -> PyResult<Result<Cow<'f, [u8]>, Error>>,
    fports: Option<&Column<i64>>,
) -> PyResult<Bound<'py, PyDict>> {
    frame_index(n)?;
    let mut decoder = Decoder::new(mode, &model, n);
    let mut block: Vec<Result<Cow<'f, [u8]>, Error>> = Vec::with_capacity(n.min(FRAME_BLOCK));
    let mut start = 0;
    while start < n {
        let end = n.min(start + FRAME_BLOCK);
        block.clear();
        for i in start..end {
            block.push(frame_at(i)?);
        }
        let ports = fports.map(|p| p.as_slice().get(start..end).unwrap_or_default());
        py.detach(|| {
            let mut buffer = Scratch::new();
            for (k, frame) in block.iter().enumerate() {
                let i = (start + k) as i32;
                let fport = ports
                    .and_then(|p| p.get(k).copied())
                    .filter(|&p| p != NO_PORT);
                match frame {
                    Ok(bytes) => decoder.frame_in(i, bytes, fport, &mut buffer),
                    Err(e) => decoder.error(i, *e),
                }
            }
        });
        start = end;
    }
    let (chunks, names) = py.detach(|| decoder.finish());
    result_to_py(py, chunks, &names, None, &[])
}

fn check_size(i: usize, len: usize) -> PyResult<()> {
    if len > MAX_FRAME {
        return Err(PyValueError::new_err(format!(
            "payload {i} has {len} bytes; a batch takes frames of at most {MAX_FRAME}"
        )));
    }
    Ok(())
}

/// Decodes a sequence of payloads (bytes-like or None) into Arrow chunks.
#[pyfunction]
#[pyo3(signature = (payloads, format = None, path = None, fports = None, ports = None, model = None))]
pub fn decode_batch_raw<'py>(
    py: Python<'py>,
    payloads: &Bound<'py, PyAny>,
    format: Option<&str>,
    path: Option<&str>,
    fports: Option<&Bound<'py, PyAny>>,
    ports: Option<&Bound<'py, PyAny>>,
    model: Option<PyRef<'py, PyModel>>,
) -> PyResult<Bound<'py, PyDict>> {
    let mode = batch_mode(format, path, fports, ports)?;
    let items: Vec<Bound<'py, PyAny>> = payloads.try_iter()?.collect::<PyResult<_>>()?;
    let fports = fports_of(fports, items.len())?;
    let model = model_or_default(model.as_ref());
    let frame_at = |i: usize| -> PyResult<Result<Cow<'_, [u8]>, Error>> {
        let Some(item) = items.get(i) else {
            return Ok(Ok(Cow::Borrowed(&[])));
        };
        let bytes: Result<Cow<'_, [u8]>, Error> = if item.is_none() {
            Ok(Cow::Borrowed(&[]))
        } else if let Ok(b) = item.cast::<PyBytes>() {
            Ok(Cow::Borrowed(b.as_bytes()))
        } else if let Ok(s) = item.cast::<PyString>() {
            text_frame(&s.to_cow()?)
        } else if let Ok(v) = item.extract::<Cow<'_, [u8]>>() {
            Ok(v)
        } else {
            // Any other buffer-protocol object (memoryview, array.array, numpy bytes), copied.
            let view = py.import("builtins")?.getattr("memoryview")?.call1((item,));
            let copied = view.and_then(|v| v.call_method0("tobytes")).map_err(|_| {
                PyTypeError::new_err(format!(
                    "payload {i} is not bytes-like nor a hex or base64 string"
                ))
            })?;
            Ok(Cow::Owned(copied.extract::<Vec<u8>>()?))
        };
        if let Ok(b) = &bytes {
            check_size(i, b.len())?;
        }
        Ok(bytes)
    };
    decode_frames(py, mode, model, items.len(), frame_at, fports.as_ref())
}

/// Decodes payloads packed as one data buffer and `n + 1` little-endian int64 offsets (a pyarrow binary column; with
/// `text`, a string column of hex or base64 frames).
#[pyfunction]
#[pyo3(signature = (data, offsets, format = None, path = None, fports = None, ports = None, model = None, text = false))]
#[allow(clippy::too_many_arguments)]
pub fn decode_packed_raw<'py>(
    py: Python<'py>,
    data: &Bound<'py, PyBytes>,
    offsets: &Bound<'py, PyBytes>,
    format: Option<&str>,
    path: Option<&str>,
    fports: Option<&Bound<'py, PyAny>>,
    ports: Option<&Bound<'py, PyAny>>,
    model: Option<PyRef<'py, PyModel>>,
    text: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let mode = batch_mode(format, path, fports, ports)?;
    let data = data.as_bytes();
    let offsets = offsets.as_bytes();
    let offset = |i: usize| {
        let mut word = [0u8; 8];
        if let Some(c) = offsets.get(8 * i..8 * i + 8) {
            word.copy_from_slice(c);
        }
        usize::try_from(i64::from_le_bytes(word)).unwrap_or(usize::MAX)
    };
    let n = (offsets.len() / 8).saturating_sub(1);
    let fports = fports_of(fports, n)?;
    let model = model_or_default(model.as_ref());
    let frame_at = |i: usize| -> PyResult<Result<Cow<'_, [u8]>, Error>> {
        let frame = data
            .get(offset(i)..offset(i + 1))
            .ok_or_else(|| PyValueError::new_err(format!("offsets of payload {i} out of range")))?;
        let frame: Result<Cow<'_, [u8]>, Error> = if text {
            std::str::from_utf8(frame)
                .map_err(|e| Error::new(ErrorKind::InvalidHex, e.valid_up_to()))
                .and_then(text_frame)
        } else {
            Ok(Cow::Borrowed(frame))
        };
        if let Ok(b) = &frame {
            check_size(i, b.len())?;
        }
        Ok(frame)
    };
    decode_frames(py, mode, model, n, frame_at, fports.as_ref())
}
