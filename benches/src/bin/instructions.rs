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
//! - `alloc-control`: allocates on every call; the negative control of the allocation check (it
//!   always exits with status 2).
//!
//! Inputs are built before the loop, the same way for any iteration count, so a run with 0
//! iterations measures everything but the loop. Each operation is called once before the loop and
//! must return the expected record count or frame length (else exit status 3).
//!
//! No clock is read and no float is printed. The calls must not allocate: the program counts
//! allocation calls around them and exits with status 2 if there was one. It prints
//! `<operation> <iterations> <checksum>` (integers only).

use std::hint::black_box;
use std::process::ExitCode;

use ucifi_benches::{
    allocations, assert_counting, device_records, ucifi_frame, ucifi_records, CountingAllocator,
    DEVICE_PATH, DEVICE_RECORDS, DEVICE_TLV, EMPTY_RECORD, MAX_RECORDS, UCIFI_PATH, UCIFI_RECORDS,
};
use ucifi_codec::{tlv, Path, Record, Registry};

#[global_allocator]
static ALLOC: CountingAllocator = CountingAllocator;

/// The operations, by command-line name.
const OPERATIONS: [&str; 8] = [
    "alloc-control",
    "empty",
    "tlv-decode-device",
    "tlv-decode-ucifi",
    "tlv-decode-into-device",
    "tlv-decode-into-ucifi",
    "tlv-encode-device",
    "tlv-encode-ucifi",
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

    let (device_len, ucifi_len) = (DEVICE_TLV.len(), frame.as_bytes().len());

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
    if allocated != 0 {
        eprintln!("{op}: {allocated} allocation call(s) in {iterations} iterations; the codec must not allocate");
        return ExitCode::from(2);
    }
    println!("{op} {iterations} {sum}");
    ExitCode::SUCCESS
}
