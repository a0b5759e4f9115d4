//! The export reader: input shape detection (NDJSON, array, multi-line stream), gzip, and the message loop.

use std::fmt;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

use flate2::bufread::MultiGzDecoder;
use ucifi_codec::{Error, ErrorKind};

use crate::envelope::Envelope;
use crate::{ExportKind, Message};

/// Why an export could not be read to its end.
#[derive(Debug)]
pub enum ReadError {
    /// Reading the input failed (file, stdin, or a corrupt gzip stream).
    Io(io::Error),
    /// A message has the other server's shape: the export was given as the wrong kind.
    WrongKind {
        /// The kind the reader was asked for.
        expected: ExportKind,
        /// The kind the message has.
        found: ExportKind,
        /// Its message number (0-based).
        message: u64,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(e) => write!(f, "{e}"),
            ReadError::WrongKind {
                expected,
                found,
                message,
            } => write!(
                f,
                "message {message} is a {} message, not a {} one: read this export as {}",
                found.server(),
                expected.server(),
                found.name()
            ),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> ReadError {
        ReadError::Io(e)
    }
}

/// `input`, inflated on the fly when it starts with the gzip magic bytes (`1f 8b`), else as it is.
pub fn decompressed<'a, R: BufRead + 'a>(mut input: R) -> io::Result<Box<dyn BufRead + 'a>> {
    let head = input.fill_buf()?;
    if head.starts_with(&[0x1f, 0x8b]) {
        Ok(Box::new(BufReader::with_capacity(
            1 << 16,
            MultiGzDecoder::new(input),
        )))
    } else {
        Ok(Box::new(input))
    }
}

/// Opens an export file (`-` is stdin), gzip or not.
pub fn open(path: &Path) -> io::Result<Box<dyn BufRead>> {
    if path.as_os_str() == "-" {
        decompressed(BufReader::with_capacity(1 << 16, io::stdin()))
    } else {
        let file = std::fs::File::open(path)?;
        decompressed(BufReader::with_capacity(1 << 16, file))
    }
}

/// Reads the messages of an export of one kind from `input` (see the crate docs for the shapes).
pub struct ExportReader<R> {
    input: R,
    kind: ExportKind,
}

impl<R: BufRead> ExportReader<R> {
    /// A reader of `input` (already decompressed: see [`open`]) as an export of `kind`.
    pub fn new(input: R, kind: ExportKind) -> ExportReader<R> {
        ExportReader { input, kind }
    }

    /// Calls `f` with every message and its number, in input order; returns how many messages there were.
    ///
    /// Stops at the first message of the other server's shape ([`ReadError::WrongKind`]) or read failure.
    pub fn for_each<F: FnMut(Message<'_>, u64)>(&mut self, mut f: F) -> Result<u64, ReadError> {
        let mut emit = Emitter {
            kind: self.kind,
            count: 0,
        };
        let mut line = Vec::new();
        let mut offset = 0usize;
        loop {
            line.clear();
            let n = self.input.read_until(b'\n', &mut line)?;
            if n == 0 {
                return Ok(emit.count);
            }
            let start = offset;
            offset += n;
            let Some(first) = line.iter().position(|c| !c.is_ascii_whitespace()) else {
                continue; // blank lines are not messages
            };
            let whole_input = emit.count == 0
                && (line.get(first) == Some(&b'[')
                    || serde_json::from_slice::<serde::de::IgnoredAny>(&line)
                        .is_err_and(|e| e.is_eof()));
            if whole_input {
                // An array, or a value that spans lines: the rest of the input is read too.
                self.input.read_to_end(&mut line)?;
                return emit.whole(&line, start, &mut f);
            }
            emit.line(&line, start, &mut f)?;
        }
    }
}

/// Turns parsed envelopes into messages of one kind and counts them.
struct Emitter {
    kind: ExportKind,
    count: u64,
}

impl Emitter {
    fn one<F: FnMut(Message<'_>, u64)>(
        &mut self,
        parsed: Result<Envelope<'_>, Error>,
        f: &mut F,
    ) -> Result<(), ReadError> {
        let message = match parsed {
            Err(e) => Message::Invalid(e),
            Ok(envelope) => match envelope.kind() {
                Some(found) if found != self.kind => {
                    return Err(ReadError::WrongKind {
                        expected: self.kind,
                        found,
                        message: self.count,
                    })
                }
                _ => envelope
                    .uplink(self.kind)
                    .map_or(Message::Other, Message::Uplink),
            },
        };
        f(message, self.count);
        self.count += 1;
        Ok(())
    }

    /// One NDJSON line that starts at byte `base` of the input.
    fn line<F: FnMut(Message<'_>, u64)>(
        &mut self,
        line: &[u8],
        base: usize,
        f: &mut F,
    ) -> Result<(), ReadError> {
        let parsed =
            serde_json::from_slice::<Envelope<'_>>(line).map_err(|e| invalid(line, base, &e));
        self.one(parsed, f)
    }

    /// The rest of the input from byte `base`: an array, or a stream of values; a stream with a bad value is read
    /// again line by line, so that the bad line costs one message.
    fn whole<F: FnMut(Message<'_>, u64)>(
        &mut self,
        text: &[u8],
        base: usize,
        f: &mut F,
    ) -> Result<u64, ReadError> {
        let first = text.iter().position(|c| !c.is_ascii_whitespace());
        if first.and_then(|i| text.get(i)) == Some(&b'[') {
            match serde_json::from_slice::<Vec<Envelope<'_>>>(text) {
                Ok(all) => {
                    for envelope in all {
                        self.one(Ok(envelope), f)?;
                    }
                }
                Err(e) => self.one(Err(invalid(text, base, &e)), f)?,
            }
            return Ok(self.count);
        }
        let stream: Result<Vec<Envelope<'_>>, _> = serde_json::Deserializer::from_slice(text)
            .into_iter::<Envelope<'_>>()
            .collect();
        if let Ok(all) = stream {
            for envelope in all {
                self.one(Ok(envelope), f)?;
            }
            return Ok(self.count);
        }
        let mut start = base;
        for line in text.split_inclusive(|&c| c == b'\n') {
            let at = start;
            start += line.len();
            if !line.iter().all(u8::is_ascii_whitespace) {
                self.line(line, at, f)?;
            }
        }
        Ok(self.count)
    }
}

/// `INVALID_JSON` at the byte of `text` (which starts at byte `base` of the input) where serde_json stopped.
fn invalid(text: &[u8], base: usize, e: &serde_json::Error) -> Error {
    let mut line_start = 0usize;
    for _ in 1..e.line() {
        match text
            .get(line_start..)
            .and_then(|t| t.iter().position(|&c| c == b'\n'))
        {
            Some(nl) => line_start += nl + 1,
            None => return Error::new(ErrorKind::InvalidJson, base + text.len()),
        }
    }
    let at = (line_start + e.column().saturating_sub(1)).min(text.len());
    Error::new(ErrorKind::InvalidJson, base + at)
}

#[cfg(test)]
mod tests;
