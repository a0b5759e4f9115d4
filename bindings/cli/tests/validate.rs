//! Runs every case of `vectors/validate/*.ndjson` through `ucifi validate --ndjson -` (the case's frames as lines):
//! the one device's report must match the case, the exit status must be 0 exactly when it is conformant; and the
//! single-frame and `--text` forms on two of them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failed test

use std::path::Path;
use std::process::Output;

use serde_json::Value as Json;

fn ucifi(args: &[&str], stdin: &str) -> Output {
    let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    ucifi_testkit::run_with_stdin(env!("CARGO_BIN_EXE_ucifi"), &args, stdin.as_bytes()).unwrap()
}

fn check(case: &Json) -> Result<(), String> {
    let lines: String = case["frames"]
        .as_array()
        .ok_or("no frames")?
        .iter()
        .map(|f| format!("{f}\n"))
        .collect();
    let mut args = vec!["validate".to_string(), "--ndjson".into(), "-".into()];
    let mut files = Vec::new();
    for (i, doc) in case["ddf"].as_array().into_iter().flatten().enumerate() {
        let file = std::env::temp_dir().join(format!(
            "ucifi-validate-{}-{}-{i}.xml",
            std::process::id(),
            case["id"].as_str().unwrap_or("case")
        ));
        std::fs::write(&file, doc.as_str().unwrap_or("")).map_err(|e| e.to_string())?;
        args.extend(["--ddf".to_string(), file.display().to_string()]);
        files.push(file);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = ucifi(&args, &lines);
    for f in &files {
        let _ = std::fs::remove_file(f);
    }
    let got: Json = serde_json::from_slice(&out.stdout).map_err(|e| {
        format!(
            "stdout is not JSON ({e}); stderr {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })?;
    let devices = got["devices"].as_array().ok_or("no devices")?;
    let [report] = devices.as_slice() else {
        return Err(format!("{} devices, expected 1", devices.len()));
    };
    ucifi_testkit::validate_matches(&case["report"], report, "report")
        .map_err(|e| format!("{e}\n  report: {report}"))?;
    let conformant = report["conformant"].as_bool() == Some(true);
    let expected_code = if conformant { 0 } else { 1 };
    if out.status.code() != Some(expected_code) || got["conformant"] != report["conformant"] {
        return Err(format!(
            "exit status {:?} for a report with conformant {conformant}",
            out.status
        ));
    }
    Ok(())
}

#[test]
fn every_validate_case() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vectors/validate");
    let cases = ucifi_testkit::validate_cases(&dir);
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| check(c).err().map(|e| format!("{}: {e}", c["id"])))
        .collect();
    ucifi_testkit::assert_none_failed(&failures, cases.len(), "validate cases failed");
}

#[test]
fn single_frame_and_text_report() {
    let bad = ucifi(&["validate", "--fport", "24", "0700c10901e1179a2a"], "");
    assert_eq!(bad.status.code(), Some(1));
    let report: Json = serde_json::from_slice(&bad.stdout).unwrap();
    let checks: Vec<&str> = report["devices"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["check"].as_str())
        .collect();
    assert_eq!(checks, ["OUT_OF_RANGE", "MISSING_MANDATORY"]);

    let good = "080020c401449a5000c4040012d644c10900c10a00c10b01e4158e6b041800e1179a00";
    let out = ucifi(
        &[
            "validate", "--fport", "24", "--text", "--device", "meter-7", "-",
        ],
        good,
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.starts_with("Device meter-7: CONFORMANT\n"), "{text}");
    assert!(
        text.contains("1 Cumulated water volume [m3] (float, mandatory)"),
        "{text}"
    );

    let out = ucifi(
        &[
            "validate",
            "--format",
            "tlv",
            "--path",
            "/3424",
            "--text",
            "0700c10901e1179a2a",
        ],
        "",
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("NOT CONFORMANT") && text.contains("OUT_OF_RANGE /3424/0/6042"),
        "{text}"
    );
}

#[test]
fn unreadable_input_is_an_error_not_a_report() {
    let out = ucifi(
        &["validate", "--ndjson", "-"],
        "{\"fport\": 24, \"hex\": \"0g\"}\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let e: Json = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(e["error"]["kind"], "INVALID_RECORD");
    assert_eq!(e["error"]["offset"], 1, "the line number");
    let empty = ucifi(&["validate", "--ndjson", "-"], "\n");
    assert_eq!(empty.status.code(), Some(1));
    assert!(empty.stdout.is_empty());
}

#[test]
fn network_server_exports_by_device() {
    use base64::Engine as _;
    let b64 = |h: &str| base64::engine::general_purpose::STANDARD.encode(hex::decode(h).unwrap());
    let tts = |device: &str, hex: &str| {
        serde_json::json!({"result": {"end_device_ids": {"device_id": device, "dev_eui": "70B3D57ED0000001"},
            "received_at": "2026-01-01T00:00:00Z",
            "uplink_message": {"f_port": 24, "f_cnt": 1, "frm_payload": b64(hex)}}})
        .to_string()
    };
    let join = r#"{"result":{"end_device_ids":{"device_id":"meter-2"},"join_accept":{"session_key_id":"AX"}}}"#;
    let export = [
        tts("meter-1", "0700c10901e1179a2a"),
        tts("meter-2", "0600c40141480000"),
        join.to_string(),
        tts("meter-1", "0600c40141480000"),
    ]
    .join("\n");
    let out = ucifi(&["validate", "--tts", "-"], &export);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Json = serde_json::from_slice(&out.stdout).unwrap();
    let summary: Vec<(String, bool, u64)> = got["devices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["device"].as_str().unwrap_or("").to_string(),
                d["conformant"].as_bool().unwrap_or(true),
                d["frames"].as_u64().unwrap_or(0),
            )
        })
        .collect();
    // meter-1 carries resource 1 in its second uplink, but 6042 = 42 stays out of range.
    assert_eq!(
        summary,
        [
            ("meter-1".to_string(), false, 2),
            ("meter-2".to_string(), true, 1)
        ]
    );
    let checks: Vec<&str> = got["devices"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["check"].as_str())
        .collect();
    assert_eq!(checks, ["OUT_OF_RANGE"]);

    let chirpstack =
        serde_json::json!({"deviceInfo": {"devEui": "0016C001F153A14C", "deviceName": "meter-7"},
        "time": "2026-01-01T00:00:00Z", "fPort": 24, "fCnt": 3, "data": b64("0600c40141480000")})
        .to_string();
    let out = ucifi(&["validate", "--chirpstack", "--text", "-"], &chirpstack);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.starts_with("Device 0016c001f153a14c: CONFORMANT\n"),
        "{text}"
    );
    // The other server's export is refused, not read as nothing.
    let out = ucifi(&["validate", "--tts", "-"], &chirpstack);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}
