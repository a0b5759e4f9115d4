//! Agreement test of [`Shape`] (`shape.rs`) against the full reader: every SenML-CBOR vector and the benchmark packs,
//! and packs mutated from them by a fixed pseudo-random stream (bytes changed in place, which a kept structure may
//! take as new values, and cuts, insertions and bit flips), go through `Shape::decode_each` and `decode_each`; the
//! records (path, value, model link, time) and errors (kind and offset) must be the same. Shapes are kept across
//! packs, so each pack meets the structure of the one before it, of its own original, and of other vectors'; so are
//! the arrays read into, so a text may be taken from its slot (equal bytes of an earlier pack).

#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::vec::Vec;
use ucifi_testkit::Stream;

use super::shape::{Shape, REUSED};
use super::tests::{inputs, mutate, same};
use super::{decode_each, decode_into};
use crate::error::Error;
use crate::path::Path;
use crate::registry::Registry;
use crate::value::{Record, Value};

/// Packs `Shape::values` read.
static VALUES: AtomicUsize = AtomicUsize::new(0);

/// The arrays a shape's packs are read into, kept from pack to pack (as a batch keeps them).
struct Slots<'a> {
    values: [Value<'a>; 40],
    records: Vec<Record<'a>>,
}

impl Slots<'_> {
    fn new() -> Self {
        Slots {
            values: [Value::None; 40],
            records: vec![Record::new(Path::object_path(0), Value::None); 40],
        }
    }
}

/// Both readers on `m`: same result, same records; `Shape::decode_each`, or `Shape::decode_into` against
/// `decode_into` (into 40 slots, or 3: `BUFFER_TOO_SMALL` for longer packs), as the round number says. `Shape::values`
/// and `Shape::decode_into` read into `slots`, which hold what earlier packs were read into.
fn agree<'a>(
    shape: &mut Shape<'a, Registry>,
    slots: &mut Slots<'a>,
    m: &'a [u8],
    request: Option<&Path>,
    round: usize,
) -> Result<usize, Error> {
    let mut b: Vec<Record<'_>> = Vec::new();
    let full = decode_each(m, request, &Registry, |r| b.push(r));
    // The values alone, with the kept records (before the shape reads `m` and perhaps keeps its structure).
    let values = &mut slots.values;
    if let Some(n) = shape.values(m, request, &Registry, values) {
        let (_, kept) = shape.kept();
        let records: Vec<Record<'_>> = kept
            .zip(&values[..n])
            .map(|(r, &value)| Record { value, ..r })
            .collect();
        assert_eq!(full, Ok(n), "{}", hex::encode(m));
        assert!(same(&records, &b), "{}", hex::encode(m));
        VALUES.fetch_add(1, Ordering::Relaxed);
    }
    if round % 2 == 0 {
        let mut a: Vec<Record<'_>> = Vec::new();
        let kept = shape.decode_each(m, request, &Registry, |r| a.push(r));
        assert_eq!(kept, full, "{}", hex::encode(m));
        assert!(same(&a, &b), "{}", hex::encode(m));
    } else {
        let empty = Record::new(Path::object_path(0), Value::None);
        let len = if round % 4 == 1 { 40 } else { 3 };
        let x = &mut slots.records[..len];
        let mut y = vec![empty; len];
        let kept = shape.decode_into(m, request, &Registry, x);
        let expect = decode_into(m, request, &Registry, &mut y);
        assert_eq!(kept, expect, "{}", hex::encode(m));
        if let Ok(n) = kept {
            assert!(
                same(&x[..n], &y[..n]) && same(&x[..n], &b),
                "{}",
                hex::encode(m)
            );
        }
    }
    full
}

/// Changes one byte in place (a value byte, often), keeping the length: a random byte, a bit flip, or a byte
/// from the mutator's list.
fn change(m: &mut [u8], s: &mut Stream) {
    if m.is_empty() {
        return;
    }
    let at = s.below(m.len());
    match s.below(3) {
        0 => m[at] = s.next() as u8,
        1 => m[at] ^= 1 << s.below(8),
        _ => {
            let mut one = m.to_vec();
            mutate(&mut one, s);
            if one.len() == m.len() {
                m.copy_from_slice(&one);
            }
        }
    }
}

#[test]
fn shape_matches_full_reader() {
    let mut s = Stream(0x5851_f42d_4c95_7f2d);
    let all = inputs();
    let (mut hits, mut cases, mut decoded) = (0usize, 0usize, 0usize);
    let mut shared: Shape<'_, Registry> = Shape::new();
    let mut shared_slots = Slots::new();
    let mut originals: Vec<Vec<u8>> = Vec::new();
    for (bytes, requests) in &all {
        for request in requests {
            let mut own: Shape<'_, Registry> = Shape::new();
            let mut slots = Slots::new();
            agree(&mut own, &mut slots, bytes, request.as_ref(), 0).ok();
            for round in 0..200 {
                let mut m = bytes.clone();
                if round % 5 == 4 {
                    mutate(&mut m, &mut s);
                } else {
                    for _ in 0..=(round % 3) {
                        change(&mut m, &mut s);
                    }
                }
                let m: &'static [u8] = Vec::leak(m);
                let before = own.hits;
                if agree(&mut own, &mut slots, m, request.as_ref(), round).is_ok() {
                    decoded += 1;
                }
                hits += own.hits - before;
                let before = shared.hits;
                if agree(
                    &mut shared,
                    &mut shared_slots,
                    m,
                    request.as_ref(),
                    round + 1,
                )
                .is_ok()
                {
                    decoded += 1;
                }
                hits += shared.hits - before;
                // Back to the original, whose structure `own` may have left for the mutated pack's.
                let before = own.hits;
                if agree(
                    &mut own,
                    &mut slots,
                    Vec::leak(bytes.clone()),
                    request.as_ref(),
                    round + 3,
                )
                .is_ok()
                {
                    decoded += 1;
                }
                hits += own.hits - before;
                cases += 3;
            }
            originals.push(bytes.clone());
        }
    }
    // Packs in an order where each meets another's structure.
    let mut mixed: Shape<'_, Registry> = Shape::new();
    let mut mixed_slots = Slots::new();
    for round in 0..20_000 {
        let mut m = originals[s.below(originals.len())].clone();
        if s.below(2) == 0 {
            change(&mut m, &mut s);
        }
        let before = mixed.hits;
        if agree(&mut mixed, &mut mixed_slots, Vec::leak(m), None, round).is_ok() {
            decoded += 1;
        }
        hits += mixed.hits - before;
        cases += 1;
    }
    // Most decoded packs are read from their values; many cases are error vectors, which no shape can read.
    let values = VALUES.load(Ordering::Relaxed);
    let reused = REUSED.load(Ordering::Relaxed);
    std::println!(
        "{hits} read from their values ({values} by `values`; {reused} texts from their slots), {decoded} decoded, of {cases}"
    );
    assert!(reused > values / 4, "{reused} texts from their slots");
    assert!(
        values > hits / 2,
        "{values} packs read by `values`, {hits} hits"
    );
    assert!(
        hits > cases / 6 && hits < decoded && decoded > cases / 4,
        "{hits} hits, {decoded} decoded of {cases}"
    );
}
