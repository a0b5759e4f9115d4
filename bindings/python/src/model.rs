//! `Model`: the built-in object registry plus OMA DDF XML definitions loaded at run time, and `objects()`.

use std::path::PathBuf;

use pyo3::exceptions::{PyKeyError, PyOSError};
use pyo3::prelude::*;
use pyo3::types::PyList;
use ucifi_codec::json::ObjectJson;
use ucifi_codec::registry::DdfModel;
use ucifi_codec::Model as _;

use crate::convert::json_to_py;
use crate::errors::codec_error;

/// `(callable, args)` for pickle: `Model._restore([(kind, text), ...])`.
type Reduced<'py> = (Bound<'py, PyAny>, (Vec<(String, String)>,));

/// Where a loaded definition came from, kept so a model can be pickled (Dask workers) and rebuilt.
#[derive(Debug, Clone)]
enum Source {
    Xml(String),
    Path(PathBuf),
}

/// An object model: the built-in registry, with DDF XML definitions loaded over it.
///
/// A loaded definition replaces the built-in object with the same ObjectID (and a later load an earlier one).
/// Definitions live until the process ends: load them once, not per frame.
#[pyclass(module = "ucifi_codec._ucifi", name = "Model")]
#[derive(Debug, Clone, Default)]
pub struct PyModel {
    /// The core model.
    pub(crate) inner: DdfModel,
    sources: Vec<Source>,
}

impl PyModel {
    fn load_source(&mut self, source: Source) -> PyResult<usize> {
        let n = match &source {
            Source::Xml(xml) => self.inner.load_str(xml).map_err(codec_error)?,
            Source::Path(p) => self.inner.load_path(p).map_err(|e| match e.io {
                Some(io) => PyOSError::new_err(format!("{}: {io}", e.path.display())),
                None => crate::errors::codec_error_message(e.error(), &e.to_string()),
            })?,
        };
        self.sources.push(source);
        Ok(n)
    }
}

#[pymethods]
impl PyModel {
    /// A model with the built-in objects, plus the DDF XML documents in `ddf` (one text, or several).
    #[new]
    #[pyo3(signature = (ddf = None))]
    fn new(ddf: Option<&Bound<'_, PyAny>>) -> PyResult<PyModel> {
        let mut model = PyModel::default();
        if let Some(ddf) = ddf {
            if let Ok(text) = ddf.extract::<String>() {
                model.load_source(Source::Xml(text))?;
            } else {
                for doc in ddf.try_iter()? {
                    model.load_source(Source::Xml(doc?.extract::<String>()?))?;
                }
            }
        }
        Ok(model)
    }

    /// Loads every object of one DDF XML document; returns how many. Nothing is loaded when it is invalid
    /// (`CodecError` `INVALID_DDF` with the byte offset in the text).
    fn load_ddf(&mut self, xml: String) -> PyResult<usize> {
        self.load_source(Source::Xml(xml))
    }

    /// Loads a DDF file, or every `*.xml` file of a directory; returns how many objects were loaded.
    fn load_path(&mut self, path: PathBuf) -> PyResult<usize> {
        self.load_source(Source::Path(path))
    }

    /// Every object (without resources unless `resources`), or object `id` with its resources.
    #[pyo3(signature = (id = None, resources = false))]
    fn objects<'py>(
        &self,
        py: Python<'py>,
        id: Option<u16>,
        resources: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        objects_of(py, &self.inner, id, resources)
    }

    /// The ids of the objects loaded from DDF XML.
    fn loaded(&self) -> Vec<u16> {
        self.inner.loaded().map(|o| o.id).collect()
    }

    fn __repr__(&self) -> String {
        format!("Model(loaded={:?})", self.loaded())
    }

    /// Pickle support: the model is rebuilt by loading the same sources again.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Reduced<'py>> {
        let restore = slf.getattr("_restore")?;
        let sources = slf
            .borrow()
            .sources
            .iter()
            .map(|s| match s {
                Source::Xml(x) => ("xml".to_owned(), x.clone()),
                Source::Path(p) => ("path".to_owned(), p.display().to_string()),
            })
            .collect();
        Ok((restore, (sources,)))
    }

    /// Rebuilds a pickled model.
    #[staticmethod]
    fn _restore(sources: Vec<(String, String)>) -> PyResult<PyModel> {
        let mut model = PyModel::default();
        for (kind, text) in sources {
            let source = if kind == "path" {
                Source::Path(PathBuf::from(text))
            } else {
                Source::Xml(text)
            };
            model.load_source(source)?;
        }
        Ok(model)
    }
}

/// `objects()` over any model: a list of object summaries, or one object with its resources.
pub(crate) fn objects_of<'py>(
    py: Python<'py>,
    model: &DdfModel,
    id: Option<u16>,
    resources: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let to_py = |object, resources| -> PyResult<Bound<'py, PyAny>> {
        let json = serde_json::to_value(ObjectJson { object, resources })
            .map_err(|e| pyo3::exceptions::PyValueError::new_err(e.to_string()))?;
        json_to_py(py, &json)
    };
    match id {
        Some(id) => {
            let object = model
                .object(id)
                .ok_or_else(|| PyKeyError::new_err(format!("object {id} is not in the model")))?;
            to_py(object, true)
        }
        None => {
            let list = PyList::empty(py);
            for object in model.objects() {
                list.append(to_py(object, resources)?)?;
            }
            Ok(list.into_any())
        }
    }
}

/// The object model as dicts: with ``id``, that object with its resources (``None`` if the model does not know
/// it); without, every object (with its resources when ``resources``). ``model``: a :class:`Model` with DDF
/// definitions (default: the built-in registry of uCIFI, LwM2M core and IPSO objects).
///
/// >>> objects(3424)["name"]
/// 'Water meter'
#[pyfunction]
#[pyo3(signature = (id = None, resources = false, model = None))]
pub fn objects<'py>(
    py: Python<'py>,
    id: Option<u16>,
    resources: bool,
    model: Option<PyRef<'py, PyModel>>,
) -> PyResult<Bound<'py, PyAny>> {
    match model {
        Some(m) => objects_of(py, &m.inner, id, resources),
        None => objects_of(py, &DdfModel::new(), id, resources),
    }
}

/// A new :class:`Model`: the built-in objects plus the objects of one OMA DDF XML document (``xml``, the text).
///
/// Raises :class:`CodecError` ``INVALID_DDF`` (``offset`` in the text) when the document is malformed; nothing
/// is loaded then.
#[pyfunction]
pub fn load_ddf(xml: String) -> PyResult<PyModel> {
    let mut model = PyModel::default();
    model.load_source(Source::Xml(xml))?;
    Ok(model)
}

/// The model to use: the caller's, or the built-in registry.
pub(crate) fn model_or_default(model: Option<&PyRef<'_, PyModel>>) -> DdfModel {
    model.map(|m| m.inner.clone()).unwrap_or_default()
}
