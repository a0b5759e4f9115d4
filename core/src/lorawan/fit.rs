//! Fitting records into LoRaWAN frames: one frame into a caller buffer ([`fit_frame`], no allocation), or every
//! record across the fewest frames ([`split`], with `alloc`).
//!
//! **Packing rule (one frame).** Records are tried in order. A record goes in if the frame, with it added, still
//! encodes within the budget; otherwise it is skipped and later (smaller) records may still go in. [`fit_frame`]
//! moves the records that went in to the front of the caller's slice, both groups keeping their order, so the
//! encoders see them as one slice and the caller continues with `&mut records[taken..]`. Each record stays whole:
//! a record is one resource or one resource instance, and each decodes on its own, so the instances of a Multiple
//! Resource may land in different frames and still decode back; a TLV object-instance wrapper is written again in
//! every frame that holds records of that instance.
//!
//! **Formats.** A fixed format, or [`FitFormat::Auto`]: for each frame the smallest encoding among
//! [`AUTO_CANDIDATES`]. A format that needs a request path (TLV) names one object, so it is a candidate only while
//! every record of the frame belongs to one object; without a caller path it is encoded at the object path `/O`
//! (the fPort convention of [`port`](super::port)), with a caller path at that path.
//!
//! **Splitting.** [`split`] packs frame after frame with the same rule (which is first-fit bin packing in input
//! order: a record goes to the first frame with room), and also packs the records sorted by decreasing size
//! (first-fit-decreasing); it keeps whichever needs fewer frames, the input order on a tie. Input order keeps the
//! records of one instance together, which TLV wrappers and CBOR prefixes reward; decreasing order wins when large
//! records would otherwise strand free bytes. A record too large for an empty frame is reported in
//! [`Split::left_out`], never dropped silently.
//!
//! ```
//! use ucifi_codec::lorawan::fit::{fit_frame, Budget, FitFormat};
//! use ucifi_codec::lorawan::region::{Direction, Region};
//! use ucifi_codec::{Format, Record, Registry, Value};
//! let mut records = [
//!     Record::new("/3424/0/3".parse().unwrap(), Value::String("ultrasonic")), // 13 bytes as TLV
//!     Record::new("/3424/0/1".parse().unwrap(), Value::Float(12.5)),          // 6 bytes
//! ];
//! let budget = Budget::data_rate(Region::Us915, 0, Direction::Uplink, false, false).unwrap(); // 11 bytes
//! let mut out = [0u8; 242];
//! let fitted = fit_frame(&mut records, FitFormat::Fixed(Format::Tlv), None, &Registry, budget, &mut out).unwrap();
//! assert_eq!((fitted.taken, fitted.len), (1, 8)); // the string was skipped, the float went in
//! assert_eq!(records[0].path.to_string(), "/3424/0/1");
//! // Object Instance 0 (6 bytes) holding resource 1 = 12.5: the frame for fPort 24.
//! assert_eq!(out[..fitted.len], [0x06, 0x00, 0xc4, 0x01, 0x41, 0x48, 0x00, 0x00]);
//! ```

use core::fmt;
use core::str::FromStr;

use super::region::{max_payload, Direction, Region};
use crate::error::{Error, ErrorKind};
use crate::format::{self, Format};
use crate::path::Path;
use crate::registry::Model;
use crate::value::Record;

/// The formats [`FitFormat::Auto`] chooses among: the smallest encoding wins, a tie goes to the earlier format.
///
/// Self-describing formats belong here, as does TLV (one object per frame). Single-value formats (text, CBOR,
/// opaque) do not: they carry one value and no path, so no fPort could name what they hold. A build without a
/// format's feature leaves it out of this list (so `auto` chooses among the formats the build has; with none of the
/// three, [`fit_frame`] answers `UNKNOWN_FORMAT`).
pub const AUTO_CANDIDATES: &[Format] = &[
    #[cfg(feature = "tlv")]
    Format::Tlv,
    #[cfg(feature = "lwm2m-cbor")]
    Format::Lwm2mCbor,
    #[cfg(feature = "senml-cbor")]
    Format::SenmlCbor,
];

/// The format of the frames: fixed, or the smallest per frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FitFormat {
    /// Always this format.
    Fixed(Format),
    /// For each frame, the smallest of [`AUTO_CANDIDATES`].
    Auto,
}

impl FitFormat {
    /// The formats tried for each frame.
    pub fn candidates(&self) -> &[Format] {
        match self {
            FitFormat::Fixed(f) => core::slice::from_ref(f),
            FitFormat::Auto => AUTO_CANDIDATES,
        }
    }

    /// [`candidates`](Self::candidates), or `UNKNOWN_FORMAT` at 0 when this build cannot encode any of them (a
    /// fixed format whose feature is off; `auto` without TLV, LwM2M-CBOR and SenML-CBOR).
    pub(crate) fn available(&self) -> Result<&[Format], Error> {
        let candidates = self.candidates();
        if candidates.is_empty() || !candidates.iter().all(|f| f.enabled()) {
            return Err(Error::new(ErrorKind::UnknownFormat, 0));
        }
        Ok(candidates)
    }
}

impl From<Format> for FitFormat {
    fn from(f: Format) -> FitFormat {
        FitFormat::Fixed(f)
    }
}

impl FromStr for FitFormat {
    type Err = Error;

    /// `auto` or a format name.
    fn from_str(s: &str) -> Result<FitFormat, Error> {
        if s == "auto" {
            Ok(FitFormat::Auto)
        } else {
            s.parse().map(FitFormat::Fixed)
        }
    }
}

impl fmt::Display for FitFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FitFormat::Fixed(format) => f.write_str(format.name()),
            FitFormat::Auto => f.write_str("auto"),
        }
    }
}

/// The largest frame, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Budget(usize);

impl Budget {
    /// A budget of `n` bytes.
    pub const fn bytes(n: usize) -> Budget {
        Budget(n)
    }

    /// The payload of data rate `dr` in `region` (see [`max_payload`]); `None` if the region has no such data rate.
    pub fn data_rate(
        region: Region,
        dr: u8,
        direction: Direction,
        dwell: bool,
        repeater: bool,
    ) -> Option<Budget> {
        max_payload(region, dr, direction, dwell, repeater).map(Budget)
    }

    /// The number of bytes.
    pub const fn get(self) -> usize {
        self.0
    }
}

impl From<usize> for Budget {
    fn from(n: usize) -> Budget {
        Budget(n)
    }
}

/// One frame produced by [`fit_frame`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fitted {
    /// Bytes written to the front of the output buffer.
    pub len: usize,
    /// The records that went in: the first `taken` records of the (reordered) input slice.
    pub taken: usize,
    /// The format of the frame (the one chosen, with [`FitFormat::Auto`]).
    pub format: Format,
    /// The request path the frame was encoded at (a decoder needs it for TLV); `None` for self-describing formats
    /// without a caller path.
    pub path: Option<Path>,
}

/// The encoding [`smallest_encoding`] chose for a set of records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encoding {
    /// The format.
    pub format: Format,
    /// The request path it encodes at (see [`Fitted::path`]).
    pub path: Option<Path>,
    /// The exact size in bytes.
    pub size: usize,
}

/// The request path `format` uses for `records`: the caller's, else for path-needing formats `/O` of the records'
/// one object. `Err(())` when the format cannot hold these records together (several objects in a TLV frame).
fn request_path(
    format: Format,
    records: &[Record<'_>],
    path: Option<&Path>,
) -> Result<Option<Path>, ()> {
    if path.is_some() || !format.needs_path() {
        return Ok(path.copied());
    }
    let Some(first) = records.first() else {
        return Ok(None);
    };
    let object = first.path.object();
    if records.iter().all(|r| r.path.object() == object) {
        Ok(Some(Path::object_path(object)))
    } else {
        Err(())
    }
}

/// The smallest encoding of `records` among `candidates`, all in one frame; TLV at `/O` without a caller `path`.
///
/// `Ok(None)`: no candidate can hold them together (records of several objects, and TLV the only candidate).
///
/// # Errors
/// When every candidate that could hold the records refuses them: the first candidate's encode error.
pub fn smallest_encoding<M: Model + ?Sized>(
    records: &[Record<'_>],
    format: FitFormat,
    path: Option<&Path>,
    model: &M,
) -> Result<Option<Encoding>, Error> {
    smallest(records, format.candidates(), path, model)
}

/// [`smallest_encoding`] over a list of formats.
fn smallest<M: Model + ?Sized>(
    records: &[Record<'_>],
    candidates: &[Format],
    path: Option<&Path>,
    model: &M,
) -> Result<Option<Encoding>, Error> {
    let mut best: Option<Encoding> = None;
    let mut error = None;
    for &format in candidates {
        let Ok(request) = request_path(format, records, path) else {
            continue;
        };
        match format::encoded_len(format, records, request.as_ref(), model) {
            Ok(size) if best.is_none_or(|b| size < b.size) => {
                best = Some(Encoding {
                    format,
                    path: request,
                    size,
                })
            }
            Ok(_) => {}
            Err(e) => {
                error.get_or_insert(e);
            }
        }
    }
    match (best, error) {
        (None, Some(e)) => Err(e),
        (best, _) => Ok(best),
    }
}

/// Rotates `tags[range]` the way the records are rotated (tags may be empty: untracked).
fn rotate(tags: &mut [usize], from: usize, to: usize, right: bool) {
    if let Some(t) = tags.get_mut(from..=to) {
        if right {
            t.rotate_right(1);
        } else {
            t.rotate_left(1);
        }
    }
}

/// The packing rule: moves the records that fit within `limit` to the front; returns their count and encoding.
fn pack<M: Model + ?Sized>(
    records: &mut [Record<'_>],
    tags: &mut [usize],
    candidates: &[Format],
    path: Option<&Path>,
    model: &M,
    limit: usize,
) -> Result<(usize, Option<Encoding>), Error> {
    let mut taken = 0usize;
    let mut chosen: Option<Encoding> = None;
    for i in 0..records.len() {
        // Records after `i` have not moved yet, so `i` is the caller's index of the record tried; on failure the
        // rotation is undone, which keeps that true (and leaves `tags[i]` naming the record at fault).
        if let Some(seg) = records.get_mut(taken..=i) {
            seg.rotate_right(1);
        }
        rotate(tags, taken, i, true);
        let trial = records.get(..=taken).unwrap_or(&[]);
        match smallest(trial, candidates, path, model) {
            Ok(Some(e)) if e.size <= limit => {
                taken += 1;
                chosen = Some(e);
            }
            outcome => {
                if let Some(seg) = records.get_mut(taken..=i) {
                    seg.rotate_left(1);
                }
                rotate(tags, taken, i, false);
                outcome.map_err(|e| Error::new(e.kind(), i))?;
            }
        }
    }
    Ok((taken, chosen))
}

/// Fits as many of `records` as the budget allows into one frame written to `out` (see the module docs for the
/// rule). The records that went in are moved to the front of `records` (their order kept, and the order of the
/// rest kept too); [`Fitted::taken`] counts them. The limit is the smaller of `budget` and `out.len()`.
///
/// `path`: the request path for formats that need one (records outside it are an error); `None` lets TLV use the
/// object path of the frame's records. A frame of zero records (`taken == 0`, `len == 0`) means no remaining
/// record fits on its own.
///
/// # Errors
/// `UNKNOWN_FORMAT` (offset 0, before any record is looked at) for a fixed format this build leaves out, or for
/// [`FitFormat::Auto`] in a build with none of [`AUTO_CANDIDATES`]. The format's encode errors for a record
/// (`TYPE_MISMATCH`, `PATH_MISMATCH`, `DUPLICATE_ID`…), with the offset set to the record's index in `records` as
/// passed in; the records before it may have been reordered by then.
pub fn fit_frame<M: Model + ?Sized>(
    records: &mut [Record<'_>],
    format: FitFormat,
    path: Option<&Path>,
    model: &M,
    budget: Budget,
    out: &mut [u8],
) -> Result<Fitted, Error> {
    let candidates = format.available()?;
    let limit = budget.get().min(out.len());
    let (taken, chosen) = pack(records, &mut [], candidates, path, model, limit)?;
    let fallback = candidates.first().copied().unwrap_or(Format::Tlv);
    let Some(enc) = chosen.filter(|_| taken > 0) else {
        return Ok(Fitted {
            len: 0,
            taken: 0,
            format: fallback,
            path: None,
        });
    };
    let frame = records.get(..taken).unwrap_or(&[]);
    let len = format::encode(enc.format, frame, enc.path.as_ref(), model, out)?.len();
    Ok(Fitted {
        len,
        taken,
        format: enc.format,
        path: enc.path,
    })
}

#[cfg(feature = "alloc")]
mod split;

#[cfg(feature = "alloc")]
pub use split::{split, Frame, Split};

#[cfg(test)]
#[cfg(all(
    feature = "alloc",
    feature = "tlv",
    feature = "senml-cbor",
    feature = "lwm2m-cbor"
))]
mod tests;
