//! Arbitrary records through the C writer (`ucifi_writer_init`, `ucifi_writer_add_record`, `ucifi_writer_count`,
//! `ucifi_writer_encoded_len`, `ucifi_writer_finish` of crate ucifi-ffi, called as Rust functions), against the core's
//! encoder with the built-in registry. In the size-first build (FUZZING.md) a TLV writer is the C API's own
//! (bindings/c/src/tlv_lean), so this compares two implementations of the TLV rules.
//!
//! Input: the format (TLV, SenML-CBOR, LwM2M-CBOR, SenML-JSON), the request path (from a few real ones, or none), a
//! slot count, then records of arbitrary paths (1 to 4 ids, reserved ids too), type codes (the resource's, another
//! one, or none) and values with extremes. Checks, after each add: the call's code is what the core's
//! `format::encoded_len` says of the records kept so far plus this one (OK, or its error's kind), `WRITER_FULL` once
//! the slots are used up, and a refused record leaves the writer unchanged; at the end, `count`, `encoded_len` and
//! the bytes of `finish` equal the core's `encode` of the kept records, and a buffer one byte short gives
//! `BUFFER_TOO_SMALL`. Then the records go out in frames of the input's budget: each `finish_fit` gives the frame, its
//! length and record count that the core's `lorawan::fit_frame` gives for the same records (`BUFFER_TOO_SMALL` when
//! none fits), and `ucifi_writer_discard` of that count leaves what the core has left. Never `UCIFI_RESULT_PANIC`.
#![no_main]

use std::mem::MaybeUninit;

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use ucifi_c::{
    ucifi_bytes, ucifi_format, ucifi_objlnk, ucifi_path, ucifi_record, ucifi_str, ucifi_value,
    ucifi_writer, ucifi_writer_add_record, ucifi_writer_count, ucifi_writer_discard,
    ucifi_writer_encoded_len, ucifi_writer_finish, ucifi_writer_finish_fit, ucifi_writer_init,
    ucifi_writer_slot, UCIFI_FORMAT_LWM2M_CBOR, UCIFI_FORMAT_SENML_CBOR, UCIFI_FORMAT_SENML_JSON,
    UCIFI_FORMAT_TLV, UCIFI_RESULT_BUFFER_TOO_SMALL, UCIFI_RESULT_OK, UCIFI_RESULT_PANIC,
    UCIFI_RESULT_WRITER_FULL,
};
use ucifi_codec::format::{self, Format};
use ucifi_codec::lorawan::fit::{fit_frame, Budget, FitFormat};
use ucifi_codec::{ObjLnk, Path, Record, Registry, Value};

/// The formats with a writer, and their C codes.
const FORMATS: [(Format, ucifi_format); 4] = [
    (Format::Tlv, UCIFI_FORMAT_TLV),
    (Format::SenmlCbor, UCIFI_FORMAT_SENML_CBOR),
    (Format::Lwm2mCbor, UCIFI_FORMAT_LWM2M_CBOR),
    (Format::SenmlJson, UCIFI_FORMAT_SENML_JSON),
];

/// Request paths: objects, instances, a resource and a resource instance of real objects (water meter, lamp
/// controller, Device), and none.
const PATHS: [Option<&str>; 7] = [
    None,
    Some("/3424"),
    Some("/3424/0"),
    Some("/3411/1"),
    Some("/3/0"),
    Some("/3424/0/1"),
    Some("/3424/0/1/0"),
];

/// Ids the records draw from: real objects and resources, 0, a 16-bit id and the reserved 65535.
const IDS: [u16; 12] = [3424, 3411, 3, 0, 1, 2, 4, 11, 5518, 300, 65534, 65535];

#[derive(Arbitrary, Debug)]
struct Case {
    format: u8,
    path: u8,
    /// Slots of the writer (0 to 15).
    slots: u8,
    /// The payload budget of the frames `finish_fit` packs (0 to 255 bytes).
    budget: u8,
    records: Vec<Rec>,
}

#[derive(Arbitrary, Debug)]
struct Rec {
    /// Path length 1 to 4 (modulo), and each id as an index into `IDS` or, above its length, the byte itself.
    len: u8,
    ids: [u8; 4],
    /// The type code: 1 to 10 (modulo 11; 0 is refused by the C API and the core alike as an unknown type).
    code: u8,
    value: Seed,
    time: Option<i32>,
}

/// Raw material for a value of the record's type code.
#[derive(Arbitrary, Debug)]
enum Seed {
    Int(i64),
    Small(i8),
    Float(u64),
    Text(String),
    Bytes(Vec<u8>),
}

/// The record's path, core value and C value (text and bytes point into `seed`, which outlives both).
fn record(r: &Rec) -> (ucifi_path, u8, Value<'_>, ucifi_value) {
    let id = |b: u8| IDS.get(usize::from(b)).copied().unwrap_or(u16::from(b));
    let len = r.len % 4 + 1;
    let mut ids = [0u16; 4];
    for (k, slot) in ids.iter_mut().enumerate().take(usize::from(len)) {
        *slot = id(r.ids[k]);
    }
    let path = ucifi_path { ids, len };
    let code = r.code % 10 + 1;
    let bits = match r.value {
        Seed::Int(x) => x as u64,
        Seed::Small(x) => x as i64 as u64,
        Seed::Float(b) => b,
        Seed::Text(ref s) => s.len() as u64,
        Seed::Bytes(ref b) => b.len() as u64,
    };
    let (text, bytes): (&str, &[u8]) = match r.value {
        Seed::Text(ref s) => (s.as_str(), s.as_bytes()),
        Seed::Bytes(ref b) => ("", b.as_slice()),
        _ => ("", &[]),
    };
    let str_value = ucifi_value {
        string: ucifi_str {
            data: text.as_ptr().cast(),
            len: text.len(),
        },
    };
    let (value, c) = match code {
        1 => (Value::String(text), str_value),
        2 => (
            Value::Integer(bits as i64),
            ucifi_value {
                integer: bits as i64,
            },
        ),
        3 => (Value::Unsigned(bits), ucifi_value { uinteger: bits }),
        4 => (
            Value::Float(f64::from_bits(bits)),
            ucifi_value {
                floating: f64::from_bits(bits),
            },
        ),
        5 => (
            Value::Boolean(bits & 1 == 1),
            ucifi_value {
                boolean: bits & 1 == 1,
            },
        ),
        6 => (
            Value::Opaque(bytes),
            ucifi_value {
                bytes: ucifi_bytes {
                    data: bytes.as_ptr(),
                    len: bytes.len(),
                },
            },
        ),
        7 => (Value::Time(bits as i64), ucifi_value { time: bits as i64 }),
        8 => {
            let (object, instance) = ((bits >> 16) as u16, bits as u16);
            (
                Value::ObjLnk(ObjLnk { object, instance }),
                ucifi_value {
                    objlnk: ucifi_objlnk { object, instance },
                },
            )
        }
        9 => (Value::CoreLnk(text), str_value),
        _ => (Value::None, ucifi_value { uinteger: 0 }),
    };
    (path, code, value, c)
}

fuzz_target!(|case: Case| {
    let (fmt, fmt_code) = FORMATS[usize::from(case.format) % FORMATS.len()];
    let path_text = PATHS[usize::from(case.path) % PATHS.len()];
    let c_path = path_text.map(|p| std::ffi::CString::new(p).expect("no NUL in a path"));
    let request: Option<Path> = path_text.map(|p| p.parse().expect("a valid path"));
    let cap = usize::from(case.slots % 16);

    // SAFETY: the writer and its slots are plain integers and pointers: zeroed memory is a valid value of them
    // (init sets them up; an uninitialised writer is only refused).
    let mut w: ucifi_writer = unsafe { MaybeUninit::zeroed().assume_init() };
    let mut slots: Vec<ucifi_writer_slot> = (0..cap.max(1))
        // SAFETY: as above.
        .map(|_| unsafe { MaybeUninit::zeroed().assume_init() })
        .collect();
    let path_ptr = c_path.as_ref().map_or(std::ptr::null(), |p| p.as_ptr());
    // SAFETY: a writer and `cap` slots of ours, a NUL-terminated path or NULL.
    let rc = unsafe { ucifi_writer_init(&mut w, fmt_code, path_ptr, slots.as_mut_ptr(), cap) };
    assert_ne!(rc, UCIFI_RESULT_PANIC);
    if rc != UCIFI_RESULT_OK {
        // Only what the core's encoder also refuses for no records: the format and request path.
        let want = format::encoded_len(fmt, &[], request.as_ref(), &Registry);
        let want = want.map_or_else(|e| i32::from(e.kind().code()), |_| UCIFI_RESULT_OK);
        assert_eq!(rc, want, "init of {fmt:?} at {path_text:?}");
        return;
    }

    let mut kept: Vec<Record<'_>> = Vec::new();
    for r in &case.records {
        let (path, code, value, c_value) = record(r);
        let time = r.time.map(f64::from);
        let rec = ucifi_record {
            path,
            data_type: code,
            unknown: false,
            has_time: time.is_some(),
            time: time.unwrap_or(0.0),
            value: c_value,
            name: ucifi_str {
                data: std::ptr::null(),
                len: 0,
            },
            unit: ucifi_str {
                data: std::ptr::null(),
                len: 0,
            },
        };
        // SAFETY: a writer set up above; the record and what it points to (in `case`) outlive the writer's use.
        let rc = unsafe { ucifi_writer_add_record(&mut w, &rec) };
        assert_ne!(rc, UCIFI_RESULT_PANIC);
        let want = match Path::from_ids(&path.ids[..usize::from(path.len)]) {
            // The C API reads any path of 1 to 4 ids (the reserved id too), as `Path::from_ids` does.
            None => panic!("path {path:?} not readable"),
            Some(_) if kept.len() >= cap => UCIFI_RESULT_WRITER_FULL,
            Some(p) => {
                let mut candidate = kept.clone();
                candidate.push(Record {
                    path: p,
                    value,
                    resource: None,
                    time,
                });
                match format::encoded_len(fmt, &candidate, request.as_ref(), &Registry) {
                    Ok(_) => {
                        kept = candidate;
                        UCIFI_RESULT_OK
                    }
                    Err(e) => i32::from(e.kind().code()),
                }
            }
        };
        assert_eq!(
            rc, want,
            "add of {r:?} to {fmt:?} at {path_text:?} after {kept:?}"
        );
    }

    let mut count = 0usize;
    // SAFETY: a writer set up above, an out pointer of ours.
    assert_eq!(
        unsafe { ucifi_writer_count(&w, &mut count) },
        UCIFI_RESULT_OK
    );
    assert_eq!(count, kept.len());
    let want = format::encode_to_vec(fmt, &kept, request.as_ref(), &Registry)
        .unwrap_or_else(|e| panic!("the kept records do not encode: {e:?}"));
    let mut len = 0usize;
    // SAFETY: as above.
    assert_eq!(
        unsafe { ucifi_writer_encoded_len(&w, &mut len) },
        UCIFI_RESULT_OK
    );
    assert_eq!(len, want.len());
    let mut out = vec![0u8; want.len()];
    // SAFETY: `out` is writable for its length.
    let rc = unsafe { ucifi_writer_finish(&w, out.as_mut_ptr(), out.len(), &mut len) };
    assert_eq!(rc, UCIFI_RESULT_OK);
    assert_eq!(len, want.len());
    assert_eq!(out, want, "finish of {fmt:?} at {path_text:?}: {kept:?}");
    if let Some(short) = want.len().checked_sub(1) {
        // SAFETY: as above, for one byte less.
        let rc = unsafe { ucifi_writer_finish(&w, out.as_mut_ptr(), short, &mut len) };
        assert_eq!(rc, UCIFI_RESULT_BUFFER_TOO_SMALL);
    }

    // The frames of `budget` bytes, until every record went out or one does not fit on its own.
    let cap = usize::from(case.budget);
    let mut left = kept;
    while !left.is_empty() {
        let mut frame = vec![0u8; cap];
        let (mut len, mut count) = (0usize, 0usize);
        // SAFETY: a writer set up above; `frame` writable for `cap` bytes; out pointers of ours.
        let rc = unsafe {
            ucifi_writer_finish_fit(&mut w, frame.as_mut_ptr(), cap, &mut len, &mut count)
        };
        let mut want_frame = vec![0u8; cap];
        let fitted = fit_frame(
            &mut left,
            FitFormat::Fixed(fmt),
            request.as_ref(),
            &Registry,
            Budget::bytes(cap),
            &mut want_frame,
        );
        let fitted = match fitted {
            Ok(f) if f.taken > 0 => f,
            Ok(_) => {
                assert_eq!(
                    rc, UCIFI_RESULT_BUFFER_TOO_SMALL,
                    "finish_fit of {fmt:?} in {cap} B"
                );
                break;
            }
            Err(e) => {
                assert_eq!(
                    rc,
                    i32::from(e.kind().code()),
                    "finish_fit of {fmt:?} in {cap} B"
                );
                break;
            }
        };
        assert_eq!(
            rc, UCIFI_RESULT_OK,
            "finish_fit of {fmt:?} in {cap} B: {left:?}"
        );
        assert_eq!(
            (len, count),
            (fitted.len, fitted.taken),
            "{fmt:?} in {cap} B"
        );
        assert_eq!(frame[..len], want_frame[..len], "{fmt:?} in {cap} B");
        // SAFETY: a writer set up above.
        assert_eq!(
            unsafe { ucifi_writer_discard(&mut w, count) },
            UCIFI_RESULT_OK
        );
        left.drain(..count);
        let mut n = 0usize;
        // SAFETY: as above.
        assert_eq!(unsafe { ucifi_writer_count(&w, &mut n) }, UCIFI_RESULT_OK);
        assert_eq!(n, left.len());
    }
});
