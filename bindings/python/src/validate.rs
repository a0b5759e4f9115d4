//! `validate_raw`: the core's conformance report of one device's frames, as the report JSON text (or the text
//! report); `ucifi_codec.validate` and `validate_batch` (`_validate.py`) wrap it.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use ucifi_codec::validate::{validate, Source};

use crate::convert::{parse_format, parse_path};
use crate::model::{model_or_default, PyModel};

/// One frame: its bytes, and its fPort or its format and request path.
type Frame = (Vec<u8>, Option<i64>, Option<String>, Option<String>);

/// Validates one device's `frames` against the model; returns the report as JSON text, or the text report when
/// `text`. The interpreter is released while the frames are checked.
#[pyfunction]
#[pyo3(signature = (frames, device = None, text = false, model = None))]
pub fn validate_raw(
    py: Python<'_>,
    frames: Vec<Frame>,
    device: Option<String>,
    text: bool,
    model: Option<PyRef<'_, PyModel>>,
) -> PyResult<String> {
    let model = model_or_default(model.as_ref());
    let mut list = Vec::with_capacity(frames.len());
    for (i, (bytes, fport, format, path)) in frames.into_iter().enumerate() {
        let source = match (fport, format) {
            (Some(p), None) => Source::Port(u8::try_from(p).map_err(|_| {
                PyValueError::new_err(format!("frame {i}: fport {p} is not in 0..255"))
            })?),
            (None, Some(f)) => Source::Format(parse_format(&f)?, parse_path(path.as_deref())?),
            _ => {
                return Err(PyValueError::new_err(format!(
                    "frame {i}: give either fport or format (and path)"
                )))
            }
        };
        list.push((bytes, source));
    }
    py.detach(|| {
        let mut report = validate(&model, list.iter().map(|(b, s)| (&b[..], *s)));
        report.device = device;
        if text {
            Ok(report.to_text())
        } else {
            serde_json::to_string(&report).map_err(|e| PyValueError::new_err(e.to_string()))
        }
    })
}
