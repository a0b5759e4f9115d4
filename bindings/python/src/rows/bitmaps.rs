//! The validity bitmaps of a chunk's columns (and the boolean values), derived from the rows' tag bytes, definition
//! numbers and value slots eight rows at a time: one 16-bit mask per row, then the 8 × 16 bits of eight rows
//! transposed into one byte per bitmap.

use ucifi_codec::DataType;

/// Tag bit of an error row (`rows.rs` module docs give the tag byte).
pub(super) const ERROR_ROW: u8 = 0x80;
/// Tag bit of a record row with a time.
pub(super) const HAS_TIME: u8 = 0x40;

pub(super) const RECORD: usize = 0;
pub(super) const INSTANCE: usize = 1;
pub(super) const RESOURCE: usize = 2;
pub(super) const RESOURCE_INSTANCE: usize = 3;
pub(super) const TIME: usize = 4;
pub(super) const V_INT: usize = 5;
pub(super) const V_UINT: usize = 6;
pub(super) const V_FLOAT: usize = 7;
pub(super) const V_BOOL: usize = 8;
pub(super) const V_STR: usize = 9;
pub(super) const V_BYTES: usize = 10;
pub(super) const ERROR: usize = 11;
pub(super) const NAME: usize = 12;
pub(super) const UNIT: usize = 13;
pub(super) const BOOL_VALUES: usize = 14;
pub(super) const BITMAPS: usize = 15;

/// The bitmap bits a tag sets (everything but name, unit and the boolean value).
const fn tag_mask(tag: u8) -> u16 {
    if tag & ERROR_ROW != 0 {
        return 1 << ERROR;
    }
    let len = ((tag >> 4) & 3) + 1;
    let code = tag & 0x0f;
    let mut m = 1 << RECORD;
    if len >= 2 {
        m |= 1 << INSTANCE;
    }
    if len >= 3 {
        m |= 1 << RESOURCE;
    }
    if len == 4 {
        m |= 1 << RESOURCE_INSTANCE;
    }
    if tag & HAS_TIME != 0 {
        m |= 1 << TIME;
    }
    let slot = if code == DataType::Integer as u8 || code == DataType::Time as u8 {
        V_INT
    } else if code == DataType::Unsigned as u8 {
        V_UINT
    } else if code == DataType::Float as u8 {
        V_FLOAT
    } else if code == DataType::Boolean as u8 {
        V_BOOL
    } else if code == DataType::String as u8
        || code == DataType::Objlnk as u8
        || code == DataType::Corelnk as u8
    {
        V_STR
    } else if code == DataType::Opaque as u8 {
        V_BYTES
    } else {
        return m;
    };
    m | 1 << slot
}

const TAG_MASKS: [u16; 256] = {
    let mut t = [0u16; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = tag_mask(i as u8);
        i += 1;
    }
    t
};

/// Transposes the 8 × 8 bit matrix of byte `i`, bit `j` (bit `8i + j` goes to bit `8j + i`; Hacker's Delight 7-3).
#[inline(always)]
fn transpose8(mut x: u64) -> u64 {
    let t = (x ^ (x >> 7)) & 0x00aa_00aa_00aa_00aa;
    x ^= t ^ (t << 7);
    let t = (x ^ (x >> 14)) & 0x0000_cccc_0000_cccc;
    x ^= t ^ (t << 14);
    let t = (x ^ (x >> 28)) & 0x0000_0000_f0f0_f0f0;
    x ^ t ^ (t << 28)
}

/// Every validity bitmap of a chunk (and the boolean values), built eight rows at a time.
pub(super) struct Bitmaps(pub(super) [Vec<u8>; BITMAPS]);

impl Bitmaps {
    /// The bitmaps of rows with these tags, definition numbers and value slots; `def_names` gives the (name, unit)
    /// indexes of each definition number (-1: none).
    pub(super) fn of(tags: &[u8], defs: &[u32], num: &[u64], def_names: &[(i32, i32)]) -> Bitmaps {
        // Name / unit bits per definition number, looked up once.
        let def_bits: Vec<u16> = def_names
            .iter()
            .map(|&(nm, un)| u16::from(nm >= 0) << NAME | u16::from(un >= 0) << UNIT)
            .collect();
        // One group of 16 bitmap bytes per eight rows, then one pass per bitmap over the groups.
        let groups: Vec<[u8; 16]> = tags
            .chunks(8)
            .zip(defs.chunks(8))
            .zip(num.chunks(8))
            .map(|((tag8, def8), num8)| {
                // Eight 16-bit masks, one per row, as two u64s of eight bytes (low and high mask halves).
                let (mut lo, mut hi) = (0u64, 0u64);
                for (j, ((&t, &d), &v)) in tag8.iter().zip(def8).zip(num8).enumerate() {
                    let m = TAG_MASKS[t as usize]
                        | def_bits.get(d as usize).copied().unwrap_or(0)
                        | u16::from(v != 0) << BOOL_VALUES;
                    lo |= u64::from(m as u8) << (8 * j);
                    hi |= u64::from((m >> 8) as u8) << (8 * j);
                }
                // Byte j bit k (row j, bitmap k) to byte k bit j: one bitmap byte per byte.
                let mut group = [0u8; 16];
                group[..8].copy_from_slice(&transpose8(lo).to_le_bytes());
                group[8..].copy_from_slice(&transpose8(hi).to_le_bytes());
                group
            })
            .collect();
        Bitmaps(std::array::from_fn(|k| {
            groups.iter().map(|g| g[k]).collect()
        }))
    }
}
