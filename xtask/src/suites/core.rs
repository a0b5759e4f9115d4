//! The core suite: the repository's own checks, format and lints, generated-file drift and the independent Python
//! checkers of the vectors, the Rust tests of the core, registry, CLI, C crate and exports with every feature set,
//! and the no_std builds for Cortex-M.

use crate::gen;
use crate::run::{step, Cmd, Result};
use crate::tools::{Machine, Route};

/// Feature sets of the core linted with `--all-targets --no-default-features` (what a firmware build picks):
/// every format without std, each format alone, the size goal's set; with alloc, the randomized unit tests compile
/// too (with and without tlv-fast).
const LINT_FEATURE_SETS: &[&str] = &[
    "all-formats",
    "tlv",
    "senml-cbor",
    "senml-json",
    "lwm2m-cbor",
    "single",
    "text",
    "alloc",
    "tlv,senml-cbor,lwm2m-cbor",
    "all-formats,alloc",
    "all-formats,senml-json",
    "senml-fast",
    "tlv,alloc",
    "tlv,tlv-fast,alloc",
    "all-formats,registry-names",
    "std",
    "ddf",
];

/// Feature sets of the core whose unit tests run alone: each format (a format left out answers UNKNOWN_FORMAT:
/// core/src/format/tests.rs), SenML-CBOR's quick path without alloc (its duplicate look-back differs from the one
/// with alloc), and none at all.
const ALONE_FEATURE_SETS: &[&str] = &[
    "tlv",
    "senml-cbor",
    "senml-fast",
    "senml-json",
    "lwm2m-cbor",
    "single",
    "text",
    "",
];

/// The Cortex-M builds: (target, formats).
const NO_STD_BUILDS: &[(&str, &str)] = &[
    ("thumbv7em-none-eabihf", "all-formats"),
    ("thumbv6m-none-eabi", "all-formats"),
    ("thumbv7em-none-eabihf", "tlv,senml-cbor,lwm2m-cbor"),
];

/// Rust components and targets, the checkers' venv.
pub fn prepare(m: &mut Machine) -> Result {
    step("toolchain");
    m.rust()?;
    m.thumb()?;
    m.tools_python()?;
    Ok(())
}

/// Runs the suite.
pub fn run(m: &mut Machine) -> Result {
    step("the repository stands on its own: no tracked file names a path outside it");
    self_contained(m)?;

    step("no two source files of a crate import each other (scripts/check-use-cycles.py)");
    Cmd::new("python3")
        .arg("scripts/check-use-cycles.py")
        .run()?;

    step("format and lints");
    Cmd::new("cargo")
        .args(["fmt", "--all", "--", "--check"])
        .run()?;
    clippy(&["--workspace", "--all-targets", "--all-features"])?;
    clippy(&["-p", "ucifi-codec", "--no-default-features"])?;
    // The C layer's size-first paths (its own TLV without tlv-fast), which --all-features leaves out, and its
    // TLV-only paths (`tlv_lean::ONLY`), as `cargo xtask test c` builds them.
    for features in ["std,all-formats,senml-json", "std,tlv"] {
        clippy(&[
            "-p",
            "ucifi-ffi",
            "--all-targets",
            "--no-default-features",
            "--features",
            features,
        ])?;
    }
    for formats in LINT_FEATURE_SETS {
        clippy(&[
            "-q",
            "-p",
            "ucifi-codec",
            "--all-targets",
            "--no-default-features",
            "--features",
            formats,
        ])?;
    }

    step("generated files are up to date; vectors agree with the independent Python checkers");
    gen::codegen(m, true)?; // the tables from core/codegen/registry.json
    let py = m.tools_python()?;
    for (script, check) in [
        ("vectors/tools/gen_tlv.py", true),
        ("vectors/tools/check_tlv.py", false),
        ("vectors/tools/gen_formats.py", true),
        ("vectors/tools/check_formats.py", false),
        ("vectors/fport/gen_fport.py", true),
    ] {
        let cmd = Cmd::new(&py).arg(script);
        if check {
            cmd.arg("--check").run()?;
        } else {
            cmd.run()?;
        }
    }
    // The fuzz-corpus sample's recorded outcomes (builds the release CLI).
    Cmd::new("bash")
        .args(["fuzz/sample-corpus.sh", "--check"])
        .run()?;

    step("tests (core, registry, CLI, C crate, exports, xtask; every vectors/ case)");
    // The vectors are the contract of the default registry (registry-full knows more objects, e.g. /13).
    let test = |args: &[&str]| Cmd::new("cargo").arg("test").args(args).run();
    test(&[
        "-p",
        "ucifi-codec",
        "-p",
        "ucifi-codegen",
        "-p",
        "ucifi-cli",
        "-p",
        "ucifi-ffi",
        "-p",
        "ucifi-exports",
        "-p",
        "xtask",
    ])?;
    test(&[
        "-p",
        "ucifi-codec",
        "--features",
        "registry-full,serde",
        "--lib",
    ])?;
    test(&[
        "-p",
        "ucifi-codec",
        "--features",
        "registry-full,serde",
        "--doc",
    ])?;
    let all = [
        "all-formats",
        "alloc,all-formats",
        "alloc,all-formats,senml-json",
    ];
    for formats in all.iter().chain(ALONE_FEATURE_SETS) {
        test(&[
            "-q",
            "-p",
            "ucifi-codec",
            "--no-default-features",
            "--features",
            formats,
            "--lib",
        ])?;
    }

    step("no_std: core for Cortex-M4F and Cortex-M0 (no alloc, no std): every format, and the size goal's three");
    let route = m.thumb()?;
    if route == Route::Debian {
        println!("(Debian's Rust route: core and alloc built from source into target-deb/)");
    }
    for (target, formats) in NO_STD_BUILDS {
        m.build_cmd(route, "core,alloc")
            .args([
                "-p",
                "ucifi-codec",
                "--no-default-features",
                "--features",
                formats,
                "--release",
                "--target",
            ])
            .arg(target)
            .run()?;
    }
    Ok(())
}

fn clippy(args: &[&str]) -> Result {
    Cmd::new("cargo")
        .arg("clippy")
        .args(args)
        .args(["--", "-D", "warnings"])
        .run()
}

/// Fails when a tracked file names a place outside the repository: a sibling folder of the checkout (the reading
/// material some developers keep beside it) or an absolute path of a machine's own folders. A plain clone with
/// nothing beside it must build and pass every test, so nothing may read such a path.
fn self_contained(m: &Machine) -> Result {
    // The patterns are split so that this file does not match itself.
    let sibling = format!("\\.\\./{}", "shared");
    let machine = "(^|[^A-Za-z0-9_.~-])/(work|root|home|Users)/";
    let (found, text) = Cmd::new("git")
        .args([
            "grep",
            "-nIE",
            "-e",
            &sibling,
            "-e",
            machine,
            "--",
            ".",
            ":!Cargo.lock",
            ":!**/package-lock.json",
        ])
        .dir(&m.root)
        .quiet()
        .probe();
    if found {
        print!("{text}");
        return Err("the lines above name a path outside the repository".to_owned());
    }
    if !text.is_empty() {
        return Err(format!("git grep failed: {text}"));
    }
    println!("no tracked file names a path outside the repository");
    Ok(())
}
