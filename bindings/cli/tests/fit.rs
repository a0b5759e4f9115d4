//! `ucifi fit`, `ucifi decode --fport` and `ucifi sizes`: every frame fit prints decodes back by its fPort alone to
//! exactly the records that went in; what fits no frame is reported; docs/sizes.md is the output of `ucifi sizes`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failed test

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::{json, Value as Json};
use ucifi_codec::lorawan::sample::{sample_records, Selection};
use ucifi_codec::Registry;

fn ucifi(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ucifi"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A usage error exits before reading stdin: a broken pipe here is not a failure.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn stdout_json(out: &Output) -> Json {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn error_of(out: &Output) -> Json {
    assert_eq!(out.status.code(), Some(1));
    let e: Json = serde_json::from_slice(&out.stderr).unwrap();
    json!({"kind": e["error"]["kind"], "offset": e["error"]["offset"]})
}

/// Records without the model's name and unit (what a vector or an input holds).
fn bare(records: &Json) -> Vec<Json> {
    let mut list = records.as_array().cloned().unwrap_or_default();
    for r in &mut list {
        let m = r.as_object_mut().unwrap();
        m.remove("name");
        m.remove("unit");
    }
    list
}

fn by_path(mut list: Vec<Json>) -> Vec<Json> {
    list.sort_by_key(|r| r["path"].as_str().unwrap().to_string());
    list
}

/// The plausible reading of `object` as record JSON.
fn reading(object: u16, selection: Selection) -> Vec<Json> {
    let def = Registry.get(object).unwrap();
    sample_records(def, 0, selection)
        .map(|r| serde_json::to_value(r).unwrap())
        .collect()
}

/// Runs `fit` and checks its promises: frames within `budget` bytes, each decoding by its fPort to exactly its
/// records; the frames and `left_out` together hold every input record once; each left-out record alone encodes to
/// more than `budget` bytes.
fn check_fit(records: &[Json], format: &str, fit_args: &[&str], budget: usize) -> Json {
    let input = json!({ "records": records }).to_string();
    let doc = stdout_json(&ucifi(
        &[&["fit", "--format", format], fit_args, &["-"]].concat(),
        &input,
    ));
    let mut seen: Vec<String> = Vec::new();
    for frame in doc["frames"].as_array().unwrap() {
        let hex = frame["hex"].as_str().unwrap();
        assert!(hex.len() / 2 <= budget, "{frame}");
        let fport = frame["fport"].as_u64().unwrap().to_string();
        let got = stdout_json(&ucifi(&["decode", "--fport", &fport, hex], ""));
        let paths: Vec<&str> = frame["records"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        let want: Vec<Json> = records
            .iter()
            .filter(|r| paths.contains(&r["path"].as_str().unwrap()))
            .cloned()
            .collect();
        assert_eq!(want.len(), paths.len());
        assert_eq!(
            by_path(bare(&got["records"])),
            by_path(bare(&Json::from(want))),
            "{frame}"
        );
        seen.extend(paths.iter().map(|p| p.to_string()));
    }
    for left in doc["left_out"].as_array().unwrap() {
        let r = records.iter().find(|r| r["path"] == *left).unwrap();
        let object = format!("/{}", left.as_str().unwrap().split('/').nth(1).unwrap());
        let alone = json!({ "records": [r] }).to_string();
        let out = ucifi(
            &["encode", "--format", "tlv", "--path", &object, "-"],
            &alone,
        );
        assert!(
            String::from_utf8_lossy(&out.stdout).trim().len() / 2 > budget,
            "{left}"
        );
        seen.push(left.as_str().unwrap().to_string());
    }
    seen.sort();
    let mut all: Vec<String> = records
        .iter()
        .map(|r| r["path"].as_str().unwrap().to_string())
        .collect();
    all.sort();
    assert_eq!(seen, all);
    doc
}

fn ucifi_objects() -> impl Iterator<Item = u16> {
    Registry.objects().filter(|o| o.is_ucifi()).map(|o| o.id)
}

#[test]
fn mandatory_readings_fit_eu868_dr0_and_decode_by_fport() {
    for object in ucifi_objects() {
        let records = reading(object, Selection::Mandatory);
        let doc = check_fit(&records, "auto", &["--region", "EU868", "--dr", "0"], 51);
        let frames = doc["frames"].as_array().unwrap().len();
        // Every object's mandatory resources fit one 51-byte frame (12 objects have none to send).
        assert_eq!(frames, usize::from(!records.is_empty()), "{object}: {doc}");
        assert_eq!(doc["left_out"], json!([]));
    }
}

#[test]
fn full_readings_split_at_51_and_11_bytes() {
    for object in ucifi_objects() {
        let records = reading(object, Selection::Readable);
        check_fit(&records, "auto", &["--budget", "51"], 51);
        check_fit(&records, "auto", &["--region", "US915", "--dr", "0"], 11);
    }
}

#[test]
fn eleven_byte_frames_and_left_out_records() {
    let typed = [
        json!({"path": "/3424/0/1", "type": "float", "value": 12.5}),
        json!({"path": "/3424/0/3", "type": "string", "value": "ultrasonic"}),
        json!({"path": "/3424/0/5518", "type": "time", "value": 1700000000}),
        json!({"path": "/3411/1/1", "type": "integer", "value": 87}),
    ];
    for args in [
        &["--region", "AS923-1", "--dr", "2", "--dwell"][..],
        &["--region", "AU915", "--dr", "2", "--dwell"][..],
        &["--region", "US915", "--dr", "0"][..],
        &["--budget", "11"][..],
    ] {
        let doc = check_fit(&typed, "tlv", args, 11);
        assert_eq!(
            doc,
            json!({
                "frames": [
                    {"hex": "0600c40141480000", "fport": 24, "format": "tlv", "path": "/3424", "records": ["/3424/0/1"]},
                    {"hex": "0700e4158e6553f100", "fport": 24, "format": "tlv", "path": "/3424", "records": ["/3424/0/5518"]},
                    {"hex": "0301c10157", "fport": 11, "format": "tlv", "path": "/3411", "records": ["/3411/1/1"]},
                ],
                "left_out": ["/3424/0/3"],
            })
        );
    }
    // At 115 bytes (EU868 DR3) one TLV frame per object.
    let doc = check_fit(&typed, "tlv", &["--region", "EU868", "--dr", "3"], 115);
    assert_eq!(doc["frames"].as_array().unwrap().len(), 2);
}

#[test]
fn budget_and_port_errors() {
    let input = r#"{"records": [{"path": "/3424/0/1", "value": 12.5}]}"#;
    for args in [
        &[
            "fit", "--format", "auto", "--region", "AU915", "--dr", "0", "--dwell", "-",
        ][..],
        &[
            "fit", "--format", "auto", "--region", "EU868", "--dr", "12", "-",
        ][..],
        &[
            "fit", "--format", "auto", "--region", "EU433", "--dr", "0", "-",
        ][..],
        &["fit", "--format", "auto", "--region", "EU868", "-"][..],
        &["fit", "--format", "auto", "-"][..],
        &["decode", "--fport", "24", "--format", "tlv", "00"][..],
    ] {
        let out = ucifi(args, input);
        assert_eq!(out.status.code(), Some(2), "{args:?}: usage errors exit 2");
    }
    let out = ucifi(&["fit", "--format", "xml", "--budget", "51", "-"], input);
    assert_eq!(
        error_of(&out),
        json!({"kind": "UNKNOWN_FORMAT", "offset": 0})
    );
    let out = ucifi(&["decode", "--fport", "44", "0300c10157"], "");
    assert_eq!(error_of(&out), json!({"kind": "UNKNOWN_PORT", "offset": 0}));
    let bad = r#"{"records": [{"path": "/3424/0/1", "value": 1}, {"path": "/3424/0/4", "type": "float", "value": 1.5}]}"#;
    let out = ucifi(&["fit", "--format", "tlv", "--budget", "51", "-"], bad);
    assert_eq!(
        error_of(&out),
        json!({"kind": "TYPE_MISMATCH", "offset": 1})
    );
}

#[test]
fn fport_vectors_decode_encode_and_refit() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vectors/fport");
    let doc: Json =
        serde_json::from_str(&std::fs::read_to_string(dir.join("uplinks.json")).unwrap()).unwrap();
    assert_eq!(doc["format"], "fport");
    let cases = doc["cases"].as_array().unwrap();
    assert!((5..=10).contains(&cases.len()));
    for case in cases {
        let fport = case["fport"].as_u64().unwrap().to_string();
        let hex = case["hex"].as_str().unwrap();
        let out = ucifi(&["decode", "--fport", &fport, hex], "");
        if let Some(want) = case.get("error") {
            assert_eq!(&error_of(&out), want, "{}", case["id"]);
            continue;
        }
        let got = stdout_json(&out);
        assert_eq!(
            Json::from(bare(&got["records"])),
            case["records"],
            "{}",
            case["id"]
        );
        if case["roundtrip"] == json!(true) {
            // By the port: `encode --fport` writes the canonical frame back.
            let input = json!({ "records": case["records"] }).to_string();
            let out = ucifi(&["encode", "--fport", &fport, "-"], &input);
            assert_eq!(
                String::from_utf8_lossy(&out.stdout).trim(),
                hex,
                "{}",
                case["id"]
            );
            // By fit: TLV frames land on the object's port with the same bytes.
            let args = ["fit", "--format", "tlv", "--budget", "242", "-"];
            let fitted = stdout_json(&ucifi(&args, &input));
            let frames = fitted["frames"].as_array().unwrap();
            assert_eq!(frames.len(), 1, "{}", case["id"]);
            let got = (&frames[0]["hex"], &frames[0]["fport"]);
            assert_eq!(got, (&json!(hex), &case["fport"]), "{}", case["id"]);
        }
    }
}

#[test]
fn sizes_doc_is_the_output_of_ucifi_sizes() {
    let out = ucifi(&["sizes"], "");
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("| 3424 | Water meter | 15 |"));
    let doc = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/sizes.md");
    let on_disk = std::fs::read_to_string(&doc).unwrap_or_default();
    assert!(
        on_disk == text,
        "docs/sizes.md is stale: run `cargo run -q -p ucifi-cli -- sizes > docs/sizes.md`"
    );
}
