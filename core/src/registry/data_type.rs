//! The LwM2M data types: the type the registry gives each resource, and the type of every value.

use core::fmt;

/// The LwM2M data types (LwM2M 1.2 appendix "Data Types").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum DataType {
    /// UTF-8 text.
    String = 1,
    /// Signed 64-bit integer.
    Integer = 2,
    /// Unsigned 64-bit integer (LwM2M 1.1+).
    Unsigned = 3,
    /// IEEE-754 binary32 or binary64.
    Float = 4,
    /// true / false.
    Boolean = 5,
    /// Raw bytes.
    Opaque = 6,
    /// Signed Unix seconds.
    Time = 7,
    /// Object link `oid:iid`.
    Objlnk = 8,
    /// CoRE link-format text (LwM2M 1.1+).
    Corelnk = 9,
    /// No value (executable resources).
    None = 10,
}

impl DataType {
    /// Every type, in code order.
    pub const ALL: [DataType; 10] = [
        DataType::String,
        DataType::Integer,
        DataType::Unsigned,
        DataType::Float,
        DataType::Boolean,
        DataType::Opaque,
        DataType::Time,
        DataType::Objlnk,
        DataType::Corelnk,
        DataType::None,
    ];

    /// The record-JSON name: `string, integer, unsigned, float, boolean, opaque, time, objlnk, corelnk, none`.
    pub const fn name(self) -> &'static str {
        match self {
            DataType::String => "string",
            DataType::Integer => "integer",
            DataType::Unsigned => "unsigned",
            DataType::Float => "float",
            DataType::Boolean => "boolean",
            DataType::Opaque => "opaque",
            DataType::Time => "time",
            DataType::Objlnk => "objlnk",
            DataType::Corelnk => "corelnk",
            DataType::None => "none",
        }
    }

    /// The type with this record-JSON name.
    pub fn from_name(name: &str) -> Option<DataType> {
        DataType::ALL.iter().copied().find(|t| t.name() == name)
    }
}

impl fmt::Display for DataType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
