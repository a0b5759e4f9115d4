//! The maps a LwM2M-CBOR walk has open: the validating walker's and the duplicate re-walk's (`earlier.rs`) alike.

use minicbor::Decoder;

use crate::cbor::take_head;
use crate::error::{Error, ErrorKind};

/// Maps open at once: the root plus one per path level. Every key covers at least one level and a path has at most
/// four, so the depths of the open maps strictly increase from 0 to at most 4.
pub(super) const MAX_OPEN: usize = 5;

/// [`Frame::remaining`] of an indefinite map.
pub(super) const INDEFINITE: usize = usize::MAX;

/// One open map.
#[derive(Clone, Copy, Default)]
pub(super) struct Frame {
    /// Entries left in a definite map; [`INDEFINITE`] for an indefinite map (it ends at a break). A count above
    /// what `usize` holds less one is held at that: no input that fits in memory has as many entries, so the walk
    /// meets the end of the input first, as it would with the full count.
    pub(super) remaining: usize,
    /// Number of path ids the keys above this map have named.
    pub(super) depth: u8,
}

/// Opens the map at `d`'s position (its head there whole) as `open[*open_len]`, with `depth` path ids above it.
/// `INVALID_NAME` at `key_at` if the five are open already (unreachable by the depth argument of [`MAX_OPEN`]).
pub(super) fn open_map(
    d: &mut Decoder<'_>,
    open: &mut [Frame; MAX_OPEN],
    open_len: &mut usize,
    depth: usize,
    key_at: usize,
) -> Result<(), Error> {
    let (len, indefinite) = take_head(d);
    let remaining = match usize::try_from(len) {
        _ if indefinite => INDEFINITE,
        Ok(n) => n.min(INDEFINITE - 1),
        Err(_) => INDEFINITE - 1,
    };
    *open
        .get_mut(*open_len)
        .ok_or(Error::new(ErrorKind::InvalidName, key_at))? = Frame {
        remaining,
        depth: depth as u8,
    };
    *open_len += 1;
    Ok(())
}
