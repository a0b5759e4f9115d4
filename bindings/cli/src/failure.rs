//! What a failed command reports: `{"error": {"kind", "offset", "message"}}` on stderr, exit status 1.
//!
//! A failure is either the codec's (an [`ErrorKind`] with its number: the input is at fault) or the tool's own: an
//! input or output file, directory or stream that cannot be read or written is [`FailureKind::Io`], reported with
//! the kind name `IO` (not a codec kind, so it never takes an `ErrorKind` number) and offset 0.

use std::fmt::Display;

use serde_json::json;
use ucifi_codec::{Error, ErrorKind};

/// What went wrong: a codec error kind, or a failure of the command-line tool itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FailureKind {
    /// The codec refused the input (frame, records, path, format name, DDF document).
    Codec(ErrorKind),
    /// A file, directory or stream could not be read or written.
    Io,
}

impl FailureKind {
    /// The name in the error JSON: the codec kind's SCREAMING_SNAKE name, or `IO`.
    pub fn name(self) -> &'static str {
        match self {
            FailureKind::Codec(kind) => kind.name(),
            FailureKind::Io => "IO",
        }
    }
}

/// A failure with its offset (a codec error's number; 0 for `IO`) and a message for people.
#[derive(Debug)]
pub struct Failure {
    /// What went wrong.
    pub kind: FailureKind,
    /// The codec error's number ([`Error::offset`]); 0 for `IO`.
    pub offset: usize,
    /// The explanation printed as `message`.
    pub message: String,
}

impl Failure {
    /// A codec error with a message of the caller's.
    pub fn codec(error: Error, message: impl Into<String>) -> Failure {
        Failure {
            kind: FailureKind::Codec(error.kind()),
            offset: error.offset(),
            message: message.into(),
        }
    }

    /// An input or output that cannot be read or written: `IO` at 0, the message `"<what>: <error>"`.
    pub fn io(what: impl Display, error: impl Display) -> Failure {
        Failure {
            kind: FailureKind::Io,
            offset: 0,
            message: format!("{what}: {error}"),
        }
    }

    /// `{"error": {"kind", "offset", "message"}}`.
    pub fn to_json(&self) -> serde_json::Value {
        json!({"error": {"kind": self.kind.name(), "offset": self.offset, "message": self.message}})
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Failure {
        Failure::codec(error, error.kind().message())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_is_not_a_codec_kind() {
        assert_eq!(ErrorKind::from_name(FailureKind::Io.name()), None);
        let f = Failure::io("in.json", "No such file or directory");
        assert_eq!(
            f.to_json(),
            json!({"error": {"kind": "IO", "offset": 0, "message": "in.json: No such file or directory"}})
        );
        let e = Failure::from(Error::new(ErrorKind::InvalidHex, 3));
        assert_eq!((e.kind.name(), e.offset), ("INVALID_HEX", 3));
    }
}
