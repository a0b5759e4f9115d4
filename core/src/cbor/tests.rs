//! Unit tests of the shared CBOR leaf helpers.

use super::*;

fn enc(f: impl FnOnce(&mut Enc<'_>)) -> std::vec::Vec<u8> {
    let mut buf = [0u8; 32];
    let mut out = Out::new(&mut buf);
    f(&mut out);
    out.finish().unwrap().to_vec()
}

#[test]
fn narrowest_exact_float() {
    assert_eq!(enc(|e| write_float(e, 1.5)), [0xf9, 0x3e, 0x00]);
    assert_eq!(
        enc(|e| write_float(e, 100000.0)),
        [0xfa, 0x47, 0xc3, 0x50, 0x00]
    );
    assert_eq!(enc(|e| write_float(e, 0.1)).len(), 9);
    assert_eq!(enc(|e| write_float(e, -0.0)), [0xf9, 0x80, 0x00]);
    assert_eq!(enc(|e| write_float(e, f64::INFINITY)), [0xf9, 0x7c, 0x00]);
}

/// The integer narrowing gives what converting to half or single and back gives: the same answer for every value
/// (zeros, infinities, quiet and signalling NaNs, normal and subnormal results, overflow, underflow).
#[test]
fn narrowing_agrees_with_conversion() {
    let mut values = std::vec![
        0.0,
        -0.0,
        1.5,
        0.1,
        65504.0,
        65520.0,
        5.960464477539063e-8,
        2.9802322387695312e-8,
        8.940696716308594e-8,
        6.103515625e-5,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        -f64::NAN,
        f64::MAX,
        f64::MIN_POSITIVE,
        1e-310,
        f64::from(f32::MAX),
        f64::from(f32::MIN_POSITIVE),
        1.401298464324817e-45,
        7e-46,
        f64::from_bits(0x7ff0_0000_0000_0001),
        f64::from_bits(0x7ff4_0000_0000_0000),
        f64::from_bits(0x7ffc_0000_0000_0000),
        f64::from_bits(0xfff8_0000_2000_0000),
        f64::from_bits(0x7ff8_0400_0000_0000),
    ];
    // Pseudo-random values with exponents around both narrow ranges and mantissas of every length.
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..200_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let exp = match state % 4 {
            0 => 1023 - 30 + (state >> 8) % 50,
            1 => 1023 - 160 + (state >> 8) % 300,
            2 => 0x7ff,
            _ => (state >> 8) % 0x800,
        };
        let keep = (state >> 20) % 53;
        let man = (state >> 11) & ((1 << 52) - 1) & !((1u64 << (52 - keep)) - 1);
        values.push(f64::from_bits((state & 1 << 63) | exp << 52 | man));
    }
    for x in values {
        let single = x as f32;
        let want = (f64::from(single).to_bits() == x.to_bits()).then_some(single.to_bits());
        assert_eq!(exact_f32(x), want, "single {:#x}", x.to_bits());
        for narrow in [narrow_bits_wide, |x, e, m| {
            narrow_bits_small(x, e, m).map(u64::from)
        }] {
            assert_eq!(
                narrow(x, 8, 23),
                want.map(u64::from),
                "single {:#x}",
                x.to_bits()
            );
        }
        let half = half::f16::from_f64(x);
        let want = (half.to_f64().to_bits() == x.to_bits()).then_some(u64::from(half.to_bits()));
        assert_eq!(narrow_bits(x, 5, 10), want, "half {:#x}", x.to_bits());
        assert_eq!(narrow_bits_wide(x, 5, 10), want, "half {:#x}", x.to_bits());
        assert_eq!(
            narrow_bits_small(x, 5, 10).map(u64::from),
            want,
            "half {:#x}",
            x.to_bits()
        );
    }
}

/// Doubles near every boundary the integer tests meet: zeros, 1, 2^52..2^54, 2^63, 2^64, 2^127, fractions,
/// infinities, NaN, and pseudo-random bit patterns with exponents around them.
fn test_doubles() -> std::vec::Vec<f64> {
    let mut values = std::vec![
        0.0,
        -0.0,
        0.5,
        -0.5,
        1.0,
        -1.0,
        1.5,
        4503599627370496.5,
        9007199254740993.0,
        9_223_372_036_854_775_808.0,
        -9_223_372_036_854_775_808.0,
        18_446_744_073_709_551_616.0,
        -18_446_744_073_709_551_616.0,
        1.7e38,
        1.8e38,
        -1.7e38,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NAN,
        f64::MIN_POSITIVE,
        f64::MAX,
        1e-310,
    ];
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for _ in 0..200_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let exp = 1023 - 4 + (state >> 8) % 136;
        let keep = (state >> 20) % 53;
        let man = (state >> 11) & ((1 << 52) - 1) & !((1u64 << (52 - keep)) - 1);
        values.push(f64::from_bits((state & 1 << 63) | exp << 52 | man));
    }
    values
}

/// `f` as an i64 if it is one exactly, as [`typed_number`] takes it.
fn integral_i64(f: f64) -> Option<i64> {
    integer(f).and_then(|i| i64::try_from(i).ok())
}

/// `f` as a u64 if it is one exactly (−0.0 is 0), as [`typed_number`] takes it.
fn integral_u64(f: f64) -> Option<u64> {
    integer(f).and_then(|i| u64::try_from(i).ok())
}

/// The integer tests give what the float comparisons and casts they replace give.
#[test]
fn integer_tests_agree_with_casts() {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    for x in test_doubles() {
        let bits = x.to_bits();
        let want = ((-TWO_63..TWO_63).contains(&x) && (x as i64) as f64 == x).then_some(x as i64);
        assert_eq!(integral_i64(x), want, "i64 {bits:#x}");
        let want = ((0.0..TWO_64).contains(&x) && (x as u64) as f64 == x).then_some(x as u64);
        assert_eq!(integral_u64(x), want, "u64 {bits:#x}");
        #[cfg(any(feature = "senml-cbor", feature = "senml-json"))]
        as_number_agrees(x);
    }
}

/// SenML's writer's choice between an integer and a float, against the casts it replaced.
#[cfg(any(feature = "senml-cbor", feature = "senml-json"))]
fn as_number_agrees(x: f64) {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    let bits = x.to_bits();
    {
        let i = x as i64;
        let want = if i as f64 == x && x.abs() < TWO_63 && !(x == 0.0 && x.is_sign_negative()) {
            Number::Int(i)
        } else {
            Number::Float(x)
        };
        assert_eq!(
            crate::senml::fields::as_number(x).to_f64().to_bits(),
            want.to_f64().to_bits(),
            "as_number {bits:#x}"
        );
        assert_eq!(
            matches!(crate::senml::fields::as_number(x), Number::Int(_)),
            matches!(want, Number::Int(_)),
            "as_number {bits:#x}"
        );
    }
}

/// Integers of every width: the exactness test and the rounding give what `as f64` and the cast back give.
#[test]
fn integer_to_double_agrees_with_casts() {
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut ints: std::vec::Vec<i128> =
        std::vec![0, 1, -1, i128::MIN, i128::MAX, 1 << 64, -(1 << 64) - 1];
    for _ in 0..200_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let width = (state >> 3) % 128;
        let wide = i128::from(state) << 64 | i128::from(state.rotate_left(29));
        let mut v = wide >> (127 - width);
        if state & 4 != 0 {
            // Clear the low bits: values that a double holds exactly, and ties when one bit is left below.
            v &= !((1i128 << ((state >> 9) % 75)) - 1);
        }
        ints.push(v);
    }
    for i in ints {
        let f = i as f64;
        assert_eq!(
            exact::round_to_double(i.unsigned_abs()).to_bits(),
            f.abs().to_bits(),
            "round {i}"
        );
        let exact = f.abs() < 1.7e38 && f as i128 == i;
        let n = Number::from_i128(i);
        if let Number::Wide(g) | Number::WideExact(g) = n {
            let e = matches!(n, Number::WideExact(_));
            assert_eq!((g.to_bits(), e), (f.to_bits(), exact), "wide {i}");
        }
        if let Ok(x) = i64::try_from(i) {
            let want = (x as f64 != TWO_64 / 2.0 && (x as f64) as i64 == x).then_some(x as f64);
            assert_eq!(exact_f64(Number::Int(x)), want, "int {i}");
        } else if let Ok(u) = u64::try_from(i) {
            let want = (u as f64 != TWO_64 && (u as f64) as u64 == u).then_some(u as f64);
            assert_eq!(exact_f64(Number::Big(u)), want, "big {i}");
        } else if let Ok(m) = u64::try_from(-1 - i) {
            let g = n_f64(m);
            let want = (g as i128 == i).then_some(g);
            assert_eq!(exact_f64(Number::NegBig(m)), want, "negbig {i}");
        }
    }
}

/// Scaling by a power of ten gives the IEEE product or quotient with the double `10^d`, for doubles of every size
/// (subnormal to near overflow, so results overflow and underflow too) and every d ≤ 22.
#[test]
fn scale10_agrees_with_ieee() {
    const POW10: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let mut values: std::vec::Vec<f64> = test_doubles().into_iter().step_by(25).collect();
    let mut state = 0x0123_4567_89ab_cdefu64;
    for _ in 0..5_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        // Any finite double: subnormals, values near the largest, integers.
        values.push(f64::from_bits(state & !(1 << 62) | (state >> 1 & 1) << 62));
        values.push((state >> 11) as f64);
        values.push(f64::from_bits(state & 0x800f_ffff_ffff_ffff));
    }
    for x in values {
        if x.is_nan() {
            continue;
        }
        for (d, p) in POW10.iter().enumerate() {
            let up = exact::scale10(x, d as u32, true);
            assert_eq!(
                up.to_bits(),
                (x * p).to_bits(),
                "{:#x} * 1e{d}",
                x.to_bits()
            );
            let down = exact::scale10(x, d as u32, false);
            assert_eq!(
                down.to_bits(),
                (x / p).to_bits(),
                "{:#x} / 1e{d}",
                x.to_bits()
            );
        }
    }
}

/// Decimal fractions beyond 10^±22 round at each step of ten, as repeated IEEE operations do.
#[test]
fn decimal_steps_agree_with_ieee() {
    for m in [
        1i64,
        -3,
        7,
        123_456_789,
        i64::MAX,
        i64::MIN,
        9_007_199_254_740_993,
    ] {
        for e in [
            -400i16, -330, -324, -310, -308, -23, 23, 100, 290, 308, 309, 400, 1000,
        ] {
            let mut want = m as f64;
            for _ in 0..e.unsigned_abs().min(400) {
                want = if e >= 0 { want * 10.0 } else { want / 10.0 };
            }
            assert_eq!(
                decimal(Number::Int(m), e).to_bits(),
                want.to_bits(),
                "{m}e{e}"
            );
        }
    }
}

#[test]
fn objlnk_text() {
    for (l, s) in [
        (
            ObjLnk {
                object: 3,
                instance: 0,
            },
            "3:0",
        ),
        (ObjLnk::NULL, "65535:65535"),
        (
            ObjLnk {
                object: 10,
                instance: 7,
            },
            "10:7",
        ),
    ] {
        let bytes = enc(|e| write_objlnk(e, l));
        assert_eq!(&bytes[1..], s.as_bytes());
    }
}

#[test]
fn decimal_fraction_and_typing() {
    // 4([-2, 27315]) = 273.15
    let bytes = [0xc4, 0x82, 0x21, 0x19, 0x6a, 0xb3];
    let n = read_number(&mut Decoder::new(&bytes)).unwrap();
    assert_eq!(n, Number::Float(273.15));
    assert_eq!(
        typed_number(Number::Float(3.0), DataType::Integer, 0).unwrap(),
        Value::Integer(3)
    );
    assert!(typed_number(Number::Float(3.5), DataType::Integer, 0).is_err());
    assert!(typed_number(Number::Int(-1), DataType::Unsigned, 0).is_err());
    assert!(typed_number(Number::Int((1 << 53) + 1), DataType::Float, 0).is_err());
    assert_eq!(
        untyped_number(Number::Big(u64::MAX), 0).unwrap(),
        Value::Unsigned(u64::MAX)
    );
}

/// The i128-based typing this module had before `Number` shrank to 16 bytes: the reference.
fn reference(i: Option<i128>, f: f64, ty: Option<DataType>) -> Option<Value<'static>> {
    let integral = |f: f64| {
        (f.is_finite() && f.abs() < 1.7e38 && (f as i128) as f64 == f).then_some(f as i128)
    };
    let int = i.or_else(|| integral(f));
    Some(match ty {
        None => match i {
            None => Value::Float(f),
            Some(i) => match i64::try_from(i) {
                Ok(x) => Value::Integer(x),
                Err(_) => Value::Unsigned(u64::try_from(i).ok()?),
            },
        },
        Some(DataType::Integer) => Value::Integer(i64::try_from(int?).ok()?),
        Some(DataType::Time) => Value::Time(i64::try_from(int?).ok()?),
        Some(DataType::Unsigned) => Value::Unsigned(u64::try_from(int?).ok()?),
        Some(DataType::Float) => match i {
            None => Value::Float(f),
            Some(i) if (i as f64) as i128 == i && (i as f64).abs() < 1.7e38 => {
                Value::Float(i as f64)
            }
            Some(_) => return None,
        },
        Some(_) => return None,
    })
}

#[test]
fn typing_matches_the_i128_reference() {
    let two = |k: u32| 1i128 << k;
    let mut ints = std::vec::Vec::new();
    for base in [0, two(53), two(62), two(63), two(64), two(65), 3 * two(63)] {
        for d in -3..=3 {
            ints.extend([base + d, -base + d]);
        }
    }
    ints.extend([
        i128::from(i64::MAX),
        i128::from(i64::MIN),
        i128::from(u64::MAX),
        -two(64),
    ]);
    ints.extend([
        two(64) - 2048,
        two(64) - 1024,
        -two(64) + 1024,
        -two(64) - 2048,
        2 * two(64) - 2,
    ]);
    let tys = [
        None,
        Some(DataType::Integer),
        Some(DataType::Time),
        Some(DataType::Unsigned),
        Some(DataType::Float),
        Some(DataType::String),
    ];
    let check = |n: Number, i: Option<i128>, f: f64| {
        for ty in tys {
            let got = match ty {
                Some(t) => typed_number(n, t, 0).ok(),
                None => untyped_number(n, 0).ok(),
            };
            let want = reference(i, f, ty);
            assert!(
                got.map(|v| (v.data_type(), format!("{v:?}")))
                    == want.map(|v| (v.data_type(), format!("{v:?}"))),
                "{n:?} {ty:?}: {got:?} != {want:?}"
            );
        }
    };
    for i in ints {
        let n = Number::from_i128(i);
        assert_eq!(n.to_f64().to_bits(), (i as f64).to_bits(), "{i}");
        if i.unsigned_abs() <= 1u128 << 64 && i < two(64) {
            assert_eq!(n.int(), Some(i));
            check(n, Some(i), 0.0);
        } else {
            // A wide sum: typed like the reference's out-of-range integer.
            check(n, Some(i), 0.0);
        }
        check(Number::Float(i as f64), None, i as f64);
    }
    for f in [
        0.5,
        -0.0,
        1e300,
        -1e300,
        f64::NAN,
        f64::INFINITY,
        9.2e18,
        -9.3e18,
        1.8e19,
        1.9e19,
    ] {
        check(Number::Float(f), None, f);
    }
}

#[test]
fn out_counts_past_the_end() {
    let mut buf = [0u8; 2];
    let mut out = Out::new(&mut buf);
    write_leaf(&mut out, &Value::String("abcd"));
    assert_eq!(out.len(), 5);
    assert_eq!(
        out.finish().unwrap_err(),
        Error::new(ErrorKind::BufferTooSmall, 5)
    );
}

/// The integer widening gives what the conversion gives, to the bit: every half-precision pattern, and single
/// precision across its range (a stride through every pattern, and every exponent with the mantissa's edges and
/// single bits: zeros, subnormals, normals, infinities, quiet and signalling NaNs of both signs).
#[test]
fn widening_agrees_with_conversion() {
    for b in 0..=u16::MAX {
        let want = f64::from(half::f16::from_bits(b).to_f32());
        assert_eq!(
            widen_bits(u32::from(b), 5, 10).to_bits(),
            want.to_bits(),
            "half {b:#06x}"
        );
    }
    let mut singles: std::vec::Vec<u32> = (0..u32::MAX / 65_521).map(|k| k * 65_521).collect();
    for sign in [0, 1u32 << 31] {
        for exp in [0u32, 1, 2, 126, 127, 128, 253, 254, 255] {
            for man in [
                0u32, 1, 2, 3, 0x7f_ffff, 0x40_0000, 0x3f_ffff, 0x40_0001, 0x00_ffff,
            ] {
                singles.push(sign | exp << 23 | man);
            }
            for bit in 0..23 {
                singles.push(sign | exp << 23 | 1 << bit);
            }
        }
    }
    for b in singles {
        let want = f64::from(f32::from_bits(b));
        assert_eq!(
            widen_bits(b, 8, 23).to_bits(),
            want.to_bits(),
            "single {b:#010x}"
        );
    }
}

/// The integer addition gives what the addition instruction gives, to the bit, except the sign of the NaN of
/// ∞ − ∞: zeros, subnormals, ties, carries into the exponent and to ∞, cancellation, NaNs, and pseudo-random pairs
/// with exponents from equal to far apart.
#[test]
fn addition_agrees_with_ieee() {
    // Every pair of the boundary doubles of `test_doubles` (its first entries, before the random ones) and these.
    let mut values: std::vec::Vec<f64> = test_doubles().into_iter().take(120).collect();
    values.extend([
        f64::MIN_POSITIVE,
        -f64::MIN_POSITIVE,
        f64::from_bits(1),
        f64::from_bits(0x000f_ffff_ffff_ffff),
        f64::MAX,
        -f64::MAX,
        f64::EPSILON,
        1.0 + f64::EPSILON,
        f64::from_bits(0x7ff4_0000_0000_0001),
        f64::from_bits(0xfff8_0000_0000_0002),
    ]);
    let mut state = 0x6a09_e667_f3bc_c909u64;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut pairs: std::vec::Vec<(f64, f64)> = std::vec::Vec::new();
    for &a in &values {
        for &b in &values {
            pairs.push((a, b));
        }
    }
    for _ in 0..400_000 {
        let a = next();
        let b = next();
        // The second exponent near the first (cancellation, carries, sticky bits) or anywhere.
        let spread = [0, 1, 2, 3, 53, 60, 64, 0x7ff][(b >> 60) as usize % 8];
        // One in eight near the subnormals, the rest anywhere.
        let ea = if a >> 61 == 0 {
            (a >> 40) % 4
        } else {
            (a >> 52) & 0x7ff
        };
        let a = (a & !(0x7ff << 52)) | ea << 52;
        let eb = if spread == 0x7ff {
            (b >> 52) & 0x7ff
        } else {
            (ea + (b >> 40) % (spread + 1)).min(0x7fe)
        };
        let keep = (b >> 20) % 53;
        let mb = b & ((1 << 52) - 1) & !((1u64 << (52 - keep)) - 1);
        pairs.push((
            f64::from_bits(a),
            f64::from_bits((b & 1 << 63) | eb << 52 | mb),
        ));
    }
    for (a, b) in pairs {
        for (x, y) in [(a, b), (b, a), (a, -b)] {
            let want = x + y;
            let got = float::add_bits(x, y);
            if x.is_infinite() && y.is_infinite() && want.is_nan() {
                assert_eq!(got.to_bits(), 0x7ff8_0000_0000_0000, "{x:e} + {y:e}");
            } else {
                assert_eq!(
                    got.to_bits(),
                    want.to_bits(),
                    "{:#x} + {:#x}",
                    x.to_bits(),
                    y.to_bits()
                );
            }
        }
    }
}

/// The integer-to-double rounding gives what `as f64` gives: every power of two and its neighbours, the ties at
/// 2^53 and above, and pseudo-random integers of every length, both signs.
#[test]
fn integer_to_double_rounds_as_the_cast() {
    let mut values: std::vec::Vec<u64> =
        std::vec![0, 1, u64::MAX, (1 << 53) + 1, (1 << 54) + 2, (1 << 54) + 6];
    for k in 0..64 {
        let p = 1u64 << k;
        values.extend([p, p - 1, p + 1, p | (p >> 1), p | 1]);
    }
    let mut state = 0xbb67_ae85_84ca_a73bu64;
    for _ in 0..100_000 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        values.push(state >> (state % 64));
    }
    for u in values {
        assert_eq!(
            exact::int_to_double(u, false).to_bits(),
            (u as f64).to_bits(),
            "{u}"
        );
        let neg = exact::int_to_double(u, true);
        let want = if u == 0 { 0.0 } else { -(u as f64) };
        assert_eq!(neg.to_bits(), want.to_bits(), "-{u}");
    }
}
