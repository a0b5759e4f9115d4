//! The object set chosen at build time: the `UCIFI_OBJECTS` environment variable, read when the crate is compiled.
//!
//! Unset, every generated object is built in. Set, it lists what to keep, separated by commas or spaces: ObjectIDs
//! (`3424,3411`), `ucifi` (the 47 uCIFI objects), `core` (LwM2M objects 0–7); `none` (or an empty value) keeps no
//! object, the model-less build where every resource is unknown and the caller gives each value its type. An id the
//! generated tables do not hold, or any other word, stops the build. The selection is made by constant evaluation,
//! so the objects left out never reach the binary: a firmware image pays only for the objects it names.

// Every function here runs in constant evaluation only (the tables are statics), where an index out of bounds or a
// panic is a build error, never a run-time one.
#![allow(clippy::indexing_slicing, clippy::panic)]

use super::ObjectDef;

/// `UCIFI_OBJECTS` as it was when the crate was compiled (Cargo rebuilds the crate when it changes).
pub(crate) const SELECTION: Option<&str> = option_env!("UCIFI_OBJECTS");

/// The next token of `s` from byte `at`: its bounds, or `None` at the end.
const fn token(s: &[u8], mut at: usize) -> Option<(usize, usize)> {
    while at < s.len() && matches!(s[at], b',' | b' ' | b'\t' | b'\n') {
        at += 1;
    }
    if at == s.len() {
        return None;
    }
    let start = at;
    while at < s.len() && !matches!(s[at], b',' | b' ' | b'\t' | b'\n') {
        at += 1;
    }
    Some((start, at))
}

const fn word_is(s: &[u8], start: usize, end: usize, word: &[u8]) -> bool {
    if end - start != word.len() {
        return false;
    }
    let mut i = 0;
    while i < word.len() {
        if s[start + i] != word[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The number in `s[start..end]`, or `None` if it is not one below 65536.
const fn number(s: &[u8], start: usize, end: usize) -> Option<u16> {
    let mut n: u32 = 0;
    let mut i = start;
    while i < end {
        let c = s[i];
        if !c.is_ascii_digit() || n > 6553 {
            return None;
        }
        n = n * 10 + (c - b'0') as u32;
        i += 1;
    }
    if n > 0xFFFF {
        None
    } else {
        Some(n as u16)
    }
}

/// True if the selection keeps object `id`. Panics (a build error, as this runs at compile time) on a word it does
/// not know.
const fn keeps(selection: Option<&str>, id: u16) -> bool {
    let s = match selection {
        None => return true,
        Some(s) => s.as_bytes(),
    };
    let mut at = 0;
    while let Some((start, end)) = token(s, at) {
        at = end;
        if word_is(s, start, end, b"none") {
            continue;
        }
        if word_is(s, start, end, b"ucifi") {
            if super::is_ucifi_object(id) {
                return true;
            }
            continue;
        }
        if word_is(s, start, end, b"core") {
            if id <= 7 {
                return true;
            }
            continue;
        }
        match number(s, start, end) {
            Some(n) if n == id => return true,
            Some(_) => {}
            None => panic!("UCIFI_OBJECTS: expected ObjectIDs, `ucifi`, `core` or `none`"),
        }
    }
    false
}

/// Checks that every id the selection names is in one of `tables` (a build error otherwise).
pub(crate) const fn check(selection: Option<&str>, tables: &[&[ObjectDef]]) {
    let s = match selection {
        None => return,
        Some(s) => s.as_bytes(),
    };
    let mut at = 0;
    while let Some((start, end)) = token(s, at) {
        at = end;
        if let Some(n) = number(s, start, end) {
            let mut found = false;
            let mut t = 0;
            while t < tables.len() {
                let mut i = 0;
                while i < tables[t].len() {
                    found = found || tables[t][i].id == n;
                    i += 1;
                }
                t += 1;
            }
            assert!(
                found,
                "UCIFI_OBJECTS names an object the built-in tables do not hold"
            );
        }
    }
}

/// How many objects of `all` the selection keeps.
pub(crate) const fn count(selection: Option<&str>, all: &[ObjectDef]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < all.len() {
        if keeps(selection, all[i].id) {
            n += 1;
        }
        i += 1;
    }
    n
}

/// The objects of `all` the selection keeps, in table order; `N` is [`count`].
pub(crate) const fn pick<const N: usize>(
    selection: Option<&str>,
    all: &[ObjectDef],
) -> [ObjectDef; N] {
    let mut out = [ObjectDef::new(0, false, false, &[]); N];
    let mut i = 0;
    let mut n = 0;
    while i < all.len() {
        if keeps(selection, all[i].id) {
            out[n] = all[i];
            n += 1;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_ids() {
        assert!(keeps(None, 3424));
        assert!(keeps(Some("3424,3411"), 3411) && !keeps(Some("3424,3411"), 3410));
        assert!(keeps(Some(" ucifi  3 "), 3450) && keeps(Some("ucifi 3"), 3));
        assert!(
            !keeps(Some("ucifi"), 3303) && keeps(Some("core"), 0) && !keeps(Some("core"), 3424)
        );
        assert!(!keeps(Some("none"), 3424) && !keeps(Some(""), 0));
        assert_eq!(number(b"65536", 0, 5), None);
        assert_eq!(number(b"65535", 0, 5), Some(65535));
    }

    #[test]
    #[should_panic(expected = "UCIFI_OBJECTS")]
    fn unknown_word_stops_the_build() {
        keeps(Some("water"), 3424);
    }
}
