//! Every input of the committed fuzz-corpus sample (`fuzz/corpus-sample.json`, written by `fuzz/sample-corpus.sh`;
//! layout in FUZZING.md) through the `ucifi decode` binary, with the frame as hex on stdin: `--format F [--path P]`
//! or `--fport N`. Each run must give exactly the recorded outcome — exit code 0 with stdout `{"records": [...]}`
//! holding the recorded number of records, or exit code 1 with stderr `{"error": {"kind", "offset", "message"}}` of
//! the recorded kind and offset — never a panic (101), a signal or another exit code.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failed test

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde_json::{json, Value as Json};

/// One sample input: its target, the decode arguments before the `-` input, the frame as hex, the outcome.
struct Entry {
    target: String,
    args: Vec<String>,
    hex: String,
    want: Json,
}

fn entries() -> Vec<Entry> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus-sample.json");
    let doc: Json = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let mut out = Vec::new();
    for (target, list) in doc["targets"].as_object().unwrap() {
        for e in list.as_array().unwrap() {
            let mut args = vec!["decode".to_string()];
            if let Some(port) = e["fport"].as_u64() {
                args.extend(["--fport".to_string(), port.to_string()]);
            } else {
                args.extend(["--format".to_string(), e["format"].as_str().unwrap().into()]);
                if let Some(p) = e["path"].as_str() {
                    args.extend(["--path".to_string(), p.to_string()]);
                }
            }
            let want = match (e.get("records"), e.get("error")) {
                (Some(n), None) => json!({ "records": n }),
                (None, Some(err)) => {
                    json!({ "error": { "kind": err["kind"], "offset": err["offset"] } })
                }
                _ => panic!("{target}: entry without exactly one of records / error: {e}"),
            };
            out.push(Entry {
                target: target.clone(),
                args,
                hex: e["hex"].as_str().unwrap().to_string(),
                want,
            });
        }
    }
    out
}

/// The outcome of one run in the sample's terms, or why it is not one.
fn outcome(entry: &Entry) -> Result<Json, String> {
    let args: Vec<String> = entry
        .args
        .iter()
        .cloned()
        .chain(["-".to_string()])
        .collect();
    let out =
        ucifi_testkit::run_with_stdin(env!("CARGO_BIN_EXE_ucifi"), &args, entry.hex.as_bytes())?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(0) => {
            let doc: Json = serde_json::from_slice(&out.stdout)
                .map_err(|e| format!("exit 0 but stdout is not JSON ({e})"))?;
            let n = doc["records"]
                .as_array()
                .ok_or_else(|| format!("exit 0 without a records array: {doc}"))?
                .len();
            Ok(json!({ "records": n }))
        }
        Some(1) => {
            let doc: Json = serde_json::from_str(&stderr)
                .map_err(|e| format!("exit 1 but stderr is not JSON ({e}): {stderr}"))?;
            let e = &doc["error"];
            if !e["kind"].is_string() || !e["offset"].is_u64() || !e["message"].is_string() {
                return Err(format!("exit 1 with a malformed error: {stderr}"));
            }
            Ok(json!({ "error": { "kind": e["kind"], "offset": e["offset"] } }))
        }
        code => Err(format!(
            "exit {code:?} ({:?}), stderr: {stderr}",
            out.status
        )),
    }
}

#[test]
fn corpus_sample_gives_the_recorded_outcomes() {
    let entries = entries();
    assert!(entries.len() > 500, "only {} sample inputs", entries.len());
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(entry) = entries.get(i) else { break };
                let msg = match outcome(entry) {
                    Ok(got) if got == entry.want => continue,
                    Ok(got) => format!("got {got}, recorded {}", entry.want),
                    Err(why) => format!("{why} (recorded {})", entry.want),
                };
                failures.lock().unwrap().push(format!(
                    "{}: ucifi {} - <<< {} | {msg}",
                    entry.target,
                    entry.args.join(" "),
                    entry.hex
                ));
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    ucifi_testkit::assert_none_failed(
        &failures,
        entries.len(),
        "sample inputs differ from fuzz/corpus-sample.json",
    );
}
