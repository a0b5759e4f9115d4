//! Criterion benches of the SenML-CBOR and LwM2M-CBOR codecs, with a serde-based peer in the same run.
//!
//! Inputs: the Device `/3/0` records (16) as the LwM2M Core 1.1.1 SenML-CBOR example (196 B) and as LwM2M-CBOR
//! written by our encoder, and the uCIFI water-meter reading (8 records) in both formats. For each format: decode +
//! iterate, `decode_into` a stack array, and `encode` into a stack buffer. Every one of our functions is first run
//! once under the counting allocator; the bench panics if it allocated.
//!
//! The peer (`ucifi_benches::peer`): ciborium deserializing the same 196-byte pack into `Vec<SenmlRecord>` and
//! resolving `bn + n` into path strings, and ciborium's generic parse into `ciborium::Value`. Both allocate; the
//! bench prints how often per call.
//!
//! ```text
//! cargo bench -p ucifi-benches --bench formats -- --warm-up-time 1 --measurement-time 3
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code: a panic is a failed test

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use ucifi_benches::{
    assert_counting, count_allocations, device_lwm2m_cbor, device_records, peer, ucifi_lwm2m_cbor,
    ucifi_records, ucifi_senml_cbor, CountingAllocator, DEVICE_PATH, DEVICE_RECORDS,
    DEVICE_SENML_CBOR, EMPTY_RECORD, FRAME_CAPACITY, MAX_RECORDS, UCIFI_PATH, UCIFI_RECORDS,
};
use ucifi_codec::{lwm2m_cbor, senml, Error, Path, Record, Registry};

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

/// One of our two CBOR formats: its three entry points, monomorphised for the built-in registry.
#[derive(Clone, Copy)]
struct Format {
    name: &'static str,
    decode_iterate: fn(&[u8], &Path) -> usize,
    decode_into: fn(&[u8], &Path) -> usize,
    encode: fn(&[Record<'_>], &Path) -> usize,
}

/// Decode and iterate every record; returns the record count.
fn count<'a, I: Iterator<Item = Record<'a>>>(records: Result<I, Error>) -> usize {
    let records = match records {
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
fn into_stack<'a>(decode_into: impl FnOnce(&mut [Record<'a>]) -> Result<usize, Error>) -> usize {
    let mut out = [EMPTY_RECORD; MAX_RECORDS];
    let n = match decode_into(&mut out) {
        Ok(n) => n,
        Err(e) => panic!("decode_into failed: {e:?}"),
    };
    black_box(&out);
    n
}

/// Encode into a stack buffer; returns the frame length.
fn encode_stack(encode: impl FnOnce(&mut [u8]) -> Result<&[u8], Error>) -> usize {
    let mut buf = [0u8; FRAME_CAPACITY];
    let n = match encode(&mut buf) {
        Ok(frame) => frame.len(),
        Err(e) => panic!("encode failed: {e:?}"),
    };
    black_box(&buf);
    n
}

const SENML: Format = Format {
    name: "senml_cbor",
    decode_iterate: |bytes, path| count(senml::decode(bytes, Some(path), &Registry)),
    decode_into: |bytes, path| {
        into_stack(|out| senml::decode_into(bytes, Some(path), &Registry, out))
    },
    encode: |records, path| encode_stack(|buf| senml::encode(records, Some(path), &Registry, buf)),
};

const LWM2M_CBOR: Format = Format {
    name: "lwm2m_cbor",
    decode_iterate: |bytes, path| count(lwm2m_cbor::decode(bytes, Some(path), &Registry)),
    decode_into: |bytes, path| {
        into_stack(|out| lwm2m_cbor::decode_into(bytes, Some(path), &Registry, out))
    },
    encode: |records, path| {
        encode_stack(|buf| lwm2m_cbor::encode(records, Some(path), &Registry, buf))
    },
};

/// A peer decoder: bench id and function (bytes to record count).
type Peer = (&'static str, fn(&[u8]) -> usize);

/// The peer: ciborium into `Vec<SenmlRecord>`, names resolved; returns the record count.
fn peer_serde(bytes: &[u8]) -> usize {
    match peer::decode_senml(bytes) {
        Ok(records) => black_box(records).len(),
        Err(e) => panic!("peer decode failed: {e}"),
    }
}

/// The generic peer: ciborium into `ciborium::Value`; returns the array length.
fn peer_value(bytes: &[u8]) -> usize {
    match peer::parse_value(bytes) {
        Ok(ciborium::Value::Array(items)) => black_box(items).len(),
        other => panic!("peer parse failed: {other:?}"),
    }
}

/// The decode inputs of a format: (name, bytes, request path, record count).
fn decode_inputs(format: &Format) -> [(&'static str, Vec<u8>, Path, usize); 2] {
    let (device, ucifi) = if format.name == SENML.name {
        (DEVICE_SENML_CBOR.to_vec(), ucifi_senml_cbor())
    } else {
        (device_lwm2m_cbor().as_bytes().to_vec(), ucifi_lwm2m_cbor())
    };
    [
        ("device", device, DEVICE_PATH, DEVICE_RECORDS),
        (
            "ucifi",
            ucifi.as_bytes().to_vec(),
            UCIFI_PATH,
            UCIFI_RECORDS,
        ),
    ]
}

fn decode(c: &mut Criterion) {
    assert_counting();
    for format in [SENML, LWM2M_CBOR] {
        let inputs = decode_inputs(&format);
        let mut group = c.benchmark_group(format!("{}_decode", format.name));
        for (name, bytes, path, records) in &inputs {
            let (bytes, path) = (&bytes[..], path);
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            let id = format!("decode_iterate/{name}");
            let f = format.decode_iterate;
            assert_eq!(zero_alloc(&id, || f(bytes, path)), *records, "{id}");
            group.bench_function(&id, |b| b.iter(|| f(black_box(bytes), black_box(path))));
            let id = format!("decode_into/{name}");
            let f = format.decode_into;
            assert_eq!(zero_alloc(&id, || f(bytes, path)), *records, "{id}");
            group.bench_function(&id, |b| b.iter(|| f(black_box(bytes), black_box(path))));
        }
        if format.name == SENML.name {
            // The peers, same payload, same group.
            let bytes = &DEVICE_SENML_CBOR[..];
            group.throughput(Throughput::Bytes(bytes.len() as u64));
            let peers: [Peer; 2] = [
                ("peer_ciborium_serde/device", peer_serde),
                ("peer_ciborium_value/device", peer_value),
            ];
            for (id, f) in peers {
                let (n, allocs) = count_allocations(|| f(bytes));
                assert_eq!(n, DEVICE_RECORDS, "{id}");
                eprintln!(
                    "{}_decode/{id}: {allocs} allocation(s) per call",
                    format.name
                );
                group.bench_function(id, |b| b.iter(|| f(black_box(bytes))));
            }
        }
        group.finish();
    }
}

fn encode(c: &mut Criterion) {
    assert_counting();
    let device = device_records();
    let ucifi = ucifi_records();
    for format in [SENML, LWM2M_CBOR] {
        let lengths = decode_inputs(&format).map(|(_, bytes, _, _)| bytes.len());
        let inputs: [(&str, &[Record<'_>], Path, usize); 2] = [
            ("device", &device, DEVICE_PATH, lengths[0]),
            ("ucifi", &ucifi, UCIFI_PATH, lengths[1]),
        ];
        let mut group = c.benchmark_group(format!("{}_encode", format.name));
        for (name, records, path, len) in inputs {
            group.throughput(Throughput::Bytes(len as u64));
            let id = format!("encode/{name}");
            let f = format.encode;
            assert_eq!(zero_alloc(&id, || f(records, &path)), len, "{id}");
            group.bench_function(&id, |b| b.iter(|| f(black_box(records), black_box(&path))));
        }
        group.finish();
    }
}

criterion_group!(benches, decode, encode);
criterion_main!(benches);
