use super::super::smallest;
use super::super::tests::{assert_decodes_to, reading, rec, ucifi_ids, EU868_DR0, TLV};
use super::*;
use crate::error::ErrorKind;
use crate::lorawan::sample::Selection;
use crate::registry::Registry;
use crate::value::Value;

const US915_DR0: usize = 11;

/// The smallest size of `r` alone in `format` (at its object path for TLV).
fn alone(r: &Record<'_>, format: FitFormat) -> usize {
    smallest(
        core::slice::from_ref(r),
        format.candidates(),
        None,
        &Registry,
    )
    .unwrap()
    .unwrap()
    .size
}

/// Splits `records` and checks every property the module promises.
fn check_split(records: &[Record<'static>], format: FitFormat, budget: usize) -> Split {
    let ports = PortTable::default();
    let s = split(
        records,
        format,
        None,
        &Registry,
        Budget::bytes(budget),
        &ports,
    )
    .unwrap();
    let mut seen: Vec<usize> = s.left_out.clone();
    for frame in &s.frames {
        assert!(!frame.bytes.is_empty() && frame.bytes.len() <= budget);
        let held: Vec<_> = frame.records.iter().map(|&i| records[i]).collect();
        assert_decodes_to(frame.fport.unwrap(), &frame.bytes, &held);
        seen.extend(&frame.records);
    }
    seen.sort_unstable();
    assert_eq!(seen, (0..records.len()).collect::<Vec<_>>());
    for &i in &s.left_out {
        assert!(
            alone(&records[i], format) > budget,
            "{} left out",
            records[i].path
        );
    }
    s
}

#[test]
fn mandatory_readings_split_into_one_51_byte_frame() {
    for id in ucifi_ids() {
        let records = reading(id, Selection::Mandatory);
        let s = check_split(&records, FitFormat::Auto, EU868_DR0);
        assert_eq!(s.frames.len(), usize::from(!records.is_empty()), "{id}");
    }
}

#[test]
fn full_readings_split_at_51_and_11_bytes() {
    for id in ucifi_ids() {
        let records = reading(id, Selection::Readable);
        let s = check_split(&records, FitFormat::Auto, EU868_DR0);
        assert!(s.left_out.is_empty(), "{id}: {:?}", s.left_out);
        // With these values every record fits 11 bytes with its wrapper; check_split checks any leftover anyway.
        check_split(&records, FitFormat::Auto, US915_DR0);
    }
}

#[test]
fn eleven_byte_split() {
    let records = [
        rec("/3424/0/1", Value::Float(12.5)),
        rec("/3424/0/5518", Value::Time(1_700_000_000)),
        rec("/3424/0/3", Value::String("ultrasonic")),
    ];
    let s = check_split(&records, TLV, 11);
    let frames: Vec<_> = s
        .frames
        .iter()
        .map(|f| (hex::encode(&f.bytes), f.fport, f.records.clone()))
        .collect();
    assert_eq!(
        frames,
        [
            ("0600c40141480000".into(), Some(24), vec![0]),
            ("0700e4158e6553f100".into(), Some(24), vec![1]),
        ]
    );
    assert_eq!(s.left_out, [2]);
}

#[test]
fn tlv_frames_hold_one_object() {
    let records = [
        rec("/3424/0/1", Value::Float(1.0)),
        rec("/3411/0/1", Value::Integer(87)),
        rec("/3424/1/1", Value::Float(2.0)),
    ];
    let s = check_split(&records, TLV, 51);
    let layout: Vec<_> = s
        .frames
        .iter()
        .map(|f| (f.fport, f.records.clone()))
        .collect();
    assert_eq!(layout, [(Some(24), vec![0, 2]), (Some(11), vec![1])]);
    // At an instance path TLV writes bare resources; the default table has no port for that.
    let inst = Path::instance_path(3424, 0);
    let ports = PortTable::default();
    let s = split(
        &records[..1],
        TLV,
        Some(&inst),
        &Registry,
        Budget::bytes(51),
        &ports,
    );
    let s = s.unwrap();
    assert_eq!((s.frames[0].bytes.len(), s.frames[0].fport), (6, None));
}

#[test]
fn record_errors_carry_the_input_index() {
    let ports = PortTable::default();
    let budget = Budget::bytes(51);
    let records = [
        rec("/3424/0/4", Value::Float(1.0)), // Integer resource
        rec("/3424/0/1", Value::Float(1.0)),
    ];
    let e = split(&records, FitFormat::Auto, None, &Registry, budget, &ports).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::TypeMismatch, 0));
    let dup = [
        rec("/3424/0/1", Value::Float(1.0)),
        rec("/3424/0/1", Value::Float(2.0)),
    ];
    let e = split(&dup, FitFormat::Auto, None, &Registry, budget, &ports).unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::DuplicateId, 1));
    // The bad record comes after one that was skipped: still its input index.
    let late = [
        rec("/3424/0/1", Value::Float(1.0)),
        rec("/3424/0/3", Value::String("too long for 11 bytes")),
        rec("/3424/0/4", Value::Float(1.0)),
    ];
    let e = split(
        &late,
        FitFormat::Auto,
        None,
        &Registry,
        Budget::bytes(11),
        &ports,
    )
    .unwrap_err();
    assert_eq!((e.kind(), e.offset()), (ErrorKind::TypeMismatch, 2));
}

#[test]
fn decreasing_order_wins_when_it_saves_a_frame() {
    // Bare resources at /3424/0 (no wrapper), 10-byte frames: sizes 3, 6, 4, 7 in input order.
    let records = [
        rec("/3424/0/9", Value::Boolean(true)),   // c1 09 01
        rec("/3424/0/1", Value::Float(12.5)),     // c4 01 41 48 00 00
        rec("/3424/0/4", Value::Integer(300)),    // c2 04 01 2c
        rec("/3424/0/3", Value::String("abcde")), // c5 03 61 62 63 64 65
    ];
    let inst = Path::instance_path(3424, 0);
    let ports = PortTable::default();
    let budget = Budget::bytes(10);
    let order = (0..records.len()).collect();
    let in_order = first_fit(&records, order, TLV, Some(&inst), &Registry, budget, &ports).unwrap();
    let layout = |s: &Split| {
        s.frames
            .iter()
            .map(|f| f.records.clone())
            .collect::<Vec<_>>()
    };
    // In input order: 3+6, then 4 (7 does not join it), then 7.
    assert_eq!(layout(&in_order), [vec![0, 1], vec![2], vec![3]]);
    // By decreasing size: 7+3 and 6+4, two full frames.
    let got = split(&records, TLV, Some(&inst), &Registry, budget, &ports).unwrap();
    assert_eq!(layout(&got), [vec![3, 0], vec![1, 2]]);
    assert!(got
        .frames
        .iter()
        .all(|f| f.bytes.len() == 10 && f.fport.is_none()));
}
