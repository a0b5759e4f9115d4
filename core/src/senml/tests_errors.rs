//! SenML-CBOR: every decoder error kind with its exact offset, the accepted oddities, and the encoder's errors.

// Helpers outside #[test] functions unwrap and index too.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use super::tests::{bytes, p, rec, timed, TestModel};
use super::*;
use crate::registry::Registry;
use crate::value::{ObjLnk, Record, Value};
use std::vec::Vec;

/// `/9999/0/0` … `/9999/0/9` as CBOR text (10 bytes each): resource k of the test object has type `DataType::ALL[k]`.
fn name(k: u8) -> String {
    format!("69 2f393939392f302f3{k}")
}

fn check(hex_text: &str, request: Option<&str>, kind: ErrorKind, offset: usize) {
    let input = bytes(hex_text);
    let request = request.map(p);
    let e = decode(&input, request.as_ref(), &TestModel).err().unwrap();
    assert_eq!((e.kind(), e.offset()), (kind, offset), "{hex_text}");
    let mut out = [Record::new(p("/1"), Value::None); 4];
    assert_eq!(
        decode_into(&input, request.as_ref(), &TestModel, &mut out),
        Err(e)
    );
}

#[test]
fn structure_errors() {
    use ErrorKind::*;
    check("", None, UnexpectedEnd, 0);
    check("81 a1 00", None, UnexpectedEnd, 3);
    check("81 a2 00 69 2f393939", None, UnexpectedEnd, 8);
    check(
        &format!("82 a2 00 {} 02 01", name(1)),
        None,
        UnexpectedEnd,
        15,
    ); // a second record missing
    check("a0", None, InvalidCbor, 0);
    check("81 01", None, InvalidCbor, 1); // a record that is not a map
    check("81 bc", None, InvalidCbor, 1); // reserved additional information
    check("81 a1 40 00", None, InvalidCbor, 2); // a byte-string key
    check("81 a1 ff", None, InvalidCbor, 2); // a break inside a definite map
    check("9f ff", None, IndefiniteLength, 0);
    check("80 00", None, TrailingData, 1);
    check(
        &format!("81 a2 00 {} 02 01 ff", name(1)),
        None,
        TrailingData,
        15,
    );
}

#[test]
fn label_errors() {
    use ErrorKind::*;
    check("81 a1 20 0b", None, UnsupportedVersion, 3);
    check("81 a1 20 61 61", None, InvalidCbor, 3); // bver must be an unsigned integer
    check("81 a1 62 785f 00", None, UnknownMandatoryLabel, 2);
    let n1 = name(1);
    check(&format!("81 a3 00 {n1} 02 01 02 02"), None, InvalidCbor, 15); // v twice
                                                                         // A second value field: at its key, before its value is read (here a reserved byte).
    check(
        &format!("81 a3 00 {n1} 02 01 03 61 61"),
        None,
        MultipleValues,
        15,
    );
    check(
        &format!("81 a3 00 {n1} 63 766c6f 63 333a30 04 f5"),
        None,
        MultipleValues,
        21,
    );
    check(
        &format!("81 a3 00 {n1} 02 01 03 1c"),
        None,
        MultipleValues,
        15,
    );
    check(&format!("81 a2 00 {n1} 02 61 61"), None, InvalidCbor, 14); // v must be a number
    check(&format!("81 a2 00 {n1} 04 01"), None, InvalidCbor, 14); // vb must be a bool
    check(&format!("81 a2 00 {n1} 08 61 61"), None, InvalidCbor, 14); // vd must be bytes
    check(&format!("81 a2 00 {n1} 02 c2 41 01"), None, InvalidCbor, 14); // a bignum is no SenML number
    check(&format!("81 a2 00 {n1} 02 c4 01"), None, InvalidCbor, 15); // tag 4 without [e, m]
    check("81 a1 00 01", None, InvalidCbor, 3); // n must be text
    check(&format!("81 a2 00 {n1} 01 01"), None, InvalidCbor, 14); // u must be text
    check(
        &format!("81 a2 00 {} 03 7f 61 61 ff", name(0)),
        None,
        IndefiniteLength,
        14,
    );
    check(
        &format!("81 a2 00 {} 03 62 61 ff", name(0)),
        None,
        InvalidUtf8,
        16,
    );
    check(
        &format!("81 a2 00 {n1} 08 5f 41 01 ff"),
        None,
        IndefiniteLength,
        14,
    );
}

#[test]
fn record_errors() {
    use ErrorKind::*;
    let (n1, n2) = (name(1), name(2));
    check(&format!("81 a2 00 {n1} 05 01"), None, MissingValue, 1); // a sum alone
    check(
        &format!("82 a1 00 {n1} a2 00 {n2} 02 01"),
        None,
        MissingValue,
        1,
    ); // a name, then a value
    check(
        &format!("82 a2 00 {n1} 02 01 a1 00 {n2}"),
        None,
        MissingValue,
        15,
    ); // a value, then a name
    check("81 a2 00 63 616263 02 01", None, InvalidName, 1);
    // Names are bytes: invalid UTF-8 is INVALID_UTF8 at the first bad byte, valid non-ASCII text INVALID_NAME.
    check("81 a2 21 63 2f31c3 02 01", None, InvalidUtf8, 6);
    check("81 a2 00 64 2fc3a931 02 01", None, InvalidName, 1);
    check("81 a2 00 65 2f3139ed a0 02 01", None, InvalidUtf8, 7);
    check("81 a2 00 67 2f393939392f30 02 01", None, InvalidName, 1); // a value at instance level
    check("81 a1 02 01", None, InvalidName, 1); // no name at all
    check(
        "81 a2 00 6a 2f37303030302f302f31 02 01",
        None,
        InvalidName,
        1,
    ); // id above 65535
    check(
        "81 a2 00 6a 2f312f322f332f342f35 02 01",
        None,
        InvalidName,
        1,
    ); // five levels
    check("81 a2 21 64 2f332f30 02 01", None, InvalidName, 1); // bn alone at instance level
    check(
        &format!("82 a2 00 {n1} 02 01 a2 00 {n1} 02 02"),
        None,
        DuplicateId,
        15,
    );
    check(
        &format!("81 a2 00 {n1} 02 01"),
        Some("/9999/1"),
        PathMismatch,
        1,
    );
    check(
        &format!("81 a2 00 {n1} 02 01"),
        Some("/9999/0/2"),
        PathMismatch,
        1,
    );
}

#[test]
fn value_errors() {
    use ErrorKind::*;
    let n1 = name(1);
    check(&format!("81 a2 00 {n1} 03 61 61"), None, TypeMismatch, 14); // text for an Integer
    check(&format!("81 a2 00 {n1} 02 f9 3e00"), None, TypeMismatch, 14); // 1.5 for an Integer
    check(
        &format!("81 a2 00 {} 02 20", name(2)),
        None,
        TypeMismatch,
        14,
    ); // −1 for an Unsigned
    check(
        &format!("81 a2 00 {} 02 1b 0020000000000001", name(3)),
        None,
        TypeMismatch,
        14,
    ); // 2^53+1 for a Float
    check(
        &format!("81 a2 00 {} 63 766c6f 61 78", name(7)),
        None,
        TypeMismatch,
        17,
    ); // vlo "x"
    check(
        &format!("81 a2 00 {} 02 01", name(9)),
        None,
        ExecutableValue,
        14,
    );
    check(
        &format!("81 a2 00 {} 03 61 61", name(4)),
        None,
        TypeMismatch,
        14,
    ); // text for a Boolean
    check(
        "81 a2 00 69 2f332f302f39393939 02 3b ffffffffffffffff",
        None,
        TypeMismatch,
        14,
    ); // −2^64, unknown resource
}

#[test]
fn accepted_forms() {
    let n1 = name(1);
    // Indefinite record maps; unknown labels (integer and text, with nested items) and ut are ignored; bver 10.
    let input = bytes(&format!(
        "82 bf 20 0a 00 {n1} 18 64 82 01 bf 01 9f ff ff 63 666f6f c1 00 07 fb 3ff8000000000000 02 01 ff \
         a2 00 69 2f393939392f302f37 03 65 33333a3434"
    ));
    let r: Vec<_> = decode(&input, None, &TestModel).unwrap().collect();
    assert_eq!(r[0].value, Value::Integer(1));
    // Objlnk also arrives as vs where the model says Objlnk.
    assert_eq!(
        r[1].value,
        Value::ObjLnk(ObjLnk {
            object: 33,
            instance: 44
        })
    );
    // Base fields carry forward until set again: bn, bt, bv (numbers only).
    let input = bytes(
        "84 a5 21 68 2f393939392f302f 22 0a 24 29 00 61 31 02 05 a2 00 63 312f31 02 06 \
         a3 21 68 2f393939392f312f 00 61 30 03 61 78 a3 00 63 312f32 02 01 06 01",
    );
    let r: Vec<_> = decode(&input, None, &TestModel).unwrap().collect();
    let got: Vec<_> = r.iter().map(|r| (r.path, r.value, r.time)).collect();
    assert_eq!(
        got,
        [
            (p("/9999/0/1"), Value::Integer(-5), Some(10.0)),
            (p("/9999/0/1/1"), Value::Integer(-4), Some(10.0)),
            (p("/9999/1/0"), Value::String("x"), Some(10.0)),
            (p("/9999/1/1/2"), Value::Integer(-9), Some(11.0)),
        ]
    );
    // A Read-Composite request: names only, objects and instances allowed, typed none.
    let input = bytes("83 a1 00 66 2f332f302f30 a1 00 62 2f31 a1 00 64 2f352f30");
    let r: Vec<_> = decode(&input, None, &Registry).unwrap().collect();
    assert!(r.iter().all(|r| r.value == Value::None));
    assert_eq!(
        (r[0].resource.map(|d| d.id), r[1].path, r[2].path),
        (Some(0), p("/1"), p("/5/0")) // /3/0/0 Manufacturer
    );
    // The same path at two times is no duplicate; an empty pack is fine.
    let input = bytes(&format!("82 a3 00 {n1} 02 01 06 01 a3 00 {n1} 02 01 06 02"));
    assert_eq!(decode(&input, None, &TestModel).unwrap().len(), 2);
    assert_eq!(decode(&bytes("80"), None, &TestModel).unwrap().len(), 0);
}

#[test]
fn many_records_screen_duplicates_exactly() {
    // 600 distinct paths fill the 256-bit screen: its hits must all be cleared by the exact second walk.
    let records: Vec<_> = (0..600u16)
        .map(|k| {
            rec(
                &format!("/9999/{}/1/{}", k % 3, k),
                Value::Integer(k.into()),
            )
        })
        .collect();
    let mut buf = vec![0u8; 16 * 1024];
    let pack = encode(&records, None, &TestModel, &mut buf)
        .unwrap()
        .to_vec();
    assert_eq!(decode(&pack, None, &TestModel).unwrap().len(), 600);
    // The same records again, one at a new time: only the exact repeat is reported, at its first byte.
    let mut twice = records.clone();
    twice.push(timed("/9999/1/1/4", Value::Integer(4), 1.0));
    twice.push(records[4]);
    let e = encoded_len(&twice, None, &TestModel).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::DuplicateId, 601));
    // By hand: record 4 again after the 601 records above (the array head 0x99 0x0259 becomes 602).
    let mut ok = records.clone();
    ok.push(timed("/9999/1/1/4", Value::Integer(4), 1.0));
    let n = encode(&ok, None, &TestModel, &mut buf).unwrap().len();
    let mut dup = buf[..n].to_vec();
    assert_eq!(&dup[..3], [0x99, 0x02, 0x59]);
    dup[2] = 0x5a;
    let at = dup.len();
    dup.extend(bytes("a2 00 65 312f312f34 02 04")); // bn "/9999/" + n "1/1/4"
    let e = decode(&dup, None, &TestModel).err().unwrap();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::DuplicateId, at));
}

#[test]
fn encoder_errors() {
    use ErrorKind::*;
    let enc = |records: &[Record<'_>], request: Option<&str>| {
        let e = encoded_len(records, request.map(p).as_ref(), &TestModel).unwrap_err();
        (e.kind(), e.offset())
    };
    let ok = rec("/9999/0/1", Value::Integer(1));
    assert_eq!(
        enc(&[ok, rec("/9999/0/1/1", Value::String("x"))], None),
        (TypeMismatch, 1)
    );
    assert_eq!(
        enc(&[ok, rec("/9999/0/9", Value::Integer(1))], None),
        (ExecutableValue, 1)
    );
    assert_eq!(enc(&[ok], Some("/9999/1")), (PathMismatch, 0));
    assert_eq!(
        enc(&[ok, rec("/9999/0", Value::Integer(1))], None),
        (InvalidPath, 1)
    );
    assert_eq!(
        enc(&[ok, rec("/9999/0/2", Value::Unsigned(1)), ok], None),
        (DuplicateId, 2)
    );
    assert_eq!(
        enc(&[ok, rec("/9999/0/2", Value::None)], None),
        (MissingValue, 1)
    );
    assert_eq!(
        enc(&[rec("/9999/0/2", Value::None), ok], None),
        (MissingValue, 0)
    );
    let e = encode(&[ok], None, &TestModel, &mut [0u8; 3]).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (BufferTooSmall, 15));
    // The same path at two times is fine.
    assert!(encoded_len(
        &[timed("/9999/0/1", Value::Integer(1), 1.0), ok],
        None,
        &TestModel
    )
    .is_ok());
}
