//! The peer of the SenML-CBOR benches: a SenML-CBOR decoder written the way a serde-based application writes one.
//!
//! [`decode_senml`] deserializes the pack with `ciborium` into `Vec<`[`SenmlRecord`]`>` (a hand-written
//! `Deserialize`, since derive cannot key fields by the integer labels SenML-CBOR uses; the visitor reads integer
//! keys and the `"vlo"` text key), every text an owned `String`, every number an `f64`. It then resolves the base
//! fields the way RFC 8428 §4.6 says — name `bn + n`, time `bt + t`, numeric value `bv + v` — into
//! `Vec<`[`PeerRecord`]`>` with the name (the LwM2M path) as a `String`. It does not parse paths and knows no
//! object model, so values are untyped; our decoder does both, and checks more.
//!
//! [`parse_value`] is a second, lower bound: ciborium's generic parse into `ciborium::Value`, nothing resolved.
//!
//! ```
//! use ucifi_benches::{peer, DEVICE_SENML_CBOR};
//! let records = peer::decode_senml(&DEVICE_SENML_CBOR).unwrap();
//! assert_eq!(records.len(), 16);
//! assert_eq!(records[0].name, "/3/0/0");
//! assert_eq!(records[0].value, peer::PeerValue::String("Open Mobile Alliance".into()));
//! ```

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

/// One SenML record as read, before base fields are applied (RFC 8428 labels; `bs`, `bver`, `s`, `ut` and unknown
/// labels are skipped).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SenmlRecord {
    /// Base name (label -2).
    pub bn: Option<String>,
    /// Base time (-3).
    pub bt: Option<f64>,
    /// Base unit (-4).
    pub bu: Option<String>,
    /// Base value (-5).
    pub bv: Option<f64>,
    /// Name (0).
    pub n: Option<String>,
    /// Unit (1).
    pub u: Option<String>,
    /// Numeric value (2).
    pub v: Option<f64>,
    /// String value (3).
    pub vs: Option<String>,
    /// Boolean value (4).
    pub vb: Option<bool>,
    /// Time (6).
    pub t: Option<f64>,
    /// Data value (8).
    pub vd: Option<Vec<u8>>,
    /// LwM2M object link value (text key `"vlo"`).
    pub vlo: Option<String>,
}

/// A resolved value.
#[derive(Debug, Clone, PartialEq)]
pub enum PeerValue {
    /// `v` (+ `bv`).
    Number(f64),
    /// `vs`.
    String(String),
    /// `vb`.
    Bool(bool),
    /// `vd`.
    Data(Vec<u8>),
    /// `vlo`.
    ObjLnk(String),
    /// No value field.
    None,
}

/// A resolved record: full name (the LwM2M path, e.g. `/3/0/6/1`), value, unit and time.
#[derive(Debug, Clone, PartialEq)]
pub struct PeerRecord {
    /// `bn + n`.
    pub name: String,
    /// The value.
    pub value: PeerValue,
    /// `u`, else the current `bu`.
    pub unit: Option<String>,
    /// `bt + t`, when either is present.
    pub time: Option<f64>,
}

/// A SenML-CBOR map key: an integer label, or a text label (`"vlo"` and other LwM2M extensions).
enum Label {
    Int(i64),
    Text(Option<&'static str>),
}

impl<'de> Deserialize<'de> for Label {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Label, D::Error> {
        struct LabelVisitor;
        impl Visitor<'_> for LabelVisitor {
            type Value = Label;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a SenML label (integer or text)")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Label, E> {
                Ok(Label::Int(v))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Label, E> {
                i64::try_from(v)
                    .map(Label::Int)
                    .map_err(|_| E::custom("label out of range"))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Label, E> {
                Ok(Label::Text(if v == "vlo" { Some("vlo") } else { None }))
            }
        }
        d.deserialize_any(LabelVisitor)
    }
}

/// A SenML-CBOR number: any CBOR integer or float, as `f64`.
struct Number(f64);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Number, D::Error> {
        struct NumberVisitor;
        impl Visitor<'_> for NumberVisitor {
            type Value = Number;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
                Ok(Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
                Ok(Number(v))
            }
        }
        d.deserialize_any(NumberVisitor)
    }
}

/// A CBOR byte string as `Vec<u8>`.
struct Bytes(Vec<u8>);

impl<'de> Deserialize<'de> for Bytes {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Bytes, D::Error> {
        struct BytesVisitor;
        impl Visitor<'_> for BytesVisitor {
            type Value = Bytes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a byte string")
            }
            fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Bytes, E> {
                Ok(Bytes(v.to_vec()))
            }
            fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<Bytes, E> {
                Ok(Bytes(v))
            }
        }
        d.deserialize_byte_buf(BytesVisitor)
    }
}

impl<'de> Deserialize<'de> for SenmlRecord {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<SenmlRecord, D::Error> {
        struct RecordVisitor;
        impl<'de> Visitor<'de> for RecordVisitor {
            type Value = SenmlRecord;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a SenML record (map)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<SenmlRecord, A::Error> {
                let mut r = SenmlRecord::default();
                while let Some(label) = map.next_key::<Label>()? {
                    match label {
                        Label::Int(-2) => r.bn = Some(map.next_value()?),
                        Label::Int(-3) => r.bt = Some(map.next_value::<Number>()?.0),
                        Label::Int(-4) => r.bu = Some(map.next_value()?),
                        Label::Int(-5) => r.bv = Some(map.next_value::<Number>()?.0),
                        Label::Int(0) => r.n = Some(map.next_value()?),
                        Label::Int(1) => r.u = Some(map.next_value()?),
                        Label::Int(2) => r.v = Some(map.next_value::<Number>()?.0),
                        Label::Int(3) => r.vs = Some(map.next_value()?),
                        Label::Int(4) => r.vb = Some(map.next_value()?),
                        Label::Int(6) => r.t = Some(map.next_value::<Number>()?.0),
                        Label::Int(8) => r.vd = Some(map.next_value::<Bytes>()?.0),
                        Label::Text(Some("vlo")) => r.vlo = Some(map.next_value()?),
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(r)
            }
        }
        d.deserialize_map(RecordVisitor)
    }
}

/// Resolves base fields (RFC 8428 §4.6): name `bn + n`, time `bt + t`, value `bv + v`, unit `u` else `bu`.
pub fn resolve(pack: Vec<SenmlRecord>) -> Vec<PeerRecord> {
    let mut out = Vec::with_capacity(pack.len());
    let (mut bn, mut bt, mut bv, mut bu) = (String::new(), None::<f64>, 0.0, None::<String>);
    for r in pack {
        if let Some(b) = r.bn {
            bn = b;
        }
        if let Some(b) = r.bt {
            bt = Some(b);
        }
        if let Some(b) = r.bv {
            bv = b;
        }
        if r.bu.is_some() {
            bu = r.bu;
        }
        let n = r.n.as_deref().unwrap_or("");
        let mut name = String::with_capacity(bn.len() + n.len());
        name.push_str(&bn);
        name.push_str(n);
        let value = if let Some(v) = r.v {
            PeerValue::Number(bv + v)
        } else if let Some(s) = r.vs {
            PeerValue::String(s)
        } else if let Some(b) = r.vb {
            PeerValue::Bool(b)
        } else if let Some(d) = r.vd {
            PeerValue::Data(d)
        } else if let Some(l) = r.vlo {
            PeerValue::ObjLnk(l)
        } else {
            PeerValue::None
        };
        let time = match (bt, r.t) {
            (None, None) => None,
            (b, t) => Some(b.unwrap_or(0.0) + t.unwrap_or(0.0)),
        };
        out.push(PeerRecord {
            name,
            value,
            unit: r.u.or_else(|| bu.clone()),
            time,
        });
    }
    out
}

/// Decodes a SenML-CBOR pack the serde way: `ciborium` into `Vec<SenmlRecord>`, then [`resolve`].
///
/// # Errors
/// ciborium's error (as text) if the bytes are not a CBOR array of SenML maps.
pub fn decode_senml(bytes: &[u8]) -> Result<Vec<PeerRecord>, String> {
    let pack: Vec<SenmlRecord> = ciborium::de::from_reader(bytes).map_err(|e| e.to_string())?;
    Ok(resolve(pack))
}

/// Parses any CBOR item into a generic `ciborium::Value` (no SenML meaning at all).
///
/// # Errors
/// ciborium's error (as text) if the bytes are not one CBOR item.
pub fn parse_value(bytes: &[u8]) -> Result<ciborium::Value, String> {
    ciborium::de::from_reader(bytes).map_err(|e| e.to_string())
}
