//! One-pass TLV writer for the common case: records in strictly increasing path order (what every decoder produces,
//! and any sorted input) for a request path at object, instance or resource level.
//!
//! Each record is checked as it is written (at resource level or below, under the request path, after the record
//! before it, of the model's type) and its header and value go straight into the caller buffer: a header is built in
//! a 6-byte array and stored with one fixed-size copy, integer, float, boolean and object-link values likewise from
//! an 8-byte array. A multiple resource's length is summed over its instances before they are written; an
//! object-instance wrapper reserves the longest header, and the body moves back once its length is known.
//!
//! It gives up — returns `None` — at the first thing it does not handle: a record the checks would reject, paths not
//! strictly increasing, a resource given both as one value and as instances, a resource-instance request path, a
//! value over 16 MiB, a buffer too small. [`encode`](super::encode) then runs the general writer, which handles any
//! order and reports the exact error.
//!
//! Invariant: when it returns `Some(n)`, `out[..n]` holds exactly the bytes the general writer produces for the same
//! records (`tlv::tests` compares both on record lists mutated at random: reordered, duplicated, retyped, moved).

use super::value_bytes::{value_bytes, Bytes};
use super::{Defs, Kind};
use crate::path::{Path, PathLevel};
use crate::registry::ObjectDef;
use crate::value::{DataType, Record};

/// The bits of [`Path::native`] that hold the first three ids (object, instance, resource).
const RESOURCE: u64 = 0xffff_ffff_ffff;
/// The bits of [`Path::native`] that hold the first two ids (object, instance).
const INSTANCE: u64 = 0xffff_ffff;

/// Longest value the 3-byte length field can give.
const MAX_LEN: usize = 0xff_ffff;

/// The header for `kind`/`id` and a value of `len` bytes: the bytes, of which the first `n` count, and `n` (2..=6).
#[inline(always)]
fn header(kind: Kind, id: u16, len: usize) -> ([u8; 6], usize) {
    let len_bytes: u8 = match len {
        0..=7 => 0,
        8..=0xff => 1,
        0x100..=0xffff => 2,
        _ => 3,
    };
    let wide = id > 0xff;
    let inline = if len_bytes == 0 { len as u8 } else { 0 };
    let t = (kind as u8) << 6 | u8::from(wide) << 5 | len_bytes << 3 | inline;
    let [id_hi, id_lo] = id.to_be_bytes();
    // The length field, big-endian, left-aligned (with 0 length bytes, the bytes are not used).
    let [l0, l1, l2, _] = (len as u32)
        .wrapping_shl(8 * (4 - u32::from(len_bytes)))
        .to_be_bytes();
    let h = if wide {
        [t, id_hi, id_lo, l0, l1, l2]
    } else {
        [t, id_lo, l0, l1, l2, 0]
    };
    (h, 2 + usize::from(wide) + usize::from(len_bytes))
}

/// [`header`] for a value of at most 8 bytes: inline length up to 7, a 1-byte length field for 8.
#[inline(always)]
fn small_header(kind: Kind, id: u16, len: usize) -> ([u8; 6], usize) {
    let wide = id > 0xff;
    let eight = len >= 8;
    let t = (kind as u8) << 6 | u8::from(wide) << 5 | if eight { 0x08 } else { len as u8 };
    let [id_hi, id_lo] = id.to_be_bytes();
    let h = if wide {
        [t, id_hi, id_lo, 8, 0, 0]
    } else {
        [t, id_lo, 8, 0, 0, 0]
    };
    (h, 2 + usize::from(wide) + usize::from(eight))
}

/// Bytes written into the caller buffer, every store bounds-checked.
struct Out<'b> {
    buf: &'b mut [u8],
    pos: usize,
}

impl Out<'_> {
    /// Writes the first `n` bytes of `h` (`n` in 2..=6).
    #[inline(always)]
    fn header(&mut self, (h, n): ([u8; 6], usize)) -> Option<()> {
        let dst = self.buf.get_mut(self.pos..)?;
        let [a, b, c, d, e, _] = h;
        match n {
            2 => *dst.first_chunk_mut::<2>()? = [a, b],
            3 => *dst.first_chunk_mut::<3>()? = [a, b, c],
            4 => *dst.first_chunk_mut::<4>()? = [a, b, c, d],
            5 => *dst.first_chunk_mut::<5>()? = [a, b, c, d, e],
            _ => *dst.first_chunk_mut::<6>()? = h,
        }
        self.pos += n;
        Some(())
    }

    /// Writes the last `n` bytes of `v` (`n` in 1..=8).
    #[inline(always)]
    fn small(&mut self, v: &[u8; 8], n: usize) -> Option<()> {
        let dst = self.buf.get_mut(self.pos..)?;
        match n {
            1 => *dst.first_chunk_mut::<1>()? = *v.last_chunk::<1>()?,
            2 => *dst.first_chunk_mut::<2>()? = *v.last_chunk::<2>()?,
            4 => *dst.first_chunk_mut::<4>()? = *v.last_chunk::<4>()?,
            8 => *dst.first_chunk_mut::<8>()? = *v,
            _ => dst.get_mut(..n)?.copy_from_slice(v.get(8 - n..)?),
        }
        self.pos += n;
        Some(())
    }

    /// Writes `bytes`.
    #[inline(always)]
    fn bytes(&mut self, bytes: &[u8]) -> Option<()> {
        let end = self.pos + bytes.len();
        self.buf.get_mut(self.pos..end)?.copy_from_slice(bytes);
        self.pos = end;
        Some(())
    }

    /// Writes one element: header and value.
    #[inline(always)]
    fn element(&mut self, kind: Kind, id: u16, value: &Bytes<'_>) -> Option<()> {
        match value {
            Bytes::Small(v, n) => {
                self.header(small_header(kind, id, *n))?;
                self.small(v, *n)
            }
            Bytes::Borrowed(b) => {
                if b.len() > MAX_LEN {
                    return None;
                }
                self.header(header(kind, id, b.len()))?;
                self.bytes(b)
            }
        }
    }
}

/// The value bytes of `r` if its type is the one `data_type` (the model's, when it knows the resource) allows.
#[inline(always)]
fn checked<'a>(r: &Record<'a>, data_type: Option<DataType>) -> Option<Bytes<'a>> {
    match data_type {
        Some(t) if t != r.value.data_type() => None,
        _ => value_bytes(&r.value),
    }
}

/// Size of one element holding `value`.
#[inline(always)]
fn element_len(id: u16, value: &Bytes<'_>) -> usize {
    let n = match value {
        Bytes::Small(_, n) => *n,
        Bytes::Borrowed(b) => b.len(),
    };
    super::header_len(id, n) + n
}

/// The walk over the records, with what it needs from the request and the model.
struct Writer<'b, 'm> {
    out: Out<'b>,
    /// The request path as a mask over native-packed paths and the ids it fixes (see [`Path::native`]).
    scope: (u64, u64),
    defs: Defs<'m>,
    /// Order key of the record written last within its instance (see `placed`; 0 before the first).
    last: u64,
}

impl Writer<'_, '_> {
    /// Checks that `r` lies under the request at resource level or below and after the last record of its
    /// instance. Within one instance, paths order by resource id, resource-instance id, then length: the key packs
    /// them in that order.
    #[inline(always)]
    fn placed(&mut self, r: &Record<'_>) -> Option<()> {
        let native = r.path.native();
        let len = r.path.len() as u8;
        let key = u64::from(((native >> 32) as u32).rotate_left(16)) << 8 | u64::from(len);
        // An id of 65535 (reserved) is a lane of all ones: a zero lane of `!native` (ids past the length are 0).
        let inv = !native;
        let reserved = inv.wrapping_sub(0x0001_0001_0001_0001) & !inv & 0x8000_8000_8000_8000 != 0;
        let ok = len >= 3 && !reserved && native & self.scope.0 == self.scope.1 && key > self.last;
        self.last = key;
        ok.then_some(())
    }

    /// Writes the resources of `run` (records of one instance): single resources, and multiple resources with
    /// their instances.
    #[inline(always)]
    fn body(&mut self, run: &[Record<'_>]) -> Option<()> {
        let mut rest = run;
        while let [r, after @ ..] = rest {
            self.placed(r)?;
            let rid = r.path.id(2);
            let def = self.defs.get(rid);
            let data_type = def.map(|d| d.data_type());
            let resource = r.path.native() & RESOURCE;
            if r.path.len() == 3 {
                // A single resource; the same resource as instances right after it is a duplicate.
                if after
                    .first()
                    .is_some_and(|n| n.path.native() & RESOURCE == resource)
                {
                    return None;
                }
                let value = checked(r, data_type)?;
                self.out.element(Kind::Resource, rid, &value)?;
                rest = after;
                continue;
            }
            // A multiple resource: its instances are the run of records sharing the first 3 ids; their lengths
            // are summed (and their values checked) before the header is written.
            let (mut count, mut len) = (0, 0);
            for m in rest {
                if m.path.native() & RESOURCE != resource {
                    break;
                }
                len += element_len(m.path.id(3), &checked(m, data_type)?);
                count += 1;
            }
            let (members, after) = rest.split_at_checked(count)?;
            if len > MAX_LEN {
                return None;
            }
            self.out.header(header(Kind::MultipleResource, rid, len))?;
            for (k, m) in members.iter().enumerate() {
                if k > 0 {
                    self.placed(m)?;
                }
                let value = value_bytes(&m.value)?;
                self.out
                    .element(Kind::ResourceInstance, m.path.id(3), &value)?;
            }
            rest = after;
        }
        Some(())
    }

    /// Writes object instance `iid` with the resources of `run`: the body after room for the longest header, then
    /// the header, the body moved back to follow it.
    fn wrapped(&mut self, iid: u16, run: &[Record<'_>]) -> Option<()> {
        let start = self.out.pos;
        let room = header(Kind::ObjectInstance, iid, MAX_LEN).1;
        self.out.pos = start + room;
        self.body(run)?;
        let len = self.out.pos - start - room;
        if len > MAX_LEN {
            return None;
        }
        self.out.pos = start;
        self.out.header(header(Kind::ObjectInstance, iid, len))?;
        let at = self.out.pos;
        let moved = self.out.buf.get_mut(at..start + room + len)?;
        moved.copy_within(start + room - at.., 0);
        self.out.pos = at + len;
        Some(())
    }
}

/// Writes `records` for `request` into `out` if they are in strictly increasing path order and pass every check;
/// returns the frame length, or `None` for the general writer to take over.
pub(super) fn encode_sorted(
    records: &[Record<'_>],
    request: &Path,
    object: Option<&ObjectDef>,
    out: &mut [u8],
) -> Option<usize> {
    let level = request.level();
    if matches!(level, PathLevel::ResourceInstance | PathLevel::Root) {
        return None;
    }
    let mask = u64::MAX >> (16 * (4 - request.len()));
    let mut w = Writer {
        out: Out { buf: out, pos: 0 },
        scope: (mask, request.native() & mask),
        defs: Defs::new(object),
        last: 0,
    };
    if level != PathLevel::Object {
        w.body(records)?;
        return Some(w.out.pos);
    }
    // One object: instances in increasing id order, each one run of records.
    let mut rest = records;
    let mut last_instance = -1;
    while let Some(first) = rest.first() {
        if i32::from(first.path.id(1)) <= last_instance {
            return None;
        }
        last_instance = i32::from(first.path.id(1));
        w.last = 0;
        let instance = first.path.native() & INSTANCE;
        let count = rest
            .iter()
            .take_while(|r| r.path.native() & INSTANCE == instance)
            .count();
        let (run, after) = rest.split_at_checked(count)?;
        w.wrapped(first.path.id(1), run)?;
        rest = after;
    }
    Some(w.out.pos)
}
