//! Records in ascending path order, equal paths (a series) in input order: what `encodeDownlink` writes. A heapsort
//! on (path, position) keys, distinct so that the order among equal paths is kept: a few hundred bytes of code,
//! where the standard library's stable sort is several KB of the module (BENCH.md).

use ucifi_codec::{OwnedRecord, Path};

/// `records` sorted by path, stable.
pub(crate) fn by_path(records: Vec<OwnedRecord>) -> Vec<OwnedRecord> {
    let mut keys: Vec<(Path, usize)> = records
        .iter()
        .enumerate()
        .map(|(i, r)| (r.path, i))
        .collect();
    heapsort(&mut keys);
    let mut slots: Vec<Option<OwnedRecord>> = records.into_iter().map(Some).collect();
    keys.iter()
        .filter_map(|&(_, i)| slots.get_mut(i).and_then(Option::take))
        .collect()
}

/// Sorts `v` in ascending order.
pub(crate) fn heapsort<T: Ord>(v: &mut [T]) {
    let n = v.len();
    for root in (0..n / 2).rev() {
        sift_down(v, root, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

/// Moves `v[root]` down the max-heap `v[..end]` until neither child is greater.
fn sift_down<T: Ord>(v: &mut [T], mut root: usize, end: usize) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && v.get(child) < v.get(child + 1) {
            child += 1;
        }
        if v.get(root) >= v.get(child) {
            return;
        }
        v.swap(root, child);
        root = child;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn heapsort_sorts() {
        for n in 0..300usize {
            // keys with repeats, in an order far from sorted
            let mut v: Vec<(usize, usize)> =
                (0..n).map(|i| (((i * 7919) ^ (i >> 2)) % 13, i)).collect();
            let mut want = v.clone();
            want.sort();
            super::heapsort(&mut v);
            assert_eq!(v, want);
        }
    }
}
