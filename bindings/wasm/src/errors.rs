//! Errors as JS sees them.
//!
//! A codec [`Error`] becomes a JS `Error` whose `message` is the core's display form
//! (`"UNEXPECTED_END at offset 23: input ends inside an element header or value"`), with `code` (the
//! SCREAMING_SNAKE kind) and `offset` (a byte offset for decoders, a record index for encoders). A wrong JS type in
//! the arguments is a programming error: a plain `TypeError`, without `code`.

use js_sys::Reflect;
use ucifi_codec::Error;
use wasm_bindgen::{JsCast, JsValue};

/// The JS `Error` for a codec error: `message`, `code` and `offset`.
pub(crate) fn codec_error(e: Error) -> JsValue {
    codec_error_with(e, &e.to_string())
}

/// The JS `Error` for a codec error with a message of the caller's (which should still start with the kind).
pub(crate) fn codec_error_with(e: Error, message: &str) -> JsValue {
    let err = js_sys::Error::new(message);
    // Setting a property on a fresh Error cannot fail; a failure would only lose the field.
    let _ = Reflect::set(&err, &"code".into(), &e.kind().name().into());
    let _ = Reflect::set(&err, &"offset".into(), &(e.offset() as f64).into());
    err.into()
}

/// A `TypeError` for arguments of the wrong JS type.
pub(crate) fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// A `RangeError` for numeric arguments out of range.
pub(crate) fn range_error(message: &str) -> JsValue {
    js_sys::RangeError::new(message).into()
}

/// The one-line text of any thrown value, for the `errors` arrays of the TS013 functions: a codec error's message
/// (`CODE at offset N: …`), `"TypeError: …"` for other errors, else the value's string form.
pub(crate) fn to_line(e: &JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        let message = String::from(err.message());
        let coded = Reflect::get(e, &"code".into()).is_ok_and(|c| c.is_string());
        return if coded {
            message
        } else {
            format!("{}: {message}", String::from(err.name()))
        };
    }
    e.as_string().unwrap_or_else(|| format!("{e:?}"))
}
