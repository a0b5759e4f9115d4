//! The cases of `vectors/validate/*.ndjson` and their comparison rule (included by path by the core's and the CLI's
//! validate tests).

use std::path::Path;

use serde_json::Value as Json;

/// Every case of every `.ndjson` file of `dir` (`vectors/validate`), in file and line order.
pub fn cases(dir: &Path) -> Vec<Json> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
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
/// compare as numbers.
pub fn matches(want: &Json, got: &Json, at: &str) -> Result<(), String> {
    match (want, got) {
        (Json::Object(w), Json::Object(g)) => w.iter().try_for_each(|(k, v)| match g.get(k) {
            Some(gv) => matches(v, gv, &format!("{at}.{k}")),
            None => Err(format!("{at}.{k}: missing")),
        }),
        (Json::Array(w), Json::Array(g)) if w.len() == g.len() => w
            .iter()
            .zip(g)
            .enumerate()
            .try_for_each(|(i, (w, g))| matches(w, g, &format!("{at}[{i}]"))),
        (Json::Number(w), Json::Number(g)) if w.as_f64() == g.as_f64() => Ok(()),
        _ if want == got => Ok(()),
        _ => Err(format!("{at}: expected {want}, got {got}")),
    }
}
