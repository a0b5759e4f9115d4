//! SenML-JSON writer: the canonical layout of the CBOR writer (same [`Plan`]), JSON labels, no whitespace.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use super::plan::{Entry, Name, Plan};
use crate::cbor::Number;
use crate::error::Error;
use crate::path::Path;
use crate::registry::Model;
use crate::value::{Record, Value};

/// A finite double in the shortest text that reads back to it, as `ryu` (and serde_json) writes it: always with a
/// `.` or an exponent, so a reader sees a float, not an integer (`1.0`, `0.1`, `1e-6`, `1e16`, `1.5e300`). Plain
/// notation for decimal exponents from −5 up to 15, exponent notation (lowercase `e`, no `+`) outside.
fn float(out: &mut String, x: f64) {
    out.push_str(ryu::Buffer::new().format_finite(x));
}

fn number(out: &mut String, n: Number) {
    match n {
        Number::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Number::Big(u) => {
            let _ = write!(out, "{u}");
        }
        Number::NegBig(n) => {
            let _ = write!(out, "{}", -1 - i128::from(n));
        }
        Number::Float(x) | Number::Wide(x) | Number::WideExact(x) => float(out, x),
    }
}

/// A JSON string literal.
fn string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// base64url without padding.
pub(crate) fn base64url(out: &mut String, data: &[u8]) {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for chunk in data.chunks(3) {
        let mut word = 0u32;
        for (k, b) in chunk.iter().enumerate() {
            word |= u32::from(*b) << (16 - 8 * k);
        }
        for k in 0..=chunk.len() {
            let sextet = (word >> (18 - 6 * k)) & 63;
            if let Some(c) = ALPHABET.get(sextet as usize) {
                out.push(char::from(*c));
            }
        }
    }
}

/// A name: its text needs no escape.
fn name(out: &mut String, name: &Name) {
    string(out, core::str::from_utf8(name.as_bytes()).unwrap_or(""));
}

/// `"label":` after a `,` unless it is the record's first field.
fn key(out: &mut String, first: &mut bool, label: &str) {
    if !*first {
        out.push(',');
    }
    *first = false;
    out.push('"');
    out.push_str(label);
    out.push_str("\":");
}

fn record(out: &mut String, e: &Entry, value: &Value<'_>) {
    let mut first = true;
    let first = &mut first;
    out.push('{');
    if let Some(bn) = &e.bn {
        key(out, first, "bn");
        name(out, bn);
    }
    if let Some(bt) = e.bt {
        key(out, first, "bt");
        number(out, bt);
    }
    if let Some(n) = &e.n {
        key(out, first, "n");
        name(out, n);
    }
    match *value {
        Value::Integer(x) | Value::Time(x) => {
            key(out, first, "v");
            let _ = write!(out, "{x}");
        }
        Value::Unsigned(x) => {
            key(out, first, "v");
            let _ = write!(out, "{x}");
        }
        Value::Float(x) => {
            key(out, first, "v");
            float(out, x);
        }
        Value::String(s) | Value::CoreLnk(s) => {
            key(out, first, "vs");
            string(out, s);
        }
        Value::Boolean(b) => {
            key(out, first, "vb");
            out.push_str(if b { "true" } else { "false" });
        }
        Value::Opaque(d) => {
            key(out, first, "vd");
            out.push('"');
            base64url(out, d);
            out.push('"');
        }
        Value::ObjLnk(l) => {
            key(out, first, "vlo");
            let _ = write!(out, "\"{l}\"");
        }
        Value::None => {}
    }
    if let Some(t) = e.t {
        key(out, first, "t");
        number(out, t);
    }
    out.push('}');
}

/// Encodes `records` as a canonical SenML-JSON pack: the layout of [`encode`](super::encode), JSON labels, no
/// whitespace, `vd` as base64url without padding, floats in the shortest text that reads back to the same double, as
/// `ryu` writes it (always with a `.` or an exponent, so they read back as floats: `1.0`, `0.1`, `1e-6`, `1e16`).
///
/// # Errors
/// Those of [`encode`](super::encode) except `BUFFER_TOO_SMALL`, and `INVALID_RECORD` (with the record index) for a
/// NaN or infinite float or time, which JSON cannot write.
pub fn encode_to_vec<M: Model + ?Sized>(
    records: &[Record<'_>],
    request: Option<&Path>,
    model: &M,
) -> Result<Vec<u8>, Error> {
    let plan = Plan::new(records, request, model, true)?;
    let mut out = String::with_capacity(2 + records.len() * 24);
    out.push('[');
    for (i, r) in records.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        record(&mut out, &plan.entry(i, r), &r.value);
    }
    out.push(']');
    Ok(out.into_bytes())
}
