//! The JavaScript suites: the WASM npm package (bindings/wasm), its playground in a real browser, and the ES5.1
//! formatter (bindings/js-formatter, whose steps are its `run-tests.sh`).

use std::path::PathBuf;

use crate::run::{files_ending, is_executable, step, Cmd, Result};
use crate::tools::{pins, Machine, Route};

/// The size gate of the module of the rustup route (the Debian route builds std from source, whose size differs).
/// BENCH.md: 412,307 bytes at opt-level z (412,935 before the core's struct-copy work); the ceiling
/// leaves a little for growth, and goes down with the module.
const WASM_CEILING: u64 = 413_350;

/// The wasm32 target, wasm-bindgen-cli, Node.js, the package's npm devDependencies.
pub fn prepare_wasm(m: &mut Machine) -> Result {
    m.wasm()?;
    m.wasm_bindgen()?;
    m.node()?;
    Cmd::new("node").arg("--version").run()?;
    // package.json pins cbor-extract (cbor-x's native part) to a release whose per-platform packages are all
    // published, so that the lock file is complete and `npm ci` installs exactly it.
    m.npm_ci("bindings/wasm", &[], false)
}

/// Builds the package (`bindings/wasm/build.sh`) with the cargo command of the machine's route.
fn build_wasm(m: &mut Machine) -> Result {
    let route = m.wasm()?;
    let (target_dir, build) = match route {
        Route::Rustup => (
            m.path("target"),
            format!(
                "cargo build --profile wasm-release --target {}",
                pins::WASM_TARGET
            ),
        ),
        Route::Debian => {
            let dir = m.path("target-deb");
            let build = format!(
                "env CARGO_TARGET_DIR={} RUSTC_BOOTSTRAP=1 RUSTC=/usr/bin/rustc /usr/bin/cargo build --profile \
                 wasm-release --target {} -Zbuild-std=std,panic_abort",
                dir.display(),
                pins::WASM_TARGET
            );
            (dir, build)
        }
    };
    Cmd::new("bash")
        .arg("bindings/wasm/build.sh")
        .env("WASM_BUILD", build)
        .env("WASM_TARGET_DIR", target_dir)
        .run()
}

/// Builds the package when `file` (under bindings/wasm/pkg) is missing: the suites that compare with it.
fn ensure_wasm_pkg(m: &mut Machine, file: &str) -> Result {
    if m.path("bindings/wasm/pkg").join(file).is_file() {
        return Ok(());
    }
    step("web build of the WASM package");
    prepare_wasm(m)?;
    build_wasm(m)
}

/// Runs the WASM suite.
pub fn run_wasm(m: &mut Machine) -> Result {
    let version = m.locked_version("wasm-bindgen")?;
    step(&format!(
        "WASM: npm package (wasm-bindgen {version}, wasm-opt), every vectors/ case in Node, TS013, npm pack + install"
    ));
    let route = m.wasm()?;
    if route == Route::Rustup {
        step("wasm: format and lints (wasm32)");
        Cmd::new("cargo")
            .args(["fmt", "-p", "ucifi-wasm", "--", "--check"])
            .run()?;
        Cmd::new("cargo")
            .args([
                "clippy",
                "-p",
                "ucifi-wasm",
                "--target",
                pins::WASM_TARGET,
                "--",
                "-D",
                "warnings",
            ])
            .run()?;
    }

    step("wasm: build: wasm32, wasm-bindgen (nodejs, web), wasm-opt");
    build_wasm(m)?;
    let dir = m.path("bindings/wasm");

    if route == Route::Rustup {
        step(&format!(
            "wasm: size gate: ucifi_wasm_bg.wasm at most {WASM_CEILING} bytes"
        ));
        let module = dir.join("pkg/node/ucifi_wasm_bg.wasm");
        let raw = module
            .metadata()
            .map_err(|e| format!("{}: {e}", module.display()))?
            .len();
        println!("ucifi_wasm_bg.wasm: {raw} bytes");
        if raw > WASM_CEILING {
            return Err(
                "over the ceiling: see bindings/wasm/BENCH.md, 'Size of the module'".to_owned(),
            );
        }
    }

    step("wasm: tests: every vectors/ case, the API, TS013, the npm tarball");
    let tests: Vec<PathBuf> = files_ending(&dir.join("test"), ".test.cjs")?;
    let tests = tests.iter().filter_map(|p| p.strip_prefix(&dir).ok());
    Cmd::new("node").arg("--test").args(tests).dir(&dir).run()?;

    step("wasm: bench smoke run (figures: node bench/decode.mjs)");
    Cmd::new("node")
        .args(["bench/decode.mjs", "0.05"])
        .dir(&dir)
        .run_silent()?;
    println!("\nwasm: all tests passed");
    Ok(())
}

/// The browser: `CHROMIUM` or Debian's chromium.
fn chromium() -> PathBuf {
    std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"))
}

/// Debian's chromium (no browser download) and playwright-core (pinned in playground/package-lock.json).
pub fn prepare_playground(m: &mut Machine) -> Result {
    if !is_executable(&chromium()) {
        m.apt_install(&["chromium"], true)?;
    }
    Cmd::new(chromium()).arg("--version").run()?;
    m.npm_ci(
        "bindings/wasm/playground",
        &[("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")],
        false,
    )
}

/// Runs the playground's browser test (`args`: e.g. `--screenshot FILE.png`) against the web build.
pub fn run_playground(m: &mut Machine, args: &[String]) -> Result {
    step(
        "WASM playground in a real browser (Debian chromium + playwright-core): records, error offsets, re-encode, \
         objects",
    );
    ensure_wasm_pkg(m, "web/ucifi_wasm_bg.wasm")?;
    Cmd::new("node")
        .arg("test.mjs")
        .args(args)
        .dir(m.path("bindings/wasm/playground"))
        .run()
}

/// Node.js, Duktape, the formatter's npm devDependencies (terser, acorn).
pub fn prepare_js(m: &mut Machine) -> Result {
    m.node()?;
    m.need(&["duk"], &["duktape"], false)?;
    m.npm_ci("bindings/js-formatter", &[], true)
}

/// Runs the formatter's tests (its run-tests.sh), with the WASM package built when missing.
pub fn run_js(m: &mut Machine) -> Result {
    step(
        "JS formatter: engine drift, every vectors/ case in QuickJS-NG and Duktape against the WASM package, ES5.1, \
         40,960 bytes, exports",
    );
    ensure_wasm_pkg(m, "node/ucifi_wasm.js")?;
    Cmd::new("bash")
        .arg("bindings/js-formatter/run-tests.sh")
        .run()
}
