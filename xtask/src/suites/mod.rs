//! The test suites of `cargo xtask test`, in the order of a full run. Each has a `prepare` (its part of the
//! bootstrap: skipped where the tools are there) and a `run`.

mod c;
mod core;
mod fuzz;
mod py;
mod web;

use crate::run::{step, Cmd, Result};
use crate::tools::Machine;

/// One suite of `cargo xtask test`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Suite {
    /// Self-containment, use cycles, format and lints, generated-file drift, the Python checkers, the core's, CLI's,
    /// C crate's and exports' Rust tests with every feature set, the no_std builds.
    Core,
    /// The C API: generated headers, C tests four ways, build-system files, firmware under QEMU, size gates.
    C,
    /// The npm package: build, size gate, every vectors/ case in Node, TS013, npm pack + install.
    Wasm,
    /// The playground page in headless Chromium.
    Playground,
    /// The ES5.1 formatter in QuickJS-NG and Duktape against the WASM package, and its exports.
    Js,
    /// The Python package from its wheel in a venv without Rust: pytest and stubtest.
    Py,
    /// The fuzz smoke run of every target.
    Fuzz,
    /// The benches once each (zero allocations) and the instruction counts.
    Bench,
    /// The main job of the README: decode a water-meter frame with the release CLI.
    Main,
}

/// The README's water-meter frame (TLV, object 3424), the main job.
const MAIN_JOB_FRAME: &str =
    "080020c401449a5000c4040012d644c10900c10a00c10b01e4158e6b041800e1179a00";

/// Every suite, in the order of a full run.
pub const ALL: &[Suite] = &[
    Suite::Core,
    Suite::C,
    Suite::Wasm,
    Suite::Playground,
    Suite::Js,
    Suite::Py,
    Suite::Fuzz,
    Suite::Bench,
    Suite::Main,
];

impl Suite {
    /// The suite's name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Suite::Core => "core",
            Suite::C => "c",
            Suite::Wasm => "wasm",
            Suite::Playground => "playground",
            Suite::Js => "js",
            Suite::Py => "py",
            Suite::Fuzz => "fuzz",
            Suite::Bench => "bench",
            Suite::Main => "main",
        }
    }

    /// The suite of a name.
    pub fn parse(name: &str) -> Option<Self> {
        ALL.iter().copied().find(|s| s.name() == name)
    }

    /// Whether the suite takes arguments after `--` (pytest's, fuzz target names, the playground test's).
    pub fn takes_args(self) -> bool {
        matches!(self, Suite::Py | Suite::Fuzz | Suite::Playground)
    }

    /// Installs what the suite needs.
    pub fn prepare(self, m: &mut Machine) -> Result {
        match self {
            Suite::Core => core::prepare(m),
            Suite::C => c::prepare(m),
            Suite::Wasm => web::prepare_wasm(m),
            Suite::Playground => web::prepare_playground(m),
            Suite::Js => web::prepare_js(m),
            Suite::Py => py::prepare(m),
            Suite::Fuzz => m.cargo_fuzz(),
            Suite::Bench => m.need(&["valgrind", "jq"], &["valgrind", "jq"], false),
            Suite::Main => m.rust(),
        }
    }

    /// Runs the suite (after `prepare`), with `args` for the suites that take them.
    pub fn run(self, m: &mut Machine, args: &[String]) -> Result {
        match self {
            Suite::Core => core::run(m),
            Suite::C => c::run(m),
            Suite::Wasm => web::run_wasm(m),
            Suite::Playground => web::run_playground(m, args),
            Suite::Js => web::run_js(m),
            Suite::Py => py::run(m, args),
            Suite::Fuzz => fuzz::smoke(m, args),
            Suite::Bench => {
                step("benches run once each and find zero allocations");
                Cmd::new("cargo")
                    .args(["test", "-p", "ucifi-benches", "--benches", "--release"])
                    .run()?;
                Cmd::new("bash").arg("benches/callgrind.sh").run()
            }
            Suite::Main => {
                step("the main job: decode a uCIFI water-meter frame");
                Cmd::new("cargo")
                    .args([
                        "run",
                        "-q",
                        "--release",
                        "-p",
                        "ucifi-cli",
                        "--",
                        "decode",
                        "--format",
                        "tlv",
                    ])
                    .args(["--path", "/3424", MAIN_JOB_FRAME])
                    .run_silent()
            }
        }
    }
}

/// `cargo xtask test [SUITE...] [-- ARGS]`: prepares and runs each suite in turn, stopping at the first failure.
pub fn test(m: &mut Machine, suites: &[Suite], args: &[String]) -> Result {
    for suite in suites {
        suite.prepare(m)?;
        suite.run(m, args)?;
    }
    if suites == ALL {
        println!("\nall tests passed");
    } else {
        let names: Vec<&str> = suites.iter().map(|s| s.name()).collect();
        println!("\ncargo xtask test {}: passed", names.join(" "));
    }
    Ok(())
}

/// `cargo xtask bootstrap [SUITE...]`: installs what the suites (default: all) and the generators need.
pub fn bootstrap(m: &mut Machine, suites: &[Suite]) -> Result {
    for suite in suites {
        step(&format!("bootstrap: {}", suite.name()));
        suite.prepare(m)?;
    }
    step("bootstrap: generators (cbindgen, the formatter's npm packages)");
    m.cbindgen()?;
    m.npm_ci("bindings/js-formatter", &[], true)?;
    println!("\nbootstrap done");
    Ok(())
}
