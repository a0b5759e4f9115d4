//! Growable column buffers for a chunk's Arrow data, read by pyarrow in place.
//!
//! A batch of a few hundred thousand frames writes some 150 MB of columns. Written into fresh memory in 4 KB pages,
//! the kernel's page faults cost as much CPU time as the decoding, and glibc maps blocks that large afresh on every
//! call. So a [`Column`] of at least [`MAPPED_MIN`] bytes lives in an anonymous memory mapping of its own (Linux),
//! sized in whole [`GRANULE`]s, which is kept for reuse (below). Huge pages are not requested: on a machine that
//! hands freed memory back to its host, touching fresh huge pages made the first batch of a process three times
//! slower (`BENCH.md`).
//!
//! When the column (or the [`crate::arrow::Chunk`] holding it, which pyarrow keeps alive through
//! `foreign_buffer(..., base=chunk)`) is dropped, its mapping goes to a pool of at most [`POOL_BYTES`] for the next
//! batch's columns, with `MADV_FREE`: the kernel may take its pages back under memory pressure, and a next batch
//! that finds them still there writes them without a page fault. The pool unmaps the mappings it kept longest when
//! it would hold more.
//! Smaller columns, and every column on other systems, are zeroed heap blocks from the global allocator.

use std::alloc::Layout;
use std::marker::PhantomData;
use std::ptr::NonNull;
#[cfg(target_os = "linux")]
use std::sync::Mutex;

/// Columns of at least this many bytes get a memory mapping of their own (Linux), rounded up to whole [`GRANULE`]s: at
/// most twice the memory a heap block would take, for reuse without page faults (smaller heap blocks of a batch of
/// some hundred thousand frames are above glibc's mmap threshold, and mapped afresh every call).
pub(crate) const MAPPED_MIN: usize = 1 << 20;

/// Size granule of a mapping: columns of a batch of about the same size take mappings of the same size, so a pooled
/// mapping fits the next batch's column.
#[cfg(target_os = "linux")]
const GRANULE: usize = 2 << 20;

/// Mappings of dropped columns kept for the next ones, as (address, size): at most [`POOL_BYTES`] in all.
#[cfg(target_os = "linux")]
static POOL: Mutex<Vec<(usize, usize)>> = Mutex::new(Vec::new());

/// Bytes of mappings the pool keeps at most (a batch of 200 000 Device frames, 3.2 M rows, maps about 180 MB).
#[cfg(target_os = "linux")]
pub(crate) const POOL_BYTES: usize = 256 << 20;

/// Alignment of a heap block (that of every [`Plain`] type).
const ALIGN: usize = 8;

mod sealed {
    /// Implemented by the plain number types only.
    pub trait Sealed {}
}

/// A column element: a plain number for which every bit pattern, all zeros included, is a valid value, of
/// alignment at most 8.
pub(crate) trait Plain: sealed::Sealed + Copy + Default + 'static {}

macro_rules! plain {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl Plain for $t {}
    )*};
}
plain!(u8, u16, i32, u32, i64, u64, f64);

/// Initialized memory of `bytes` bytes, owned: a heap block or a memory mapping.
#[derive(Debug)]
pub(crate) struct Block {
    ptr: NonNull<u8>,
    bytes: usize,
    mapped: bool,
    /// All zero (else it holds an earlier column's data: a mapping from the pool).
    zero: bool,
}

// SAFETY: a `Block` owns its memory exclusively (as a `Box<[u8]>` does) and has no interior mutability: writes go
// through `&mut Block` only, so moving it to or sharing it with another thread is as sound as for a `Vec<u8>`.
unsafe impl Send for Block {}
// SAFETY: as for `Send`: shared references only read.
unsafe impl Sync for Block {}

impl Block {
    /// No memory.
    const fn empty() -> Block {
        Block {
            ptr: NonNull::<u64>::dangling().cast(),
            bytes: 0,
            mapped: false,
            zero: true,
        }
    }

    /// At least `bytes` bytes (more for a mapping: whole [`GRANULE`]s), aligned to 8; a mapping from [`MAPPED_MIN`]
    /// bytes on Linux, taken from the pool when it holds one of the size. Zeroed unless it came from the pool.
    /// Aborts as `Vec` does when memory runs out.
    fn new(bytes: usize) -> Block {
        if bytes == 0 {
            return Block::empty();
        }
        #[cfg(target_os = "linux")]
        if bytes >= MAPPED_MIN {
            if let Some(block) = Block::pooled(bytes).or_else(|| Block::mapped(bytes)) {
                return block;
            }
        }
        let Ok(layout) = Layout::from_size_align(bytes, ALIGN) else {
            std::alloc::handle_alloc_error(Layout::new::<u64>())
        };
        // SAFETY: `layout` has a non-zero size (checked above).
        let ptr = unsafe { std::alloc::alloc_zeroed(layout) };
        match NonNull::new(ptr) {
            Some(ptr) => Block {
                ptr,
                bytes,
                mapped: false,
                zero: true,
            },
            None => std::alloc::handle_alloc_error(layout),
        }
    }

    /// A mapping of `bytes` rounded up to whole [`GRANULE`]s; `None` if the system refuses the mapping.
    #[cfg(target_os = "linux")]
    fn mapped(bytes: usize) -> Option<Block> {
        let size = bytes.checked_next_multiple_of(GRANULE)?;
        // SAFETY: a fresh private anonymous mapping (no address given, no file): it aliases nothing, and the kernel
        // zero-fills its pages.
        let raw = unsafe {
            libc::mmap(
                std::ptr::null_mut(),
                size,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if raw == libc::MAP_FAILED {
            return None;
        }
        Some(Block {
            ptr: NonNull::new(raw.cast::<u8>())?,
            bytes: size,
            mapped: true,
            zero: true,
        })
    }

    /// A mapping from the pool for a column of `bytes` bytes: the smallest one that holds them (a larger one costs
    /// no memory that the pool did not hold already: only the pages written are touched).
    #[cfg(target_os = "linux")]
    fn pooled(bytes: usize) -> Option<Block> {
        let mut pool = POOL.lock().ok()?;
        let need = bytes.checked_next_multiple_of(GRANULE)?;
        let (i, &(address, size)) = pool
            .iter()
            .enumerate()
            .filter(|(_, &(_, size))| size >= need)
            .min_by_key(|(_, &(_, size))| size)?;
        pool.remove(i);
        Some(Block {
            ptr: NonNull::new(address as *mut u8)?,
            bytes: size,
            mapped: true,
            zero: false,
        })
    }

    /// Keeps a dropped mapping in the pool, its pages given back to the kernel lazily (`MADV_FREE`: reclaimed
    /// under memory pressure, else still there when the mapping is used again), unmapping the mappings kept
    /// longest if the pool would hold more than [`POOL_BYTES`]; false if it cannot be kept.
    #[cfg(target_os = "linux")]
    fn keep(&self) -> bool {
        if self.bytes > POOL_BYTES {
            return false;
        }
        let Ok(mut pool) = POOL.lock() else {
            return false;
        };
        let mut held: usize = pool.iter().map(|&(_, size)| size).sum();
        while held + self.bytes > POOL_BYTES && !pool.is_empty() {
            let (address, size) = pool.remove(0);
            // SAFETY: a mapping made by `Block::mapped` and kept in the pool, which no block owns any more;
            // removed from the pool, it is unmapped once.
            unsafe { libc::munmap(address as *mut libc::c_void, size) };
            held -= size;
        }
        // SAFETY: advice on the mapping this block owns; MADV_FREE keeps the mapping, and a page of it reads as
        // its old contents or as zeros afterwards, both valid for every `Plain` type (a column reads only what it
        // wrote).
        if unsafe { libc::madvise(self.ptr.as_ptr().cast(), self.bytes, libc::MADV_FREE) } != 0 {
            return false;
        }
        pool.push((self.ptr.as_ptr() as usize, self.bytes));
        true
    }
}

impl Drop for Block {
    fn drop(&mut self) {
        if self.bytes == 0 {
            return;
        }
        #[cfg(target_os = "linux")]
        if self.mapped {
            if !self.keep() {
                // SAFETY: the mapping made by `Block::mapped`, of exactly this address and size, unmapped once
                // (a mapping kept in the pool is not unmapped here; the block taking it from the pool does that).
                unsafe { libc::munmap(self.ptr.as_ptr().cast(), self.bytes) };
            }
            return;
        }
        if let Ok(layout) = Layout::from_size_align(self.bytes, ALIGN) {
            // SAFETY: allocated by `alloc_zeroed` with this layout in `Block::new`, freed once.
            unsafe { std::alloc::dealloc(self.ptr.as_ptr(), layout) };
        }
    }
}

/// A growable vector of plain numbers over a [`Block`]: `Vec`'s push / extend, with large buffers mapped.
#[derive(Debug)]
pub(crate) struct Column<T: Plain> {
    block: Block,
    len: usize,
    marker: PhantomData<T>,
}

impl<T: Plain> Default for Column<T> {
    fn default() -> Column<T> {
        Column {
            block: Block::empty(),
            len: 0,
            marker: PhantomData,
        }
    }
}

impl<T: Plain> Column<T> {
    /// An empty column with room for `n` values.
    pub fn with_capacity(n: usize) -> Column<T> {
        Column {
            block: Block::new(n.saturating_mul(size_of::<T>())),
            len: 0,
            marker: PhantomData,
        }
    }

    /// `n` zero values.
    pub fn zeroed(n: usize) -> Column<T> {
        let mut c = Column::with_capacity(n);
        c.len = n;
        if !c.block.zero {
            c.as_mut_slice().fill(T::default());
        }
        c
    }

    /// Number of values.
    #[inline(always)]
    pub fn len(&self) -> usize {
        self.len
    }

    /// Number of values the block holds.
    #[inline(always)]
    fn capacity(&self) -> usize {
        self.block.bytes / size_of::<T>()
    }

    /// The whole block as values: the column, then zeroed or stale values past its length.
    #[inline(always)]
    fn all_mut(&mut self) -> &mut [T] {
        // SAFETY: the block is `bytes` initialized bytes (zeroed when made, then written only as `Plain` values; a
        // pooled mapping's page not written since `MADV_FREE` may read as zeros instead of its old values), aligned
        // to 8 (a heap block) or to a page (a mapping), which suits every `Plain` type; every bit pattern is a
        // valid `T`; `capacity()` values fit in `bytes`; the slice borrows `self` mutably, so nothing aliases it.
        unsafe {
            std::slice::from_raw_parts_mut(self.block.ptr.as_ptr().cast::<T>(), self.capacity())
        }
    }

    /// The values.
    #[inline(always)]
    pub fn as_slice(&self) -> &[T] {
        let len = self.len.min(self.capacity());
        // SAFETY: as in `all_mut` (a prefix of the block, read only while `self` is borrowed).
        unsafe { std::slice::from_raw_parts(self.block.ptr.as_ptr().cast::<T>(), len) }
    }

    /// The values, writable.
    #[inline(always)]
    pub fn as_mut_slice(&mut self) -> &mut [T] {
        let len = self.len;
        self.all_mut().get_mut(..len).unwrap_or_default()
    }

    /// Makes room for `additional` more values.
    #[inline(always)]
    pub fn reserve(&mut self, additional: usize) {
        if additional > self.capacity().saturating_sub(self.len) {
            self.grow(additional);
        }
    }

    /// A new block of at least twice the capacity, with room for `additional` more values; the values copied.
    #[cold]
    #[inline(never)]
    fn grow(&mut self, additional: usize) {
        let need = self.len.saturating_add(additional);
        let cap = need.max(self.capacity().saturating_mul(2)).max(64);
        let mut grown = Column::<T>::with_capacity(cap);
        if let Some(dst) = grown.all_mut().get_mut(..self.len) {
            dst.copy_from_slice(self.as_slice());
        }
        grown.len = self.len;
        *self = grown;
    }

    /// The first value's address (the block's).
    #[inline(always)]
    fn base(&mut self) -> *mut T {
        self.block.ptr.as_ptr().cast::<T>()
    }

    /// Appends one value.
    #[inline(always)]
    pub fn push(&mut self, value: T) {
        if self.len == self.capacity() {
            self.grow(1);
        }
        // SAFETY: `len < capacity()` here (`grow` makes room or aborts), so the slot is inside the block, aligned for
        // `T` as `all_mut` says; `self` is borrowed mutably, so nothing else refers to the block.
        unsafe { self.base().add(self.len).write(value) };
        self.len += 1;
    }

    /// Appends the values of `values`.
    #[inline(always)]
    pub fn extend_from_slice(&mut self, values: &[T]) {
        self.reserve(values.len());
        // SAFETY: after `reserve`, `len + values.len() <= capacity()`: the destination is inside the block, aligned
        // for `T`; `values` cannot overlap it (the block is borrowed mutably through `self`).
        unsafe {
            std::ptr::copy_nonoverlapping(values.as_ptr(), self.base().add(self.len), values.len())
        };
        self.len += values.len();
    }

    /// Keeps the first `n` values (all if there are fewer).
    #[inline(always)]
    pub fn truncate(&mut self, n: usize) {
        self.len = self.len.min(n);
    }

    /// Appends the values of `values`, with one capacity check for all of them (at most as many as its length says).
    #[inline(always)]
    pub fn extend_exact(&mut self, values: impl ExactSizeIterator<Item = T>) {
        let n = values.len();
        self.reserve(n);
        let base = self.base();
        let mut len = self.len;
        for value in values.take(n) {
            // SAFETY: `reserve` made room for `n` values after the old length and at most `n` are written, so
            // each slot is inside the block, aligned for `T`; nothing else refers to the block meanwhile.
            unsafe { base.add(len).write(value) };
            len += 1;
        }
        self.len = len;
    }

    /// The block and the byte length of the values, for [`crate::arrow::Buf`].
    pub(crate) fn into_parts(self) -> (Block, usize) {
        let bytes = self
            .len
            .saturating_mul(size_of::<T>())
            .min(self.block.bytes);
        (self.block, bytes)
    }
}

impl Block {
    /// Address of the memory (dangling when empty).
    pub(crate) fn address(&self) -> usize {
        self.ptr.as_ptr() as usize
    }
}
