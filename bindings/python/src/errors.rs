//! `CodecError`: the core's [`Error`] (kind + offset) raised as the Python exception defined in
//! `ucifi_codec/_errors.py` (a `ValueError` with `.code`, an `ErrorCode` member, and `.offset`).

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;
use ucifi_codec::Error;

static CODEC_ERROR: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `CodecError(message, code, offset)` with the core's message.
pub(crate) fn codec_error(e: Error) -> PyErr {
    codec_error_message(e, &e.to_string())
}

/// `CodecError(message, code, offset)` with a message of the caller's.
pub(crate) fn codec_error_message(e: Error, message: &str) -> PyErr {
    Python::attach(|py| {
        let class = match CODEC_ERROR.import(py, "ucifi_codec._errors", "CodecError") {
            Ok(c) => c,
            Err(err) => return err,
        };
        match class.call1((message, e.kind().code(), e.offset())) {
            Ok(obj) => PyErr::from_value(obj),
            Err(err) => err,
        }
    })
}

/// `[(name, code), ...]` for every error kind, in code order: the members of `ErrorCode`.
#[pyfunction]
pub fn error_kinds() -> Vec<(&'static str, u16)> {
    ucifi_codec::ErrorKind::ALL
        .iter()
        .map(|k| (k.name(), k.code()))
        .collect()
}
