//! Arbitrary records survive encode → decode unchanged in every multi-record format (TLV, SenML-CBOR, SenML-JSON,
//! LwM2M-CBOR) and every single-value format that can carry them, and `encoded_len` is exact — the idea of
//! `core/tests/roundtrip.rs`, driven by libFuzzer.
//!
//! Records are typed by the model: objects from a few real uCIFI / core ids and the vendor test object (every type,
//! single and multiple resources, 16-bit ids), values of every type with extremes (integer limits, NaN with
//! payloads, ±inf, −0.0, subnormals, empty and long text and bytes), resources the model does not know (Opaque).
//! Skipped only where a format cannot carry a value: SenML-JSON has no NaN or infinity (value or time) and must
//! refuse those with `INVALID_RECORD`; TLV and LwM2M-CBOR carry no time; TLV needs a single object.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use ucifi_codec::format::{self, Format};
use ucifi_codec::{DataType, ErrorKind, Model, ObjLnk, OwnedRecord, Path, Record, Value};
use ucifi_fuzz::{check_encode, diff, model, VENDOR_OBJECT};

/// Real objects: Device, IPSO temperature, and uCIFI battery, network, LED colour light, water meter, air quality.
const OBJECTS: [u16; 8] = [3, 3303, 3411, 3412, 3420, 3424, 3432, VENDOR_OBJECT];
/// A resource id no object of the table defines: its records are Opaque.
const UNKNOWN_RESOURCE: u16 = 65000;

#[derive(Arbitrary, Debug)]
struct Case {
    /// Index into `OBJECTS` for every record (unless `mixed`).
    object: u8,
    /// Each record picks its own object: the request path is then absent and TLV is skipped.
    mixed: bool,
    /// Every record in instance 0 and the request path at `/O/0` (else `/O`).
    single_instance: bool,
    /// Give every record a time (SenML only).
    timed: bool,
    records: Vec<Rec>,
}

#[derive(Arbitrary, Debug)]
struct Rec {
    object: u8,
    instance: u8,
    /// Index into the object's resources with a value type; 255 = a resource the model does not know.
    resource: u8,
    /// Resource instance id, for multiple resources.
    ri: Ri,
    value: Seed,
    time: F,
}

#[derive(Arbitrary, Debug)]
enum Ri {
    Small(u8),
    Max,
    Any(u16),
}

/// Raw material for a value; converted to the type the model gives the resource.
#[derive(Arbitrary, Debug)]
enum Seed {
    Int(I),
    Float(F),
    Bool(bool),
    Text(String),
    Bytes(Vec<u8>),
    Link(u16, u16),
}

#[derive(Arbitrary, Debug)]
enum I {
    Small(i8),
    Extreme(u8),
    Any(i64),
}

#[derive(Arbitrary, Debug)]
enum F {
    Special(u8),
    Int(i32),
    Decimal(i32, u8),
    Bits(u64),
    Single(u32),
}

const INT_EXTREMES: [i64; 16] = [
    i64::MIN,
    i64::MAX,
    i64::MIN + 1,
    i64::MAX - 1,
    0,
    -1,
    23,
    24,
    -24,
    -25,
    255,
    256,
    -32769,
    1 << 31,
    -(1 << 31) - 1,
    1 << 53,
];

const FLOAT_SPECIALS: [f64; 16] = [
    f64::NAN,
    f64::INFINITY,
    f64::NEG_INFINITY,
    -0.0,
    0.0,
    1.5,
    0.1,
    12.5,
    f64::MAX,
    f64::MIN,
    f64::MIN_POSITIVE,
    5e-324,
    65504.0,
    1e16,
    1e-5,
    9007199254740993.0,
];

impl I {
    fn get(&self) -> i64 {
        match *self {
            I::Small(x) => i64::from(x),
            I::Extreme(i) => INT_EXTREMES[usize::from(i) % INT_EXTREMES.len()],
            I::Any(x) => x,
        }
    }
}

impl F {
    fn get(&self) -> f64 {
        match *self {
            F::Special(i) => FLOAT_SPECIALS[usize::from(i) % FLOAT_SPECIALS.len()],
            F::Int(x) => f64::from(x),
            F::Decimal(m, e) => f64::from(m) / 10f64.powi(i32::from(e % 12)),
            F::Bits(b) => f64::from_bits(b),
            // NaN payloads and signs of binary32 too.
            F::Single(b) => f64::from(f32::from_bits(b)),
        }
    }
}

impl Seed {
    fn entropy(&self) -> u64 {
        match self {
            Seed::Int(i) => i.get() as u64,
            Seed::Float(f) => f.get().to_bits(),
            Seed::Bool(b) => u64::from(*b),
            Seed::Text(s) => s.len() as u64,
            Seed::Bytes(b) => b.iter().fold(0u64, |a, x| a.rotate_left(8) ^ u64::from(*x)),
            Seed::Link(o, i) => (u64::from(*o) << 16) | u64::from(*i),
        }
    }

    fn int(&self) -> i64 {
        match self {
            Seed::Int(i) => i.get(),
            other => other.entropy() as i64,
        }
    }

    fn text(&self) -> String {
        match self {
            Seed::Text(s) => s.clone(),
            Seed::Bytes(b) => String::from_utf8_lossy(b).into_owned(),
            other => other.entropy().to_string(),
        }
    }

    fn bytes(&self) -> Vec<u8> {
        match self {
            Seed::Bytes(b) => b.clone(),
            Seed::Text(s) => s.as_bytes().to_vec(),
            other => other.entropy().to_le_bytes().to_vec(),
        }
    }

    fn owned(&self, t: DataType) -> Option<ucifi_codec::OwnedValue> {
        use ucifi_codec::OwnedValue as V;
        Some(match t {
            DataType::String => V::String(self.text()),
            DataType::Corelnk => V::CoreLnk(self.text()),
            DataType::Integer => V::Integer(self.int()),
            DataType::Time => V::Time(self.int()),
            DataType::Unsigned => V::Unsigned(match self {
                Seed::Int(I::Extreme(i)) => [
                    0,
                    1,
                    23,
                    24,
                    255,
                    256,
                    u64::MAX,
                    u64::MAX - 1,
                    1 << 53,
                    (1 << 53) + 1,
                    1 << 63,
                ][usize::from(*i) % 11],
                other => other.entropy(),
            }),
            DataType::Float => V::Float(match self {
                Seed::Float(f) => f.get(),
                Seed::Int(i) => i.get() as f64,
                other => f64::from_bits(other.entropy()),
            }),
            DataType::Boolean => V::Boolean(match self {
                Seed::Bool(b) => *b,
                other => other.entropy() & 1 == 1,
            }),
            DataType::Opaque => V::Opaque(self.bytes()),
            DataType::Objlnk => V::ObjLnk(match self {
                Seed::Link(o, i) => ObjLnk {
                    object: *o,
                    instance: *i,
                },
                other => {
                    let e = other.entropy();
                    ObjLnk {
                        object: e as u16,
                        instance: (e >> 16) as u16,
                    }
                }
            }),
            DataType::None => return None,
        })
    }
}

fn build(case: &Case) -> (Vec<OwnedRecord>, Option<Path>) {
    let m = model();
    let pick = |i: u8| OBJECTS[usize::from(i) % OBJECTS.len()];
    let case_object = pick(case.object);
    let mut out = Vec::new();
    for r in case.records.iter().take(24) {
        let object = if case.mixed {
            pick(r.object)
        } else {
            case_object
        };
        let Some(def) = m.object(object) else {
            continue;
        };
        let instance = if case.single_instance {
            0
        } else {
            u16::from(r.instance % 3)
        };
        let typed: Vec<_> = def
            .resources
            .iter()
            .filter(|d| d.data_type != DataType::None)
            .collect();
        let (rid, multiple, data_type) =
            match typed.get(usize::from(r.resource) % typed.len().max(1)) {
                Some(d) if r.resource != 255 => (d.id, d.multiple, d.data_type),
                _ => (UNKNOWN_RESOURCE, false, DataType::Opaque),
            };
        let path = if multiple {
            let ri = match r.ri {
                Ri::Small(x) => u16::from(x % 4),
                // 65535 is reserved at every level: the highest usable id is 65534.
                Ri::Max => u16::MAX - 1,
                Ri::Any(x) => x.min(u16::MAX - 1),
            };
            Path::resource_instance_path(object, instance, rid, ri)
        } else {
            Path::resource_path(object, instance, rid)
        };
        let Some(value) = r.value.owned(data_type) else {
            continue;
        };
        let time = case.timed.then(|| r.time.get());
        out.push(OwnedRecord { path, value, time });
    }
    out.sort_by_key(|r| r.path);
    out.dedup_by_key(|r| r.path);
    let request = if case.mixed {
        None
    } else if case.single_instance {
        Some(Path::instance_path(case_object, 0))
    } else {
        Some(Path::object_path(case_object))
    };
    (out, request)
}

fn non_finite(records: &[OwnedRecord]) -> bool {
    records.iter().any(|r| {
        let v = r.as_record();
        matches!(v.value, Value::Float(x) if !x.is_finite())
            || v.time.is_some_and(|t| !t.is_finite())
    })
}

fn round_trip(fmt: Format, records: &[OwnedRecord], request: Option<&Path>, why: &str) {
    let m = model();
    let views: Vec<Record<'_>> = records.iter().map(OwnedRecord::as_record).collect();
    if fmt == Format::SenmlJson && non_finite(records) {
        let e = format::encode_to_vec(fmt, &views, request, m)
            .expect_err("SenML-JSON has no NaN or infinity");
        assert_eq!(e.kind(), ErrorKind::InvalidRecord, "{fmt} {why}: {e}");
        return;
    }
    let bytes = format::encode_to_vec(fmt, &views, request, m)
        .unwrap_or_else(|e| panic!("{fmt} {why}: encode of {records:?} failed: {e}"));
    let len = format::encoded_len(fmt, &views, request, m)
        .unwrap_or_else(|e| panic!("{fmt} {why}: encoded_len failed: {e}"));
    assert_eq!(len, bytes.len(), "{fmt} {why}: encoded_len");
    check_encode(fmt, request, &views, &bytes);
    let back = format::decode_owned(fmt, &bytes, request, m)
        .unwrap_or_else(|e| panic!("{fmt} {why}: decode of {bytes:02x?} failed: {e}"));
    if let Some(d) = diff(records, &back) {
        panic!("{fmt} {why}: {bytes:02x?} decodes differently: {d}");
    }
}

fuzz_target!(|case: Case| {
    let (records, request) = build(&case);
    if records.is_empty() {
        return;
    }
    let untimed: Vec<OwnedRecord> = records
        .iter()
        .map(|r| OwnedRecord {
            time: None,
            ..r.clone()
        })
        .collect();
    for fmt in [Format::SenmlCbor, Format::SenmlJson] {
        round_trip(fmt, &records, request.as_ref(), "");
        round_trip(fmt, &records, None, "(no request path)");
    }
    round_trip(Format::Lwm2mCbor, &untimed, request.as_ref(), "");
    round_trip(Format::Lwm2mCbor, &untimed, None, "(no request path)");
    if request.is_some() {
        round_trip(Format::Tlv, &untimed, request.as_ref(), "");
    }

    // Single-value formats: each record on its own at its own path.
    let m = model();
    for r in untimed.iter().take(4) {
        let one = std::slice::from_ref(r);
        let at = Some(&r.path);
        round_trip(Format::Cbor, one, at, "(single)");
        let unknown = m
            .resource(r.path.object(), r.path.resource().unwrap_or(0))
            .is_none();
        let v = r.as_record().value;
        if !unknown {
            // Text: NaN comes back as the canonical NaN (text has no payload).
            if matches!(v, Value::Float(x) if x.is_nan()) {
                let bytes =
                    format::encode_to_vec(Format::Text, &[r.as_record()], at, m).expect("text NaN");
                let back =
                    format::decode_owned(Format::Text, &bytes, at, m).expect("text NaN back");
                assert!(
                    matches!(back[0].as_record().value, Value::Float(x) if x.is_nan()),
                    "text NaN: {back:?}"
                );
            } else {
                round_trip(Format::Text, one, at, "(single)");
            }
        }
        if matches!(v, Value::Opaque(_)) {
            round_trip(Format::Opaque, one, at, "(single)");
        } else {
            assert!(
                format::encode_to_vec(Format::Opaque, &[r.as_record()], at, m).is_err(),
                "opaque of {v:?}"
            );
        }
    }
});
