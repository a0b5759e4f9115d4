//! RFC 3339 timestamps (`2024-05-01T12:00:00.123456789Z`, `…+02:00`) as nanoseconds since the Unix epoch.

/// `n` decimal digits at `at` as a number.
fn digits(b: &[u8], at: usize, n: usize) -> Option<i64> {
    let field = b.get(at..at + n)?;
    field.iter().try_fold(0i64, |acc, &c| {
        c.is_ascii_digit().then(|| acc * 10 + i64::from(c - b'0'))
    })
}

fn byte_is(b: &[u8], at: usize, allowed: &[u8]) -> bool {
    b.get(at).is_some_and(|c| allowed.contains(c))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Parses an RFC 3339 date-time (`T`, `t` or a space between date and time; `Z`, `z` or `±HH:MM` offset; any
/// number of fraction digits, nanoseconds kept). `None` for anything else or outside the `i64` nanosecond range
/// (years 1678–2261). A leap second `:60` reads as `:59.999999999`.
pub fn parse_rfc3339_ns(s: &str) -> Option<i64> {
    let b = s.trim().as_bytes();
    let year = digits(b, 0, 4)?;
    let month = digits(b, 5, 2)?;
    let day = digits(b, 8, 2)?;
    let hour = digits(b, 11, 2)?;
    let minute = digits(b, 14, 2)?;
    let mut second = digits(b, 17, 2)?;
    let separators = byte_is(b, 4, b"-")
        && byte_is(b, 7, b"-")
        && byte_is(b, 10, b"Tt ")
        && byte_is(b, 13, b":")
        && byte_is(b, 16, b":");
    if !separators
        || !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut pos = 19;
    let mut nanos = 0i64;
    if byte_is(b, pos, b".") {
        pos += 1;
        let start = pos;
        while byte_is(b, pos, b"0123456789") {
            if pos - start < 9 {
                nanos = nanos * 10 + i64::from(b.get(pos).copied().unwrap_or(b'0') - b'0');
            }
            pos += 1;
        }
        if pos == start {
            return None;
        }
        for _ in (pos - start)..9 {
            nanos *= 10;
        }
    }
    if second == 60 {
        second = 59;
        nanos = 999_999_999;
    }
    let offset = match b.get(pos) {
        Some(b'Z' | b'z') if b.len() == pos + 1 => 0,
        Some(&sign @ (b'+' | b'-')) if b.len() == pos + 6 && byte_is(b, pos + 3, b":") => {
            let h = digits(b, pos + 1, 2)?;
            let m = digits(b, pos + 4, 2)?;
            if h > 23 || m > 59 {
                return None;
            }
            let o = h * 3600 + m * 60;
            if sign == b'-' {
                -o
            } else {
                o
            }
        }
        _ => return None,
    };
    let seconds =
        days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset;
    seconds.checked_mul(1_000_000_000)?.checked_add(nanos)
}
