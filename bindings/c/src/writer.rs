//! Encoding through a writer on the caller's stack, without heap.
//!
//! A [`ucifi_writer`] holds the format, the request path and a caller-provided array of [`ucifi_writer_slot`]s,
//! one per record (the caller picks how many: RAM is theirs). Each `ucifi_writer_add_*` call checks the records so
//! far against the format and the registry (type, path, duplicates), so a bad record is refused by the call that
//! adds it and leaves the writer as it was. `ucifi_writer_finish` writes the canonical encoding into the caller's
//! buffer; `ucifi_writer_finish_fit` writes as many records as fit a byte budget (a LoRaWAN frame, by
//! `ucifi_codec::lorawan::fit::fit_frame`), and `ucifi_writer_discard` drops them so the rest can go into the next
//! frame. `ucifi_writer_init_uplink` (in `lorawan.rs`) sets a writer up for an fPort of the uplink convention.
//!
//! The add calls are in `writer_add.rs`. Strings and opaque values are **not copied**: what
//! `ucifi_writer_add_string`, `_add_opaque` and `_add_record` point at must stay valid and unchanged until the last `finish`, `finish_fit` or `encoded_len` call
//! that uses them, and must not overlap the output buffer.

use core::ffi::c_char;
use core::mem::{align_of, size_of};
use core::ptr::{self, NonNull};

use ucifi_codec::lorawan::fit::{fit_frame, Budget, FitFormat};
use ucifi_codec::{format, Error, ErrorKind, Format, Path, Record, Registry};

use crate::decode::{format_in, request_path_in};
use crate::result::{
    error_code, kind_code, UCIFI_RESULT_INVALID_ARGUMENT, UCIFI_RESULT_NULL_POINTER,
    UCIFI_RESULT_OK, UCIFI_RESULT_WRITER_FULL,
};
#[cfg(all(feature = "tlv", not(feature = "tlv-fast")))]
use crate::tlv_lean::write::Entry;
use crate::types::{ucifi_format, ucifi_result};

/// Size of `ucifi_writer` in 8-byte words (for 64-bit pointers).
#[cfg(target_pointer_width = "64")]
pub const UCIFI_WRITER_WORDS: usize = 5;
/// Size of `ucifi_writer` in 8-byte words (for 32-bit pointers).
#[cfg(not(target_pointer_width = "64"))]
pub const UCIFI_WRITER_WORDS: usize = 4;
/// Size of one `ucifi_writer_slot` in 8-byte words (for 64-bit pointers).
#[cfg(target_pointer_width = "64")]
pub const UCIFI_WRITER_SLOT_WORDS: usize = 8;
/// Size of one `ucifi_writer_slot` in 8-byte words (for 32-bit pointers).
#[cfg(not(target_pointer_width = "64"))]
pub const UCIFI_WRITER_SLOT_WORDS: usize = 6;

/// An encoder on the caller's stack. Opaque: set it up with `ucifi_writer_init`, never touch its bytes. It owns no
/// memory, so there is nothing to free; copying it copies a view of the same slots.
///
/// ```c
/// ucifi_writer w;
/// ucifi_writer_slot slots[4];
/// uint8_t frame[51];
/// size_t len;
/// ucifi_writer_init(&w, UCIFI_FORMAT_TLV, "/3424/0", slots, 4);
/// ucifi_writer_add_float(&w, 3424, 0, UCIFI_RES_WATER_METER_CUMULATED_WATER_VOLUME, 1234.5);
/// if (ucifi_writer_finish(&w, frame, sizeof frame, &len) != UCIFI_RESULT_OK) { /* ... */ }
/// ```
#[repr(C)]
pub struct ucifi_writer {
    _opaque: [u64; UCIFI_WRITER_WORDS],
}

/// Storage for one record of a `ucifi_writer`. Opaque; declare an array of them, as many as records you add.
#[repr(C)]
pub struct ucifi_writer_slot {
    _opaque: [u64; UCIFI_WRITER_SLOT_WORDS],
}

/// What a `ucifi_writer` holds. Every field is an integer or a raw pointer, so no bit pattern is invalid.
#[repr(C)]
pub(crate) struct State {
    slots: *mut Record<'static>,
    cap: usize,
    len: usize,
    magic: u16,
    format: u16,
    /// The request path; the root `/` when none was given (the same for the formats that take either, and those that
    /// need a path refuse both at init).
    path: Path,
}

/// Marks an initialised writer ("UC"), so a zeroed or stale struct is refused rather than used (its format code is
/// checked too). 16 bits, so that the fields fit the 40 bytes of a 64-bit `ucifi_writer` with the 4-byte aligned
/// request path.
const MAGIC: u16 = 0x5543;

const _: () = {
    assert!(size_of::<State>() <= size_of::<ucifi_writer>());
    assert!(align_of::<State>() <= align_of::<ucifi_writer>());
    assert!(size_of::<Record<'static>>() <= size_of::<ucifi_writer_slot>());
    assert!(align_of::<Record<'static>>() <= align_of::<ucifi_writer_slot>());
};
#[cfg(all(feature = "tlv", not(feature = "tlv-fast")))]
const _: () = {
    assert!(size_of::<Entry>() <= size_of::<Record<'static>>());
    assert!(align_of::<Entry>() <= align_of::<Record<'static>>());
};

impl State {
    fn format(&self) -> Result<Format, Error> {
        format_in(self.format)
    }

    /// True for a TLV writer (the format code compared as it is: no lookup).
    #[cfg(all(feature = "tlv", not(feature = "tlv-fast")))]
    pub(crate) fn is_tlv(&self) -> bool {
        self.format == Format::Tlv.content_format()
    }

    fn path(&self) -> Option<&Path> {
        (!self.path.is_root()).then_some(&self.path)
    }

    /// The first `n` records (`n` <= `len`).
    #[cfg_attr(all(feature = "tlv", not(feature = "tlv-fast")), allow(dead_code))]
    fn records(&self, n: usize) -> &[Record<'static>] {
        let n = n.min(self.len);
        if n == 0 {
            return &[];
        }
        // SAFETY: `slots` is non-NULL, aligned and valid for `cap` records (checked and promised at init), and the
        // first `len` >= `n` of them were written by `push`.
        unsafe { core::slice::from_raw_parts(self.slots, n) }
    }

    /// Every record, to reorder in place.
    fn records_mut(&mut self) -> &mut [Record<'static>] {
        if self.len == 0 {
            return &mut [];
        }
        // SAFETY: as `records`; `&mut self` makes the borrow exclusive.
        unsafe { core::slice::from_raw_parts_mut(self.slots, self.len) }
    }

    /// The entries of a size-first TLV writer (`slots` holds `Entry`s then, not `Record`s).
    #[cfg(all(feature = "tlv", not(feature = "tlv-fast")))]
    fn entries(&self, n: usize) -> &[Entry] {
        if n == 0 {
            return &[];
        }
        // SAFETY: as `records`: the first `len` >= `n` slots hold entries written by `push_entry` (a TLV writer
        // holds nothing else); `Entry` fits a slot's size and alignment (asserted above).
        unsafe { core::slice::from_raw_parts(self.slots.cast::<Entry>(), n.min(self.len)) }
    }

    /// The entries of a size-first TLV writer, to reorder in place.
    #[cfg(all(feature = "tlv", not(feature = "tlv-fast")))]
    fn entries_mut(&mut self) -> &mut [Entry] {
        if self.len == 0 {
            return &mut [];
        }
        // SAFETY: as `entries`; `&mut self` makes the borrow exclusive.
        unsafe { core::slice::from_raw_parts_mut(self.slots.cast::<Entry>(), self.len) }
    }

    /// The frame of every record: its length, and its bytes in `out` when they fit (`out` empty: only the length).
    fn encode(&self, out: &mut [u8]) -> Result<usize, Error> {
        #[cfg(all(feature = "tlv", not(feature = "tlv-fast")))]
        if self.is_tlv() || crate::tlv_lean::ONLY {
            return crate::tlv_lean::write::write(self.entries(self.len), &self.path, out)
                .map_err(|k| Error::new(k, 0));
        }
        let path = self.path();
        let format = self.format()?;
        let records = self.records(self.len);
        if out.is_empty() {
            return format::encoded_len(format, records, path, &Registry);
        }
        format::encode(format, records, path, &Registry, out).map(<[u8]>::len)
    }

    /// Adds entry `e` to a size-first TLV writer if the records so far plus `e` still encode; otherwise leaves the
    /// writer as it was.
    #[cfg(all(feature = "tlv", not(feature = "tlv-fast")))]
    pub(crate) fn push_entry(&mut self, e: Entry) -> ucifi_result {
        if self.len >= self.cap {
            return UCIFI_RESULT_WRITER_FULL;
        }
        let n = self.len;
        // SAFETY: `slots` is valid for `cap` records and `len` < `cap`: the slot past `len` is free.
        unsafe { self.slots.cast::<Entry>().add(n).write(e) };
        self.len += 1;
        let all = self.entries(n + 1);
        let (before, new) = all.split_at(n);
        // The request path by reference: a copy of it would be a `memcpy` call on small targets.
        let path = &self.path;
        let checked = new
            .first()
            .map_or(Ok(()), |r| crate::tlv_lean::write::check(before, r, path))
            .and_then(|()| crate::tlv_lean::write::write(all, path, &mut []));
        match checked {
            Ok(_) => UCIFI_RESULT_OK,
            Err(kind) => {
                self.len = n;
                kind_code(kind)
            }
        }
    }

    /// Adds `r` if the records so far plus `r` still encode; otherwise leaves the writer as it was.
    pub(crate) fn push(&mut self, r: Record<'static>) -> ucifi_result {
        if self.len >= self.cap {
            return UCIFI_RESULT_WRITER_FULL;
        }
        // Field by field, from the record passed by value: each copy is a few words, where the whole record's would
        // be a `memcpy` call on small targets.
        // SAFETY: `slots` is valid for `cap` records and `len` < `cap`; the slot past `len` is free, and every field
        // of it is written here.
        unsafe {
            let slot = self.slots.add(self.len);
            ptr::addr_of_mut!((*slot).path).write(r.path);
            ptr::addr_of_mut!((*slot).value).write(r.value);
            ptr::addr_of_mut!((*slot).resource).write(r.resource);
            ptr::addr_of_mut!((*slot).time).write(r.time);
        }
        // SAFETY: the first `len + 1` slots are written now.
        let candidate = unsafe { core::slice::from_raw_parts(self.slots, self.len + 1) };
        let checked = self
            .format()
            .and_then(|f| format::encoded_len(f, candidate, self.path(), &Registry));
        match checked {
            Ok(_) => {
                self.len += 1;
                UCIFI_RESULT_OK
            }
            Err(e) => error_code(e),
        }
    }
}

/// The writer behind `w`, if it is one `ucifi_writer_init` set up.
///
/// # Safety
/// `w` must be NULL or point to a `ucifi_writer` that nothing else uses during the call.
pub(crate) unsafe fn state<'a>(w: *mut ucifi_writer) -> Result<&'a mut State, ucifi_result> {
    if w.is_null() {
        return Err(UCIFI_RESULT_NULL_POINTER);
    }
    if !w.is_aligned() {
        return Err(UCIFI_RESULT_INVALID_ARGUMENT);
    }
    // SAFETY: non-NULL, aligned, large enough (asserted above) and exclusively ours for the call; every bit pattern
    // of `State`'s fields is a valid value, so even a writer that was never initialised is only refused below.
    let s = unsafe { &mut *w.cast::<State>() };
    if s.magic != MAGIC {
        return Err(UCIFI_RESULT_INVALID_ARGUMENT);
    }
    Ok(s)
}

/// The writer behind `w` for reading, if it is one `ucifi_writer_init` set up.
///
/// # Safety
/// `w` must be NULL or point to a `ucifi_writer` that nothing writes during the call.
unsafe fn state_ref<'a>(w: *const ucifi_writer) -> Result<&'a State, ucifi_result> {
    if w.is_null() {
        return Err(UCIFI_RESULT_NULL_POINTER);
    }
    if !w.is_aligned() {
        return Err(UCIFI_RESULT_INVALID_ARGUMENT);
    }
    // SAFETY: as in `state`, for a shared borrow.
    let s = unsafe { &*w.cast::<State>() };
    if s.magic != MAGIC {
        return Err(UCIFI_RESULT_INVALID_ARGUMENT);
    }
    Ok(s)
}

/// Borrows `cap` writable bytes at `out`; NULL only with `cap` 0.
///
/// # Safety
/// Unless NULL, `out` must be valid for writes of `cap` bytes, not aliased, for `'a`.
unsafe fn bytes_out<'a>(out: *mut u8, cap: usize) -> Result<&'a mut [u8], ucifi_result> {
    if cap == 0 {
        return Ok(&mut []);
    }
    if out.is_null() {
        return Err(UCIFI_RESULT_NULL_POINTER);
    }
    if cap > isize::MAX as usize {
        return Err(UCIFI_RESULT_INVALID_ARGUMENT);
    }
    // SAFETY: non-NULL and valid for `cap` bytes by the caller's contract; `cap` fits isize.
    Ok(unsafe { core::slice::from_raw_parts_mut(out, cap) })
}

/// Sets up `w` to encode in `format` for the request path `path` (NUL-terminated, e.g. `"/3424/0"`; NULL for
/// none), keeping up to `slot_count` records in `slots`.
///
/// TLV needs a path (`UCIFI_RESULT_MISSING_PATH`): at `/O/I` it writes bare resources, at `/O` object-instance
/// wrappers. `UCIFI_RESULT_UNKNOWN_FORMAT` for a code that is no format, or a format this build leaves out.
/// `slots` must stay valid while `w` is used. On failure `w` is left untouched.
///
/// # Safety
/// `w` writable; `path` NULL or NUL-terminated; `slots` valid for `slot_count` slots (NULL only with 0) for as long
/// as `w` is used.
#[no_mangle]
pub unsafe extern "C" fn ucifi_writer_init(
    w: *mut ucifi_writer,
    format: ucifi_format,
    path: *const c_char,
    slots: *mut ucifi_writer_slot,
    slot_count: usize,
) -> ucifi_result {
    ffi_boundary!({
        if let Some(code) = check_storage(w, slots, slot_count) {
            return code;
        }
        let format = match format_in(format) {
            Ok(f) => f,
            Err(e) => return error_code(e),
        };
        // SAFETY: NULL or NUL-terminated by the caller's contract.
        let path = match unsafe { request_path_in(path) } {
            Ok(p) => p,
            Err(e) => return error_code(e),
        };
        if format.needs_path() && path.is_none() {
            return kind_code(ErrorKind::MissingPath);
        }
        // The root `/` names no object: TLV and the single values cannot be written at it.
        if format.needs_path() && path.is_some_and(|p| p.is_root()) {
            return kind_code(ErrorKind::InvalidPath);
        }
        // SAFETY: `w` and `slots` checked above; valid by the caller's contract.
        unsafe { set_up(w, format, path, slots, slot_count) };
        UCIFI_RESULT_OK
    })
}

/// Checks the writer and slot pointers `ucifi_writer_init*` receive: `Some(code)` when they are unusable. Compiled
/// into each caller (of the two, a firmware build often links one).
#[inline(always)]
pub(crate) fn check_storage(
    w: *mut ucifi_writer,
    slots: *mut ucifi_writer_slot,
    slot_count: usize,
) -> Option<ucifi_result> {
    if w.is_null() || (slots.is_null() && slot_count > 0) {
        return Some(UCIFI_RESULT_NULL_POINTER);
    }
    let too_many = slot_count > isize::MAX as usize / size_of::<ucifi_writer_slot>();
    if !w.is_aligned() || (!slots.is_null() && !slots.is_aligned()) || too_many {
        return Some(UCIFI_RESULT_INVALID_ARGUMENT);
    }
    None
}

/// Writes a fresh writer state into `w`. Compiled into each caller, where the request path is a local the copy
/// moves as whole words; out of line, copying it from behind a pointer would be a `memcpy` call on small targets (or
/// a rebuild from its ids, 90 bytes).
///
/// # Safety
/// `w` non-NULL, aligned and writable ([`check_storage`]); `slots` valid for `slot_count` slots (or NULL with 0)
/// for as long as `w` is used.
#[inline(always)]
pub(crate) unsafe fn set_up(
    w: *mut ucifi_writer,
    format: Format,
    path: Option<Path>,
    slots: *mut ucifi_writer_slot,
    slot_count: usize,
) {
    let state = State {
        slots: NonNull::new(slots.cast())
            .unwrap_or(NonNull::dangling())
            .as_ptr(),
        cap: slot_count,
        len: 0,
        magic: MAGIC,
        format: format.content_format(),
        path: path.unwrap_or(Path::ROOT),
    };
    // SAFETY: `w` is non-NULL, aligned, writable and large enough for `State` (asserted above).
    unsafe { w.cast::<State>().write(state) };
}

/// The number of records in `w`.
///
/// # Safety
/// `w` a writer set up by `ucifi_writer_init` (or NULL); `count_out` writable.
#[no_mangle]
pub unsafe extern "C" fn ucifi_writer_count(
    w: *const ucifi_writer,
    count_out: *mut usize,
) -> ucifi_result {
    ffi_boundary!({
        // SAFETY: forwarded contract.
        let s = match unsafe { state_ref(w) } {
            Ok(s) => s,
            Err(code) => return code,
        };
        if count_out.is_null() {
            return UCIFI_RESULT_NULL_POINTER;
        }
        // SAFETY: non-NULL and writable by the caller's contract.
        unsafe { count_out.write(s.len) };
        UCIFI_RESULT_OK
    })
}

/// The exact number of bytes `ucifi_writer_finish` would write for the records in `w` (size a buffer, or pick a
/// data rate, with it).
///
/// # Safety
/// `w` a writer set up by `ucifi_writer_init` (or NULL), its text and bytes still valid; `len_out` writable.
#[no_mangle]
pub unsafe extern "C" fn ucifi_writer_encoded_len(
    w: *const ucifi_writer,
    len_out: *mut usize,
) -> ucifi_result {
    ffi_boundary!({
        // SAFETY: forwarded contract.
        let s = match unsafe { state_ref(w) } {
            Ok(s) => s,
            Err(code) => return code,
        };
        if len_out.is_null() {
            return UCIFI_RESULT_NULL_POINTER;
        }
        match s.encode(&mut []) {
            Ok(n) => {
                // SAFETY: non-NULL and writable by the caller's contract.
                unsafe { len_out.write(n) };
                UCIFI_RESULT_OK
            }
            Err(e) => error_code(e),
        }
    })
}

/// Encodes every record of `w` into `out` (`cap` bytes) and sets `*len_out` to the bytes written. The records stay
/// in `w` (finish again, or discard them). `UCIFI_RESULT_BUFFER_TOO_SMALL` when they need more than `cap` bytes
/// (`ucifi_writer_encoded_len` tells how many). On any error nothing is written to `out` or `*len_out`: the frame
/// is measured (and every record checked) before the first byte goes out.
///
/// # Safety
/// `w` a writer set up by `ucifi_writer_init` (or NULL), its text and bytes still valid; `out` valid for `cap`
/// bytes (NULL only with 0) and not overlapping them; `len_out` writable.
#[no_mangle]
pub unsafe extern "C" fn ucifi_writer_finish(
    w: *const ucifi_writer,
    out: *mut u8,
    cap: usize,
    len_out: *mut usize,
) -> ucifi_result {
    ffi_boundary!({
        // SAFETY: forwarded contract.
        let s = match unsafe { state_ref(w) } {
            Ok(s) => s,
            Err(code) => return code,
        };
        if len_out.is_null() {
            return UCIFI_RESULT_NULL_POINTER;
        }
        // SAFETY: valid for `cap` bytes and not aliased, by the caller's contract.
        let buf = match unsafe { bytes_out(out, cap) } {
            Ok(b) => b,
            Err(code) => return code,
        };
        // The encoder may leave part of a frame behind when it fails: check everything first.
        match s.encode(&mut []) {
            Ok(n) if n > buf.len() => return error_code(Error::new(ErrorKind::BufferTooSmall, n)),
            Ok(_) => {}
            Err(e) => return error_code(e),
        }
        match s.encode(buf) {
            Ok(n) => {
                // SAFETY: non-NULL and writable by the caller's contract.
                unsafe { len_out.write(n) };
                UCIFI_RESULT_OK
            }
            Err(e) => error_code(e),
        }
    })
}

/// Fills one frame of at most `cap` bytes (a LoRaWAN payload budget: 51 bytes at SF12-class data rates, 11 at
/// US915 DR0; `ucifi_lorawan_max_payload` gives it per region and data rate) with as many records of `w` as fit, by
/// the core's packing rule (`lorawan::fit::fit_frame`): records are tried in order and each one that still fits goes
/// in, so a large record does not keep later small ones out. The records that went in move to the front of `w` (both
/// groups keep their order): `*count_out` says how many, `*len_out` how many bytes were written. Then
/// `ucifi_writer_discard(w, count)` and another `finish_fit` produce the next frame.
/// `UCIFI_RESULT_BUFFER_TOO_SMALL` when no record fits on its own (an empty writer gives 0 bytes and 0 records).
/// `out` is the packing's workspace: after an error its contents are unspecified (`*len_out` and `*count_out` are
/// not written).
///
/// # Safety
/// As `ucifi_writer_finish`, with `w` not `const` (the records are reordered); `count_out` writable.
#[no_mangle]
pub unsafe extern "C" fn ucifi_writer_finish_fit(
    w: *mut ucifi_writer,
    out: *mut u8,
    cap: usize,
    len_out: *mut usize,
    count_out: *mut usize,
) -> ucifi_result {
    ffi_boundary!({
        // SAFETY: forwarded contract.
        let s = match unsafe { state(w) } {
            Ok(s) => s,
            Err(code) => return code,
        };
        if len_out.is_null() || count_out.is_null() {
            return UCIFI_RESULT_NULL_POINTER;
        }
        // SAFETY: valid for `cap` bytes and not aliased, by the caller's contract.
        let buf = match unsafe { bytes_out(out, cap) } {
            Ok(b) => b,
            Err(code) => return code,
        };
        let n = s.len;
        #[cfg(all(feature = "tlv", not(feature = "tlv-fast")))]
        if s.is_tlv() || crate::tlv_lean::ONLY {
            let path = s.path;
            return match crate::tlv_lean::write::fit(s.entries_mut(), &path, buf) {
                Ok((_, 0)) if n > 0 => kind_code(ErrorKind::BufferTooSmall),
                Ok((len, taken)) => {
                    // SAFETY: both non-NULL and writable by the caller's contract.
                    unsafe {
                        len_out.write(len);
                        count_out.write(taken);
                    }
                    UCIFI_RESULT_OK
                }
                Err(kind) => kind_code(kind),
            };
        }
        let format = match s.format() {
            Ok(f) => f,
            Err(e) => return error_code(e),
        };
        let path = s.path().copied();
        let records = s.records_mut();
        let fitted = fit_frame(
            records,
            FitFormat::Fixed(format),
            path.as_ref(),
            &Registry,
            Budget::bytes(cap),
            buf,
        );
        match fitted {
            Ok(f) if f.taken == 0 && n > 0 => kind_code(ErrorKind::BufferTooSmall),
            Ok(f) => {
                // SAFETY: both non-NULL and writable by the caller's contract.
                unsafe {
                    len_out.write(f.len);
                    count_out.write(f.taken);
                }
                UCIFI_RESULT_OK
            }
            Err(e) => error_code(e),
        }
    })
}

/// Drops the first `count` records of `w` (those a `ucifi_writer_finish_fit` frame carried); the rest move up.
/// `UCIFI_RESULT_INVALID_ARGUMENT` if `w` holds fewer than `count`.
///
/// # Safety
/// `w` must be a writer set up by `ucifi_writer_init` (or NULL).
#[no_mangle]
pub unsafe extern "C" fn ucifi_writer_discard(w: *mut ucifi_writer, count: usize) -> ucifi_result {
    ffi_boundary!({
        // SAFETY: forwarded contract.
        let s = match unsafe { state(w) } {
            Ok(s) => s,
            Err(code) => return code,
        };
        if count > s.len {
            return UCIFI_RESULT_INVALID_ARGUMENT;
        }
        let rest = s.len - count;
        if rest > 0 {
            #[cfg(all(feature = "tlv", not(feature = "tlv-fast")))]
            if s.is_tlv() || crate::tlv_lean::ONLY {
                crate::tlv_lean::write::drop_front(s.entries_mut(), count);
                s.len = rest;
                return UCIFI_RESULT_OK;
            }
            // SAFETY: slots `count..len` are written and `0..rest` lie inside the slot array; `ptr::copy` allows
            // the overlap.
            unsafe { ptr::copy(s.slots.add(count), s.slots, rest) };
        }
        s.len = rest;
        UCIFI_RESULT_OK
    })
}

#[cfg(test)]
mod tests;
