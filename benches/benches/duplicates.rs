//! Criterion bench of the duplicate checks on large payloads: 16 000 resource keys of one object instance
//! (`ucifi_benches::keys`) in descending, ascending and a shuffled order, in LwM2M-CBOR (63 729 bytes, the issue's
//! payload: `{[60000, 0]: {15999: 0, 15998: 0, …, 0: 0}}`), TLV (63 744 bytes of bare resources at `/60000/0`) and
//! SenML-CBOR (148 904 bytes), each decoded and iterated with the built-in registry (object 60000 unknown). The
//! ascending and descending orders take the duplicate checks' fast paths; the shuffled one puts nearly every record
//! between the least and the largest so far, the order that used to cost a look back per record (TLV, SenML) or
//! per block of 32 (LwM2M-CBOR). The crate builds the core with `alloc`, as the host front ends do.
//!
//! Each decode is first run once under the counting allocator: the ordered payloads must not allocate (the bench
//! panics otherwise); for the shuffled ones, which keep their out-of-order records in a vector, the count is printed.
//!
//! ```text
//! cargo bench -p ucifi-benches --bench duplicates -- --warm-up-time 1 --measurement-time 3
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failed test

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ucifi_benches::keys::{keys_path, tlv_keys_path};
use ucifi_benches::{
    count_allocations, lwm2m_cbor_keys, senml_cbor_keys, tlv_keys, CountingAllocator, Order, KEYS,
};
use ucifi_codec::{lwm2m_cbor, senml, tlv, Path, Record, Registry};

#[global_allocator]
static ALLOC: CountingAllocator = CountingAllocator;

/// Counts the records, each through `black_box`.
fn count<'a>(records: impl Iterator<Item = Record<'a>>) -> usize {
    records.fold(0, |n, r| {
        black_box(r);
        n + 1
    })
}

fn lwm2m_cbor_count(frame: &[u8], path: &Path) -> usize {
    match lwm2m_cbor::decode(frame, Some(path), &Registry) {
        Ok(records) => count(records),
        Err(e) => panic!("decode failed: {e:?}"),
    }
}

fn tlv_count(frame: &[u8], path: &Path) -> usize {
    match tlv::decode(frame, path, &Registry) {
        Ok(records) => count(records),
        Err(e) => panic!("decode failed: {e:?}"),
    }
}

fn senml_count(frame: &[u8], path: &Path) -> usize {
    match senml::decode(frame, Some(path), &Registry) {
        Ok(records) => count(records),
        Err(e) => panic!("decode failed: {e:?}"),
    }
}

/// The formats: group name, payload builder, request path, decode + iterate.
type Format = (
    &'static str,
    fn(Order) -> Vec<u8>,
    fn() -> Path,
    fn(&[u8], &Path) -> usize,
);

const FORMATS: [Format; 3] = [
    (
        "lwm2m-cbor 16000 keys",
        lwm2m_cbor_keys,
        keys_path,
        lwm2m_cbor_count,
    ),
    ("tlv 16000 keys", tlv_keys, tlv_keys_path, tlv_count),
    (
        "senml-cbor 16000 keys",
        senml_cbor_keys,
        keys_path,
        senml_count,
    ),
];

fn duplicates(c: &mut Criterion) {
    for (group, build, path, decode) in FORMATS {
        let mut g = c.benchmark_group(group);
        let path = path();
        for order in Order::ALL {
            let frame = build(order);
            let name = order.name();
            let (n, allocations) = count_allocations(|| decode(&frame, &path));
            assert_eq!(n, usize::from(KEYS), "{group} {name}");
            if order == Order::Shuffled {
                println!("{group} {name}: {allocations} allocation call(s) per decode");
            } else {
                assert_eq!(allocations, 0, "{group} {name}");
            }
            g.throughput(Throughput::Bytes(frame.len() as u64));
            g.bench_function(format!("decode {name} ({} B)", frame.len()), |b| {
                b.iter(|| decode(black_box(&frame), black_box(&path)))
            });
        }
        g.finish();
    }
}

criterion_group!(benches, duplicates);
criterion_main!(benches);
