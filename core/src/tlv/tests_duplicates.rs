//! The duplicate-id check against a pairwise reference: random frames with frequent repeated ids at every level, in
//! random order, with and without an error after them. Runs with and without `alloc` (two implementations:
//! `seen.rs`).

// Helpers outside #[test] functions unwrap and index too.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use std::vec::Vec;

use super::{decode, decode_each, decode_into, write_header, Kind};
use crate::{ErrorKind, Path, Record, Registry, Value};

/// An object no registry knows: every value is opaque, so any value bytes pass.
const OBJECT: u16 = 32000;

/// The suites' fixed pseudo-random stream (`ucifi_testkit::Stream`): every run checks the same frames.
struct Rng(ucifi_testkit::Stream);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(ucifi_testkit::Stream(seed))
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0.below(n as usize) as u64
    }

    /// An id from a pool (a small one, so that ids repeat), one or two bytes wide on the wire.
    fn id(&mut self, pool: u64, wide: bool) -> u16 {
        self.below(pool) as u16 + if wide || pool > 255 { 300 } else { 0 }
    }
}

/// A frame being written, with the offset of the first element that repeats an earlier sibling's id.
#[derive(Default)]
struct Frame {
    bytes: Vec<u8>,
    first: Option<usize>,
}

impl Frame {
    /// Appends an element whose value is `value`, at the level whose ids so far are `siblings`.
    fn element(&mut self, kind: Kind, id: u16, value: &[u8], siblings: &mut Vec<u16>) {
        self.note(id, siblings);
        let mut header = [0u8; 6];
        let n = write_header(kind, id, value.len(), &mut header).unwrap();
        self.bytes.extend_from_slice(&header[..n]);
        self.bytes.extend_from_slice(value);
    }

    /// The reference: an element clashes when an earlier sibling has its id (elements are written in wire order,
    /// so the first clash written is the first in the frame).
    fn note(&mut self, id: u16, siblings: &mut Vec<u16>) {
        if self.first.is_none() && siblings.contains(&id) {
            self.first = Some(self.bytes.len());
        }
        siblings.push(id);
    }

    /// Appends the body of an object instance (resources and multiple resources), nested frames written first.
    fn instance(rng: &mut Rng, pool: u64, wide: bool) -> Frame {
        let mut body = Frame::default();
        let mut ids = Vec::new();
        for _ in 0..1 + rng.below(12) {
            let id = rng.id(pool, wide);
            if rng.below(4) == 0 {
                let mut inner = Frame::default();
                let mut ris = Vec::new();
                for _ in 0..rng.below(8) {
                    let ri = rng.id(pool, wide);
                    inner.element(Kind::ResourceInstance, ri, &[1], &mut ris);
                }
                body.nest(Kind::MultipleResource, id, inner, &mut ids);
            } else {
                body.element(Kind::Resource, id, &[7], &mut ids);
            }
        }
        body
    }

    /// Appends a wrapper element holding `inner`, whose own first clash (if any) shifts by the wrapper's header.
    fn nest(&mut self, kind: Kind, id: u16, inner: Frame, siblings: &mut Vec<u16>) {
        let start = self.bytes.len();
        let had = self.first.is_some();
        self.element(kind, id, &inner.bytes, siblings);
        if !had && self.first.is_none() {
            let header = self.bytes.len() - start - inner.bytes.len();
            self.first = inner.first.map(|at| start + header + at);
        }
    }
}

/// The error of `frame` read at `request` (all three validating decoders must agree), or its record count.
fn outcome(frame: &[u8], request: &Path) -> Result<usize, (ErrorKind, usize)> {
    let got = decode(frame, request, &Registry).map(|r| r.len());
    let mut out = std::vec![Record::new(Path::object_path(0), Value::None); 4096];
    assert_eq!(decode_into(frame, request, &Registry, &mut out), got);
    assert_eq!(decode_each(frame, request, &Registry, |_| {}), got);
    got.map_err(|e| (e.kind(), e.offset()))
}

#[test]
fn duplicate_check_matches_a_pairwise_reference() {
    let mut rng = Rng::new(0x2545_f491_4f6c_dd1d);
    let (mut clashes, mut clean) = (0, 0);
    for round in 0..1500 {
        let pool = 2 + rng.below([6, 40, 5000][round % 3]);
        let wide = rng.below(3) == 0;
        let bare = round % 4 == 3;
        let mut frame = Frame::default();
        let mut top = Vec::new();
        let request = if bare {
            // Bare resources at `/O/I`: the instance body's rules at the top level.
            frame = Frame::instance(&mut rng, pool, wide);
            Path::instance_path(OBJECT, 0)
        } else {
            for _ in 0..rng.below(10) {
                let iid = rng.id(pool, wide);
                let body = Frame::instance(&mut rng, pool, wide);
                frame.nest(Kind::ObjectInstance, iid, body, &mut top);
            }
            Path::object_path(OBJECT)
        };
        // What follows: nothing; an element cut short (the walk fails there); a reserved id inside a new instance
        // or bare; an instance repeating the first one's id with a broken body (the clash at its header comes
        // first).
        let tail = round % 5;
        let mut expect_tail = None;
        match (tail, bare) {
            (1, _) => {
                let at = frame.bytes.len();
                frame.bytes.push(if bare { 0xc1 } else { 0x08 });
                expect_tail = Some((ErrorKind::UnexpectedEnd, at));
            }
            (2, false) => {
                let at = frame.bytes.len();
                frame
                    .bytes
                    .extend_from_slice(&[0x08, 0xfe, 0x04, 0xe1, 0xff, 0xff, 0x01]);
                expect_tail = Some((ErrorKind::InvalidPath, at + 3));
            }
            (2, true) => {
                let at = frame.bytes.len();
                frame.bytes.extend_from_slice(&[0xe1, 0xff, 0xff, 0x01]);
                expect_tail = Some((ErrorKind::InvalidPath, at));
            }
            (3, false) if !top.is_empty() => {
                let at = frame.bytes.len();
                let mut inner = Frame::default();
                inner.bytes.extend_from_slice(&[0xc1, 0x05]);
                let id = top[0];
                frame.nest(Kind::ObjectInstance, id, inner, &mut top);
                expect_tail = Some((
                    ErrorKind::LengthExceedsParent,
                    at + 2 + usize::from(id > 255),
                ));
            }
            _ => {}
        }
        let got = outcome(&frame.bytes, &request);
        match (frame.first, expect_tail) {
            (Some(at), _) => {
                clashes += 1;
                assert_eq!(got, Err((ErrorKind::DuplicateId, at)), "round {round}");
            }
            (None, Some(e)) => assert_eq!(got, Err(e), "round {round}"),
            (None, None) => {
                clean += 1;
                assert!(got.is_ok(), "round {round}: {got:?}");
            }
        }
    }
    assert!(
        clashes > 300 && clean > 200,
        "{clashes} clashes, {clean} clean"
    );
}

#[test]
fn many_siblings_in_a_shuffled_order() {
    // 3,000 resources with distinct ids in a shuffled order (ids between the least and the largest so far all
    // along), then a repeat of one of them.
    let mut rng = Rng::new(0x9e37_79b9_7f4a_7c15);
    let mut ids: Vec<u16> = (0..3000).collect();
    for i in (1..ids.len()).rev() {
        ids.swap(i, rng.below(i as u64 + 1) as usize);
    }
    let mut frame = Frame::default();
    let mut seen = Vec::new();
    for &id in &ids {
        frame.element(Kind::Resource, id, &[1], &mut seen);
    }
    let request = Path::instance_path(OBJECT, 0);
    assert_eq!(outcome(&frame.bytes, &request), Ok(3000));
    let at = frame.bytes.len();
    frame.element(Kind::Resource, ids[1234], &[1], &mut seen);
    assert_eq!(frame.first, Some(at));
    assert_eq!(
        outcome(&frame.bytes, &request),
        Err((ErrorKind::DuplicateId, at))
    );
}
