//! One error vocabulary for every format and every front end.
//!
//! An [`Error`] is an [`ErrorKind`] plus a number, most often the byte offset in the input where the problem was
//! found. Kinds carry explicit numbers that are never reused: they are the C `UCIFI_RESULT_*` codes, the Python
//! `ErrorCode` values and the JS `error.code` names (the SCREAMING_SNAKE form from [`ErrorKind::name`]).
//!
//! Every kind is one row of the table below (`error_kinds!`): its variant, number, name, what its error's number
//! counts ([`Position`]) and message. The enum, [`ErrorKind::ALL`], the names and messages come from it, and so do
//! the lists of the other languages: `ucifi-codegen` writes the kinds into the Python stub (`ErrorCode`) and the
//! TypeScript declarations (`ErrorCode`), and the C binding's `src/generated.rs` (the `UCIFI_RESULT_*` codes of
//! `ucifi.h`) is generated from [`ErrorKind::ALL`].
//!
//! What the number is, by kind ([`ErrorKind::position`]):
//! - [`Position::Byte`]: a byte offset into the input. Decoders: structural errors point at the first byte of the
//!   element at fault (its TLV type byte); value errors at the first byte of the value. Texts (hex, path, DDF XML):
//!   the index in the text. Kinds that concern no place in the input (`MISSING_PATH`, `UNKNOWN_FORMAT`) give 0.
//! - [`Position::Record`]: the index of the record at fault (`INVALID_RECORD`: records read from JSON or host
//!   values).
//! - [`Position::ByteOrRecord`]: a byte offset when a decoder reports it, the index of the record at fault when an
//!   encoder does (`TYPE_MISMATCH`, `DUPLICATE_ID`, `PATH_MISMATCH`, ...).
//! - [`Position::Needed`]: the size the whole output needs (`BUFFER_TOO_SMALL`: bytes for an encoder, records for a
//!   `decode_into` slice).
//!
//! [`Error::offset`] is always the number; [`Error::record`] and [`Error::needed`] give it only for the kinds where
//! it can mean that.
//!
//! ```
//! use ucifi_codec::{Error, ErrorKind};
//! let e = Error::new(ErrorKind::UnexpectedEnd, 7);
//! assert_eq!(e.kind().name(), "UNEXPECTED_END");
//! assert_eq!(e.kind().code(), 1);
//! assert_eq!(e.offset(), 7);
//! assert_eq!(Error::new(ErrorKind::BufferTooSmall, 51).needed(), Some(51));
//! assert_eq!(e.needed(), None);
//! ```

use core::fmt;

/// What an error's number counts, for the errors of one kind (see the [module docs](self)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Position {
    /// A byte offset into the input (frame, hex text, path text, DDF text); 0 when the kind concerns no place in it.
    Byte,
    /// The index of the record at fault.
    Record,
    /// A byte offset from a decoder, the index of the record at fault from an encoder.
    ByteOrRecord,
    /// The size the whole output needs: bytes for an encoder, records for a `decode_into` slice.
    Needed,
}

/// The table of error kinds: each row gives the enum variant with its documentation, the stable number, the
/// SCREAMING_SNAKE name, the [`Position`] and the one-line message.
macro_rules! error_kinds {
    ($(
        $(#[doc = $doc:literal])*
        $variant:ident = $code:literal, $name:literal, $position:ident,
            $message:literal;
    )*) => {
        /// What went wrong. The discriminant is the stable numeric code.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u16)]
        #[non_exhaustive]
        pub enum ErrorKind {
            $($(#[doc = $doc])* $variant = $code,)*
        }

        impl ErrorKind {
            /// Every kind, in code order.
            pub const ALL: [ErrorKind; [$($code),*].len()] = [$(ErrorKind::$variant),*];

            /// The SCREAMING_SNAKE name shared by every front end.
            // Not inlined into other crates: each crate that inlines it gets its own copy of every name.
            #[inline(never)]
            pub const fn name(self) -> &'static str {
                match self {
                    $(ErrorKind::$variant => $name,)*
                }
            }

            /// A one-line English explanation.
            #[inline(never)]
            pub const fn message(self) -> &'static str {
                match self {
                    $(ErrorKind::$variant => $message,)*
                }
            }

            /// What the number of an error of this kind counts.
            pub const fn position(self) -> Position {
                match self {
                    $(ErrorKind::$variant => Position::$position,)*
                }
            }
        }
    };
}

error_kinds! {
    /// The input ends inside an element's header or value.
    UnexpectedEnd = 1, "UNEXPECTED_END", Byte,
        "input ends inside an element header or value";
    /// A nested element's value runs past the end of its parent.
    LengthExceedsParent = 2, "LENGTH_EXCEEDS_PARENT", Byte,
        "element length runs past the end of its parent";
    /// An element of this kind is not allowed where it stands (e.g. a resource instance outside a multiple resource).
    InvalidNesting = 3, "INVALID_NESTING", Byte,
        "element kind not allowed at this level";
    /// The same identifier appears twice in one parent (or the same path twice in one encode request).
    DuplicateId = 4, "DUPLICATE_ID", ByteOrRecord,
        "identifier appears twice in the same parent";
    /// An identifier contradicts the request path (or a record lies outside the request path).
    PathMismatch = 5, "PATH_MISMATCH", ByteOrRecord,
        "identifier contradicts the request path";
    /// A value's length is not allowed for its data type (Integer not 1/2/4/8, Float not 4/8, Boolean not 1, Objlnk not 4).
    InvalidValueLength = 6, "INVALID_VALUE_LENGTH", ByteOrRecord,
        "value length not allowed for the data type";
    /// A Boolean value byte other than 0 or 1.
    InvalidBoolean = 7, "INVALID_BOOLEAN", Byte,
        "boolean value byte is neither 0 nor 1";
    /// A String or Corelnk value that is not valid UTF-8.
    InvalidUtf8 = 8, "INVALID_UTF8", Byte,
        "string value is not valid UTF-8";
    /// A value for a resource whose model type is none (an executable resource carries no value).
    ExecutableValue = 9, "EXECUTABLE_VALUE", ByteOrRecord,
        "executable resource carries a value";
    /// A path text that is not `/O[/I[/R[/RI]]]` with ids 0..=65534 (65535 is reserved), or a level not usable here.
    InvalidPath = 10, "INVALID_PATH", ByteOrRecord,
        "path is not /O[/I[/R[/RI]]] with ids 0..65534, or not usable here";
    /// The format needs a request path (TLV names no object) and none was given.
    MissingPath = 11, "MISSING_PATH", Byte,
        "this format needs a request path";
    /// A value whose type differs from the type the model gives the resource.
    TypeMismatch = 12, "TYPE_MISMATCH", ByteOrRecord,
        "value type differs from the model's type for the resource";
    /// The output buffer is too small for the encoded data.
    BufferTooSmall = 13, "BUFFER_TOO_SMALL", Needed,
        "output buffer too small";
    /// A DDF XML object definition that cannot be parsed or lacks a required field.
    InvalidDdf = 14, "INVALID_DDF", Byte,
        "object definition XML is malformed or incomplete";
    /// Input text that is not an even number of hexadecimal digits.
    InvalidHex = 15, "INVALID_HEX", Byte,
        "input is not an even number of hex digits";
    /// A record (record JSON) that is malformed: unknown type, value of the wrong JSON kind or out of range.
    InvalidRecord = 16, "INVALID_RECORD", Record,
        "record is malformed";
    /// A format name that is not known.
    UnknownFormat = 17, "UNKNOWN_FORMAT", Byte,
        "unknown format name";
    /// Input that is not well-formed CBOR, or a CBOR item of a kind the format does not allow there.
    InvalidCbor = 18, "INVALID_CBOR", Byte,
        "not well-formed CBOR, or a CBOR item not allowed here";
    /// Input that is not well-formed JSON, or a JSON value of a kind the format does not allow there.
    InvalidJson = 19, "INVALID_JSON", Byte,
        "not well-formed JSON, or a JSON value not allowed here";
    /// Bytes after the end of the top-level item.
    TrailingData = 20, "TRAILING_DATA", Byte,
        "bytes after the end of the top-level item";
    /// An indefinite-length item where the format needs a definite length (or a borrowed view is impossible).
    IndefiniteLength = 21, "INDEFINITE_LENGTH", Byte,
        "indefinite length where a definite length is needed";
    /// A SenML base version (`bver`) above 10.
    UnsupportedVersion = 22, "UNSUPPORTED_VERSION", Byte,
        "SenML base version above 10";
    /// A SenML label ending in `_` that this reader does not understand (RFC 8428 §4.4: must not be ignored).
    UnknownMandatoryLabel = 23, "UNKNOWN_MANDATORY_LABEL", Byte,
        "unknown SenML label ending in '_'";
    /// A record without a value where the format needs one.
    MissingValue = 24, "MISSING_VALUE", ByteOrRecord,
        "record has no value";
    /// A record with more than one value field.
    MultipleValues = 25, "MULTIPLE_VALUES", ByteOrRecord,
        "record has more than one value field";
    /// A (resolved) name that is not an LwM2M path at resource or resource-instance level.
    InvalidName = 26, "INVALID_NAME", Byte,
        "name is not an LwM2M resource or resource-instance path";
    /// A data value that is not valid base64 / base64url.
    InvalidBase64 = 27, "INVALID_BASE64", Byte,
        "data value is not valid base64";
    /// A plain-text value that does not parse as the resource's type.
    InvalidText = 28, "INVALID_TEXT", Byte,
        "text value does not parse as the resource type";
    /// An fPort with no entry in the uplink convention's port table.
    UnknownPort = 29, "UNKNOWN_PORT", Byte,
        "fPort has no entry in the port table";
}

impl ErrorKind {
    /// The stable numeric code (never 0; 0 means success in the C API).
    pub const fn code(self) -> u16 {
        self as u16
    }

    /// The kind with this numeric code.
    pub fn from_code(code: u16) -> Option<ErrorKind> {
        ErrorKind::ALL.iter().copied().find(|k| k.code() == code)
    }

    /// The kind with this SCREAMING_SNAKE name.
    pub fn from_name(name: &str) -> Option<ErrorKind> {
        ErrorKind::ALL.iter().copied().find(|k| k.name() == name)
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An error kind with the number that places it: a byte offset, a record index or the size needed, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Error {
    kind: ErrorKind,
    offset: usize,
}

impl Error {
    /// An error of `kind` at `offset` (a byte offset, a record index or the size needed: [`ErrorKind::position`]).
    pub const fn new(kind: ErrorKind, offset: usize) -> Error {
        Error { kind, offset }
    }

    /// What went wrong.
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The error's number, whatever it counts: a byte offset into the input (decoders), a record index
    /// (encoders), or the size needed (`BUFFER_TOO_SMALL`). [`Error::record`] and [`Error::needed`] say which.
    pub const fn offset(&self) -> usize {
        self.offset
    }

    /// The index of the record at fault, for the kinds an encoder or a records reader reports at a record
    /// ([`Position::Record`], and [`Position::ByteOrRecord`] when the error comes from an encoder: a decoder's
    /// error of those kinds carries a byte offset); `None` for the other kinds.
    pub const fn record(&self) -> Option<usize> {
        match self.kind.position() {
            Position::Record | Position::ByteOrRecord => Some(self.offset),
            Position::Byte | Position::Needed => None,
        }
    }

    /// For `BUFFER_TOO_SMALL`, the size the whole output needs (bytes for an encoder, records for a `decode_into`
    /// slice); `None` for the other kinds.
    pub const fn needed(&self) -> Option<usize> {
        match self.kind.position() {
            Position::Needed => Some(self.offset),
            _ => None,
        }
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
        assert_eq!(ErrorKind::ALL.len(), 29);
    }

    #[test]
    fn what_the_number_is() {
        let (e, r, b) = (
            Error::new(ErrorKind::BufferTooSmall, 60),
            Error::new(ErrorKind::TypeMismatch, 2),
            Error::new(ErrorKind::UnexpectedEnd, 7),
        );
        assert_eq!((e.needed(), e.record(), e.offset()), (Some(60), None, 60));
        assert_eq!((r.needed(), r.record(), r.offset()), (None, Some(2), 2));
        assert_eq!((b.needed(), b.record(), b.offset()), (None, None, 7));
        assert_eq!(Error::new(ErrorKind::InvalidRecord, 3).record(), Some(3));
        let needed = ErrorKind::ALL
            .iter()
            .filter(|k| k.position() == Position::Needed);
        assert_eq!(needed.count(), 1);
    }
}
