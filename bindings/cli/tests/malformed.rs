//! Fuzz-like malformed frames through the `ucifi decode` binary: every run must end with exit code 0 (stdout
//! `{"records": [...]}`) or 1 (stderr `{"error": {"kind", "offset", "message"}}` with a kind of
//! `ucifi_codec::ErrorKind::ALL` and an offset inside the input), never with a panic (101) or a signal.
//!
//! Inputs are deterministic mutations of the decode cases of `vectors/` (each in its case's format, path, fPort and
//! DDF documents): one truncation at every length for every 17th case, the half-length truncation and three
//! single-byte flips for every case, and random frames from a fixed xorshift seed in every format. About 5,800
//! runs, spread over the available cores. Offsets that are not input positions by design are exempt from the
//! bound: `BUFFER_TOO_SMALL` (a size), `INVALID_PATH` (an index in the path text), `INVALID_DDF` (an offset in the
//! DDF file) and `INVALID_HEX` (an index in the hex text, which these inputs never trigger).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failed test

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use serde_json::Value as Json;
use ucifi_codec::ErrorKind;
use ucifi_testkit::Stream;

/// Every 17th decode case also gets a truncation at every length.
const ALL_TRUNCATIONS_EVERY: usize = 17;
/// Random frames, each decoded in every format of `random_targets`.
const RANDOM_FRAMES: usize = 40;

/// One run of `ucifi decode`: the arguments before the `-` input, and the frame.
struct Run {
    args: Vec<String>,
    frame: Vec<u8>,
    origin: String,
}

/// The decode arguments of a case: DDF files, then `decode`, then format/path or fPort.
fn case_args(case: &Json, file_format: &str, scratch: &Path, n: usize) -> Vec<String> {
    let mut args = Vec::new();
    for (i, doc) in case["ddf"].as_array().into_iter().flatten().enumerate() {
        let f = scratch.join(format!("case-{n}-ddf-{i}.xml"));
        std::fs::write(&f, doc.as_str().unwrap()).unwrap();
        args.extend(["--ddf".to_string(), f.display().to_string()]);
    }
    args.push("decode".into());
    if let Some(port) = case["fport"].as_u64() {
        args.extend(["--fport".to_string(), port.to_string()]);
        return args;
    }
    let format = case["format"].as_str().unwrap_or(file_format);
    args.extend(["--format".to_string(), format.to_string()]);
    if let Some(p) = case["path"].as_str() {
        args.extend(["--path".to_string(), p.to_string()]);
    }
    args
}

/// Formats (with a path that suits them) and fPorts the random frames go through.
fn random_targets() -> Vec<Vec<String>> {
    let f = |fmt: &str, path: Option<&str>| {
        let mut a = vec!["decode".to_string(), "--format".into(), fmt.into()];
        if let Some(p) = path {
            a.extend(["--path".to_string(), p.to_string()]);
        }
        a
    };
    let port = |p: u8| vec!["decode".to_string(), "--fport".into(), p.to_string()];
    vec![
        f("tlv", Some("/3424/0")),
        f("tlv", Some("/3")),
        f("senml-cbor", None),
        f("senml-json", None),
        f("lwm2m-cbor", None),
        f("cbor", Some("/3424/0/1")),
        f("text", Some("/3424/0/3")),
        f("opaque", Some("/3414/0/1")),
        port(24),
        port(100),
    ]
}

fn runs(scratch: &Path) -> Vec<Run> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vectors");
    let files = ucifi_testkit::vector_files(&root);
    let mut rng = Stream(0x9e37_79b9_7f4a_7c15); // the same inputs on every run
    let mut out = Vec::new();
    let mut n = 0usize;
    for file in &files {
        let doc: Json = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let file_format = doc["format"].as_str().unwrap();
        for case in doc["cases"].as_array().unwrap() {
            let Some(frame) = case["hex"].as_str().and_then(|h| hex::decode(h).ok()) else {
                continue;
            };
            n += 1;
            let args = case_args(case, file_format, scratch, n);
            let id = case["id"].as_str().unwrap_or("?");
            let mut push = |frame: Vec<u8>, what: String| {
                out.push(Run {
                    args: args.clone(),
                    frame,
                    origin: format!("{id}: {what}"),
                })
            };
            if n % ALL_TRUNCATIONS_EVERY == 0 {
                for len in 0..frame.len() {
                    push(frame[..len].to_vec(), format!("truncated to {len}"));
                }
            } else {
                push(
                    frame[..frame.len() / 2].to_vec(),
                    "truncated to half".into(),
                );
            }
            if !frame.is_empty() {
                for _ in 0..3 {
                    let mut f = frame.clone();
                    let at = rng.below(f.len());
                    let bit = 1u8 << rng.below(8);
                    f[at] ^= bit;
                    push(f, format!("byte {at} ^= {bit:#04x}"));
                }
            }
        }
    }
    let targets = random_targets();
    for i in 0..RANDOM_FRAMES {
        let len = rng.below(64) + if i % 4 == 0 { 200 } else { 0 };
        let frame: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
        for t in &targets {
            out.push(Run {
                args: t.clone(),
                frame: frame.clone(),
                origin: format!("random frame {i}"),
            });
        }
    }
    out
}

/// Runs one input; `Err` says what is wrong with the outcome.
fn check(run: &Run) -> Result<(), String> {
    let args: Vec<String> = run.args.iter().cloned().chain(["-".to_string()]).collect();
    let out = ucifi_testkit::run_with_stdin(
        env!("CARGO_BIN_EXE_ucifi"),
        &args,
        hex::encode(&run.frame).as_bytes(),
    )?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        Some(0) => {
            let doc: Json = serde_json::from_slice(&out.stdout)
                .map_err(|e| format!("exit 0 but stdout is not JSON ({e})"))?;
            if !doc["records"].is_array() {
                return Err(format!("exit 0 without a records array: {doc}"));
            }
            Ok(())
        }
        Some(1) => {
            let doc: Json = serde_json::from_str(&stderr)
                .map_err(|e| format!("exit 1 but stderr is not JSON ({e}): {stderr}"))?;
            let e = &doc["error"];
            let kind = e["kind"]
                .as_str()
                .and_then(|k| ErrorKind::ALL.iter().find(|x| x.name() == k))
                .ok_or_else(|| format!("unknown error kind: {stderr}"))?;
            let offset = e["offset"]
                .as_u64()
                .ok_or_else(|| format!("offset is not a number: {stderr}"))?;
            if !e["message"].is_string() {
                return Err(format!("error without a message: {stderr}"));
            }
            let exempt = matches!(
                kind,
                ErrorKind::BufferTooSmall
                    | ErrorKind::InvalidPath
                    | ErrorKind::InvalidDdf
                    | ErrorKind::InvalidHex
            );
            if !exempt && offset > run.frame.len() as u64 {
                return Err(format!(
                    "offset {offset} past the {}-byte input: {stderr}",
                    run.frame.len()
                ));
            }
            Ok(())
        }
        code => Err(format!(
            "exit {code:?} ({:?}), stderr: {stderr}",
            out.status
        )),
    }
}

#[test]
fn malformed_frames_fail_cleanly() {
    let scratch = std::env::temp_dir().join(format!("ucifi-cli-malformed-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let runs = runs(&scratch);
    assert!(runs.len() > 2000, "only {} inputs", runs.len());
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get().clamp(2, 8));
    std::thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(run) = runs.get(i) else { break };
                if let Err(msg) = check(run) {
                    failures.lock().unwrap().push(format!(
                        "{} | ucifi {} - <<< {} | {msg}",
                        run.origin,
                        run.args.join(" "),
                        hex::encode(&run.frame)
                    ));
                }
            });
        }
    });
    let _ = std::fs::remove_dir_all(&scratch);
    let failures = failures.into_inner().unwrap();
    ucifi_testkit::assert_none_failed(&failures, runs.len(), "malformed inputs misbehaved");
}
