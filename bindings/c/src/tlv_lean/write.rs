//! The size-first TLV writer of `ucifi_writer`: each added record is checked against the request path, the model and
//! the records before it ([`check`]), so the records a writer holds always encode; [`write`] then writes headers and
//! value bytes straight into the caller's buffer, a byte at a time.
//!
//! The frame is the core's canonical form (`ucifi_codec::tlv::encode`): shortest id, length field and integer width,
//! a 4-byte float only when exact, object-instance wrappers exactly at an object request path, instances and
//! resources grouped in order of first appearance, resource instances under their multiple resource. A wrapper's
//! length is counted by writing its children to no bytes first.

use core::ptr;

use ucifi_codec::ieee::exact_f32;
use ucifi_codec::{ErrorKind, Path};

use crate::args::{bytes_in, path_in, text_in};
use crate::result::UCIFI_RESULT_INVALID_ARGUMENT;
use crate::types::{ucifi_path, ucifi_result, ucifi_type, ucifi_value};

/// Where bytes go: `buf`, while they fit; `pos` counts every byte, written or not.
struct Out<'b> {
    buf: &'b mut [u8],
    pos: usize,
}

impl Out<'_> {
    // One call per byte: inlined, its bounds check would be repeated at each of the header's bytes.
    #[inline(never)]
    fn put(&mut self, b: u8) {
        if let Some(d) = self.buf.get_mut(self.pos) {
            *d = b;
        }
        self.pos += 1;
    }

    fn put_all(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.put(b);
        }
    }
}

/// One record of a TLV writer, kept as the element it becomes: its path, its data type code (`UCIFI_TYPE_*`, for
/// the checks) and its canonical value bytes, worked out once when it is added.
#[derive(Clone, Copy)]
pub(crate) struct Entry {
    /// The caller's text or bytes; NULL for the other types, whose bytes are the last `len` of `small`.
    data: *const u8,
    len: usize,
    /// A number, boolean or object link, big-endian in the shortest canonical width.
    small: [u8; 8],
    path: Path,
    data_type: u8,
}

impl Entry {
    /// The value bytes.
    fn value(&self) -> &[u8] {
        if self.data.is_null() {
            return self.small.get(8 - self.len.min(8)..).unwrap_or(&[]);
        }
        // SAFETY: `data` came from `bytes_in` (valid for `len` bytes), and the caller of the add call keeps the bytes
        // valid and unchanged until the writer's last `finish`, `finish_fit` or `encoded_len` (the writer's contract).
        unsafe { core::slice::from_raw_parts(self.data, self.len) }
    }
}

/// True if `a` and `b` have the same first `depth` ids: in a TLV-only build `Path::same_prefix` as a plain loop (a
/// third of its code); builds with other formats link the core's anyway.
fn same_prefix(a: &Path, b: &Path, depth: usize) -> bool {
    if !super::ONLY {
        return a.same_prefix(b, depth);
    }
    let mut k = 0;
    while k < depth.min(4) {
        if a.id(k) != b.id(k) {
            return false;
        }
        k += 1;
    }
    true
}

/// The shortest width (1, 2, 4 or 8 bytes) of `x` as a big-endian integer, two's complement when `signed`.
fn width(x: u64, signed: bool) -> usize {
    // A signed value fits `n` bytes when its magnitude (`!x` for a negative one) fits `8n - 1` bits.
    let m = if signed {
        (if (x as i64) < 0 { !x } else { x }) << 1
    } else {
        x
    };
    if m <= 0xff {
        1
    } else if m <= 0xffff {
        2
    } else if m <= 0xffff_ffff {
        4
    } else {
        8
    }
}

/// The entry of a record given as a C path, type code and value: `INVALID_PATH` for a path length outside 1..=4,
/// `UCIFI_RESULT_INVALID_ARGUMENT` for an unknown type code or a boolean byte other than 0/1, and what
/// [`bytes_in`]/[`text_in`] say of text and bytes (`args::record_in`'s checks, in its order).
///
/// # Safety
/// As `args::record_in`: the member of `v` that `code` names is initialised; text and bytes stay valid and unchanged
/// until the writer's last use.
pub(crate) unsafe fn entry(
    p: &ucifi_path,
    code: ucifi_type,
    v: &ucifi_value,
) -> Result<Entry, ucifi_result> {
    let path = path_in(p)?;
    let mut e = Entry {
        data: ptr::null(),
        len: 0,
        small: [0; 8],
        path,
        data_type: code,
    };
    // Each union read takes the member `code` names (only that one: the caller initialised no other byte); every
    // member is plain integers, a float or pointers, valid for every bit pattern. The 8-byte members (integer,
    // unsigned, float, time) are read as their bits.
    // SAFETY: see above (codes 2, 3, 4 and 7 name 8-byte members).
    let bits = || unsafe { v.uinteger };
    let (x, n) = match code {
        // Integer, time.
        2 | 7 => (bits(), width(bits(), true)),
        // Unsigned.
        3 => (bits(), width(bits(), false)),
        4 => match exact_f32(f64::from_bits(bits())) {
            Some(single) => (u64::from(single), 4),
            None => (bits(), 8),
        },
        // Boolean: the byte, not `bool` (a C caller that stored something else gets an error, not UB).
        5 => {
            // SAFETY: the union's first byte is the initialised `boolean` member.
            let byte = unsafe { (v as *const ucifi_value).cast::<u8>().read() };
            if byte > 1 {
                return Err(UCIFI_RESULT_INVALID_ARGUMENT);
            }
            (u64::from(byte), 1)
        }
        8 => {
            // SAFETY: see above.
            let l = unsafe { v.objlnk };
            (
                u64::from(u32::from(l.object) << 16 | u32::from(l.instance)),
                4,
            )
        }
        // String, opaque, corelnk: the caller's bytes (text checked as UTF-8).
        1 | 6 | 9 => {
            // SAFETY: see above; `ucifi_str` and `ucifi_bytes` have the same layout.
            let b = unsafe { v.bytes };
            let bytes = if code == 6 {
                // SAFETY: forwarded contract.
                unsafe { bytes_in(b.data, b.len) }?
            } else {
                // SAFETY: forwarded contract.
                unsafe { text_in(b.data.cast(), b.len) }?.as_bytes()
            };
            // Never NULL, even for no bytes (a slice's pointer): NULL marks the types kept in `small`.
            e.data = bytes.as_ptr();
            e.len = bytes.len();
            return Ok(e);
        }
        // None (refused by `check`).
        10 => (0, 0),
        _ => return Err(UCIFI_RESULT_INVALID_ARGUMENT),
    };
    e.small = x.to_be_bytes();
    e.len = n;
    Ok(e)
}

/// A header: `kind` (0 object instance, 1 resource instance, 2 multiple resource, 3 resource), `id`, and a value of
/// `len` bytes. `INVALID_VALUE_LENGTH` past 16 MiB (3 length bytes).
fn header(out: &mut Out<'_>, kind: u8, id: u16, len: usize) -> Result<(), ErrorKind> {
    let n: u8 = match len {
        0..=7 => 0,
        8..=0xff => 1,
        0x100..=0xffff => 2,
        0x1_0000..=0xff_ffff => 3,
        _ => return Err(ErrorKind::InvalidValueLength),
    };
    let wide = id > 0xff;
    let inline = if n == 0 { len as u8 } else { 0 };
    out.put(kind << 6 | u8::from(wide) << 5 | n << 3 | inline);
    if wide {
        out.put((id >> 8) as u8);
    }
    out.put(id as u8);
    for k in (0..n).rev() {
        out.put((len >> (8 * u32::from(k))) as u8);
    }
    Ok(())
}

/// Writes the children of the node that the first `depth` ids of `records[head]` name (depth 1: an object, 2: an
/// instance, 3: a resource): one element per distinct next id, in order of first appearance.
fn children(
    out: &mut Out<'_>,
    records: &[Entry],
    head: usize,
    depth: usize,
) -> Result<(), ErrorKind> {
    let Some(h) = records.get(head) else {
        return Ok(());
    };
    // Index loops (not slices of records, whose lengths would be divisions by the record size).
    let mut i = head;
    while let Some(r) = records.get(i) {
        // No record before `head` shares `head`'s first `depth` ids (it is the first of its group), so none shares
        // `r`'s first `depth + 1`: the search for an earlier one may start at 0.
        let mut first = same_prefix(&r.path, &h.path, depth);
        let mut j = 0;
        while first && j < i {
            first = !records
                .get(j)
                .is_some_and(|p| same_prefix(&p.path, &r.path, depth + 1));
            j += 1;
        }
        if first {
            node(out, records, i, depth + 1)?;
        }
        i += 1;
    }
    Ok(())
}

/// Writes the element of the node that the first `depth` ids of `records[i]` name: the record's value when its path
/// ends there, otherwise a wrapper (object instance at depth 2, multiple resource at 3) around its children.
fn node(out: &mut Out<'_>, records: &[Entry], i: usize, depth: usize) -> Result<(), ErrorKind> {
    let Some(r) = records.get(i) else {
        return Ok(());
    };
    let id = r.path.id(depth - 1);
    if r.path.len() == depth {
        let v = r.value();
        header(out, if depth == 3 { 3 } else { 1 }, id, v.len())?;
        out.put_all(v);
        return Ok(());
    }
    let mut count = Out {
        buf: &mut [],
        pos: 0,
    };
    children(&mut count, records, i, depth)?;
    header(out, if depth == 2 { 0 } else { 2 }, id, count.pos)?;
    children(out, records, i, depth)
}

/// Writes the frame of `records` (checked by [`check`]) for the request path `req` (not the root) into `out`, as far
/// as it fits; returns its length.
///
/// # Errors
/// `INVALID_VALUE_LENGTH` when a value or wrapper passes 16 MiB.
pub(crate) fn write(records: &[Entry], req: &Path, out: &mut [u8]) -> Result<usize, ErrorKind> {
    // Object instances are the top level at `/O`, resources at `/O/I` and `/O/I/R`, the one instance at `/O/I/R/RI`.
    let depth = match req.len() {
        1 => 1,
        4 => 3,
        _ => 2,
    };
    let mut out = Out { buf: out, pos: 0 };
    children(&mut out, records, 0, depth)?;
    Ok(out.pos)
}

/// Swaps entries `k` and `k + 1` (nothing past the end).
fn swap_next(records: &mut [Entry], k: usize) {
    if let Some([a, b]) = records.get_mut(k..k + 2) {
        core::mem::swap(a, b);
    }
}

/// Drops the first `count` of `records`: the rest move to the front in their order (what is left behind them is in
/// no particular order). By swaps, front to back: `ptr::copy`, or a loop of copies (which LLVM turns into one), would
/// link `memmove`, 1.5 KB on Cortex-M.
pub(crate) fn drop_front(records: &mut [Entry], count: usize) {
    for k in count..records.len() {
        if let Some((front, back)) = records.split_at_mut_checked(k) {
            if let (Some(to), Some(from)) = (front.get_mut(k - count), back.first_mut()) {
                core::mem::swap(to, from);
            }
        }
    }
}

/// Fills one frame of at most `out.len()` bytes with as many of `records` (checked by [`check`]) as fit, by the
/// core's packing rule (`ucifi_codec::lorawan::fit`): records are tried in order and each one that still fits goes
/// in. The records that went in move to the front (both groups keep their order). Returns the frame's length and
/// the number of records in it.
///
/// # Errors
/// As [`write`].
pub(crate) fn fit(
    records: &mut [Entry],
    req: &Path,
    out: &mut [u8],
) -> Result<(usize, usize), ErrorKind> {
    let mut taken = 0;
    for i in 0..records.len() {
        // Record `i` goes right after those taken; the ones passed over move up behind it. Neighbours swapped one
        // at a time (not `rotate_right`/`rotate_left`: their general rotation is 380 bytes of code per element type).
        let mut k = i;
        while k > taken {
            k -= 1;
            swap_next(records, k);
        }
        if write(records.get(..=taken).unwrap_or(&[]), req, &mut [])? <= out.len() {
            taken += 1;
        } else {
            while k < i {
                swap_next(records, k);
                k += 1;
            }
        }
    }
    let len = write(records.get(..taken).unwrap_or(&[]), req, out)?;
    Ok((len, taken))
}

/// Checks entry `r`, to be added after `before` (already checked), for the request path `req` (not the root): in
/// the core's order, `INVALID_PATH` (above resource level, or an id of 65535), `PATH_MISMATCH`, `EXECUTABLE_VALUE`,
/// `TYPE_MISMATCH` (against the model, or no value), `DUPLICATE_ID` (the same path twice, a resource given both as
/// one value and as instances, or a second record at `/O/I/R/RI`); then the frame's length limits.
pub(crate) fn check(before: &[Entry], r: &Entry, req: &Path) -> Result<(), ErrorKind> {
    let path = &r.path;
    if path.len() < 3 || path.has_reserved_id() {
        return Err(ErrorKind::InvalidPath);
    }
    if path.len() < req.len() || !same_prefix(req, path, req.len()) {
        return Err(ErrorKind::PathMismatch);
    }
    // Type codes: 10 is `UCIFI_TYPE_NONE` (an executable resource; no value).
    match super::resource(super::object(req.object()), path.id(2)).map(|d| d.data_type() as u8) {
        Some(10) => return Err(ErrorKind::ExecutableValue),
        Some(t) if t != r.data_type => return Err(ErrorKind::TypeMismatch),
        _ if r.data_type == 10 => return Err(ErrorKind::TypeMismatch),
        _ => {}
    }
    let repeats = |p: &Entry| same_prefix(&p.path, path, p.path.len().min(path.len()));
    if (req.len() == 4 && !before.is_empty()) || before.iter().any(repeats) {
        return Err(ErrorKind::DuplicateId);
    }
    Ok(())
}
