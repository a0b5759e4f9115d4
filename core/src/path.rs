//! LwM2M paths: the root `/`, `/O`, `/O/I`, `/O/I/R`, `/O/I/R/RI`, each id in 0..=65534.
//!
//! Id 65535 is reserved at every level (LwM2M 1.2 §7.1: "MAX_ID"); parsing a path text that names it is
//! `INVALID_PATH` at the id, and every decoder and encoder refuses a record path with it (`INVALID_PATH`). The root
//! path `/` (no ids) means "no restriction": a request path for the self-describing formats (SenML, LwM2M-CBOR)
//! that admits every record; the formats that need an object (TLV, the single-value formats) refuse it.
//!
//! ```
//! use ucifi_codec::Path;
//! let p: Path = "/3424/0/1".parse().unwrap();
//! assert_eq!((p.object(), p.instance(), p.resource()), (3424, Some(0), Some(1)));
//! assert_eq!(p.to_string(), "/3424/0/1");
//! assert!(Path::object_path(3424).contains(&p));
//! ```

use core::fmt;
use core::str::FromStr;

use crate::error::{Error, ErrorKind};

/// A path of zero (the root `/`) to four ids. `Ord` sorts by ids, shorter (parent) paths first.
///
/// Invariant: ids past `len` are zero, so the derived comparisons only see the ids in use.
///
/// The length is a `u32`: the path is then 4-byte aligned and has no padding, so small targets copy it in words
/// (2-byte aligned, or with padding bytes, it was copied by `memcpy` calls).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Path {
    ids: [u16; 4],
    len: u32,
}

/// The level a path addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathLevel {
    /// `/`: the root, above every object.
    Root,
    /// `/O`
    Object,
    /// `/O/I`
    Instance,
    /// `/O/I/R`
    Resource,
    /// `/O/I/R/RI`
    ResourceInstance,
}

/// The reserved id (LwM2M: no object, instance, resource or resource instance has it).
pub const RESERVED_ID: u16 = u16::MAX;

impl Path {
    /// `/`: the root path, no ids; it contains every path.
    pub const ROOT: Path = Path {
        len: 0,
        ids: [0; 4],
    };

    /// `/object`
    pub const fn object_path(object: u16) -> Path {
        Path {
            len: 1,
            ids: [object, 0, 0, 0],
        }
    }

    /// `/object/instance`
    pub const fn instance_path(object: u16, instance: u16) -> Path {
        Path {
            len: 2,
            ids: [object, instance, 0, 0],
        }
    }

    /// `/object/instance/resource`
    pub const fn resource_path(object: u16, instance: u16, resource: u16) -> Path {
        Path {
            len: 3,
            ids: [object, instance, resource, 0],
        }
    }

    /// `/object/instance/resource/resource_instance`
    pub const fn resource_instance_path(
        object: u16,
        instance: u16,
        resource: u16,
        resource_instance: u16,
    ) -> Path {
        Path {
            len: 4,
            ids: [object, instance, resource, resource_instance],
        }
    }

    /// A path from 1 to 4 ids; `None` for an empty or longer slice.
    pub fn from_ids(ids: &[u16]) -> Option<Path> {
        if ids.is_empty() || ids.len() > 4 {
            return None;
        }
        // Four fixed reads, not a copy of `ids.len()` ids: that would be a `memcpy` call on small targets.
        let id = |k: usize| ids.get(k).copied().unwrap_or(0);
        Some(Path {
            len: ids.len() as u32,
            ids: [id(0), id(1), id(2), id(3)],
        })
    }

    /// The ids, 0 (the root) to 4 of them.
    pub fn ids(&self) -> &[u16] {
        self.ids.get(..self.len as usize).unwrap_or(&[])
    }

    /// Number of ids (0 for the root, else 1..=4).
    pub const fn len(&self) -> usize {
        self.len as usize
    }

    /// True for the root path `/` (no ids).
    pub const fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// True for the root path `/`.
    pub const fn is_root(&self) -> bool {
        self.len == 0
    }

    /// True if one of the ids is the reserved id 65535.
    pub fn has_reserved_id(&self) -> bool {
        self.ids().contains(&RESERVED_ID)
    }

    /// The level this path addresses.
    pub const fn level(&self) -> PathLevel {
        match self.len {
            0 => PathLevel::Root,
            1 => PathLevel::Object,
            2 => PathLevel::Instance,
            3 => PathLevel::Resource,
            _ => PathLevel::ResourceInstance,
        }
    }

    /// Object id (0 for the root path, which has none: check [`is_root`](Self::is_root) first where it may occur).
    pub const fn object(&self) -> u16 {
        self.ids[0]
    }

    /// Object instance id, if the path goes that deep.
    pub const fn instance(&self) -> Option<u16> {
        if self.len >= 2 {
            Some(self.ids[1])
        } else {
            None
        }
    }

    /// Resource id, if the path goes that deep.
    pub const fn resource(&self) -> Option<u16> {
        if self.len >= 3 {
            Some(self.ids[2])
        } else {
            None
        }
    }

    /// Resource instance id, if the path goes that deep.
    pub const fn resource_instance(&self) -> Option<u16> {
        if self.len >= 4 {
            Some(self.ids[3])
        } else {
            None
        }
    }

    /// This path with one more id; `None` at resource-instance level.
    pub fn child(&self, id: u16) -> Option<Path> {
        let mut p = *self;
        let slot = p.ids.get_mut(self.len as usize)?;
        *slot = id;
        p.len += 1;
        Some(p)
    }

    /// This path cut to its first `len` ids; `None` if `len` is 0 or longer than the path.
    pub fn truncated(&self, len: usize) -> Option<Path> {
        if len == 0 || len > self.len as usize {
            return None;
        }
        let mut p = Path {
            len: len as u32,
            ids: [0; 4],
        };
        for (slot, id) in p.ids.iter_mut().zip(self.ids()).take(len) {
            *slot = *id;
        }
        Some(p)
    }

    /// True if `other` equals this path or lies below it.
    #[cfg_attr(any(feature = "tlv-fast", feature = "senml-fast"), inline)]
    #[cfg_attr(not(any(feature = "tlv-fast", feature = "senml-fast")), inline(never))]
    pub fn contains(&self, other: &Path) -> bool {
        other.len >= self.len && self.same_prefix(other, self.len as usize)
    }

    /// True if both paths have the same first `depth` ids (ids past a path's length count as 0).
    #[cfg_attr(any(feature = "tlv-fast", feature = "senml-fast"), inline)]
    #[cfg_attr(not(any(feature = "tlv-fast", feature = "senml-fast")), inline(never))]
    pub fn same_prefix(&self, other: &Path, depth: usize) -> bool {
        self.ids
            .iter()
            .zip(other.ids.iter())
            .take(depth)
            .all(|(a, b)| a == b)
    }

    /// The id at `level` (0 = object … 3 = resource instance); 0 past the path's length.
    #[inline]
    pub fn id(&self, level: usize) -> u16 {
        self.ids.get(level).copied().unwrap_or(0)
    }

    /// The four ids packed with the object id in the low 16 bits (the memory order of the ids on little-endian
    /// machines, so one load): two paths share their first `d` ids exactly when the low `16 * d` bits agree.
    #[cfg(feature = "tlv-fast")]
    #[inline]
    pub(crate) const fn native(&self) -> u64 {
        let [a, b, c, d] = self.ids;
        a as u64 | (b as u64) << 16 | (c as u64) << 32 | (d as u64) << 48
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_root() {
            return f.write_str("/");
        }
        for id in self.ids() {
            write!(f, "/{id}")?;
        }
        Ok(())
    }
}

impl FromStr for Path {
    type Err = Error;

    /// Parses `/` (the root) or `/O[/I[/R[/RI]]]`. A trailing `/` is accepted (`/3/0/`). Errors are `INVALID_PATH`
    /// at the offending character; an id of 65535 (reserved) or above is `INVALID_PATH` at its first digit.
    fn from_str(s: &str) -> Result<Path, Error> {
        parse(s, false)
    }
}

impl Path {
    /// Parses a path text as [`FromStr`] does, but lets the reserved id 65535 through: for record paths, which the
    /// encoders refuse with `INVALID_PATH` at the record's index rather than as a malformed record.
    #[cfg(feature = "serde")]
    pub(crate) fn parse_with_reserved(s: &str) -> Result<Path, Error> {
        parse(s, true)
    }
}

/// The path text parser; `reserved` lets id 65535 through.
fn parse(s: &str, reserved: bool) -> Result<Path, Error> {
    let bad = |at: usize| Error::new(ErrorKind::InvalidPath, at);
    let bytes = s.as_bytes();
    if bytes.first() != Some(&b'/') {
        return Err(bad(0));
    }
    let mut ids = [0u16; 4];
    let mut len = 0usize;
    let mut pos = 1usize;
    while pos < bytes.len() {
        let start = pos;
        let mut value: u32 = 0;
        while let Some(&c) = bytes.get(pos) {
            if c == b'/' {
                break;
            }
            if !c.is_ascii_digit() {
                return Err(bad(pos));
            }
            value = value * 10 + u32::from(c - b'0');
            if value > u32::from(u16::MAX) {
                return Err(bad(start));
            }
            pos += 1;
        }
        if pos == start || (!reserved && value == u32::from(RESERVED_ID)) {
            return Err(bad(start));
        }
        let slot = ids.get_mut(len).ok_or(bad(start))?;
        *slot = value as u16;
        len += 1;
        pos += 1; // skip '/'
    }
    Ok(Path {
        len: len as u32,
        ids,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print() {
        for s in [
            "/3",
            "/3/0",
            "/3/0/6",
            "/3/0/6/1",
            "/65534/65534/65534/65534",
            "/",
        ] {
            let p: Path = s.parse().unwrap();
            assert_eq!(p.to_string(), s);
        }
        assert_eq!("/3/0/".parse::<Path>().unwrap().to_string(), "/3/0");
    }

    #[test]
    fn rejects_bad_paths() {
        for (s, at) in [
            ("", 0),
            ("3/0", 0),
            ("//", 1),
            ("/65535", 1),
            ("/5/0/65535", 5),
            ("/5/65535/1", 3),
            ("/3//1", 3),
            ("/65536", 1),
            ("/1/2/3/4/5", 9),
            ("/a", 1),
        ] {
            let e = s.parse::<Path>().unwrap_err();
            assert_eq!((e.kind(), e.offset()), (ErrorKind::InvalidPath, at), "{s}");
        }
    }

    #[test]
    fn order_and_containment() {
        let a = Path::instance_path(3, 0);
        let b = Path::resource_path(3, 0, 1);
        assert!(a < b && a.contains(&b) && !b.contains(&a));
        assert!(Path::instance_path(2, 9) < Path::object_path(3));
        assert!(Path::resource_path(3, 0, 9) < Path::instance_path(3, 1));
        assert_eq!(b.truncated(2), Some(a));
        assert_eq!(a.child(1), Some(b));
        assert!(Path::ROOT.contains(&a) && Path::ROOT < a && !a.contains(&Path::ROOT));
        assert_eq!(Path::ROOT.child(3), Some(Path::object_path(3)));
        assert_eq!(Path::ROOT.level(), PathLevel::Root);
        assert!(Path::resource_path(5, 0, RESERVED_ID).has_reserved_id());
    }
}
