//! What the test suites over `vectors/` and the fuzz corpus sample share (included by `core/tests/vectors.rs` and, by
//! path, by the CLI's tests).

use std::path::{Path, PathBuf};

/// Every `.json` file under `dir`, depth first, in name order.
#[allow(dead_code)] // not every including test uses it
pub fn vector_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(dir, &mut out);
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
