//! [`split`]: every record across the fewest frames (feature `alloc`).

use alloc::vec::Vec;

use super::{pack, smallest, Budget, FitFormat};
use crate::error::Error;
use crate::format::{self, Format};
use crate::lorawan::port::PortTable;
use crate::path::Path;
use crate::registry::Model;
use crate::value::Record;

/// One frame of a [`Split`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// The FRMPayload.
    pub bytes: Vec<u8>,
    /// Its format.
    pub format: Format,
    /// The request path it was encoded at (TLV: `/O` unless the caller gave a path); `None` for self-describing
    /// formats without a caller path.
    pub path: Option<Path>,
    /// The fPort whose table entry decodes it (format and base path); `None` when the table has none, e.g. TLV of
    /// an object without a port, or TLV at a caller path other than the port's base path.
    pub fport: Option<u8>,
    /// Indexes (into the input) of the records it holds, in the order they were encoded.
    pub records: Vec<usize>,
}

/// The frames that hold every record that fits, and the records that fit in no frame.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Split {
    /// The frames, each within the budget.
    pub frames: Vec<Frame>,
    /// Indexes (ascending) of the records too large for an empty frame on their own.
    pub left_out: Vec<usize>,
}

/// Packs frame after frame over the records in `order`, by the rule of [`fit_frame`](super::fit_frame).
fn first_fit<M: Model + ?Sized>(
    records: &[Record<'_>],
    mut order: Vec<usize>,
    format: FitFormat,
    path: Option<&Path>,
    model: &M,
    budget: Budget,
    ports: &PortTable<'_>,
) -> Result<Split, Error> {
    let mut work: Vec<Record<'_>> = order
        .iter()
        .filter_map(|&i| records.get(i).copied())
        .collect();
    let mut split = Split::default();
    let mut start = 0usize;
    while start < work.len() {
        let rest = work.get_mut(start..).unwrap_or_default();
        let tags = order.get_mut(start..).unwrap_or_default();
        let (taken, chosen) = pack(rest, tags, format.candidates(), path, model, budget.get())
            .map_err(|e| {
                Error::new(
                    e.kind(),
                    order.get(start + e.offset()).copied().unwrap_or(0),
                )
            })?;
        let Some(enc) = chosen.filter(|_| taken > 0) else {
            break;
        };
        let end = start + taken;
        let frame_records = work.get(start..end).unwrap_or(&[]);
        let bytes = format::encode_to_vec(enc.format, frame_records, enc.path.as_ref(), model)?;
        split.frames.push(Frame {
            bytes,
            format: enc.format,
            path: enc.path,
            fport: ports.port_for_path(enc.format, enc.path.as_ref()),
            records: order.get(start..end).unwrap_or(&[]).to_vec(),
        });
        start = end;
    }
    split.left_out = order.get(start..).unwrap_or(&[]).to_vec();
    crate::sort::sort(&mut split.left_out);
    Ok(split)
}

/// Puts every record into as few frames of at most `budget` bytes as this packing finds (see the module docs: the
/// better of first-fit in input order and first-fit by decreasing size). Each frame names its format, request path
/// and the fPort `ports` gives it; records too large for any frame are listed in [`Split::left_out`].
///
/// # Errors
/// `UNKNOWN_FORMAT` (offset 0) as [`fit_frame`](super::fit_frame) for a format this build leaves out; the format's
/// encode errors for a record, with the offset set to the record's index in `records`.
pub fn split<M: Model + ?Sized>(
    records: &[Record<'_>],
    format: FitFormat,
    path: Option<&Path>,
    model: &M,
    budget: Budget,
    ports: &PortTable<'_>,
) -> Result<Split, Error> {
    format.available()?;
    let in_order: Vec<usize> = (0..records.len()).collect();
    let by_input = first_fit(records, in_order, format, path, model, budget, ports)?;
    if by_input.frames.len() <= 1 {
        return Ok(by_input);
    }
    // Sizes of each record alone (a record that fits nowhere sorts as largest; the order among equals is kept).
    let mut sized = Vec::with_capacity(records.len());
    for (i, r) in records.iter().enumerate() {
        let size = smallest(core::slice::from_ref(r), format.candidates(), path, model)
            .map_err(|e| Error::new(e.kind(), i))?
            .map_or(usize::MAX, |e| e.size);
        sized.push((size, i));
    }
    crate::sort::sort_by(&mut sized, |a, b| a.0 > b.0 || (a.0 == b.0 && a.1 < b.1));
    let decreasing = sized.into_iter().map(|(_, i)| i).collect();
    let by_size = first_fit(records, decreasing, format, path, model, budget, ports)?;
    Ok(if by_size.frames.len() < by_input.frames.len() {
        by_size
    } else {
        by_input
    })
}

#[cfg(test)]
#[cfg(all(feature = "tlv", feature = "senml-cbor", feature = "lwm2m-cbor"))]
mod tests;
