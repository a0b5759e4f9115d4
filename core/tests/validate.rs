//! Runs every case of `vectors/validate/*.ndjson` through the core's `validate` and compares the report JSON with the
//! case's expected report (every key the case gives must match; lists must have the same length).

use std::path::Path as FsPath;

use serde_json::Value as Json;
use ucifi_codec::validate::{validate, Source};
use ucifi_codec::{Format, Path, Registry};

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

/// Every key of `want` is in `got` with a matching value; lists match element by element and in length.
fn matches(want: &Json, got: &Json, at: &str) -> Result<(), String> {
    match (want, got) {
        (Json::Object(w), Json::Object(g)) => w.iter().try_for_each(|(k, v)| match g.get(k) {
            Some(gv) => matches(v, gv, &format!("{at}.{k}")),
            None => Err(format!("{at}.{k}: missing")),
        }),
        (Json::Array(w), Json::Array(g)) if w.len() == g.len() => w
            .iter()
            .zip(g)
            .enumerate()
            .try_for_each(|(i, (w, g))| matches(w, g, &format!("{at}[{i}]"))),
        (Json::Number(w), Json::Number(g)) if w.as_f64() == g.as_f64() => Ok(()),
        _ if want == got => Ok(()),
        _ => Err(format!("{at}: expected {want}, got {got}")),
    }
}

#[test]
fn every_validate_case() {
    let dir = FsPath::new(env!("CARGO_MANIFEST_DIR")).join("../vectors/validate");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ndjson"))
        .collect();
    files.sort();
    let (mut total, mut failures) = (0, Vec::new());
    for file in &files {
        for line in std::fs::read_to_string(file)
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
        {
            total += 1;
            let case: Json = serde_json::from_str(line).unwrap();
            let id = case["id"].as_str().unwrap_or("?").to_owned();
            let frames: Result<Vec<_>, String> = case["frames"]
                .as_array()
                .unwrap()
                .iter()
                .map(frame)
                .collect();
            let outcome = frames.and_then(|frames| {
                let report = validate(&Registry, frames.iter().map(|(b, s)| (&b[..], *s)));
                let got = serde_json::to_value(&report).map_err(|e| e.to_string())?;
                matches(&case["report"], &got, "report")
                    .map_err(|e| format!("{e}\n  report: {got}"))
            });
            if let Err(e) = outcome {
                failures.push(format!("{id}: {e}"));
            }
        }
    }
    assert!(
        total >= 10,
        "only {total} validate cases under {}",
        dir.display()
    );
    assert!(
        failures.is_empty(),
        "{} of {total} validate cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
