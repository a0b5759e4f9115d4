//! The definition types, in two layouts chosen by the `registry-names` feature.
//!
//! With `registry-names` (host builds: `std` turns it on) a definition carries its texts: names, units, versions and
//! the numeric range, as public fields. Without it (size-first firmware builds) a resource is 3 bytes — its `u16` id
//! and one byte that packs data type, operations, multiplicity and the mandatory flag — and an object holds its id,
//! a flag byte and its resources: the 47 uCIFI objects take under 3 KB. The accessor methods (`data_type()`,
//! `operations()`, `name()`, …) exist in both layouts, and the codecs use only them; without `registry-names` the
//! texts read as empty and the range as `None`.

use super::data_type::DataType;
use super::{Operations, Range};

/// Packs type, operations and flags into one byte: `(type code - 1) * 20 + operations * 4 + multiple * 2 +
/// mandatory` (at most 199).
#[cfg(not(feature = "registry-names"))]
const fn pack(data_type: DataType, operations: Operations, multiple: bool, mandatory: bool) -> u8 {
    (data_type as u8 - 1) * 20 + operations.bits() * 4 + (multiple as u8) * 2 + mandatory as u8
}

/// `kind / 20` by a multiply and a shift (exact for every byte: the tests check all 256): Cortex-M0 has no divide
/// instruction, and at `opt-level = "z"` the division would be a call into the 400-byte software divide.
#[cfg(not(feature = "registry-names"))]
const fn div20(kind: u8) -> u8 {
    ((kind as u32 * 205) >> 12) as u8
}

#[cfg(not(feature = "registry-names"))]
const fn unpack_type(kind: u8) -> DataType {
    match div20(kind) {
        0 => DataType::String,
        1 => DataType::Integer,
        2 => DataType::Unsigned,
        3 => DataType::Float,
        4 => DataType::Boolean,
        5 => DataType::Opaque,
        6 => DataType::Time,
        7 => DataType::Objlnk,
        8 => DataType::Corelnk,
        _ => DataType::None,
    }
}

/// One resource of an object.
#[cfg(feature = "registry-names")]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ResourceDef {
    /// Resource id.
    pub id: u16,
    /// Name, as the registry gives it.
    pub name: &'static str,
    /// Data type.
    pub data_type: DataType,
    /// Allowed operations.
    pub operations: Operations,
    /// Multiple instances (a Multiple Resource).
    pub multiple: bool,
    /// Mandatory in every instance of the object.
    pub mandatory: bool,
    /// Units, empty when the registry gives none.
    pub units: &'static str,
    /// Numeric range, when the registry gives one as `min..max`. A reference, so that a definition is 28 bytes on
    /// 32-bit targets (WASM) instead of 48: the generated tables share the 21 distinct ranges of the registry.
    pub range: Option<&'static Range>,
}

/// One resource of an object: 3 bytes (id, and type, operations and flags packed in one byte). The `registry-names`
/// feature adds the texts.
#[cfg(not(feature = "registry-names"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(C, packed)]
pub struct ResourceDef {
    /// Resource id.
    pub id: u16,
    kind: u8,
}

impl ResourceDef {
    /// A definition without texts (empty name and units, no range).
    pub const fn new(
        id: u16,
        data_type: DataType,
        operations: Operations,
        multiple: bool,
        mandatory: bool,
    ) -> ResourceDef {
        #[cfg(feature = "registry-names")]
        {
            ResourceDef {
                id,
                name: "",
                data_type,
                operations,
                multiple,
                mandatory,
                units: "",
                range: None,
            }
        }
        #[cfg(not(feature = "registry-names"))]
        {
            ResourceDef {
                id,
                kind: pack(data_type, operations, multiple, mandatory),
            }
        }
    }

    /// Adds the texts (without `registry-names` they are dropped, and only the definition's facts stay).
    #[cfg_attr(not(feature = "registry-names"), allow(unused_variables))]
    pub const fn with_text(
        self,
        name: &'static str,
        units: &'static str,
        range: Option<&'static Range>,
    ) -> ResourceDef {
        #[cfg(feature = "registry-names")]
        {
            ResourceDef {
                name,
                units,
                range,
                ..self
            }
        }
        #[cfg(not(feature = "registry-names"))]
        {
            self
        }
    }

    /// Data type.
    #[inline]
    pub const fn data_type(&self) -> DataType {
        #[cfg(feature = "registry-names")]
        {
            self.data_type
        }
        #[cfg(not(feature = "registry-names"))]
        {
            unpack_type(self.kind)
        }
    }

    /// Allowed operations.
    #[inline]
    pub const fn operations(&self) -> Operations {
        #[cfg(feature = "registry-names")]
        {
            self.operations
        }
        #[cfg(not(feature = "registry-names"))]
        {
            Operations::from_bits((self.kind - div20(self.kind) * 20) / 4)
        }
    }

    /// Multiple instances (a Multiple Resource).
    #[inline]
    pub const fn multiple(&self) -> bool {
        #[cfg(feature = "registry-names")]
        {
            self.multiple
        }
        #[cfg(not(feature = "registry-names"))]
        {
            self.kind & 2 != 0
        }
    }

    /// Mandatory in every instance of the object.
    #[inline]
    pub const fn mandatory(&self) -> bool {
        #[cfg(feature = "registry-names")]
        {
            self.mandatory
        }
        #[cfg(not(feature = "registry-names"))]
        {
            self.kind & 1 != 0
        }
    }

    /// Name, as the registry gives it (empty without `registry-names`).
    #[inline]
    pub const fn name(&self) -> &'static str {
        #[cfg(feature = "registry-names")]
        {
            self.name
        }
        #[cfg(not(feature = "registry-names"))]
        {
            ""
        }
    }

    /// Units, empty when the registry gives none (always empty without `registry-names`).
    #[inline]
    pub const fn units(&self) -> &'static str {
        #[cfg(feature = "registry-names")]
        {
            self.units
        }
        #[cfg(not(feature = "registry-names"))]
        {
            ""
        }
    }

    /// Numeric range, when the registry gives one as `min..max` (`None` without `registry-names`).
    #[inline]
    pub const fn range(&self) -> Option<Range> {
        #[cfg(feature = "registry-names")]
        {
            match self.range {
                Some(r) => Some(*r),
                None => None,
            }
        }
        #[cfg(not(feature = "registry-names"))]
        {
            None
        }
    }
}

/// One object.
#[cfg(feature = "registry-names")]
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ObjectDef {
    /// ObjectID.
    pub id: u16,
    /// Name, as the registry gives it.
    pub name: &'static str,
    /// Object version (`"1.0"` when the DDF gives none).
    pub version: &'static str,
    /// LwM2M enabler version the object is written for.
    pub lwm2m_version: &'static str,
    /// Multiple instances allowed.
    pub multiple: bool,
    /// Mandatory object.
    pub mandatory: bool,
    /// Resources, sorted by id.
    pub resources: &'static [ResourceDef],
}

/// One object: id, flags and resources. The `registry-names` feature adds the texts.
#[cfg(not(feature = "registry-names"))]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ObjectDef {
    /// ObjectID.
    pub id: u16,
    /// Bit 0: multiple instances; bit 1: mandatory.
    flags: u8,
    /// Resources, sorted by id.
    pub resources: &'static [ResourceDef],
}

impl ObjectDef {
    /// A definition without texts (empty name and versions).
    pub const fn new(
        id: u16,
        multiple: bool,
        mandatory: bool,
        resources: &'static [ResourceDef],
    ) -> ObjectDef {
        #[cfg(feature = "registry-names")]
        {
            ObjectDef {
                id,
                name: "",
                version: "",
                lwm2m_version: "",
                multiple,
                mandatory,
                resources,
            }
        }
        #[cfg(not(feature = "registry-names"))]
        {
            ObjectDef {
                id,
                flags: multiple as u8 | (mandatory as u8) << 1,
                resources,
            }
        }
    }

    /// Adds the texts (without `registry-names` they are dropped).
    #[cfg_attr(not(feature = "registry-names"), allow(unused_variables))]
    pub const fn with_text(
        self,
        name: &'static str,
        version: &'static str,
        lwm2m_version: &'static str,
    ) -> ObjectDef {
        #[cfg(feature = "registry-names")]
        {
            ObjectDef {
                name,
                version,
                lwm2m_version,
                ..self
            }
        }
        #[cfg(not(feature = "registry-names"))]
        {
            self
        }
    }

    /// Multiple instances allowed.
    #[inline]
    pub const fn multiple(&self) -> bool {
        #[cfg(feature = "registry-names")]
        {
            self.multiple
        }
        #[cfg(not(feature = "registry-names"))]
        {
            self.flags & 1 != 0
        }
    }

    /// Mandatory object.
    #[inline]
    pub const fn mandatory(&self) -> bool {
        #[cfg(feature = "registry-names")]
        {
            self.mandatory
        }
        #[cfg(not(feature = "registry-names"))]
        {
            self.flags & 2 != 0
        }
    }

    /// Name, as the registry gives it (empty without `registry-names`).
    #[inline]
    pub const fn name(&self) -> &'static str {
        #[cfg(feature = "registry-names")]
        {
            self.name
        }
        #[cfg(not(feature = "registry-names"))]
        {
            ""
        }
    }

    /// Object version (empty without `registry-names`).
    #[inline]
    pub const fn version(&self) -> &'static str {
        #[cfg(feature = "registry-names")]
        {
            self.version
        }
        #[cfg(not(feature = "registry-names"))]
        {
            ""
        }
    }

    /// LwM2M enabler version the object is written for (empty without `registry-names`).
    #[inline]
    pub const fn lwm2m_version(&self) -> &'static str {
        #[cfg(feature = "registry-names")]
        {
            self.lwm2m_version
        }
        #[cfg(not(feature = "registry-names"))]
        {
            ""
        }
    }
}

#[cfg(all(test, not(feature = "registry-names")))]
mod tests {
    #[test]
    fn div20_divides_every_byte() {
        for k in 0..=255u8 {
            assert_eq!(super::div20(k), k / 20, "{k}");
        }
    }
}
