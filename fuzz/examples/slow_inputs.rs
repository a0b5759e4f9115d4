//! Are the decoders linear-ish? Two checks, in a plain release build (no sanitizer, no coverage):
//!
//! 1. Every corpus input of every decode target (`fuzz/corpus/decode_*`) runs through its target's check (the
//!    decode, zero-copy decode and re-encode of `ucifi_fuzz::check_decode`); the slowest per target is printed and
//!    any input over 10 ms is listed as SLOW.
//! 2. Synthetic large frames (many records, long strings, deep nesting) at 500 to 4000 units: the time per byte may
//!    grow at most 3x over that 8x growth of the input, else the case is flagged NONLINEAR. Deep-nesting cases also
//!    run at a depth of 200,000 (a stack overflow there is reported as CRASH). Each case runs in a child process.
//!
//!   cd fuzz && cargo run --release --example slow_inputs              # exit 1 on SLOW or CRASH
//!   cd fuzz && cargo run --release --example slow_inputs -- --strict  # also on NONLINEAR
use std::time::{Duration, Instant};

use ucifi_codec::format::{self, Format};
use ucifi_codec::lorawan::port::{decode_uplink, PortTable};
use ucifi_codec::{Path, Registry};

const LIMIT: Duration = Duration::from_millis(10);

fn best_of<F: FnMut()>(n: usize, mut f: F) -> Duration {
    (0..n)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn target_format(name: &str) -> Option<Format> {
    Some(match name {
        "decode_tlv" => Format::Tlv,
        "decode_senml_cbor" => Format::SenmlCbor,
        "decode_senml_json" => Format::SenmlJson,
        "decode_lwm2m_cbor" => Format::Lwm2mCbor,
        "decode_cbor" => Format::Cbor,
        "decode_text" => Format::Text,
        "decode_opaque" => Format::Opaque,
        _ => return None,
    })
}

/// One target's check of one input.
type Check = Box<dyn Fn(&[u8])>;

fn corpus() -> bool {
    let mut ok = true;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let Ok(dirs) = std::fs::read_dir(&root) else {
        println!(
            "no corpus at {} (run seed-corpus.sh or a fuzz run first)",
            root.display()
        );
        return true;
    };
    let mut dirs: Vec<_> = dirs.filter_map(Result::ok).map(|e| e.path()).collect();
    dirs.sort();
    for dir in dirs {
        let name = dir
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let run: Check = if let Some(f) = target_format(&name) {
            Box::new(move |data: &[u8]| {
                let (path, frame) = ucifi_fuzz::split_path(data);
                ucifi_fuzz::check_decode(f, frame, path.as_ref());
            })
        } else if name == "decode_fport" {
            Box::new(|data: &[u8]| {
                if let Some((p, rest)) = data.split_first() {
                    let _ = decode_uplink(*p, rest, &PortTable::default(), &Registry, |_| {});
                }
            })
        } else {
            continue;
        };
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        files.sort();
        let (mut worst, mut worst_file, mut worst_len) = (Duration::ZERO, String::new(), 0);
        for f in &files {
            let Ok(data) = std::fs::read(f) else { continue };
            let t = best_of(3, || run(&data));
            if t > LIMIT {
                println!(
                    "SLOW {name}: {} ({} bytes) takes {t:?}",
                    f.display(),
                    data.len()
                );
                ok = false;
            }
            if t > worst {
                (worst, worst_file, worst_len) = (t, f.display().to_string(), data.len());
            }
        }
        println!(
            "{name}: {} inputs, slowest {worst:?} ({worst_len} bytes, {worst_file})",
            files.len()
        );
    }
    ok
}

/// A synthetic frame of about `n` units.
type Gen = fn(usize) -> Vec<u8>;

fn tlv_resources(n: usize) -> Vec<u8> {
    // Distinct 16-bit resource ids (type e1: resource, 16-bit id, 1-byte value), unknown to the model.
    (0..n.min(65535))
        .flat_map(|i| [0xe1, (i >> 8) as u8, i as u8, 1])
        .collect()
}
fn tlv_resources_descending(n: usize) -> Vec<u8> {
    (0..n.min(65535))
        .rev()
        .flat_map(|i| [0xe1, (i >> 8) as u8, i as u8, 1])
        .collect()
}
fn tlv_instances(n: usize) -> Vec<u8> {
    // One multiple resource (/3/0/6, Available Power Sources) with n instances (16-bit ids).
    let body: Vec<u8> = (0..n.min(65535))
        .flat_map(|i| [0x61, (i >> 8) as u8, i as u8, 1])
        .collect();
    // 0x98: multiple resource, 8-bit id, 24-bit length.
    let mut v = vec![0x98, 6];
    v.extend_from_slice(&(body.len() as u32).to_be_bytes()[1..]);
    v.extend(body);
    v
}
fn cbor_head(major: u8, n: usize) -> Vec<u8> {
    let m = major << 5;
    match n {
        0..=23 => vec![m | n as u8],
        24..=255 => vec![m | 24, n as u8],
        256..=65535 => vec![m | 25, (n >> 8) as u8, n as u8],
        _ => {
            let mut v = vec![m | 26];
            v.extend_from_slice(&(n as u32).to_be_bytes());
            v
        }
    }
}
fn cbor_text(s: &str) -> Vec<u8> {
    let mut v = cbor_head(3, s.len());
    v.extend_from_slice(s.as_bytes());
    v
}
fn senml_cbor_pack(n: usize) -> Vec<u8> {
    // [{0: "/32770/i/1", 2: i}, ...]: distinct names.
    let mut v = cbor_head(4, n);
    for i in 0..n {
        v.extend([0xa2, 0x00]);
        v.extend(cbor_text(&format!("/32770/{}/1", i % 65536)));
        v.push(0x02);
        v.extend(cbor_head(0, i));
    }
    v
}
fn senml_json_pack(n: usize) -> Vec<u8> {
    let recs: Vec<String> = (0..n)
        .map(|i| format!("{{\"n\":\"/32770/{}/1\",\"v\":{i}}}", i % 65536))
        .collect();
    format!("[{}]", recs.join(",")).into_bytes()
}
fn senml_json_string(n: usize) -> Vec<u8> {
    // One long string value full of escapes.
    format!(
        "[{{\"n\":\"/32770/0/0\",\"vs\":\"{}\"}}]",
        "\\u00e9\\n".repeat(n)
    )
    .into_bytes()
}
fn lwm2m_cbor_flat(n: usize) -> Vec<u8> {
    // {[32770, i, 1]: i, ...}
    let mut v = cbor_head(5, n);
    for i in 0..n {
        v.extend([0x83, 0x19, 0x80, 0x02]);
        v.extend(cbor_head(0, i % 65536));
        v.push(0x01);
        v.extend(cbor_head(0, i));
    }
    v
}
fn lwm2m_cbor_nested(n: usize) -> Vec<u8> {
    // {32770: {0: {11: {ri: 1, ...}}}}
    let mut v = vec![0xa1, 0x19, 0x80, 0x02, 0xa1, 0x00, 0xa1, 0x0b];
    v.extend(cbor_head(5, n.min(65536)));
    for i in 0..n.min(65536) {
        v.extend(cbor_head(0, i));
        v.push(0x01);
    }
    v
}
fn lwm2m_cbor_descending(n: usize) -> Vec<u8> {
    // {[40000, 0]: {n-1: 1, ..., 1: 1, 0: 1}}: resource ids in descending order (an unknown object)
    let mut v = vec![0xa1, 0x82, 0x19, 0x9c, 0x40, 0x00];
    v.extend(cbor_head(5, n.min(65536)));
    for i in (0..n.min(65536)).rev() {
        v.extend(cbor_head(0, i));
        v.push(0x01);
    }
    v
}
fn cbor_deep_arrays(n: usize) -> Vec<u8> {
    vec![0x81; n]
}
fn cbor_deep_maps(n: usize) -> Vec<u8> {
    [0xa1, 0x00].repeat(n)
}
fn cbor_deep_tags(n: usize) -> Vec<u8> {
    let mut v = [0xc1].repeat(n);
    v.push(0x01);
    v
}
fn cbor_deep_fractions(n: usize) -> Vec<u8> {
    // 4([4([4([... 1 ...]), 0]), 0]): the exponent of each decimal fraction is another one.
    let mut v = [0xc4, 0x82].repeat(n);
    v.push(0x01);
    v.extend([0x00].repeat(n));
    v
}
fn senml_cbor_deep_tags(n: usize) -> Vec<u8> {
    // [{0: "/32770/0/6", 2: 1(1(...1(1)...))}]
    let mut v = vec![0x81, 0xa2, 0x00];
    v.extend(cbor_text("/32770/0/6"));
    v.push(0x02);
    v.extend(cbor_deep_tags(n));
    v
}
fn lwm2m_cbor_deep_tags(n: usize) -> Vec<u8> {
    // {[32770, 0, 6]: 1(1(...1(1)...))}
    let mut v = vec![0xa1, 0x83, 0x19, 0x80, 0x02, 0x00, 0x06];
    v.extend(cbor_deep_tags(n));
    v
}
fn senml_cbor_deep_ignored(n: usize) -> Vec<u8> {
    // [{"x": [[[...]]], ...}]: the value of an ignored label
    let mut v = vec![0x81, 0xa1];
    v.extend(cbor_text("x"));
    v.extend(vec![0x81; n]);
    v
}
fn json_deep_ignored(n: usize) -> Vec<u8> {
    format!("[{{\"x\":{}", "[".repeat(n)).into_bytes()
}
fn json_deep(n: usize) -> Vec<u8> {
    "[".repeat(n).into_bytes()
}
fn json_deep_objects(n: usize) -> Vec<u8> {
    let mut s = "[".to_string();
    s.push_str(&"{\"x\":".repeat(n));
    s.into_bytes()
}
fn text_digits(n: usize) -> Vec<u8> {
    "9".repeat(n).into_bytes()
}
fn text_float(n: usize) -> Vec<u8> {
    format!("0.{}1e-5", "0".repeat(n)).into_bytes()
}
fn text_base64(n: usize) -> Vec<u8> {
    "QUJD".repeat(n).into_bytes()
}

/// The synthetic cases: name, format, request path, generator.
const CASES: [(&str, Format, Option<&str>, Gen); 24] = [
    (
        "tlv resources ascending",
        Format::Tlv,
        Some("/40000/0"),
        tlv_resources,
    ),
    (
        "tlv resources descending",
        Format::Tlv,
        Some("/40000/0"),
        tlv_resources_descending,
    ),
    (
        "tlv resource instances",
        Format::Tlv,
        Some("/3/0"),
        tlv_instances,
    ),
    (
        "senml-cbor distinct names",
        Format::SenmlCbor,
        None,
        senml_cbor_pack,
    ),
    (
        "senml-json distinct names",
        Format::SenmlJson,
        None,
        senml_json_pack,
    ),
    (
        "senml-json escaped string",
        Format::SenmlJson,
        None,
        senml_json_string,
    ),
    (
        "lwm2m-cbor flat keys",
        Format::Lwm2mCbor,
        None,
        lwm2m_cbor_flat,
    ),
    (
        "lwm2m-cbor resource instances",
        Format::Lwm2mCbor,
        None,
        lwm2m_cbor_nested,
    ),
    (
        "lwm2m-cbor resource ids descending",
        Format::Lwm2mCbor,
        None,
        lwm2m_cbor_descending,
    ),
    (
        "senml-cbor deep arrays",
        Format::SenmlCbor,
        None,
        cbor_deep_arrays,
    ),
    (
        "lwm2m-cbor deep maps",
        Format::Lwm2mCbor,
        None,
        cbor_deep_maps,
    ),
    (
        "cbor deep arrays",
        Format::Cbor,
        Some("/32770/0/5"),
        cbor_deep_arrays,
    ),
    (
        "cbor nested tag-1 times",
        Format::Cbor,
        Some("/32770/0/6"),
        cbor_deep_tags,
    ),
    (
        "cbor nested tag-4 fractions",
        Format::Cbor,
        Some("/32770/0/3"),
        cbor_deep_fractions,
    ),
    (
        "senml-cbor nested tag-1 time value",
        Format::SenmlCbor,
        None,
        senml_cbor_deep_tags,
    ),
    (
        "lwm2m-cbor nested tag-1 time value",
        Format::Lwm2mCbor,
        None,
        lwm2m_cbor_deep_tags,
    ),
    (
        "senml-cbor deep ignored value",
        Format::SenmlCbor,
        None,
        senml_cbor_deep_ignored,
    ),
    (
        "senml-json deep ignored value",
        Format::SenmlJson,
        None,
        json_deep_ignored,
    ),
    ("senml-json deep arrays", Format::SenmlJson, None, json_deep),
    (
        "senml-json deep objects",
        Format::SenmlJson,
        None,
        json_deep_objects,
    ),
    (
        "text long integer",
        Format::Text,
        Some("/32770/0/1"),
        text_digits,
    ),
    (
        "text long float",
        Format::Text,
        Some("/32770/0/3"),
        text_float,
    ),
    (
        "text long base64",
        Format::Text,
        Some("/32770/0/5"),
        text_base64,
    ),
    (
        "opaque long",
        Format::Opaque,
        Some("/32770/0/5"),
        text_base64,
    ),
];

/// Sizes (in generator units) each synthetic case runs at.
const SIZES: [usize; 4] = [500, 1000, 2000, 4000];
/// Deep-nesting generators also run at this depth (a frame of a few hundred KB): the decoders must not recurse per
/// nesting level.
const DEEP: usize = 200_000;

/// Runs synthetic case `i` in this process; returns false on NONLINEAR.
fn scaling_case(i: usize) -> bool {
    let Some((name, fmt, path, gen)) = CASES.get(i).copied() else {
        return true;
    };
    let model = ucifi_fuzz::model();
    let path: Option<Path> = path.map(|p| p.parse().expect("valid path"));
    let mut per_byte = Vec::new();
    let mut line = String::new();
    let deep = name.contains("deep") || name.contains("nested");
    let sizes: Vec<usize> = if deep {
        SIZES.iter().copied().chain([DEEP]).collect()
    } else {
        SIZES.to_vec()
    };
    for n in sizes {
        let input = gen(n);
        let mut result = String::new();
        let t = best_of(3, || {
            let r = format::decode_owned(fmt, &input, path.as_ref(), model);
            let _ = format::decode_each(fmt, &input, path.as_ref(), model, |_| {});
            result = match r {
                Ok(v) => format!("{} records", v.len()),
                Err(e) => format!("{}@{}", e.kind().name(), e.offset()),
            };
        });
        if n != DEEP {
            per_byte.push(t.as_secs_f64() / input.len().max(1) as f64);
        }
        line.push_str(&format!(" {}B:{t:.2?}({result})", input.len()));
    }
    let ratio = per_byte.last().copied().unwrap_or(0.0)
        / per_byte.first().copied().unwrap_or(1.0).max(1e-12);
    let bad = ratio > 3.0 && per_byte.last().copied().unwrap_or(0.0) * 4000.0 > 1e-4;
    println!(
        "{name}: time/byte x{ratio:.1} over x8 the size{}:{line}",
        if bad { " NONLINEAR" } else { "" }
    );
    !bad
}

/// Runs every synthetic case in a child process, so that a stack overflow (an abort) is reported, not fatal.
/// Returns (no crash, every case linear).
fn scaling() -> (bool, bool) {
    let exe = std::env::current_exe().expect("own path");
    let (mut ok, mut linear) = (true, true);
    for (i, (name, ..)) in CASES.iter().enumerate() {
        let out = std::process::Command::new(&exe)
            .args(["--case", &i.to_string()])
            .output()
            .expect("run a case");
        print!("{}", String::from_utf8_lossy(&out.stdout));
        match out.status.code() {
            Some(0) => {}
            Some(1) => linear = false,
            _ => {
                ok = false;
                let err = String::from_utf8_lossy(&out.stderr);
                println!(
                    "CRASH {name}: {:?}: {}",
                    out.status,
                    err.lines().last().unwrap_or("")
                );
            }
        }
    }
    (ok, linear)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, flag, i] = &args[..] {
        if flag == "--case" {
            let ok = scaling_case(i.parse().expect("case number"));
            std::process::exit(if ok { 0 } else { 1 });
        }
    }
    let strict = args.iter().any(|a| a == "--strict");
    let fast = corpus();
    let (no_crash, linear) = scaling();
    if !(fast && no_crash && (linear || !strict)) {
        std::process::exit(1);
    }
}
