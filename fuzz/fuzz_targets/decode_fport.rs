//! Decodes arbitrary uplinks by the fPort convention (`lorawan::port::decode_uplink`, default table): byte 0 is the
//! fPort, the rest the FRMPayload. No panic; the result equals `format::decode_owned` in the port's format at its base
//! path; an fPort without an entry gives `UNKNOWN_PORT` at 0; a decoded uplink re-encodes for the same fPort
//! (`encode_uplink`) to the bytes `format::encode_to_vec` gives, which decode to the same records (as a set for
//! LwM2M-CBOR: `ucifi_fuzz::in_canonical_order`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ucifi_codec::lorawan::port::{decode_uplink, encode_uplink, PortTable};
use ucifi_codec::{format, Error, ErrorKind, OwnedRecord, Registry};

fuzz_target!(|data: &[u8]| {
    let Some((&fport, payload)) = data.split_first() else {
        return;
    };
    let table = PortTable::default();
    let mut got = Vec::new();
    let decoded = decode_uplink(fport, payload, &table, &Registry, |r| {
        got.push(OwnedRecord::from_record(&r))
    });
    let Some(entry) = table.lookup(fport) else {
        assert_eq!(
            decoded,
            Err(Error::new(ErrorKind::UnknownPort, 0)),
            "fPort {fport}"
        );
        return;
    };
    let base = entry.base.as_ref();
    let owned = format::decode_owned(entry.format, payload, base, &Registry);
    let records = match (decoded, owned) {
        (Ok(n), Ok(o)) => {
            assert_eq!(n, got.len());
            if let Some(d) = ucifi_fuzz::diff(&o, &got) {
                panic!("fPort {fport}: decode_uplink vs format::decode_owned: {d}");
            }
            o
        }
        (Err(a), Err(b)) => {
            assert_eq!(
                a, b,
                "fPort {fport}: decode_uplink vs format::decode_owned error"
            );
            assert!(
                a.offset() <= payload.len(),
                "fPort {fport}: {a} past the end of the payload"
            );
            return;
        }
        (a, b) => panic!("fPort {fport}: decode_uplink gives {a:?}, format::decode_owned {b:?}"),
    };
    let views: Vec<_> = records.iter().map(OwnedRecord::as_record).collect();
    let Ok(bytes) = format::encode_to_vec(entry.format, &views, base, &Registry) else {
        return;
    };
    let mut buf = vec![0u8; bytes.len()];
    let up = encode_uplink(fport, &views, &table, &Registry, &mut buf).unwrap_or_else(|e| {
        panic!("fPort {fport}: encode_uplink fails where format::encode_to_vec succeeds: {e}")
    });
    assert_eq!(
        up,
        &bytes[..],
        "fPort {fport}: encode_uplink vs format::encode_to_vec"
    );
    let mut back = Vec::new();
    decode_uplink(fport, &bytes, &table, &Registry, |r| {
        back.push(OwnedRecord::from_record(&r))
    })
    .unwrap_or_else(|e| panic!("fPort {fport}: re-encoded uplink does not decode: {e}"));
    let order = |r: &[OwnedRecord]| ucifi_fuzz::in_canonical_order(entry.format, r);
    if let Some(d) = ucifi_fuzz::diff(&order(&records), &order(&back)) {
        panic!("fPort {fport}: decode → encode → decode changes the records: {d}");
    }
});
