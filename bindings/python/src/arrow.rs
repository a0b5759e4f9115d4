//! Arrow column buffers built in Rust and handed to pyarrow without a copy.
//!
//! A [`Chunk`] owns plain typed vectors (values, validity bitmaps, offsets). Python reads each buffer's address and
//! size and wraps it with `pyarrow.foreign_buffer(address, size, base=chunk)`, so the memory stays owned by the chunk
//! object and lives as long as any Arrow array that uses it. Buffers are never written after the chunk is made.
//!
//! [`ColumnSpec`] says how the buffers form one Arrow array: its type name (a short tag the Python side maps to a
//! `pyarrow.DataType`), its null count and the buffer index of each Arrow buffer slot (`None` for an absent validity
//! bitmap). Several columns may share one buffer (the value columns share one 8-byte slot per row).

use pyo3::prelude::*;

use crate::mem::{Block, Column, Plain};

/// One owned buffer.
#[derive(Debug)]
pub(crate) enum Buf {
    /// Bytes (bitmaps, UTF-8 / binary data, `uint8` / `int8` values).
    U8(Vec<u8>),
    /// `int32` values or offsets.
    I32(Vec<i32>),
    /// `uint32` values.
    U32(Vec<u32>),
    /// `int64` values.
    I64(Vec<i64>),
    /// A [`Column`]'s block and the byte length of its values.
    Mem(Block, usize),
}

impl<T: Plain> From<Column<T>> for Buf {
    fn from(c: Column<T>) -> Buf {
        let (block, bytes) = c.into_parts();
        Buf::Mem(block, bytes)
    }
}

impl Buf {
    /// Address and size in bytes (0 / 0 for an empty buffer: Python then uses an empty buffer).
    fn address_size(&self) -> (usize, usize) {
        fn of<T>(v: &[T]) -> (usize, usize) {
            if v.is_empty() {
                (0, 0)
            } else {
                (v.as_ptr() as usize, std::mem::size_of_val(v))
            }
        }
        match self {
            Buf::U8(v) => of(v),
            Buf::I32(v) => of(v),
            Buf::U32(v) => of(v),
            Buf::I64(v) => of(v),
            Buf::Mem(_, 0) => (0, 0),
            Buf::Mem(block, bytes) => (block.address(), *bytes),
        }
    }
}

/// How one Arrow array is made of a chunk's buffers.
#[derive(Debug, Clone)]
pub(crate) struct ColumnSpec {
    /// Column name.
    pub name: &'static str,
    /// Type tag: `int8`, `uint8`, `uint16`, `int32`, `uint32`, `int64`, `uint64`, `float64`, `bool`, `utf8`,
    /// `binary`, `timestamp_ns_utc`, or `dict8:NAME` / `dict32:NAME` (indices of that width into dictionary NAME).
    pub arrow_type: String,
    /// Number of null slots.
    pub null_count: usize,
    /// Buffer indexes for the Arrow buffer slots: validity, then values (or offsets, then data).
    pub buffers: Vec<Option<usize>>,
}

/// Collects buffers and column specs.
#[derive(Debug, Default)]
pub(crate) struct ChunkBuilder {
    buffers: Vec<Buf>,
    columns: Vec<ColumnSpec>,
}

impl ChunkBuilder {
    /// Adds a buffer; returns its index.
    pub fn buffer(&mut self, b: impl Into<Buf>) -> usize {
        self.buffers.push(b.into());
        self.buffers.len() - 1
    }

    /// Adds a validity bitmap (`None` when nothing is null); returns the slot and the null count.
    pub fn validity(&mut self, bits: Bits) -> (Option<usize>, usize) {
        let nulls = bits.nulls();
        if nulls == 0 {
            (None, 0)
        } else {
            (Some(self.buffer(Buf::U8(bits.bytes))), nulls)
        }
    }

    /// Adds a validity bitmap of `n` rows given as bytes (bits past `n` zero); `None` when nothing is null.
    pub fn validity_bytes(&mut self, bytes: Vec<u8>, n: usize) -> (Option<usize>, usize) {
        // Eight bytes at a time (the abi3 wheel targets baseline x86-64, which has no byte-wise popcount).
        let words = bytes.chunks_exact(8);
        let tail: usize = words
            .remainder()
            .iter()
            .map(|b| b.count_ones() as usize)
            .sum();
        let ones = words
            .map(|w| u64::from_le_bytes(w.try_into().unwrap_or_default()).count_ones() as usize)
            .sum::<usize>()
            + tail;
        let nulls = n.saturating_sub(ones);
        if nulls == 0 {
            (None, 0)
        } else {
            (Some(self.buffer(Buf::U8(bytes))), nulls)
        }
    }

    /// Adds a column over buffers already added.
    pub fn column(
        &mut self,
        name: &'static str,
        arrow_type: impl Into<String>,
        validity: (Option<usize>, usize),
        data: &[usize],
    ) {
        let mut buffers = vec![validity.0];
        buffers.extend(data.iter().map(|&i| Some(i)));
        self.columns.push(ColumnSpec {
            name,
            arrow_type: arrow_type.into(),
            null_count: validity.1,
            buffers,
        });
    }

    /// The finished chunk of `length` rows.
    pub fn finish(self, length: usize) -> Chunk {
        Chunk {
            length,
            buffers: self.buffers,
            columns: self.columns,
        }
    }
}

/// A validity (or boolean values) bitmap being built, least significant bit first.
#[derive(Debug, Default)]
pub(crate) struct Bits {
    bytes: Vec<u8>,
    len: usize,
    ones: usize,
}

impl Bits {
    /// Appends one bit.
    #[inline]
    pub fn push(&mut self, bit: bool) {
        let shift = self.len % 8;
        if shift == 0 {
            self.bytes.push(0);
        }
        if bit {
            if let Some(last) = self.bytes.last_mut() {
                *last |= 1 << shift;
            }
            self.ones += 1;
        }
        self.len += 1;
    }

    /// Number of zero bits (nulls, for a validity bitmap).
    pub fn nulls(&self) -> usize {
        self.len - self.ones
    }
}

/// Finished Arrow buffers of one table chunk, owned by Rust and read by pyarrow in place.
#[pyclass(frozen, module = "ucifi_codec._ucifi")]
#[derive(Debug)]
pub struct Chunk {
    length: usize,
    buffers: Vec<Buf>,
    columns: Vec<ColumnSpec>,
}

#[pymethods]
impl Chunk {
    /// Number of rows.
    #[getter]
    fn length(&self) -> usize {
        self.length
    }

    /// `(address, size)` of every buffer, in index order; `(0, 0)` for an empty one.
    fn buffers(&self) -> Vec<(usize, usize)> {
        self.buffers.iter().map(Buf::address_size).collect()
    }

    /// `(name, type tag, null count, buffer indexes)` of every column, in table order.
    #[allow(clippy::type_complexity)]
    fn columns(&self) -> Vec<(&'static str, String, usize, Vec<Option<usize>>)> {
        self.columns
            .iter()
            .map(|c| {
                (
                    c.name,
                    c.arrow_type.clone(),
                    c.null_count,
                    c.buffers.clone(),
                )
            })
            .collect()
    }

    fn __repr__(&self) -> String {
        format!(
            "Chunk(length={}, columns={})",
            self.length,
            self.columns.len()
        )
    }
}
