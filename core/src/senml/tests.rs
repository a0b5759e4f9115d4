//! SenML-CBOR tests: the LwM2M Device example against TLV, canonical encoding, round trips of every type, and every
//! decoder and encoder error with its exact offset.

// Helpers outside #[test] functions unwrap and index too.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use super::*;
use crate::path::Path;
use crate::registry::{ObjectDef, Operations, Registry, ResourceDef};
use crate::value::{DataType, ObjLnk, Record, Value};
use std::vec::Vec;

/// LwM2M Core 1.1.1 §7.4.5, Read /3/0 as SenML-CBOR (196 bytes).
#[cfg(any(feature = "tlv", feature = "senml-json"))]
pub(super) const DEVICE_SENML: &str = "90a321652f332f302f00613003744f70656e204d6f62696c6520416c6c69616e6365a200613103764c69676874776569676874204d324d20436c69656e74a20061320369333435303030313233a20061330363312e30a20063362f300201a20063362f310205a20063372f3002190ed8a20063372f3102191388a20063382f3002187da20063382f3102190384a2006139021864a200623130020fa2006431312f300200a200623133021a5182428fa20062313403662b30323a3030a200623136036155";
/// The same data as TLV (LwM2M 1.0 §6.4.3.1, 121 bytes).
#[cfg(feature = "tlv")]
pub(super) const DEVICE_TLV: &str = "c800144f70656e204d6f62696c6520416c6c69616e6365c801164c69676874776569676874204d324d20436c69656e74c80209333435303030313233c303312e30860641000141010588070842000ed842011388870841007d42010384c10964c10a0f830b410000c40d5182428fc60e2b30323a3030c11055";

/// Hex text (spaces allowed) as bytes; `hex::decode_to_slice`, which needs no `alloc`.
pub(super) fn bytes(hex_text: &str) -> Vec<u8> {
    let digits: Vec<u8> = hex_text.bytes().filter(|&c| c != b' ').collect();
    let mut out = vec![0u8; digits.len() / 2];
    hex::decode_to_slice(&digits, &mut out).unwrap();
    out
}

const fn res(id: u16, data_type: DataType) -> ResourceDef {
    let operations = if matches!(data_type, DataType::None) {
        Operations::E
    } else {
        Operations::RW
    };
    ResourceDef::new(id, data_type, operations, false, false).with_text("test", "", None)
}

/// Object 9999: resource `k` has type `DataType::ALL[k]` (0 String … 8 Corelnk, 9 none).
static TEST_OBJECT: ObjectDef = ObjectDef::new(
    9999,
    true,
    false,
    &[
        res(0, DataType::String),
        res(1, DataType::Integer),
        res(2, DataType::Unsigned),
        res(3, DataType::Float),
        res(4, DataType::Boolean),
        res(5, DataType::Opaque),
        res(6, DataType::Time),
        res(7, DataType::Objlnk),
        res(8, DataType::Corelnk),
        res(9, DataType::None),
    ],
)
.with_text("test", "1.0", "1.1");

/// The test object, then the built-in registry.
pub(super) struct TestModel;

impl crate::registry::Model for TestModel {
    fn object(&self, id: u16) -> Option<&ObjectDef> {
        if id == 9999 {
            Some(&TEST_OBJECT)
        } else {
            Registry.object(id)
        }
    }
}

pub(super) fn p(s: &str) -> Path {
    s.parse().unwrap()
}

pub(super) fn rec(path: &str, value: Value<'static>) -> Record<'static> {
    Record::new(p(path), value)
}

pub(super) fn timed(path: &str, value: Value<'static>, time: f64) -> Record<'static> {
    Record {
        time: Some(time),
        ..rec(path, value)
    }
}

/// One record of every type (paths under /9999/0), with the edge values.
pub(super) fn every_type() -> Vec<Record<'static>> {
    vec![
        rec("/9999/0/0", Value::String("")),
        rec("/9999/0/0/1", Value::String("Zürich \"x\"\n\u{1}")),
        rec("/9999/0/1/0", Value::Integer(i64::MIN)),
        rec("/9999/0/1/1", Value::Integer(i64::MAX)),
        rec("/9999/0/1/2", Value::Integer(-1)),
        rec("/9999/0/2/0", Value::Unsigned(u64::MAX)),
        rec("/9999/0/2/1", Value::Unsigned(0)),
        rec("/9999/0/3/0", Value::Float(-0.0)),
        rec("/9999/0/3/1", Value::Float(0.1)),
        rec("/9999/0/3/2", Value::Float(1.0)),
        rec("/9999/0/3/3", Value::Float(1e300)),
        rec("/9999/0/3/4", Value::Float(5e-324)),
        rec("/9999/0/3/5", Value::Float(100000.0)),
        rec("/9999/0/4", Value::Boolean(true)),
        rec("/9999/0/4/1", Value::Boolean(false)),
        rec("/9999/0/5", Value::Opaque(&[])),
        rec("/9999/0/5/1", Value::Opaque(&[0, 1, 0xfe, 0xff, 0x10])),
        rec("/9999/0/6", Value::Time(-1)),
        rec("/9999/0/6/1", Value::Time(1_764_000_000)),
        rec("/9999/0/7", Value::ObjLnk(ObjLnk::NULL)),
        rec(
            "/9999/0/7/1",
            Value::ObjLnk(ObjLnk {
                object: 3,
                instance: 0,
            }),
        ),
        rec("/9999/0/8", Value::CoreLnk("</3/0>;ct=112")),
    ]
}

/// Non-finite floats (CBOR only: JSON has no number for them).
fn non_finite() -> Vec<Record<'static>> {
    vec![
        rec("/9999/0/3/0", Value::Float(f64::NAN)),
        rec("/9999/0/3/1", Value::Float(f64::INFINITY)),
        rec("/9999/0/3/2", Value::Float(f64::NEG_INFINITY)),
    ]
}

/// Equal records, NaN and −0.0 compared by bits, times too.
pub(super) fn same(a: &[Record<'_>], b: &[Record<'_>]) {
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(b) {
        assert_eq!(x.path, y.path);
        assert!(x.value.same_as(&y.value), "{x:?} != {y:?}");
        assert_eq!(x.time.map(f64::to_bits), y.time.map(f64::to_bits), "{x:?}");
    }
}

fn round_trip(records: &[Record<'_>], request: Option<&Path>) -> Vec<u8> {
    let mut buf = [0u8; 1024];
    let n = encoded_len(records, request, &TestModel).unwrap();
    let pack = encode(records, request, &TestModel, &mut buf).unwrap();
    assert_eq!(pack.len(), n);
    let back: Vec<_> = decode(pack, request, &TestModel).unwrap().collect();
    same(records, &back);
    pack.to_vec()
}

#[test]
#[cfg(feature = "tlv")]
fn device_example_decodes_like_tlv_and_encodes_back() {
    let senml = bytes(DEVICE_SENML);
    let tlv = bytes(DEVICE_TLV);
    assert_eq!((senml.len(), tlv.len()), (196, 121));
    let path = Path::instance_path(3, 0);
    let records = decode(&senml, Some(&path), &Registry).unwrap();
    assert_eq!(records.len(), 16);
    let ours: Vec<_> = records.collect();
    let theirs: Vec<_> = crate::tlv::decode(&tlv, &path, &Registry)
        .unwrap()
        .collect();
    assert_eq!(ours, theirs);
    assert_eq!(ours[13].value, Value::Time(1_367_491_215));
    assert_eq!(ours[4].path, p("/3/0/6/0"));
    assert!(ours
        .iter()
        .all(|r| r.resource.is_some() && r.time.is_none()));
    // Without a request path too.
    assert_eq!(decode(&senml, None, &Registry).unwrap().count(), 16);

    let mut out = [Record::new(path, Value::None); 16];
    assert_eq!(
        decode_into(&senml, Some(&path), &Registry, &mut out).unwrap(),
        16
    );
    assert_eq!(&out[..], &ours[..]);
    let e = decode_into(&senml, Some(&path), &Registry, &mut out[..15]).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::BufferTooSmall, 16));

    let mut buf = [0u8; 256];
    let pack = encode(&ours, Some(&path), &Registry, &mut buf).unwrap();
    assert!(pack.len() <= 196);
    assert_eq!(pack, &senml[..], "the spec example is already canonical");
    assert_eq!(encoded_len(&ours, Some(&path), &Registry).unwrap(), 196);
    let e = encode(&ours, Some(&path), &Registry, &mut buf[..195]).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::BufferTooSmall, 196));
}

#[test]
fn every_type_round_trips() {
    let all = every_type();
    round_trip(&all, Some(&p("/9999/0")));
    round_trip(&non_finite(), None);
    for r in all.iter().chain(&non_finite()) {
        round_trip(core::slice::from_ref(r), None);
    }
    round_trip(&[], None);
}

#[test]
fn unknown_resources_keep_their_cbor_kind() {
    let records = [
        rec("/3/0/9000", Value::Integer(-5)),
        rec("/3/0/9001", Value::Unsigned(u64::MAX)),
        rec("/3/0/9002", Value::Float(2.5)),
        rec("/3/0/9003", Value::String("x")),
        rec("/3/0/9004", Value::Opaque(&[1])),
        rec("/3/0/9005", Value::Boolean(false)),
        rec(
            "/3/0/9006",
            Value::ObjLnk(ObjLnk {
                object: 1,
                instance: 2,
            }),
        ),
        rec("/60000/0/1", Value::Integer(7)),
    ];
    round_trip(&records, None);
    let mut buf = [0u8; 256];
    let pack = encode(&records, None, &TestModel, &mut buf).unwrap();
    assert!(decode(pack, None, &TestModel).unwrap().all(|r| r.unknown()));
}

#[test]
fn canonical_layout() {
    let mut buf = [0u8; 128];
    let mut enc = |records: &[Record<'_>]| {
        encode(records, None, &TestModel, &mut buf)
            .unwrap()
            .to_vec()
    };
    // One record: bn is the full path, no n.
    assert_eq!(
        enc(&[rec("/3/0/9", Value::Integer(1))]),
        bytes("81 a2 21 66 2f332f302f39 02 01")
    );
    // Nothing shared: full names in n, no bn.
    assert_eq!(
        enc(&[
            rec("/3/0/9", Value::Integer(1)),
            rec("/4/0/1", Value::Integer(2))
        ]),
        bytes("82 a2 00 66 2f332f302f39 02 01 a2 00 66 2f342f302f31 02 02")
    );
    // bt on the first record, t the difference (omitted when 0); map order bn, bt, n, value, t.
    let t0 = 1_700_000_000.0;
    assert_eq!(
        enc(&[
            timed("/3/0/9", Value::Integer(1), t0),
            timed("/3/0/10", Value::Integer(2), t0 + 5.0)
        ]),
        bytes("82 a4 21 65 2f332f302f 22 1a 6553f100 00 61 39 02 01 a3 00 62 3130 02 02 06 05")
    );
    // Same path, several times (notification storing): bn the full path once, no n.
    assert_eq!(
        enc(&[
            timed("/3/0/9", Value::Integer(1), -10.0),
            timed("/3/0/9", Value::Integer(2), -5.5)
        ]),
        bytes("82 a3 21 66 2f332f302f39 22 29 02 01 a2 02 02 06 f9 4480")
    );
    // Only some records timed: each carries its own t.
    assert_eq!(
        enc(&[
            rec("/3/0/9", Value::Integer(1)),
            timed("/3/0/10", Value::Integer(2), 7.0)
        ]),
        bytes("82 a3 21 65 2f332f302f 00 61 39 02 01 a3 00 62 3130 02 02 06 07")
    );
    // A path that is a prefix of another: bn stops one id short of the shorter path.
    assert_eq!(
        enc(&[
            rec("/9999/0/1", Value::Integer(1)),
            rec("/9999/0/1/2", Value::Integer(2))
        ]),
        bytes("82 a3 21 68 2f393939392f302f 00 61 31 02 01 a2 00 63 312f32 02 02")
    );
    // Objlnk under the text key "vlo"; Opaque as bytes; Boolean; a Read-Composite name.
    assert_eq!(
        enc(&[rec(
            "/9999/0/7",
            Value::ObjLnk(ObjLnk {
                object: 3,
                instance: 0
            })
        )]),
        bytes("81 a2 21 69 2f393939392f302f37 63 766c6f 63 333a30")
    );
    assert_eq!(
        enc(&[rec("/3/0", Value::None), rec("/1", Value::None)]),
        bytes("82 a1 00 64 2f332f30 a1 00 62 2f31")
    );
}

#[test]
fn times_resolve_and_round_trip() {
    // {n, bt: 1(1700000000), v: 1}, {n, t: -5, v: 4([-2, 27315])}, {n, t: 4([-1, 5]), v: 1(1700000000)}
    let input = bytes(
        "83 a3 00 69 2f393939392f302f31 22 c1 1a 6553f100 02 01 \
         a3 00 69 2f393939392f302f33 06 24 02 c4 82 21 19 6ab3 \
         a3 00 69 2f393939392f302f36 06 c4 82 20 05 02 c1 1a 6553f100",
    );
    let r: Vec<_> = decode(&input, None, &TestModel).unwrap().collect();
    assert_eq!(
        (r[0].value, r[0].time),
        (Value::Integer(1), Some(1_700_000_000.0))
    );
    assert_eq!(
        (r[1].value, r[1].time),
        (Value::Float(273.15), Some(1_699_999_995.0))
    );
    assert_eq!(
        (r[2].value, r[2].time),
        (Value::Time(1_700_000_000), Some(1_700_000_000.5))
    );
    let records = [
        timed("/9999/0/1", Value::Integer(1), 1_700_000_000.0),
        timed("/9999/0/1/1", Value::Integer(1), 1_700_000_000.25),
        timed("/9999/0/1/2", Value::Integer(1), -300.0),
        timed("/9999/0/3", Value::Float(1.5), 1e300),
        timed("/9999/0/3/1", Value::Float(1.5), -0.0),
        timed("/9999/0/3/2", Value::Float(1.5), f64::NAN),
    ];
    for k in 1..=records.len() {
        round_trip(&records[..k], None);
    }
    // An offset that would not add back exactly (1e16 + (0.5 − 1e16) is 0): each record keeps its own t.
    let drift = [
        timed("/9999/0/1", Value::Integer(1), 1e16),
        timed("/9999/0/1/1", Value::Integer(1), 0.5),
    ];
    let pack = round_trip(&drift, None);
    assert_eq!((pack[1], pack[12]), (0xa4, 0x00), "bn then n, no bt");
}
