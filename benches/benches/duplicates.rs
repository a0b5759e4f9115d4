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

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ucifi_benches::{count_allocations, CountingAllocator};
use ucifi_codec::{lwm2m_cbor, Registry};

#[global_allocator]
static ALLOC: CountingAllocator = CountingAllocator;

/// Keys in the payload.
const KEYS: u16 = 16_000;

/// The CBOR head of major type `major` with argument `n`.
fn head(out: &mut Vec<u8>, major: u8, n: u32) {
    let m = major << 5;
    match n {
        0..=23 => out.push(m | n as u8),
        24..=0xff => out.extend([m | 24, n as u8]),
        0x100..=0xffff => out.extend([m | 25, (n >> 8) as u8, n as u8]),
        _ => {
            out.push(m | 26);
            out.extend(n.to_be_bytes());
        }
    }
}

/// `{[60000, 0]: {k: 0 for k in keys}}`.
fn payload(keys: impl Iterator<Item = u16>) -> Vec<u8> {
    let mut out = vec![0xa1, 0x82];
    head(&mut out, 0, 60_000);
    out.push(0x00);
    head(&mut out, 5, u32::from(KEYS));
    for k in keys {
        head(&mut out, 0, u32::from(k));
        out.push(0x00);
    }
    out
}

fn decode_count(frame: &[u8]) -> usize {
    match lwm2m_cbor::decode(frame, None, &Registry) {
        Ok(records) => records.fold(0usize, |n, r| {
            black_box(r);
            n + 1
        }),
        Err(e) => panic!("decode failed: {e:?}"),
    }
}

fn duplicates(c: &mut Criterion) {
    let mut g = c.benchmark_group("lwm2m-cbor 16000 keys");
    for (name, frame) in [
        ("descending", payload((0..KEYS).rev())),
        ("ascending", payload(0..KEYS)),
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
