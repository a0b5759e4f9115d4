//! The validity bitmaps of a chunk's columns (and the boolean values), derived from the rows' tag bytes, name and unit
//! indexes and value slots eight rows at a time: one 16-bit mask per row, then the 8 × 16 bits of eight rows
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

/// Groups of eight rows made at a time.
const BLOCK: usize = 64;

/// Every validity bitmap of a chunk (and the boolean values), built eight rows at a time.
pub(super) struct Bitmaps(pub(super) [Vec<u8>; BITMAPS]);

impl Bitmaps {
    /// The bitmaps of rows with these tags, name and unit indexes (-1: null) and value slots; writes 0 over the -1
    /// indexes (Arrow leaves a null slot's contents unspecified, but a dictionary index there is kept in range).
    pub(super) fn of(tags: &[u8], names: &mut [i32], units: &mut [i32], num: &[u64]) -> Bitmaps {
        // One group of 16 bitmap bytes per eight rows, made for a block of rows into a small array (no buffer
        // of the chunk's size), then one pass per bitmap over the block's groups.
        let mut bitmaps: [Vec<u8>; BITMAPS] =
            std::array::from_fn(|_| Vec::with_capacity(tags.len().div_ceil(8)));
        let mut groups = [[0u8; 16]; BLOCK];
        let blocks = tags
            .chunks(8 * BLOCK)
            .zip(names.chunks_mut(8 * BLOCK))
            .zip(units.chunks_mut(8 * BLOCK))
            .zip(num.chunks(8 * BLOCK));
        for (((tags, names), units), num) in blocks {
            let eights = tags
                .chunks(8)
                .zip(names.chunks_mut(8))
                .zip(units.chunks_mut(8))
                .zip(num.chunks(8));
            let mut filled = 0;
            for (group, (((tag8, name8), unit8), num8)) in groups.iter_mut().zip(eights) {
                // Eight 16-bit masks, one per row, as two u64s of eight bytes (low and high mask halves).
                let (mut lo, mut hi) = (0u64, 0u64);
                let rows = tag8.iter().zip(name8).zip(unit8).zip(num8);
                for (j, (((&t, name), unit), &v)) in rows.enumerate() {
                    let m = TAG_MASKS[t as usize]
                        | u16::from(*name >= 0) << NAME
                        | u16::from(*unit >= 0) << UNIT
                        | u16::from(v != 0) << BOOL_VALUES;
                    *name = (*name).max(0);
                    *unit = (*unit).max(0);
                    lo |= u64::from(m as u8) << (8 * j);
                    hi |= u64::from((m >> 8) as u8) << (8 * j);
                }
                // Byte j bit k (row j, bitmap k) to byte k bit j: one bitmap byte per byte.
                group[..8].copy_from_slice(&transpose8(lo).to_le_bytes());
                group[8..].copy_from_slice(&transpose8(hi).to_le_bytes());
                filled += 1;
            }
            let groups = groups.get(..filled).unwrap_or_default();
            for (k, bitmap) in bitmaps.iter_mut().enumerate() {
                bitmap.extend(groups.iter().map(|g| g[k]));
            }
        }
        Bitmaps(bitmaps)
    }
}
