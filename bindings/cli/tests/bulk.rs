//! `ucifi decode --tts / --chirpstack`: every decode case of `vectors/` goes through a network-server export and must
//! give the case's records (or its error, as an error row); then the export shapes, gzip, CSV and Parquet output,
//! and the refusal of the other server's export.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failed test

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Output;

use base64::Engine as _;
use serde_json::{json, Value as Json};

fn ucifi(args: &[&str]) -> Output {
    ucifi_testkit::run_with_stdin(
        env!("CARGO_BIN_EXE_ucifi"),
        &args.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
        b"",
    )
    .unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ucifi-cli-bulk-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn b64(hex_text: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(hex::decode(hex_text).unwrap())
}

/// A TTS storage-integration line carrying `payload` (hex) on `fport`.
fn tts_line(i: usize, fport: u64, payload: &str) -> String {
    json!({"result": {
        "end_device_ids": {"device_id": format!("dev-{i}"), "dev_eui": format!("70B3D57ED0{i:06X}"),
                           "application_ids": {"application_id": "city"}},
        "received_at": "2026-03-04T05:06:07.123456789Z",
        "uplink_message": {"f_port": fport, "f_cnt": i, "frm_payload": b64(payload),
                           "rx_metadata": [{"gateway_ids": {"gateway_id": "gw-1"}, "rssi": -101, "snr": 7.5}],
                           "settings": {"data_rate": {"lora": {"bandwidth": 125000, "spreading_factor": 12}}}}
    }})
    .to_string()
}

/// NDJSON stdout as rows grouped by frame number.
fn rows_by_frame(out: &Output) -> BTreeMap<u64, Vec<Json>> {
    let mut by_frame: BTreeMap<u64, Vec<Json>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let row: Json = serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}"));
        by_frame
            .entry(row["frame"].as_u64().unwrap())
            .or_default()
            .push(row);
    }
    by_frame
}

/// What a case expects of its uplink's rows, written as the rows give it.
fn expected(case: &Json) -> Json {
    match case.get("error") {
        Some(e) => json!([{"error": {"kind": e["kind"], "offset": e["offset"]}}]),
        None => case["records"].clone(),
    }
}

/// The rows reduced to what a case states (record fields without name and unit, or the error's kind and offset).
fn reduced(rows: Option<&Vec<Json>>) -> Json {
    let reduce = |row: &Json| {
        let mut row = row.as_object().unwrap().clone();
        for key in [
            "frame",
            "device_id",
            "dev_eui",
            "device_name",
            "received_at",
            "fport",
            "f_cnt",
            "name",
            "unit",
        ] {
            row.remove(key);
        }
        if let Some(e) = row.get_mut("error").and_then(Json::as_object_mut) {
            e.remove("message");
        }
        Json::Object(row)
    };
    Json::from(
        rows.map(|r| r.iter().map(reduce).collect::<Vec<_>>())
            .unwrap_or_default(),
    )
}

#[test]
fn every_vector_decode_case_through_an_export() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../vectors");
    // Cases grouped by how the export is read: by fPort, or one format at one path.
    let mut groups: BTreeMap<(String, String), Vec<Json>> = BTreeMap::new();
    for file in ucifi_testkit::vector_files(&root) {
        let doc: Json = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let file_format = doc["format"].as_str().unwrap().to_string();
        for case in doc["cases"].as_array().unwrap() {
            if case.get("hex").is_none()
                || case.get("ddf").is_some()
                || case["error"]["kind"] == "INVALID_HEX"
            {
                continue; // encode cases; vendor DDF cases are the plain decode's tests; exports carry base64
            }
            let format = case["format"].as_str().unwrap_or(&file_format).to_string();
            let path = case["path"].as_str().unwrap_or("").to_string();
            groups.entry((format, path)).or_default().push(case.clone());
        }
    }
    let (mut checked, mut failures) = (0usize, Vec::new());
    for ((format, path), cases) in &groups {
        let export: String = cases
            .iter()
            .enumerate()
            .map(|(i, c)| {
                tts_line(
                    i,
                    c["fport"].as_u64().unwrap_or(1),
                    c["hex"].as_str().unwrap(),
                ) + "\n"
            })
            .collect();
        let file = scratch(&format!("group-{checked}.ndjson"));
        std::fs::write(&file, export).unwrap();
        let mut args = vec!["decode", "--tts", file.to_str().unwrap()];
        if format != "fport" {
            args.extend(["--format", format]);
            if !path.is_empty() {
                args.extend(["--path", path]);
            }
        }
        let out = ucifi(&args);
        checked += cases.len();
        if !out.status.success() {
            // The format name or the path is refused before any uplink is read: every case of the group says so.
            let e: Json = serde_json::from_slice(&out.stderr).unwrap_or_default();
            let got = json!({"kind": e["error"]["kind"], "offset": e["error"]["offset"]});
            for c in cases.iter().filter(|c| c.get("error") != Some(&got)) {
                failures.push(format!("{}: the run failed with {got}", c["id"]));
            }
            continue;
        }
        let rows = rows_by_frame(&out);
        for (i, c) in cases.iter().enumerate() {
            let got = reduced(rows.get(&(i as u64)));
            if got != expected(c) {
                failures.push(format!("{} ({format} {path}): got {got}", c["id"]));
            }
        }
    }
    ucifi_testkit::assert_none_failed(&failures, checked, "vector cases through --tts");
    assert!(checked > 500, "only {checked} cases");
}

#[test]
fn rows_carry_the_uplink_and_bad_messages_are_error_rows() {
    let water = "08000dc40141480000e4158e6553f100";
    let join = json!({"result": {"end_device_ids": {"device_id": "dev-9"}, "join_accept": {}}})
        .to_string();
    let export = format!(
        "{}\nnot json\n\n{join}\n{}\n",
        tts_line(1, 24, water),
        tts_line(2, 24, "08")
    );
    let file = scratch("mixed.ndjson");
    std::fs::write(&file, &export).unwrap();
    let out = ucifi(&["decode", "--tts", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = rows_by_frame(&out);
    let first = &rows[&0][0];
    assert_eq!(first["device_id"], "dev-1");
    assert_eq!(first["dev_eui"], "70b3d57ed0000001");
    assert_eq!(first["received_at"], "2026-03-04T05:06:07.123456789Z");
    assert_eq!(
        (first["fport"].as_u64(), first["f_cnt"].as_u64()),
        (Some(24), Some(1))
    );
    assert_eq!(first["name"], "Cumulated water volume");
    assert_eq!(first["unit"], "m3");
    assert_eq!(rows[&0].len(), 2);
    // Line 2 is not JSON: one error row at its byte offset in the file; the join (message 2) gives no rows.
    let bad_at = export.find("not json").unwrap() + 1; // serde_json reads `n` as the start of `null`
    assert_eq!(
        rows[&1],
        vec![
            json!({"frame": 1, "error": {"kind": "INVALID_JSON", "offset": bad_at,
        "message": rows[&1][0]["error"]["message"]}})
        ]
    );
    assert!(!rows.contains_key(&2));
    assert_eq!(rows[&3][0]["error"]["kind"], "UNEXPECTED_END");
    assert_eq!(rows[&3][0]["device_id"], "dev-2");
}

#[test]
fn gzip_arrays_and_the_other_servers_export() {
    let event = |i: u64| {
        json!({"deduplicationId": "d", "time": "2026-03-04T05:06:07Z",
               "deviceInfo": {"deviceName": format!("Lamp {i}"), "devEui": "AABBCCDDEEFF0011"},
               "fCnt": i, "fPort": 101, "data": b64("81a2006c2f333331312f302f3538353004f5"), "rxInfo": []})
    };
    let array = Json::from(vec![event(1), event(2)]).to_string();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(array.as_bytes()).unwrap();
    let file = scratch("events.json.gz");
    std::fs::write(&file, gz.finish().unwrap()).unwrap();
    let out = ucifi(&["decode", "--chirpstack", file.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = rows_by_frame(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[&1][0]["device_name"], "Lamp 2");
    assert_eq!(rows[&1][0]["dev_eui"], "aabbccddeeff0011");
    assert_eq!(rows[&1][0]["path"], "/3311/0/5850");
    assert_eq!(rows[&1][0]["value"], true);

    let out = ucifi(&["decode", "--tts", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let e: Json = serde_json::from_slice(&out.stderr).unwrap();
    assert!(
        e["error"]["message"]
            .as_str()
            .unwrap()
            .contains("read this export as chirpstack"),
        "{e}"
    );
}

#[test]
fn csv_and_parquet_hold_the_same_rows() {
    let export = format!(
        "{}\n{}\n",
        tts_line(0, 24, "08000dc40141480000e4158e6553f100"),
        tts_line(1, 200, "00")
    );
    let file = scratch("two.ndjson");
    std::fs::write(&file, export).unwrap();
    let csv_path = scratch("two.csv");
    let out = ucifi(&[
        "decode",
        "--tts",
        file.to_str().unwrap(),
        "--out",
        csv_path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&csv_path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0]
        .starts_with("frame,device_id,dev_eui,device_name,received_at,fport,f_cnt,path,object,"));
    assert_eq!(
        lines[1],
        "0,dev-0,70b3d57ed0000000,dev-0,2026-03-04T05:06:07.123456789Z,24,0,/3424/0/1,3424,0,1,,\
         Cumulated water volume,m3,float,,,12.5,,,,,,"
    );
    assert!(lines[3].ends_with(",UNKNOWN_PORT,0"), "{}", lines[3]);

    let parquet_path = scratch("two.parquet");
    let out = ucifi(&[
        "decode",
        "--tts",
        file.to_str().unwrap(),
        "--out",
        parquet_path.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(
        std::fs::File::open(&parquet_path).unwrap(),
    )
    .unwrap()
    .build()
    .unwrap();
    let batches: Vec<_> = reader.map(Result::unwrap).collect();
    let batch = arrow_select_concat(&batches);
    assert_eq!(batch.num_rows(), 3);
    let col = |name: &str| batch.column_by_name(name).unwrap().clone();
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float64Type, Int64Type, TimestampNanosecondType, UInt8Type};
    assert_eq!(
        col("value_float").as_primitive::<Float64Type>().value(0),
        12.5
    );
    assert_eq!(
        col("value_int").as_primitive::<Int64Type>().value(1),
        1_700_000_000
    );
    assert_eq!(
        col("received_at")
            .as_primitive::<TimestampNanosecondType>()
            .value(0),
        1_772_600_767_123_456_789
    );
    assert_eq!(col("fport").as_primitive::<UInt8Type>().value(2), 200);
    assert_eq!(
        col("error_kind").as_string::<i32>().value(2),
        "UNKNOWN_PORT"
    );
    assert!(col("error_kind").is_null(0));
}

/// The one batch a small file holds.
fn arrow_select_concat(batches: &[arrow_array::RecordBatch]) -> arrow_array::RecordBatch {
    assert_eq!(batches.len(), 1, "a three-row file is one batch");
    batches[0].clone()
}

#[test]
fn bad_arguments_are_refused_before_reading() {
    let file = scratch("empty.ndjson");
    std::fs::write(&file, "").unwrap();
    let out = ucifi(&[
        "decode",
        "--tts",
        file.to_str().unwrap(),
        "--out",
        "rows.xlsx",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out takes FILE.csv, FILE.parquet"));
    let out = ucifi(&["decode", "--tts", "/nonexistent/export.ndjson"]);
    assert_eq!(out.status.code(), Some(1));
    let out = ucifi(&["decode", "--tts", file.to_str().unwrap(), "0a0b"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "a frame and an export together is a usage error"
    );
}
