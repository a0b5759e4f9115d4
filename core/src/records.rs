//! The verbs every multi-record format shares, written once.
//!
//! Each format's reader is a walker (the private trait `Walk`): a checking pass over the whole input that hands every
//! record to a sink as soon as it is checked (and stops at the first problem), and an infallible re-read of input
//! that pass accepted. The decoding verbs are built on those two: [`Records`] (what a format's `decode` returns)
//! runs the checking pass to count the records and then iterates by re-reading; `decode_each` is that iteration
//! handed to a callback; `decode_into` and `decode_to_vec` are the checking pass with a sink each. The crate docs
//! have the table of verbs.
//!
//! Each format's writer is one function that writes into a buffer, keeps counting past its end, and returns the
//! full length; `encode`, `encoded_len` and `encode_to_vec` are that function with three buffers (the caller's,
//! none, a vector of the exact size).

use core::fmt;
use core::marker::PhantomData;

use crate::error::{Error, ErrorKind};
use crate::value::Record;

pub(crate) use sealed::Walk;

mod sealed {
    use crate::error::Error;
    use crate::value::Record;

    /// A format's reader over one input (a fresh walker is at its start). Public in a private module, so that
    /// [`Records`](super::Records) can name it in its bounds while no other crate can implement or call it.
    pub trait Walk<'a>: Clone {
        /// Checks the whole input, handing each record to `sink` in wire order as soon as it is checked.
        ///
        /// # Errors
        /// The first problem in wire order, with its offset; `sink` has seen the records before it.
        fn check<S: FnMut(Record<'a>)>(self, sink: S) -> Result<(), Error>;

        /// The next record of an input that [`Walk::check`] accepted; `None` at the end.
        fn reread(&mut self) -> Option<Record<'a>>;

        /// [`Walk::check`], writing the records into `out` while it has room; the record count.
        ///
        /// # Errors
        /// As [`Walk::check`].
        #[inline]
        fn check_into(self, out: &mut [Record<'a>]) -> Result<usize, Error> {
            let mut n = 0usize;
            self.check(|r| {
                if let Some(slot) = out.get_mut(n) {
                    *slot = r;
                }
                n += 1;
            })?;
            Ok(n)
        }
    }
}

/// The records of a validated frame, borrowed from it (and from the model): what every multi-record format's
/// `decode` returns (`tlv::TlvRecords`, `senml::SenmlRecords`, `lwm2m_cbor::Lwm2mCborRecords` name it per format).
/// Iterating cannot fail; the length is exact.
pub struct Records<'a, W> {
    walker: W,
    remaining: usize,
    records: PhantomData<fn() -> Record<'a>>,
}

impl<W: Clone> Clone for Records<'_, W> {
    fn clone(&self) -> Self {
        Records {
            walker: self.walker.clone(),
            remaining: self.remaining,
            records: PhantomData,
        }
    }
}

impl<W> fmt::Debug for Records<'_, W> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Records")
            .field("remaining", &self.remaining)
            .finish_non_exhaustive()
    }
}

impl<'a, W: Walk<'a>> Iterator for Records<'a, W> {
    type Item = Record<'a>;

    #[inline]
    fn next(&mut self) -> Option<Record<'a>> {
        let r = self.walker.reread()?;
        self.remaining = self.remaining.saturating_sub(1);
        Some(r)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl<'a, W: Walk<'a>> ExactSizeIterator for Records<'a, W> {}

/// `decode`: checks the whole input, then lends out its records.
#[inline]
pub(crate) fn decode<'a, W: Walk<'a>>(walker: W) -> Result<Records<'a, W>, Error> {
    let mut remaining = 0usize;
    walker.clone().check(|_| remaining += 1)?;
    Ok(Records {
        walker,
        remaining,
        records: PhantomData,
    })
}

/// `decode_each`: checks the whole input, then hands each record to `f`; the record count. (SenML-CBOR's without
/// `senml-fast` runs each pass in a frame of its own.)
#[cfg(any(feature = "tlv", feature = "lwm2m-cbor", feature = "senml-fast"))]
#[inline]
pub(crate) fn decode_each<'a, W: Walk<'a>>(
    walker: W,
    mut f: impl FnMut(Record<'a>),
) -> Result<usize, Error> {
    let records = decode(walker)?;
    let n = records.remaining;
    records.for_each(&mut f);
    Ok(n)
}

/// `decode_into`: one checking pass into `out`; the record count (`BUFFER_TOO_SMALL` with the count if `out` is
/// shorter).
#[cfg(any(feature = "tlv", feature = "lwm2m-cbor"))] // SenML-CBOR reads into the slots itself
#[inline]
pub(crate) fn decode_into<'a, W: Walk<'a>>(
    walker: W,
    out: &mut [Record<'a>],
) -> Result<usize, Error> {
    let n = walker.check_into(out)?;
    if n > out.len() {
        return Err(Error::new(ErrorKind::BufferTooSmall, n));
    }
    Ok(n)
}

/// `decode_to_vec`: one checking pass into a new vector.
#[cfg(feature = "alloc")]
pub(crate) fn decode_to_vec<'a, W: Walk<'a>>(
    walker: W,
) -> Result<alloc::vec::Vec<Record<'a>>, Error> {
    let mut records = alloc::vec::Vec::new();
    walker.check(|r| records.push(r))?;
    Ok(records)
}

/// `encode`: `write` into `out` (it returns the full length, counting past the end of `out`); the written prefix,
/// or `BUFFER_TOO_SMALL` with the length needed.
#[inline]
pub(crate) fn encode(
    out: &mut [u8],
    write: impl FnOnce(&mut [u8]) -> Result<usize, Error>,
) -> Result<&[u8], Error> {
    let n = write(out)?;
    match out.get(..n) {
        Some(bytes) => Ok(bytes),
        None => Err(Error::new(ErrorKind::BufferTooSmall, n)),
    }
}

/// `encoded_len`: `write` into no buffer.
#[inline]
pub(crate) fn encoded_len(
    write: impl FnOnce(&mut [u8]) -> Result<usize, Error>,
) -> Result<usize, Error> {
    write(&mut [])
}

/// `encode_to_vec`: `write` into no buffer for the length, then into a vector of that length.
#[cfg(feature = "alloc")]
pub(crate) fn encode_to_vec(
    mut write: impl FnMut(&mut [u8]) -> Result<usize, Error>,
) -> Result<alloc::vec::Vec<u8>, Error> {
    let mut out = alloc::vec![0u8; write(&mut [])?];
    let n = write(&mut out)?;
    out.truncate(n);
    Ok(out)
}
