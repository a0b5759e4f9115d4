//! The large payloads of the duplicate-check benches (`benches/duplicates.rs`, the `*-16000-*` operations of the
//! `instructions` harness): [`KEYS`] records of one instance of object [`KEYS_OBJECT`] (not in the registry, so
//! every value is an unknown integer or opaque byte), whose resource ids `0..KEYS` come in one [`Order`].
//!
//! | format | builder | request path | size |
//! |---|---|---|---|
//! | LwM2M-CBOR | [`lwm2m_cbor_keys`]: `{[60000, 0]: {k: 0, …}}` | `/60000` | 63 729 B |
//! | TLV | [`tlv_keys`]: bare resources `c1 k 00` (`e1 k k 00` for k ≥ 256) | `/60000/0` | 63 744 B |
//! | SenML-CBOR | [`senml_cbor_keys`]: `[{bn: "/60000/0/", n: "k", v: 0}, {n: "k", v: 0}, …]` | `/60000` | 148 904 B |
//!
//! The shuffled order is a Fisher–Yates shuffle driven by a fixed xorshift seed: the same payload on every run.

use ucifi_codec::Path;

/// Records in each payload.
pub const KEYS: u16 = 16_000;

/// The object of every record; not in the registry.
pub const KEYS_OBJECT: u16 = 60_000;

/// The order of the resource ids in a payload.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// `KEYS - 1` down to 0: every record sorts before all earlier ones.
    Descending,
    /// 0 up to `KEYS - 1`: every record sorts after all earlier ones.
    Ascending,
    /// A fixed pseudo-random permutation: most records lie between the least and the largest so far.
    Shuffled,
}

impl Order {
    /// Every order, as the benches run them.
    pub const ALL: [Order; 3] = [Order::Descending, Order::Ascending, Order::Shuffled];

    /// The order's name in bench and operation names.
    pub fn name(self) -> &'static str {
        match self {
            Order::Descending => "descending",
            Order::Ascending => "ascending",
            Order::Shuffled => "shuffled",
        }
    }
}

/// The ids `0..KEYS` in `order`.
pub fn key_order(order: Order) -> Vec<u16> {
    let mut keys: Vec<u16> = (0..KEYS).collect();
    match order {
        Order::Ascending => {}
        Order::Descending => keys.reverse(),
        Order::Shuffled => {
            let mut state = 0x2545_f491_4f6c_dd1du64;
            for i in (1..keys.len()).rev() {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let j = (state % (i as u64 + 1)) as usize;
                keys.swap(i, j);
            }
        }
    }
    keys
}

/// The CBOR head of major type `major` with argument `n`.
fn cbor_head(out: &mut Vec<u8>, major: u8, n: u32) {
    let m = major << 5;
    match n {
        0..=23 => out.push(m | n as u8),
        24..=0xff => out.extend([m | 24, n as u8]),
        0x100..=0xffff => out.extend([m | 25, (n >> 8) as u8, n as u8]),
        _ => {
            out.push(m | 26);
            out.extend(n.to_be_bytes());
        }
    }
}

/// `{[60000, 0]: {k: 0 for k in the order}}`: 63 729 bytes of LwM2M-CBOR whose records all lie under `/60000`.
pub fn lwm2m_cbor_keys(order: Order) -> Vec<u8> {
    let mut out = vec![0xa1, 0x82];
    cbor_head(&mut out, 0, u32::from(KEYS_OBJECT));
    out.push(0x00);
    cbor_head(&mut out, 5, u32::from(KEYS));
    for k in key_order(order) {
        cbor_head(&mut out, 0, u32::from(k));
        out.push(0x00);
    }
    out
}

/// Bare resource TLVs of one byte each (`c1 k 00`, or `e1 k_hi k_lo 00` for a 16-bit id), read at
/// [`tlv_keys_path`]: 63 744 bytes.
pub fn tlv_keys(order: Order) -> Vec<u8> {
    let mut out = Vec::new();
    for k in key_order(order) {
        match u8::try_from(k) {
            Ok(k) => out.extend([0xc1, k, 0x00]),
            Err(_) => out.extend([0xe1, (k >> 8) as u8, k as u8, 0x00]),
        }
    }
    out
}

/// The request path of [`tlv_keys`]: `/60000/0`.
pub fn tlv_keys_path() -> Path {
    Path::instance_path(KEYS_OBJECT, 0)
}

/// The request path of [`lwm2m_cbor_keys`] and [`senml_cbor_keys`]: `/60000`.
pub fn keys_path() -> Path {
    Path::object_path(KEYS_OBJECT)
}

/// A SenML-CBOR pack of one record per id, `bn` `/60000/0/` on the first, `n` the id in decimal, `v` 0: 148 904
/// bytes.
pub fn senml_cbor_keys(order: Order) -> Vec<u8> {
    let mut out = Vec::new();
    cbor_head(&mut out, 4, u32::from(KEYS));
    for (i, k) in key_order(order).into_iter().enumerate() {
        let name = k.to_string();
        if i == 0 {
            out.push(0xa3);
            out.push(0x21); // bn
            let bn = format!("/{KEYS_OBJECT}/0/");
            cbor_head(&mut out, 3, bn.len() as u32);
            out.extend(bn.as_bytes());
        } else {
            out.push(0xa2);
        }
        out.push(0x00); // n
        cbor_head(&mut out, 3, name.len() as u32);
        out.extend(name.as_bytes());
        out.extend([0x02, 0x00]); // v: 0
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ucifi_codec::{lwm2m_cbor, senml, tlv, Registry};

    #[test]
    fn payloads_hold_every_key_once_in_their_order() {
        for order in Order::ALL {
            let keys = key_order(order);
            let mut sorted = keys.clone();
            sorted.sort_unstable();
            assert_eq!(sorted, (0..KEYS).collect::<Vec<_>>());
            let ids = |paths: Vec<Path>| {
                paths
                    .iter()
                    .map(|p| p.resource().unwrap())
                    .collect::<Vec<_>>()
            };
            let frame = lwm2m_cbor_keys(order);
            assert_eq!(frame.len(), 63_729);
            let got = lwm2m_cbor::decode(&frame, Some(&keys_path()), &Registry).unwrap();
            assert_eq!(ids(got.map(|r| r.path).collect()), keys, "{order:?}");
            let frame = tlv_keys(order);
            assert_eq!(frame.len(), 63_744);
            let got = tlv::decode(&frame, &tlv_keys_path(), &Registry).unwrap();
            assert_eq!(ids(got.map(|r| r.path).collect()), keys, "{order:?}");
            let pack = senml_cbor_keys(order);
            assert_eq!(pack.len(), 148_904);
            let got = senml::decode(&pack, Some(&keys_path()), &Registry).unwrap();
            assert_eq!(ids(got.map(|r| r.path).collect()), keys, "{order:?}");
        }
        // The shuffle is not close to either order: most ids lie between the least and the largest before them.
        let keys = key_order(Order::Shuffled);
        let (mut lo, mut hi, mut inside) = (keys[0], keys[0], 0);
        for &k in &keys[1..] {
            inside += usize::from(k > lo && k < hi);
            (lo, hi) = (lo.min(k), hi.max(k));
        }
        assert!(inside > 15_900, "{inside}");
    }
}
