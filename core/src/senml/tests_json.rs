//! RFC 8428 resolution through both parsers, and SenML-JSON: round trips, canonical text, every error with its offset.

// Helpers outside #[test] functions unwrap and index too.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use super::json_read::{base64url, JsonPack};
use super::resolve::Base;
use super::tests::{bytes, every_type, p, rec, same, timed, TestModel, DEVICE_SENML};
use super::*;
use crate::registry::Registry;
use crate::value::{ObjLnk, Record, Value};
use std::string::String;
use std::vec::Vec;

/// A resolved RFC record: name, unit, time (0 when absent), numeric value.
type Resolved = (String, Option<String>, f64, Option<f64>);

/// Runs the RFC 8428 §4.6 resolver over parsed fields, names kept as text.
fn resolve_all<N: AsRef<[u8]>, T: AsRef<str> + Clone, D>(
    fields: impl Iterator<Item = Fields<N, T, D>>,
) -> Vec<Resolved> {
    let mut base = Base::new();
    fields
        .map(|f| {
            let u = f.u.clone();
            let r = base.apply(f);
            let mut name = base.bn.as_ref().map_or(Vec::new(), |b| b.as_ref().to_vec());
            name.extend(r.n.as_ref().map_or(&[][..], |n| n.as_ref()));
            let unit = u.or_else(|| base.bu.clone()).map(|u| u.as_ref().to_owned());
            let value = match r.value {
                Some((Raw::Number(n), _)) => Some(to_f64(n)),
                _ => None,
            };
            (
                String::from_utf8(name).unwrap(),
                unit,
                r.time.map_or(0.0, to_f64),
                value,
            )
        })
        .collect()
}

fn resolve_json(text: &str) -> Vec<Resolved> {
    let mut pack = JsonPack::new(text.as_bytes()).unwrap();
    let fields = core::iter::from_fn(|| pack.next_fields().unwrap());
    resolve_all(fields)
}

fn rfc(name: &str, unit: &str, time: f64, value: f64) -> Resolved {
    (name.into(), Some(unit.into()), time, Some(value))
}

#[test]
fn rfc8428_5_1_3_resolves_to_5_1_4() {
    let pack = r#"[{"bn":"urn:dev:ow:10e2073a01080063","bt":1.320067464e+09,"bu":"%RH","v":20},{"u":"lon","v":24.30621},{"u":"lat","v":60.07965},{"t":60,"v":20.3},{"u":"lon","t":60,"v":24.30622},{"u":"lat","t":60,"v":60.07965},{"t":120,"v":20.7},{"u":"lon","t":120,"v":24.30623},{"u":"lat","t":120,"v":60.07966},{"u":"%EL","t":150,"v":98},{"t":180,"v":21.2},{"u":"lon","t":180,"v":24.30628},{"u":"lat","t":180,"v":60.07967}]"#;
    let n = "urn:dev:ow:10e2073a01080063";
    let expected = [
        rfc(n, "%RH", 1320067464.0, 20.0),
        rfc(n, "lon", 1320067464.0, 24.30621),
        rfc(n, "lat", 1320067464.0, 60.07965),
        rfc(n, "%RH", 1320067524.0, 20.3),
        rfc(n, "lon", 1320067524.0, 24.30622),
        rfc(n, "lat", 1320067524.0, 60.07965),
        rfc(n, "%RH", 1320067584.0, 20.7),
        rfc(n, "lon", 1320067584.0, 24.30623),
        rfc(n, "lat", 1320067584.0, 60.07966),
        rfc(n, "%EL", 1320067614.0, 98.0),
        rfc(n, "%RH", 1320067644.0, 21.2),
        rfc(n, "lon", 1320067644.0, 24.30628),
        rfc(n, "lat", 1320067644.0, 60.07967),
    ];
    assert_eq!(resolve_json(pack), expected);
}

#[test]
fn rfc8428_json_and_cbor_packs_resolve_alike() {
    // §5.1.2 (second example) in JSON and the same data as the §6 CBOR example (195 bytes).
    let json = r#"[{"bn":"urn:dev:ow:10e2073a0108006:","bt":1.276020076001e+09,"bu":"A","bver":5,"n":"voltage","u":"V","v":120.1},{"n":"current","t":-5,"v":1.2},{"n":"current","t":-4,"v":1.3},{"n":"current","t":-3,"v":1.4},{"n":"current","t":-2,"v":1.5},{"n":"current","t":-1,"v":1.6},{"n":"current","v":1.7}]"#;
    let cbor = bytes("87a721781b75726e3a6465763a6f773a3130653230373361303130383030363a22fb41d303a15b00106223614120050067766f6c7461676501615602fb405e066666666666a3006763757272656e74062402fb3ff3333333333333a3006763757272656e74062302fb3ff4cccccccccccda3006763757272656e74062202fb3ff6666666666666a3006763757272656e74062102f93e00a3006763757272656e74062002fb3ff999999999999aa3006763757272656e74060002fb3ffb333333333333");
    assert_eq!(cbor.len(), 195);
    let mut pos = 1;
    let fields = (0..7).map(|_| super::cbor_read::record(&cbor, &mut pos).unwrap());
    let from_cbor = resolve_all(fields);
    assert_eq!(pos, cbor.len());
    let from_json = resolve_json(json);
    assert_eq!(from_cbor, from_json);
    let bt = 1_276_020_076.001;
    assert_eq!(
        from_json[0],
        rfc("urn:dev:ow:10e2073a0108006:voltage", "V", bt, 120.1)
    );
    assert_eq!(
        from_json[1],
        rfc("urn:dev:ow:10e2073a0108006:current", "A", bt - 5.0, 1.2)
    );
    assert_eq!(
        from_json[6],
        rfc("urn:dev:ow:10e2073a0108006:current", "A", bt, 1.7)
    );
}

#[test]
fn base64url_padded_or_not() {
    assert_eq!(base64url(b"aGkgCg").unwrap(), [0x68, 0x69, 0x20, 0x0a]); // RFC 8428 §5.1.5
    assert_eq!(base64url(b"aGkgCg==").unwrap(), [0x68, 0x69, 0x20, 0x0a]);
    assert_eq!(base64url(b"-_8").unwrap(), [0xfb, 0xff]);
    assert_eq!(base64url(b"").unwrap(), [0u8; 0]);
    for bad in [
        &b"aGkgCh"[..],
        b"a",
        b"aGkgCg=",
        b"aGkgC===",
        b"+/8",
        b"aG=kgCg",
        b"aGkg Cg",
    ] {
        assert_eq!(base64url(bad), None, "{bad:?}");
    }
}

fn json_round_trip(records: &[Record<'_>]) -> String {
    let text = json::encode_to_vec(records, None, &TestModel).unwrap();
    let back = json::decode_owned(&text, None, &TestModel).unwrap();
    let back: Vec<_> = back.iter().map(|r| r.as_record()).collect();
    same(records, &back);
    String::from_utf8(text).unwrap()
}

#[test]
fn every_type_round_trips_through_json() {
    json_round_trip(&every_type());
    for r in every_type() {
        json_round_trip(&[r]);
    }
    let times = [
        timed("/9999/0/1", Value::Integer(1), 1_700_000_000.0),
        timed("/9999/0/1/1", Value::Integer(1), 1_700_000_000.25),
        timed("/9999/0/1/2", Value::Integer(1), -0.0),
        timed("/9999/0/1/3", Value::Integer(1), 1e-9),
    ];
    json_round_trip(&times);
    json_round_trip(&times[1..]);
    // The Device example, read from SenML-CBOR, written and read as SenML-JSON.
    let cbor = bytes(DEVICE_SENML);
    let device: Vec<_> = decode(&cbor, None, &Registry).unwrap().collect();
    let text = json::encode_to_vec(&device, None, &Registry).unwrap();
    let back = json::decode_owned(&text, Some(&p("/3/0")), &Registry).unwrap();
    assert_eq!(
        back.iter()
            .map(|r| r.as_record_in(&Registry))
            .collect::<Vec<_>>(),
        device
    );
}

#[test]
fn canonical_json_text() {
    let enc = |records: &[Record<'_>]| {
        String::from_utf8(json::encode_to_vec(records, None, &TestModel).unwrap()).unwrap()
    };
    assert_eq!(
        enc(&[rec("/3/0/9", Value::Integer(1))]),
        r#"[{"bn":"/3/0/9","v":1}]"#
    );
    assert_eq!(
        enc(&[
            timed("/9999/0/3", Value::Float(1.0), 1e9),
            timed(
                "/9999/0/5",
                Value::Opaque(&[0x68, 0x69, 0x20, 0x0a]),
                1e9 + 0.5
            ),
            timed("/9999/0/7", Value::ObjLnk(ObjLnk::NULL), 1e9 - 1.0),
            timed("/9999/0/0", Value::String("a\"\\\n\u{1}é"), 1e9),
        ]),
        r#"[{"bn":"/9999/0/","bt":1000000000,"n":"3","v":1.0},{"n":"5","vd":"aGkgCg","t":0.5},{"n":"7","vlo":"65535:65535","t":-1},{"n":"0","vs":"a\"\\\n\u0001é"}]"#
    );
    // `ryu`'s spelling: plain for decimal exponents -5 to 15, else exponent form.
    let cases = [
        (1e300, "1e300"),
        (1.5e300, "1.5e300"),
        (-1e-300, "-1e-300"),
        (5e-324, "5e-324"),
        (0.1, "0.1"),
        (1.0, "1.0"),
        (-0.0, "-0.0"),
        (1e21, "1e21"),
        (1e20, "1e20"),
        (1e16, "1e16"),
        (1e15, "1000000000000000.0"),
        (123456.0, "123456.0"),
        (123.456, "123.456"),
        (1e-5, "0.00001"),
        (1e-6, "1e-6"),
        (1e-7, "1e-7"),
        (1.5e-8, "1.5e-8"),
    ];
    for (x, t) in cases {
        let r = [rec("/9999/0/3", Value::Float(x))];
        assert_eq!(
            json_round_trip(&r),
            format!(r#"[{{"bn":"/9999/0/3","v":{t}}}]"#)
        );
    }
    assert_eq!(
        enc(&[rec("/3/0", Value::None), rec("/1", Value::None)]),
        r#"[{"n":"/3/0"},{"n":"/1"}]"#
    );
    let e = json::encode_to_vec(
        &[
            rec("/9999/0/1", Value::Integer(1)),
            rec("/9999/0/3", Value::Float(f64::NAN)),
        ],
        None,
        &TestModel,
    )
    .unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidRecord, 1));
    let e = json::encode_to_vec(
        &[timed("/9999/0/1", Value::Integer(1), f64::INFINITY)],
        None,
        &TestModel,
    )
    .unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidRecord, 0));
    let e =
        json::encode_to_vec(&[rec("/9999/0/1", Value::Float(1.0))], None, &TestModel).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::TypeMismatch, 0));
}

#[test]
fn json_accepts() {
    // Whitespace, escapes (surrogate pairs too), unknown labels with nested values, big integers exact.
    let text = " [ {\"bn\" : \"/9999/0/\", \"n\":\"0\", \"vs\":\"\\u00e9\\ud83d\\ude00\\/\\t\", \"x\":[1,{\"y\":null}] } ,\n\
                {\"n\":\"2\",\"v\":18446744073709551615,\"ut\":5}, {\"n\":\"1\",\"v\":-9223372036854775808},\
                {\"n\":\"\\u0033\",\"v\":1e2}, {\"n\":\"5\",\"vd\":\"aGkgCg==\"}, {\"n\":\"7\",\"vs\":\"1:2\"} ] \n";
    let r = json::decode_owned(text.as_bytes(), Some(&p("/9999/0")), &TestModel).unwrap();
    let got: Vec<_> = r.iter().map(|r| r.as_record().value).collect();
    assert_eq!(
        got,
        [
            Value::String("é😀/\t"),
            Value::Unsigned(u64::MAX),
            Value::Integer(i64::MIN),
            Value::Float(100.0),
            Value::Opaque(&[0x68, 0x69, 0x20, 0x0a]),
            Value::ObjLnk(ObjLnk {
                object: 1,
                instance: 2
            }),
        ]
    );
    assert!(json::decode_owned(b"[]", None, &TestModel)
        .unwrap()
        .is_empty());
}

fn check(text: &str, request: Option<&str>, kind: ErrorKind, offset: usize) {
    check_bytes(text.as_bytes(), request, kind, offset);
}

fn check_bytes(input: &[u8], request: Option<&str>, kind: ErrorKind, offset: usize) {
    let e = json::decode_owned(input, request.map(p).as_ref(), &TestModel).unwrap_err();
    assert_eq!(
        (e.kind(), e.offset()),
        (kind, offset),
        "{}",
        String::from_utf8_lossy(input)
    );
}

#[test]
fn json_errors() {
    use ErrorKind::*;
    check("", None, UnexpectedEnd, 0);
    check("{}", None, InvalidJson, 0);
    check(r#"[{"n":"/9999/0/1","v":1}"#, None, UnexpectedEnd, 24);
    check(r#"[{"n":"/9999/0/1","v":1}] x"#, None, TrailingData, 26);
    check(r#"[1]"#, None, InvalidJson, 1);
    check(r#"[{"n":"/9999/0/1","v":01}]"#, None, InvalidJson, 23);
    check(r#"[{"n":"/9999/0/1","v":1,}]"#, None, InvalidJson, 24);
    check(r#"[{"n":"/9999/0/1","v":1}{}]"#, None, InvalidJson, 24);
    check(r#"[{"n":"/9999/0/1","v":-}]"#, None, InvalidJson, 23);
    check(r#"[{"n":"/9999/0/1","v":1.}]"#, None, InvalidJson, 24);
    check(r#"[{"n":"/9999/0/1","v":"1"}]"#, None, InvalidJson, 22);
    check(r#"[{"n":1,"v":1}]"#, None, InvalidJson, 6);
    check(r#"[{"n":"/9999/0/4","vb":1}]"#, None, InvalidJson, 23);
    check(r#"[{"n":"/9999/0/1","x":tru}]"#, None, InvalidJson, 22);
    check(r#"[{"n":"/9999/0/1","v":1,"v":2}]"#, None, InvalidJson, 24);
    check(r#"[{"bver":11}]"#, None, UnsupportedVersion, 9);
    check(r#"[{"bver":1.5}]"#, None, InvalidJson, 9);
    check(
        r#"[{"n":"/9999/0/1","x_":1}]"#,
        None,
        UnknownMandatoryLabel,
        18,
    );
    check(
        r#"[{"n":"/9999/0/1","v":1,"vs":"a"}]"#,
        None,
        MultipleValues,
        24,
    );
    check(r#"[{"n":"/9999/0/0","vs":"a\x"}]"#, None, InvalidJson, 25);
    check(
        r#"[{"n":"/9999/0/0","vs":"\ud800"}]"#,
        None,
        InvalidJson,
        24,
    );
    check(
        "[{\"n\":\"/9999/0/0\",\"vs\":\"a\u{1}\"}]",
        None,
        InvalidJson,
        25,
    );
    check_bytes(
        b"[{\"n\":\"/9999/0/0\",\"vs\":\"a\xff\"}]",
        None,
        InvalidUtf8,
        25,
    );
    check(
        r#"[{"n":"/9999/0/5","vd":"aGkgCh"}]"#,
        None,
        InvalidBase64,
        23,
    );
    check(r#"[{"n":"/9999/0/1","s":1}]"#, None, MissingValue, 1);
    check(
        r#"[{"n":"/9999/0/1"},{"n":"/9999/0/2","v":1}]"#,
        None,
        MissingValue,
        1,
    );
    check(
        r#"[{"n":"/9999/0/1","v":1},{"n":"/9999/0/1/x","v":1}]"#,
        None,
        InvalidName,
        25,
    );
    check(r#"[{"n":"/9999/0","v":1}]"#, None, InvalidName, 1);
    check(
        r#"[{"n":"/9999/0/1","v":1},{"n":"/9999/0/1","v":2}]"#,
        None,
        DuplicateId,
        25,
    );
    check(
        r#"[{"n":"/9999/0/1","v":1}]"#,
        Some("/9999/1"),
        PathMismatch,
        1,
    );
    check(r#"[{"n":"/9999/0/1","v":1.5}]"#, None, TypeMismatch, 22);
    check(
        r#"[{"n":"/9999/0/1","v":100000000000000000000}]"#,
        None,
        TypeMismatch,
        22,
    );
    check(r#"[{"n":"/9999/0/9","v":1}]"#, None, ExecutableValue, 22);
}
