//! The in-place checks (`Chunked::Check`, `objlnk_in_place`) give what a join gives: the same errors at the same
//! offsets, the same room taken, the same object links; and their UTF-8 check, read in place, what `from_utf8` gives
//! over the joined bytes.

use minicbor::Decoder;

use super::{objlnk_in_place, read_chunked, Chunked, Chunks};
use crate::error::{Error, ErrorKind};
use crate::value::ObjLnk;

/// A small deterministic generator (xorshift).
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> usize {
        (self.next() % n) as usize
    }
}

/// Content bytes: mostly ASCII digits and `:` (object links), valid multi-byte characters and stray bytes.
fn content(g: &mut Gen) -> Vec<u8> {
    let mut out = Vec::new();
    for _ in 0..g.below(14) {
        match g.below(10) {
            0..=3 => out.push(b"0123456789"[g.below(10)]),
            4 => out.push(b':'),
            5 => out.push(b"a+ -"[g.below(4)]),
            6 => {
                let c = ['é', '€', '𝄞', '\u{7ff}', '\u{ffff}', '\u{10ffff}'][g.below(6)];
                out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
            }
            _ => out.push(g.next() as u8),
        }
    }
    out
}

/// A chunked string of `major` (2 bytes, 3 text) over `data`, cut into chunks at random, sometimes malformed (a
/// chunk of the other major type, a missing break); the frame bytes and where the string's head is.
fn frame(g: &mut Gen, data: &[u8], major: u8) -> Vec<u8> {
    let mut out = vec![0x00, (major << 5) | 31];
    let mut rest = data;
    while !rest.is_empty() {
        let n = 1 + g.below(rest.len() as u64);
        let (chunk, tail) = rest.split_at(n);
        let m = if g.below(40) == 0 { 5 - major } else { major };
        if n < 24 {
            out.push((m << 5) | n as u8);
        } else {
            out.extend_from_slice(&[(m << 5) | 24, n as u8]);
        }
        out.extend_from_slice(chunk);
        rest = tail;
    }
    if g.below(30) != 0 {
        out.push(0xff);
    }
    out
}

/// The reference for UTF-8 over a chunked text string whose structure is sound (its head at 1): the chunks joined,
/// `from_utf8` over them, and the index it stops at taken back to the input (`Err` with that offset).
fn utf8_reference(input: &[u8]) -> Result<(), usize> {
    let chunks = || Chunks {
        input,
        major: 3,
        pos: 2,
    };
    let ranges: Vec<(usize, usize)> = chunks().map_while(|c| c.ok().flatten()).collect();
    let joined: Vec<u8> = ranges
        .iter()
        .flat_map(|&(s, e)| input[s..e].to_vec())
        .collect();
    let Err(u) = core::str::from_utf8(&joined) else {
        return Ok(());
    };
    let mut k = u.valid_up_to();
    for &(s, e) in &ranges {
        if k < e - s {
            return Err(s + k);
        }
        k -= e - s;
    }
    Err(ranges.last().map_or(0, |&(_, e)| e))
}

#[test]
fn check_in_place_is_join() {
    let mut g = Gen(0x9e37_79b9_7f4a_7c15);
    let mut seen = [0usize; 4];
    for _ in 0..200_000 {
        let text = g.below(4) != 0;
        let data = content(&mut g);
        let input = frame(&mut g, &data, if text { 3 } else { 2 });
        let room = g.below(16);
        let mut buf = vec![0u8; room];
        let mut join = Chunked::Join(&mut buf);
        let mut d = Decoder::new(&input);
        d.set_position(1);
        let joined = read_chunked(&mut d, text, &mut join).map(|b| b.map(<[u8]>::to_vec));
        let join_at = d.position();
        let Chunked::Join(left) = join else {
            unreachable!()
        };
        let join_left = left.len();
        let mut check = Chunked::Check(room);
        let mut d = Decoder::new(&input);
        d.set_position(1);
        let checked = read_chunked(&mut d, text, &mut check);
        let Chunked::Check(check_left) = check else {
            unreachable!()
        };
        // UTF-8 (both read it in place) against `from_utf8` over the joined bytes.
        let utf8_stage = match &joined {
            Ok(_) => true,
            Err(e) => e.kind().name() == "INVALID_UTF8",
        };
        if text && utf8_stage {
            let want = utf8_reference(&input).map_err(|at| Error::new(ErrorKind::InvalidUtf8, at));
            assert_eq!(
                joined.as_ref().map(|_| ()).map_err(|e| *e),
                want,
                "{input:02x?}"
            );
        }
        match (&joined, &checked) {
            (Ok(Some(bytes)), Ok(None)) => {
                assert_eq!(
                    (join_at, join_left),
                    (d.position(), check_left),
                    "{input:02x?}"
                );
                seen[0] += 1;
                if text {
                    let s = core::str::from_utf8(bytes).unwrap();
                    assert_eq!(
                        ObjLnk::parse(s).is_some(),
                        objlnk_in_place(&input, 1),
                        "{s:?}"
                    );
                    seen[1] += usize::from(ObjLnk::parse(s).is_some());
                }
            }
            (Err(a), Err(b)) => {
                assert_eq!(a, b, "{input:02x?}");
                seen[2 + usize::from(a.kind().name() == "INVALID_UTF8")] += 1;
            }
            _ => panic!("{input:02x?}: join {joined:?}, check {checked:?}"),
        }
    }
    // Every outcome is exercised: strings read, object links among them, other errors, UTF-8 errors.
    assert!(seen.iter().all(|&n| n > 200), "{seen:?}");
}
