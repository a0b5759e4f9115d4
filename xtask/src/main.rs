//! `cargo xtask`: the one entry point of the project's tooling (the alias is in `.cargo/config.toml`).
//!
//! The command tree is [`HELP`] (`cargo xtask help` prints it).
//!
//! `scripts/test-all.sh` (the README's test command, which `.ci/run` calls) makes sure Rust is there and runs
//! `cargo xtask test`. Pinned tool versions: `tools::pins`.

mod gen;
mod run;
mod suites;
mod tools;

use std::path::PathBuf;
use std::process::ExitCode;

use run::Result;
use suites::Suite;
use tools::Machine;

/// The README's water-meter frame (TLV, object 3424), the main job.
pub const MAIN_JOB_FRAME: &str =
    "080020c401449a5000c4040012d644c10900c10a00c10b01e4158e6b041800e1179a00";

/// The command tree.
pub const HELP: &str = "\
cargo xtask bootstrap [SUITE...]        install what the suites (default: all) and the generators need
cargo xtask gen [--check]               run every generator; --check: fail if a committed file differs
cargo xtask test [SUITE...] [-- ARG...] run the suites (default: all, in this order):
    core        self-containment, use cycles, fmt, clippy (every feature set), generated-file drift, the Python
                checkers of vectors/, the fuzz-corpus sample, Rust tests (every feature set), no_std builds
    c           C API: header drift, C tests (static, shared, valgrind, sanitizers), pkg-config and CMake,
                firmware under QEMU (stack gated), size report (gated)
    wasm        npm package: build, size gate, every vectors/ case in Node, TS013, npm pack + install
    playground  the playground page in headless Chromium      (ARGs: test.mjs's, e.g. --screenshot FILE.png)
    js          the ES5.1 formatter in QuickJS-NG and Duktape, its exports
    py          the Python wheel in a venv without Rust: pytest, stubtest      (ARGs: pytest's)
    fuzz        fuzz smoke run, FUZZ_SECONDS (15) per target  (ARGs: target names)
    bench       benches once each (zero allocations), instruction counts
    main        the README's main job with the release CLI
";

const USAGE: &str = "usage: cargo xtask bootstrap [SUITE...]
       cargo xtask gen [--check]
       cargo xtask test [SUITE...] [-- ARG...]
suites, in the order of a full run: core c wasm playground js py fuzz bench main
(`cargo xtask help` for what each does)";

fn main() -> ExitCode {
    match real_main() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn real_main() -> Result {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(PathBuf::from)
        .ok_or("xtask has no parent folder")?;
    std::env::set_current_dir(&root).map_err(|e| format!("{}: {e}", root.display()))?;
    let mut m = Machine::new(root);

    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, rest) = args.split_first().ok_or(USAGE)?;
    let (names, extra) = match rest.iter().position(|a| a == "--") {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    match cmd.as_str() {
        "bootstrap" if extra.is_empty() => suites::bootstrap(&mut m, &parse_suites(names)?),
        "gen" => match (names, extra) {
            ([], []) => gen::gen(&mut m, false),
            ([flag], []) if flag == "--check" => gen::gen(&mut m, true),
            _ => Err(USAGE.to_owned()),
        },
        "test" => {
            let suites = parse_suites(names)?;
            if !extra.is_empty() {
                match suites.as_slice() {
                    [one] if one.takes_args() => {}
                    _ => {
                        return Err(
                            "arguments after -- go to one suite of: py fuzz playground".to_owned()
                        )
                    }
                }
            }
            suites::test(&mut m, &suites, extra)
        }
        "help" | "--help" | "-h" => {
            print!("{HELP}");
            Ok(())
        }
        _ => Err(USAGE.to_owned()),
    }
}

/// The suites named (all when none is), in the order given.
fn parse_suites(names: &[String]) -> Result<Vec<Suite>> {
    if names.is_empty() {
        return Ok(suites::ALL.to_vec());
    }
    names
        .iter()
        .map(|n| Suite::parse(n).ok_or_else(|| format!("no suite {n:?}\n{USAGE}")))
        .collect()
}
