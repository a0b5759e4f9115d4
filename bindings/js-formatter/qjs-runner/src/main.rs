//! `qjs-runner`: runs the plain-JS formatter in QuickJS (rquickjs 0.14, QuickJS-NG) the way network servers do.
//!
//! Modes (`--mode`):
//! * `chirpstack` (default): as ChirpStack v4 `chirpstack/src/codec/js/mod.rs` (2026): a new `Runtime` and a full
//!   `Context` per call, an interrupt handler at 100 ms, built-in module `buffer`, the global `chirpstack_input`
//!   (`bytes` as an Array of numbers, `fPort`, `recvTime` as a Date, `variables`), and the script inside an ES module
//!   `import { Buffer } from "buffer"; <script> export default decodeUplink(chirpstack_input);` (strict mode).
//! * `chirpstack-global`: as ChirpStack v4 before 2026: the same input, `Buffer` a global, and
//!   `<script>\n\ndecodeUplink(chirpstack_input)` evaluated as a non-strict global script.
//! * `tts`: as The Things Stack: a non-strict global script whose wrapper copies `input.bytes` and calls the
//!   formatter (goja itself is not available here; this checks the calling convention only).
//!
//! Commands:
//! * `qjs-runner cases FORMATTER CASES.json [--mode M] [--tag T]`: every case (with tag T) of a file made by
//!   `tools/cases.cjs`; prints `N passed, M failed` and exits 1 on any failure or when no case ran.
//! * `qjs-runner bench FORMATTER HEX FPORT [N] [--mode M]`: the time per uplink, new runtime + eval + decode.
//! * `qjs-runner warm FORMATTER HEX FPORT [N] [--mode M]`: the time of a further decode in the same runtime (one
//!   runtime and evaluation, then N calls of `decodeUplink` in a JS loop; the mean per call; all within the
//!   100 ms limit of a run, so N stays small: 1000 by default).
//! * `qjs-runner decode FORMATTER HEX FPORT [--mode M]`: prints the `decodeUplink` result.
//!
//! `--no-limit` lifts the 100 ms limit of `bench`, `warm` and `decode` (for runs under an instruction counter such
//! as valgrind, which are many times slower).

use std::process::ExitCode;
use std::time::{Duration, Instant};

use rquickjs::loader::{BuiltinLoader, BuiltinResolver};
use rquickjs::{CatchResultExt, Context, Module, Runtime, Value};
use serde_json::Value as Json;

/// A stand-in for ChirpStack's vendored `buffer` module: the formatter must not need it, only coexist with the
/// `Buffer` binding it brings.
const BUFFER_MODULE: &str = "export function Buffer() {}\n";

/// ChirpStack's default `codec.js.max_execution_time`: the limit of `bench`, `warm` and `decode` runs.
const MAX_EXECUTION: Duration = Duration::from_millis(100);

/// The limit of a test case: it only stops a run that does not end (tests are not timed).
const CASE_LIMIT: Duration = Duration::from_secs(10);

/// The `recvTime` every case gets (2026-01-01T00:00:00Z), so that relative SenML times are reproducible.
const RECV_TIME_MS: f64 = 1_767_225_600_000.0;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Chirpstack,
    ChirpstackGlobal,
    Tts,
}

/// Runs `call` (an expression over the global `case_input`) after `script`, the way `mode` evaluates codecs, stopped
/// after `limit`; returns the result as JSON text.
fn run(
    script: &str,
    mode: Mode,
    setup: &str,
    call: &str,
    limit: Duration,
) -> Result<String, String> {
    let rt = Runtime::new().map_err(|e| e.to_string())?;
    let deadline = Instant::now() + limit;
    rt.set_interrupt_handler(Some(Box::new(move || Instant::now() > deadline)));
    rt.set_loader(
        BuiltinResolver::default().with_module("buffer"),
        BuiltinLoader::default().with_module("buffer", BUFFER_MODULE),
    );
    let ctx = Context::full(&rt).map_err(|e| e.to_string())?;
    ctx.with(|ctx| -> Result<String, String> {
        let js = |e: rquickjs::CaughtError<'_>| format!("JS error: {e}");
        let mut opts = rquickjs::context::EvalOptions::default();
        opts.strict = false;
        ctx.eval_with_options::<(), _>(setup, opts)
            .catch(&ctx)
            .map_err(js)?;
        let result: Value = match mode {
            Mode::Chirpstack => {
                let source = format!(
                    "import {{ Buffer }} from \"buffer\";\n\n{script}\n\nexport default {call};\n"
                );
                let module = Module::declare(ctx.clone(), "main", source)
                    .catch(&ctx)
                    .map_err(js)?;
                let (module, promise) = module.eval().catch(&ctx).map_err(js)?;
                promise.finish::<()>().catch(&ctx).map_err(js)?;
                module.get("default").catch(&ctx).map_err(js)?
            }
            Mode::ChirpstackGlobal => {
                let buffer = Module::declare(
                    ctx.clone(),
                    "b",
                    "import { Buffer } from \"buffer\";\nexport { Buffer }\n",
                )
                .catch(&ctx)
                .map_err(js)?;
                let (buffer, promise) = buffer.eval().catch(&ctx).map_err(js)?;
                promise.finish::<()>().catch(&ctx).map_err(js)?;
                let b: Value = buffer.get("Buffer").catch(&ctx).map_err(js)?;
                ctx.globals().set("Buffer", b).map_err(|e| e.to_string())?;
                let mut opts = rquickjs::context::EvalOptions::default();
                opts.strict = false;
                ctx.eval_with_options(format!("\n{script}\n\n{call}\n"), opts)
                    .catch(&ctx)
                    .map_err(js)?
            }
            Mode::Tts => {
                let mut opts = rquickjs::context::EvalOptions::default();
                opts.strict = false;
                ctx.eval_with_options(
                    format!("{script}\n;(function () {{ return {call}; }})()\n"),
                    opts,
                )
                .catch(&ctx)
                .map_err(js)?
            }
        };
        if !result.is_object() {
            return Err("the call did not return an object".to_string());
        }
        let text = ctx
            .json_stringify(result)
            .catch(&ctx)
            .map_err(js)?
            .ok_or("JSON.stringify gave undefined")?;
        text.to_string().map_err(|e| e.to_string())
    })
}

/// CPU time of this process so far (user + system, from /proc/self/stat; 0 where there is none), in seconds. On a
/// busy machine it is a fairer measure than the wall clock, which counts the time other processes hold the CPU.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name (which is in parentheses and may hold spaces): utime and stime are the
    // 12th and 13th of them, in clock ticks (100 per second on Linux).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

/// The global setup and the call of one case (see `tools/cases.cjs`).
fn case_script(case: &Json, mode: Mode) -> Result<(String, String), String> {
    let input = case.get("input").ok_or("case without input")?;
    let call = case
        .get("call")
        .and_then(Json::as_str)
        .ok_or("case without call")?;
    let text = input.to_string();
    Ok(match call {
        "decodeUplink" | "decodeDownlink" => {
            let bytes = input.get("bytes").ok_or("no bytes")?;
            let fport = input.get("fPort").cloned().unwrap_or(Json::Null);
            let recv = if call == "decodeUplink" {
                format!(", recvTime: new Date({RECV_TIME_MS})")
            } else {
                String::new()
            };
            let setup = format!(
                "globalThis.chirpstack_input = {{ bytes: {bytes}, fPort: {fport}{recv}, variables: {{}} }};"
            );
            let invoke = if mode == Mode::Tts {
                format!(
                    "(function (input) {{ var bytes = input.bytes.slice(); return {call}({{ bytes: bytes, fPort: input.fPort{} }}); }})(chirpstack_input)",
                    if call == "decodeUplink" { ", recvTime: input.recvTime" } else { "" }
                )
            } else {
                format!("{call}(chirpstack_input)")
            };
            (setup, invoke)
        }
        "decodeUplink:raw" | "decodeDownlink:raw" | "encodeDownlink:raw" => {
            let name = call.trim_end_matches(":raw");
            (
                format!("globalThis.case_input = {text};"),
                format!("{name}(case_input)"),
            )
        }
        "encodeDownlink" => (
            format!("globalThis.chirpstack_input = {text};"),
            "encodeDownlink(chirpstack_input)".to_string(),
        ),
        "decode" => (
            format!("globalThis.case_input = {text};"),
            format!("__ucifiDecode(case_input.bytes, case_input.spec, new Date({RECV_TIME_MS}))"),
        ),
        "encode" => (
            format!("globalThis.case_input = {text};"),
            "__ucifiEncode(case_input.records, case_input.spec, case_input.maxBytes)".to_string(),
        ),
        other => return Err(format!("unknown call {other}")),
    })
}

/// `expected` ⊆ `got` where `expected` says so: every key of an expected object must match; `null` in `expected`
/// for a key means "absent or null".
fn matches(expected: &Json, got: &Json) -> bool {
    match (expected, got) {
        (Json::Object(e), Json::Object(g)) => {
            e.len() == g.len()
                && e.iter()
                    .all(|(k, v)| g.get(k).is_some_and(|x| matches(v, x)))
        }
        (Json::Array(e), Json::Array(g)) => {
            e.len() == g.len() && e.iter().zip(g).all(|(a, b)| matches(a, b))
        }
        (Json::Number(a), Json::Number(b)) => a.as_f64() == b.as_f64(),
        _ => expected == got,
    }
}

/// Removes `--mode M` from the arguments (default: `chirpstack`).
fn parse_mode(args: &mut Vec<String>) -> Result<Mode, String> {
    let Some(at) = args.iter().position(|a| a == "--mode") else {
        return Ok(Mode::Chirpstack);
    };
    let value = args.get(at + 1).cloned().ok_or("--mode needs a value")?;
    args.drain(at..at + 2);
    match value.as_str() {
        "chirpstack" => Ok(Mode::Chirpstack),
        "chirpstack-global" => Ok(Mode::ChirpstackGlobal),
        "tts" => Ok(Mode::Tts),
        other => Err(format!("unknown mode {other}")),
    }
}

/// Removes `--tag T` from the arguments: only cases with that tag run.
fn parse_tag(args: &mut Vec<String>) -> Result<Option<String>, String> {
    let Some(at) = args.iter().position(|a| a == "--tag") else {
        return Ok(None);
    };
    let value = args.get(at + 1).cloned().ok_or("--tag needs a value")?;
    args.drain(at..at + 2);
    Ok(Some(value))
}

/// A file's text.
fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))
}

/// Hex text as a JSON array of byte values.
fn hex_bytes(hex: &str) -> Result<String, String> {
    let digits: Vec<u8> = hex
        .as_bytes()
        .chunks(2)
        .map(|pair| {
            std::str::from_utf8(pair)
                .ok()
                .and_then(|p| u8::from_str_radix(p, 16).ok())
                .ok_or(format!("bad hex {hex}"))
        })
        .collect::<Result<_, _>>()?;
    Ok(serde_json::to_string(&digits).unwrap_or_default())
}

/// A `decodeUplink` case for the `bench` and `decode` commands.
fn uplink_case(hex: &str, fport: &str) -> Result<Json, String> {
    let bytes: Json = serde_json::from_str(&hex_bytes(hex)?).map_err(|e| e.to_string())?;
    let fport: u8 = fport.parse().map_err(|_| format!("bad fPort {fport}"))?;
    Ok(serde_json::json!({"call": "decodeUplink", "input": {"bytes": bytes, "fPort": fport}}))
}

/// Runs the command; `Ok(false)` when a case failed.
fn main_inner() -> Result<bool, String> {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mode = parse_mode(&mut args)?;
    let tag = parse_tag(&mut args)?;
    let limit = match args.iter().position(|a| a == "--no-limit") {
        Some(at) => {
            args.remove(at);
            CASE_LIMIT * 100
        }
        None => MAX_EXECUTION,
    };
    let usage = "usage: qjs-runner cases FORMATTER CASES.json [--tag T] | bench FORMATTER HEX FPORT [N] | warm FORMATTER HEX FPORT [N] | decode FORMATTER HEX FPORT  [--mode chirpstack|chirpstack-global|tts] [--no-limit]";
    let command = args.first().cloned().ok_or(usage)?;
    let script = read(args.get(1).ok_or(usage)?)?;
    match command.as_str() {
        "cases" => {
            let doc: Json = serde_json::from_str(&read(args.get(2).ok_or(usage)?)?)
                .map_err(|e| e.to_string())?;
            let cases = doc.as_array().ok_or("cases: expected an array")?;
            let (mut passed, mut failed) = (0usize, 0usize);
            let tagged = |case: &&Json| {
                tag.as_ref().is_none_or(|t| {
                    case.get("tags")
                        .and_then(Json::as_array)
                        .is_some_and(|tags| tags.iter().any(|x| x.as_str() == Some(t)))
                })
            };
            for case in cases.iter().filter(tagged) {
                let id = case.get("id").and_then(Json::as_str).unwrap_or("?");
                let (setup, call) = case_script(case, mode)?;
                let expect = case.get("expect").ok_or("case without expect")?;
                match run(&script, mode, &setup, &call, CASE_LIMIT) {
                    Ok(text) => {
                        let got: Json = serde_json::from_str(&text).map_err(|e| e.to_string())?;
                        if matches(expect, &got) {
                            passed += 1;
                        } else {
                            failed += 1;
                            println!("FAIL {id}\n  expected {expect}\n  got      {got}");
                        }
                    }
                    Err(e) => {
                        failed += 1;
                        println!("FAIL {id}: {e}");
                    }
                }
            }
            println!("qjs-runner: {passed} passed, {failed} failed");
            Ok(failed == 0 && passed > 0)
        }
        "bench" => {
            let case = uplink_case(args.get(2).ok_or(usage)?, args.get(3).ok_or(usage)?)?;
            let n: usize = args
                .get(4)
                .map_or(Ok(200), |s| s.parse())
                .map_err(|_| "bad N")?;
            let (setup, call) = case_script(&case, mode)?;
            let mut times = Vec::with_capacity(n);
            let cpu = cpu_seconds();
            for _ in 0..n {
                let start = Instant::now();
                let out = run(&script, mode, &setup, &call, limit)?;
                times.push(start.elapsed());
                if out.contains("\"errors\":[\"") {
                    return Err(format!("decode failed: {out}"));
                }
            }
            let cpu = (cpu_seconds() - cpu) * 1e3 / n as f64;
            times.sort();
            let ms = |d: Duration| d.as_secs_f64() * 1e3;
            let mean = times.iter().map(|d| ms(*d)).sum::<f64>() / n as f64;
            let at = |q: f64| {
                times
                    .get(((n as f64 - 1.0) * q) as usize)
                    .copied()
                    .map_or(0.0, ms)
            };
            println!(
                "{n} uplinks: CPU {cpu:.3} ms each; wall mean {mean:.3} ms, min {:.3} ms, median {:.3} ms, p95 {:.3} ms, max {:.3} ms (new runtime + eval + decode)",
                at(0.0),
                at(0.5),
                at(0.95),
                at(1.0)
            );
            Ok(true)
        }
        "warm" => {
            let case = uplink_case(args.get(2).ok_or(usage)?, args.get(3).ok_or(usage)?)?;
            let n: usize = args
                .get(4)
                .map_or(Ok(1_000), |s| s.parse())
                .map_err(|_| "bad N")?;
            let (setup, call) = case_script(&case, mode)?;
            // The first call inside the script (compile and first decode), then N more timed from here.
            let timed = format!("(function () {{ var r = {call}; var t = Date.now(); for (var i = 0; i < {n}; i++) r = {call}; return {{ ms: Date.now() - t, r: r }}; }})()");
            let start = Instant::now();
            let cpu = cpu_seconds();
            let out = run(&script, mode, &setup, &timed, limit.max(CASE_LIMIT))?;
            let cpu = cpu_seconds() - cpu;
            let total = start.elapsed();
            let doc: Json = serde_json::from_str(&out).map_err(|e| e.to_string())?;
            if doc.pointer("/r/errors/0").is_some() {
                return Err(format!("decode failed: {out}"));
            }
            let ms = doc.get("ms").and_then(Json::as_f64).unwrap_or(0.0);
            println!(
                "{n} further decodes in one runtime: {:.2} us each ({ms} ms in the loop; the whole run {:.1} ms, CPU {:.1} ms)",
                ms * 1e3 / n as f64,
                total.as_secs_f64() * 1e3,
                cpu * 1e3
            );
            Ok(true)
        }
        "decode" => {
            let case = uplink_case(args.get(2).ok_or(usage)?, args.get(3).ok_or(usage)?)?;
            let (setup, call) = case_script(&case, mode)?;
            println!("{}", run(&script, mode, &setup, &call, limit)?);
            Ok(true)
        }
        _ => Err(usage.to_string()),
    }
}

/// Exit codes: 0 all passed, 1 a case failed, 2 a usage or I/O error.
fn main() -> ExitCode {
    match main_inner() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("qjs-runner: {e}");
            ExitCode::from(2)
        }
    }
}
