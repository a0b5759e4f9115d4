//! `cargo xtask gen [--check]`: every generator of committed files, writing them or (with `--check`) regenerating
//! them aside and failing when a committed file differs. Tests never write files; this does.
//!
//! | generator | writes |
//! |---|---|
//! | `ucifi-codegen` (core/codegen) | the registry tables, the C codes and id header, the Python and TypeScript error lists |
//! | cbindgen (pinned) | `bindings/c/include/ucifi.h` |
//! | `vectors/tools/gen_tlv.py`, `gen_formats.py`, `vectors/fport/gen_fport.py` | the vectors' case files |
//! | `bindings/js-formatter/tools/mkengine.cjs` | the formatter's engine `engine.min.js` |
//! | `tools/exports.cjs` on `ucifi formatter --target tts` | `bindings/js-formatter/exports/` |
//! | `ucifi sizes` | `docs/sizes.md` |
//!
//! Not here: `fuzz/sample-corpus.sh`, which samples the local fuzz corpus (not committed); its `--check` is a step
//! of the core suite.

use std::path::Path;

use crate::run::{read_text, step, Cmd, Result};
use crate::tools::{pins, Machine};

/// One generator: its name and what it does.
type Generator = fn(&mut Machine, bool) -> Result;

const GENERATORS: &[(&str, Generator)] = &[
    (
        "registry tables, C codes and ids, error lists (ucifi-codegen)",
        codegen,
    ),
    ("bindings/c/include/ucifi.h (cbindgen)", c_header),
    (
        "vectors (vectors/tools/gen_tlv.py, gen_formats.py, vectors/fport/gen_fport.py)",
        vectors,
    ),
    (
        "bindings/js-formatter/engine.min.js (tools/mkengine.cjs)",
        js_engine,
    ),
    (
        "bindings/js-formatter/exports (tools/exports.cjs)",
        js_exports,
    ),
    ("docs/sizes.md (ucifi sizes)", sizes_doc),
];

/// Runs every generator; with `check`, all of them, then fails naming those whose output differs.
pub fn gen(m: &mut Machine, check: bool) -> Result {
    let mut failed = Vec::new();
    for (name, generator) in GENERATORS {
        step(&format!(
            "gen{}: {name}",
            if check { " --check" } else { "" }
        ));
        if let Err(e) = generator(m, check) {
            if !check {
                return Err(e);
            }
            eprintln!("{e}");
            failed.push(*name);
        }
    }
    if failed.is_empty() {
        println!(
            "\ngen: {}",
            if check {
                "every generated file is up to date"
            } else {
                "wrote every generated file"
            }
        );
        Ok(())
    } else {
        Err(format!(
            "out of date (run `cargo xtask gen`): {}",
            failed.join("; ")
        ))
    }
}

/// The core's tables and the lists generated from them.
pub fn codegen(_: &mut Machine, check: bool) -> Result {
    let cmd = Cmd::new("cargo").args(["run", "-q", "-p", "ucifi-codegen"]);
    if check {
        cmd.args(["--", "--check"]).run()
    } else {
        cmd.run()
    }
}

/// `bindings/c/include/ucifi.h` by cbindgen at its pinned version.
pub fn c_header(m: &mut Machine, check: bool) -> Result {
    let c_dir = m.path("bindings/c");
    let config = read_text(&c_dir.join("cbindgen.toml"))?;
    if !config.contains(&format!("cbindgen {}", pins::CBINDGEN)) {
        return Err(format!(
            "bindings/c/cbindgen.toml: its header should name cbindgen {}",
            pins::CBINDGEN
        ));
    }
    m.cbindgen()?;
    fresh_or_committed(m, &c_dir.join("include/ucifi.h"), check, |out| {
        Cmd::new("cbindgen")
            .args([
                "--config",
                "cbindgen.toml",
                "--crate",
                "ucifi-ffi",
                "--output",
            ])
            .arg(out)
            .arg(".")
            .dir(&c_dir)
            .run()
    })
}

/// The vectors' case files from the independent Python encoders (they need no package beyond Python's own).
fn vectors(m: &mut Machine, check: bool) -> Result {
    for script in [
        "vectors/tools/gen_tlv.py",
        "vectors/tools/gen_formats.py",
        "vectors/fport/gen_fport.py",
    ] {
        let cmd = Cmd::new("python3").arg(script).dir(&m.root);
        if check {
            cmd.arg("--check").run()?;
        } else {
            cmd.run()?;
        }
    }
    Ok(())
}

/// The formatter's engine, minified by the pinned terser (npm ci in bindings/js-formatter).
fn js_engine(m: &mut Machine, check: bool) -> Result {
    m.npm_ci("bindings/js-formatter", &[], true)?;
    let dir = m.path("bindings/js-formatter");
    fresh_or_committed(m, &dir.join("engine.min.js"), check, |out| {
        Cmd::new("node")
            .arg("tools/mkengine.cjs")
            .arg(out)
            .dir(&dir)
            .run()
    })
}

/// The network-server exports, made from the TTS formatter of the release CLI.
fn js_exports(m: &mut Machine, check: bool) -> Result {
    m.node()?;
    Cmd::new("cargo")
        .args(["build", "-q", "--release", "-p", "ucifi-cli"])
        .run()?;
    let work = m.path("target/xtask-gen/exports");
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let formatter = work.join("ucifi.js");
    Cmd::new(m.path("target/release/ucifi"))
        .args(["formatter", "--target", "tts"])
        .run_to_file(&formatter)?;
    let committed = m.path("bindings/js-formatter/exports");
    let out = if check {
        work.join("out")
    } else {
        committed.clone()
    };
    Cmd::new("node")
        .arg(m.path("bindings/js-formatter/tools/exports.cjs"))
        .arg(&formatter)
        .arg(&out)
        .run()?;
    if check {
        Cmd::new("diff").arg("-r").arg(&committed).arg(&out).run()?;
    }
    Ok(())
}

/// `docs/sizes.md`, the output of `ucifi sizes` (the CLI test `sizes_doc_is_the_output_of_ucifi_sizes` compares).
fn sizes_doc(m: &mut Machine, check: bool) -> Result {
    fresh_or_committed(m, &m.path("docs/sizes.md"), check, |out| {
        Cmd::new("cargo")
            .args(["run", "-q", "-p", "ucifi-cli", "--", "sizes"])
            .run_to_file(out)
    })
}

/// Runs `write` on the committed file or, with `check`, on a fresh file of the same name under
/// `target/xtask-gen/`, then fails when the two differ.
fn fresh_or_committed(
    m: &Machine,
    committed: &Path,
    check: bool,
    write: impl FnOnce(&Path) -> Result,
) -> Result {
    let out = if check {
        let name = committed.file_name().unwrap_or_default();
        m.path("target/xtask-gen").join(name)
    } else {
        committed.to_path_buf()
    };
    make_parent(&out)?;
    write(&out)?;
    if check {
        same(committed, &out)?;
    }
    Ok(())
}

fn make_parent(path: &Path) -> Result {
    match path.parent() {
        Some(dir) => std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display())),
        None => Ok(()),
    }
}

/// Fails with a unified diff when the committed file and the fresh output differ.
fn same(committed: &Path, fresh: &Path) -> Result {
    if read_text(committed)? == read_text(fresh)? {
        println!("{}: up to date", shown(committed));
        return Ok(());
    }
    let _ = Cmd::new("diff").arg("-u").arg(committed).arg(fresh).run();
    Err(format!(
        "{} is out of date: run `cargo xtask gen`",
        committed.display()
    ))
}

/// A path relative to the working folder (the repository's root) where it is under it.
fn shown(path: &Path) -> String {
    let cwd = std::env::current_dir().unwrap_or_default();
    path.strip_prefix(&cwd)
        .unwrap_or(path)
        .display()
        .to_string()
}
