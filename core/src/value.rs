//! Values, data types and records.
//!
//! A [`Value`] borrows strings and opaque bytes from the input frame (zero-copy). A [`Record`] is one path with its
//! value, the model's definition of the resource when the model knows it, and an optional SenML time.
//!
//! ```
//! use ucifi_codec::{DataType, ObjLnk, Value};
//! assert_eq!(Value::Float(12.5).data_type(), DataType::Float);
//! assert_eq!(Value::ObjLnk(ObjLnk::NULL).data_type(), DataType::Objlnk);
//! assert_eq!(DataType::from_name("unsigned"), Some(DataType::Unsigned));
//! ```

use core::fmt;

use crate::error::{Error, ErrorKind};
use crate::path::Path;
use crate::registry::{Model, ResourceDef};

/// The data types, defined with the registry that types every resource (re-exported here and at the crate root).
pub use crate::registry::DataType;

/// An object link: object id and instance id. `FFFF:FFFF` is the null link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ObjLnk {
    /// Object id.
    pub object: u16,
    /// Object instance id.
    pub instance: u16,
}

impl ObjLnk {
    /// The null link `65535:65535`.
    pub const NULL: ObjLnk = ObjLnk {
        object: u16::MAX,
        instance: u16::MAX,
    };

    /// Parses `"oid:iid"`: decimal digits, one `:`, decimal digits, each side at most 65535 (leading zeros allowed).
    ///
    /// One pass over the bytes (no `str::split_once`, no `u16::from_str`, which also reads a sign: a quarter of the
    /// code on Cortex-M).
    pub fn parse(s: &str) -> Option<ObjLnk> {
        let mut t = LinkText::default();
        for &c in s.as_bytes() {
            t.push(c)?;
        }
        t.end()
    }
}

/// The text of an object link read a byte at a time ([`ObjLnk::parse`], and CBOR text split into chunks): the
/// object id once the `:` is read, the id being read and its digit count.
#[derive(Default)]
pub(crate) struct LinkText {
    object: Option<u16>,
    id: u32,
    digits: u32,
}

impl LinkText {
    /// Reads byte `c`; `None` when the text can no longer be an object link.
    pub(crate) fn push(&mut self, c: u8) -> Option<()> {
        if c == b':' && self.object.is_none() && self.digits > 0 {
            self.object = Some(self.id as u16);
            (self.id, self.digits) = (0, 0);
            return Some(());
        }
        let d = c.wrapping_sub(b'0');
        if d > 9 {
            return None;
        }
        self.id = self.id * 10 + u32::from(d);
        if self.id > u32::from(u16::MAX) {
            return None;
        }
        self.digits += 1;
        Some(())
    }

    /// The link, at the end of the text.
    pub(crate) fn end(&self) -> Option<ObjLnk> {
        match self.object {
            Some(object) if self.digits > 0 => Some(ObjLnk {
                object,
                instance: self.id as u16,
            }),
            _ => None,
        }
    }
}

impl fmt::Display for ObjLnk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.object, self.instance)
    }
}

/// A typed value. Strings and opaque data borrow from the input.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    /// Signed integer.
    Integer(i64),
    /// Unsigned integer.
    Unsigned(u64),
    /// Float (kept as f64; f32 on the wire widens exactly).
    Float(f64),
    /// Boolean.
    Boolean(bool),
    /// UTF-8 text.
    String(&'a str),
    /// Raw bytes.
    Opaque(&'a [u8]),
    /// Unix seconds.
    Time(i64),
    /// Object link.
    ObjLnk(ObjLnk),
    /// CoRE link-format text.
    CoreLnk(&'a str),
    /// No value (executable resource, or a Read-Composite name without value).
    None,
}

impl Value<'_> {
    /// The data type this value carries.
    pub const fn data_type(&self) -> DataType {
        match self {
            Value::Integer(_) => DataType::Integer,
            Value::Unsigned(_) => DataType::Unsigned,
            Value::Float(_) => DataType::Float,
            Value::Boolean(_) => DataType::Boolean,
            Value::String(_) => DataType::String,
            Value::Opaque(_) => DataType::Opaque,
            Value::Time(_) => DataType::Time,
            Value::ObjLnk(_) => DataType::Objlnk,
            Value::CoreLnk(_) => DataType::Corelnk,
            Value::None => DataType::None,
        }
    }

    /// Equality that treats two NaNs with the same bits as equal (for round-trip checks).
    pub fn same_as(&self, other: &Value<'_>) -> bool {
        match (self, other) {
            (Value::Float(a), Value::Float(b)) => a.to_bits() == b.to_bits(),
            _ => self == other,
        }
    }
}

/// One decoded (or to-be-encoded) data point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Record<'a> {
    /// Full path of the value: `/O/I/R` or `/O/I/R/RI`.
    pub path: Path,
    /// The value.
    pub value: Value<'a>,
    /// The model's definition of the resource, if the model knows it (names and units come from here).
    pub resource: Option<&'a ResourceDef>,
    /// SenML time in seconds, where the format carries one (absolute when ≥ 2^28, else relative to now).
    pub time: Option<f64>,
}

impl<'a> Record<'a> {
    /// A record with no model definition and no time.
    pub const fn new(path: Path, value: Value<'a>) -> Record<'a> {
        Record {
            path,
            value,
            resource: None,
            time: None,
        }
    }

    /// True when the record names a resource the model does not know (for TLV the value is then its raw bytes, as
    /// opaque). Read-Composite names above resource level (`/3/0`) are never unknown.
    /// Front ends report this as a warning, never as an error.
    pub const fn unknown(&self) -> bool {
        self.resource.is_none() && self.path.len() >= 3
    }

    /// The resource name from the model (`None` without the `registry-names` feature: the tables then hold no
    /// names).
    pub fn name(&self) -> Option<&'a str> {
        self.resource
            .map(ResourceDef::name)
            .filter(|n| cfg!(feature = "registry-names") || !n.is_empty())
    }

    /// The unit from the model, if it gives one.
    pub fn unit(&self) -> Option<&'a str> {
        self.resource.and_then(|r| {
            if r.units().is_empty() {
                None
            } else {
                Some(r.units())
            }
        })
    }
}

/// Checks a value against the model's type for its resource (`at` is the record index for errors): the rule the
/// CBOR-based encoders share.
///
/// A resource the model knows takes values of its type only; an executable one (type none) only [`Value::None`]
/// (written as `null`), else `EXECUTABLE_VALUE`; a resource the model does not know takes any value.
#[cfg_attr(not(any(feature = "lwm2m-cbor", feature = "single")), allow(dead_code))]
pub(crate) fn check_value<M: Model + ?Sized>(
    r: &Record<'_>,
    model: &M,
    at: usize,
) -> Result<(), Error> {
    let def = r
        .path
        .resource()
        .and_then(|rid| model.resource(r.path.object(), rid));
    match def.map(|d| d.data_type()) {
        Some(DataType::None) if r.value != Value::None => {
            Err(Error::new(ErrorKind::ExecutableValue, at))
        }
        Some(t) if t != r.value.data_type() => Err(Error::new(ErrorKind::TypeMismatch, at)),
        _ => Ok(()),
    }
}

#[cfg(feature = "alloc")]
mod owned {
    use alloc::string::{String, ToString};
    use alloc::vec::Vec;

    use super::{ObjLnk, Record, Value};
    use crate::path::Path;
    use crate::registry::Model;

    /// An owned value (what a [`Value`] borrows, held).
    #[derive(Debug, Clone, PartialEq)]
    pub enum OwnedValue {
        /// Signed integer.
        Integer(i64),
        /// Unsigned integer.
        Unsigned(u64),
        /// Float.
        Float(f64),
        /// Boolean.
        Boolean(bool),
        /// Text.
        String(String),
        /// Bytes.
        Opaque(Vec<u8>),
        /// Unix seconds.
        Time(i64),
        /// Object link.
        ObjLnk(ObjLnk),
        /// CoRE link text.
        CoreLnk(String),
        /// No value.
        None,
    }

    /// A record that owns its value.
    #[derive(Debug, Clone, PartialEq)]
    pub struct OwnedRecord {
        /// Path.
        pub path: Path,
        /// Value.
        pub value: OwnedValue,
        /// SenML time, if any.
        pub time: Option<f64>,
    }

    impl OwnedRecord {
        /// An owned copy of a borrowed record (the model link is dropped).
        pub fn from_record(r: &Record<'_>) -> OwnedRecord {
            let value = match r.value {
                Value::Integer(x) => OwnedValue::Integer(x),
                Value::Unsigned(x) => OwnedValue::Unsigned(x),
                Value::Float(x) => OwnedValue::Float(x),
                Value::Boolean(b) => OwnedValue::Boolean(b),
                Value::String(s) => OwnedValue::String(s.to_string()),
                Value::Opaque(b) => OwnedValue::Opaque(b.to_vec()),
                Value::Time(t) => OwnedValue::Time(t),
                Value::ObjLnk(l) => OwnedValue::ObjLnk(l),
                Value::CoreLnk(s) => OwnedValue::CoreLnk(s.to_string()),
                Value::None => OwnedValue::None,
            };
            OwnedRecord {
                path: r.path,
                value,
                time: r.time,
            }
        }

        /// A borrowed view (no model link; encoders look the model up themselves).
        pub fn as_record(&self) -> Record<'_> {
            let value = match &self.value {
                OwnedValue::Integer(x) => Value::Integer(*x),
                OwnedValue::Unsigned(x) => Value::Unsigned(*x),
                OwnedValue::Float(x) => Value::Float(*x),
                OwnedValue::Boolean(b) => Value::Boolean(*b),
                OwnedValue::String(s) => Value::String(s),
                OwnedValue::Opaque(b) => Value::Opaque(b),
                OwnedValue::Time(t) => Value::Time(*t),
                OwnedValue::ObjLnk(l) => Value::ObjLnk(*l),
                OwnedValue::CoreLnk(s) => Value::CoreLnk(s),
                OwnedValue::None => Value::None,
            };
            Record {
                path: self.path,
                value,
                resource: None,
                time: self.time,
            }
        }

        /// A borrowed view linked to the model's definition of the resource (for names and units).
        pub fn as_record_in<'m, M: Model + ?Sized>(&'m self, model: &'m M) -> Record<'m> {
            let mut r = self.as_record();
            r.resource = r
                .path
                .resource()
                .and_then(|rid| model.resource(r.path.object(), rid));
            r
        }
    }
}

#[cfg(feature = "alloc")]
pub use owned::{OwnedRecord, OwnedValue};

#[cfg(test)]
mod tests {
    use super::ObjLnk;

    /// The rule `ObjLnk::parse` implements, written with the standard parsers.
    fn by_split(s: &str) -> Option<ObjLnk> {
        let (o, i) = s.split_once(':')?;
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit());
        if !digits(o) || !digits(i) {
            return None;
        }
        Some(ObjLnk {
            object: o.parse().ok()?,
            instance: i.parse().ok()?,
        })
    }

    #[test]
    fn parse_agrees_with_the_standard_parsers() {
        // Every string of up to 6 characters over an alphabet with digits, the separator, signs and others.
        let alphabet = b"019:+- a";
        let mut s = [0u8; 6];
        let mut checked = 0;
        for len in 0..=s.len() {
            let n = alphabet.len().pow(len as u32);
            for mut k in 0..n {
                for c in s.iter_mut().take(len) {
                    *c = alphabet[k % alphabet.len()];
                    k /= alphabet.len();
                }
                let t = core::str::from_utf8(&s[..len]).unwrap();
                assert_eq!(ObjLnk::parse(t), by_split(t), "{t:?}");
                checked += 1;
            }
        }
        assert!(checked > 290_000);
        for t in [
            "65535:65535",
            "65536:0",
            "0:65536",
            "000000065535:00001",
            "99999999999:1",
            "3424:0",
            "1:2:3",
            "١:2",
        ] {
            assert_eq!(ObjLnk::parse(t), by_split(t), "{t:?}");
        }
        assert_eq!(
            ObjLnk::parse("3424:7"),
            Some(ObjLnk {
                object: 3424,
                instance: 7
            })
        );
        assert_eq!(ObjLnk::parse("65535:65535"), Some(ObjLnk::NULL));
    }
}
