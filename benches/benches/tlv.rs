//! Criterion benches of the TLV codec on the Device `/3/0` example (121 B) and a uCIFI water-meter frame (51 B).
//!
//! Every benched function is first run once under the counting allocator; the bench panics if it allocated.
//!
//! ```text
//! cargo bench -p ucifi-benches --bench tlv -- --warm-up-time 1 --measurement-time 3
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failed test

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ucifi_benches::{
    assert_counting, count_allocations, device_records, ucifi_frame, ucifi_records,
    CountingAllocator, DEVICE_PATH, DEVICE_TLV, EMPTY_RECORD, MAX_RECORDS, UCIFI_PATH,
};
use ucifi_codec::{tlv, Path, Record, Registry};

#[global_allocator]
static ALLOC: CountingAllocator = CountingAllocator;

/// Runs `f` once and fails the bench if it allocated; returns what it returned.
fn zero_alloc<R>(name: &str, f: impl FnOnce() -> R) -> R {
    let (r, n) = count_allocations(f);
    assert_eq!(
        n, 0,
        "{name}: {n} allocation(s) in one call; the codec must not allocate"
    );
    r
}

/// Decode and iterate every record; returns the record count.
fn decode_iterate(bytes: &[u8], path: &Path) -> usize {
    let records = match tlv::decode(bytes, path, &Registry) {
        Ok(records) => records,
        Err(e) => panic!("decode failed: {e:?}"),
    };
    let mut n = 0;
    for r in records {
        black_box(&r);
        n += 1;
    }
    n
}

/// Decode in one pass into a stack array; returns the record count.
fn decode_into_stack(bytes: &[u8], path: &Path) -> usize {
    let mut out = [EMPTY_RECORD; MAX_RECORDS];
    let n = match tlv::decode_into(bytes, path, &Registry, &mut out) {
        Ok(n) => n,
        Err(e) => panic!("decode_into failed: {e:?}"),
    };
    black_box(&out);
    n
}

/// Encode into a stack buffer; returns the frame length.
fn encode_stack(records: &[Record<'_>], path: &Path) -> usize {
    let mut buf = [0u8; 160];
    let n = match tlv::encode(records, path, &Registry, &mut buf) {
        Ok(frame) => frame.len(),
        Err(e) => panic!("encode failed: {e:?}"),
    };
    black_box(&buf);
    n
}

fn decode(c: &mut Criterion) {
    assert_counting();
    let frame = ucifi_frame();
    let inputs: [(&str, &[u8], Path, usize); 2] = [
        ("device", &DEVICE_TLV, DEVICE_PATH, 16),
        ("ucifi", frame.as_bytes(), UCIFI_PATH, 8),
    ];
    let mut group = c.benchmark_group("tlv_decode");
    for (name, bytes, path, records) in inputs {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        let id = format!("decode_iterate/{name}");
        assert_eq!(zero_alloc(&id, || decode_iterate(bytes, &path)), records);
        group.bench_function(&id, |b| {
            b.iter(|| decode_iterate(black_box(bytes), black_box(&path)))
        });
        let id = format!("decode_into/{name}");
        assert_eq!(zero_alloc(&id, || decode_into_stack(bytes, &path)), records);
        group.bench_function(&id, |b| {
            b.iter(|| decode_into_stack(black_box(bytes), black_box(&path)))
        });
    }
    group.finish();
}

fn encode(c: &mut Criterion) {
    assert_counting();
    let device = device_records();
    let ucifi = ucifi_records();
    let inputs: [(&str, &[Record<'_>], Path, usize); 2] = [
        ("device", &device, DEVICE_PATH, DEVICE_TLV.len()),
        ("ucifi", &ucifi, UCIFI_PATH, ucifi_frame().as_bytes().len()),
    ];
    let mut group = c.benchmark_group("tlv_encode");
    for (name, records, path, len) in inputs {
        group.throughput(Throughput::Bytes(len as u64));
        let id = format!("encode/{name}");
        assert_eq!(zero_alloc(&id, || encode_stack(records, &path)), len);
        group.bench_function(&id, |b| {
            b.iter(|| encode_stack(black_box(records), black_box(&path)))
        });
    }
    group.finish();
}

criterion_group!(benches, decode, encode);
criterion_main!(benches);
