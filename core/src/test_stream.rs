//! The fixed pseudo-random stream of the randomized tests (xorshift64*): every run checks the same cases. The core's
//! unit tests use it as `crate::test_stream`; the CLI's malformed-input test includes this file by path.

/// xorshift64* from a fixed seed.
pub(crate) struct Stream(pub(crate) u64);

impl Stream {
    /// The next 64 bits.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}
