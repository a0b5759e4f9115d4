//! The C suite: the generated headers are up to date; the C tests of the C API (static, shared, valgrind,
//! ASan/UBSan, and with a nightly toolchain ASan inside Rust too), the build-system files (install.sh, pkg-config,
//! CMake); with the rustup Cortex-M targets, the firmware under QEMU (`bindings/c/firmware/run.sh`, stack gated) and
//! the size report with its gates (`bindings/c/size.sh`).
//!
//! The C tests: libucifi_c (release, static + shared); `tests/vectors_gen.h` from vectors/ and
//! `corpus_sample_gen.h` from fuzz/corpus-sample.json; the tests compiled with gcc -std=c99 -Wall -Wextra -Werror
//! and run four ways: static, shared, under valgrind (--error-exitcode=99 --leak-check=full) and with
//! -fsanitize=address,undefined; then once more, sanitized, against a size-first build of the library (no tlv-fast,
//! no senml-fast: the firmware's code paths), and against a TLV-only size-first build (`std,tlv`: the TLV-only
//! firmware paths), where every case and corpus input of another format must be refused with UNKNOWN_FORMAT
//! (`UCIFI_TEST_FORMATS` tells the tests which formats the build has; the library must agree); the default and the
//! size-first build loaded side by side and compared on mutated corpus inputs, random TLV trees and random writer
//! call sequences (`tests/differential.c`). `UCIFI_RUST_ASAN=0` skips the nightly AddressSanitizer build.

use std::path::{Path, PathBuf};

use crate::gen;
use crate::run::{step, Cmd, Result};
use crate::tools::{Machine, Route};

/// The Debian packages of the firmware run: the Arm cross compiler with newlib, and QEMU.
const FIRMWARE_PACKAGES: &[&str] = &[
    "gcc-arm-none-eabi",
    "libnewlib-arm-none-eabi",
    "qemu-system-arm",
];

/// cbindgen, cmake and pkg-config, valgrind; with the rustup thumb targets, the firmware's cross tools.
pub fn prepare(m: &mut Machine) -> Result {
    m.cbindgen()?;
    m.need(&["valgrind"], &["valgrind"], false)?;
    // The build-system check needs pkg-config and CMake; a fresh machine may have neither.
    m.need(&["cmake", "pkg-config"], &["cmake", "pkg-config"], true)?;
    if m.thumb()? == Route::Rustup {
        m.need(
            &["arm-none-eabi-gcc", "qemu-system-arm"],
            FIRMWARE_PACKAGES,
            true,
        )?;
    }
    Ok(())
}

/// Runs the suite.
pub fn run(m: &mut Machine) -> Result {
    step(
        "C API: generated headers; C tests (static, shared, valgrind, ASan/UBSan, size-first, TLV-only, pkg-config, \
         CMake); firmware under QEMU (M4F, M0; stack gated); size per format set (gated)",
    );
    gen::codegen(m, true)?;
    gen::c_header(m, true)?;
    println!("bindings/c: generated files are up to date");
    c_tests(m)?;
    if m.thumb()? == Route::Rustup {
        Cmd::new("bash").arg("bindings/c/firmware/run.sh").run()?;
        Cmd::new("bash").arg("bindings/c/size.sh").run()?;
    } else {
        println!("firmware run skipped: no rustup thumb targets on this machine (Debian route builds core only)");
    }
    Ok(())
}

fn sub(title: &str) {
    println!("\n==> bindings/c: {title}");
}

/// Runs `cmd` and prints the test programs' summary: the build's formats, the vector and corpus counts, the last
/// line.
fn run_tail(cmd: Cmd) -> Result {
    let out = cmd.read()?;
    let summary = ["formats:", "vectors:", "corpus sample:"];
    for line in out
        .lines()
        .filter(|l| summary.iter().any(|s| l.starts_with(s)))
    {
        println!("{line}");
    }
    println!("{}", out.lines().last().unwrap_or(""));
    Ok(())
}

fn c_tests(m: &mut Machine) -> Result {
    let c_dir = m.path("bindings/c");
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| m.path("target"));
    let out = target_dir.join("ucifi-c-tests");
    let lib_dir = target_dir.join("release");
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let o = |name: &str| out.join(name);

    sub("build libucifi_c (release: static + shared)");
    Cmd::new("cargo")
        .args(["build", "--quiet", "--release", "-p", "ucifi-ffi"])
        .run()?;
    let native = native_static_libs()?;
    println!("native-static-libs: {}", native.join(" "));

    sub("generate tests/vectors_gen.h from vectors/, corpus_sample_gen.h from fuzz/corpus-sample.json");
    Cmd::new("python3")
        .arg("tests/gen_vectors.py")
        .arg(m.path("vectors"))
        .arg(o("vectors_gen.h"))
        .dir(&c_dir)
        .run()?;
    Cmd::new("python3")
        .arg("tests/gen_corpus_sample.py")
        .arg(m.path("fuzz/corpus-sample.json"))
        .arg(o("corpus_sample_gen.h"))
        .dir(&c_dir)
        .run()?;

    let gcc = |opt: &[&str]| {
        Cmd::new("gcc")
            .args(["-std=c99", "-Wall", "-Wextra", "-Werror"])
            .arg(format!("-I{}", c_dir.join("include").display()))
            .arg(format!("-I{}", c_dir.join("tests").display()))
            .arg(format!("-I{}", out.display()))
            .args(opt)
            .args([
                "tests/test_main.c",
                "tests/test_api.c",
                "tests/test_vectors.c",
                "tests/test_corpus_sample.c",
            ])
            .dir(&c_dir)
    };
    let sanitize = [
        "-O1",
        "-g",
        "-fsanitize=address,undefined",
        "-fno-sanitize-recover=all",
        "-fno-omit-frame-pointer",
    ];
    let static_lib = lib_dir.join("libucifi_c.a");

    sub("static library");
    gcc(&["-O2"])
        .arg(&static_lib)
        .args(&native)
        .arg("-lm")
        .arg("-o")
        .arg(o("t_static"))
        .run()?;
    Cmd::new(o("t_static")).run()?;

    sub("shared library");
    gcc(&["-O2"])
        .arg(format!("-L{}", lib_dir.display()))
        .args(["-lucifi_c", "-lm"])
        .arg(format!("-Wl,-rpath,{}", lib_dir.display()))
        .arg("-o")
        .arg(o("t_shared"))
        .run()?;
    // `cargo xtask` runs under `cargo run`, which puts target/debug and target/debug/deps on LD_LIBRARY_PATH, and
    // that goes before the RUNPATH: the test would load a debug build's libucifi_c.so (stale, or not this one).
    run_tail(Cmd::new(o("t_shared")).env_remove("LD_LIBRARY_PATH"))?;

    sub("valgrind (static)");
    run_tail(
        Cmd::new("valgrind")
            .args(["--quiet", "--error-exitcode=99", "--leak-check=full"])
            .arg(o("t_static")),
    )?;

    sub("gcc -fsanitize=address,undefined (static)");
    gcc(&sanitize)
        .arg(&static_lib)
        .args(&native)
        .arg("-lm")
        .arg("-o")
        .arg(o("t_asan"))
        .run()?;
    run_tail(Cmd::new(o("t_asan")).env("ASAN_OPTIONS", "detect_leaks=1"))?;

    // Its own target directory, so the release library above stays the default build; the core and the
    // dependencies of the two differ only in features, so both stay cached there.
    let size_first = target_dir.join("size-first");
    for (title, features, binary, formats) in [
        (
            "size-first build (no tlv-fast, no senml-fast: the firmware's code paths, on the host): the same tests",
            "std,all-formats,senml-json",
            "t_size_first",
            None,
        ),
        (
            "TLV-only size-first build (std,tlv: the TLV-only firmware paths): the same tests, other formats refused",
            "std,tlv",
            "t_tlv_only",
            Some("tlv"),
        ),
    ] {
        sub(title);
        ffi_rustc("staticlib")
            .args(["--no-default-features", "--features", features, "--target-dir"])
            .arg(&size_first)
            .run()?;
        gcc(&sanitize)
            .arg(size_first.join("release/libucifi_c.a"))
            .args(&native)
            .arg("-lm")
            .arg("-o")
            .arg(o(binary))
            .run()?;
        let mut tests = Cmd::new(o(binary));
        if let Some(formats) = formats {
            tests = tests.env("UCIFI_TEST_FORMATS", formats);
        }
        run_tail(tests)?;
    }

    sub("differential: the default and the size-first build side by side (tests/differential.c)");
    // The size-first build as a shared library too, so that both load into one process (dlopen, RTLD_LOCAL).
    ffi_rustc("cdylib")
        .args([
            "--no-default-features",
            "--features",
            "std,all-formats,senml-json",
            "--target-dir",
        ])
        .arg(&size_first)
        .run()?;
    Cmd::new("gcc")
        .args(["-std=c99", "-Wall", "-Wextra", "-Werror", "-O2"])
        .arg(format!("-I{}", c_dir.join("include").display()))
        .arg(format!("-I{}", c_dir.join("tests").display()))
        .arg(format!("-I{}", out.display()))
        .arg("tests/differential.c")
        .args(["-ldl", "-o"])
        .arg(o("t_differential"))
        .dir(&c_dir)
        .run()?;
    Cmd::new(o("t_differential"))
        .arg(lib_dir.join("libucifi_c.so"))
        .arg(size_first.join("release/libucifi_c.so"))
        .arg("100")
        .run()?;

    sub("build-system files: install, then a pkg-config compile and a CMake find_package project");
    build_system(&c_dir, &out)?;

    let rust_asan = std::env::var("UCIFI_RUST_ASAN")
        .map(|v| v != "0")
        .unwrap_or(true);
    if rust_asan
        && Cmd::new("cargo")
            .args(["+nightly", "--version"])
            .quiet()
            .succeeds()
    {
        sub("AddressSanitizer inside Rust too (nightly -Zsanitizer=address)");
        // --target keeps build scripts uninstrumented; the prebuilt std is not instrumented, hence the ABI-mismatch
        // allowance.
        let host = "x86_64-unknown-linux-gnu";
        Cmd::new("cargo")
            .env(
                "RUSTFLAGS",
                "-Zsanitizer=address -Cunsafe-allow-abi-mismatch=sanitizer",
            )
            .args([
                "+nightly",
                "build",
                "--quiet",
                "--release",
                "-p",
                "ucifi-ffi",
                "--target",
                host,
                "--target-dir",
            ])
            .arg(target_dir.join("asan"))
            .run()?;
        gcc(&sanitize)
            .arg(
                target_dir
                    .join("asan")
                    .join(host)
                    .join("release/libucifi_c.a"),
            )
            .args(&native)
            .arg("-lm")
            .arg("-o")
            .arg(o("t_rust_asan"))
            .run()?;
        run_tail(Cmd::new(o("t_rust_asan")))?;
    }
    println!("\nbindings/c: C tests passed");
    Ok(())
}

/// `cargo rustc` of the C library as a release library of `crate_type` (more arguments to follow).
fn ffi_rustc(crate_type: &str) -> Cmd {
    Cmd::new("cargo").args([
        "rustc",
        "--quiet",
        "--release",
        "-p",
        "ucifi-ffi",
        "--crate-type",
        crate_type,
    ])
}

/// The system libraries a Rust staticlib needs on this host (rustc prints them).
fn native_static_libs() -> Result<Vec<String>> {
    let (ok, text) = ffi_rustc("staticlib")
        .args(["--", "--print", "native-static-libs"])
        .quiet()
        .probe();
    if !ok {
        return Err(format!(
            "cargo rustc --print native-static-libs failed: {text}"
        ));
    }
    let line = text
        .lines()
        .rev()
        .find_map(|l| l.split_once("native-static-libs: ").map(|(_, libs)| libs));
    Ok(line
        .unwrap_or("")
        .split_whitespace()
        .map(str::to_owned)
        .collect())
}

/// install.sh into a prefix, then a consumer through pkg-config and through CMake's find_package, and a version
/// the package does not satisfy refused.
fn build_system(c_dir: &Path, out: &Path) -> Result {
    let prefix = out.join("prefix");
    for dir in ["prefix", "cmake-build", "cmake-build-2"] {
        let _ = std::fs::remove_dir_all(out.join(dir));
    }
    Cmd::new("./install.sh").arg(&prefix).dir(c_dir).run()?;
    let pkg_config = |what: &[&str]| {
        Cmd::new("pkg-config")
            .env("PKG_CONFIG_PATH", prefix.join("lib/pkgconfig"))
            .args(what)
            .arg("ucifi")
            .read()
    };
    let cflags = pkg_config(&["--cflags"])?;
    let libs = pkg_config(&["--libs", "--static"])?;
    Cmd::new("gcc")
        .args(["-std=c99", "-Wall", "-Wextra", "-Werror"])
        .args(cflags.split_whitespace())
        .arg("tests/consumer.c")
        .args(libs.split_whitespace())
        .arg("-o")
        .arg(out.join("t_pkgconfig"))
        .dir(c_dir)
        .run()?;
    Cmd::new(out.join("t_pkgconfig")).run()?;
    let prefix_path = format!("-DCMAKE_PREFIX_PATH={}", prefix.display());
    Cmd::new("cmake")
        .args(["-S", "tests/cmake", "-B"])
        .arg(out.join("cmake-build"))
        .arg(&prefix_path)
        .arg("-DCMAKE_BUILD_TYPE=Release")
        .dir(c_dir)
        .run_silent()?;
    Cmd::new("cmake")
        .arg("--build")
        .arg(out.join("cmake-build"))
        .run_silent()?;
    Cmd::new(out.join("cmake-build/consumer")).run()?;
    // A version the package does not satisfy must be refused.
    let accepted = Cmd::new("cmake")
        .args(["-S", "tests/cmake", "-B"])
        .arg(out.join("cmake-build-2"))
        .arg(&prefix_path)
        .arg("-DUCIFI_CONSUMER_VERSION=1.0")
        .dir(c_dir)
        .quiet()
        .succeeds();
    if accepted {
        return Err("find_package(ucifi 1.0) accepted the installed version".to_owned());
    }
    println!("find_package(ucifi 1.0): refused, as it must be");
    Ok(())
}
