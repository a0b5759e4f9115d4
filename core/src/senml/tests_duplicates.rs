//! The duplicate check of both SenML parsers against a pairwise reference: random packs with frequent repeats of
//! (path, time), in random order, with base names and base times, and with an error after them. The CBOR test runs
//! with and without `alloc` (two implementations: `repeats.rs` and the look-back of `cbor_read.rs`).

// Helpers outside #[test] functions unwrap and index too.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use std::string::String;
use std::vec::Vec;
use std::{format, vec};

use super::tests::TestModel;
use super::*;
use crate::path::Path;
use crate::value::{Record, Value};

/// The suites' fixed pseudo-random stream (`ucifi_testkit::Stream`): every run checks the same packs.
struct Rng(ucifi_testkit::Stream);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(ucifi_testkit::Stream(seed))
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0.below(n as usize) as u64
    }
}

/// One record of `/9999/{i}/1/{ri}` (resource 1 is an Integer) at time `time` (none, or 1 or 2).
#[derive(Clone, Copy, PartialEq)]
struct Rec {
    i: u16,
    ri: u16,
    time: Option<u8>,
    /// The name as `bn` "/9999/{i}/1/" and `n` "{ri}" (else `bn` "/" and the rest in `n`).
    split: bool,
    /// The time as `bt` + `t`, `bt` being this (every record of such a pack sets `bt`).
    bt: Option<u8>,
    /// A value the model refuses (1.5 for an Integer): `TYPE_MISMATCH` at the value.
    bad: bool,
}

/// The fields of `r` in order, each as (label, value): `label` is the SenML-CBOR label; a value is a text or an
/// unsigned integer, or the float 1.5.
enum Field {
    Text(String),
    Uint(u8),
    Half15,
}

fn fields(r: &Rec) -> Vec<(i8, Field)> {
    let (bn, n) = if r.split {
        (format!("/9999/{}/1/", r.i), format!("{}", r.ri))
    } else {
        (String::from("/"), format!("9999/{}/1/{}", r.i, r.ri))
    };
    let mut out = vec![(-2, Field::Text(bn)), (0, Field::Text(n))];
    match (r.bt, r.time) {
        (Some(bt), Some(t)) => {
            out.push((-3, Field::Uint(bt)));
            out.push((6, Field::Uint(t - bt)));
        }
        (_, Some(t)) => out.push((6, Field::Uint(t))),
        _ => {}
    }
    out.push((2, if r.bad { Field::Half15 } else { Field::Uint(1) }));
    out
}

/// A pack of `recs` and then `tail` (bytes after the pack); the offset of each record and of the last value.
struct Pack {
    bytes: Vec<u8>,
    starts: Vec<usize>,
    last_value: usize,
}

fn cbor(recs: &[Rec], tail: &[u8]) -> Pack {
    let mut b = vec![0x99, (recs.len() >> 8) as u8, recs.len() as u8];
    let (mut starts, mut last_value) = (Vec::new(), 0);
    for r in recs {
        starts.push(b.len());
        let fs = fields(r);
        b.push(0xa0 + fs.len() as u8);
        for (label, f) in fs {
            b.push(if label < 0 {
                0x1f + (-label) as u8
            } else {
                label as u8
            });
            last_value = b.len();
            match f {
                Field::Text(t) => {
                    b.push(0x60 + t.len() as u8);
                    b.extend_from_slice(t.as_bytes());
                }
                Field::Uint(x) if x < 24 => b.push(x),
                Field::Uint(x) => b.extend_from_slice(&[0x18, x]),
                Field::Half15 => b.extend_from_slice(&[0xf9, 0x3e, 0x00]),
            }
        }
    }
    b.extend_from_slice(tail);
    Pack {
        bytes: b,
        starts,
        last_value,
    }
}

#[cfg(feature = "senml-json")]
fn json(recs: &[Rec], tail: &[u8]) -> Pack {
    let mut b = vec![b'['];
    let (mut starts, mut last_value) = (Vec::new(), 0);
    for (k, r) in recs.iter().enumerate() {
        if k > 0 {
            b.push(b',');
        }
        starts.push(b.len());
        b.push(b'{');
        for (j, (label, f)) in fields(r).into_iter().enumerate() {
            let name = match label {
                -2 => "bn",
                -3 => "bt",
                0 => "n",
                6 => "t",
                _ => "v",
            };
            b.extend_from_slice(format!("{}\"{name}\":", if j > 0 { "," } else { "" }).as_bytes());
            last_value = b.len();
            let text = match f {
                Field::Text(t) => format!("\"{t}\""),
                Field::Uint(x) => format!("{x}"),
                Field::Half15 => String::from("1.5"),
            };
            b.extend_from_slice(text.as_bytes());
        }
        b.push(b'}');
    }
    b.push(b']');
    b.extend_from_slice(tail);
    Pack {
        bytes: b,
        starts,
        last_value,
    }
}

/// What the pack must give: the first record whose (path, time) an earlier record has (by comparing every pair),
/// unless an error comes first: a record's own value error comes before its duplicate check.
fn reference(
    recs: &[Rec],
    pack: &Pack,
    tail_error: Option<(ErrorKind, usize)>,
) -> Result<usize, (ErrorKind, usize)> {
    let key = |r: &Rec| (r.i, r.ri, r.time);
    for (j, r) in recs.iter().enumerate() {
        if r.bad {
            return Err((ErrorKind::TypeMismatch, pack.last_value));
        }
        if recs[..j].iter().any(|e| key(e) == key(r)) {
            return Err((ErrorKind::DuplicateId, pack.starts[j]));
        }
    }
    tail_error.map_or(Ok(recs.len()), Err)
}

/// Random packs: the records and the bytes after the pack (one, or none).
fn packs(mut check: impl FnMut(&[Rec], &[u8], usize)) {
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    for round in 0..1200 {
        let spread = [3, 30, 3000][round % 3];
        let with_bt = round % 2 == 1;
        let n = 1 + rng.below(if round % 7 == 0 { 400 } else { 60 }) as usize;
        let mut recs: Vec<Rec> = (0..n)
            .map(|_| {
                let time = match rng.below(3) {
                    0 if !with_bt => None,
                    t => Some(1 + (t % 2) as u8),
                };
                Rec {
                    i: rng.below(2) as u16,
                    ri: rng.below(spread) as u16,
                    time,
                    split: rng.below(2) == 0,
                    bt: with_bt.then(|| rng.below(2) as u8),
                    bad: false,
                }
            })
            .collect();
        if round % 4 == 0 {
            recs.sort_by_key(|r| (r.i, r.ri, r.time));
        }
        // What follows: nothing; a record at a new path with a bad value; the first record again with a bad value
        // (its value error, not the repeat, unless a clash comes first); one byte after the pack.
        match round % 4 {
            1 => recs.push(Rec {
                i: 7,
                bad: true,
                ..recs[0]
            }),
            2 => recs.push(Rec {
                bad: true,
                ..recs[0]
            }),
            _ => {}
        }
        let trailing = round % 4 == 3;
        check(&recs, if trailing { &[0x00] } else { &[] }, round);
    }
}

#[test]
fn cbor_duplicate_check_matches_a_pairwise_reference() {
    let (mut clashes, mut clean) = (0, 0);
    packs(|recs, tail, round| {
        let pack = cbor(recs, tail);
        let tail_error =
            (!tail.is_empty()).then(|| (ErrorKind::TrailingData, pack.bytes.len() - 1));
        let want = reference(recs, &pack, tail_error);
        let got = decode(&pack.bytes, None, &TestModel).map(|r| r.len());
        let mut out = vec![Record::new(Path::object_path(0), Value::None); 512];
        assert_eq!(decode_into(&pack.bytes, None, &TestModel, &mut out), got);
        // decode_each: the same count or error, and the same records as decode_into.
        let mut handed = Vec::new();
        assert_eq!(
            decode_each(&pack.bytes, None, &TestModel, |r| handed.push(r)),
            got
        );
        if let Ok(n) = got {
            assert_eq!(handed[..], out[..n]);
        }
        assert_eq!(
            got.map_err(|e| (e.kind(), e.offset())),
            want,
            "round {round}"
        );
        match want {
            Err((ErrorKind::DuplicateId, _)) => clashes += 1,
            Ok(_) => clean += 1,
            _ => {}
        }
    });
    assert!(
        clashes > 200 && clean > 100,
        "{clashes} clashes, {clean} clean"
    );
}

#[cfg(feature = "senml-json")]
#[test]
fn json_duplicate_check_matches_a_pairwise_reference() {
    let (mut clashes, mut clean) = (0, 0);
    packs(|recs, tail, round| {
        let tail: &[u8] = if tail.is_empty() { &[] } else { b"0" };
        let pack = json(recs, tail);
        let tail_error =
            (!tail.is_empty()).then(|| (ErrorKind::TrailingData, pack.bytes.len() - 1));
        let want = reference(recs, &pack, tail_error);
        let got = json::decode_owned(&pack.bytes, None, &TestModel).map(|r| r.len());
        assert_eq!(
            got.map_err(|e| (e.kind(), e.offset())),
            want,
            "round {round}"
        );
        match want {
            Err((ErrorKind::DuplicateId, _)) => clashes += 1,
            Ok(_) => clean += 1,
            _ => {}
        }
    });
    assert!(
        clashes > 200 && clean > 100,
        "{clashes} clashes, {clean} clean"
    );
}

#[test]
fn many_records_in_a_shuffled_order() {
    // 3,000 distinct paths in a shuffled order (between the least and the largest key so far all along, and past
    // the screen's 256 bits), then a repeat of one of them.
    let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
    let mut recs: Vec<Rec> = (0..3000)
        .map(|k| Rec {
            i: k % 2,
            ri: k / 2,
            time: None,
            split: true,
            bt: None,
            bad: false,
        })
        .collect();
    for i in (1..recs.len()).rev() {
        recs.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let pack = cbor(&recs, &[]);
    assert_eq!(
        decode(&pack.bytes, None, &TestModel).map(|r| r.len()),
        Ok(3000)
    );
    recs.push(recs[1234]);
    let pack = cbor(&recs, &[]);
    let e = decode(&pack.bytes, None, &TestModel).err().unwrap();
    assert_eq!(
        (e.kind(), e.offset()),
        (ErrorKind::DuplicateId, pack.starts[3000])
    );
}
