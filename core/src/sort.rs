//! One small in-place sort (heapsort) for the few places that order things: a few hundred bytes of code per element
//! type, where each of the standard library's sorts is 2–5 KB in the WASM module (it carried eight of them, about
//! 30 KB).
//! O(n log n) for every input and no allocation. It is not stable: where the order among equals matters, the
//! caller's comparison makes every element distinct (by its position, for example).

/// Sorts `v` so that no element is `less` than one before it.
pub(crate) fn sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    let n = v.len();
    let mut i = n / 2;
    while i > 0 {
        i -= 1;
        sift_down(v, i, n, &mut less);
    }
    let mut end = n;
    while end > 1 {
        end -= 1;
        v.swap(0, end);
        sift_down(v, 0, end, &mut less);
    }
}

/// Sorts `v` in ascending order. Firmware builds (no `alloc`: only the duplicate checks of the decoders sort) keep
/// the standard unstable sort, which is the smaller one there (bindings/c/SIZE.md).
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    #[cfg(feature = "alloc")]
    sort_by(v, |a, b| a < b);
    #[cfg(not(feature = "alloc"))]
    v.sort_unstable();
}

/// Moves `v[root]` down the max-heap `v[..end]` until neither child is greater.
fn sift_down<T>(v: &mut [T], mut root: usize, end: usize, less: &mut impl FnMut(&T, &T) -> bool) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end {
            if let (Some(a), Some(b)) = (v.get(child), v.get(child + 1)) {
                if less(a, b) {
                    child += 1;
                }
            }
        }
        match (v.get(root), v.get(child)) {
            (Some(r), Some(c)) if less(r, c) => v.swap(root, child),
            _ => return,
        }
        root = child;
    }
}

#[cfg(test)]
mod tests {
    extern crate std;
    use std::vec::Vec;

    #[test]
    fn sorts_like_the_standard_sort() {
        let mut stream = ucifi_testkit::Stream(7);
        for n in (0..40).chain([100, 257, 1000]) {
            for _ in 0..20 {
                let mut v: Vec<(u16, usize)> = (0..n)
                    .map(|i| (stream.below(1 + n / 3) as u16, i))
                    .collect();
                let mut want = v.clone();
                want.sort_unstable();
                super::sort(&mut v);
                assert_eq!(v, want, "{n}");
                super::sort_by(&mut v, |a, b| a.1 > b.1);
                assert!(v.windows(2).all(|w| matches!(w, [a, b] if a.1 > b.1)));
            }
        }
    }
}
