//! Encoding: records JS wrote into `buf_out` (texts in `buf_arena`) become a frame in `buf_in`.
//!
//! Each record is typed the way the core's record JSON does it (`RecordInput::resolve`: the type from its name, else
//! from the model; the value must suit the type), with one addition for ES5, which has no `BigInt`: an integer,
//! unsigned or time value may be given as decimal text.

use core::mem::MaybeUninit;
use core::ptr::addr_of_mut;

use ucifi_codec::lorawan::port::PortTable;
use ucifi_codec::{DataType, Error, ErrorKind, Format, Model, ObjLnk, Path, Record, Value};

use crate::buffers::{self, le, IN_CAP, MAX_ENCODE, RECORD_SIZE};
#[cfg(feature = "named-formats")]
use crate::decode::parse_target;
use crate::model::Loaded;

/// `err_record` value when no fPort table entry carries the records (`encode_port` without a port).
pub const NO_ENTRY: u32 = u32::MAX - 1;

/// `encode_port`'s port value that asks for the first table entry that carries and encodes the records.
const ANY_PORT: u32 = 256;

static mut RECORDS: MaybeUninit<[Record<'static>; MAX_ENCODE]> = MaybeUninit::uninit();
/// `ORDER[k]`: the index (in `buf_out`) of the k-th record handed to the encoder.
static mut ORDER: [u16; MAX_ENCODE] = [0; MAX_ENCODE];
/// The fPort `encode_port` used.
static mut PORT: u32 = 0;

/// The fPort the last successful `encode_port` used.
#[no_mangle]
pub extern "C" fn enc_port() -> u32 {
    // SAFETY: single-threaded; a copy of a u32.
    unsafe { PORT }
}

/// A value as JS gave it.
enum Scalar<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    Text(&'a [u8]),
}

/// The largest integer a JS number holds exactly.
const MAX_SAFE: f64 = 9_007_199_254_740_991.0;

/// Reads record `i`'s value: a number is an integer when it is one exactly (and not −0), as the WASM package reads JS.
fn scalar<'a>(slot: &[u8], arena: &'a [u8]) -> Scalar<'a> {
    match slot.first().copied().unwrap_or(0) {
        1 => Scalar::Bool(false),
        2 => Scalar::Bool(true),
        3 => {
            let x = le::f64_at(slot, 16);
            let integral = x.is_finite() && x == (x as i64) as f64 && x.abs() <= MAX_SAFE;
            if integral && !(x == 0.0 && x.is_sign_negative()) {
                if x < 0.0 {
                    Scalar::Int(x as i64)
                } else {
                    Scalar::Uint(x as u64)
                }
            } else {
                Scalar::Float(x)
            }
        }
        4 => Scalar::Text(text(arena, le::u32_at(slot, 16), le::u32_at(slot, 20))),
        _ => Scalar::Null,
    }
}

/// `len` bytes of the arena at `at` (empty when out of range).
fn text(arena: &[u8], at: u32, len: u32) -> &[u8] {
    arena
        .get(at as usize..at as usize + len as usize)
        .unwrap_or(&[])
}

/// Decimal text `-?[0-9]+` as an i128 (a sign or digits that are not there fail).
fn decimal(t: &[u8]) -> Option<i128> {
    let (negative, digits) = match t.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, t),
    };
    if digits.is_empty() || digits.len() > 20 {
        return None;
    }
    let mut x: i128 = 0;
    for &c in digits {
        if !c.is_ascii_digit() {
            return None;
        }
        x = x * 10 + i128::from(c - b'0');
    }
    Some(if negative { -x } else { x })
}

/// The value of a hex digit (either case).
fn hex_digit(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// The record's path and data type, as `RecordInput::resolve` finds them.
fn path_and_type(slot: &[u8], arena: &[u8], bad: Error) -> Result<(Path, DataType), Error> {
    let utf8 = |at: usize| {
        core::str::from_utf8(text(
            arena,
            u32::from(le::u16_at(slot, at)),
            u32::from(le::u16_at(slot, at + 2)),
        ))
        .ok()
    };
    let path: Path = utf8(4).and_then(|p| p.parse().ok()).ok_or(bad)?;
    let named = slot.get(1).is_some_and(|f| f & 2 != 0);
    let data_type = if named {
        utf8(8).and_then(DataType::from_name)
    } else {
        path.resource()
            .and_then(|rid| Loaded.resource(path.object(), rid))
            .map(|d| d.data_type())
    };
    Ok((path, data_type.ok_or(bad)?))
}

/// Pass 1: decodes the hex text of Opaque values in place (the arena keeps the bytes, the slot their new length).
///
/// Text that is not hex leaves the slot marked invalid (kind 0xff), so that pass 2 reports the first bad record in
/// order.
fn unhex(slots: &mut [u8], arena: &mut [u8], n: usize) {
    for i in 0..n {
        let Some(slot) = slots.get_mut(i * RECORD_SIZE..(i + 1) * RECORD_SIZE) else {
            break;
        };
        let bad = Error::new(ErrorKind::InvalidRecord, i);
        let Ok((_, DataType::Opaque)) = path_and_type(slot, arena, bad) else {
            continue;
        };
        if slot.first() != Some(&4) {
            continue;
        }
        let (at, len) = (le::u32_at(slot, 16) as usize, le::u32_at(slot, 20) as usize);
        let mut ok = len % 2 == 0;
        for k in 0..len / 2 {
            let hi = arena.get(at + 2 * k).copied().and_then(hex_digit);
            let lo = arena.get(at + 2 * k + 1).copied().and_then(hex_digit);
            match (hi, lo, arena.get_mut(at + k)) {
                (Some(hi), Some(lo), Some(dst)) => *dst = hi << 4 | lo,
                _ => ok = false,
            }
        }
        if ok {
            le::put(slot, 20, &((len / 2) as u32).to_le_bytes());
        } else if let Some(kind) = slot.first_mut() {
            *kind = 0xff;
        }
    }
}

/// Pass 2: record `i` typed and checked (`INVALID_RECORD` at `i` when its value does not suit its type).
fn resolve(slot: &[u8], arena: &'static [u8], i: usize) -> Result<Record<'static>, Error> {
    let bad = Error::new(ErrorKind::InvalidRecord, i);
    let (path, data_type) = path_and_type(slot, arena, bad)?;
    let v = scalar(slot, arena);
    let int = |v: &Scalar<'_>| match *v {
        Scalar::Int(x) => Some(i128::from(x)),
        Scalar::Uint(x) => Some(i128::from(x)),
        Scalar::Text(t) => decimal(t),
        _ => None,
    };
    let utf8 = |t: &'static [u8]| core::str::from_utf8(t).ok();
    let value = match (data_type, &v) {
        (DataType::Integer, _) => {
            Value::Integer(int(&v).and_then(|x| i64::try_from(x).ok()).ok_or(bad)?)
        }
        (DataType::Time, _) => Value::Time(int(&v).and_then(|x| i64::try_from(x).ok()).ok_or(bad)?),
        (DataType::Unsigned, Scalar::Uint(_) | Scalar::Text(_)) => {
            Value::Unsigned(int(&v).and_then(|x| u64::try_from(x).ok()).ok_or(bad)?)
        }
        (DataType::Float, Scalar::Float(x)) => Value::Float(*x),
        (DataType::Float, Scalar::Int(x)) => Value::Float(*x as f64),
        (DataType::Float, Scalar::Uint(x)) => Value::Float(*x as f64),
        (DataType::Float, Scalar::Text(t)) => Value::Float(match *t {
            b"NaN" => f64::NAN,
            b"Infinity" => f64::INFINITY,
            b"-Infinity" => f64::NEG_INFINITY,
            _ => return Err(bad),
        }),
        (DataType::Boolean, Scalar::Bool(b)) => Value::Boolean(*b),
        (DataType::String, Scalar::Text(t)) => Value::String(utf8(t).ok_or(bad)?),
        (DataType::Corelnk, Scalar::Text(t)) => Value::CoreLnk(utf8(t).ok_or(bad)?),
        (DataType::Opaque, Scalar::Text(t)) => Value::Opaque(t),
        (DataType::Objlnk, Scalar::Text(t)) => {
            Value::ObjLnk(utf8(t).and_then(ObjLnk::parse).ok_or(bad)?)
        }
        (DataType::None, Scalar::Null) => Value::None,
        _ => return Err(bad),
    };
    let timed = slot.get(1).is_some_and(|f| f & 1 != 0);
    Ok(Record {
        path,
        value,
        resource: None,
        time: timed.then(|| le::f64_at(slot, 24)),
    })
}

/// Where to encode.
enum Target {
    /// A format at an optional request path, within a byte limit.
    Format(Format, Option<Path>, usize),
    /// The fPort table's entry of a port (looked up in `run`).
    Port(u8),
    /// A port's entry: the port, its format and base path.
    Entry(u8, Format, Option<Path>),
    /// The first table entry that carries every record and encodes them.
    AnyPort,
}

/// `err_record` bit of an encoder error (the rest is the record's index); without it, a typing error of that record.
pub const ENCODER_STAGE: u32 = 0x8000_0000;

/// Types the `n` records of `buf_out` and encodes them for `target` into `buf_in`.
///
/// `ts013`: as `encodeDownlink` — records typed before the port is looked up, then sorted by path (stable); else as
/// the WASM package's `encode` — the port looked up first, records in their order.
fn run(n: u32, target: Result<Target, Error>, ts013: bool) -> i32 {
    #[cfg(all(feature = "senml-json", target_arch = "wasm32"))]
    crate::bump::reset();
    let n = n as usize;
    if n > MAX_ENCODE {
        return crate::fail(Error::new(ErrorKind::BufferTooSmall, n), u32::MAX);
    }
    let mut target = match target {
        Ok(t) => t,
        Err(e) => return crate::fail(e, u32::MAX),
    };
    let lookup = |t: Target| match t {
        Target::Port(p) => match PortTable::default().lookup(p) {
            Some(e) => Ok(Target::Entry(e.fport, e.format, e.base)),
            None => Err(Error::new(ErrorKind::UnknownPort, 0)),
        },
        other => Ok(other),
    };
    if !ts013 {
        target = match lookup(target) {
            Ok(t) => t,
            Err(e) => return crate::fail(e, u32::MAX),
        };
    }
    // SAFETY: single-threaded, not re-entered. Pass 1 holds the only references to slots and arena; pass 2 only
    // shared ones, which the records keep until this call returns; the frame is written by the encoder alone.
    unsafe {
        unhex(buffers::records_mut(), buffers::arena_mut(), n);
        let (slots, arena) = (buffers::records(), buffers::arena());
        let records = addr_of_mut!(RECORDS).cast::<Record<'static>>();
        let order = &mut *addr_of_mut!(ORDER);
        for i in 0..n {
            let slot = slots
                .get(i * RECORD_SIZE..(i + 1) * RECORD_SIZE)
                .unwrap_or(&[]);
            match resolve(slot, arena, i) {
                Ok(r) => records.add(i).write(r),
                Err(e) => return crate::fail(e, i as u32),
            }
            if let Some(o) = order.get_mut(i) {
                *o = i as u16;
            }
        }
        let records = core::slice::from_raw_parts_mut(records, n);
        if ts013 {
            target = match lookup(target) {
                Ok(t) => t,
                Err(e) => return crate::fail(e, u32::MAX),
            };
            // Stable insertion sort by path (a downlink holds a handful of records).
            for i in 1..n {
                let mut k = i;
                while k > 0 && records.get(k - 1).map(|r| r.path) > records.get(k).map(|r| r.path) {
                    records.swap(k - 1, k);
                    order.swap(k - 1, k);
                    k -= 1;
                }
            }
        }
        let at_fault = |e: Error| -> u32 {
            match order.get(e.offset()) {
                Some(&i) if e.kind() != ErrorKind::BufferTooSmall && e.offset() < n => {
                    ENCODER_STAGE | u32::from(i)
                }
                _ => u32::MAX,
            }
        };
        let frame = buffers::frame_mut();
        let result = match target {
            Target::Format(format, path, max) => {
                encode_records(format, records, path.as_ref(), max, frame)
            }
            Target::Entry(port, format, base) => {
                PORT = u32::from(port);
                encode_records(format, records, base.as_ref(), IN_CAP, frame)
            }
            Target::Port(_) => Err(Error::new(ErrorKind::UnknownPort, 0)),
            Target::AnyPort => {
                let mut first_error = None;
                let mut done = None;
                for e in PortTable::default().entries() {
                    let carries = match e.base {
                        Some(base) => records.iter().all(|r| base.contains(&r.path)),
                        None => true,
                    };
                    if !carries || records.is_empty() {
                        continue;
                    }
                    match encode_records(e.format, records, e.base.as_ref(), IN_CAP, &mut *frame) {
                        Ok(len) => {
                            PORT = u32::from(e.fport);
                            done = Some(len);
                            break;
                        }
                        Err(err) => {
                            first_error.get_or_insert(err);
                        }
                    }
                }
                match (done, first_error) {
                    (Some(len), _) => Ok(len),
                    (None, Some(e)) => Err(e),
                    (None, None) => {
                        return crate::fail(Error::new(ErrorKind::UnknownFormat, 0), NO_ENTRY)
                    }
                }
            }
        };
        match result {
            Ok(len) => i32::try_from(len).unwrap_or(i32::MAX),
            Err(e) => crate::fail(e, at_fault(e)),
        }
    }
}

/// `format::encoded_len`, then `format::encode_into` a buffer of the needed size capped at `max` (`BUFFER_TOO_SMALL`,
/// offset = bytes needed, beyond it), as the WASM package's `encode` does.
fn encode_records(
    format: Format,
    records: &[Record<'_>],
    path: Option<&Path>,
    max: usize,
    frame: &mut [u8],
) -> Result<usize, Error> {
    let needed = crate::dispatch::encoded_len(format, records, path, &Loaded)?;
    let out = frame
        .get_mut(..needed.min(max).min(IN_CAP))
        .unwrap_or(&mut []);
    Ok(crate::dispatch::encode_into(format, records, path, &Loaded, out)?.len())
}

/// Encodes the `n` records of `buf_out` in a named format at an optional request path, in the given order, into at
/// most `max` bytes of `buf_in`.
///
/// Format name and path text lie in the arena at `at` (`format_len` bytes, then `path_len` bytes; `u32::MAX`: no
/// path). Returns the frame length, or the negated error code (`err_offset`: record index, or bytes needed for
/// `BUFFER_TOO_SMALL`; `err_record`: the record at fault).
#[cfg(feature = "named-formats")]
#[no_mangle]
pub extern "C" fn encode(n: u32, at: u32, format_len: u32, path_len: u32, max: u32) -> i32 {
    // SAFETY: single-threaded; the arena is only read here, before `run` takes its views.
    let target = unsafe { parse_target(buffers::arena(), at as usize, format_len, path_len) };
    run(
        n,
        target.map(|(f, p)| Target::Format(f, p, max as usize)),
        false,
    )
}

/// Encodes the `n` records of `buf_out` for an fPort of the default table (`fport` 0–255), or (`fport` 256) for
/// the first entry that carries every record and encodes them; `enc_port` then tells the port.
///
/// `ts013` ≠ 0: as `encodeDownlink` (records typed first, then sorted by path); 0: as the WASM package's `encode`.
/// Returns the frame length or the negated error code; without a carrying entry, `UNKNOWN_FORMAT` at 0 with
/// `err_record` = [`NO_ENTRY`].
#[no_mangle]
pub extern "C" fn encode_port(n: u32, fport: u32, ts013: u32) -> i32 {
    let target = match u8::try_from(fport) {
        Ok(p) => Ok(Target::Port(p)),
        Err(_) if fport == ANY_PORT => Ok(Target::AnyPort),
        Err(_) => Err(Error::new(ErrorKind::UnknownPort, 0)),
    };
    run(n, target, ts013 != 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_text() {
        assert_eq!(decimal(b"-9223372036854775808"), Some(i128::from(i64::MIN)));
        assert_eq!(decimal(b"18446744073709551615"), Some(i128::from(u64::MAX)));
        for bad in [
            &b""[..],
            b"-",
            b"+1",
            b"1.5",
            b"1e3",
            b"123456789012345678901",
        ] {
            assert_eq!(decimal(bad), None);
        }
    }
}
