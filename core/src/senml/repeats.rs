//! The exact duplicate check of a SenML pack (with `alloc`): records whose (path, time) may repeat an earlier
//! record's are kept here, and checked all together by one look at every earlier record when the validating pass
//! ends or fails.
//!
//! The pack rules ([`Pack`](super::resolve::Pack)) let a record through at no cost when its key is outside the range
//! of the keys so far (packs in ascending or descending order) or misses the 256-bit screen; only the others are
//! kept. The check sorts them (O(p log p) for p kept records) and looks each earlier record up among them (binary
//! search): O(n log n) for a pack of n records in any order, where looking back from every kept record was O(n²).
//! The result is the one an immediate check gives: the offset of the earliest record that repeats an earlier one,
//! ahead of any error the pass meets after that record was taken (every kept record comes before it).
//!
//! Without `alloc` (firmware) there is no list: a screen hit re-reads the pack up to that record at once. Packs there
//! are LoRaWAN frames (at most 242 bytes, a few dozen records), and the decode stack is gated
//! (`bindings/c/firmware/run.sh`) with no room for an index.

use alloc::vec::Vec;

/// Kept records: key and offset, in pack order until [`Repeats::first`] sorts them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Repeats<K>(Vec<(K, usize)>);

impl<K: Ord + Copy> Repeats<K> {
    /// Keeps the record at `at` (offsets increase from call to call).
    #[inline]
    pub(crate) fn keep(&mut self, key: K, at: usize) {
        self.0.push((key, at));
    }

    /// The offset of the last kept record, if any: no earlier record at or after it needs a look.
    #[inline]
    pub(crate) fn last(&self) -> Option<usize> {
        self.0.last().map(|&(_, at)| at)
    }

    /// The offset of the earliest kept record whose key an earlier record has; `earlier` gives every record of the
    /// pack in order (key and offset; it may stop at [`last`](Self::last)). Empties the list.
    #[cold]
    pub(crate) fn first(&mut self, earlier: impl Iterator<Item = (K, usize)>) -> Option<usize> {
        let last = self.last()?;
        let kept = &mut self.0;
        crate::sort::sort(kept);
        let mut first: Option<usize> = None;
        for (key, at) in earlier {
            if at >= last || first.is_some_and(|f| at >= f) {
                break;
            }
            // The first kept record with this key after this one (equal keys are in pack order).
            let i = kept.partition_point(|&k| k <= (key, at));
            if let Some(&(k, later)) = kept.get(i) {
                if k == key {
                    first = Some(first.map_or(later, |f| f.min(later)));
                }
            }
        }
        kept.clear();
        first
    }
}
