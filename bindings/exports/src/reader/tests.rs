use std::io::Write;

use super::*;
use crate::Uplink;

const TTS_UP: &str = r#"{"result":{"end_device_ids":{"device_id":"meter-1","application_ids":{"application_id":"city"},"dev_eui":"70B3D57ED0000001"},"received_at":"2026-01-02T03:04:05.5Z","uplink_message":{"f_port":24,"f_cnt":7,"frm_payload":"CAAN","rx_metadata":[{"gateway_ids":{"gateway_id":"gw"},"rssi":-100}]}}}"#;
const TTS_JOIN: &str = r#"{"result":{"end_device_ids":{"device_id":"meter-1"},"join_accept":{"session_key_id":"AYz"}}}"#;
const CS_UP: &str = r#"{"deduplicationId":"x","time":"2026-01-02T03:04:05+01:00","deviceInfo":{"deviceName":"Lamp 12","devEui":"0011223344556677","tags":{}},"fCnt":3,"fPort":11,"data":"AQ==","rxInfo":[]}"#;

/// Every message of `input` read as `kind`, with owned strings.
fn read(input: &[u8], kind: ExportKind) -> Result<Vec<(u64, Message<'static>)>, ReadError> {
    let mut out = Vec::new();
    let reader = decompressed(input)?;
    ExportReader::new(reader, kind).for_each(|m, i| out.push((i, owned(m))))?;
    Ok(out)
}

fn owned(m: Message<'_>) -> Message<'static> {
    let o =
        |s: Option<std::borrow::Cow<'_, str>>| s.map(|s| std::borrow::Cow::Owned(s.into_owned()));
    match m {
        Message::Uplink(u) => Message::Uplink(Uplink {
            device_id: o(u.device_id),
            dev_eui: o(u.dev_eui),
            device_name: o(u.device_name),
            received_at: o(u.received_at),
            fport: u.fport,
            f_cnt: u.f_cnt,
            payload: o(u.payload),
        }),
        Message::Other => Message::Other,
        Message::Invalid(e) => Message::Invalid(e),
    }
}

fn uplink<'a>(m: &'a Message<'static>) -> &'a Uplink<'static> {
    match m {
        Message::Uplink(u) => u,
        other => panic!("not an uplink: {other:?}"),
    }
}

#[test]
fn ndjson_line_by_line_with_a_bad_line_a_blank_line_and_a_join() {
    let input = format!("{TTS_UP}\n\n{{\"result\": nope}}\n{TTS_JOIN}\r\n{TTS_UP}");
    let got = read(input.as_bytes(), ExportKind::Tts).expect("reads");
    assert_eq!(got.len(), 4);
    assert_eq!(
        got.iter().map(|(i, _)| *i).collect::<Vec<_>>(),
        [0, 1, 2, 3]
    );
    let up = uplink(&got[0].1);
    assert_eq!(up.device_id.as_deref(), Some("meter-1"));
    assert_eq!(up.device_name.as_deref(), Some("meter-1"));
    assert_eq!(up.dev_eui.as_deref(), Some("70b3d57ed0000001"));
    assert_eq!((up.fport, up.f_cnt), (24, 7));
    assert_eq!(up.received_at_ns(), Some(1_767_323_045_500_000_000));
    assert_eq!(up.payload(), Ok(vec![0x08, 0x00, 0x0d]));
    // The bad line starts after the first line and the blank line; serde_json reads the `n` of `nope` as the start
    // of `null` and stops at the `o`.
    let bad_at = TTS_UP.len() + 2 + "{\"result\": n".len();
    assert_eq!(
        got[1].1,
        Message::Invalid(Error::new(ErrorKind::InvalidJson, bad_at))
    );
    assert_eq!(got[2].1, Message::Other);
    assert!(matches!(got[3].1, Message::Uplink(_)));
}

#[test]
fn arrays_and_multi_line_values_are_read_whole() {
    let array = format!("[\n {TTS_UP},\n {TTS_JOIN}\n]\n");
    let got = read(array.as_bytes(), ExportKind::Tts).expect("reads");
    assert_eq!(got.len(), 2);
    assert!(matches!(got[0].1, Message::Uplink(_)) && got[1].1 == Message::Other);

    let pretty = "{\n  \"deviceInfo\": {\"devEui\": \"AABBCCDDEEFF0011\"},\n  \"fPort\": 100,\n  \"data\": \"oA==\"\n}\n{\"fPort\": 101, \"data\": \"\"}\n";
    let got = read(pretty.as_bytes(), ExportKind::Chirpstack).expect("reads");
    assert_eq!(got.len(), 2);
    let up = uplink(&got[0].1);
    assert_eq!(
        (up.dev_eui.as_deref(), up.fport, up.device_name.as_deref()),
        (Some("aabbccddeeff0011"), 100, None)
    );

    let broken = "[{\"fPort\": 1},]";
    let got = read(broken.as_bytes(), ExportKind::Chirpstack).expect("reads");
    assert_eq!(
        got,
        [(0, Message::Invalid(Error::new(ErrorKind::InvalidJson, 14)))]
    );
}

#[test]
fn the_other_servers_export_is_refused_by_name() {
    let err = read(CS_UP.as_bytes(), ExportKind::Tts).expect_err("a ChirpStack event is not TTS");
    assert!(matches!(
        err,
        ReadError::WrongKind {
            expected: ExportKind::Tts,
            found: ExportKind::Chirpstack,
            message: 0
        }
    ));
    assert!(
        err.to_string().contains("read this export as chirpstack"),
        "{err}"
    );
    let input = format!("{CS_UP}\n{TTS_UP}\n");
    let err =
        read(input.as_bytes(), ExportKind::Chirpstack).expect_err("the second message is TTS");
    assert!(matches!(
        err,
        ReadError::WrongKind {
            message: 1,
            found: ExportKind::Tts,
            ..
        }
    ));
}

#[test]
fn chirpstack_events_and_gzip() {
    let plain = format!("{CS_UP}\n{{\"deviceInfo\":{{\"devEui\":\"0011223344556677\"}},\"joinServerContext\":{{}}}}\n");
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(plain.as_bytes()).expect("in memory");
    let compressed = gz.finish().expect("in memory");
    for input in [plain.as_bytes(), &compressed[..]] {
        let got = read(input, ExportKind::Chirpstack).expect("reads");
        assert_eq!(got.len(), 2);
        let up = uplink(&got[0].1);
        assert_eq!(up.device_id.as_deref(), Some("0011223344556677"));
        assert_eq!(up.device_name.as_deref(), Some("Lamp 12"));
        assert_eq!((up.fport, up.f_cnt), (11, 3));
        assert_eq!(up.received_at_ns(), Some(1_767_319_445_000_000_000));
        assert_eq!(got[1].1, Message::Other);
    }
    // A corrupt gzip stream is a read failure, not rows.
    let mut cut = compressed.clone();
    cut.truncate(12);
    assert!(matches!(
        read(&cut, ExportKind::Chirpstack),
        Err(ReadError::Io(_))
    ));
}

#[test]
fn base64_errors_name_the_character() {
    let up = Uplink {
        payload: Some("CA*N".into()),
        ..Uplink::default()
    };
    assert_eq!(up.payload(), Err(Error::new(ErrorKind::InvalidBase64, 2)));
    assert_eq!(Uplink::default().payload(), Ok(Vec::new()));
}
