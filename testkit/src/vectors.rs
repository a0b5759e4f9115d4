//! The case files of `vectors/` and the failure report of the suites that loop over them.

use std::path::{Path, PathBuf};

use serde_json::Value as Json;

/// The repository root (the parent of this crate's folder).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Every `.json` file in the sub-directories of `dir`, depth first, in name order. Files directly in `vectors/`
/// are not case files (`spec-examples.json` is the generators' input).
pub fn vector_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    walk(dir, &mut out);
    out.retain(|p| p.parent() != Some(dir));
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
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

/// Every case of every `.ndjson` file of `dir` (`vectors/validate`), in file and line order.
pub fn validate_cases(dir: &Path) -> Vec<Json> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ndjson"))
        .collect();
    files.sort();
    let cases: Vec<Json> = files
        .iter()
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| serde_json::from_str(l).unwrap())
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        cases.len() >= 10,
        "only {} validate cases under {}",
        cases.len(),
        dir.display()
    );
    cases
}

/// Every key of `want` is in `got` with a matching value; lists match element by element and in length; numbers
/// compare as numbers. `at` names the place in the error.
pub fn validate_matches(want: &Json, got: &Json, at: &str) -> Result<(), String> {
    match (want, got) {
        (Json::Object(w), Json::Object(g)) => w.iter().try_for_each(|(k, v)| match g.get(k) {
            Some(gv) => validate_matches(v, gv, &format!("{at}.{k}")),
            None => Err(format!("{at}.{k}: missing")),
        }),
        (Json::Array(w), Json::Array(g)) if w.len() == g.len() => w
            .iter()
            .zip(g)
            .enumerate()
            .try_for_each(|(i, (w, g))| validate_matches(w, g, &format!("{at}[{i}]"))),
        (Json::Number(w), Json::Number(g)) if w.as_f64() == g.as_f64() => Ok(()),
        _ if want == got => Ok(()),
        _ => Err(format!("{at}: expected {want}, got {got}")),
    }
}
