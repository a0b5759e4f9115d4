//! Criterion bench of the duplicate check on a large LwM2M-CBOR payload: 16 000 resource keys of one object
//! instance in descending order (`{[60000, 0]: {15999: 0, 15998: 0, …, 0: 0}}`, 63 855 bytes), decoded and iterated
//! with the built-in registry (object 60000 unknown, so every value is an unknown integer). Every record sorts
//! before all earlier ones, the order that used to cost one re-walk of the frame per block of 32 records. The same
//! keys in ascending order run beside it. The decode is first run once under the counting allocator; the bench
//! panics if it allocated.
//!
//! ```text
//! cargo bench -p ucifi-benches --bench duplicates -- --warm-up-time 1 --measurement-time 3
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failed test

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ucifi_benches::{count_allocations, lwm2m_cbor_keys, CountingAllocator, KEYS};
use ucifi_codec::{lwm2m_cbor, Registry};

#[global_allocator]
static ALLOC: CountingAllocator = CountingAllocator;

fn decode_count(frame: &[u8]) -> usize {
    match lwm2m_cbor::decode(frame, None, &Registry) {
        Ok(records) => records.fold(0, |n, r| {
            black_box(r);
            n + 1
        }),
        Err(e) => panic!("decode failed: {e:?}"),
    }
}

fn duplicates(c: &mut Criterion) {
    let mut g = c.benchmark_group("lwm2m-cbor 16000 keys");
    for (name, frame) in [
        ("descending", lwm2m_cbor_keys(true)),
        ("ascending", lwm2m_cbor_keys(false)),
    ] {
        let (n, allocations) = count_allocations(|| decode_count(&frame));
        assert_eq!((n, allocations), (usize::from(KEYS), 0), "{name}");
        g.throughput(Throughput::Bytes(frame.len() as u64));
        g.bench_function(format!("decode {name} ({} B)", frame.len()), |b| {
            b.iter(|| decode_count(black_box(&frame)))
        });
    }
    g.finish();
}

criterion_group!(benches, duplicates);
criterion_main!(benches);
