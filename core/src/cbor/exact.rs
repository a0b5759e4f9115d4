//! Exactness tests between doubles and integers, and the scaling of decimal fractions, by integer work on the bits,
//! so that the CBOR and SenML readers and writers need no soft-float comparison, float-to-integer, multiply or divide
//! routine on targets without a double-precision FPU. Each gives what the float operation it replaces gives
//! (`cbor/tests.rs` compares them over many values).

/// The value of `x` when it is an integer below 2^127 in magnitude (−0.0 is 0); `None` for fractions, infinities,
/// NaN and larger magnitudes.
pub(crate) fn integer(x: f64) -> Option<i128> {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32 - 1023;
    if exp < 0 {
        // |x| < 1: an integer only when zero.
        return (bits << 1 == 0).then_some(0);
    }
    if exp >= 127 {
        return None;
    }
    let full = u128::from(bits & ((1 << 52) - 1) | 1 << 52);
    let magnitude = if exp >= 52 {
        full << (exp - 52)
    } else {
        let drop = 52 - exp;
        if full & ((1 << drop) - 1) != 0 {
            return None;
        }
        full >> drop
    };
    let v = magnitude as i128;
    Some(if bits >> 63 == 1 { -v } else { v })
}

/// True when the integer `u` is a double exactly: its significant bits span at most 53.
pub(crate) fn fits_double(u: u128) -> bool {
    u == 0 || 128 - u.leading_zeros() - u.trailing_zeros() <= 53
}

/// `u` as the nearest double (ties to even), as `u as f64` rounds.
pub(crate) fn round_to_double(u: u128) -> f64 {
    if u == 0 {
        return 0.0;
    }
    compose_wide(u, 0, false)
}

/// `±magnitude` as the nearest double (ties to even), as `as f64` rounds an integer: [`compose`]'s rounding, so
/// that size-first builds link no integer-to-double routine.
pub(crate) fn int_to_double(magnitude: u64, negative: bool) -> f64 {
    if magnitude == 0 {
        return 0.0;
    }
    compose(magnitude, false, 0, negative)
}

/// The double nearest to `±u · 2^e` (`u` not zero): `u` cut to 64 bits with a sticky bit for what is cut off.
fn compose_wide(u: u128, e: i32, negative: bool) -> f64 {
    let cut = 64u32.saturating_sub(u.leading_zeros());
    compose(
        (u >> cut) as u64,
        u & ((1 << cut) - 1) != 0,
        e + cut as i32,
        negative,
    )
}

/// `x × 10^d` (`up`) or `x ÷ 10^d` for d ≤ 22, correctly rounded (ties to even) as the IEEE operation with the
/// double `10^d` (exact up to 10^22) rounds it: infinity past the largest double, subnormals and zero below the
/// smallest normal. Integer work only: `10^d = 5^d · 2^d`, and `5^22 < 2^52`.
pub(crate) fn scale10(x: f64, d: u32, up: bool) -> f64 {
    let bits = x.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = bits & ((1 << 52) - 1);
    if exp == 0x7ff || bits << 1 == 0 {
        // Infinities and zeros scale to themselves (a NaN cannot come here: decimal fractions are of integers).
        return x;
    }
    // x = ±m · 2^k
    let (m, k) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, exp - 1075)
    };
    let d = d.min(22);
    let five = 5u64.pow(d);
    let d = d as i32;
    let negative = bits >> 63 == 1;
    if up {
        return compose_wide(u128::from(m) * u128::from(five), k + d, negative);
    }
    // Long division of m · 2^s by 5^d, one bit at a time, with s such that the quotient has 63 or 64 bits.
    let m_len = 64 - m.leading_zeros();
    let s = 63 + (64 - five.leading_zeros()) - m_len;
    let (mut q, mut r) = (0u64, 0u64);
    for i in (0..m_len + s).rev() {
        let bit = i.checked_sub(s).map_or(0, |j| m >> j & 1);
        r = r << 1 | bit;
        q <<= 1;
        if r >= five {
            r -= five;
            q |= 1;
        }
    }
    compose(q, r != 0, k - d - s as i32, negative)
}

/// The double nearest to `±(n + ε) · 2^e`, ties to even, where `sticky` says a fraction 0 < ε < 1 is there; `n` is
/// not zero. Infinity past the largest double; subnormals and zero below the smallest normal.
fn compose(n: u64, sticky: bool, e: i32, negative: bool) -> f64 {
    let top = e + 63 - n.leading_zeros() as i32;
    // The exponent of the lowest bit the double keeps: 53 bits from the top, but not below the subnormals' 2^-1074.
    let low = (top - 52).max(-1074);
    let drop = low - e;
    let (kept, round_up) = if drop <= 0 {
        (n << drop.unsigned_abs(), false)
    } else {
        let drop = drop.unsigned_abs();
        let kept = n.checked_shr(drop).unwrap_or(0);
        let rest = n - kept.checked_shl(drop).unwrap_or(0);
        match 1u64.checked_shl(drop - 1) {
            Some(half) => (
                kept,
                rest > half || rest == half && (sticky || kept & 1 == 1),
            ),
            None => (kept, false),
        }
    };
    let kept = kept + u64::from(round_up);
    // Rounding up may carry into a 54th bit.
    let (kept, low) = if kept >> 53 != 0 {
        (kept >> 1, low + 1)
    } else {
        (kept, low)
    };
    let magnitude = if kept >> 52 != 0 {
        let biased = low + 1075;
        if biased >= 0x7ff {
            0x7ff << 52
        } else {
            (biased as u64) << 52 | (kept & ((1 << 52) - 1))
        }
    } else {
        kept
    };
    f64::from_bits(magnitude | u64::from(negative) << 63)
}
