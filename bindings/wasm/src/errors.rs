//! Errors as JS sees them.
//!
//! A codec [`Error`] becomes a JS `Error` whose `message` is the core's display form
//! (`"UNEXPECTED_END at offset 23: input ends inside an element header or value"`), with `code` (the
//! SCREAMING_SNAKE kind) and `offset` (a byte offset for decoders, a record index for encoders). A wrong JS type in
//! the arguments is a programming error: a plain `TypeError`, without `code`.

use std::fmt::Write as _;

use js_sys::Reflect;
use ucifi_codec::Error;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};

#[wasm_bindgen]
extern "C" {
    /// JS `String(value)`; it throws for an object whose conversion throws.
    #[wasm_bindgen(catch, js_name = String)]
    fn js_string(value: &JsValue) -> Result<String, JsValue>;
}

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
    e.as_string()
        .or_else(|| js_string(e).ok())
        .unwrap_or_else(|| "a value that cannot be shown".to_owned())
}

/// `s` as a JSON string literal, the way JS shows a key: `"Water meter"`. (Rust's `{:?}` would do, but it brings
/// the Unicode tables of `char::escape_debug` into the module.)
pub(crate) fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
