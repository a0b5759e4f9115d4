//! Runs every case under `vectors/` through the `ucifi` binary: decode cases compare stdout records or the stderr
//! error JSON and exit code; round-trip and encode cases go through `ucifi encode`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failed test

use std::path::Path;
use std::process::Output;

use serde_json::{json, Value as Json};

fn ucifi(args: &[String], stdin: &str) -> Output {
    ucifi_testkit::run_with_stdin(env!("CARGO_BIN_EXE_ucifi"), args, stdin.as_bytes()).unwrap()
}

/// The error a failed run printed, as `{"kind", "offset"}`; `None` if it succeeded.
fn error_of(out: &Output) -> Result<Option<Json>, String> {
    if out.status.success() {
        return Ok(None);
    }
    if out.status.code() != Some(1) {
        return Err(format!(
            "exit status {:?}, stderr {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let e: Json =
        serde_json::from_slice(&out.stderr).map_err(|e| format!("stderr is not JSON ({e})"))?;
    let e = &e["error"];
    if !e["message"].is_string() {
        return Err(format!("error without message: {e}"));
    }
    Ok(Some(json!({"kind": e["kind"], "offset": e["offset"]})))
}

fn check(case: &Json, file_format: &str, scratch: &Path) -> Result<(), String> {
    let mut common = Vec::new();
    for (i, doc) in case["ddf"].as_array().into_iter().flatten().enumerate() {
        let f = scratch.join(format!("ddf-{i}.xml"));
        std::fs::write(&f, doc.as_str().unwrap()).unwrap();
        common.extend(["--ddf".to_string(), f.display().to_string()]);
    }
    let format = case["format"].as_str().unwrap_or(file_format).to_string();
    let mut args = vec!["--format".to_string(), format];
    if let Some(p) = case["path"].as_str() {
        args.extend(["--path".to_string(), p.to_string()]);
    }
    if let Some(port) = case["fport"].as_u64() {
        args = vec!["--fport".to_string(), port.to_string()];
    }
    let want = case.get("error").cloned();
    let Some(hex) = case["hex"].as_str() else {
        // Encode case: the records must fail to encode with the expected error.
        if case.get("buffer").is_some() {
            return Ok(()); // the CLI sizes its own buffer; BUFFER_TOO_SMALL is a library-level case
        }
        let out = ucifi(
            &[common, vec!["encode".into()], args, vec!["-".into()]].concat(),
            &json!({"records": case["records"]}).to_string(),
        );
        let got = error_of(&out)?;
        return if got == want {
            Ok(())
        } else {
            Err(format!("encode: expected {want:?}, got {got:?}"))
        };
    };
    if want.as_ref().is_some_and(|w| w["kind"] == "INVALID_HEX") {
        // The case is about the library's strict hex text (`format::decode_hex`); the CLI reads more forms (hex
        // with separators, base64: tests/input.rs), so the case is checked where it applies.
        let e = ucifi_codec::format::decode_hex(hex).err();
        let got = e.map(|e| json!({"kind": e.kind().name(), "offset": e.offset()}));
        return if got == want {
            Ok(())
        } else {
            Err(format!("decode_hex: expected {want:?}, got {got:?}"))
        };
    }
    let out = ucifi(
        &[
            common.clone(),
            vec!["decode".into()],
            args.clone(),
            vec![hex.to_string()],
        ]
        .concat(),
        "",
    );
    let got = error_of(&out)?;
    if got != want {
        return Err(format!("decode: expected error {want:?}, got {got:?}"));
    }
    if want.is_some() {
        return Ok(());
    }
    let doc: Json =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("stdout is not JSON ({e})"))?;
    let mut records = doc["records"].as_array().cloned().unwrap_or_default();
    for r in &mut records {
        let m = r.as_object_mut().unwrap();
        m.remove("name");
        m.remove("unit");
    }
    if Json::from(records) != case["records"] {
        return Err(format!("records differ: got {}", doc["records"]));
    }
    if case["roundtrip"] == json!(true) {
        let json_text = args.get(1).is_some_and(|f| f == "senml-json");
        let out = ucifi(
            &[common, vec!["encode".into()], args, vec!["-".into()]].concat(),
            &doc.to_string(),
        );
        let mut got = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if json_text {
            // SenML-JSON prints as its JSON text; the case holds that text as hex.
            got = hex::encode(&got);
        }
        if !out.status.success() || got != hex {
            return Err(format!(
                "re-encode gives {got:?} (stderr {})",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
    }
    Ok(())
}

#[test]
fn every_vector_case_through_the_cli() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vectors");
    let scratch = std::env::temp_dir().join(format!("ucifi-cli-vectors-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let files = ucifi_testkit::vector_files(&root);
    let (mut cases, mut failures) = (0, Vec::new());
    for file in &files {
        let doc: Json = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            cases += 1;
            if let Err(msg) = check(case, doc["format"].as_str().unwrap(), &scratch) {
                failures.push(format!("{}: {}: {msg}", file.display(), case["id"]));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(cases > 0, "no vector cases under {}", root.display());
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn decodes_the_device_example_with_names() {
    let hex = "c800144f70656e204d6f62696c6520416c6c69616e6365c801164c69676874776569676874204d324d20436c69656e74c80209333435303030313233c303312e30860641000141010588070842000ed842011388870841007d42010384c10964c10a0f830b410000c40d5182428fc60e2b30323a3030c11055";
    let out = ucifi(
        &["decode", "--format", "tlv", "--path", "/3/0", hex].map(String::from),
        "",
    );
    assert!(out.status.success());
    let doc: Json = serde_json::from_slice(&out.stdout).unwrap();
    let records = doc["records"].as_array().unwrap();
    assert_eq!(records.len(), 16);
    assert_eq!(
        records[0],
        json!({"path": "/3/0/0", "name": "Manufacturer", "type": "string", "value": "Open Mobile Alliance"})
    );
    assert_eq!(records[13]["type"], "time");
    assert_eq!(records[13]["value"], 1367491215);
}

#[test]
fn objects_lists_every_ucifi_object() {
    let out = ucifi(&["objects".to_string()], "");
    let doc: Json = serde_json::from_slice(&out.stdout).unwrap();
    let ucifi: Vec<u64> = doc["objects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["ucifi"] == json!(true))
        .map(|o| o["id"].as_u64().unwrap())
        .collect();
    let expected: Vec<u64> = (3410..=3439).chain(3445..=3461).collect();
    assert_eq!(ucifi, expected);
}

#[test]
fn tlv_without_path_is_a_json_error() {
    let out = ucifi(
        &["decode", "--format", "tlv", "c10a0f"].map(String::from),
        "",
    );
    assert_eq!(
        error_of(&out).unwrap(),
        Some(json!({"kind": "MISSING_PATH", "offset": 0}))
    );
}
