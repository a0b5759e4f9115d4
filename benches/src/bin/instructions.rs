//! Fixed-iteration harness for instruction counts under callgrind (see `benches/callgrind.sh`).
//!
//! ```text
//! instructions <operation> <iterations>
//! ```
//!
//! Operations:
//!
//! - `empty`: the loop and one opaque call doing nothing; the baseline subtracted from the others.
//! - `tlv-decode-device`, `tlv-decode-ucifi`: `tlv::decode`, then iterate every record.
//! - `tlv-decode-into-device`, `tlv-decode-into-ucifi`: `tlv::decode_into` a stack array.
//! - `tlv-encode-device`, `tlv-encode-ucifi`: `tlv::encode` into a stack buffer.
//! - `senml-decode-each-device`, `senml-decode-each-ucifi`: `senml::decode_each` (what the host front ends
//!   call through `format::decode_each`), each record handed to `black_box`.
//! - `senml-decode-*`, `senml-decode-into-*`, `senml-encode-*` and `lwm2m-cbor-decode-*`,
//!   `lwm2m-cbor-decode-into-*`, `lwm2m-cbor-encode-*` (each `-device` and `-ucifi`): the same three
//!   calls for SenML-CBOR (the 196-byte Device example; the uCIFI reading as our encoder writes it)
//!   and LwM2M-CBOR (both written by our encoder), request path `/3/0` or `/3424`.
//! - `lwm2m-cbor-decode-16000-*`, `tlv-decode-16000-*`, `senml-decode-16000-*` (each `-descending`,
//!   `-ascending`, `-shuffled`): decode and iterate the large payloads of the duplicate-check bench
//!   (`ucifi_benches::keys`: 16 000 records, 63 729 / 63 744 / 148 904 bytes). The `-shuffled` ones
//!   keep their out-of-order records in a vector (the core is built with `alloc`, as on hosts): they
//!   are exempt from the allocation check, and the count is printed.
//! - `peer-ciborium-senml-device`: the serde-based peer (`ucifi_benches::peer::decode_senml`:
//!   ciborium into `Vec<SenmlRecord>`, names resolved) on the 196-byte SenML-CBOR Device example.
//! - `peer-ciborium-value-device`: ciborium's generic parse of the same bytes into `ciborium::Value`.
//! - `alloc-control`: allocates on every call; the negative control of the allocation check (it
//!   always exits with status 2).
//!
//! Inputs are built before the loop, the same way for any iteration count, so a run with 0
//! iterations measures everything but the loop. Each operation is called once before the loop and
//! must return the expected record count or frame length (else exit status 3).
//!
//! No clock is read and no float is printed. Our calls must not allocate: the program counts
//! allocation calls around them and exits with status 2 if there was one. The peers (`peer-*`)
//! and the shuffled payloads (`*-shuffled`) allocate by design and are exempt. It prints `<operation> <iterations> <checksum> <allocations>`
//! (integers only; allocations counted in the loop and the check call before it).

use std::hint::black_box;
use std::process::ExitCode;

use ucifi_benches::keys::{keys_path, tlv_keys_path};
use ucifi_benches::{
    allocations, assert_counting, device_lwm2m_cbor, device_records, lwm2m_cbor_keys, peer,
    senml_cbor_keys, tlv_keys, ucifi_frame, ucifi_lwm2m_cbor, ucifi_records, ucifi_senml_cbor,
    CountingAllocator, Order, DEVICE_PATH, DEVICE_RECORDS, DEVICE_SENML_CBOR, DEVICE_TLV,
    EMPTY_RECORD, FRAME_CAPACITY, KEYS, MAX_RECORDS, UCIFI_PATH, UCIFI_RECORDS,
};
use ucifi_codec::{lwm2m_cbor, senml, tlv, Path, Record, Registry};

#[global_allocator]
static ALLOC: CountingAllocator = CountingAllocator;

/// The operations, by command-line name.
const OPERATIONS: [&str; 33] = [
    "alloc-control",
    "empty",
    "tlv-decode-device",
    "tlv-decode-ucifi",
    "tlv-decode-into-device",
    "tlv-decode-into-ucifi",
    "tlv-encode-device",
    "tlv-encode-ucifi",
    "senml-decode-device",
    "senml-decode-ucifi",
    "senml-decode-into-device",
    "senml-decode-into-ucifi",
    "senml-decode-each-device",
    "senml-decode-each-ucifi",
    "senml-encode-device",
    "senml-encode-ucifi",
    "lwm2m-cbor-decode-device",
    "lwm2m-cbor-decode-ucifi",
    "lwm2m-cbor-decode-into-device",
    "lwm2m-cbor-decode-into-ucifi",
    "lwm2m-cbor-encode-device",
    "lwm2m-cbor-encode-ucifi",
    "lwm2m-cbor-decode-16000-descending",
    "lwm2m-cbor-decode-16000-ascending",
    "lwm2m-cbor-decode-16000-shuffled",
    "tlv-decode-16000-descending",
    "tlv-decode-16000-ascending",
    "tlv-decode-16000-shuffled",
    "senml-decode-16000-descending",
    "senml-decode-16000-ascending",
    "senml-decode-16000-shuffled",
    "peer-ciborium-senml-device",
    "peer-ciborium-value-device",
];

/// Baseline: the same call shape as the codec operations, doing nothing but returning a length.
#[inline(never)]
fn empty(bytes: &[u8], _path: &Path) -> usize {
    bytes.len()
}

/// Negative control for the allocation check: allocates on every call, so the program must exit with status 2.
#[inline(never)]
fn alloc_control(bytes: &[u8], _path: &Path) -> usize {
    *black_box(Box::new(bytes.len()))
}

/// Decode, then iterate every record (each record goes through `black_box`); returns the record count.
#[inline(never)]
fn decode_iterate(bytes: &[u8], path: &Path) -> usize {
    let Ok(records) = tlv::decode(bytes, path, &Registry) else {
        return usize::MAX;
    };
    let mut n = 0;
    for r in records {
        black_box(&r);
        n += 1;
    }
    n
}

/// Decode in one pass into a stack array; returns the record count.
#[inline(never)]
fn decode_into(bytes: &[u8], path: &Path) -> usize {
    let mut out = [EMPTY_RECORD; MAX_RECORDS];
    let n = tlv::decode_into(bytes, path, &Registry, &mut out).unwrap_or(usize::MAX);
    black_box(&out);
    n
}

/// Encode into a stack buffer; returns the frame length.
#[inline(never)]
fn encode(records: &[Record<'_>], path: &Path) -> usize {
    let mut buf = [0u8; 160];
    let n = tlv::encode(records, path, &Registry, &mut buf).map_or(usize::MAX, <[u8]>::len);
    black_box(&buf);
    n
}

/// SenML-CBOR: decode, then iterate every record; returns the record count.
#[inline(never)]
fn senml_decode_iterate(bytes: &[u8], path: &Path) -> usize {
    let Ok(records) = senml::decode(bytes, Some(path), &Registry) else {
        return usize::MAX;
    };
    let mut n = 0;
    for r in records {
        black_box(&r);
        n += 1;
    }
    n
}

/// SenML-CBOR: `decode_each` (what the host front ends call, through `format::decode_each`), each record through
/// `black_box`; returns the record count.
#[inline(never)]
fn senml_decode_each(bytes: &[u8], path: &Path) -> usize {
    senml::decode_each(bytes, Some(path), &Registry, |r| {
        black_box(&r);
    })
    .unwrap_or(usize::MAX)
}

/// SenML-CBOR: decode in one pass into a stack array; returns the record count.
#[inline(never)]
fn senml_decode_into(bytes: &[u8], path: &Path) -> usize {
    let mut out = [EMPTY_RECORD; MAX_RECORDS];
    let n = senml::decode_into(bytes, Some(path), &Registry, &mut out).unwrap_or(usize::MAX);
    black_box(&out);
    n
}

/// SenML-CBOR: encode into a stack buffer; returns the pack length.
#[inline(never)]
fn senml_encode(records: &[Record<'_>], path: &Path) -> usize {
    let mut buf = [0u8; FRAME_CAPACITY];
    let n = senml::encode(records, Some(path), &Registry, &mut buf).map_or(usize::MAX, <[u8]>::len);
    black_box(&buf);
    n
}

/// LwM2M-CBOR: decode, then iterate every record; returns the record count.
#[inline(never)]
fn lwm2m_cbor_decode_iterate(bytes: &[u8], path: &Path) -> usize {
    let Ok(records) = lwm2m_cbor::decode(bytes, Some(path), &Registry) else {
        return usize::MAX;
    };
    let mut n = 0;
    for r in records {
        black_box(&r);
        n += 1;
    }
    n
}

/// LwM2M-CBOR: decode in one pass into a stack array; returns the record count.
#[inline(never)]
fn lwm2m_cbor_decode_into(bytes: &[u8], path: &Path) -> usize {
    let mut out = [EMPTY_RECORD; MAX_RECORDS];
    let n = lwm2m_cbor::decode_into(bytes, Some(path), &Registry, &mut out).unwrap_or(usize::MAX);
    black_box(&out);
    n
}

/// LwM2M-CBOR: encode into a stack buffer; returns the frame length.
#[inline(never)]
fn lwm2m_cbor_encode(records: &[Record<'_>], path: &Path) -> usize {
    let mut buf = [0u8; FRAME_CAPACITY];
    let n = lwm2m_cbor::encode(records, Some(path), &Registry, &mut buf)
        .map_or(usize::MAX, <[u8]>::len);
    black_box(&buf);
    n
}

/// The serde-based peer: ciborium into `Vec<SenmlRecord>`, names resolved; returns the record count.
#[inline(never)]
fn peer_ciborium_senml(bytes: &[u8], _path: &Path) -> usize {
    peer::decode_senml(bytes).map_or(usize::MAX, |records| black_box(records).len())
}

/// ciborium's generic parse into `ciborium::Value`; returns the top-level array length.
#[inline(never)]
fn peer_ciborium_value(bytes: &[u8], _path: &Path) -> usize {
    match peer::parse_value(bytes) {
        Ok(ciborium::Value::Array(items)) => black_box(items).len(),
        _ => usize::MAX,
    }
}

/// Checks that one call of `f` returns `expected` (before any counting), then calls `f(input, path)` `iterations`
/// times, hiding both from the optimiser each time, and sums the results. `Err` with the wrong result.
fn run<T: ?Sized>(
    iterations: u64,
    input: &T,
    path: &Path,
    f: fn(&T, &Path) -> usize,
    expected: usize,
) -> Result<usize, usize> {
    let once = f(input, path);
    if once != expected {
        return Err(once);
    }
    let mut sum = 0usize;
    for _ in 0..iterations {
        sum = sum.wrapping_add(f(black_box(input), black_box(path)));
    }
    Ok(sum)
}

fn usage() -> ExitCode {
    eprintln!(
        "usage: instructions <operation> <iterations>\noperations: {}",
        OPERATIONS.join(" ")
    );
    ExitCode::from(64)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(op), Some(Ok(iterations)), 2) = (
        args.first(),
        args.get(1).map(|n| n.parse::<u64>()),
        args.len(),
    ) else {
        return usage();
    };
    if !OPERATIONS.contains(&op.as_str()) {
        return usage();
    }
    assert_counting();
    // Inputs, built whatever the operation and iteration count, so N = 0 runs subtract them exactly.
    let frame = ucifi_frame();
    let device = device_records();
    let ucifi = ucifi_records();
    let ucifi_senml = ucifi_senml_cbor();
    let device_lwm2m = device_lwm2m_cbor();
    let ucifi_lwm2m = ucifi_lwm2m_cbor();

    let (device_len, ucifi_len) = (DEVICE_TLV.len(), frame.as_bytes().len());
    let (senml, senml_ucifi) = (&DEVICE_SENML_CBOR[..], ucifi_senml.as_bytes());
    let (lwm2m, lwm2m_ucifi) = (device_lwm2m.as_bytes(), ucifi_lwm2m.as_bytes());
    // The large payloads: built only for their own operations (they take a while), in the same way for any
    // iteration count.
    let large = |build: fn(Order) -> Vec<u8>, format: &str| {
        Order::ALL
            .into_iter()
            .find(|o| op.as_str() == format!("{format}-decode-16000-{}", o.name()))
            .map_or_else(Vec::new, build)
    };
    let keys_lwm2m = large(lwm2m_cbor_keys, "lwm2m-cbor");
    let keys_tlv = large(tlv_keys, "tlv");
    let keys_senml = large(senml_cbor_keys, "senml");
    let (keys_path, tlv_keys_path) = (keys_path(), tlv_keys_path());

    let before = allocations();
    let sum = match op.as_str() {
        "alloc-control" => run(
            iterations,
            &DEVICE_TLV[..],
            &DEVICE_PATH,
            alloc_control,
            device_len,
        ),
        "empty" => run(iterations, &DEVICE_TLV[..], &DEVICE_PATH, empty, device_len),
        "tlv-decode-device" => run(
            iterations,
            &DEVICE_TLV[..],
            &DEVICE_PATH,
            decode_iterate,
            DEVICE_RECORDS,
        ),
        "tlv-decode-ucifi" => run(
            iterations,
            frame.as_bytes(),
            &UCIFI_PATH,
            decode_iterate,
            UCIFI_RECORDS,
        ),
        "tlv-decode-into-device" => run(
            iterations,
            &DEVICE_TLV[..],
            &DEVICE_PATH,
            decode_into,
            DEVICE_RECORDS,
        ),
        "tlv-decode-into-ucifi" => run(
            iterations,
            frame.as_bytes(),
            &UCIFI_PATH,
            decode_into,
            UCIFI_RECORDS,
        ),
        "tlv-encode-device" => run(iterations, &device[..], &DEVICE_PATH, encode, device_len),
        "tlv-encode-ucifi" => run(iterations, &ucifi[..], &UCIFI_PATH, encode, ucifi_len),
        "senml-decode-device" => run(
            iterations,
            senml,
            &DEVICE_PATH,
            senml_decode_iterate,
            DEVICE_RECORDS,
        ),
        "senml-decode-ucifi" => run(
            iterations,
            senml_ucifi,
            &UCIFI_PATH,
            senml_decode_iterate,
            UCIFI_RECORDS,
        ),
        "senml-decode-each-device" => run(
            iterations,
            senml,
            &DEVICE_PATH,
            senml_decode_each,
            DEVICE_RECORDS,
        ),
        "senml-decode-each-ucifi" => run(
            iterations,
            senml_ucifi,
            &UCIFI_PATH,
            senml_decode_each,
            UCIFI_RECORDS,
        ),
        "senml-decode-into-device" => run(
            iterations,
            senml,
            &DEVICE_PATH,
            senml_decode_into,
            DEVICE_RECORDS,
        ),
        "senml-decode-into-ucifi" => run(
            iterations,
            senml_ucifi,
            &UCIFI_PATH,
            senml_decode_into,
            UCIFI_RECORDS,
        ),
        "senml-encode-device" => run(
            iterations,
            &device[..],
            &DEVICE_PATH,
            senml_encode,
            senml.len(),
        ),
        "senml-encode-ucifi" => run(
            iterations,
            &ucifi[..],
            &UCIFI_PATH,
            senml_encode,
            senml_ucifi.len(),
        ),
        "lwm2m-cbor-decode-device" => run(
            iterations,
            lwm2m,
            &DEVICE_PATH,
            lwm2m_cbor_decode_iterate,
            DEVICE_RECORDS,
        ),
        "lwm2m-cbor-decode-ucifi" => run(
            iterations,
            lwm2m_ucifi,
            &UCIFI_PATH,
            lwm2m_cbor_decode_iterate,
            UCIFI_RECORDS,
        ),
        "lwm2m-cbor-decode-into-device" => run(
            iterations,
            lwm2m,
            &DEVICE_PATH,
            lwm2m_cbor_decode_into,
            DEVICE_RECORDS,
        ),
        "lwm2m-cbor-decode-into-ucifi" => run(
            iterations,
            lwm2m_ucifi,
            &UCIFI_PATH,
            lwm2m_cbor_decode_into,
            UCIFI_RECORDS,
        ),
        "lwm2m-cbor-encode-device" => run(
            iterations,
            &device[..],
            &DEVICE_PATH,
            lwm2m_cbor_encode,
            lwm2m.len(),
        ),
        "lwm2m-cbor-encode-ucifi" => run(
            iterations,
            &ucifi[..],
            &UCIFI_PATH,
            lwm2m_cbor_encode,
            lwm2m_ucifi.len(),
        ),
        o if o.starts_with("lwm2m-cbor-decode-16000-") => run(
            iterations,
            &keys_lwm2m[..],
            &keys_path,
            lwm2m_cbor_decode_iterate,
            usize::from(KEYS),
        ),
        o if o.starts_with("tlv-decode-16000-") => run(
            iterations,
            &keys_tlv[..],
            &tlv_keys_path,
            decode_iterate,
            usize::from(KEYS),
        ),
        o if o.starts_with("senml-decode-16000-") => run(
            iterations,
            &keys_senml[..],
            &keys_path,
            senml_decode_iterate,
            usize::from(KEYS),
        ),
        "peer-ciborium-senml-device" => run(
            iterations,
            senml,
            &DEVICE_PATH,
            peer_ciborium_senml,
            DEVICE_RECORDS,
        ),
        "peer-ciborium-value-device" => run(
            iterations,
            senml,
            &DEVICE_PATH,
            peer_ciborium_value,
            DEVICE_RECORDS,
        ),
        _ => return usage(),
    };
    let sum = match sum {
        Ok(sum) => sum,
        Err(got) => {
            eprintln!(
                "{op}: one call returned {got}, not the expected count (decode or encode failed?)"
            );
            return ExitCode::from(3);
        }
    };
    let allocated = allocations() - before;
    if allocated != 0 && !op.starts_with("peer-") && !op.ends_with("-shuffled") {
        eprintln!("{op}: {allocated} allocation call(s) in {iterations} iterations; the codec must not allocate");
        return ExitCode::from(2);
    }
    println!("{op} {iterations} {sum} {allocated}");
    ExitCode::SUCCESS
}
