use super::*;
use crate::registry::Registry;

/// Water meter /3424/0 over fPort 24 with resource 1 (12.5) only: conformant.
const VOLUME: [u8; 8] = [0x06, 0x00, 0xc4, 0x01, 0x41, 0x48, 0x00, 0x00];

fn run(frames: &[(&[u8], Source)], store: &mut [Seen]) -> ([Option<Finding>; 8], usize) {
    let mut out = [None; 8];
    let mut n = 0;
    let mut v = Validator::new(&Registry, Slots::new(store));
    let mut sink = |f: Finding| {
        if let Some(slot) = out.get_mut(n) {
            *slot = Some(f);
        }
        n += 1;
    };
    for (bytes, source) in frames {
        v.frame(bytes, *source, &mut sink);
    }
    v.finish(&mut sink);
    (out, n)
}

#[test]
fn a_conformant_frame_has_no_finding() {
    let mut store = [Seen::EMPTY; 2];
    let (_, n) = run(&[(&VOLUME, Source::Port(24))], &mut store);
    assert_eq!(n, 0);
    assert_eq!(
        (store[0].object, store[0].instance, store[0].records),
        (3424, 0, 1)
    );
}

#[test]
fn a_full_store_is_one_info_finding_and_skips_the_mandatory_check() {
    // Two instances (/3424/0 and /3424/1, each without resource 1) and room for one.
    let frame = [0x03, 0x00, 0xc1, 0x09, 0x00, 0x03, 0x01, 0xc1, 0x09, 0x01];
    let mut store = [Seen::EMPTY; 1];
    let (found, n) = run(&[(&frame, Source::Port(24))], &mut store);
    let checks: [Option<Check>; 3] = [0, 1, 2].map(|i| found[i].map(|f| f.check));
    assert_eq!(n, 2);
    assert_eq!(
        checks,
        [
            Some(Check::TooManyInstances),
            Some(Check::MissingMandatory),
            None
        ]
    );
    assert_eq!(
        found[1].and_then(|f| f.path),
        Some(Path::resource_path(3424, 0, 1))
    );
    assert_eq!(found[0].map(|f| f.severity()), Some(Severity::Info));
}

#[test]
fn a_decode_error_keeps_its_kind_and_offset() {
    let mut store = [Seen::EMPTY; 1];
    let (found, n) = run(&[(&VOLUME[..5], Source::Port(24))], &mut store);
    assert_eq!(n, 1);
    let f = found[0];
    assert_eq!(f.map(|f| f.check), Some(Check::DecodeError));
    assert!(
        matches!(f.map(|f| f.detail), Some(Detail::Decode(e)) if e.kind() == crate::ErrorKind::UnexpectedEnd)
    );
}

#[test]
fn resources_past_the_tracked_positions_count_as_carried() {
    let seen = Seen::new(1, 0);
    assert!(!seen.carried(0) && !seen.carried(TRACKED_RESOURCES - 1));
    assert!(seen.carried(TRACKED_RESOURCES));
}
