//! Randomized agreement tests between the TLV code paths that must give the same results: the one-pass writer for
//! records in path order against the general writer, and the one-pass decoders (`decode_into`, `decode_each`,
//! `decode_to_vec`) against the iterator of a validated frame. Inputs are fixed frames, mutated by a fixed
//! pseudo-random stream, so every run checks the same cases.
//! They need `alloc` (`hex`, `decode_to_vec`).
#![cfg(feature = "alloc")]

use crate::{tlv, Path, Record, Registry, Value};
use ucifi_testkit::Stream;

/// Frames with the path they are read at: the Device example of the TLV specification (`/3/0`), a water-meter
/// reading with its object-instance wrapper (`/3424`), a multiple resource alone (`/3/0/6`), a resource instance.
const FRAMES: [(&str, &str); 5] = [
    (
        "c800144f70656e204d6f62696c6520416c6c69616e6365c801164c69676874776569676874204d324d20436c69656e74c802\
         09333435303030313233c303312e30860641000141010588070842000ed842011388870841007d42010384c10964c10a0f83\
         0b410000c40d5182428fc60e2b30323a3030c11055",
        "/3/0",
    ),
    (
        "080030c801084097cd810624dd2fc40400173eb0c808083f3bda5119ce075fc10900c10a00c10b00e4158e69248100e117a162",
        "/3424",
    ),
    ("8606410001410105", "/3/0/6"),
    ("410105", "/3/0/6/1"),
    ("08000ac10901e4158e69248100080103c10a01", "/3424"),
];

fn frames() -> Vec<(Vec<u8>, Path)> {
    FRAMES
        .iter()
        .map(|(h, p)| (hex::decode(h).unwrap(), p.parse().unwrap()))
        .collect()
}

fn same(a: &[Record<'_>], b: &[Record<'_>]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.path == y.path && x.value.same_as(&y.value) && x.resource == y.resource)
}

/// Request paths worth trying for records of `path`'s object.
fn requests(path: &Path) -> Vec<Path> {
    let o = path.object();
    vec![
        *path,
        Path::object_path(o),
        Path::instance_path(o, 0),
        Path::resource_path(o, 0, path.resource().unwrap_or(6)),
        Path::resource_instance_path(o, 0, 6, 1),
    ]
}

#[test]
fn one_pass_decoders_match_the_iterator() {
    let mut s = Stream(0x2545_f491_4f6c_dd1d);
    let (mut decoded, mut cases) = (0, 0);
    for (bytes, path) in frames() {
        for request in requests(&path) {
            for round in 0..2000 {
                let mut m = bytes.clone();
                for _ in 0..(round % 4) {
                    let at = s.below(m.len() + 1);
                    match s.below(4) {
                        0 if at < m.len() => m[at] = s.next() as u8,
                        1 => m.truncate(at),
                        2 => m.insert(at, s.next() as u8),
                        _ if at < m.len() => m[at] ^= 1 << s.below(8),
                        _ => {}
                    }
                }
                let iterated: Result<Vec<_>, _> = tlv::decode(&m, &request, &Registry).map(|r| {
                    let n = r.len();
                    let v: Vec<_> = r.collect();
                    assert_eq!(n, v.len());
                    v
                });
                let to_vec = tlv::decode_to_vec(&m, &request, &Registry);
                match (&iterated, &to_vec) {
                    (Ok(a), Ok(b)) => assert!(same(a, b), "{}", hex::encode(&m)),
                    (a, b) => assert_eq!(a.as_ref().err(), b.as_ref().err(), "{}", hex::encode(&m)),
                }
                let mut each = Vec::new();
                let counted = tlv::decode_each(&m, &request, &Registry, |r| each.push(r));
                match (&iterated, counted) {
                    (Ok(a), Ok(n)) => {
                        assert!(n == a.len() && same(a, &each), "{}", hex::encode(&m))
                    }
                    (a, n) => assert_eq!(a.as_ref().err(), n.as_ref().err(), "{}", hex::encode(&m)),
                }
                for cap in [0, 1, 40] {
                    let mut out = vec![Record::new(Path::object_path(0), Value::None); cap];
                    let n = tlv::decode_into(&m, &request, &Registry, &mut out);
                    match (&iterated, n) {
                        (Ok(a), Ok(n)) => assert!(same(a, &out[..n])),
                        (Ok(a), Err(e)) => assert_eq!((e.offset(), cap < a.len()), (a.len(), true)),
                        (Err(a), Err(e)) => assert_eq!(*a, e),
                        (Err(a), Ok(_)) => panic!("{}: {a:?}", hex::encode(&m)),
                    }
                }
                decoded += usize::from(iterated.is_ok());
                cases += 1;
            }
        }
    }
    assert!(
        decoded > cases / 20 && decoded < cases * 9 / 10,
        "{decoded} of {cases}"
    );
}

/// The one-pass writer (feature `tlv-fast`) against the general writer.
#[cfg(feature = "tlv-fast")]
mod one_pass_writer {
    use super::*;
    use crate::registry::Model;
    use crate::tlv::writer::encode_general;
    use crate::{ErrorKind, ObjLnk};

    /// One random change to a record list: reorder, duplicate, retype, move, drop, or add a second instance.
    fn mutate<'a>(m: &mut Vec<Record<'a>>, s: &mut Stream, text: &'a str, blob: &'a [u8]) {
        if m.is_empty() {
            return;
        }
        let i = s.below(m.len());
        match s.below(7) {
            0 => {
                let j = s.below(m.len());
                m.swap(i, j);
            }
            1 => {
                let r = m[i];
                let at = s.below(m.len());
                m.insert(at, r);
            }
            2 => {
                m[i].value = match s.below(10) {
                    0 => Value::Integer(s.next() as i64 >> s.below(64)),
                    1 => Value::Unsigned(s.next() >> s.below(64)),
                    2 => Value::Float([1.5, 0.1, f64::NAN][s.below(3)]),
                    3 => Value::Boolean(s.below(2) == 0),
                    4 => Value::String(&text[..s.below(text.len())]),
                    5 => Value::Opaque(&blob[..s.below(blob.len())]),
                    6 => Value::Time(s.next() as i64 >> s.below(64)),
                    7 => Value::ObjLnk(ObjLnk {
                        object: s.next() as u16,
                        instance: 3,
                    }),
                    8 => Value::CoreLnk(&text[..s.below(4)]),
                    _ => Value::None,
                }
            }
            3 => {
                let mut ids = m[i].path.ids().to_vec();
                let at = s.below(ids.len());
                ids[at] = match s.below(3) {
                    0 => ids[at].wrapping_add(1),
                    1 => ids[at].wrapping_sub(1),
                    _ => s.next() as u16,
                };
                m[i].path = Path::from_ids(&ids).unwrap();
            }
            4 => {
                let mut ids = m[i].path.ids().to_vec();
                if ids.len() == 4 {
                    ids.pop();
                } else {
                    ids.push(s.below(3) as u16);
                }
                m[i].path = Path::from_ids(&ids).unwrap();
            }
            5 => {
                m.remove(i);
            }
            _ => {
                let mut r = m[i];
                let mut ids = r.path.ids().to_vec();
                if ids.len() >= 2 {
                    ids[1] = s.below(3) as u16;
                }
                r.path = Path::from_ids(&ids).unwrap();
                m.push(r);
            }
        }
        if s.below(3) > 0 {
            m.sort_by_key(|r| r.path);
        }
    }

    #[test]
    fn sorted_writer_matches_general_writer() {
        let mut s = Stream(0x9e37_79b9_7f4a_7c15);
        let text = "Open Mobile Alliance, a long enough text";
        let blob = [7u8; 300];
        let (mut written, mut cases) = (0, 0);
        for (bytes, path) in frames() {
            let base: Vec<Record<'_>> = tlv::decode(&bytes, &path, &Registry).unwrap().collect();
            for request in requests(&path) {
                let object = Registry.object(request.object());
                for round in 0..400 {
                    let mut records = base.clone();
                    for _ in 0..(round % 3) {
                        mutate(&mut records, &mut s, text, &blob);
                    }
                    for cap in [0, 3, 20, 64, 121, 1000] {
                        let (mut a, mut b) = (vec![0u8; cap], vec![0u8; cap]);
                        let fast =
                            tlv::encode(&records, &request, &Registry, &mut a).map(<[u8]>::to_vec);
                        let general =
                            encode_general(&records, &request, object, &mut b).map(<[u8]>::to_vec);
                        assert_eq!(fast, general, "{request} cap {cap}: {records:?}");
                        let len = tlv::encoded_len(&records, &request, &Registry);
                        match &general {
                            Err(e) if e.kind() == ErrorKind::BufferTooSmall => {
                                assert_eq!(len, Ok(e.offset()));
                            }
                            _ => assert_eq!(len.ok(), general.as_ref().ok().map(Vec::len)),
                        }
                        written += usize::from(fast.is_ok());
                        cases += 1;
                    }
                }
            }
        }
        // Both outcomes must be well represented, or the test proves little.
        assert!(
            written > cases / 10 && written < cases * 9 / 10,
            "{written} of {cases}"
        );
    }
}
