//! Exactness tests between doubles and integers by integer work on the bits, so that the CBOR and SenML readers and
//! writers need no soft-float comparison or float-to-integer routine on targets without a double-precision FPU. Each
//! gives what the conversion it replaces gives (`cbor/tests.rs` compares them over many values).

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
    let top = 127 - u.leading_zeros();
    if top <= 52 {
        return f64::from_bits(exact_bits(u, top));
    }
    let shift = top - 52;
    let kept = u >> shift;
    let rest = u & ((1 << shift) - 1);
    let half = 1u128 << (shift - 1);
    let kept = if rest > half || rest == half && kept & 1 == 1 {
        kept + 1
    } else {
        kept
    };
    // A carry out of the 53 bits (kept = 2^53) moves into the exponent field, as it should.
    f64::from_bits(((u64::from(top) + 1023) << 52) + (kept as u64 - (1 << 52)))
}

/// The bits of the double equal to `u` (not zero, below 2^53; `top` its highest set bit).
fn exact_bits(u: u128, top: u32) -> u64 {
    ((u64::from(top) + 1023) << 52) | ((u as u64) << (52 - top)) & ((1 << 52) - 1)
}
