use std::vec::Vec;

use super::*;
use crate::error::ErrorKind;
use crate::single::test_model::{path as typed, Builtin, EveryType};
use crate::value::{DataType, ObjLnk, Record, Value};
use crate::Path;

fn hex(s: &str) -> Vec<u8> {
    let digits: Vec<u8> = s.bytes().filter(u8::is_ascii_hexdigit).collect();
    digits
        .chunks(2)
        .map(|d| u8::from_str_radix(std::str::from_utf8(d).unwrap(), 16).unwrap())
        .collect()
}

fn p(s: &str) -> Path {
    s.parse().unwrap()
}

fn records<'a>(input: &'a [u8], request: Option<&Path>) -> Vec<Record<'a>> {
    let it = decode(input, request, &Builtin).unwrap();
    let n = it.len();
    let all: Vec<_> = it.collect();
    assert_eq!(all.len(), n);
    all
}

fn paths_values(rs: &[Record<'_>]) -> Vec<(std::string::String, Value<'static>)> {
    rs.iter()
        .map(|r| {
            let v = match r.value {
                Value::Integer(x) => Value::Integer(x),
                Value::Float(x) => Value::Float(x),
                _ => Value::None,
            };
            (r.path.to_string(), v)
        })
        .collect()
}

fn encode_vec<M: crate::Model + ?Sized>(rs: &[Record<'_>], model: &M) -> Vec<u8> {
    let n = encoded_len(rs, None, model).unwrap();
    let mut buf = std::vec![0u8; n];
    let out = encode(rs, None, model, &mut buf).unwrap();
    assert_eq!(out.len(), n);
    out.to_vec()
}

fn decode_err(input: &[u8], request: Option<&Path>) -> (ErrorKind, usize) {
    let e = decode(input, request, &EveryType).unwrap_err();
    let mut out = [Record::new(p("/1/1/1"), Value::None); 8];
    let e2 = decode_into(input, request, &EveryType, &mut out).unwrap_err();
    assert_eq!(e, e2);
    (e.kind(), e.offset())
}

#[test]
fn digest_examples_mean_the_same_records() {
    let want = std::vec![
        ("/13/26/1".into(), Value::Integer(42)),
        ("/13/26/2".into(), Value::Integer(21)),
    ];
    for frame in [
        "a1 0d a1 181a a2 01 182a 02 15", // {13: {26: {1: 42, 2: 21}}}
        "a1 82 0d 181a a2 01 182a 02 15", // {[13, 26]: {1: 42, 2: 21}}
        "a2 83 0d 181a 01 182a 83 0d 181a 02 15", // {[13, 26, 1]: 42, [13, 26, 2]: 21}
        "a2 82 0d 181a a1 01 182a 83 0d 181a 02 15", // {[13, 26]: {1: 42}, [13, 26, 2]: 21}
        "bf 9f 0d 181a ff bf 01 182a 02 15 ff ff", // indefinite maps and array key
        "bf 0d bf 181a a1 01 182a ff 9f 0d 181a 02 ff 15 ff", // mixed nesting and forms
    ] {
        let bytes = hex(frame);
        let rs = records(&bytes, Some(&p("/13")));
        assert_eq!(paths_values(&rs), want, "{frame}");
        assert!(rs.iter().all(Record::unknown));
        // Canonical re-encoding: one object, one instance, two resources.
        assert_eq!(
            encode_vec(&rs, &Builtin),
            hex("a1 82 0d 181a a2 01 182a 02 15")
        );
    }
    let single = hex("a1 83 0d 18 1a 01 18 2a");
    let rs = records(&single, None);
    assert_eq!(paths_values(&rs), want[..1]);
    assert_eq!(
        paths_values(&records(&hex("a1 0d a1 181a a1 01 182a"), None)),
        want[..1]
    );
    assert_eq!(encode_vec(&rs, &Builtin), single);
}

#[test]
fn size_illustration_is_the_canonical_form() {
    let rs = [Record::new(p("/3303/0/5700"), Value::Float(22.5))];
    let bytes = encode_vec(&rs, &Builtin);
    assert_eq!(bytes, hex("a1 83 19 0ce7 00 19 1644 f9 4da0"));
    assert_eq!(bytes.len(), 12);
    // The nested form of the digest (13 B) reads the same.
    let nested = hex("a1 19 0ce7 a1 00 a1 19 1644 f9 4da0");
    let back = records(&nested, None);
    assert_eq!(back[0].value, Value::Float(22.5));
    assert_eq!(back[0].resource.map(|d| d.id), Some(5700)); // Sensor Value
}

#[test]
fn canonical_tree() {
    let rs = [
        Record::new(p("/3/0/9"), Value::Integer(95)),
        Record::new(p("/3303/1/5700"), Value::Float(1.5)),
        Record::new(p("/3/0/11/0"), Value::Integer(0)),
        Record::new(p("/3303/0/5700"), Value::Float(2.5)),
    ];
    // {[3, 0]: {9: 95, [11, 0]: 0}, 3303: {[1, 5700]: 1.5, [0, 5700]: 2.5}}: first appearance at every level,
    // single-child chains merged (below a map too), plain uints for single ids.
    let merged = hex("a2 82 03 00 a2 09 185f 82 0b 00 00 \
         19 0ce7 a2 82 01 19 1644 f9 3e00 82 00 19 1644 f9 4100");
    let got = encode_vec(&rs, &Builtin);
    assert_eq!(got, merged);
    // Decoding yields the records in tree order.
    let back = records(&got, None);
    let order = [0, 2, 1, 3];
    assert_eq!(back.len(), 4);
    for (a, i) in back.iter().zip(order) {
        assert_eq!((a.path, a.value), (rs[i].path, rs[i].value));
    }
    // No records: the empty map.
    assert_eq!(encode_vec(&[], &Builtin), [0xa0]);
    assert!(records(&[0xa0], None).is_empty());
    assert!(records(&[0xbf, 0xff], None).is_empty());
}

#[test]
fn every_type_round_trips() {
    let values = [
        Value::Integer(i64::MIN),
        Value::Integer(i64::MAX),
        Value::Unsigned(u64::MAX),
        Value::Unsigned(0),
        Value::Float(f64::NAN),
        Value::Float(f64::INFINITY),
        Value::Float(f64::NEG_INFINITY),
        Value::Float(-0.0),
        Value::Float(0.1),
        Value::Float(f64::from(f32::MAX)),
        Value::Boolean(false),
        Value::String(""),
        Value::String("héllo"),
        Value::Opaque(&[]),
        Value::Opaque(&[0, 0xff]),
        Value::Time(i64::MIN),
        Value::Time(1476186613),
        Value::ObjLnk(ObjLnk::NULL),
        Value::CoreLnk("</3/0>"),
        Value::None,
    ];
    // One record per value, each on its own resource instance of the resource of its type.
    let rs: Vec<Record<'_>> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let rid = v.data_type() as u16;
            Record::new(Path::resource_instance_path(60000, 0, rid, i as u16), *v)
        })
        .collect();
    let bytes = encode_vec(&rs, &EveryType);
    let back: Vec<_> = decode(&bytes, None, &EveryType).unwrap().collect();
    assert_eq!(back.len(), rs.len());
    for (a, b) in back.iter().zip(&rs) {
        assert_eq!(a.path, b.path);
        assert!(a.value.same_as(&b.value), "{:?} vs {:?}", a.value, b.value);
        assert!(a.resource.is_some());
    }
    // The same values on a resource the model does not know keep their CBOR kind (Time → integer, links → text).
    for v in values {
        let rs = [Record::new(p("/13/26/1"), v)];
        let bytes = encode_vec(&rs, &Builtin);
        let back = records(&bytes, None);
        let want = match v {
            Value::Time(t) => Value::Integer(t),
            Value::Unsigned(u) if i64::try_from(u).is_ok() => Value::Integer(u as i64),
            Value::ObjLnk(_) => Value::String("65535:65535"),
            Value::CoreLnk(s) => Value::String(s),
            other => other,
        };
        assert!(back[0].value.same_as(&want), "{v:?} -> {:?}", back[0].value);
        assert!(back[0].unknown());
    }
}

#[test]
#[cfg(feature = "tlv")]
fn device_example_round_trips() {
    let tlv = hex(
        "c800144f70656e204d6f62696c6520416c6c69616e6365c801164c69676874776569676874204d324d20436c69656e74\
         c80209333435303030313233c303312e30860641000141010588070842000ed842011388870841007d42010384c10964\
         c10a0f830b410000c40d5182428fc60e2b30323a3030c11055",
    );
    assert_eq!(tlv.len(), 121);
    let request = p("/3/0");
    let rs: Vec<_> = crate::tlv::decode(&tlv, &request, &Builtin)
        .unwrap()
        .collect();
    assert_eq!(rs.len(), 16);
    let len = encoded_len(&rs, Some(&request), &Builtin).unwrap();
    let mut buf = [0u8; 128];
    let frame = encode(&rs, Some(&request), &Builtin, &mut buf).unwrap();
    // 118 bytes in LwM2M-CBOR against 121 in TLV: {[3, 0]: {0: "Open Mobile Alliance", …, 6: {0: 1, 1: 5}, …,
    // [11, 0]: 0, 13: 1367491215, 14: "+02:00", 16: "U"}}.
    assert_eq!(len, 118);
    assert_eq!(frame.len(), len);
    assert_eq!(frame.get(..4), Some(&[0xa1, 0x82, 0x03, 0x00][..]));
    let back = records(frame, Some(&request));
    assert_eq!(back, rs);
    let mut out = [Record::new(request, Value::None); 16];
    assert_eq!(
        decode_into(frame, Some(&request), &Builtin, &mut out),
        Ok(16)
    );
    assert_eq!(&out[..], &rs[..]);
    // And back to the same TLV bytes.
    let mut tlv_buf = [0u8; 128];
    let again = crate::tlv::encode(&back, &request, &Builtin, &mut tlv_buf).unwrap();
    assert_eq!(again, &tlv[..]);
}

#[test]
fn model_typing() {
    // An integral float for an Integer resource, an integer for a Float resource, tag-1 time, tag-4 decimal.
    let frame = hex("a1 82 19ea60 00 a4 02 f93c00 04 1864 07 c103 09 6100");
    let rs: Vec<_> = decode(&frame, None, &EveryType).unwrap().collect();
    let values: Vec<_> = rs.iter().map(|r| r.value).collect();
    assert_eq!(
        values,
        [
            Value::Integer(1),
            Value::Float(100.0),
            Value::Time(3),
            Value::CoreLnk("\0")
        ]
    );
    let frame = hex("a1 83 19ea60 00 04 c4 82 21 196ab3");
    let rs: Vec<_> = decode(&frame, None, &EveryType).unwrap().collect();
    assert_eq!(rs[0].value, Value::Float(273.15));
}

#[test]
fn decode_errors_with_offsets() {
    use ErrorKind::*;
    let f = |s: &str| hex(s);
    let cases: &[(&str, Option<Path>, (ErrorKind, usize))] = &[
        ("", None, (UnexpectedEnd, 0)),
        ("a1 83 0d 181a", None, (UnexpectedEnd, 5)),
        ("bb ffffffffffffffff", None, (UnexpectedEnd, 9)),
        ("01", None, (InvalidCbor, 0)),
        ("81 00", None, (InvalidCbor, 0)),
        ("ff", None, (InvalidCbor, 0)),
        ("a1 61 61 01", None, (InvalidCbor, 1)), // text key (gateway prefix)
        ("a1 20 01", None, (InvalidCbor, 1)),    // negative key
        ("a1 ff", None, (InvalidCbor, 1)),       // break in a definite map
        ("a1 83 0d 61 61 01 00", None, (InvalidCbor, 3)), // text inside an array key
        ("a1 82 0d 81 00 00", None, (InvalidCbor, 3)), // nested array key
        ("bf 83 0d 181a 01 ff", None, (InvalidCbor, 6)), // break where the value belongs
        ("a1 83 0d 181a 01 1c", None, (InvalidCbor, 6)), // reserved additional info
        ("a1 1a00010000 00", None, (InvalidName, 1)), // id above 65535
        ("a1 83 0d 1a00010000 01 00", None, (InvalidName, 1)),
        ("a1 85 01 02 03 04 05 00", None, (InvalidName, 1)), // five levels in one key
        ("a1 84 01 02 03 04 a1 05 00", None, (InvalidName, 7)), // a fifth level below four
        (
            "a1 01 a1 02 a1 03 a1 04 a1 05 a1 06 00",
            None,
            (InvalidName, 9),
        ),
        ("a1 80 00", None, (InvalidName, 1)), // empty array key
        ("a1 9f ff 00", None, (InvalidName, 1)), // empty indefinite array key
        ("a1 82 0d 181a 01", None, (InvalidName, 1)), // a leaf at instance level
        ("a1 0d a1 181a f6", None, (InvalidName, 3)),
        ("a1 0d 01", None, (InvalidName, 1)), // a leaf at object level
        (
            "a2 83 0d 181a 01 01 83 0d 181a 01 02",
            None,
            (DuplicateId, 7),
        ),
        (
            "a2 0d a1 181a a1 01 01 83 0d 181a 01 02",
            None,
            (DuplicateId, 8),
        ),
        (
            "a2 83 0d 181a 01 01 84 0d 181a 01 00 02",
            None,
            (DuplicateId, 7),
        ), // resource and its instance
        (
            "a2 84 0d 181a 01 00 02 83 0d 181a 01 01",
            None,
            (DuplicateId, 8),
        ), // instance then resource
        (
            "a3 83 0d 181a 02 01 83 0d 181a 01 01 83 0d 181a 02 03",
            None,
            (DuplicateId, 13),
        ), // unsorted
        ("a1 83 0d 181a 01 01", Some(p("/13/27")), (PathMismatch, 1)),
        (
            "a1 0d a1 181a a1 01 01",
            Some(p("/13/26/2")),
            (PathMismatch, 6),
        ),
        ("a0 00", None, (TrailingData, 1)),
        ("a1 83 0d 181a 01 01 ff", None, (TrailingData, 7)),
        // Values, typed by the test model (object 60000 = 0xea60; resource id = type code).
        ("a1 83 19ea60 00 04 61 78", None, (TypeMismatch, 7)), // text for a Float
        ("a1 83 19ea60 00 02 f93e00", None, (TypeMismatch, 7)), // 1.5 for an Integer
        ("a1 83 19ea60 00 03 20", None, (TypeMismatch, 7)),    // −1 for an Unsigned
        ("a1 83 19ea60 00 01 62 61 ff", None, (InvalidUtf8, 9)),
        ("a1 83 19ea60 00 01 7f 60 ff", None, (IndefiniteLength, 7)),
        ("a1 83 19ea60 00 06 5f 40 ff", None, (IndefiniteLength, 7)),
        ("a1 83 19ea60 00 0a 01", None, (ExecutableValue, 7)),
    ];
    for (frame, request, want) in cases {
        assert_eq!(decode_err(&f(frame), request.as_ref()), *want, "{frame}");
    }
}

#[test]
fn decode_into_reports_the_record_count() {
    let frame = hex("a1 82 0d 181a a2 01 182a 02 15");
    let mut out = [Record::new(p("/1/1/1"), Value::None); 1];
    let e = decode_into(&frame, None, &Builtin, &mut out).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::BufferTooSmall, 2));
    let mut out = [Record::new(p("/1/1/1"), Value::None); 2];
    assert_eq!(decode_into(&frame, None, &Builtin, &mut out), Ok(2));
    assert_eq!(out[1].path, p("/13/26/2"));
}

#[test]
fn encode_errors_with_record_index() {
    use ErrorKind::*;
    let ok = Record::new(typed(DataType::Integer), Value::Integer(1));
    let err = |rs: &[Record<'_>], request: Option<&Path>| {
        let e = encoded_len(rs, request, &EveryType).unwrap_err();
        let mut buf = [0u8; 64];
        assert_eq!(encode(rs, request, &EveryType, &mut buf).unwrap_err(), e);
        (e.kind(), e.offset())
    };
    let at_instance = Record::new(Path::instance_path(60000, 0), Value::Integer(1));
    assert_eq!(err(&[ok, at_instance], None), (InvalidPath, 1));
    assert_eq!(
        err(&[ok], Some(&Path::instance_path(60000, 1))),
        (PathMismatch, 0)
    );
    let float = Record::new(typed(DataType::Integer), Value::Float(1.0));
    assert_eq!(err(&[float], None), (TypeMismatch, 0));
    // No value (type none) is written as null for any resource: what the reader gives back for null.
    let none = Record::new(typed(DataType::Integer), Value::None);
    let mut buf = [0u8; 64];
    assert!(encode(&[none], None, &EveryType, &mut buf).is_ok_and(|f| f.last() == Some(&0xf6)));
    let exec = Record::new(typed(DataType::None), Value::Integer(1));
    assert_eq!(err(&[ok, exec], None), (ExecutableValue, 1));
    assert_eq!(err(&[ok, ok], None), (DuplicateId, 1));
    let instance = Record::new(
        Path::resource_instance_path(60000, 0, 2, 0),
        Value::Integer(1),
    );
    assert_eq!(err(&[ok, instance], None), (DuplicateId, 1));
    assert_eq!(err(&[instance, ok], None), (DuplicateId, 1));
    // BUFFER_TOO_SMALL carries the bytes needed: a1 83 19ea60 00 02 01 = 8 bytes.
    let mut small = [0u8; 7];
    let e = encode(&[ok], None, &EveryType, &mut small).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (BufferTooSmall, 8));
    let mut exact = [0u8; 8];
    assert_eq!(
        encode(&[ok], None, &EveryType, &mut exact).unwrap(),
        hex("a1 83 19ea60 00 02 01")
    );
}

#[test]
fn nesting_is_bounded() {
    // 10 000 nested maps: rejected at the fifth level, without recursion.
    let mut deep = Vec::new();
    for _ in 0..10_000 {
        deep.extend_from_slice(&[0xa1, 0x01]);
    }
    deep.push(0x01);
    assert_eq!(decode_err(&deep, None), (ErrorKind::InvalidName, 9));
    // Maps as keys are not names.
    assert_eq!(decode_err(&[0xbf; 1000], None), (ErrorKind::InvalidCbor, 1));
    // A long definite array key stops at its fifth id.
    assert_eq!(
        decode_err(&hex("a1 9b ffffffffffffffff 01 02 03 04 05"), None),
        (ErrorKind::InvalidName, 1)
    );
}

#[test]
fn many_unsorted_records_check_duplicates() {
    // 200 records in reverse path order (the slow path) and the same in order (the fast path).
    let mut reversed = std::vec![0xb9, 0x00, 0xc8];
    let mut sorted = reversed.clone();
    for i in 0..200u8 {
        reversed.extend_from_slice(&[0x83, 0x0d, 0x00, 0x18, 199 - i, 0x01]);
        sorted.extend_from_slice(&[0x83, 0x0d, 0x00, 0x18, i, 0x01]);
    }
    assert_eq!(records(&reversed, None).len(), 200);
    assert_eq!(records(&sorted, None).len(), 200);
    reversed.extend_from_slice(&[0x83, 0x0d, 0x00, 0x18, 7, 0x01]);
    reversed[2] = 201;
    let at = reversed.len() - 6;
    let e = decode(&reversed, None, &Builtin).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::DuplicateId, at));
}

/// A flat frame `{[13, i, r(, ri)]: 1, …}` (object 13 is unknown to the test model) with its key offsets; `tail`
/// is appended as one more map entry.
fn flat_frame(paths: &[Path], tail: &[u8]) -> (Vec<u8>, Vec<usize>) {
    let entries = paths.len() + usize::from(!tail.is_empty());
    let mut frame = std::vec![0xb9, (entries >> 8) as u8, entries as u8];
    let mut at = Vec::new();
    for path in paths {
        at.push(frame.len());
        frame.push(0x80 + path.len() as u8);
        for &id in path.ids() {
            frame.extend_from_slice(&[0x19, (id >> 8) as u8, id as u8]);
        }
        frame.push(0x01);
    }
    frame.extend_from_slice(tail);
    (frame, at)
}

#[test]
fn duplicate_check_matches_a_pairwise_reference() {
    // Random record sets with frequent clashes, in random order, of up to 50 blocks of pending records: the error
    // must be DUPLICATE_ID at the first record that clashes with an earlier one, whatever follows it, and a frame
    // without a clash must decode, or fail at its appended bad key.
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = |n: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % n
    };
    let (mut clashes, mut clean) = (0, 0);
    for round in 0..900 {
        let n = 1 + next(if round % 7 == 0 { 400 } else { 100 }) as usize;
        let spread = if round % 2 == 0 {
            60_000
        } else {
            1 + next(60) as u16
        };
        // Every third round: mostly resource instances, of few resources (long runs of one resource's instances).
        let (instances, ri_spread) = if round % 3 == 2 { (3, 400) } else { (1, 3) };
        let mut paths = Vec::new();
        for _ in 0..n {
            let (i, r) = ((next(2) as u16), (next(u64::from(spread)) as u16));
            let r = if instances > 1 { r % 3 } else { r };
            let base = Path::resource_path(13, i, r);
            paths.push(if next(4) < instances {
                base.child(next(ri_spread) as u16).unwrap()
            } else {
                base
            });
        }
        if round % 3 == 0 {
            paths.sort();
        }
        let clash = |a: &Path, b: &Path| a.contains(b) || b.contains(a);
        let first = (0..n).find(|&j| paths[..j].iter().any(|e| clash(e, &paths[j])));
        // After the records: a text key (INVALID_CBOR there), or the first record's key again with its value cut
        // short (DUPLICATE_ID at that key: the key comes before the value), unless a clash comes first.
        let (again, _) = flat_frame(&paths[..1], &[]);
        let repeat = [again.get(3..again.len() - 1).unwrap(), &[0xc1]].concat();
        let tail: &[u8] = match round % 5 {
            0 => &[0x61, 0x41, 0x01],
            1 => &repeat,
            _ => &[],
        };
        let (frame, at) = flat_frame(&paths, tail);
        let got = decode(&frame, None, &Builtin).map(|r| r.len());
        let mut out = std::vec![Record::new(Path::object_path(0), Value::None); 512];
        let got_into = decode_into(&frame, None, &Builtin, &mut out);
        match first {
            Some(j) => {
                clashes += 1;
                let e = got.unwrap_err();
                assert_eq!(
                    (e.kind(), e.offset()),
                    (ErrorKind::DuplicateId, at[j]),
                    "round {round}"
                );
                assert_eq!(got_into.unwrap_err(), e);
            }
            None if tail.is_empty() => {
                clean += 1;
                assert_eq!(got.unwrap(), n);
                assert_eq!(got_into.unwrap(), n);
            }
            None if round % 5 == 0 => {
                let e = got.unwrap_err();
                assert_eq!(
                    (e.kind(), e.offset()),
                    (ErrorKind::InvalidCbor, frame.len() - 3)
                );
            }
            None => {
                let e = got.unwrap_err();
                let key = frame.len() - repeat.len();
                assert_eq!(
                    (e.kind(), e.offset()),
                    (ErrorKind::DuplicateId, key),
                    "round {round}"
                );
            }
        }
    }
    assert!(
        clashes > 100 && clean > 100,
        "{clashes} clashes, {clean} clean"
    );
}

#[test]
fn chunked_strings_join_into_the_scratch_or_are_refused() {
    // {[13, 26, 1]: (_ "ab", "c")}, {[13, 26, 2]: (_ h'01', h'02')}: object 13 unknown, so string and opaque.
    let frame = hex("a2 830d181a01 7f 626162 6163 ff 830d181a02 5f 4101 4102 ff");
    let e = decode(&frame, None, &Builtin).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::IndefiniteLength, 6));
    let mut scratch = [0u8; 5];
    let mut got = Vec::new();
    let n = decode_joined(&frame, None, &Builtin, &mut scratch, |r| got.push(r.value));
    assert_eq!(n, Ok(2));
    assert_eq!(got, [Value::String("abc"), Value::Opaque(&[1, 2])]);
    // Too small: the offset is the joined length of the string that did not fit in what was left (4 - 3 < 2).
    let mut small = [0u8; 4];
    let e = decode_joined(&frame, None, &Builtin, &mut small, |_| {}).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::BufferTooSmall, 2));
    // A string that does not fit and is not UTF-8 (c3 28 at 11): INVALID_UTF8, what a large enough buffer gives.
    let frame = hex("a1 830d181a01 7f 626163 62c328 ff");
    let mut tiny = [0u8; 1];
    let e = decode_joined(&frame, None, &Builtin, &mut tiny, |_| {}).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidUtf8, 11));
    let mut room = [0u8; 4];
    let e = decode_joined(&frame, None, &Builtin, &mut room, |_| {}).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidUtf8, 11));
}
