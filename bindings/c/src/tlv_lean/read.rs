//! The size-first TLV decode of `ucifi_decode`: one walk over the frame's bytes, run twice (first only checking,
//! then handing each record to the callback), so nothing reaches the callback unless the whole frame is valid.
//!
//! Positions are absolute offsets into the frame; every level of the walk knows the end of its body. One function
//! reads every level (the frame, an object instance's body, a multiple resource's body): what differs between
//! levels is data, the kinds a level accepts ([`top`], [`class`]) and the request path's id each kind must match
//! ([`slot`]). The rules, in the order the core checks them (`ucifi_codec::tlv` reader): per element, the split
//! (`UNEXPECTED_END` at the top level, `LENGTH_EXCEEDS_PARENT` inside a wrapper), the reserved id 65535
//! (`INVALID_PATH`), the nesting and the request path, a sibling with the same id (`DUPLICATE_ID`: the earlier
//! siblings are read again, which for a LoRaWAN frame is a few thousand header reads at worst and needs no memory),
//! then the value against the model.

use core::ffi::c_void;
use core::ptr;

use ucifi_codec::ieee::f32_to_f64;
use ucifi_codec::{DataType, Error, ErrorKind, ObjectDef, Path, ResourceDef};

use crate::types::{
    str_out, ucifi_bytes, ucifi_objlnk, ucifi_path, ucifi_record, ucifi_str, ucifi_type,
    ucifi_value,
};

/// One element: kind (bits 7–6 of the type byte: 0 object instance, 1 resource instance, 2 multiple resource,
/// 3 resource), id, and where its value starts and ends.
#[derive(Clone, Copy)]
struct Element {
    kind: u8,
    id: u16,
    value: usize,
    end: usize,
}

/// The record callback (`ucifi_record_cb` of `ucifi_decode`, spelled out: that module calls this one).
type Callback = Option<unsafe extern "C" fn(user: *mut c_void, record: *const ucifi_record) -> i32>;

/// The walk: the frame, the request path, the object's model, the callback (called on the second run only).
struct Walk<'a> {
    input: &'a [u8],
    req: &'a Path,
    object: Option<&'static ObjectDef>,
    /// The callback to hand records to: none in the checking run, and none once it asked to stop.
    cb: Callback,
    user: *mut c_void,
    /// The ids of the element being read, its wrappers' and the request path's (the record's path).
    ids: [u16; 4],
    /// The callback asked to stop.
    stopped: bool,
    count: usize,
}

/// The error `kind` at `at`.
fn err(kind: ErrorKind, at: usize) -> Error {
    Error::new(kind, at)
}

/// Big-endian integer of 1, 2, 4 or 8 bytes, sign-extended when `signed`.
fn integer(v: &[u8], signed: bool) -> Option<u64> {
    if !matches!(v.len(), 1 | 2 | 4 | 8) {
        return None;
    }
    let mut x: u64 = match v.first() {
        Some(&b) if signed && b >= 0x80 => !0,
        _ => 0,
    };
    for &b in v {
        x = x << 8 | u64::from(b);
    }
    Some(x)
}

/// Types the value bytes `v` (at `at` in the frame) by the model's definition: writes the value into `value`
/// (zeroed by the caller, so the union's other bytes stay zero) and returns the type. Text and bytes point into
/// `v`; empty text at a static empty string, as `str_out` does.
fn typed(
    def: Option<&ResourceDef>,
    v: &[u8],
    at: usize,
    value: &mut ucifi_value,
) -> Result<DataType, Error> {
    let t = def.map_or(DataType::Opaque, ResourceDef::data_type);
    // The number the bytes make (the integer types, and the bits of the others of fixed width).
    let x = integer(v, matches!(t, DataType::Integer | DataType::Time));
    let n = v.len();
    let bad = |kind| Err(err(kind, at));
    match (t, x) {
        (DataType::Integer | DataType::Time | DataType::Unsigned, Some(x)) => value.uinteger = x,
        (DataType::Float, Some(x)) if n == 4 => value.floating = f32_to_f64(x as u32),
        (DataType::Float, Some(x)) if n == 8 => value.uinteger = x,
        (DataType::Boolean, Some(x @ (0 | 1))) if n == 1 => value.boolean = x == 1,
        (DataType::Boolean, _) if n == 1 => return bad(ErrorKind::InvalidBoolean),
        (DataType::Objlnk, Some(x)) if n == 4 => {
            value.objlnk = ucifi_objlnk {
                object: (x >> 16) as u16,
                instance: x as u16,
            }
        }
        (DataType::String | DataType::Corelnk, _) => {
            if let Some(bad_at) = ucifi_codec::utf8::error_at(v) {
                return Err(err(ErrorKind::InvalidUtf8, at + bad_at));
            }
            value.string = ucifi_str {
                data: if n == 0 {
                    c"".as_ptr()
                } else {
                    v.as_ptr().cast()
                },
                len: n,
            };
        }
        (DataType::Opaque, _) => value.bytes = bytes_out(v),
        (DataType::None, _) => return bad(ErrorKind::ExecutableValue),
        _ => return bad(ErrorKind::InvalidValueLength),
    }
    Ok(t)
}

/// The C view of bytes of the frame.
fn bytes_out(v: &[u8]) -> ucifi_bytes {
    ucifi_bytes {
        data: v.as_ptr(),
        len: v.len(),
    }
}

/// What an element of kind `k` (0 object instance, 1 resource instance, 2 multiple resource, 3 resource) fills in:
/// the level of the path its id stands at, which is also the request path's id it must match when the request goes
/// that deep.
fn slot(k: u8) -> usize {
    match k {
        0 => 1,
        1 => 3,
        _ => 2,
    }
}

/// The kinds a frame may start with at request level `level`, 1 to 4 (bit `k` for kind `k`): object instances at
/// `/O`; object instances or bare resources at `/O/I`; at `/O/I/R` an object instance, resource instances, or the
/// resource itself; resource instances at `/O/I/R/RI`. The first element narrows them to its class ([`class`]).
fn top(level: usize) -> u8 {
    match level {
        1 => 0b0001,
        2 => 0b1101,
        3 => 0b1111,
        _ => 0b0010,
    }
}

/// The kinds of the class of kind `k`: object instances, resource instances, or resources of either kind.
fn class(k: u8) -> u8 {
    if k >= 2 {
        0b1100
    } else {
        1 << k
    }
}

impl<'a> Walk<'a> {
    /// The element at `at`, which must end by `end`; `None` if the bytes end inside it.
    fn split(&self, at: usize, end: usize) -> Option<Element> {
        let byte = |i: usize| -> Option<usize> {
            if i < end {
                self.input.get(i).map(|&b| usize::from(b))
            } else {
                None
            }
        };
        let t = byte(at)?;
        let mut p = at + 1;
        let mut id = byte(p)?;
        p += 1;
        if t & 0x20 != 0 {
            id = id << 8 | byte(p)?;
            p += 1;
        }
        let mut len = t & 7;
        let field = (t >> 3) & 3;
        if field != 0 {
            len = 0;
            for _ in 0..field {
                len = len << 8 | byte(p)?;
                p += 1;
            }
        }
        let value = p;
        let next = value.checked_add(len).filter(|&n| n <= end)?;
        Some(Element {
            kind: (t >> 6) as u8,
            id: id as u16,
            value,
            end: next,
        })
    }

    /// `DUPLICATE_ID` at `at` if a sibling from `from` up to `at` (all of which split) has id `id`.
    fn unique(&self, from: usize, at: usize, id: u16, end: usize) -> Result<(), Error> {
        let mut p = from;
        while p < at {
            let Some(e) = self.split(p, end) else { break };
            if e.id == id {
                return Err(err(ErrorKind::DuplicateId, at));
            }
            p = e.end;
        }
        Ok(())
    }

    /// The model's definition of resource `rid` of the request's object.
    fn def(&self, rid: u16) -> Option<&'a ResourceDef> {
        super::resource(self.object, rid)
    }

    /// Types the value of `e`, the record at the first `len` of `ids`, and on the second run hands it to the
    /// callback.
    fn record(&mut self, len: u8, e: Element) -> Result<(), Error> {
        let [o, i, r, ri] = self.ids;
        let def = self.def(r);
        let v = self.input.get(e.value..e.end).unwrap_or(&[]);
        let ri = if len == 3 { 0 } else { ri };
        let mut record = ucifi_record {
            path: ucifi_path {
                ids: [o, i, r, ri],
                len,
            },
            data_type: 0,
            unknown: def.is_none(),
            has_time: false,
            time: 0.0,
            value: ucifi_value {
                bytes: ucifi_bytes {
                    data: ptr::null(),
                    len: 0,
                },
            },
            name: str_out(def.map_or("", ResourceDef::name)),
            unit: str_out(def.map_or("", ResourceDef::units)),
        };
        record.data_type = typed(def, v, e.value, &mut record.value)? as ucifi_type;
        self.count += 1;
        let Some(cb) = self.cb else { return Ok(()) };
        // SAFETY: `cb` is safe to call with `user` by the caller's contract of `ucifi_decode`; `record` outlives the
        // call and points into the frame, which the caller keeps valid for the call.
        if unsafe { cb(self.user, &record) } != 0 {
            self.stopped = true;
            self.cb = None;
        }
        Ok(())
    }

    /// The elements from `from` to `end`, of the kinds `allowed` (bit `k` for kind `k`): the frame itself when
    /// `top`, otherwise the body of an object instance or multiple resource.
    ///
    /// Per element, in the core's order: the split (`UNEXPECTED_END` at the top, `LENGTH_EXCEEDS_PARENT` in a
    /// wrapper); the reserved id and the kind (`INVALID_PATH`, `INVALID_NESTING`: in the frame the id is checked
    /// first, in a wrapper and among bare resources the kind); the request path's id at the element's level
    /// (`PATH_MISMATCH`); a sibling with the same id (`DUPLICATE_ID`); then its children or its value.
    fn body(&mut self, from: usize, end: usize, mut allowed: u8, top: bool) -> Result<(), Error> {
        let req = self.req;
        let mut id_first = top;
        let overrun = if top {
            ErrorKind::UnexpectedEnd
        } else {
            ErrorKind::LengthExceedsParent
        };
        let mut p = from;
        while p < end {
            let e = self.split(p, end).ok_or(err(overrun, p))?;
            let fits = allowed >> e.kind & 1 != 0;
            if e.id == u16::MAX && (id_first || fits) {
                return Err(err(ErrorKind::InvalidPath, p));
            }
            if !fits {
                return Err(err(ErrorKind::InvalidNesting, p));
            }
            if top {
                // Every element of the frame is of the first one's class; bare resources at `/O/I` are an
                // instance's body, checked as one.
                allowed = class(e.kind);
                if req.len() == 2 && e.kind >= 2 {
                    id_first = false;
                }
            }
            let slot = slot(e.kind);
            if req.len() > slot && req.id(slot) != e.id {
                return Err(err(ErrorKind::PathMismatch, p));
            }
            self.unique(from, p, e.id, end)?;
            if let Some(id) = self.ids.get_mut(slot) {
                *id = e.id;
            }
            match e.kind {
                0 => self.body(e.value, e.end, 0b1100, false)?,
                2 => self.body(e.value, e.end, 0b0010, false)?,
                _ => self.record(slot as u8 + 1, e)?,
            }
            p = e.end;
        }
        Ok(())
    }

    /// The whole frame (the request path is not the root): its elements, then at `/O/I/R/RI`, and at `/O/I/R`
    /// unless the model says the resource is multiple, at least one value.
    fn frame(&mut self) -> Result<(), Error> {
        let req = self.req;
        let level = req.len();
        let end = self.input.len();
        self.ids = [req.id(0), req.id(1), req.id(2), req.id(3)];
        self.count = 0;
        let allowed = top(level);
        self.body(0, end, allowed, true)?;
        let one_value =
            level == 4 || (level == 3 && !self.def(req.id(2)).is_some_and(|d| d.multiple()));
        if one_value && self.count == 0 {
            return Err(err(ErrorKind::UnexpectedEnd, end));
        }
        Ok(())
    }
}

/// Decodes the TLV frame `input` read at `req` (not the root) and hands each record to `cb` (unless NULL) once the
/// whole frame is valid; returns the record count and whether the callback asked to stop.
///
/// # Errors
/// The first problem in wire order, as the core's TLV decode gives it.
pub(crate) fn decode<'a>(
    input: &'a [u8],
    req: &'a Path,
    cb: Callback,
    user: *mut c_void,
) -> Result<(usize, bool), Error> {
    let mut walk = Walk {
        input,
        req,
        object: super::object(req.object()),
        cb: None,
        user,
        ids: [0; 4],
        stopped: false,
        count: 0,
    };
    // The checking run, then (with a callback) the run that hands the records out: one call of `frame`, so it is
    // compiled into this function.
    let mut checked = false;
    loop {
        walk.frame()?;
        if checked || cb.is_none() {
            return Ok((walk.count, walk.stopped));
        }
        checked = true;
        walk.cb = cb;
    }
}
