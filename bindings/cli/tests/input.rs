//! The everyday input of `ucifi`: frames as people paste them (spaced hex, `0x`, colons, base64, SenML-JSON text),
//! several frames on stdin, error messages that name what is valid, and `fit` frames that always have an fPort.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failed test

use std::process::Output;

use serde_json::{json, Value as Json};
use ucifi_codec::format::Format;

fn ucifi(args: &[&str], stdin: &str) -> Output {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    ucifi_testkit::run_with_stdin(env!("CARGO_BIN_EXE_ucifi"), &args, stdin.as_bytes()).unwrap()
}

fn ok_lines(out: &Output) -> Vec<Json> {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    lines(out)
}

fn lines(out: &Output) -> Vec<Json> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn error(out: &Output) -> (String, u64, String) {
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let e: Json = serde_json::from_slice(&out.stderr).unwrap();
    let e = &e["error"];
    (
        e["kind"].as_str().unwrap().to_string(),
        e["offset"].as_u64().unwrap(),
        e["message"].as_str().unwrap().to_string(),
    )
}

/// The water-meter volume 12.5 m³ at /3424/0, TLV.
const FRAME: &str = "c40141480000";
const TLV: [&str; 5] = ["decode", "--format", "tlv", "--path", "/3424/0"];

fn volume() -> Json {
    json!({"records": [{"path": "/3424/0/1", "name": "Cumulated water volume", "unit": "m3", "type": "float",
                        "value": 12.5}]})
}

#[test]
fn frames_as_people_paste_them() {
    for text in [
        FRAME,
        "c4 01 41 48 00 00",
        "C4:01:41:48:00:00",
        "0xc4 0x01 0x41 0x48 0x00 0x00",
        "0xC40141480000",
        "xAFBSAAA",
    ] {
        let out = ucifi(&[&TLV[..], &[text]].concat(), "");
        assert_eq!(ok_lines(&out), [volume()], "{text}");
        let out = ucifi(&[&TLV[..], &["-"]].concat(), &format!("{text}\n"));
        assert_eq!(ok_lines(&out), [volume()], "stdin {text}");
    }
    // --base64 reads text that would also be hex as base64.
    let out = ucifi(&[&TLV[..], &["--base64", "xAFBSAAA"]].concat(), "");
    assert_eq!(ok_lines(&out), [volume()]);
    let out = ucifi(&[&TLV[..], &["--base64", FRAME]].concat(), "");
    assert!(!out.status.success() || lines(&out) != [volume()]);
    let (kind, offset, message) = error(&ucifi(&[&TLV[..], &["c4 01 4g"]].concat(), ""));
    assert_eq!((kind.as_str(), offset), ("INVALID_HEX", 7));
    assert!(
        message.contains("base64") && message.contains("0x"),
        "{message}"
    );
    let (kind, offset, _) = error(&ucifi(&[&TLV[..], &["c40"]].concat(), ""));
    assert_eq!((kind.as_str(), offset), ("INVALID_HEX", 3));
}

#[test]
fn several_frames_on_stdin_give_one_line_each() {
    let out = ucifi(
        &[&TLV[..], &["-"]].concat(),
        "c40141480000\n\nc4 01 41 48 00 00\r\nxAFBSAAA\n",
    );
    assert_eq!(ok_lines(&out), [volume(), volume(), volume()]);
    // A frame that fails is an error line in its place; the exit status says something failed.
    let out = ucifi(
        &[&TLV[..], &["-"]].concat(),
        "c40141480000\nc401\nxAFBSAAA\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out);
    assert_eq!(got.len(), 3);
    assert_eq!((&got[0], &got[2]), (&volume(), &volume()));
    assert_eq!(got[1]["error"]["kind"], "UNEXPECTED_END");
}

#[test]
fn senml_json_is_json_text_both_ways() {
    let records = r#"{"records": [{"path": "/3424/0/1", "value": 12.5}]}"#;
    let out = ucifi(&["encode", "--format", "senml-json", "-"], records);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let doc: Json = serde_json::from_str(&text).unwrap();
    assert_eq!(doc, json!([{"bn": "/3424/0/1", "v": 12.5}]));
    let out = ucifi(&["decode", "--format", "senml-json", text.trim()], "");
    assert_eq!(ok_lines(&out), [volume()]);
    // A pretty-printed document on stdin is one frame, not one per line.
    let pretty = "[\n  {\"bn\": \"/3424/0/1\",\n   \"v\": 12.5}\n]\n";
    let out = ucifi(&["decode", "--format", "senml-json", "-"], pretty);
    assert_eq!(ok_lines(&out), [volume()]);
    // The JSON text as hex still works.
    let out = ucifi(
        &[
            "decode",
            "--format",
            "senml-json",
            &hex::encode(text.trim()),
        ],
        "",
    );
    assert_eq!(ok_lines(&out), [volume()]);
}

#[test]
fn errors_and_help_name_what_is_valid() {
    let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    let (kind, _, message) = error(&ucifi(&["decode", "--format", "senml", FRAME], ""));
    assert_eq!(kind, "UNKNOWN_FORMAT");
    assert!(
        message.contains("\"senml\"") && names.iter().all(|n| message.contains(n)),
        "{message}"
    );
    let (kind, _, message) = error(&ucifi(
        &["fit", "--format", "smallest", "--budget", "51", "-"],
        "{}",
    ));
    assert_eq!(kind, "UNKNOWN_FORMAT");
    assert!(message.contains("auto"), "{message}");
    for args in [
        &["--help"][..],
        &["decode", "--help"],
        &["encode", "--help"],
    ] {
        let help = String::from_utf8(ucifi(args, "").stdout).unwrap();
        assert!(names.iter().all(|n| help.contains(n)), "{args:?}: {help}");
    }
    // fPorts: outside the application range is its own error; a free application port names the convention.
    for port in ["0", "224", "255", "300", "-1"] {
        let (kind, offset, message) = error(&ucifi(&["decode", "--fport", port, FRAME], ""));
        assert_eq!((kind.as_str(), offset), ("UNKNOWN_PORT", 0));
        assert!(
            message.contains("1-223") && message.contains("not a LoRaWAN application port"),
            "{message}"
        );
    }
    let (kind, _, message) = error(&ucifi(&["decode", "--fport", "44", FRAME], ""));
    assert_eq!(kind, "UNKNOWN_PORT");
    assert!(
        message.contains("no entry") && message.contains("101"),
        "{message}"
    );
}

/// A file that cannot be read is the tool's failure (`IO`, offset 0), not a codec error kind; bad content in a file
/// that can be read stays a codec error.
#[test]
fn unreadable_files_are_io_failures_not_codec_errors() {
    let dir = std::env::temp_dir().join(format!("ucifi-io-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let missing = dir.join("missing.json");
    let missing = missing.to_str().unwrap();
    for args in [
        vec!["encode", "--format", "tlv", "--path", "/3424/0", missing],
        vec!["fit", "--budget", "51", missing],
        vec![
            "--ddf", missing, "decode", "--format", "tlv", "--path", "/3424/0", FRAME,
        ],
        vec!["decode", "--tts", missing],
        vec!["validate", "--ndjson", missing],
        vec!["validate", "--tts", missing],
    ] {
        let (kind, offset, message) = error(&ucifi(&args, ""));
        assert_eq!((kind.as_str(), offset), ("IO", 0), "{args:?}: {message}");
        assert!(message.starts_with(missing), "{args:?}: {message}");
        assert!(ucifi_codec::ErrorKind::from_name(&kind).is_none());
    }
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "not json").unwrap();
    let bad = bad.to_str().unwrap();
    let (kind, offset, _) = error(&ucifi(
        &["encode", "--format", "tlv", "--path", "/3424/0", bad],
        "",
    ));
    assert_eq!((kind.as_str(), offset), ("INVALID_RECORD", 0));
    let out = dir.join("no-such-dir").join("rows.csv");
    let (kind, _, _) = error(&ucifi(
        &["decode", "--tts", "-", "--out", out.to_str().unwrap()],
        "",
    ));
    assert_eq!(kind, "IO");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn fit_defaults_to_auto_and_every_frame_has_a_port() {
    // An IPSO temperature (3303: no TLV port) and a uCIFI water meter (3424: TLV on fPort 24).
    let records = json!({"records": [
        {"path": "/3303/0/5700", "value": 21.5},
        {"path": "/3424/0/1", "value": 12.5},
        {"path": "/3424/0/5518", "type": "time", "value": 1_700_000_000},
    ]})
    .to_string();
    for budget in ["11", "16", "51"] {
        let out = ucifi(&["fit", "--budget", budget, "-"], &records);
        let doc = &ok_lines(&out)[0];
        let frames = doc["frames"].as_array().unwrap();
        assert!(!frames.is_empty());
        let mut seen = 0;
        for f in frames {
            let port = f["fport"]
                .as_u64()
                .unwrap_or_else(|| panic!("budget {budget}: {f}"));
            // Each frame decodes by its fPort alone.
            let out = ucifi(
                &[
                    "decode",
                    "--fport",
                    &port.to_string(),
                    f["hex"].as_str().unwrap(),
                ],
                "",
            );
            seen += ok_lines(&out)[0]["records"].as_array().unwrap().len();
        }
        assert_eq!(
            seen + doc["left_out"].as_array().unwrap().len(),
            3,
            "budget {budget}"
        );
    }
    // A fixed format no port carries says how to get one.
    let ipso = r#"{"records": [{"path": "/3303/0/5700", "value": 21.5}]}"#;
    let (kind, offset, message) = error(&ucifi(
        &["fit", "--format", "tlv", "--budget", "51", "-"],
        ipso,
    ));
    assert_eq!((kind.as_str(), offset), ("UNKNOWN_PORT", 0));
    assert!(
        message.contains("--format auto") && message.contains("port table"),
        "{message}"
    );
}
