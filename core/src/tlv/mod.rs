//! LwM2M TLV (Content-Format 11542).
//!
//! Wire form of one element: `type | id (1 or 2 bytes) | length (0 to 3 bytes) | value`. The type byte holds the
//! element kind (bits 7–6: object instance, resource instance, multiple resource, resource with value), the id width
//! (bit 5), the size of the length field (bits 4–3) and, when that size is 0, the value length itself (bits 2–0).
//! TLV carries no types and no object id: the request [`Path`](crate::Path) names the object and the model types the
//! values.
//!
//! Decoding ([`decode`]) checks the whole frame once — structure, nesting against the request path, duplicate ids,
//! and every value against the model — and then hands out an infallible iterator of borrowed [`Record`]s. A resource
//! the model does not know comes out as its raw bytes ([`Value::Opaque`](crate::Value::Opaque)) with
//! [`Record::unknown`] set. [`decode_into`] does the same in one pass into a caller slice, [`decode_each`] hands the
//! records to a callback (the verbs are the same in every format: the crate docs).
//!
//! Encoding ([`encode`]) writes the canonical form into a caller buffer: shortest id, shortest length field,
//! shortest integer width, a 4-byte float only when exact, object-instance wrappers exactly when the request path is
//! an object path, resource instances grouped under their multiple resource in order of first appearance.
//! [`encoded_len`] gives the exact size first.
//!
//! ```
//! use ucifi_codec::{tlv, Path, Record, Registry, Value};
//! let path: Path = "/3424/0".parse().unwrap();
//! let reading = [Record::new("/3424/0/1".parse().unwrap(), Value::Float(12.5))];
//! let mut buf = [0u8; 16];
//! let frame = tlv::encode(&reading, &path, &Registry, &mut buf).unwrap();
//! assert_eq!(frame, [0xc4, 0x01, 0x41, 0x48, 0x00, 0x00]);
//! assert_eq!(tlv::encoded_len(&reading, &path, &Registry).unwrap(), 6);
//! let back: Vec<_> = tlv::decode(frame, &path, &Registry).unwrap().collect();
//! assert_eq!(back[0].value, Value::Float(12.5));
//! ```
//!
//! [`Record`]: crate::Record
//! [`Record::unknown`]: crate::Record::unknown

mod element;
mod reader;
mod seen;
#[cfg(feature = "tlv-fast")]
mod sorted_writer;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_duplicates;
mod value_bytes;
mod writer;

use crate::registry::{ObjectDef, ResourceDef};

#[cfg(not(feature = "tlv-fast"))]
pub(crate) use reader::decode_checked_each;
pub use reader::{decode, decode_each, decode_into, TlvRecords};
pub use writer::{encode, encoded_len};

#[cfg(feature = "alloc")]
pub use reader::decode_to_vec;
#[cfg(feature = "alloc")]
pub use writer::encode_to_vec;

/// Resource lookups in one object's table. Most objects number their resources without gaps from the first id, so
/// resource `id` is tried at position `id - base` first; then [`ObjectDef::resource_near`] (the last position found,
/// the next one, a binary search).
#[derive(Clone, Copy)]
pub(crate) struct Defs<'a> {
    table: &'a [ResourceDef],
    base: u16,
    hint: usize,
    object: Option<&'a ObjectDef>,
}

impl<'a> Defs<'a> {
    /// Lookups in `object`'s table (none if the model does not know the object).
    pub(crate) fn new(object: Option<&'a ObjectDef>) -> Defs<'a> {
        let table = object.map_or(&[][..], |o| o.resources);
        Defs {
            table,
            base: table.first().map_or(0, |r| r.id),
            hint: 0,
            object,
        }
    }

    /// The definition of `resource`, if the object has one.
    #[cfg_attr(feature = "tlv-fast", inline(always))]
    #[cfg_attr(not(feature = "tlv-fast"), inline)]
    pub(crate) fn get(&mut self, resource: u16) -> Option<&'a ResourceDef> {
        if let Some(r) = self
            .table
            .get(usize::from(resource.wrapping_sub(self.base)))
        {
            if r.id == resource {
                return Some(r);
            }
        }
        let object: &'a ObjectDef = self.object?;
        object.resource_near(resource, &mut self.hint)
    }
}

/// Element kind, from bits 7–6 of the type byte.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `00`: object instance; the value is nested resources.
    ObjectInstance = 0,
    /// `01`: resource instance (only inside a multiple resource).
    ResourceInstance = 1,
    /// `10`: multiple resource; the value is nested resource instances.
    MultipleResource = 2,
    /// `11`: resource with a value.
    Resource = 3,
}

/// Writes a header for `kind`/`id` with a value of `len` bytes into `out`; returns the header size (2..=6).
/// `None` if `len` needs more than 3 length bytes.
pub(crate) fn write_header(kind: Kind, id: u16, len: usize, out: &mut [u8; 6]) -> Option<usize> {
    let len_bytes: u8 = match len {
        0..=7 => 0,
        8..=0xff => 1,
        0x100..=0xffff => 2,
        0x1_0000..=0xff_ffff => 3,
        _ => return None,
    };
    let wide = id > 0xff;
    let inline = if len_bytes == 0 { len as u8 } else { 0 };
    let t = (kind as u8) << 6 | u8::from(wide) << 5 | len_bytes << 3 | inline;
    let [id_hi, id_lo] = id.to_be_bytes();
    let [_, l2, l1, l0] = (len as u32).to_be_bytes();
    out[0] = t;
    let n = if wide {
        out[1] = id_hi;
        out[2] = id_lo;
        3
    } else {
        out[1] = id_lo;
        2
    };
    // Length field, big-endian, right after the id: write all three candidates, keep `len_bytes` of them.
    let field = match len_bytes {
        1 => [l0, 0, 0],
        2 => [l1, l0, 0],
        _ => [l2, l1, l0],
    };
    let [a, b, c] = field;
    if n == 2 {
        out[2] = a;
        out[3] = b;
        out[4] = c;
    } else {
        out[3] = a;
        out[4] = b;
        out[5] = c;
    }
    Some(n + usize::from(len_bytes))
}

/// Header size for `id` and a value of `len` bytes (same rules as [`write_header`]).
pub(crate) const fn header_len(id: u16, len: usize) -> usize {
    let id_bytes = if id > 0xff { 2 } else { 1 };
    let len_bytes = match len {
        0..=7 => 0,
        8..=0xff => 1,
        0x100..=0xffff => 2,
        _ => 3,
    };
    1 + id_bytes + len_bytes
}
