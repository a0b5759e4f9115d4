//! The size-first TLV decode of `ucifi_decode`: one walk over the frame's bytes, run twice (first only checking,
//! then handing each record to the callback), so nothing reaches the callback unless the whole frame is valid.
//!
//! Positions are absolute offsets into the frame; every level of the walk knows the end of its body. The rules, in
//! the order the core checks them (`ucifi_codec::tlv` reader): per element, the split (`UNEXPECTED_END` at the top
//! level, `LENGTH_EXCEEDS_PARENT` inside a wrapper), the reserved id 65535 (`INVALID_PATH`), the nesting and the
//! request path, a sibling with the same id (`DUPLICATE_ID`: the earlier siblings are read again, which for a LoRaWAN
//! frame is a few thousand header reads at worst and needs no memory), then the value against the model.

use core::ffi::c_void;
use core::ptr;

use ucifi_codec::ieee::f32_to_f64;
use ucifi_codec::{DataType, Error, ErrorKind, Model, ObjectDef, Path, Registry, ResourceDef};

use crate::args::utf8_error;
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
    object: Option<&'a ObjectDef>,
    cb: Callback,
    user: *mut c_void,
    /// The second run: hand the records out.
    deliver: bool,
    stopped: bool,
    count: usize,
}

/// The error `kind` at `at`.
fn err(kind: ErrorKind, at: usize) -> Error {
    Error::new(kind, at)
}

/// `INVALID_PATH` at `at` for the reserved id.
fn usable(id: u16, at: usize) -> Result<(), Error> {
    if id == u16::MAX {
        return Err(err(ErrorKind::InvalidPath, at));
    }
    Ok(())
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

/// Types the value bytes `v` (at `at` in the frame) by the model's definition: the type code and the value (the
/// union's other bytes zero). Text and bytes point into `v`; empty text at a static empty string, as `str_out` does.
fn typed(def: Option<&ResourceDef>, v: &[u8], at: usize) -> Result<(DataType, ucifi_value), Error> {
    let mut value = ucifi_value {
        bytes: ucifi_bytes {
            data: ptr::null(),
            len: 0,
        },
    };
    let Some(def) = def else {
        value.bytes = bytes_out(v);
        return Ok((DataType::Opaque, value));
    };
    let t = def.data_type();
    let bad_len = err(ErrorKind::InvalidValueLength, at);
    match t {
        DataType::Integer | DataType::Time | DataType::Unsigned => {
            value.uinteger = integer(v, t != DataType::Unsigned).ok_or(bad_len)?;
        }
        DataType::Float => {
            value.floating = match *v {
                [a, b, c, d] => f32_to_f64(u32::from_be_bytes([a, b, c, d])),
                [_, _, _, _, _, _, _, _] => f64::from_bits(integer(v, false).unwrap_or(0)),
                _ => return Err(bad_len),
            };
        }
        DataType::Boolean => match *v {
            [b @ (0 | 1)] => value.boolean = b == 1,
            [_] => return Err(err(ErrorKind::InvalidBoolean, at)),
            _ => return Err(bad_len),
        },
        DataType::Objlnk => match *v {
            [a, b, c, d] => {
                value.objlnk = ucifi_objlnk {
                    object: u16::from_be_bytes([a, b]),
                    instance: u16::from_be_bytes([c, d]),
                }
            }
            _ => return Err(bad_len),
        },
        DataType::String | DataType::Corelnk => {
            if let Some(bad) = utf8_error(v) {
                return Err(err(ErrorKind::InvalidUtf8, at + bad));
            }
            value.string = ucifi_str {
                data: if v.is_empty() {
                    c"".as_ptr()
                } else {
                    v.as_ptr().cast()
                },
                len: v.len(),
            };
        }
        DataType::Opaque => value.bytes = bytes_out(v),
        DataType::None => return Err(err(ErrorKind::ExecutableValue, at)),
    }
    Ok((t, value))
}

/// The C view of bytes of the frame.
fn bytes_out(v: &[u8]) -> ucifi_bytes {
    ucifi_bytes {
        data: v.as_ptr(),
        len: v.len(),
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
        self.object.and_then(|o| o.resource(rid))
    }

    /// Types the value of `e` and, on the second run, hands the record at `ids` to the callback.
    fn record(
        &mut self,
        ids: [u16; 4],
        len: u8,
        def: Option<&ResourceDef>,
        e: Element,
    ) -> Result<(), Error> {
        let v = self.input.get(e.value..e.end).unwrap_or(&[]);
        let (data_type, value) = typed(def, v, e.value)?;
        self.count += 1;
        if !self.deliver || self.stopped {
            return Ok(());
        }
        let Some(cb) = self.cb else { return Ok(()) };
        let record = ucifi_record {
            path: ucifi_path { ids, len },
            data_type: data_type as ucifi_type,
            unknown: def.is_none(),
            has_time: false,
            time: 0.0,
            value,
            name: str_out(def.map_or("", ResourceDef::name)),
            unit: str_out(def.map_or("", ResourceDef::units)),
        };
        // SAFETY: `cb` is safe to call with `user` by the caller's contract of `ucifi_decode`; `record` outlives the
        // call and points into the frame, which the caller keeps valid for the call.
        if unsafe { cb(self.user, &record) } != 0 {
            self.stopped = true;
        }
        Ok(())
    }

    /// Resource (or multiple resource) `e` of instance `iid`.
    fn resource(&mut self, e: Element, iid: u16, at: usize) -> Result<(), Error> {
        let o = self.req.object();
        let def = self.def(e.id);
        match e.kind {
            3 => self.record([o, iid, e.id, 0], 3, def, e),
            2 => {
                let mut p = e.value;
                while p < e.end {
                    let ri = self
                        .split(p, e.end)
                        .ok_or(err(ErrorKind::LengthExceedsParent, p))?;
                    if ri.kind != 1 {
                        return Err(err(ErrorKind::InvalidNesting, p));
                    }
                    usable(ri.id, p)?;
                    self.unique(e.value, p, ri.id, e.end)?;
                    self.record([o, iid, e.id, ri.id], 4, def, ri)?;
                    p = ri.end;
                }
                Ok(())
            }
            _ => Err(err(ErrorKind::InvalidNesting, at)),
        }
    }

    /// The resources of instance `iid` from `from` to `end`; `overrun` is the error for an element that runs past
    /// `end` (`LENGTH_EXCEEDS_PARENT` in a wrapper, `UNEXPECTED_END` for bare resources).
    fn instance(
        &mut self,
        from: usize,
        end: usize,
        iid: u16,
        overrun: ErrorKind,
    ) -> Result<(), Error> {
        let mut p = from;
        while p < end {
            let e = self.split(p, end).ok_or(err(overrun, p))?;
            if e.kind >= 2 {
                usable(e.id, p)?;
                // At `/O/I/R`, the only resource an instance may hold is that one.
                if self.req.len() == 3 && self.req.resource() != Some(e.id) {
                    return Err(err(ErrorKind::PathMismatch, p));
                }
                self.unique(from, p, e.id, end)?;
            }
            self.resource(e, iid, p)?;
            p = e.end;
        }
        Ok(())
    }

    /// The whole frame (the request path is not the root).
    fn frame(&mut self) -> Result<(), Error> {
        let req = self.req;
        let level = req.len();
        let end = self.input.len();
        let iid = req.instance().unwrap_or(0);
        let rid = req.resource().unwrap_or(0);
        // Bare resources at `/O/I`: the frame is an instance body.
        if level == 2 && self.split(0, end).is_some_and(|e| e.kind >= 2) {
            return self.instance(0, end, iid, ErrorKind::UnexpectedEnd);
        }
        // At `/O/I/R`: the class of the first element (object instance, resource instance, or the resource given
        // either way); every later one must be of the same class.
        let mut first: Option<u8> = None;
        let mut p = 0;
        while p < end {
            let e = self.split(p, end).ok_or(err(ErrorKind::UnexpectedEnd, p))?;
            usable(e.id, p)?;
            let nesting = err(ErrorKind::InvalidNesting, p);
            let want = match (level, e.kind) {
                (1, 0) => None,
                (2, 0) => req.instance(),
                (3, kind) => {
                    let class = kind.min(2);
                    if first.is_some_and(|c| c != class) {
                        return Err(nesting);
                    }
                    first = Some(class);
                    match kind {
                        0 => req.instance(),
                        1 => None,
                        _ => req.resource(),
                    }
                }
                (4, 1) => req.resource_instance(),
                _ => return Err(nesting),
            };
            if want.is_some_and(|id| id != e.id) {
                return Err(err(ErrorKind::PathMismatch, p));
            }
            self.unique(0, p, e.id, end)?;
            match e.kind {
                0 => self.instance(e.value, e.end, e.id, ErrorKind::LengthExceedsParent)?,
                1 => {
                    let def = self.def(rid);
                    self.record([req.object(), iid, rid, e.id], 4, def, e)?;
                }
                _ => self.resource(e, iid, p)?,
            }
            p = e.end;
        }
        // One value is asked for at `/O/I/R/RI`, and at `/O/I/R` unless the model says the resource is multiple.
        let one_value = level == 4 || (level == 3 && !self.def(rid).is_some_and(|d| d.multiple()));
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
        object: Registry.object(req.object()),
        cb,
        user,
        deliver: false,
        stopped: false,
        count: 0,
    };
    walk.frame()?;
    let count = walk.count;
    if cb.is_some() {
        walk.deliver = true;
        walk.count = 0;
        walk.frame()?;
    }
    Ok((count, walk.stopped))
}
