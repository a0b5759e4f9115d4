//! `ucifi_codec._ucifi`: the Rust half of the `ucifi_codec` Python package (pyo3, abi3 for CPython 3.9+).
//!
//! Thin by design: every codec rule lives in the `ucifi-codec` core; this crate converts arguments and results.
//! The public Python API is `ucifi_codec/__init__.py`, which wraps these functions:
//!
//! * single frames: [`codec::decode`] → record dicts, [`codec::encode`] → bytes, [`codec::fit`] → frames;
//! * the model: [`model::PyModel`] (`Model`: the registry plus DDF XML), [`model::objects`], [`model::load_ddf`];
//! * batches: [`batch::decode_batch_raw`], [`batch::decode_packed_raw`] and [`envelope::read_export_raw`] build
//!   Arrow buffers ([`arrow::Chunk`]) with the interpreter released; `_arrow.py` wraps them in a `pyarrow.Table`;
//! * errors: [`errors::error_kinds`] feeds the `ErrorCode` enum; failures raise `ucifi_codec.CodecError`.

pub mod arrow;
pub mod batch;
pub mod codec;
mod convert;
pub mod envelope;
mod errors;
mod mem;
pub mod model;
mod rows;
pub mod validate;

use pyo3::prelude::*;

/// The extension module.
#[pymodule(name = "_ucifi")]
mod ucifi_module {
    #[pymodule_export]
    use crate::arrow::Chunk;
    #[pymodule_export]
    use crate::batch::{decode_batch_raw, decode_packed_raw};
    #[pymodule_export]
    use crate::codec::{decode, encode, fit, formats};
    #[pymodule_export]
    use crate::envelope::read_export_raw;
    #[pymodule_export]
    use crate::errors::error_kinds;
    #[pymodule_export]
    use crate::model::{load_ddf, objects, PyModel};
    #[pymodule_export]
    use crate::validate::validate_raw;

    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))
    }
}
