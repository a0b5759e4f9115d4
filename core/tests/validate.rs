//! Runs every case of `vectors/validate/*.ndjson` through the core's `validate` and compares the report JSON with the
//! case's expected report (every key the case gives must match; lists must have the same length).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failed test

use std::path::Path as FsPath;

use serde_json::Value as Json;
use ucifi_codec::registry::DdfModel;
use ucifi_codec::validate::{validate, Source};
use ucifi_codec::{Format, Path};

/// The frame bytes and source of one `frames` entry of a case.
fn frame(f: &Json) -> Result<(Vec<u8>, Source), String> {
    let bytes = match (
        f.get("hex").and_then(Json::as_str),
        f.get("text").and_then(Json::as_str),
    ) {
        (Some(h), None) => hex::decode(h).map_err(|e| e.to_string())?,
        (None, Some(t)) => t.as_bytes().to_vec(),
        _ => return Err("a frame has one of hex and text".into()),
    };
    let source = match f.get("fport").and_then(Json::as_u64) {
        Some(p) => Source::Port(u8::try_from(p).map_err(|e| e.to_string())?),
        None => {
            let format: Format = f["format"]
                .as_str()
                .unwrap_or("")
                .parse()
                .map_err(|e| format!("{e:?}"))?;
            let path = match f.get("path").and_then(Json::as_str) {
                Some(p) => Some(p.parse::<Path>().map_err(|e| format!("{e:?}"))?),
                None => None,
            };
            Source::Format(format, path)
        }
    };
    Ok((bytes, source))
}

#[test]
fn every_validate_case() {
    let dir = FsPath::new(env!("CARGO_MANIFEST_DIR")).join("../vectors/validate");
    let cases = ucifi_testkit::validate_cases(&dir);
    let mut failures = Vec::new();
    for case in &cases {
        let id = case["id"].as_str().unwrap_or("?").to_owned();
        let frames: Result<Vec<_>, String> = case["frames"]
            .as_array()
            .unwrap()
            .iter()
            .map(frame)
            .collect();
        let mut model = DdfModel::new();
        for doc in case["ddf"].as_array().into_iter().flatten() {
            model.load_str(doc.as_str().unwrap_or("")).unwrap();
        }
        let outcome = frames.and_then(|frames| {
            let report = validate(&model, frames.iter().map(|(b, s)| (&b[..], *s)));
            let got = serde_json::to_value(&report).map_err(|e| e.to_string())?;
            ucifi_testkit::validate_matches(&case["report"], &got, "report")
                .map_err(|e| format!("{e}\n  report: {got}"))
        });
        if let Err(e) = outcome {
            failures.push(format!("{id}: {e}"));
        }
    }
    let total = cases.len();
    assert!(
        failures.is_empty(),
        "{} of {total} validate cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
