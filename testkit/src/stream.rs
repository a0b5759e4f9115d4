//! The fixed pseudo-random stream of the randomized tests (xorshift64*): every run checks the same cases.

/// xorshift64* from a fixed seed (the tuple field is the state; any non-zero seed).
#[derive(Debug, Clone)]
pub struct Stream(pub u64);

impl Stream {
    /// The next 64 bits.
    #[allow(clippy::should_implement_trait)] // an endless stream, not an iterator
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
