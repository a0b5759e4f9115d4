//! Deterministic plausible readings generated from the object model, for sizing frames (`ucifi sizes`) and tests.
//!
//! A reading is one instance of an object with one record per selected resource (one resource instance, id 0, for a
//! Multiple Resource). Values depend on the type only, pulled into the registry range when it has one:
//! Integer/Unsigned `1`, Float `12.5`, Boolean `true`, String `"abc"`, Opaque `01020304`, Time `1700000000`,
//! Objlnk `3:0`, Corelnk `"</3/0>"`. These are sizes of a *typical* reading, not of the worst case: real strings and
//! opaque blobs may be longer, and real floats that are not exact binary32 values take 8 TLV bytes instead of 4.
//!
//! ```
//! use ucifi_codec::lorawan::sample::{sample_records, Selection};
//! use ucifi_codec::{Registry, Value};
//! let water = Registry.get(3424).unwrap();
//! let reading: Vec<_> = sample_records(water, 0, Selection::Mandatory).collect();
//! assert_eq!(reading[0].path.to_string(), "/3424/0/1");
//! assert_eq!(reading[0].value, Value::Float(12.5));
//! ```

use crate::path::Path;
use crate::registry::{ObjectDef, ResourceDef};
use crate::value::{DataType, ObjLnk, Record, Value};

/// Which resources a reading holds. Only readable resources with a value type are ever selected (never executable
/// ones, never write-only ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Selection {
    /// The mandatory resources.
    Mandatory,
    /// Every readable resource.
    Readable,
}

impl Selection {
    /// True if `def` belongs to a reading of this selection.
    pub const fn selects(self, def: &ResourceDef) -> bool {
        let readable = def.operations().readable()
            && !def.operations().executable()
            && !matches!(def.data_type(), DataType::None);
        match self {
            Selection::Mandatory => readable && def.mandatory(),
            Selection::Readable => readable,
        }
    }
}

/// `x`, or the range minimum when the registry range excludes `x`.
fn in_range(def: &ResourceDef, x: f64) -> f64 {
    match def.range() {
        Some(r) if !r.contains(x) => r.min,
        _ => x,
    }
}

/// `x`, or the smallest integer in the registry range when the range excludes `x` (no `f64::ceil` in `no_std`).
fn int_in_range(def: &ResourceDef, x: i64) -> i64 {
    match def.range() {
        Some(r) if !r.contains(x as f64) => {
            let t = r.min as i64;
            if (t as f64) < r.min {
                t.saturating_add(1)
            } else {
                t
            }
        }
        _ => x,
    }
}

/// The plausible value for a resource (see the module docs); `None` for the none type.
pub fn sample_value(def: &ResourceDef) -> Option<Value<'static>> {
    Some(match def.data_type() {
        DataType::Integer => Value::Integer(int_in_range(def, 1)),
        DataType::Unsigned => Value::Unsigned(int_in_range(def, 1).max(0) as u64),
        DataType::Float => Value::Float(in_range(def, 12.5)),
        DataType::Boolean => Value::Boolean(true),
        DataType::String => Value::String("abc"),
        DataType::Opaque => Value::Opaque(&[1, 2, 3, 4]),
        DataType::Time => Value::Time(1_700_000_000),
        DataType::Objlnk => Value::ObjLnk(ObjLnk {
            object: 3,
            instance: 0,
        }),
        DataType::Corelnk => Value::CoreLnk("</3/0>"),
        DataType::None => return None,
    })
}

/// The records of one plausible reading of `object` instance `instance`, in resource order, linked to their
/// definitions.
pub fn sample_records(
    object: &ObjectDef,
    instance: u16,
    selection: Selection,
) -> impl Iterator<Item = Record<'_>> + Clone + '_ {
    let oid = object.id;
    object
        .resources
        .iter()
        .filter(move |def| selection.selects(def))
        .filter_map(move |def| {
            let value = sample_value(def)?;
            let path = if def.multiple() {
                Path::resource_instance_path(oid, instance, def.id, 0)
            } else {
                Path::resource_path(oid, instance, def.id)
            };
            Some(Record {
                path,
                value,
                resource: Some(def),
                time: None,
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::Registry;

    #[test]
    fn readings_follow_the_model() {
        for object in Registry.objects().filter(|o| o.is_ucifi()) {
            let all: Vec<_> = sample_records(object, 0, Selection::Readable).collect();
            let mandatory = sample_records(object, 0, Selection::Mandatory).count();
            assert!(mandatory <= all.len());
            for r in &all {
                let def = r.resource.unwrap();
                assert_eq!(r.value.data_type(), def.data_type(), "{}", r.path);
                assert!(def.operations().readable() && !def.operations().executable());
                assert_eq!(r.path.len(), if def.multiple() { 4 } else { 3 });
                if let (Some(range), Value::Integer(x)) = (def.range(), r.value) {
                    assert!(range.contains(x as f64), "{} {x}", r.path);
                }
            }
        }
    }
}
