//! Arbitrary frames through the C API (`ucifi_decode`, `ucifi_uplink_decode` of crate ucifi-ffi, called as Rust
//! functions with a Rust callback). Input: byte 0 picks the call (bit 7: uplink) and the format (low bits, modulo
//! the formats plus one unknown Content-Format code); byte 1 makes the callback stop after that many records (0 =
//! never); byte 2 picks the request path from `paths.txt` (`-` = NULL) or is the fPort; the rest is the frame.
//!
//! Checks: never `UCIFI_RESULT_PANIC` (and no panic at all: libFuzzer aborts on one); the result code, count and
//! error offset, and every record the callback sees (path, type, unknown flag, time, value, name, unit), equal what
//! the core's `format::decode_each` / `decode_uplink` give with the built-in registry; a stopping callback gives
//! `UCIFI_RESULT_CALLBACK_STOPPED` after exactly that many calls. ASan checks every pointer handed to the callback.
#![no_main]

use std::ffi::c_void;

use libfuzzer_sys::fuzz_target;
use ucifi_c::{
    ucifi_decode, ucifi_record, ucifi_uplink_decode, UCIFI_RESULT_CALLBACK_STOPPED,
    UCIFI_RESULT_OK, UCIFI_RESULT_PANIC,
};
use ucifi_codec::lorawan::port::{decode_uplink, PortTable};
use ucifi_codec::{format, DataType, Error, Format, Record, Registry, Value};

/// What one record looks like from C, copied out during the callback.
#[derive(Debug, PartialEq)]
struct Seen {
    ids: Vec<u16>,
    data_type: u8,
    unknown: bool,
    time: Option<u64>,
    value: Val,
    name: Vec<u8>,
    unit: Vec<u8>,
}

#[derive(Debug, PartialEq)]
enum Val {
    Bits(u64),
    Bool(bool),
    Link(u16, u16),
    Bytes(Vec<u8>),
    None,
}

struct Sink {
    seen: Vec<Seen>,
    stop_after: usize,
}

/// Copies a pointer + length the library handed out (ASan flags it if it is not readable).
unsafe fn copy(data: *const u8, len: usize) -> Vec<u8> {
    assert!(!data.is_null(), "NULL data with length {len}");
    unsafe { std::slice::from_raw_parts(data, len) }.to_vec()
}

unsafe extern "C" fn collect(user: *mut c_void, record: *const ucifi_record) -> i32 {
    let sink = unsafe { &mut *user.cast::<Sink>() };
    let r = unsafe { &*record };
    let v = &r.value;
    let value = match DataType::ALL.iter().find(|t| **t as u8 == r.data_type) {
        Some(DataType::Integer | DataType::Time) => Val::Bits(unsafe { v.integer } as u64),
        Some(DataType::Unsigned) => Val::Bits(unsafe { v.uinteger }),
        Some(DataType::Float) => Val::Bits(unsafe { v.floating }.to_bits()),
        Some(DataType::Boolean) => Val::Bool(unsafe { v.boolean }),
        Some(DataType::Objlnk) => {
            Val::Link(unsafe { v.objlnk.object }, unsafe { v.objlnk.instance })
        }
        Some(DataType::String | DataType::Corelnk) => {
            Val::Bytes(unsafe { copy(v.string.data.cast(), v.string.len) })
        }
        Some(DataType::Opaque) => Val::Bytes(unsafe { copy(v.bytes.data, v.bytes.len) }),
        Some(DataType::None) => Val::None,
        None => panic!("unknown data type {}", r.data_type),
    };
    let len = usize::from(r.path.len);
    assert!((1..=4).contains(&len), "path length {len}");
    assert!(
        r.path.ids[len..].iter().all(|x| *x == 0),
        "ids past len are not 0"
    );
    sink.seen.push(Seen {
        ids: r.path.ids[..len].to_vec(),
        data_type: r.data_type,
        unknown: r.unknown,
        time: r.has_time.then(|| r.time.to_bits()),
        value,
        name: unsafe { copy(r.name.data.cast(), r.name.len) },
        unit: unsafe { copy(r.unit.data.cast(), r.unit.len) },
    });
    i32::from(sink.stop_after != 0 && sink.seen.len() >= sink.stop_after)
}

/// What the C callback should see for a core record.
fn expected(r: &Record<'_>) -> Seen {
    let value = match r.value {
        Value::Integer(x) | Value::Time(x) => Val::Bits(x as u64),
        Value::Unsigned(x) => Val::Bits(x),
        Value::Float(x) => Val::Bits(x.to_bits()),
        Value::Boolean(b) => Val::Bool(b),
        Value::ObjLnk(l) => Val::Link(l.object, l.instance),
        Value::String(s) | Value::CoreLnk(s) => Val::Bytes(s.as_bytes().to_vec()),
        Value::Opaque(b) => Val::Bytes(b.to_vec()),
        Value::None => Val::None,
    };
    Seen {
        ids: r.path.ids().to_vec(),
        data_type: r.value.data_type() as u8,
        unknown: r.unknown(),
        time: r.time.map(f64::to_bits),
        value,
        name: r.name().unwrap_or("").as_bytes().to_vec(),
        unit: r.unit().unwrap_or("").as_bytes().to_vec(),
    }
}

fuzz_target!(|data: &[u8]| {
    let [sel, stop, pick, frame @ ..] = data else {
        return;
    };
    let uplink = sel & 0x80 != 0;
    let mut sink = Sink {
        seen: Vec::new(),
        stop_after: usize::from(*stop % 8),
    };
    let (mut count, mut offset) = (usize::MAX, usize::MAX);
    let mut want = Vec::new();
    let (code, core): (i32, Result<usize, Error>) = if uplink {
        let code = unsafe {
            ucifi_uplink_decode(
                *pick,
                frame.as_ptr(),
                frame.len(),
                Some(collect),
                (&raw mut sink).cast(),
                &mut count,
                &mut offset,
            )
        };
        let core = decode_uplink(*pick, frame, &PortTable::default(), &Registry, |r| {
            want.push(expected(&r))
        });
        (code, core)
    } else {
        let n = usize::from(sel & 0x7f) % (Format::ALL.len() + 1);
        let (fcode, fmt) = match Format::ALL.get(n) {
            Some(f) => (f.content_format(), Some(*f)),
            None => (9999, None),
        };
        let (entry, _) = ucifi_fuzz::split_entry(std::slice::from_ref(pick));
        let entry = entry.expect("one byte picks an entry");
        let text = entry.text.as_ref().map_or(std::ptr::null(), |t| t.as_ptr());
        let code = unsafe {
            ucifi_decode(
                fcode,
                frame.as_ptr(),
                frame.len(),
                text,
                Some(collect),
                (&raw mut sink).cast(),
                &mut count,
                &mut offset,
            )
        };
        let core = match fmt {
            Some(f) => format::decode_each(f, frame, entry.path.as_ref(), &Registry, |r| {
                want.push(expected(&r))
            }),
            None => Err(Error::new(ucifi_codec::ErrorKind::UnknownFormat, 0)),
        };
        (code, core)
    };
    assert_ne!(code, UCIFI_RESULT_PANIC, "the C API caught a panic");
    match core {
        Ok(n) if sink.stop_after != 0 && n >= sink.stop_after => {
            assert_eq!(code, UCIFI_RESULT_CALLBACK_STOPPED);
            assert_eq!(
                sink.seen.len(),
                sink.stop_after,
                "callback calls after a stop"
            );
            assert_eq!(sink.seen[..], want[..sink.stop_after]);
        }
        Ok(n) => {
            assert_eq!(code, UCIFI_RESULT_OK);
            assert_eq!((count, n), (want.len(), want.len()), "count_out");
            assert_eq!(sink.seen, want);
        }
        Err(e) => {
            assert_eq!(
                code,
                i32::from(e.kind().code()),
                "result code vs core error {e}"
            );
            assert_eq!(offset, e.offset(), "error_offset_out vs core error {e}");
            assert!(sink.seen.is_empty(), "records handed out before an error");
            assert_eq!(count, usize::MAX, "count_out written on failure");
        }
    }
});
