//! The slice reader of numbers ([`number_at`]) against a reference that reads through minicbor's decoder (the way
//! the reader worked before it read the bytes directly): the same number, end position, error kind and offset for
//! every input of one and two bytes, every tag-1 and tag-4 head with every following byte, and pseudo-random inputs.
//! [`initial`] and [`malformed`] against minicbor's `Decoder::datatype` for every input of up to three bytes. And
//! the writer's heads and leaves ([`Out::head`], [`write_leaf`]) against minicbor's encoder, which wrote them before.

use super::*;
use minicbor::data::Type;

/// minicbor's type of the next item, once [`initial`] has found its head whole.
fn peek(d: &Decoder<'_>) -> Result<Type, Error> {
    initial(d)?;
    Ok(d.datatype().unwrap())
}

/// The reference: a number read with minicbor's type of the next item.
fn reference(d: &mut Decoder<'_>, tagged: bool) -> Result<Number, Error> {
    let at = d.position();
    let kind = peek(d)?;
    let input = d.input();
    let (arg, next) = argument(input, at);
    let number = match kind {
        Type::U8
        | Type::U16
        | Type::U32
        | Type::U64
        | Type::I8
        | Type::I16
        | Type::I32
        | Type::I64
        | Type::Int => Number::cbor_int(input.get(at).is_some_and(|b| b >> 5 == 1), arg),
        Type::F16 => Number::Float(f16_to_f64(arg as u16)),
        Type::F32 => Number::Float(f32_to_f64(arg as u32)),
        Type::F64 => Number::Float(f64::from_bits(arg)),
        Type::Tag if !tagged => return Err(Error::new(ErrorKind::InvalidCbor, at)),
        Type::Tag => {
            d.set_position(next);
            return match arg {
                1 => reference(d, false),
                4 => reference_fraction(d, at),
                _ => Err(Error::new(ErrorKind::InvalidCbor, at)),
            };
        }
        _ => return Err(Error::new(ErrorKind::TypeMismatch, at)),
    };
    d.set_position(next);
    Ok(number)
}

fn reference_fraction(d: &mut Decoder<'_>, at: usize) -> Result<Number, Error> {
    let content_at = d.position();
    match peek(d)? {
        Type::Array => {}
        Type::ArrayIndef => return Err(Error::new(ErrorKind::InvalidCbor, at)),
        _ => return Err(Error::new(ErrorKind::InvalidCbor, content_at)),
    }
    let (count, next) = argument(d.input(), content_at);
    if count != 2 {
        return Err(Error::new(ErrorKind::InvalidCbor, at));
    }
    d.set_position(next);
    let exp_at = d.position();
    let Some(exponent) = reference(d, false)?.int() else {
        return Err(Error::new(ErrorKind::InvalidCbor, exp_at));
    };
    let mant_at = d.position();
    let mantissa = reference(d, false)?;
    if mantissa.int().is_none() {
        return Err(Error::new(ErrorKind::InvalidCbor, mant_at));
    }
    // Beyond ±400 the scaling is the same (400 steps): `tagged` holds the exponent within ±1,000.
    Ok(Number::Float(decimal(
        mantissa,
        exponent.clamp(-1000, 1000) as i16,
    )))
}

/// The number (by its bits, so NaNs compare) or error, and the end position on success.
fn outcome(r: Result<Number, Error>, end: usize) -> std::string::String {
    match r {
        Ok(Number::Float(f)) => std::format!("float {:#x} end {end}", f.to_bits()),
        Ok(n) => std::format!("{n:?} end {end}"),
        Err(e) => std::format!("{:?} at {}", e.kind(), e.offset()),
    }
}

fn agrees(input: &[u8], start: usize) {
    let mut pos = start;
    let got = outcome(number_at(input, &mut pos), pos);
    let mut d = Decoder::new(input);
    d.set_position(start);
    let want = reference(&mut d, true);
    let end = d.position();
    assert_eq!(got, outcome(want, end), "input {input:02x?} from {start}");
}

#[test]
fn number_reader_agrees_with_the_decoder() {
    for a in 0..=255u8 {
        agrees(&[a], 0);
        for b in 0..=255u8 {
            agrees(&[a, b], 0);
            agrees(&[0x00, a, b], 1);
        }
    }
    // Tags 1 and 4 (one-byte and two-byte heads), with every head after them and a few bytes of content.
    for tag in [
        [0xc1, 0x00],
        [0xc4, 0x00],
        [0xd8, 0x01],
        [0xd8, 0x04],
        [0xd9, 0x00],
    ] {
        for b in 0..=255u8 {
            for c in [
                0x00, 0x01, 0x17, 0x18, 0x20, 0x38, 0xf9, 0xfa, 0xc1, 0x9f, 0xff,
            ] {
                let t = if tag[0] == 0xd9 {
                    &tag[..]
                } else {
                    &tag[..1 + usize::from(tag[0] >> 3 == 0x1b)]
                };
                let mut v = t.to_vec();
                v.extend_from_slice(&[b, c, 0x01, 0x02, 0x03, 0x04]);
                for len in t.len()..=v.len() {
                    agrees(&v[..len], 0);
                }
            }
        }
    }
    // Tag-4 fractions with every kind of exponent and mantissa head.
    for e in 0..=255u8 {
        for m in [
            0x00, 0x17, 0x18, 0x19, 0x1a, 0x1b, 0x20, 0x3b, 0x3c, 0xf9, 0xfb, 0xc1, 0x60,
        ] {
            let v = [
                0xc4, 0x82, e, 0x05, m, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08,
            ];
            for len in 1..=v.len() {
                agrees(&v[..len], 0);
            }
        }
    }
    // Pseudo-random inputs, biased towards tags, arrays and number heads.
    let mut x = 0x2545_f491_4f6c_dd1du64;
    let picks = [
        0xc1, 0xc4, 0x82, 0x9f, 0x83, 0x18, 0x19, 0x1a, 0x1b, 0x38, 0x3b, 0xf9, 0xfa, 0xfb, 0xd8,
    ];
    for _ in 0..200_000 {
        let mut v = std::vec::Vec::new();
        for _ in 0..12 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let r = (x >> 32) as u8;
            v.push(if x & 3 == 0 {
                picks[usize::from(r) % picks.len()]
            } else {
                r
            });
        }
        for len in 1..=v.len() {
            agrees(&v[..len], 0);
        }
    }
}

/// `write_leaf` and `Out::head` give the bytes minicbor's encoder gives: integers of every width and sign (the
/// boundaries of each head size and pseudo-random ones), strings and byte strings of every length class, booleans,
/// null, and array and map heads.
#[test]
fn head_writer_agrees_with_the_encoder() {
    use minicbor::Encoder;
    let ours = |v: &Value<'_>| {
        let mut buf = [0u8; 320];
        let mut out = Out::new(&mut buf);
        write_leaf(&mut out, v);
        out.finish().unwrap().to_vec()
    };
    // minicbor's encoder writing into an `Out` through minicbor's byte sink trait (`Out::write_all`).
    let theirs = |f: &dyn Fn(&mut Encoder<&mut Out<'_>>)| {
        let mut buf = [0u8; 320];
        let mut out = Out::new(&mut buf);
        f(&mut Encoder::new(&mut out));
        out.finish().unwrap().to_vec()
    };
    let mut ints = std::vec![
        0i64,
        1,
        23,
        24,
        255,
        256,
        65535,
        65536,
        0xffff_ffff,
        0x1_0000_0000,
        i64::MAX,
        i64::MIN
    ];
    ints.extend(ints.clone().iter().map(|x| x.wrapping_neg()));
    ints.extend(ints.clone().iter().map(|x| x.wrapping_sub(1)));
    let mut x = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..20_000 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        ints.push((x >> (x % 64)) as i64);
        ints.push(-((x >> (x % 64)) as i64));
    }
    for &i in &ints {
        assert_eq!(ours(&Value::Integer(i)), theirs(&|e| drop(e.i64(i))), "{i}");
        assert_eq!(ours(&Value::Time(i)), theirs(&|e| drop(e.i64(i))), "{i}");
        let u = i as u64;
        assert_eq!(
            ours(&Value::Unsigned(u)),
            theirs(&|e| drop(e.u64(u))),
            "{u}"
        );
        for major in [4u8, 5] {
            let mut buf = [0u8; 9];
            let mut out = Out::new(&mut buf);
            out.head(major, u);
            let want = theirs(&|e| drop(if major == 4 { e.array(u) } else { e.map(u) }));
            assert_eq!(out.finish().unwrap(), &want[..], "{major} {u}");
        }
    }
    let text = "x".repeat(300);
    for n in [0, 1, 23, 24, 255, 256, 300] {
        let s = text.get(..n).unwrap();
        assert_eq!(ours(&Value::String(s)), theirs(&|e| drop(e.str(s))));
        assert_eq!(ours(&Value::CoreLnk(s)), theirs(&|e| drop(e.str(s))));
        assert_eq!(
            ours(&Value::Opaque(s.as_bytes())),
            theirs(&|e| drop(e.bytes(s.as_bytes())))
        );
    }
    for b in [false, true] {
        assert_eq!(ours(&Value::Boolean(b)), theirs(&|e| drop(e.bool(b))));
    }
    assert_eq!(ours(&Value::None), theirs(&|e| drop(e.null())));
    let l = crate::value::ObjLnk {
        object: 3424,
        instance: 65535,
    };
    assert_eq!(
        ours(&Value::ObjLnk(l)),
        theirs(&|e| drop(e.str("3424:65535")))
    );
}

/// `initial` gives the initial byte of every item whose head is there whole (or `UNEXPECTED_END` at the input
/// length for a head cut short), and `malformed` is true exactly where minicbor's type is unknown, for every input
/// of one, two and three bytes, from every position.
#[test]
fn initial_agrees_with_the_decoder() {
    let check = |input: &[u8]| {
        for at in 0..=input.len() {
            let mut d = Decoder::new(input);
            d.set_position(at);
            let head = match input.get(at).map(|b| b & 0x1f) {
                Some(24) => 2,
                Some(25) => 3,
                Some(26) => 5,
                Some(27) => 9,
                _ => 1,
            };
            if input.len() < at + head {
                let end = Err(Error::new(ErrorKind::UnexpectedEnd, input.len()));
                assert_eq!(initial(&d), end, "{input:02x?} at {at}");
                continue;
            }
            let b = input[at];
            assert_eq!(initial(&d), Ok(b), "{input:02x?} at {at}");
            let unknown = matches!(d.datatype().unwrap(), Type::Unknown(_));
            assert_eq!(malformed(b), unknown, "{input:02x?} at {at}");
        }
    };
    for a in 0..=255u8 {
        check(&[a]);
        for b in 0..=255u8 {
            check(&[a, b]);
        }
        for b in [0x00, 0x7f, 0x80, 0xff] {
            for c in [0x00, 0x7f, 0x80, 0xff] {
                check(&[a, b, c]);
            }
        }
    }
}
