//! Binary floats by their bits, for size-first builds: widening half and single floats to double, the narrowest
//! exact float of a double, and the sum of two doubles, each by integer work, so that no soft-float conversion or
//! addition routine is linked on targets without a double-precision FPU. Fast builds (`tlv-fast`, `senml-fast`)
//! use the native operations where they are faster. Each gives what the float operation gives, to the bit
//! (`cbor/tests.rs` compares them over many values).

/// The bits of `x` in the binary float format of `exp_bits` exponent and `man_bits` mantissa bits (half: 5, 10;
/// single: 8, 23) when that format holds `x` exactly: when converting `x` to it and back gives the same bits. A NaN
/// narrows when it is quiet and its payload fits (the conversion keeps the payload's high bits and quiets the NaN).
/// Integer work only: no soft-float conversion routine on targets without a double-precision FPU.
#[inline]
pub(super) fn narrow_bits(x: f64, exp_bits: u32, man_bits: u32) -> Option<u64> {
    #[cfg(any(feature = "tlv-fast", feature = "senml-fast"))]
    return narrow_bits_wide(x, exp_bits, man_bits);
    #[cfg(not(any(feature = "tlv-fast", feature = "senml-fast")))]
    narrow_bits_small(x, exp_bits, man_bits).map(u64::from)
}

/// [`narrow_bits`] for size-first builds: the candidate is `x` cut to the narrow format (exponent rebiased,
/// mantissa truncated, a subnormal result shifted down), in 32-bit words; it is the answer exactly when widening it
/// back ([`widen_bits`], which decoding links anyway) gives `x`'s bits, so every case of [`narrow_bits_wide`] (lost
/// bits, signalling NaNs, range) is that one comparison. No 64-bit shift by a variable amount.
pub(super) fn narrow_bits_small(x: f64, exp_bits: u32, man_bits: u32) -> Option<u32> {
    let bits = x.to_bits();
    let (hi, lo) = ((bits >> 32) as u32, bits as u32);
    let max_exp = (1u32 << exp_bits) - 1;
    let exp = (hi >> 20) & 0x7ff;
    // The mantissa's high word (20 bits), with the implicit one above it for a normal number.
    let man_hi = hi & 0xf_ffff;
    let drop = 52 - man_bits;
    // `(man_hi:lo) >> s` for 29 <= s <= 52: the result has at most 24 bits.
    let shr = |top: u32, s: u32| {
        if s >= 32 {
            top >> (s - 32)
        } else {
            top << (32 - s) | lo >> s
        }
    };
    let (e, m) = if exp == 0x7ff {
        (max_exp, shr(man_hi, drop))
    } else if exp == 0 {
        (0, 0)
    } else {
        let e = exp as i32 - 1023 + (max_exp >> 1) as i32;
        if e >= max_exp as i32 {
            return None;
        }
        if e >= 1 {
            (e as u32, shr(man_hi, drop))
        } else {
            let s = drop + (1 - e) as u32;
            if s > 52 {
                return None;
            }
            (0, shr(man_hi | 1 << 20, s))
        }
    };
    let candidate = (hi >> 31) << (exp_bits + man_bits) | e << man_bits | m;
    (widen_bits(candidate, exp_bits, man_bits).to_bits() == bits).then_some(candidate)
}

/// [`narrow_bits`] for fast builds: the exponent and mantissa tests on the 64-bit word.
#[cfg_attr(
    not(any(feature = "tlv-fast", feature = "senml-fast")),
    allow(dead_code)
)]
pub(super) fn narrow_bits_wide(x: f64, exp_bits: u32, man_bits: u32) -> Option<u64> {
    let bits = x.to_bits();
    let sign = bits >> 63;
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let man = bits & ((1 << 52) - 1);
    let drop = 52 - man_bits;
    let max_exp = (1i32 << exp_bits) - 1;
    let (e, m) = if exp == 0x7ff {
        // Infinity, or a NaN: a signalling one (quiet bit clear) comes back quieted, so different.
        if man != 0 && man >> 51 == 0 || man & ((1 << drop) - 1) != 0 {
            return None;
        }
        (max_exp, man >> drop)
    } else if exp == 0 {
        // Zero; a double subnormal is far below every narrower format's range.
        if man != 0 {
            return None;
        }
        (0, 0)
    } else {
        let e = exp - 1023 + (max_exp >> 1);
        if e >= max_exp {
            return None;
        }
        // A normal number of the narrow format keeps `man_bits` bits; a subnormal one fewer per step below 1.
        let full = man | 1 << 52;
        let shift = drop + u32::try_from(1 - e).unwrap_or(0);
        if shift > 52 || full & ((1 << shift) - 1) != 0 {
            return None;
        }
        if e >= 1 {
            (e, man >> drop)
        } else {
            (0, full >> shift)
        }
    };
    Some(sign << (exp_bits + man_bits) | (e as u64) << man_bits | m)
}

/// The double with the value of the binary float `bits` of `exp_bits` exponent and `man_bits` mantissa bits (half:
/// 5, 10; single: 8, 23): exact, a subnormal normalized, a NaN's payload kept and the NaN made quiet, as the
/// conversion instruction does. Integer work in 32-bit halves: no soft-float routine and no 64-bit shift on
/// targets without a double-precision FPU (size-first builds; fast builds convert natively).
pub(super) fn widen_bits(bits: u32, exp_bits: u32, man_bits: u32) -> f64 {
    let max_exp = (1u32 << exp_bits) - 1;
    let sign = (bits >> (exp_bits + man_bits) & 1) << 31;
    let exp = (bits >> man_bits) & max_exp;
    let mut man = bits & ((1 << man_bits) - 1);
    let e = if exp == max_exp {
        if man != 0 {
            man |= 1 << (man_bits - 1);
        }
        0x7ff
    } else if exp != 0 {
        exp + 1023 - (max_exp >> 1)
    } else if man == 0 {
        0
    } else {
        // A subnormal: shift its leading one up to the implicit bit, one exponent step per shift.
        let mut e = 1024 - (max_exp >> 1);
        while man & (1 << man_bits) == 0 {
            man <<= 1;
            e -= 1;
        }
        man &= (1 << man_bits) - 1;
        e
    };
    // The mantissa goes to the top of the double's 52 bits: `man << (52 - man_bits)`, split into the two words.
    let shift = 52 - man_bits;
    let (hi, lo) = if shift >= 32 {
        (man << (shift - 32), 0)
    } else {
        (man >> (32 - shift), man << shift)
    };
    f64::from_bits(u64::from(sign | e << 20 | hi) << 32 | u64::from(lo))
}

/// The double of the single-precision float `bits` (exact).
#[inline]
pub fn f32_to_f64(bits: u32) -> f64 {
    #[cfg(any(feature = "tlv-fast", feature = "senml-fast"))]
    return f64::from(f32::from_bits(bits));
    #[cfg(not(any(feature = "tlv-fast", feature = "senml-fast")))]
    widen_bits(bits, 8, 23)
}

/// The double of the half-precision float `bits` (exact).
#[inline]
pub(crate) fn f16_to_f64(bits: u16) -> f64 {
    #[cfg(any(feature = "tlv-fast", feature = "senml-fast"))]
    return f64::from(half::f16::from_bits(bits).to_f32());
    #[cfg(not(any(feature = "tlv-fast", feature = "senml-fast")))]
    widen_bits(u32::from(bits), 5, 10)
}

/// `x` as the single-precision bits that read back to the same double, if there are any.
#[inline]
pub fn exact_f32(x: f64) -> Option<u32> {
    narrow_bits(x, 8, 23).map(|b| b as u32)
}

/// `a + b`, rounded to nearest, ties to even, as IEEE 754 addition gives it (`a - b` is `f64_add(a, -b)`).
#[inline]
pub(crate) fn f64_add(a: f64, b: f64) -> f64 {
    #[cfg(feature = "senml-fast")]
    return a + b;
    #[cfg(not(feature = "senml-fast"))]
    add_bits(a, b)
}

/// [`f64_add`] by integer work: the larger magnitude's significand with three guard bits, the other shifted to it
/// (the bits shifted out kept as one sticky bit), added or subtracted, normalized, rounded once. A NaN operand gives
/// that NaN made quiet (the first one's if both are), as the addition instruction does; ∞ − ∞ gives the quiet NaN
/// `0x7ff8_0000_0000_0000` (the soft-float routine's choice; hardware may set the sign).
pub(super) fn add_bits(a: f64, b: f64) -> f64 {
    const SIGN: u64 = 1 << 63;
    const INF: u64 = 0x7ff << 52;
    const MAN: u64 = (1 << 52) - 1;
    const QUIET: u64 = 1 << 51;
    let (mut x, mut y) = (a.to_bits(), b.to_bits());
    let (x_abs, y_abs) = (x & !SIGN, y & !SIGN);
    if x_abs > INF {
        return f64::from_bits(x | QUIET);
    }
    if y_abs > INF {
        return f64::from_bits(y | QUIET);
    }
    if x_abs == INF {
        let opposite = y_abs == INF && (x ^ y) & SIGN != 0;
        return f64::from_bits(if opposite { INF | QUIET } else { x });
    }
    if y_abs == INF || x_abs == 0 {
        // ±0 + ±0 is −0 only when both are.
        return f64::from_bits(if y_abs == 0 { x & y } else { y });
    }
    if y_abs == 0 {
        return a;
    }
    if y_abs > x_abs {
        core::mem::swap(&mut x, &mut y);
    }
    // Significands with the implicit one (a subnormal has none and the exponent of the least normal), then three
    // guard bits: bit 55 is the implicit one.
    let split = |v: u64| {
        let e = (v >> 52) as u32 & 0x7ff;
        let m = v & MAN;
        if e == 0 {
            (1, m << 3)
        } else {
            (e, (m | 1 << 52) << 3)
        }
    };
    let (mut e, mut m) = split(x);
    let (f, n) = split(y);
    // Align: one bit at a time, each bit shifted out kept in the sticky bit 0 (past 57 steps only that bit is left).
    let mut n = n;
    for _ in 0..(e - f).min(58) {
        n = n >> 1 | (n & 1);
    }
    if (x ^ y) & SIGN == 0 {
        m += n;
        if m >> 56 != 0 {
            m = m >> 1 | (m & 1);
            e += 1;
            if e >= 0x7ff {
                return f64::from_bits(x & SIGN | INF);
            }
        }
    } else {
        m -= n;
        if m == 0 {
            return 0.0;
        }
        // Cancellation: shift the leading one back up (no sticky bit is lost: when more than one guard bit was
        // shifted out of `n`, at most one step is needed), down to a subnormal result at the least exponent.
        while m >> 55 == 0 && e > 1 {
            m <<= 1;
            e -= 1;
        }
    }
    let field = if m >> 55 == 0 { 0 } else { u64::from(e) << 52 };
    let mut bits = x & SIGN | field | (m >> 3) & MAN;
    // Round to nearest, ties to even; a carry runs into the exponent (up to ∞) as it should.
    let rest = m & 7;
    if rest > 4 || rest == 4 && bits & 1 == 1 {
        bits += 1;
    }
    f64::from_bits(bits)
}
