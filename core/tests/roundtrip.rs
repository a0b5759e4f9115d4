//! Property test: arbitrary records (every type, integer extremes, NaN/±inf/−0.0, empty strings and opaque values)
//! survive encode → decode unchanged in every format that can carry them, and `encoded_len` is exact.
//!
//! Inputs come from `arbitrary` over a fixed pseudo-random byte stream, so every run checks the same cases and a
//! failure names its case number.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failed test

use arbitrary::{Arbitrary, Unstructured};
use ucifi_codec::format::{self, Format};
use ucifi_codec::registry::DdfModel;
use ucifi_codec::{ObjLnk, Path, Record, Value};

/// A vendor object with one single and one multiple resource of every type, an executable one, and 16-bit ids
/// (shared with the fuzz targets).
const OBJECT: u16 = 32770;
const DDF: &str = ucifi_testkit::VENDOR_DDF;

/// Resource ids of the test object with whether they are multiple.
const RESOURCES: [(u16, bool); 15] = [
    (0, false),
    (1, false),
    (2, false),
    (3, false),
    (4, false),
    (5, false),
    (6, false),
    (7, false),
    (8, false),
    (10, true),
    (11, true),
    (13, true),
    (15, true),
    (5518, false),
    (6050, false),
];

/// The pseudo-random byte stream `arbitrary` draws from (xorshift64*, fixed seed).
fn stream(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    (0..len)
        .map(|_| {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8
        })
        .collect()
}

fn pick<T: Copy>(u: &mut Unstructured<'_>, choices: &[T]) -> T {
    choices[u.choose_index(choices.len()).unwrap_or(0)]
}

fn int(u: &mut Unstructured<'_>) -> i64 {
    if bool::arbitrary(u).unwrap_or(false) {
        pick(
            u,
            &[
                i64::MIN,
                i64::MAX,
                0,
                -1,
                1,
                127,
                128,
                -128,
                -129,
                32767,
                -32769,
                1 << 31,
                -(1 << 31) - 1,
            ],
        )
    } else {
        i64::arbitrary(u).unwrap_or(0)
    }
}

fn float(u: &mut Unstructured<'_>) -> f64 {
    if bool::arbitrary(u).unwrap_or(false) {
        pick(
            u,
            &[
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
                -0.0,
                0.0,
                1.5,
                0.1,
                12.5,
                f64::MAX,
                f64::MIN_POSITIVE,
                5e-324,
            ],
        )
    } else {
        f64::from_bits(u64::arbitrary(u).unwrap_or(0))
    }
}

/// Owned pieces the records borrow from.
struct Case {
    records: Vec<(Path, Kind)>,
}

enum Kind {
    Int(i64),
    Uint(u64),
    Float(f64),
    Bool(bool),
    Text(String),
    Bytes(Vec<u8>),
    Time(i64),
    Link(ObjLnk),
    Core(String),
}

fn value_for(u: &mut Unstructured<'_>, rid: u16) -> Kind {
    match rid % 10 {
        0 => Kind::Text(String::arbitrary(u).unwrap_or_default()),
        1 => Kind::Int(int(u)),
        2 => Kind::Uint(pick(u, &[0, 1, 255, 256, u64::MAX, 1 << 53, (1 << 53) + 1])),
        3 => Kind::Float(float(u)),
        4 => Kind::Bool(bool::arbitrary(u).unwrap_or(false)),
        5 => Kind::Bytes(Vec::<u8>::arbitrary(u).unwrap_or_default()),
        6 => Kind::Time(int(u)),
        7 => Kind::Link(ObjLnk {
            object: u16::arbitrary(u).unwrap_or(0),
            instance: u16::arbitrary(u).unwrap_or(0),
        }),
        _ => Kind::Core(String::arbitrary(u).unwrap_or_default()),
    }
}

fn case(seed: u64) -> (Case, Path) {
    let bytes = stream(seed, 4096);
    let mut u = Unstructured::new(&bytes);
    let single_instance = bool::arbitrary(&mut u).unwrap_or(false);
    let n = u.int_in_range(1..=12).unwrap_or(1);
    let mut records = Vec::new();
    for _ in 0..n {
        let iid = if single_instance {
            0
        } else {
            u.int_in_range(0..=2).unwrap_or(0)
        };
        let (rid, multiple) = pick(&mut u, &RESOURCES);
        let kind_of = match rid {
            5518 => 6,
            6050 => 3,
            r => r % 10,
        };
        let path = if multiple {
            Path::resource_instance_path(
                OBJECT,
                iid,
                rid,
                pick(&mut u, &[0u16, 1, 7, 255, 256, 65534]),
            )
        } else {
            Path::resource_path(OBJECT, iid, rid)
        };
        records.push((path, value_for(&mut u, kind_of)));
    }
    records.sort_by_key(|r| r.0);
    records.dedup_by(|a, b| a.0 == b.0);
    let request = if single_instance {
        Path::instance_path(OBJECT, 0)
    } else {
        Path::object_path(OBJECT)
    };
    (Case { records }, request)
}

fn view(c: &Case) -> Vec<Record<'_>> {
    c.records
        .iter()
        .map(|(p, k)| {
            let v = match k {
                Kind::Int(x) => Value::Integer(*x),
                Kind::Uint(x) => Value::Unsigned(*x),
                Kind::Float(x) => Value::Float(*x),
                Kind::Bool(b) => Value::Boolean(*b),
                Kind::Text(s) => Value::String(s),
                Kind::Bytes(b) => Value::Opaque(b),
                Kind::Time(t) => Value::Time(*t),
                Kind::Link(l) => Value::ObjLnk(*l),
                Kind::Core(s) => Value::CoreLnk(s),
            };
            Record::new(*p, v)
        })
        .collect()
}

/// Formats that carry a set of records of one object (single-value formats carry one record; tested separately).
fn multi_record_formats() -> Vec<Format> {
    Format::ALL
        .iter()
        .copied()
        .filter(|f| f.multi_record())
        .collect()
}

#[test]
fn arbitrary_records_round_trip_in_every_format() {
    let mut model = DdfModel::new();
    model.load_str(DDF).unwrap();
    let formats = multi_record_formats();
    assert!(formats.contains(&Format::Tlv));
    for seed in 0..3000u64 {
        let (c, request) = case(seed);
        let records = view(&c);
        let non_finite = records
            .iter()
            .any(|r| matches!(r.value, Value::Float(x) if !x.is_finite()));
        for &f in &formats {
            if f == Format::SenmlJson && non_finite {
                // JSON has no NaN or infinity: the encoder must refuse, never write something else.
                let e = format::encode_to_vec(f, &records, Some(&request), &model).unwrap_err();
                assert_eq!(
                    e.kind(),
                    ucifi_codec::ErrorKind::InvalidRecord,
                    "case {seed}"
                );
                continue;
            }
            let bytes = format::encode_to_vec(f, &records, Some(&request), &model)
                .unwrap_or_else(|e| panic!("case {seed} {f}: encode failed: {e}"));
            let len = format::encoded_len(f, &records, Some(&request), &model).unwrap();
            assert_eq!(len, bytes.len(), "case {seed} {f}: encoded_len");
            let back =
                format::decode_owned(f, &bytes, Some(&request), &model).unwrap_or_else(|e| {
                    panic!("case {seed} {f}: decode of {} failed: {e}", hex(&bytes))
                });
            assert_eq!(back.len(), records.len(), "case {seed} {f}");
            for (a, b) in records.iter().zip(&back) {
                let b = b.as_record();
                assert_eq!(a.path, b.path, "case {seed} {f}");
                assert!(
                    a.value.same_as(&b.value),
                    "case {seed} {f}: {:?} came back as {:?}",
                    a.value,
                    b.value
                );
            }
        }
    }
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// Times for the records of case `seed`: absolute, relative (below 2^28), fractional, or one shared time.
fn times(seed: u64, n: usize) -> Vec<f64> {
    let bytes = stream(seed ^ 0x5eed, 64 + 16 * n);
    let mut u = Unstructured::new(&bytes);
    let base = pick(
        &mut u,
        &[
            1_700_000_000.0,
            1_735_732_800.5,
            -3600.0,
            0.0,
            268_435_456.0,
            12.25,
        ],
    );
    let shared = bool::arbitrary(&mut u).unwrap_or(false);
    (0..n)
        .map(|i| {
            if shared {
                base
            } else if bool::arbitrary(&mut u).unwrap_or(false) {
                base + 60.0 * i as f64
            } else {
                let t = float(&mut u);
                if t.is_finite() {
                    t
                } else {
                    base
                }
            }
        })
        .collect()
}

#[test]
fn senml_carries_times_exactly() {
    let mut model = DdfModel::new();
    model.load_str(DDF).unwrap();
    for seed in 0..2000u64 {
        let (c, request) = case(seed);
        let mut records = view(&c);
        for (r, t) in records.iter_mut().zip(times(seed, c.records.len())) {
            r.time = Some(t);
        }
        for f in [Format::SenmlCbor, Format::SenmlJson] {
            if f == Format::SenmlJson
                && records
                    .iter()
                    .any(|r| matches!(r.value, Value::Float(x) if !x.is_finite()))
            {
                continue;
            }
            let bytes = format::encode_to_vec(f, &records, Some(&request), &model)
                .unwrap_or_else(|e| panic!("case {seed} {f}: encode failed: {e}"));
            let back =
                format::decode_owned(f, &bytes, Some(&request), &model).unwrap_or_else(|e| {
                    panic!("case {seed} {f}: decode of {} failed: {e}", hex(&bytes))
                });
            assert_eq!(back.len(), records.len(), "case {seed} {f}");
            for (a, b) in records.iter().zip(&back) {
                let b = b.as_record();
                assert!(a.value.same_as(&b.value), "case {seed} {f}");
                let (ta, tb) = (a.time.map(f64::to_bits), b.time.map(f64::to_bits));
                assert_eq!(
                    ta,
                    tb,
                    "case {seed} {f}: time {:?} came back as {:?} in {}",
                    a.time,
                    b.time,
                    hex(&bytes)
                );
            }
        }
    }
}

#[test]
fn single_value_formats_carry_every_record_alone() {
    let mut model = DdfModel::new();
    model.load_str(DDF).unwrap();
    for seed in 0..1500u64 {
        let (c, _) = case(seed);
        for r in view(&c) {
            let path = r.path;
            let mut formats = vec![Format::Cbor, Format::Text];
            if matches!(r.value, Value::Opaque(_)) {
                formats.push(Format::Opaque);
            }
            for f in formats {
                let bytes = format::encode_to_vec(f, &[r], Some(&path), &model)
                    .unwrap_or_else(|e| panic!("case {seed} {f} {path}: encode failed: {e}"));
                assert_eq!(
                    format::encoded_len(f, &[r], Some(&path), &model).unwrap(),
                    bytes.len()
                );
                let back =
                    format::decode_owned(f, &bytes, Some(&path), &model).unwrap_or_else(|e| {
                        panic!(
                            "case {seed} {f} {path}: decode of {} failed: {e}",
                            hex(&bytes)
                        )
                    });
                let b = back[0].as_record();
                // Plain text writes every NaN as "NaN": the sign and payload of a NaN are not carried.
                let same = match (r.value, b.value) {
                    (Value::Float(x), Value::Float(y)) if f == Format::Text && x.is_nan() => {
                        y.is_nan()
                    }
                    (x, y) => x.same_as(&y),
                };
                assert!(
                    same,
                    "case {seed} {f} {path}: {:?} came back as {:?}",
                    r.value, b.value
                );
            }
        }
    }
}
