//! Formats left out of a build (cargo features off): what the dispatching functions, `fit` and the fPort
//! convention answer. Run with `--no-default-features --features <one format>` as well as with the defaults.

use super::*;
use crate::lorawan::fit::{fit_frame, Budget, FitFormat, AUTO_CANDIDATES};
use crate::lorawan::port::{decode_uplink, encode_uplink, PortTable, SENML_CBOR_PORT};
use crate::registry::Registry;
use crate::value::Value;

const LEFT_OUT: Error = Error::new(ErrorKind::UnknownFormat, 0);

#[test]
fn enabled_follows_the_features() {
    assert_eq!(Format::Tlv.enabled(), cfg!(feature = "tlv"));
    assert_eq!(Format::SenmlCbor.enabled(), cfg!(feature = "senml-cbor"));
    assert_eq!(Format::Lwm2mCbor.enabled(), cfg!(feature = "lwm2m-cbor"));
    assert_eq!(Format::Cbor.enabled(), cfg!(feature = "single"));
    assert_eq!(Format::Opaque.enabled(), cfg!(feature = "single"));
    assert_eq!(Format::Text.enabled(), cfg!(feature = "text"));
    // Every format keeps its name and number in every build.
    for &f in Format::ALL {
        assert_eq!(f.name().parse::<Format>(), Ok(f));
    }
    assert!(Format::ALL.len() >= 6);
}

#[test]
fn a_format_left_out_is_unknown_format_at_0_before_anything_else() {
    let path = Path::resource_path(3424, 0, 1);
    let records = [Record::new(path, Value::Float(12.5))];
    let mut out = [0u8; 64];
    for &format in Format::ALL {
        // With and without a path: a format left out is refused before MISSING_PATH.
        for p in [None, Some(&path)] {
            let outcomes = [
                decode_each(format, &[0xc4], p, &Registry, |_| {}).err(),
                encoded_len(format, &records, p, &Registry).err(),
                encode(format, &records, p, &Registry, &mut out).err(),
            ];
            for got in outcomes {
                if format.enabled() {
                    assert_ne!(got, Some(LEFT_OUT), "{format} {p:?}");
                } else {
                    assert_eq!(got, Some(LEFT_OUT), "{format} {p:?}");
                }
            }
            #[cfg(feature = "alloc")]
            if !format.enabled() {
                assert_eq!(decode_owned(format, &[0xc4], p, &Registry), Err(LEFT_OUT));
                assert_eq!(encode_to_vec(format, &records, p, &Registry), Err(LEFT_OUT));
            }
        }
    }
}

#[test]
fn fit_chooses_among_the_formats_of_the_build() {
    assert!(AUTO_CANDIDATES.iter().all(|f| f.enabled()));
    let mut records = [Record::new(
        Path::resource_path(3424, 0, 1),
        Value::Float(12.5),
    )];
    let mut out = [0u8; 51];
    let budget = Budget::bytes(51);
    let auto = fit_frame(
        &mut records,
        FitFormat::Auto,
        None,
        &Registry,
        budget,
        &mut out,
    );
    match auto {
        Ok(fitted) => {
            assert_eq!(fitted.taken, 1);
            assert!(fitted.format.enabled());
        }
        Err(e) => {
            assert!(AUTO_CANDIDATES.is_empty());
            assert_eq!(e, LEFT_OUT);
        }
    }
    for &format in Format::ALL.iter().filter(|f| !f.enabled()) {
        let fixed = FitFormat::Fixed(format);
        let got = fit_frame(&mut records, fixed, None, &Registry, budget, &mut out);
        assert_eq!(got, Err(LEFT_OUT), "{format}");
        #[cfg(feature = "alloc")]
        assert_eq!(
            crate::lorawan::fit::split(
                &records,
                fixed,
                None,
                &Registry,
                budget,
                &PortTable::default()
            ),
            Err(LEFT_OUT)
        );
    }
}

#[test]
fn the_port_table_is_the_same_in_every_build() {
    let table = PortTable::default();
    // Battery (3411) level 87 % on fPort 11 (TLV at /3411), and an empty SenML-CBOR pack on fPort 101.
    let battery = [0x03, 0x00, 0xc1, 0x01, 0x57];
    let tlv = decode_uplink(11, &battery, &table, &Registry, |_| {});
    let senml = decode_uplink(SENML_CBOR_PORT, &[0x80], &table, &Registry, |_| {});
    assert_eq!(
        tlv.map_err(|e| e == LEFT_OUT),
        if Format::Tlv.enabled() {
            Ok(1)
        } else {
            Err(true)
        }
    );
    assert_eq!(
        senml.map_err(|e| e == LEFT_OUT),
        if Format::SenmlCbor.enabled() {
            Ok(0)
        } else {
            Err(true)
        }
    );
    assert_eq!(table.port_for(Format::Tlv, 3411), Some(11));
    let records = [Record::new(
        Path::resource_path(3411, 0, 1),
        Value::Integer(87),
    )];
    let mut out = [0u8; 16];
    let encoded = encode_uplink(11, &records, &table, &Registry, &mut out).map(|b| b.to_vec());
    if Format::Tlv.enabled() {
        assert_eq!(encoded.as_deref(), Ok(&battery[..]));
    } else {
        assert_eq!(encoded, Err(LEFT_OUT));
    }
    // A port without an entry is still UNKNOWN_PORT.
    let e = decode_uplink(44, &battery, &table, &Registry, |_| {}).unwrap_err();
    assert_eq!(e.kind(), ErrorKind::UnknownPort);
}
