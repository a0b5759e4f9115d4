//! Runs every case of every file under `vectors/` through the core: decode (records or error), canonical re-encode
//! where `roundtrip` is set, and encode cases.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failed test

use std::path::Path as FsPath;

use serde_json::{json, Value as Json};
use ucifi_codec::format::{self, Format};
use ucifi_codec::json::RecordInput;
use ucifi_codec::lorawan::port::PortTable;
use ucifi_codec::registry::DdfModel;
use ucifi_codec::{Error, Path};

fn error_json(e: Error) -> Json {
    json!({"kind": e.kind().name(), "offset": e.offset()})
}

/// Our record JSON without the registry-derived fields the vectors leave out.
fn strip(mut v: Json) -> Json {
    if let Some(m) = v.as_object_mut() {
        m.remove("name");
        m.remove("unit");
    }
    v
}

fn records_in(case: &Json, model: &DdfModel) -> Result<Vec<ucifi_codec::OwnedRecord>, Error> {
    let list = case["records"].as_array().cloned().unwrap_or_default();
    list.iter()
        .enumerate()
        .map(|(i, r)| {
            let input: RecordInput = serde_json::from_value(r.clone())
                .map_err(|_| Error::new(ucifi_codec::ErrorKind::InvalidRecord, i))?;
            input.resolve(model, i)
        })
        .collect()
}

enum Failure {
    /// The codec returned an error (compared with the expected one).
    Codec(Error),
    /// The codec succeeded with the wrong result.
    Wrong(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Codec(e)
    }
}

/// Runs one case; `Ok(())` when it behaves as the vector says.
fn run_case(file_format: &str, case: &Json) -> Result<(), String> {
    let expected_error = case.get("error").cloned();
    let outcome = (|| -> Result<(), Failure> {
        let mut model = DdfModel::new();
        for doc in case["ddf"].as_array().into_iter().flatten() {
            model.load_str(doc.as_str().unwrap_or_default())?;
        }
        let (format, path): (Format, Option<Path>) = match case["fport"].as_u64() {
            Some(port) => u8::try_from(port)
                .ok()
                .and_then(|p| PortTable::default().lookup(p))
                .map(|e| (e.format, e.base))
                .ok_or(Error::new(ucifi_codec::ErrorKind::UnknownPort, 0))?,
            None => (
                case["format"].as_str().unwrap_or(file_format).parse()?,
                case["path"].as_str().map(str::parse).transpose()?,
            ),
        };
        if let Some(hex) = case["hex"].as_str() {
            let bytes = format::decode_hex(hex)?;
            let records = format::decode_owned(format, &bytes, path.as_ref(), &model)?;
            let got: Vec<Json> = records
                .iter()
                .map(|r| strip(serde_json::to_value(r.as_record_in(&model)).unwrap()))
                .collect();
            if got != case["records"].as_array().cloned().unwrap_or_default() {
                return Err(Failure::Wrong(format!(
                    "records differ:\n got      {}\n expected {}",
                    Json::from(got),
                    case["records"]
                )));
            }
            if case["roundtrip"] == json!(true) {
                let owned = records_in(case, &model)?;
                let input: Vec<_> = owned.iter().map(|r| r.as_record()).collect();
                let encoded = format::encode_to_vec(format, &input, path.as_ref(), &model)?;
                let len = format::encoded_len(format, &input, path.as_ref(), &model)?;
                if hex::encode(&encoded) != hex || len != encoded.len() {
                    return Err(Failure::Wrong(format!(
                        "re-encode gives {} (encoded_len {len})",
                        hex::encode(&encoded)
                    )));
                }
            }
        } else {
            let owned = records_in(case, &model)?;
            let input: Vec<_> = owned.iter().map(|r| r.as_record()).collect();
            let size = case["buffer"].as_u64().map_or(4096, |b| b as usize);
            let mut buf = vec![0u8; size];
            format::encode(format, &input, path.as_ref(), &model, &mut buf)?;
        }
        Ok(())
    })();
    let outcome = match outcome {
        Err(Failure::Wrong(msg)) => return Err(msg),
        Err(Failure::Codec(e)) => Err(e),
        Ok(()) => Ok(()),
    };
    match (outcome, expected_error) {
        (Ok(()), None) => Ok(()),
        (Ok(()), Some(e)) => Err(format!("expected error {e}, got success")),
        (Err(e), None) => Err(format!("unexpected error {}", error_json(e))),
        (Err(e), Some(want)) if error_json(e) == want => Ok(()),
        (Err(e), Some(want)) => Err(format!("expected error {want}, got {}", error_json(e))),
    }
}

#[test]
fn every_vector_case() {
    let root = FsPath::new(env!("CARGO_MANIFEST_DIR")).join("../vectors");
    let files = ucifi_testkit::vector_files(&root);
    let (mut cases, mut failures) = (0usize, Vec::new());
    for file in &files {
        let doc: Json = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let file_format = doc["format"].as_str().unwrap();
        for case in doc["cases"].as_array().unwrap() {
            cases += 1;
            if let Err(msg) = run_case(file_format, case) {
                failures.push(format!("{}: {}: {msg}", file.display(), case["id"]));
            }
        }
    }
    assert!(cases > 0, "no vector cases found under {}", root.display());
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("{cases} vector cases passed");
}

#[test]
fn every_error_kind_has_a_vector_case() {
    let root = FsPath::new(env!("CARGO_MANIFEST_DIR")).join("../vectors");
    let files = ucifi_testkit::vector_files(&root);
    let mut seen = std::collections::BTreeSet::new();
    for file in &files {
        let doc: Json = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        for case in doc["cases"].as_array().unwrap() {
            if let Some(kind) = case["error"]["kind"].as_str() {
                seen.insert(kind.to_string());
            }
        }
    }
    let missing: Vec<_> = ucifi_codec::ErrorKind::ALL
        .iter()
        .map(|k| k.name())
        .filter(|n| !seen.contains(*n))
        .collect();
    assert!(
        missing.is_empty(),
        "error kinds without a negative vector case: {missing:?}"
    );
}
