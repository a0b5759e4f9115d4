//! Shared inputs and the counting allocator for the `ucifi-codec` benches and the instruction-count harness.
//!
//! The inputs, each in several formats:
//!
//! - The LwM2M Device object `/3/0` (16 records: strings, multiple integer resources, a time), read at
//!   [`DEVICE_PATH`]:
//!   - [`DEVICE_TLV`]: the 121-byte example of the TLV specification;
//!   - [`DEVICE_SENML_CBOR`]: the 196-byte SenML-CBOR example of LwM2M Core 1.1.1 (§7.4.5), the same 16 values;
//!   - [`device_lwm2m_cbor`]: the same 16 records written as LwM2M-CBOR by our encoder.
//! - A water-meter uplink, uCIFI object 3424 instance 0, written by our encoder from [`ucifi_records`]:
//!   [`ucifi_frame`] (TLV at [`UCIFI_PATH`], `/3424`, so the frame carries its object-instance wrapper),
//!   [`ucifi_senml_cbor`] and [`ucifi_lwm2m_cbor`]. It holds 8 readable resources; the TLV frame is 51 bytes, the
//!   LoRaWAN SF12-class payload limit:
//!
//!   | resource | name | value | value bytes |
//!   |---|---|---|---|
//!   | 1 | Cumulated water volume | 1523.376 m3 (float, not exact in f32) | 8 |
//!   | 4 | Cumulated pulse value | 1 523 376 (integer) | 4 |
//!   | 8 | Maximum flow rate | 0.000 425 m3/s (float) | 8 |
//!   | 9 | Leak suspected | false | 1 |
//!   | 10 | Leak detected | false | 1 |
//!   | 11 | Back flow detected | false | 1 |
//!   | 5518 | Timestamp (16-bit id) | 1 764 000 000 (time, 2025-11-24) | 4 |
//!   | 6049 | Measurement Quality Level (16-bit id) | 98 (integer) | 1 |
//!
//! [`CountingAllocator`] wraps the system allocator and counts every `alloc`, `alloc_zeroed` and `realloc`; a binary
//! installs it with `#[global_allocator]` and reads [`allocations`] around the code under test.
//!
//! [`peer`] is the comparison point of the SenML benches: a typical serde-based SenML-CBOR decoder (ciborium).
//!
//! [`keys`] builds the large payloads of the duplicate-check benches: 16 000 records of one object instance in
//! LwM2M-CBOR, TLV and SenML-CBOR, their ids descending, ascending or shuffled.
//!
//! ```
//! use ucifi_benches::{
//!     device_lwm2m_cbor, ucifi_frame, ucifi_senml_cbor, DEVICE_PATH, DEVICE_SENML_CBOR, DEVICE_TLV, UCIFI_PATH,
//! };
//! use ucifi_codec::{lwm2m_cbor, senml, tlv, Registry};
//! assert_eq!(tlv::decode(&DEVICE_TLV, &DEVICE_PATH, &Registry).unwrap().count(), 16);
//! assert_eq!(senml::decode(&DEVICE_SENML_CBOR, Some(&DEVICE_PATH), &Registry).unwrap().count(), 16);
//! let frame = device_lwm2m_cbor();
//! assert_eq!(lwm2m_cbor::decode(frame.as_bytes(), Some(&DEVICE_PATH), &Registry).unwrap().count(), 16);
//! let frame = ucifi_frame();
//! assert_eq!(frame.as_bytes().len(), 51);
//! assert_eq!(tlv::decode(frame.as_bytes(), &UCIFI_PATH, &Registry).unwrap().count(), 8);
//! let pack = ucifi_senml_cbor();
//! assert_eq!(senml::decode(pack.as_bytes(), Some(&UCIFI_PATH), &Registry).unwrap().count(), 8);
//! ```

// Benchmark fixtures: a fixture that cannot be built stops the run with its reason.
#![allow(clippy::panic)]
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use ucifi_codec::{lwm2m_cbor, senml, tlv, Error, Path, Record, Registry, Value};

pub mod keys;
pub mod peer;

pub use keys::{key_order, lwm2m_cbor_keys, senml_cbor_keys, tlv_keys, Order, KEYS};

/// The Device object `/3/0` TLV example (121 bytes) as hex, as the TLV specification prints it.
pub const DEVICE_TLV_HEX: &str = "c800144f70656e204d6f62696c6520416c6c69616e6365c801164c69676874776569676874204d324d20436c69656e74c80209333435303030313233c303312e30860641000141010588070842000ed842011388870841007d42010384c10964c10a0f830b410000c40d5182428fc60e2b30323a3030c11055";

/// The Device object `/3/0` TLV example, 121 bytes.
pub const DEVICE_TLV: [u8; 121] = hex(DEVICE_TLV_HEX);

/// The Device object `/3/0` SenML-CBOR example of LwM2M Core 1.1.1 §7.4.5 (196 bytes) as hex: the first
/// `senml-cbor` entry of `vectors/spec-examples.json`. A pack of 16 records, `bn` = `/3/0/` on the first, `n` the rest of each
/// path, strings as `vs`, numbers (the time too) as `v`.
pub const DEVICE_SENML_CBOR_HEX: &str = "90a321652f332f302f00613003744f70656e204d6f62696c6520416c6c69616e6365a200613103764c69676874776569676874204d324d20436c69656e74a20061320369333435303030313233a20061330363312e30a20063362f300201a20063362f310205a20063372f3002190ed8a20063372f3102191388a20063382f3002187da20063382f3102190384a2006139021864a200623130020fa2006431312f300200a200623133021a5182428fa20062313403662b30323a3030a200623136036155";

/// The Device object `/3/0` SenML-CBOR example, 196 bytes (the same 16 values as [`DEVICE_TLV`]).
pub const DEVICE_SENML_CBOR: [u8; 196] = hex(DEVICE_SENML_CBOR_HEX);

/// The request path of the Device inputs: `/3/0`.
pub const DEVICE_PATH: Path = Path::instance_path(3, 0);

/// The number of records in [`DEVICE_TLV`].
pub const DEVICE_RECORDS: usize = 16;

/// The request path of the uCIFI frame: `/3424` (Water meter object; the frame carries the instance wrapper).
pub const UCIFI_PATH: Path = Path::object_path(3424);

/// The number of records in the uCIFI frame.
pub const UCIFI_RECORDS: usize = 8;

/// Room for the records of either input (more than both hold).
pub const MAX_RECORDS: usize = 32;

/// Decodes hex text at compile time; a malformed literal is a compile error.
const fn hex<const N: usize>(text: &str) -> [u8; N] {
    const fn nibble(c: u8) -> u8 {
        match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            _ => panic!("not a lowercase hex digit"),
        }
    }
    let t = text.as_bytes();
    assert!(t.len() == 2 * N, "hex text length does not match the array");
    let mut out = [0u8; N];
    let mut i = 0;
    while i < N {
        out[i] = nibble(t[2 * i]) << 4 | nibble(t[2 * i + 1]);
        i += 1;
    }
    out
}

/// The water-meter reading `/3424/0` the uCIFI frame is encoded from (see the crate docs for the table).
pub fn ucifi_records() -> [Record<'static>; UCIFI_RECORDS] {
    let r = |resource: u16, value: Value<'static>| {
        Record::new(Path::resource_path(3424, 0, resource), value)
    };
    [
        r(1, Value::Float(1523.376)),
        r(4, Value::Integer(1_523_376)),
        r(8, Value::Float(0.000_425)),
        r(9, Value::Boolean(false)),
        r(10, Value::Boolean(false)),
        r(11, Value::Boolean(false)),
        r(5518, Value::Time(1_764_000_000)),
        r(6049, Value::Integer(98)),
    ]
}

/// Room in a [`Frame`] (more than any input here needs).
pub const FRAME_CAPACITY: usize = 256;

/// An encoded frame held by value (no heap).
#[derive(Clone, Copy)]
pub struct Frame {
    buf: [u8; FRAME_CAPACITY],
    len: usize,
}

impl Frame {
    /// The frame bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    /// Runs one of our encoders into a new frame.
    ///
    /// # Panics
    /// If the encoder fails (a bug in these inputs or in the encoder); `what` names the frame in the message.
    fn encoded(what: &str, encode: impl FnOnce(&mut [u8]) -> Result<&[u8], Error>) -> Frame {
        let mut buf = [0u8; FRAME_CAPACITY];
        let len = match encode(&mut buf) {
            Ok(frame) => frame.len(),
            Err(e) => panic!("encoding {what} failed: {e:?}"),
        };
        Frame { buf, len }
    }
}

/// The uCIFI water-meter frame: [`ucifi_records`] encoded as TLV for [`UCIFI_PATH`] (51 bytes).
///
/// # Panics
/// If the encoder rejects the records (a bug in these inputs or in the encoder).
pub fn ucifi_frame() -> Frame {
    Frame::encoded("the uCIFI TLV frame", |buf| {
        tlv::encode(&ucifi_records(), &UCIFI_PATH, &Registry, buf)
    })
}

/// The uCIFI water-meter reading as SenML-CBOR: [`ucifi_records`] encoded by `senml::encode` for [`UCIFI_PATH`].
///
/// # Panics
/// If the encoder rejects the records.
pub fn ucifi_senml_cbor() -> Frame {
    Frame::encoded("the uCIFI SenML-CBOR pack", |buf| {
        senml::encode(&ucifi_records(), Some(&UCIFI_PATH), &Registry, buf)
    })
}

/// The uCIFI water-meter reading as LwM2M-CBOR: [`ucifi_records`] encoded by `lwm2m_cbor::encode` for
/// [`UCIFI_PATH`].
///
/// # Panics
/// If the encoder rejects the records.
pub fn ucifi_lwm2m_cbor() -> Frame {
    Frame::encoded("the uCIFI LwM2M-CBOR frame", |buf| {
        lwm2m_cbor::encode(&ucifi_records(), Some(&UCIFI_PATH), &Registry, buf)
    })
}

/// The 16 Device records ([`device_records`]) encoded as LwM2M-CBOR by `lwm2m_cbor::encode` for [`DEVICE_PATH`].
///
/// # Panics
/// If the encoder rejects the records.
pub fn device_lwm2m_cbor() -> Frame {
    Frame::encoded("the Device LwM2M-CBOR frame", |buf| {
        lwm2m_cbor::encode(&device_records(), Some(&DEVICE_PATH), &Registry, buf)
    })
}

/// The records of [`DEVICE_TLV`], decoded once (the encode benches' input), typed by the built-in registry.
///
/// # Panics
/// If the example does not decode to [`DEVICE_RECORDS`] records.
pub fn device_records() -> [Record<'static>; DEVICE_RECORDS] {
    let mut out = [Record::new(Path::object_path(0), Value::None); DEVICE_RECORDS];
    match tlv::decode_into(&DEVICE_TLV, &DEVICE_PATH, &Registry, &mut out) {
        Ok(DEVICE_RECORDS) => out,
        other => {
            panic!("the Device example decoded to {other:?}, expected {DEVICE_RECORDS} records")
        }
    }
}

/// An empty record, to fill record slices before `decode_into`.
pub const EMPTY_RECORD: Record<'static> = Record::new(Path::object_path(0), Value::None);

/// Allocation calls (`alloc`, `alloc_zeroed`, `realloc`) seen by [`CountingAllocator`] since the program started.
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

/// A global allocator that forwards to [`System`] and counts allocation calls. Install it in a binary with
/// `#[global_allocator] static ALLOC: CountingAllocator = CountingAllocator;`.
pub struct CountingAllocator;

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; counting has no effect on memory.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as our caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as our caller's.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: same contract as our caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: same contract as our caller's.
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// The number of allocation calls counted so far (0 forever if [`CountingAllocator`] is not installed; see
/// [`assert_counting`]).
pub fn allocations() -> usize {
    ALLOCATIONS.load(Ordering::Relaxed)
}

/// Runs `f` and returns its result with the number of allocation calls made meanwhile.
pub fn count_allocations<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let before = allocations();
    let r = f();
    (r, allocations() - before)
}

/// Proves that [`CountingAllocator`] is the global allocator of this program: a heap allocation must be counted.
///
/// # Panics
/// If the allocation is not counted (so a zero-allocation check would pass vacuously).
pub fn assert_counting() {
    let (boxed, n) =
        count_allocations(|| std::hint::black_box(Box::new(std::hint::black_box(7u64))));
    drop(boxed);
    assert!(n >= 1, "CountingAllocator is not installed as #[global_allocator]: a Box allocation was not counted");
}

#[cfg(test)]
#[global_allocator]
static TEST_ALLOC: CountingAllocator = CountingAllocator;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counter_sees_allocations() {
        assert_counting();
        let (v, n) = count_allocations(|| std::hint::black_box(vec![1u8; 100]));
        assert!(n >= 1, "a Vec allocation was not counted");
        let (_, grown) = count_allocations(|| {
            let mut v = v;
            v.reserve(1000);
            std::hint::black_box(v)
        });
        assert!(grown >= 1, "a realloc was not counted");
    }

    #[test]
    fn inputs_are_what_the_docs_say() {
        assert_eq!(DEVICE_TLV.len(), 121);
        assert_eq!(device_records().len(), DEVICE_RECORDS);
        let frame = ucifi_frame();
        assert_eq!(frame.as_bytes().len(), 51);
        let back: Vec<_> = tlv::decode(frame.as_bytes(), &UCIFI_PATH, &Registry)
            .unwrap()
            .collect();
        assert_eq!(back.len(), UCIFI_RECORDS);
        for (a, b) in back.iter().zip(ucifi_records()) {
            assert_eq!((a.path, a.value), (b.path, b.value));
            assert!(!a.unknown(), "{} unknown to the model", a.path);
        }
        assert_eq!(back[6].name(), Some("Timestamp"));
    }

    /// The Device records, decoded from the TLV example (the reference for the other formats).
    fn device_reference() -> Vec<(Path, Value<'static>)> {
        device_records().iter().map(|r| (r.path, r.value)).collect()
    }

    #[test]
    fn senml_device_example_holds_the_tlv_values() {
        assert_eq!(DEVICE_SENML_CBOR.len(), 196);
        let records: Vec<_> = senml::decode(&DEVICE_SENML_CBOR, Some(&DEVICE_PATH), &Registry)
            .unwrap()
            .collect();
        let got: Vec<_> = records.iter().map(|r| (r.path, r.value)).collect();
        assert_eq!(got, device_reference());
        assert!(records.iter().all(|r| !r.unknown() && r.time.is_none()));
        let mut out = [EMPTY_RECORD; MAX_RECORDS];
        let n = senml::decode_into(&DEVICE_SENML_CBOR, Some(&DEVICE_PATH), &Registry, &mut out);
        assert_eq!(n, Ok(DEVICE_RECORDS));
        assert_eq!(&out[..DEVICE_RECORDS], &records[..]);
    }

    #[test]
    fn senml_device_example_reencodes_to_the_same_bytes() {
        let mut buf = [0u8; FRAME_CAPACITY];
        let out =
            senml::encode(&device_records(), Some(&DEVICE_PATH), &Registry, &mut buf).unwrap();
        assert_eq!(out, DEVICE_SENML_CBOR);
    }

    #[test]
    fn lwm2m_cbor_device_frame_holds_the_tlv_values() {
        let frame = device_lwm2m_cbor();
        let got: Vec<_> = lwm2m_cbor::decode(frame.as_bytes(), Some(&DEVICE_PATH), &Registry)
            .unwrap()
            .map(|r| (r.path, r.value))
            .collect();
        assert_eq!(got, device_reference());
        // {[3, 0]: {0: "Open Mobile Alliance", ...}}: the single instance merges into the root key.
        assert_eq!(&frame.as_bytes()[..4], [0xa1, 0x82, 0x03, 0x00]);
    }

    #[test]
    fn ucifi_frames_hold_the_reading() {
        let want: Vec<_> = ucifi_records().iter().map(|r| (r.path, r.value)).collect();
        let senml_pack = ucifi_senml_cbor();
        let got: Vec<_> = senml::decode(senml_pack.as_bytes(), Some(&UCIFI_PATH), &Registry)
            .unwrap()
            .map(|r| (r.path, r.value))
            .collect();
        assert_eq!(got, want);
        let frame = ucifi_lwm2m_cbor();
        let got: Vec<_> = lwm2m_cbor::decode(frame.as_bytes(), Some(&UCIFI_PATH), &Registry)
            .unwrap()
            .map(|r| (r.path, r.value))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn the_peer_decodes_the_same_16_records() {
        use peer::PeerValue;
        let records = peer::decode_senml(&DEVICE_SENML_CBOR).unwrap();
        assert_eq!(records.len(), DEVICE_RECORDS);
        for (p, (path, value)) in records.iter().zip(device_reference()) {
            assert_eq!(p.name, path.to_string());
            let expected = match value {
                Value::String(s) => PeerValue::String(s.to_owned()),
                Value::Integer(i) | Value::Time(i) => PeerValue::Number(i as f64),
                other => panic!("unexpected value kind in the Device example: {other:?}"),
            };
            assert_eq!(p.value, expected, "{}", p.name);
            assert_eq!((p.unit.as_deref(), p.time), (None, None));
        }
        assert_eq!(records[4].name, "/3/0/6/0");
        assert_eq!(records[7].value, PeerValue::Number(5000.0));
        assert_eq!(records[13].value, PeerValue::Number(1_367_491_215.0));
        assert_eq!(records[15].value, PeerValue::String("U".into()));
        // The generic parse sees the same array of 16 maps.
        match peer::parse_value(&DEVICE_SENML_CBOR).unwrap() {
            ciborium::Value::Array(items) => assert_eq!(items.len(), DEVICE_RECORDS),
            other => panic!("not an array: {other:?}"),
        }
    }

    #[test]
    fn the_peer_resolves_base_fields() {
        use peer::PeerValue;
        // [{bn: "/3424/0/", bt: 1764000000, bv: 1, bu: "m3", n: "1", v: 0.5}, {n: "4", t: 10, vb: true}]
        let pack = [
            0x82, 0xa6, 0x21, 0x68, b'/', b'3', b'4', b'2', b'4', b'/', b'0', b'/', 0x22, 0x1a,
            0x69, 0x24, 0x81, 0x00, 0x24, 0x01, 0x23, 0x62, b'm', b'3', 0x00, 0x61, b'1', 0x02,
            0xf9, 0x38, 0x00, 0xa3, 0x00, 0x61, b'4', 0x06, 0x0a, 0x04, 0xf5,
        ];
        let r = peer::decode_senml(&pack).unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(
            (r[0].name.as_str(), &r[0].value),
            ("/3424/0/1", &PeerValue::Number(1.5))
        );
        assert_eq!(
            (r[0].unit.as_deref(), r[0].time),
            (Some("m3"), Some(1_764_000_000.0))
        );
        assert_eq!(
            (r[1].name.as_str(), &r[1].value),
            ("/3424/0/4", &PeerValue::Bool(true))
        );
        assert_eq!(r[1].time, Some(1_764_000_010.0));
    }

    #[test]
    fn device_example_reencodes_to_the_same_bytes() {
        let mut buf = [0u8; 160];
        let out = tlv::encode(&device_records(), &DEVICE_PATH, &Registry, &mut buf).unwrap();
        assert_eq!(out, DEVICE_TLV);
    }
}
