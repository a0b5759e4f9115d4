//! One error vocabulary for every format and every front end.
//!
//! An [`Error`] is an [`ErrorKind`] plus the byte offset in the input where the problem was found. Kinds carry explicit
//! numbers that are never reused: they are the C `UCIFI_RESULT_*` codes, the Python `ErrorCode` values and the JS
//! `error.code` names (the SCREAMING_SNAKE form from [`ErrorKind::name`]).
//!
//! Offsets, for decoders: structural errors point at the first byte of the element at fault (its TLV type byte);
//! value errors point at the first byte of the value. For encoders the offset is the index of the record at fault.
//!
//! ```
//! use ucifi_codec::{Error, ErrorKind};
//! let e = Error::new(ErrorKind::UnexpectedEnd, 7);
//! assert_eq!(e.kind().name(), "UNEXPECTED_END");
//! assert_eq!(e.kind().code(), 1);
//! assert_eq!(e.offset(), 7);
//! ```

use core::fmt;

/// What went wrong. The discriminant is the stable numeric code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u16)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input ends inside an element's header or value.
    UnexpectedEnd = 1,
    /// A nested element's value runs past the end of its parent.
    LengthExceedsParent = 2,
    /// An element of this kind is not allowed where it stands (e.g. a resource instance outside a multiple resource).
    InvalidNesting = 3,
    /// The same identifier appears twice in one parent (or the same path twice in one encode request).
    DuplicateId = 4,
    /// An identifier contradicts the request path (or a record lies outside the request path).
    PathMismatch = 5,
    /// A value's length is not allowed for its data type (Integer not 1/2/4/8, Float not 4/8, Boolean not 1, Objlnk not 4).
    InvalidValueLength = 6,
    /// A Boolean value byte other than 0 or 1.
    InvalidBoolean = 7,
    /// A String or Corelnk value that is not valid UTF-8.
    InvalidUtf8 = 8,
    /// A value for a resource whose model type is none (an executable resource carries no value).
    ExecutableValue = 9,
    /// A path text that is not `/O[/I[/R[/RI]]]` with ids 0..=65535, or a path level the operation cannot use.
    InvalidPath = 10,
    /// The format needs a request path (TLV names no object) and none was given.
    MissingPath = 11,
    /// A value whose type differs from the type the model gives the resource.
    TypeMismatch = 12,
    /// The output buffer is too small for the encoded data.
    BufferTooSmall = 13,
    /// A DDF XML object definition that cannot be parsed or lacks a required field.
    InvalidDdf = 14,
    /// Input text that is not an even number of hexadecimal digits.
    InvalidHex = 15,
    /// A record (record JSON) that is malformed: unknown type, value of the wrong JSON kind or out of range.
    InvalidRecord = 16,
    /// A format name that is not known.
    UnknownFormat = 17,
    /// Input that is not well-formed CBOR, or a CBOR item of a kind the format does not allow there.
    InvalidCbor = 18,
    /// Input that is not well-formed JSON, or a JSON value of a kind the format does not allow there.
    InvalidJson = 19,
    /// Bytes after the end of the top-level item.
    TrailingData = 20,
    /// An indefinite-length item where the format needs a definite length (or a borrowed view is impossible).
    IndefiniteLength = 21,
    /// A SenML base version (`bver`) above 10.
    UnsupportedVersion = 22,
    /// A SenML label ending in `_` that this reader does not understand (RFC 8428 §4.4: must not be ignored).
    UnknownMandatoryLabel = 23,
    /// A record without a value where the format needs one.
    MissingValue = 24,
    /// A record with more than one value field.
    MultipleValues = 25,
    /// A (resolved) name that is not an LwM2M path at resource or resource-instance level.
    InvalidName = 26,
    /// A data value that is not valid base64 / base64url.
    InvalidBase64 = 27,
    /// A plain-text value that does not parse as the resource's type.
    InvalidText = 28,
    /// An fPort with no entry in the uplink convention's port table.
    UnknownPort = 29,
}

impl ErrorKind {
    /// Every kind, in code order.
    pub const ALL: [ErrorKind; 29] = [
        ErrorKind::UnexpectedEnd,
        ErrorKind::LengthExceedsParent,
        ErrorKind::InvalidNesting,
        ErrorKind::DuplicateId,
        ErrorKind::PathMismatch,
        ErrorKind::InvalidValueLength,
        ErrorKind::InvalidBoolean,
        ErrorKind::InvalidUtf8,
        ErrorKind::ExecutableValue,
        ErrorKind::InvalidPath,
        ErrorKind::MissingPath,
        ErrorKind::TypeMismatch,
        ErrorKind::BufferTooSmall,
        ErrorKind::InvalidDdf,
        ErrorKind::InvalidHex,
        ErrorKind::InvalidRecord,
        ErrorKind::UnknownFormat,
        ErrorKind::InvalidCbor,
        ErrorKind::InvalidJson,
        ErrorKind::TrailingData,
        ErrorKind::IndefiniteLength,
        ErrorKind::UnsupportedVersion,
        ErrorKind::UnknownMandatoryLabel,
        ErrorKind::MissingValue,
        ErrorKind::MultipleValues,
        ErrorKind::InvalidName,
        ErrorKind::InvalidBase64,
        ErrorKind::InvalidText,
        ErrorKind::UnknownPort,
    ];

    /// The stable numeric code (never 0; 0 means success in the C API).
    pub const fn code(self) -> u16 {
        self as u16
    }

    /// The kind with this numeric code.
    pub fn from_code(code: u16) -> Option<ErrorKind> {
        ErrorKind::ALL.iter().copied().find(|k| k.code() == code)
    }

    /// The SCREAMING_SNAKE name shared by every front end.
    pub const fn name(self) -> &'static str {
        match self {
            ErrorKind::UnexpectedEnd => "UNEXPECTED_END",
            ErrorKind::LengthExceedsParent => "LENGTH_EXCEEDS_PARENT",
            ErrorKind::InvalidNesting => "INVALID_NESTING",
            ErrorKind::DuplicateId => "DUPLICATE_ID",
            ErrorKind::PathMismatch => "PATH_MISMATCH",
            ErrorKind::InvalidValueLength => "INVALID_VALUE_LENGTH",
            ErrorKind::InvalidBoolean => "INVALID_BOOLEAN",
            ErrorKind::InvalidUtf8 => "INVALID_UTF8",
            ErrorKind::ExecutableValue => "EXECUTABLE_VALUE",
            ErrorKind::InvalidPath => "INVALID_PATH",
            ErrorKind::MissingPath => "MISSING_PATH",
            ErrorKind::TypeMismatch => "TYPE_MISMATCH",
            ErrorKind::BufferTooSmall => "BUFFER_TOO_SMALL",
            ErrorKind::InvalidDdf => "INVALID_DDF",
            ErrorKind::InvalidHex => "INVALID_HEX",
            ErrorKind::InvalidRecord => "INVALID_RECORD",
            ErrorKind::UnknownFormat => "UNKNOWN_FORMAT",
            ErrorKind::InvalidCbor => "INVALID_CBOR",
            ErrorKind::InvalidJson => "INVALID_JSON",
            ErrorKind::TrailingData => "TRAILING_DATA",
            ErrorKind::IndefiniteLength => "INDEFINITE_LENGTH",
            ErrorKind::UnsupportedVersion => "UNSUPPORTED_VERSION",
            ErrorKind::UnknownMandatoryLabel => "UNKNOWN_MANDATORY_LABEL",
            ErrorKind::MissingValue => "MISSING_VALUE",
            ErrorKind::MultipleValues => "MULTIPLE_VALUES",
            ErrorKind::InvalidName => "INVALID_NAME",
            ErrorKind::InvalidBase64 => "INVALID_BASE64",
            ErrorKind::InvalidText => "INVALID_TEXT",
            ErrorKind::UnknownPort => "UNKNOWN_PORT",
        }
    }

    /// The kind with this SCREAMING_SNAKE name.
    pub fn from_name(name: &str) -> Option<ErrorKind> {
        ErrorKind::ALL.iter().copied().find(|k| k.name() == name)
    }

    /// A one-line English explanation.
    pub const fn message(self) -> &'static str {
        match self {
            ErrorKind::UnexpectedEnd => "input ends inside an element header or value",
            ErrorKind::LengthExceedsParent => "element length runs past the end of its parent",
            ErrorKind::InvalidNesting => "element kind not allowed at this level",
            ErrorKind::DuplicateId => "identifier appears twice in the same parent",
            ErrorKind::PathMismatch => "identifier contradicts the request path",
            ErrorKind::InvalidValueLength => "value length not allowed for the data type",
            ErrorKind::InvalidBoolean => "boolean value byte is neither 0 nor 1",
            ErrorKind::InvalidUtf8 => "string value is not valid UTF-8",
            ErrorKind::ExecutableValue => "executable resource carries a value",
            ErrorKind::InvalidPath => {
                "path is not /O[/I[/R[/RI]]] with ids 0..65535, or not usable here"
            }
            ErrorKind::MissingPath => "this format needs a request path",
            ErrorKind::TypeMismatch => "value type differs from the model's type for the resource",
            ErrorKind::BufferTooSmall => "output buffer too small",
            ErrorKind::InvalidDdf => "object definition XML is malformed or incomplete",
            ErrorKind::InvalidHex => "input is not an even number of hex digits",
            ErrorKind::InvalidRecord => "record is malformed",
            ErrorKind::UnknownFormat => "unknown format name",
            ErrorKind::InvalidCbor => "not well-formed CBOR, or a CBOR item not allowed here",
            ErrorKind::InvalidJson => "not well-formed JSON, or a JSON value not allowed here",
            ErrorKind::TrailingData => "bytes after the end of the top-level item",
            ErrorKind::IndefiniteLength => "indefinite length where a definite length is needed",
            ErrorKind::UnsupportedVersion => "SenML base version above 10",
            ErrorKind::UnknownMandatoryLabel => "unknown SenML label ending in '_'",
            ErrorKind::MissingValue => "record has no value",
            ErrorKind::MultipleValues => "record has more than one value field",
            ErrorKind::InvalidName => "name is not an LwM2M resource or resource-instance path",
            ErrorKind::InvalidBase64 => "data value is not valid base64",
            ErrorKind::InvalidText => "text value does not parse as the resource type",
            ErrorKind::UnknownPort => "fPort has no entry in the port table",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An error kind with the byte offset where it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Error {
    kind: ErrorKind,
    offset: usize,
}

impl Error {
    /// An error of `kind` at byte `offset`.
    pub const fn new(kind: ErrorKind, offset: usize) -> Error {
        Error { kind, offset }
    }

    /// What went wrong.
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// Where: a byte offset into the input (decoders) or a record index (encoders).
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// The same error moved by `delta` bytes (for inputs embedded in a larger buffer).
    pub const fn shifted(self, delta: usize) -> Error {
        Error {
            kind: self.kind,
            offset: self.offset + delta,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} at offset {}: {}",
            self.kind.name(),
            self.offset,
            self.kind.message()
        )
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_invertible() {
        for (i, k) in ErrorKind::ALL.iter().enumerate() {
            assert_eq!(k.code() as usize, i + 1);
            assert_eq!(ErrorKind::from_code(k.code()), Some(*k));
            assert_eq!(ErrorKind::from_name(k.name()), Some(*k));
        }
        assert_eq!(ErrorKind::from_code(0), None);
    }
}
