//! Decoding: a frame in `buf_in` becomes binary records in `buf_out`, texts in `buf_arena`.

#[cfg(feature = "senml-json")]
use ucifi_codec::format;
use ucifi_codec::lorawan::port::PortTable;
use ucifi_codec::{Error, ErrorKind, Format, Path, Record, Value};

use crate::buffers::{self, le, RECORD_SIZE};
use crate::model::Loaded;

/// The largest integer a JS number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: u64 = (1 << 53) - 1;

/// Record flag: a time is at offset 24.
pub(crate) const FLAG_TIME: u8 = 1;
/// Record flag: the model does not know the resource.
pub(crate) const FLAG_UNKNOWN: u8 = 2;
/// Record flag: the value is an integer beyond 2^53 − 1, as decimal text in the arena.
pub(crate) const FLAG_DECIMAL: u8 = 4;

/// Writes decoded records into the record buffer and their texts into the arena.
struct Sink<'b> {
    out: &'b mut [u8],
    arena: &'b mut [u8],
    count: usize,
    arena_used: usize,
    overflow: bool,
}

impl Sink<'_> {
    /// Copies `bytes` into the arena; returns its offset (`None` when the arena is full).
    fn text(&mut self, bytes: &[u8]) -> Option<usize> {
        let at = self.arena_used;
        let dst = self.arena.get_mut(at..at + bytes.len())?;
        dst.copy_from_slice(bytes);
        self.arena_used += bytes.len();
        Some(at)
    }

    /// A text value: arena offset and length at 16.
    fn text_value(&mut self, slot: &mut [u8; RECORD_SIZE], bytes: &[u8]) {
        match self.text(bytes) {
            Some(at) => {
                le::put(slot, 16, &(at as u32).to_le_bytes());
                le::put(slot, 20, &(bytes.len() as u32).to_le_bytes());
            }
            None => self.overflow = true,
        }
    }

    /// An integer: an f64 when a JS number holds it exactly, else its decimal text.
    fn integer(&mut self, slot: &mut [u8; RECORD_SIZE], negative: bool, magnitude: u64) {
        if magnitude <= MAX_SAFE_INTEGER {
            let x = magnitude as f64;
            le::put(slot, 16, &(if negative { -x } else { x }).to_le_bytes());
            return;
        }
        let mut digits = [0u8; 21];
        let mut at = digits.len();
        let mut m = magnitude;
        loop {
            at -= 1;
            if let Some(d) = digits.get_mut(at) {
                *d = b'0' + (m % 10) as u8;
            }
            m /= 10;
            if m == 0 {
                break;
            }
        }
        if negative {
            at -= 1;
            if let Some(d) = digits.get_mut(at) {
                *d = b'-';
            }
        }
        slot[1] |= FLAG_DECIMAL;
        self.text_value(slot, digits.get(at..).unwrap_or(&[]));
    }

    fn push(&mut self, r: &Record<'_>) {
        let mut slot = [0u8; RECORD_SIZE];
        slot[0] = r.value.data_type() as u8;
        slot[2] = r.path.len() as u8;
        for (k, id) in r.path.ids().iter().enumerate() {
            le::put(&mut slot, 4 + 2 * k, &id.to_le_bytes());
        }
        if r.unknown() {
            slot[1] |= FLAG_UNKNOWN;
        }
        if let Some(t) = r.time {
            slot[1] |= FLAG_TIME;
            le::put(&mut slot, 24, &t.to_le_bytes());
        }
        match r.value {
            Value::Integer(x) | Value::Time(x) => self.integer(&mut slot, x < 0, x.unsigned_abs()),
            Value::Unsigned(x) => self.integer(&mut slot, false, x),
            Value::Float(x) => le::put(&mut slot, 16, &x.to_le_bytes()),
            Value::Boolean(b) => slot[16] = u8::from(b),
            Value::String(s) | Value::CoreLnk(s) => self.text_value(&mut slot, s.as_bytes()),
            Value::Opaque(b) => self.text_value(&mut slot, b),
            Value::ObjLnk(l) => {
                le::put(&mut slot, 16, &l.object.to_le_bytes());
                le::put(&mut slot, 18, &l.instance.to_le_bytes());
            }
            Value::None => {}
        }
        let at = self.count * RECORD_SIZE;
        match self.out.get_mut(at..at + RECORD_SIZE) {
            Some(dst) => dst.copy_from_slice(&slot),
            None => self.overflow = true,
        }
        self.count += 1;
    }
}

/// Runs a decoder that hands records to a callback, collecting them; returns the count or the negated error code.
fn collect(
    len: u32,
    run: impl FnOnce(&[u8], &mut dyn FnMut(Record<'_>)) -> Result<usize, Error>,
) -> i32 {
    // SAFETY: single-threaded and not re-entered: the frame is only read, records and arena only written here.
    let (input, out, arena) = unsafe {
        (
            buffers::frame(),
            buffers::records_mut(),
            buffers::arena_mut(),
        )
    };
    let Some(bytes) = input.get(..len as usize) else {
        return crate::fail(
            Error::new(ErrorKind::BufferTooSmall, len as usize),
            u32::MAX,
        );
    };
    let mut sink = Sink {
        out,
        arena,
        count: 0,
        arena_used: 0,
        overflow: false,
    };
    match run(bytes, &mut |r| sink.push(&r)) {
        Ok(_) if sink.overflow => crate::fail(
            Error::new(ErrorKind::BufferTooSmall, sink.count.max(sink.arena_used)),
            u32::MAX,
        ),
        Ok(_) => i32::try_from(sink.count).unwrap_or(i32::MAX),
        Err(e) => crate::fail(e, u32::MAX),
    }
}

/// Decodes the `len`-byte uplink in `buf_in` by the fPort convention (`core/src/lorawan/port.rs`, default table).
///
/// Returns the record count (records in `buf_out`), or the negated error code: `UNKNOWN_PORT` at 0 for a port
/// without an entry, else the format's decode errors; `BUFFER_TOO_SMALL` beyond [`MAX_RECORDS`](crate::MAX_RECORDS) records or a full
/// arena ([`ARENA_CAP`](crate::ARENA_CAP) bytes of text), or for `len` over [`IN_CAP`](crate::IN_CAP).
#[no_mangle]
pub extern "C" fn decode_uplink(fport: u32, len: u32) -> i32 {
    reset_heap();
    let Ok(fport) = u8::try_from(fport) else {
        return crate::fail(Error::new(ErrorKind::UnknownPort, 0), u32::MAX);
    };
    let table = PortTable::default();
    let first = collect(len, |bytes, f| match table.lookup(fport) {
        Some(e) => crate::dispatch::for_each_record(e.format, bytes, e.base.as_ref(), &Loaded, f),
        None => Err(Error::new(ErrorKind::UnknownPort, 0)),
    });
    #[cfg(feature = "senml-json")]
    if first < 0 {
        if let Some(e) = table.lookup(fport) {
            return owned(len, e.format, e.base);
        }
    }
    first
}

/// Decodes `len` bytes of `buf_in` in a named format at an optional request path (texts at the start of the arena:
/// the format name, `format_len` bytes, then the path, `path_len` bytes; `u32::MAX` for no path).
///
/// Returns as [`decode_uplink`]; `UNKNOWN_FORMAT` at 0 for an unknown name, `INVALID_PATH` for bad path text.
#[cfg(feature = "named-formats")]
#[no_mangle]
pub extern "C" fn decode(len: u32, format_len: u32, path_len: u32) -> i32 {
    reset_heap();
    // SAFETY: single-threaded; the arena is read here before `collect` writes it (Format and Path are copies).
    let target = unsafe { parse_target(buffers::arena(), 0, format_len, path_len) };
    let (format, path) = match target {
        Ok(t) => t,
        Err(e) => return crate::fail(e, u32::MAX),
    };
    let first = collect(len, |bytes, f| {
        crate::dispatch::for_each_record(format, bytes, path.as_ref(), &Loaded, f)
    });
    #[cfg(feature = "senml-json")]
    if first < 0 {
        return owned(len, format, path);
    }
    first
}

/// The owned decoder's records or authoritative error, where the zero-copy reader failed (text a format escapes,
/// indefinite-length strings): the same order of attempts as the WASM package.
#[cfg(feature = "senml-json")]
fn owned(len: u32, format: Format, path: Option<Path>) -> i32 {
    collect(len, |bytes, f| {
        let records = format::decode(format, bytes, path.as_ref(), &Loaded)?;
        for r in &records {
            f(r.as_record_in(&Loaded));
        }
        Ok(records.len())
    })
}

/// Starts every decode with an empty heap (the bump allocator never frees).
fn reset_heap() {
    #[cfg(all(feature = "senml-json", target_arch = "wasm32"))]
    crate::bump::reset();
}

#[cfg(feature = "named-formats")]
/// The format named by `arena[at..at + format_len]` and the path text after it (`path_len == u32::MAX`: none).
pub(crate) fn parse_target(
    arena: &[u8],
    at: usize,
    format_len: u32,
    path_len: u32,
) -> Result<(Format, Option<Path>), Error> {
    let text = |from: usize, n: usize| {
        arena
            .get(from..from + n)
            .and_then(|b| core::str::from_utf8(b).ok())
    };
    let format: Format = text(at, format_len as usize)
        .ok_or(Error::new(ErrorKind::UnknownFormat, 0))?
        .parse()?;
    if path_len == u32::MAX {
        return Ok((format, None));
    }
    let path: Path = text(at + format_len as usize, path_len as usize)
        .ok_or(Error::new(ErrorKind::InvalidPath, 0))?
        .parse()?;
    Ok((format, Some(path)))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn integers_beyond_2_53_become_decimal_text() {
        let (mut out, mut arena) = ([0u8; 64], [0u8; 64]);
        let mut sink = Sink {
            out: &mut out,
            arena: &mut arena,
            count: 0,
            arena_used: 0,
            overflow: false,
        };
        let path: Path = "/3/0/1".parse().unwrap();
        sink.push(&Record::new(path, Value::Integer(i64::MIN)));
        sink.push(&Record::new(path, Value::Unsigned(MAX_SAFE_INTEGER)));
        assert_eq!(&sink.arena[..20], b"-9223372036854775808");
        assert!(!sink.overflow);
        assert_eq!(out[1] & FLAG_DECIMAL, FLAG_DECIMAL);
        assert_eq!(le::f64_at(&out, 32 + 16), MAX_SAFE_INTEGER as f64);
    }
}
