//! The object model: object and resource definitions, and lookup without allocation.
//!
//! The built-in tables ([`Registry`]) are generated from the OMA LwM2M registry DDF XML by `ucifi-codegen` and
//! committed in `generated.rs` (and `generated_full.rs` behind the `registry-full` feature). They hold facts only:
//! ids, names, versions, types, operations, multiplicity, mandatory flags, units and numeric ranges.
//! Tables are sorted by id, and lookup is a binary search.
//!
//! Size-first builds: without the `registry-names` feature (which `std` and `serde` turn on) a definition holds
//! the facts only, 3 bytes a resource, and its texts read as empty (`defs.rs`); the `UCIFI_OBJECTS` environment
//! variable at build time keeps only the objects it names, or none (`select.rs`).
//!
//! With the `ddf` feature, [`DdfModel`] loads DDF XML at run time (vendor objects, newer versions); a loaded definition
//! overrides the built-in one with the same ObjectID.
//!
//! ```
//! use ucifi_codec::{DataType, Model, Registry};
//! let water = Registry.object(3424).unwrap();
//! assert_eq!(water.name, "Water meter");
//! let volume = water.resource(1).unwrap();
//! assert_eq!((volume.name, volume.data_type, volume.units), ("Cumulated water volume", DataType::Float, "m3"));
//! ```

mod data_type;
#[cfg(feature = "ddf")]
mod ddf;
mod defs;
mod generated;
#[cfg(feature = "registry-full")]
mod generated_full;
mod select;

/// The generated default set, less the objects `UCIFI_OBJECTS` leaves out (see [`select`]).
static OBJECTS: [ObjectDef; select::count(select::SELECTION, generated::ALL)] =
    select::pick(select::SELECTION, generated::ALL);

/// The rest of the registry (feature `registry-full`), less the objects `UCIFI_OBJECTS` leaves out.
#[cfg(feature = "registry-full")]
static FULL_OBJECTS: [ObjectDef; select::count(select::SELECTION, generated_full::ALL)] =
    select::pick(select::SELECTION, generated_full::ALL);

const _: () = select::check(
    select::SELECTION,
    &[
        generated::ALL,
        #[cfg(feature = "registry-full")]
        generated_full::ALL,
    ],
);

pub use data_type::DataType;
#[cfg(feature = "ddf")]
pub use ddf::{parse_ddf, DdfLoadError, DdfModel, DdfObject, DdfResource};
pub use defs::{ObjectDef, ResourceDef};

/// Allowed operations on a resource (`R`, `W`, `RW`, `E`, or none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operations(u8);

impl Operations {
    /// No operation (used by some registry entries).
    pub const NONE: Operations = Operations(0);
    /// Read.
    pub const R: Operations = Operations(1);
    /// Write.
    pub const W: Operations = Operations(2);
    /// Read and write.
    pub const RW: Operations = Operations(3);
    /// Execute.
    pub const E: Operations = Operations(4);

    /// From the DDF text (`R`, `W`, `RW`, `E`, empty); `None` for anything else.
    pub fn parse(s: &str) -> Option<Operations> {
        match s.trim() {
            "" => Some(Operations::NONE),
            "R" => Some(Operations::R),
            "W" => Some(Operations::W),
            "RW" => Some(Operations::RW),
            "E" => Some(Operations::E),
            _ => None,
        }
    }

    /// The DDF text form.
    pub const fn as_str(self) -> &'static str {
        match self.0 {
            1 => "R",
            2 => "W",
            3 => "RW",
            4 => "E",
            _ => "",
        }
    }

    /// Readable.
    pub const fn readable(self) -> bool {
        self.0 & 1 != 0
    }

    /// Writable.
    pub const fn writable(self) -> bool {
        self.0 & 2 != 0
    }

    /// Executable.
    pub const fn executable(self) -> bool {
        self.0 & 4 != 0
    }

    /// The code: 0 none, 1 R, 2 W, 3 RW, 4 E.
    #[cfg_attr(feature = "registry-names", allow(dead_code))]
    pub(crate) const fn bits(self) -> u8 {
        self.0
    }

    /// From [`Operations::bits`] (a code above 4 reads as none).
    #[cfg_attr(feature = "registry-names", allow(dead_code))]
    pub(crate) const fn from_bits(bits: u8) -> Operations {
        Operations(if bits <= 4 { bits } else { 0 })
    }
}

/// A numeric range from the DDF `RangeEnumeration` (`min..max`), when it is one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    /// Smallest allowed value.
    pub min: f64,
    /// Largest allowed value.
    pub max: f64,
}

impl Range {
    /// Parses `"a..b"` (surrounding spaces allowed); anything else (enumerations, units in the text) gives `None`.
    pub fn parse(s: &str) -> Option<Range> {
        let (a, b) = s.trim().split_once("..")?;
        let min: f64 = a.trim().parse().ok()?;
        let max: f64 = b.trim().parse().ok()?;
        if min.is_finite() && max.is_finite() && min <= max {
            Some(Range { min, max })
        } else {
            None
        }
    }

    /// True if `x` lies within the range.
    pub fn contains(&self, x: f64) -> bool {
        self.min <= x && x <= self.max
    }
}

impl ObjectDef {
    /// The resource with this id.
    pub fn resource(&self, id: u16) -> Option<&ResourceDef> {
        self.resources
            .binary_search_by_key(&id, |r| r.id)
            .ok()
            .and_then(|i| self.resources.get(i))
    }

    /// The resource with this id, trying position `*hint` and the one after it before a binary search, and
    /// leaving `*hint` at the found position. Decoders and encoders meet resources mostly in ascending order, so a
    /// frame's lookups cost a comparison each.
    pub fn resource_near(&self, id: u16, hint: &mut usize) -> Option<&ResourceDef> {
        let rs = self.resources;
        for at in [*hint, *hint + 1] {
            if let Some(r) = rs.get(at) {
                if r.id == id {
                    *hint = at;
                    return Some(r);
                }
            }
        }
        let at = rs.binary_search_by_key(&id, |r| r.id).ok()?;
        *hint = at;
        rs.get(at)
    }

    /// True for the 47 uCIFI objects (3410–3439, 3445–3461).
    pub const fn is_ucifi(&self) -> bool {
        is_ucifi_object(self.id)
    }
}

/// True for the uCIFI ObjectIDs: 3410–3439 and 3445–3461.
pub const fn is_ucifi_object(id: u16) -> bool {
    matches!(id, 3410..=3439 | 3445..=3461)
}

/// Where decoders and encoders look up object definitions.
pub trait Model {
    /// The definition of object `id`, if known.
    fn object(&self, id: u16) -> Option<&ObjectDef>;

    /// The definition of resource `resource` of object `object`, if known.
    fn resource(&self, object: u16, resource: u16) -> Option<&ResourceDef> {
        self.object(object).and_then(|o| o.resource(resource))
    }
}

impl<M: Model + ?Sized> Model for &M {
    fn object(&self, id: u16) -> Option<&ObjectDef> {
        (**self).object(id)
    }
}

/// The built-in registry (generated tables).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Registry;

impl Registry {
    /// Every built-in object, sorted by id (with `registry-full`, the default set then the rest).
    pub fn objects(&self) -> impl Iterator<Item = &'static ObjectDef> + Clone {
        let extra: &'static [ObjectDef] = {
            #[cfg(feature = "registry-full")]
            {
                &FULL_OBJECTS
            }
            #[cfg(not(feature = "registry-full"))]
            {
                &[]
            }
        };
        OBJECTS.iter().chain(extra.iter())
    }

    /// The built-in definition of object `id`.
    pub fn get(&self, id: u16) -> Option<&'static ObjectDef> {
        let find = |t: &'static [ObjectDef]| {
            t.binary_search_by_key(&id, |o| o.id)
                .ok()
                .and_then(|i| t.get(i))
        };
        let found = find(&OBJECTS);
        #[cfg(feature = "registry-full")]
        let found = found.or_else(|| find(&FULL_OBJECTS));
        found
    }
}

impl Model for Registry {
    fn object(&self, id: u16) -> Option<&ObjectDef> {
        self.get(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::DataType;

    #[test]
    fn every_ucifi_object_is_built_in() {
        if select::SELECTION.is_some() {
            return; // a build that chose its objects (UCIFI_OBJECTS)
        }
        let ids = (3410..=3439).chain(3445..=3461);
        assert_eq!(ids.clone().count(), 47);
        for id in ids {
            let object = Registry.object(id);
            assert!(
                object.is_some_and(|o| o.id == id && o.is_ucifi() && !o.resources.is_empty()),
                "{id}"
            );
        }
        assert_eq!(Registry.objects().filter(|o| o.is_ucifi()).count(), 47);
    }

    #[test]
    fn known_resources_have_their_registry_types() {
        let volume = Registry
            .resource(3424, 1)
            .map(|r| (r.name(), r.data_type(), r.units()));
        let texts = |name, units| {
            if cfg!(feature = "registry-names") {
                (name, units)
            } else {
                ("", "")
            }
        };
        let (name, units) = texts("Cumulated water volume", "m3");
        assert_eq!(volume, Some((name, DataType::Float, units)));
        assert_eq!(
            Registry.resource(3, 13).map(|r| r.data_type()),
            Some(DataType::Time)
        );
        let timestamp = Registry
            .objects()
            .filter(|o| o.is_ucifi())
            .find_map(|o| o.resource(5518));
        assert_eq!(timestamp.map(|r| r.data_type()), Some(DataType::Time));
        for (id, name) in [(3303, "Temperature"), (3332, "Direction")] {
            assert_eq!(
                Registry.object(id).map(|o| o.name()),
                Some(texts(name, "").0)
            );
        }
        assert_eq!(
            Registry.resource(3424, 2).map(|r| (
                r.data_type(),
                r.operations(),
                r.multiple(),
                r.mandatory()
            )),
            Some((DataType::None, Operations::E, false, false))
        );
    }

    #[test]
    fn every_combination_of_facts_survives_the_layout() {
        let ops = [
            Operations::NONE,
            Operations::R,
            Operations::W,
            Operations::RW,
            Operations::E,
        ];
        for t in DataType::ALL {
            for o in ops {
                for (multiple, mandatory) in
                    [(false, false), (false, true), (true, false), (true, true)]
                {
                    let r = ResourceDef::new(65535, t, o, multiple, mandatory);
                    let facts = (
                        r.id,
                        r.data_type(),
                        r.operations(),
                        r.multiple(),
                        r.mandatory(),
                    );
                    assert_eq!(facts, (65535, t, o, multiple, mandatory));
                }
            }
            let obj = ObjectDef::new(7, true, false, &[]);
            assert_eq!((obj.multiple(), obj.mandatory()), (true, false));
        }
        if !cfg!(feature = "registry-names") {
            assert_eq!(core::mem::size_of::<ResourceDef>(), 3);
        }
    }

    #[test]
    fn tables_are_sorted_by_id() {
        let tables: [&[ObjectDef]; 2] = [
            &OBJECTS,
            #[cfg(feature = "registry-full")]
            &FULL_OBJECTS,
            #[cfg(not(feature = "registry-full"))]
            &[],
        ];
        for table in tables {
            assert!(table.windows(2).all(|w| matches!(w, [a, b] if a.id < b.id)));
            for object in table {
                let sorted = object
                    .resources
                    .windows(2)
                    .all(|w| matches!(w, [a, b] if a.id < b.id));
                assert!(sorted, "resources of {} not sorted", object.id);
                assert_eq!(Registry.get(object.id), Some(object));
            }
        }
    }

    #[test]
    fn full_registry_is_behind_its_feature() {
        assert_eq!(
            Registry.object(3300).is_some(),
            cfg!(feature = "registry-full")
        );
        assert!(Registry.object(3440).is_none());
    }
}
