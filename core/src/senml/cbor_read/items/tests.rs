//! Agreement test of [`skip`] (one frame, the open levels in a table) against a plain recursive reading of the
//! same rules: on a fixed pseudo-random stream of CBOR-like inputs built from heads that open, close and nest
//! containers, both must stop at the same offset or fail with the same kind at the same offset, from every
//! starting depth.

// Helpers outside #[test] functions index too.
#![allow(clippy::indexing_slicing)]

extern crate std;
use std::vec::Vec;
use ucifi_testkit::Stream;

use super::{at, at_break, content, head, skip, MAX_DEPTH};
use crate::error::{Error, ErrorKind};

/// The rules written as one call per level: what `skip` must agree with.
fn skip_recursive(buf: &[u8], pos: &mut usize, depth: u32) -> Result<(), Error> {
    let start = *pos;
    if depth > MAX_DEPTH {
        return Err(at(ErrorKind::InvalidCbor, start));
    }
    let h = head(buf, pos)?;
    match (h.major, h.ai) {
        (2 | 3, 31) => {
            while !at_break(buf, pos) {
                let chunk_at = *pos;
                let c = head(buf, pos)?;
                if c.major != h.major || c.ai == 31 {
                    return Err(at(ErrorKind::InvalidCbor, chunk_at));
                }
                content(buf, pos, c, chunk_at)?;
            }
        }
        (2 | 3, _) => {
            content(buf, pos, h, start)?;
        }
        (4 | 5, 31) => {
            while !at_break(buf, pos) {
                for _ in 0..(h.major - 3) {
                    skip_recursive(buf, pos, depth + 1)?;
                }
            }
        }
        (4 | 5, _) => {
            let items = if h.major == 5 { 2 } else { 1 };
            for _ in 0..h.arg.saturating_mul(items) {
                skip_recursive(buf, pos, depth + 1)?;
            }
        }
        (6, _) => skip_recursive(buf, pos, depth + 1)?,
        (7, 31) => return Err(at(ErrorKind::InvalidCbor, start)),
        (7, 24) if h.arg < 32 => return Err(at(ErrorKind::InvalidCbor, start)),
        _ => {}
    }
    Ok(())
}

/// The bytes inputs are made of: container heads of every form (short, one-byte and longer counts, indefinite),
/// tags, breaks, integers, floats, simple values (valid and not), strings and chunked strings, reserved heads.
const PIECES: &[&[u8]] = &[
    &[0x80],
    &[0x81],
    &[0x82],
    &[0x83],
    &[0x98, 0x02],
    &[0x99, 0x00, 0x01],
    &[0x9b, 0, 0, 0, 0, 0, 0, 0, 3],
    &[0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff],
    &[0x9f],
    &[0x9f],
    &[0xa0],
    &[0xa1],
    &[0xa2],
    &[0xb8, 0x01],
    &[0xbb, 0x80, 0, 0, 0, 0, 0, 0, 0],
    &[0xbf],
    &[0xbf],
    &[0xc1],
    &[0xc4],
    &[0xd8, 0x20],
    &[0xff],
    &[0xff],
    &[0xff],
    &[0x00],
    &[0x17],
    &[0x18, 0x40],
    &[0x19, 0x01],
    &[0x38, 0x10],
    &[0xf4],
    &[0xf6],
    &[0xf7],
    &[0xf8, 0x10],
    &[0xf8, 0x20],
    &[0xf9, 0x3c, 0x00],
    &[0xfa, 0, 0, 0],
    &[0xfb, 1, 2, 3, 4, 5, 6, 7, 8],
    &[0x40],
    &[0x42, 0x61, 0x62],
    &[0x63, 0x61, 0x62, 0x63],
    &[0x78, 0x02, 0x61, 0x62],
    &[0x5f],
    &[0x7f],
    &[0x41, 0x00],
    &[0x61, 0x7a],
    &[0x7a, 0, 0, 0, 9],
    &[0x1c],
    &[0x3e],
    &[0x5c],
    &[0x9d],
    &[0xfe],
];

/// One input: up to 40 pieces, or a run of one container head nested past the depth limit.
fn input(s: &mut Stream) -> Vec<u8> {
    let mut out = Vec::new();
    if s.below(8) == 0 {
        let nest: &[u8] = [&[0x81u8][..], &[0x9f], &[0xbf], &[0xc4], &[0xa1, 0x00]][s.below(5)];
        for _ in 0..s.below(20) {
            out.extend_from_slice(nest);
        }
    }
    for _ in 0..=s.below(40) {
        out.extend_from_slice(PIECES[s.below(PIECES.len())]);
    }
    out
}

/// Where a reading from `from` at `depth` ends, or its error's kind and offset.
fn outcome(
    f: fn(&[u8], &mut usize, u32) -> Result<(), Error>,
    buf: &[u8],
    from: usize,
    depth: u32,
) -> Result<usize, (ErrorKind, usize)> {
    let mut pos = from;
    f(buf, &mut pos, depth)
        .map(|()| pos)
        .map_err(|e| (e.kind(), e.offset()))
}

#[test]
fn skip_agrees_with_the_recursive_reading() {
    let mut s = Stream(0x005e_ed0f_1ab5);
    let (mut ended, mut failed) = (0usize, 0usize);
    for _ in 0..200_000 {
        let buf = input(&mut s);
        let from = s.below(3).min(buf.len());
        let depth = [0, 0, 1, 15, 16, 17][s.below(6)];
        let want = outcome(skip_recursive, &buf, from, depth);
        let got = outcome(skip, &buf, from, depth);
        assert_eq!(got, want, "input {buf:02x?} from {from} at depth {depth}");
        match want {
            Ok(_) => ended += 1,
            Err(_) => failed += 1,
        }
    }
    // The stream must exercise both outcomes in numbers, or the test proves little.
    assert!(
        ended > 20_000 && failed > 20_000,
        "{ended} ended, {failed} failed"
    );
}

#[test]
fn skip_takes_the_deepest_nesting_and_refuses_one_more() {
    let deepest: Vec<u8> = [[0x81u8; 16].as_slice(), &[0x00]].concat();
    assert_eq!(outcome(skip, &deepest, 0, 0), Ok(17));
    let deeper: Vec<u8> = [[0x81u8; 17].as_slice(), &[0x00]].concat();
    assert_eq!(
        outcome(skip, &deeper, 0, 0),
        Err((ErrorKind::InvalidCbor, 17))
    );
    let maps: Vec<u8> = [[0xbf, 0x00].repeat(16).as_slice(), &[0x00], &[0xff; 16]].concat();
    assert_eq!(outcome(skip, &maps, 0, 0), Ok(maps.len()));
    // A break where a map's value belongs.
    assert_eq!(
        outcome(skip, &[0xbf, 0x00, 0xff], 0, 0),
        Err((ErrorKind::InvalidCbor, 2))
    );
}
