//! Record JSON, the form every front end shares (feature `serde`).
//!
//! Output: `{"path": "/3424/0/1", "name": "Cumulated water volume", "unit": "m3", "type": "float", "value": 12.5}`,
//! plus `"unknown": true` when the model does not know the resource and `"time"` where the format carries one.
//! Opaque values are lowercase hex, object links `"oid:iid"`, times integer Unix seconds; floats that are not finite
//! are the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
//!
//! Input ([`RecordInput`]) is the same JSON; `type` may be left out when the model knows the resource, and `name`,
//! `unit` and `unknown` are ignored. [`RecordInput::resolve`] turns it into an [`OwnedRecord`] whose
//! [`as_record`](OwnedRecord::as_record) feeds the encoders.
//!
//! ```
//! use ucifi_codec::json::RecordInput;
//! use ucifi_codec::{Registry, Value};
//! let input: RecordInput = serde_json::from_str(r#"{"path": "/3424/0/1", "value": 12.5}"#).unwrap();
//! let owned = input.resolve(&Registry, 0).unwrap();
//! assert_eq!(owned.as_record().value, Value::Float(12.5));
//! let out = serde_json::to_string(&owned.as_record_in(&Registry)).unwrap();
//! assert_eq!(out, r#"{"path":"/3424/0/1","name":"Cumulated water volume","unit":"m3","type":"float","value":12.5}"#);
//! ```

use alloc::string::{String, ToString};
use core::fmt;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::error::{Error, ErrorKind};
use crate::path::Path;
use crate::registry::Model;
use crate::value::{DataType, ObjLnk, OwnedRecord, OwnedValue, Record, Value};

struct Hex<'a>(&'a [u8]);

impl Serialize for Hex<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&hex::encode(self.0))
    }
}

struct Shown<T: fmt::Display>(T);

impl<T: fmt::Display> Serialize for Shown<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

/// Serializes as the record JSON `value` field.
pub struct JsonValue<'r, 'a>(pub &'r Value<'a>);

impl Serialize for JsonValue<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match *self.0 {
            Value::Integer(x) | Value::Time(x) => s.serialize_i64(x),
            Value::Unsigned(x) => s.serialize_u64(x),
            Value::Float(x) if x.is_nan() => s.serialize_str("NaN"),
            Value::Float(x) if x.is_infinite() => {
                s.serialize_str(if x > 0.0 { "Infinity" } else { "-Infinity" })
            }
            Value::Float(x) => s.serialize_f64(x),
            Value::Boolean(b) => s.serialize_bool(b),
            Value::String(t) | Value::CoreLnk(t) => s.serialize_str(t),
            Value::Opaque(b) => Hex(b).serialize(s),
            Value::ObjLnk(l) => Shown(l).serialize(s),
            Value::None => s.serialize_unit(),
        }
    }
}

impl Serialize for Record<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("path", &Shown(self.path))?;
        if let Some(name) = self.name() {
            m.serialize_entry("name", name)?;
        }
        if let Some(unit) = self.unit() {
            m.serialize_entry("unit", unit)?;
        }
        m.serialize_entry("type", self.value.data_type().name())?;
        m.serialize_entry("value", &JsonValue(&self.value))?;
        if self.unknown() {
            m.serialize_entry("unknown", &true)?;
        }
        if let Some(t) = self.time {
            // Integral times (the usual Unix seconds) as JSON integers, others as numbers.
            if t.abs() < 9_007_199_254_740_992.0
                && (t as i64) as f64 == t
                && !(t == 0.0 && t.is_sign_negative())
            {
                m.serialize_entry("time", &(t as i64))?;
            } else {
                m.serialize_entry("time", &JsonValue(&Value::Float(t)))?;
            }
        }
        m.end()
    }
}

/// A JSON scalar as it came in.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    /// `null` or absent.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A negative integer.
    Int(i64),
    /// A non-negative integer.
    Uint(u64),
    /// A number with a fraction or exponent.
    Float(f64),
    /// A string.
    Str(String),
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON scalar")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(u64::try_from(v).map_or(Scalar::Int(v), Scalar::Uint))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Uint(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Float(v))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Str(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Str(v))
            }
            fn visit_unit<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_none<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
                Scalar::deserialize(d)
            }
        }
        d.deserialize_any(V)
    }
}

/// One record as JSON input (before it is checked).
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct RecordInput {
    /// Path text.
    pub path: String,
    /// Type name; may be left out when the model knows the resource.
    #[serde(rename = "type", default)]
    pub data_type: Option<String>,
    /// The value.
    #[serde(default = "null")]
    pub value: Scalar,
    /// SenML time, if any.
    #[serde(default)]
    pub time: Option<f64>,
}

fn null() -> Scalar {
    Scalar::Null
}

fn float_of(v: &Scalar) -> Option<f64> {
    match v {
        Scalar::Float(x) => Some(*x),
        Scalar::Int(x) => exact_f64(*x as f64, i128::from(*x)),
        Scalar::Uint(x) => exact_f64(*x as f64, i128::from(*x)),
        Scalar::Str(s) => match s.as_str() {
            "NaN" => Some(f64::NAN),
            "Infinity" => Some(f64::INFINITY),
            "-Infinity" => Some(f64::NEG_INFINITY),
            _ => None,
        },
        _ => None,
    }
}

/// `f` if it equals the integer `i` exactly (a JSON integer given for a float must not lose digits).
fn exact_f64(f: f64, i: i128) -> Option<f64> {
    if f.abs() < 1.8e19 && f as i128 == i {
        Some(f)
    } else {
        None
    }
}

impl RecordInput {
    /// Checks the input and types its value; `index` is the record's position, used as the error offset.
    ///
    /// # Errors
    /// `INVALID_RECORD` at `index`: bad path, unknown type name, no type where the model does not know the resource,
    /// or a value of the wrong JSON kind or out of range for the type.
    pub fn resolve<M: Model + ?Sized>(
        &self,
        model: &M,
        index: usize,
    ) -> Result<OwnedRecord, Error> {
        let bad = Error::new(ErrorKind::InvalidRecord, index);
        let path = Path::parse_with_reserved(&self.path).map_err(|_| bad)?;
        if path.is_root() {
            return Err(bad);
        }
        let data_type = match &self.data_type {
            Some(name) => DataType::from_name(name).ok_or(bad)?,
            None => path
                .resource()
                .and_then(|rid| model.resource(path.object(), rid))
                .map(|d| d.data_type)
                .ok_or(bad)?,
        };
        let v = &self.value;
        let value = match (data_type, v) {
            (DataType::Integer, Scalar::Int(x)) => OwnedValue::Integer(*x),
            (DataType::Integer, Scalar::Uint(x)) => {
                OwnedValue::Integer(i64::try_from(*x).map_err(|_| bad)?)
            }
            (DataType::Time, Scalar::Int(x)) => OwnedValue::Time(*x),
            (DataType::Time, Scalar::Uint(x)) => {
                OwnedValue::Time(i64::try_from(*x).map_err(|_| bad)?)
            }
            (DataType::Unsigned, Scalar::Uint(x)) => OwnedValue::Unsigned(*x),
            (DataType::Float, _) => OwnedValue::Float(float_of(v).ok_or(bad)?),
            (DataType::Boolean, Scalar::Bool(b)) => OwnedValue::Boolean(*b),
            (DataType::String, Scalar::Str(s)) => OwnedValue::String(s.clone()),
            (DataType::Corelnk, Scalar::Str(s)) => OwnedValue::CoreLnk(s.clone()),
            (DataType::Opaque, Scalar::Str(s)) => {
                OwnedValue::Opaque(hex::decode(s).map_err(|_| bad)?)
            }
            (DataType::Objlnk, Scalar::Str(s)) => OwnedValue::ObjLnk(ObjLnk::parse(s).ok_or(bad)?),
            (DataType::None, Scalar::Null) => OwnedValue::None,
            _ => return Err(bad),
        };
        Ok(OwnedRecord {
            path,
            value,
            time: self.time,
        })
    }
}

impl Serialize for crate::registry::ResourceDef {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &self.id)?;
        m.serialize_entry("name", self.name)?;
        m.serialize_entry("type", self.data_type.name())?;
        m.serialize_entry("operations", self.operations.as_str())?;
        m.serialize_entry("multiple", &self.multiple)?;
        m.serialize_entry("mandatory", &self.mandatory)?;
        if !self.units.is_empty() {
            m.serialize_entry("unit", self.units)?;
        }
        if let Some(r) = self.range {
            m.serialize_entry("range", &[r.min, r.max])?;
        }
        m.end()
    }
}

/// Serializes an object definition; with `resources` false, only the object's own fields and its resource count.
pub struct ObjectJson<'a> {
    /// The object.
    pub object: &'a crate::registry::ObjectDef,
    /// Include every resource definition.
    pub resources: bool,
}

impl Serialize for ObjectJson<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let o = self.object;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("id", &o.id)?;
        m.serialize_entry("name", o.name)?;
        m.serialize_entry("version", o.version)?;
        m.serialize_entry("lwm2m_version", o.lwm2m_version)?;
        m.serialize_entry("multiple", &o.multiple)?;
        m.serialize_entry("mandatory", &o.mandatory)?;
        m.serialize_entry("ucifi", &o.is_ucifi())?;
        if self.resources {
            m.serialize_entry("resources", o.resources)?;
        } else {
            m.serialize_entry("resource_count", &o.resources.len())?;
        }
        m.end()
    }
}
