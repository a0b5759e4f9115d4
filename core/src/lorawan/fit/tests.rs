use super::*;
use crate::error::ErrorKind;
use crate::lorawan::port::{decode_uplink, PortTable};
use crate::lorawan::sample::{sample_records, Selection};
use crate::registry::Registry;
use crate::value::Value;

pub(super) const EU868_DR0: usize = 51;
/// Tests that check exact TLV layouts fix the format (auto may pick another format once more formats exist).
pub(super) const TLV: FitFormat = FitFormat::Fixed(Format::Tlv);

pub(super) fn rec(path: &str, value: Value<'static>) -> Record<'static> {
    Record::new(path.parse().unwrap(), value)
}

pub(super) fn reading(object: u16, selection: Selection) -> Vec<Record<'static>> {
    sample_records(Registry.get(object).unwrap(), 0, selection).collect()
}

pub(super) fn ucifi_ids() -> impl Iterator<Item = u16> {
    Registry.objects().filter(|o| o.is_ucifi()).map(|o| o.id)
}

/// Decodes `bytes` by its fPort and checks it holds exactly `want` (compared by path, values bit for bit).
pub(super) fn assert_decodes_to(fport: u8, bytes: &[u8], want: &[Record<'_>]) {
    let mut owned = Vec::new();
    decode_uplink(fport, bytes, &PortTable::default(), &Registry, |r| {
        owned.push(crate::value::OwnedRecord::from_record(&r))
    })
    .unwrap();
    let mut got: Vec<_> = owned
        .iter()
        .map(|o| (o.path, o.as_record().value))
        .collect();
    let mut want: Vec<_> = want.iter().map(|r| (r.path, r.value)).collect();
    got.sort_by_key(|(p, _)| *p);
    want.sort_by_key(|(p, _)| *p);
    assert_eq!(got.len(), want.len(), "fPort {fport}: {got:?} vs {want:?}");
    for ((gp, gv), (wp, wv)) in got.iter().zip(&want) {
        assert!(gp == wp && gv.same_as(wv), "{gp} {gv:?} vs {wp} {wv:?}");
    }
}

#[test]
fn mandatory_readings_fit_eu868_dr0_or_report_leftovers() {
    let (mut whole, mut empty) = (0, 0);
    for id in ucifi_ids() {
        let records = reading(id, Selection::Mandatory);
        let mut work = records.clone();
        let mut out = [0u8; 242];
        let fitted = fit_frame(
            &mut work,
            FitFormat::Auto,
            None,
            &Registry,
            Budget::bytes(EU868_DR0),
            &mut out,
        )
        .unwrap();
        assert!(fitted.len <= EU868_DR0);
        if records.is_empty() {
            assert_eq!((fitted.taken, fitted.len), (0, 0));
            empty += 1;
            continue;
        }
        // Whatever format auto picks, the frame has a port and decodes by it alone (TLV: ObjectID − 3400).
        let port = PortTable::default().port_for_path(fitted.format, fitted.path.as_ref());
        if fitted.format == Format::Tlv {
            assert_eq!(port, Some((id - 3400) as u8));
        }
        assert_decodes_to(port.unwrap(), &out[..fitted.len], &work[..fitted.taken]);
        if fitted.taken == records.len() {
            whole += 1;
        }
        // What did not go in is exactly the rest of the slice: the same records, none lost.
        let mut all: Vec<_> = work.iter().map(|r| r.path).collect();
        all.sort();
        let mut want: Vec<_> = records.iter().map(|r| r.path).collect();
        want.sort();
        assert_eq!(all, want);
    }
    // Every uCIFI object's mandatory resources fit one SF12 frame; 12 objects have no mandatory readable resource.
    assert_eq!((whole, empty), (35, 12));
}

#[test]
fn skipped_records_let_later_ones_in_and_order_is_kept() {
    let mut records = [
        rec("/3424/0/1", Value::Float(1.0)),
        rec("/3424/0/3", Value::String("a long meter type name")),
        rec("/3424/0/9", Value::Boolean(false)),
        rec("/3424/0/4", Value::Integer(7)),
    ];
    let mut out = [0u8; 64];
    let f = fit_frame(
        &mut records,
        TLV,
        None,
        &Registry,
        Budget::bytes(16),
        &mut out,
    )
    .unwrap();
    let order: Vec<_> = records.iter().map(|r| r.path.to_string()).collect();
    assert_eq!(f.taken, 3);
    assert_eq!(order, ["/3424/0/1", "/3424/0/9", "/3424/0/4", "/3424/0/3"]);
    // The buffer caps the budget too.
    let mut small = [0u8; 5];
    let f = fit_frame(
        &mut records,
        TLV,
        None,
        &Registry,
        Budget::bytes(51),
        &mut small,
    )
    .unwrap();
    assert_eq!((f.taken, f.len), (1, 5)); // wrapper 2 + boolean 3
}

#[test]
fn eleven_byte_frames_one_call_each() {
    let budget = Budget::data_rate(Region::Us915, 0, Direction::Uplink, false, false).unwrap();
    assert_eq!(budget.get(), 11);
    // Volume (wrapper 2 + 6) and timestamp (wrapper 2 + 7) do not share 11 bytes; "ultrasonic" needs 2 + 13.
    let mut work = [
        rec("/3424/0/1", Value::Float(12.5)),
        rec("/3424/0/5518", Value::Time(1_700_000_000)),
        rec("/3424/0/3", Value::String("ultrasonic")),
    ];
    let mut out = [0u8; 11];
    let f = fit_frame(&mut work, TLV, None, &Registry, budget, &mut out).unwrap();
    assert_eq!((f.taken, f.len), (1, 8));
    assert_eq!(
        (f.format, f.path),
        (Format::Tlv, Some(Path::object_path(3424)))
    );
    assert_eq!(out[..8], [0x06, 0x00, 0xc4, 0x01, 0x41, 0x48, 0x00, 0x00]);
    let rest = &mut work[1..];
    let f = fit_frame(rest, TLV, None, &Registry, budget, &mut out).unwrap();
    assert_eq!((f.taken, f.len), (1, 9));
    assert_eq!(
        out[..9],
        [0x07, 0x00, 0xe4, 0x15, 0x8e, 0x65, 0x53, 0xf1, 0x00]
    );
    let rest = &mut rest[1..];
    let f = fit_frame(rest, TLV, None, &Registry, budget, &mut out).unwrap();
    assert_eq!((f.taken, f.len), (0, 0)); // what remains fits no frame on its own
}

#[test]
fn a_caller_path_is_a_request_path() {
    let mut records = [
        rec("/3424/0/1", Value::Float(1.0)),
        rec("/3411/0/1", Value::Integer(87)),
        rec("/3424/1/1", Value::Float(2.0)),
    ];
    let mut out = [0u8; 51];
    let path = Path::object_path(3424);
    let budget = Budget::bytes(51);
    let e = fit_frame(&mut records, TLV, Some(&path), &Registry, budget, &mut out);
    assert_eq!(
        e.map_err(|e| (e.kind(), e.offset())),
        Err((ErrorKind::PathMismatch, 1))
    );
    // Without a path, TLV takes the first record's object and skips the other object's records.
    let f = fit_frame(&mut records, TLV, None, &Registry, budget, &mut out).unwrap();
    assert_eq!((f.taken, f.path), (2, Some(path)));
    assert_eq!(records[2].path, Path::resource_path(3411, 0, 1));
    // At an instance path TLV writes bare resources (no wrapper).
    let inst = Path::instance_path(3424, 0);
    let f = fit_frame(
        &mut records[..1],
        TLV,
        Some(&inst),
        &Registry,
        budget,
        &mut out,
    );
    assert_eq!(f.map(|f| (f.len, f.path)), Ok((6, Some(inst))));
}

#[test]
fn record_errors_carry_the_input_index() {
    let mut records = [
        rec("/3424/0/1", Value::Float(1.0)),
        rec("/3424/0/3", Value::String("a string too long for 16 bytes")),
        rec("/3424/0/4", Value::Float(1.0)), // Integer resource
    ];
    let mut out = [0u8; 16];
    let e = fit_frame(
        &mut records,
        FitFormat::Auto,
        None,
        &Registry,
        Budget::bytes(51),
        &mut out,
    );
    assert_eq!(
        e.map_err(|e| (e.kind(), e.offset())),
        Err((ErrorKind::TypeMismatch, 2))
    );
}

#[test]
fn every_auto_candidate_has_a_default_port() {
    // AUTO_CANDIDATES and the port table's self-describing entries must grow together, or auto frames would come
    // out without an fPort to decode them by.
    let ports = PortTable::default();
    for &format in AUTO_CANDIDATES {
        let path = format.needs_path().then_some(Path::object_path(3424));
        assert!(
            ports.port_for_path(format, path.as_ref()).is_some(),
            "{format}"
        );
    }
}
