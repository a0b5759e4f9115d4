//! The static buffers JS reads and writes, and their exports.
//!
//! Every buffer lives in zero-initialised memory (`.bss`), so it costs nothing in the module's data and wasm2js
//! output. JS gets their addresses once from the `buf_*` exports.

use core::ptr::{addr_of, addr_of_mut};

/// Bytes of the frame buffer (a LoRaWAN FRMPayload is at most 242 bytes; larger frames serve the test vectors).
pub const IN_CAP: usize = 2048;
/// Bytes of one binary record.
pub const RECORD_SIZE: usize = 32;
/// Records one decode can hand out.
pub const MAX_RECORDS: usize = 1024;
/// Records one encode can take.
pub const MAX_ENCODE: usize = 512;
/// Bytes of the text arena.
pub const ARENA_CAP: usize = 8192;
/// Bytes of the model table JS loads (object header: 4 bytes; resource: 3 bytes).
pub const MODEL_CAP: usize = 4 * crate::model::MAX_OBJECTS + 3 * crate::model::MAX_RESOURCES;

static mut IN: [u8; IN_CAP] = [0; IN_CAP];
static mut OUT: [u8; RECORD_SIZE * MAX_RECORDS] = [0; RECORD_SIZE * MAX_RECORDS];
static mut ARENA: [u8; ARENA_CAP] = [0; ARENA_CAP];
static mut MODEL: [u8; MODEL_CAP] = [0; MODEL_CAP];

/// Address of the frame buffer ([`IN_CAP`] bytes).
#[no_mangle]
pub extern "C" fn buf_in() -> *mut u8 {
    addr_of_mut!(IN).cast()
}

/// Address of the record buffer ([`MAX_RECORDS`] × [`RECORD_SIZE`] bytes).
#[no_mangle]
pub extern "C" fn buf_out() -> *mut u8 {
    addr_of_mut!(OUT).cast()
}

/// Address of the text arena ([`ARENA_CAP`] bytes).
#[no_mangle]
pub extern "C" fn buf_arena() -> *mut u8 {
    addr_of_mut!(ARENA).cast()
}

/// Address of the model table buffer ([`MODEL_CAP`] bytes).
#[no_mangle]
pub extern "C" fn buf_model() -> *mut u8 {
    addr_of_mut!(MODEL).cast()
}

/// The frame buffer, shared.
///
/// # Safety
/// No `&mut` to it may be alive (wasm is single-threaded; each export takes the views it needs, disjoint).
pub(crate) unsafe fn frame() -> &'static [u8; IN_CAP] {
    &*addr_of!(IN)
}

/// The frame buffer, exclusive.
///
/// # Safety
/// No other reference to it may be alive.
pub(crate) unsafe fn frame_mut() -> &'static mut [u8; IN_CAP] {
    &mut *addr_of_mut!(IN)
}

/// The record buffer, shared.
///
/// # Safety
/// As [`frame`].
pub(crate) unsafe fn records() -> &'static [u8; RECORD_SIZE * MAX_RECORDS] {
    &*addr_of!(OUT)
}

/// The record buffer, exclusive.
///
/// # Safety
/// As [`frame_mut`].
pub(crate) unsafe fn records_mut() -> &'static mut [u8; RECORD_SIZE * MAX_RECORDS] {
    &mut *addr_of_mut!(OUT)
}

/// The text arena, shared.
///
/// # Safety
/// As [`frame`].
pub(crate) unsafe fn arena() -> &'static [u8; ARENA_CAP] {
    &*addr_of!(ARENA)
}

/// The text arena, exclusive.
///
/// # Safety
/// As [`frame_mut`].
pub(crate) unsafe fn arena_mut() -> &'static mut [u8; ARENA_CAP] {
    &mut *addr_of_mut!(ARENA)
}

/// The model table buffer, shared.
///
/// # Safety
/// As [`frame`].
pub(crate) unsafe fn model_table() -> &'static [u8; MODEL_CAP] {
    &*addr_of!(MODEL)
}

/// Little-endian reads and writes at an offset, without panicking (out of range reads give 0, writes are dropped).
pub(crate) mod le {
    /// `N` bytes at `at`.
    fn bytes<const N: usize>(buf: &[u8], at: usize) -> [u8; N] {
        let mut out = [0u8; N];
        if let Some(src) = buf.get(at..at + N) {
            out.copy_from_slice(src);
        }
        out
    }

    /// A u16 at `at`.
    pub(crate) fn u16_at(buf: &[u8], at: usize) -> u16 {
        u16::from_le_bytes(bytes(buf, at))
    }

    /// A u32 at `at`.
    pub(crate) fn u32_at(buf: &[u8], at: usize) -> u32 {
        u32::from_le_bytes(bytes(buf, at))
    }

    /// An f64 at `at`.
    pub(crate) fn f64_at(buf: &[u8], at: usize) -> f64 {
        f64::from_le_bytes(bytes(buf, at))
    }

    /// Writes `src` at `at`.
    pub(crate) fn put(buf: &mut [u8], at: usize, src: &[u8]) {
        if let Some(dst) = buf.get_mut(at..at + src.len()) {
            dst.copy_from_slice(src);
        }
    }
}
