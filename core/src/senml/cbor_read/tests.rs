//! Randomized agreement test of the reader's quick path (`quick.rs`) against the general path it falls back to:
//! every SenML-CBOR vector and two benchmark packs, mutated by a fixed pseudo-random stream, are decoded with and
//! without the quick path; records (path, value, model link, time) and errors (kind and offset) must be the same,
//! and the iterator of `decode` (which takes the quick path without the checks) must give the records again.

// Helpers outside #[test] functions unwrap and index too.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use std::vec::Vec;
use ucifi_testkit::Stream;

use super::{decode, decode_into, Walker};
use crate::error::{Error, ErrorKind};
use crate::path::Path;
use crate::registry::Registry;
use crate::value::{Record, Value};

/// The vector files of `vectors/senml-cbor`.
const VECTORS: [&str; 7] = [
    include_str!("../../../../vectors/senml-cbor/pack.json"),
    include_str!("../../../../vectors/senml-cbor/errors.json"),
    include_str!("../../../../vectors/senml-cbor/precedence.json"),
    include_str!("../../../../vectors/senml-cbor/spec.json"),
    include_str!("../../../../vectors/senml-cbor/types.json"),
    include_str!("../../../../vectors/senml-cbor/ucifi.json"),
    include_str!("../../../../vectors/senml-cbor/fuzz-regressions.json"),
];

/// The Device `/3/0` example (LwM2M Core 1.1.1 §7.4.5) and the uCIFI water-meter reading of the benches, with times
/// added (`bt` on the first record, `t` on two others) and a `bn` ending without `/` on a one-record pack.
const PACKS: [(&str, &str); 4] = [
    (
        "90a321652f332f302f00613003744f70656e204d6f62696c6520416c6c69616e6365a200613103764c6967687477656967687420\
         4d324d20436c69656e74a20061320369333435303030313233a20061330363312e30a20063362f300201a20063362f310205a2\
         0063372f3002190ed8a20063372f3102191388a20063382f3002187da20063382f3102190384a2006139021864a20062313002\
         0fa2006431312f300200a200623133021a5182428fa20062313403662b30323a3030a200623136036155",
        "/3/0",
    ),
    (
        "88a321682f333432342f302f00613102fb4097cd810624dd2fa2006134021a00173eb0a200613802fb3f3bda5119ce075fa20061\
         3904f4a20062313004f4a20062313104f4a2006435353138021a69248100a2006436303439021862",
        "/3424",
    ),
    (
        "83a421682f333432342f302f221a692481000061310201a300613102020621a3006131020306f93e00",
        "/3424/0",
    ),
    ("81a221692f333432342f302f3102f94400", "/3424"),
];

/// The string value of `"key": "…"` in `text`, if there.
fn field<'t>(text: &'t str, key: &str) -> Option<&'t str> {
    let at = text.find(&*std::format!("\"{key}\": \""))? + key.len() + 5;
    let rest = text.get(at..)?;
    rest.get(..rest.find('"')?)
}

/// Every input with the request paths to read it at (the vectors' cases read as text: one `"id"` each).
pub(super) fn inputs() -> Vec<(Vec<u8>, Vec<Option<Path>>)> {
    let mut all = Vec::new();
    for file in VECTORS {
        for case in file.split("\"id\":").skip(1) {
            let Some(h) = field(case, "hex") else {
                continue;
            };
            let path = field(case, "path").map(|p| p.parse().unwrap());
            all.push((hex::decode(h).unwrap(), vec![path, None]));
        }
    }
    assert!(all.len() > 200, "{} vectors", all.len());
    for (h, p) in PACKS {
        let p: Path = p.parse().unwrap();
        let wrong = Path::object_path(p.object() + 1);
        all.push((hex::decode(h).unwrap(), vec![Some(p), None, Some(wrong)]));
    }
    all
}

/// `decode_into` on the general path only.
fn decode_general<'a>(
    input: &'a [u8],
    request: Option<&Path>,
    out: &mut [Record<'a>],
) -> Result<usize, Error> {
    let mut walker = Walker::new(input, request, &Registry)?;
    let mut n = 0usize;
    let mut spare = Record::new(Path::object_path(0), Value::None);
    loop {
        let slot = out.get_mut(n).unwrap_or(&mut spare);
        if !walker.read_with(true, false, slot)? {
            break;
        }
        n += 1;
    }
    if n > out.len() {
        return Err(Error::new(ErrorKind::BufferTooSmall, n));
    }
    Ok(n)
}

pub(super) fn same(a: &[Record<'_>], b: &[Record<'_>]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.path == y.path
                && x.value.same_as(&y.value)
                && x.value.data_type() == y.value.data_type()
                && x.resource.map(|r| r as *const _) == y.resource.map(|r| r as *const _)
                && x.time.map(f64::to_bits) == y.time.map(f64::to_bits)
        })
}

/// One random change: a byte replaced, the input cut, a byte inserted, a bit flipped, or a record's byte set to a
/// value the quick path looks at (a label, a string or number head, a path character).
pub(super) fn mutate(m: &mut Vec<u8>, s: &mut Stream) {
    const INTERESTING: [u8; 24] = [
        0x00, 0x02, 0x03, 0x04, 0x06, 0x21, 0x22, 0x24, 0x25, 0x61, 0x62, 0x78, 0x18, 0x1b, 0x3b,
        0xf4, 0xf9, 0xfb, 0xa2, 0xa3, b'/', b'0', b'9', 0xc1,
    ];
    let at = s.below(m.len() + 1);
    match s.below(5) {
        0 if at < m.len() => m[at] = s.next() as u8,
        1 => m.truncate(at),
        2 => m.insert(at, s.next() as u8),
        3 if at < m.len() => m[at] = INTERESTING[s.below(INTERESTING.len())],
        _ if at < m.len() => m[at] ^= 1 << s.below(8),
        _ => {}
    }
}

#[test]
fn quick_path_matches_general_path() {
    let mut s = Stream(0x9e37_79b9_7f4a_7c15);
    let (mut decoded, mut cases) = (0usize, 0usize);
    for (bytes, requests) in inputs() {
        for request in requests {
            for round in 0..300 {
                let mut m = bytes.clone();
                for _ in 0..(round % 4) {
                    mutate(&mut m, &mut s);
                }
                let show = || hex::encode(&m);
                let empty = Record::new(Path::object_path(0), Value::None);
                let (mut a, mut b) = (vec![empty; 40], vec![empty; 40]);
                let quick = decode_into(&m, request.as_ref(), &Registry, &mut a);
                let general = decode_general(&m, request.as_ref(), &mut b);
                assert_eq!(quick, general, "{}", show());
                if let Ok(n) = quick {
                    assert!(same(&a[..n], &b[..n]), "{}", show());
                    let it = decode(&m, request.as_ref(), &Registry).unwrap();
                    assert_eq!(it.len(), n);
                    let iterated: Vec<_> = it.collect();
                    assert!(same(&iterated, &b[..n]), "{}", show());
                    decoded += 1;
                } else {
                    assert_eq!(decode(&m, request.as_ref(), &Registry).err(), general.err());
                }
                cases += 1;
            }
        }
    }
    assert!(
        decoded > cases / 10 && decoded < cases * 9 / 10,
        "{decoded} of {cases}"
    );
}

#[test]
fn base_names_read_as_fed() {
    use crate::senml::name::NameState;
    let fed = |bn: &[u8]| {
        let mut s = NameState::EMPTY;
        s.feed(bn);
        s
    };
    let same = |bn: &[u8]| {
        let (a, b) = (NameState::of_base(bn), fed(bn));
        assert_eq!(a.finish(), b.finish(), "{:?}", String::from_utf8_lossy(bn));
        assert_eq!(a.clean(), b.clean(), "{:?}", String::from_utf8_lossy(bn));
        assert_eq!(
            a.append(b"7"),
            b.append(b"7"),
            "{:?}",
            String::from_utf8_lossy(bn)
        );
    };
    let fixed: [&[u8]; 16] = [
        b"/3/0/",
        b"/3424/0/",
        b"/",
        b"//",
        b"/3//",
        b"/65535/",
        b"/65536/",
        b"/000001/",
        b"/00007/",
        b"/1/2/3/4/",
        b"/1/2/3/4/5/",
        b"/1/2/3/",
        b"3/0/",
        b"/3/0",
        b"/a/",
        b"",
    ];
    for bn in fixed {
        same(bn);
    }
    let mut s = Stream(0x2545_f491_4f6c_dd1d);
    for _ in 0..20_000 {
        let len = s.below(14);
        let bn: Vec<u8> = (0..len).map(|_| b"//0123456789a"[s.below(13)]).collect();
        same(&bn);
    }
}
