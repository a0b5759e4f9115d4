//! What the test suites over `vectors/` and the fuzz corpus sample share (included by `core/tests/vectors.rs` and, by
//! path, by the CLI's tests).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Every `.json` file in the sub-directories of `dir`, depth first, in name order. Files directly in `vectors/`
/// are not case files (`spec-examples.json` is the generators' input).
#[allow(dead_code)] // not every including test uses it
pub fn vector_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.retain(|p| p.parent() != Some(dir));
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
}

/// Fails the test with the first 30 of `failures` (`what`: the kind of input, out of `total`), if there are any.
#[allow(dead_code)] // not every including test uses it
pub fn assert_none_failed(failures: &[String], total: usize, what: &str) {
    assert!(
        failures.is_empty(),
        "{} of {total} {what}:\n{}",
        failures.len(),
        failures
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Runs `bin` with `args` and `stdin` on its standard input; its exit status and output. A program that exits
/// before reading its input (it rejected the arguments) is not an error here: the closed pipe is ignored.
#[allow(dead_code)] // not every including test uses it
pub fn run_with_stdin(bin: &str, args: &[String], stdin: &[u8]) -> Result<Output, String> {
    let mut child = Command::new(bin)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("spawn: {e}"))?;
    let mut pipe = child.stdin.take().ok_or("no stdin pipe")?;
    let written = pipe.write_all(stdin);
    drop(pipe); // end of input for the child
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(format!("stdin: {e}")),
        _ => {}
    }
    child.wait_with_output().map_err(|e| format!("wait: {e}"))
}
