//! A double in positional decimal notation with the fewest digits that read back to it: the text `{}` gives
//! (`22.5`, `1`, `-0`, `0.00000000006667`, `1000000000000000000000`, `NaN`, `inf`, `-inf`), computed with `ryu` (which
//! SenML-JSON links anyway) instead of `core::fmt`'s float machinery: about 19 KB less in the WASM module, where
//! nothing else formats a float. The digits are `ryu`'s shortest round-trip ones, with `{}`'s way of breaking exact
//! ties. Builds with `alloc` use it (plain text, the validation report); firmware builds (no `alloc`) keep `{}` for
//! plain text, as `ryu`'s tables (about 9 KB on Cortex-M) outweigh the code it saves there (bindings/c/SIZE.md).

use core::fmt;

/// Formats its double as `{}` does (see the module documentation).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shortest(pub f64);

impl fmt::Display for Shortest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let x = self.0;
        if x.is_nan() {
            return f.write_str("NaN");
        }
        if x.is_infinite() {
            return f.write_str(if x < 0.0 { "-inf" } else { "inf" });
        }
        if x.is_sign_negative() {
            f.write_str("-")?;
        }
        let (mut digits, count, point) = decimal(x.abs());
        if count == 0 {
            return f.write_str("0");
        }
        // `ryu` breaks an exact tie between two shortest texts towards the even last digit, `{}` upwards.
        let significant = digits.get(..count).unwrap_or(&[]);
        if is_tie(significant, point - count as i32 - 1, x.abs()) {
            if let Some(last) = digits.get_mut(count - 1) {
                *last += 1; // even, so below 9: no carry
            }
        }
        let digits = core::str::from_utf8(digits.get(..count).unwrap_or(&[])).unwrap_or("");
        let (count, point) = (count as i32, point);
        if point <= 0 {
            f.write_str("0.")?;
            zeros(f, (-point) as usize)?;
            f.write_str(digits)
        } else if point >= count {
            f.write_str(digits)?;
            zeros(f, (point - count) as usize)
        } else {
            let (int, frac) = digits.split_at(point as usize);
            f.write_str(int)?;
            f.write_str(".")?;
            f.write_str(frac)
        }
    }
}

/// The shortest round-trip digits of finite `x ≥ 0` without leading or trailing zeros (at most 17), how many there
/// are (0 for zero), and the decimal point position: `x` is 0.DIGITS × 10^point.
fn decimal(x: f64) -> ([u8; 24], usize, i32) {
    let mut buf = ryu::Buffer::new();
    let text = buf.format_finite(x);
    // `ryu` writes `d.ddd`, `d.ddde-X` or `de±X`.
    let (mantissa, exponent) = match text.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let int_len = mantissa.find('.').unwrap_or(mantissa.len()) as i32;
    let mut digits = [0u8; 24];
    let mut count = 0;
    let mut point = exponent + int_len;
    for c in mantissa.bytes().filter(u8::is_ascii_digit) {
        if c == b'0' && count == 0 {
            point -= 1; // a leading zero
        } else if let Some(d) = digits.get_mut(count) {
            *d = c;
            count += 1;
        }
    }
    while count > 0 && digits.get(count - 1) == Some(&b'0') {
        count -= 1;
    }
    (digits, count, point)
}

/// True if the last of `digits` is even and `x` lies exactly halfway between DIGITS × 10^(q+1) and the next decimal of as many digits: if
/// `x` = N × 10^q with N = DIGITS·10 + 5. Writing `x` = m × 2^e with m odd, and N odd, that is e = q and N = m × 5^−q
/// (q < 0), or N × 5^q = m (q ≥ 0).
fn is_tie(digits: &[u8], q: i32, x: f64) -> bool {
    if digits.last().is_none_or(|&d| (d - b'0') % 2 != 0) {
        return false;
    }
    let mut n: u64 = 0;
    for &c in digits {
        n = n * 10 + u64::from(c - b'0');
    }
    let n = n * 10 + 5;
    let bits = x.to_bits();
    let (biased, fraction) = ((bits >> 52) as i32, bits & ((1 << 52) - 1));
    let (mut m, mut e) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, biased - 1075)
    };
    if m == 0 {
        return false;
    }
    let shift = m.trailing_zeros();
    m >>= shift;
    e += shift as i32;
    if e != q {
        return false;
    }
    let pow5 = 5u64.checked_pow(q.unsigned_abs());
    match pow5 {
        Some(p) if q < 0 => m.checked_mul(p) == Some(n),
        Some(p) => n.checked_mul(p) == Some(m),
        None => false,
    }
}

/// `n` zeros.
fn zeros(f: &mut fmt::Formatter<'_>, mut n: usize) -> fmt::Result {
    const ZEROS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
    while n > 0 {
        let k = n.min(ZEROS.len());
        f.write_str(ZEROS.get(..k).unwrap_or(""))?;
        n -= k;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    extern crate std;
    use super::Shortest;
    use std::format;

    fn same(x: f64) {
        assert_eq!(
            format!("{}", Shortest(x)),
            format!("{x}"),
            "{:#x}",
            x.to_bits()
        );
    }

    #[test]
    fn forms() {
        for x in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            22.5,
            0.1,
            1e15,
            1e16,
            1e17,
            1e21,
            1e22,
            1e-5,
            1e-6,
            1e-7,
            1.5e-7,
            123456.0,
            6.667e-11,
            1.2345e20,
            100.0,
            1e300,
            5e-324,
            f64::MAX,
            f64::MIN,
            f64::MIN_POSITIVE,
            f64::EPSILON,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.3,
            2.0f64.powi(60),
            9007199254740993.0,
        ] {
            same(x);
        }
        assert_eq!(format!("{}", Shortest(1e-7)), "0.0000001");
        assert_eq!(format!("{}", Shortest(-2.5e3)), "-2500");
    }

    #[test]
    fn random_doubles_match_display() {
        let mut stream = ucifi_testkit::Stream(0x9e37_79b9_7f4a_7c15);
        for _ in 0..100_000 {
            // bit patterns over every exponent, short decimals, and singles widened
            let bits = stream.next();
            same(f64::from_bits(bits));
            same((bits % 1_000_000) as f64 / 1000.0);
            same(f32::from_bits(bits as u32) as f64);
        }
    }
}
