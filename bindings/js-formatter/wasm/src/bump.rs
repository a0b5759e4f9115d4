//! A bump allocator for the `senml-json` feature: the SenML-JSON reader and writer build vectors. Each exported call
//! starts with an empty heap ([`reset`]); nothing is freed before that, and nothing outlives the call.

use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::ptr::{addr_of_mut, null_mut};

/// Heap bytes.
const HEAP_CAP: usize = 64 * 1024;

static mut HEAP: [u8; HEAP_CAP] = [0; HEAP_CAP];

struct Bump {
    used: UnsafeCell<usize>,
}

// SAFETY: wasm32 without threads: one thread only.
unsafe impl Sync for Bump {}

#[global_allocator]
static ALLOCATOR: Bump = Bump {
    used: UnsafeCell::new(0),
};

unsafe impl GlobalAlloc for Bump {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let base = addr_of_mut!(HEAP).cast::<u8>();
        let used = *self.used.get();
        let start = (base as usize + used).next_multiple_of(layout.align()) - base as usize;
        match start.checked_add(layout.size()) {
            Some(end) if end <= HEAP_CAP => {
                *self.used.get() = end;
                base.add(start)
            }
            _ => null_mut(),
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // The last allocation can be given back (vectors that grow reallocate their newest block).
        let base = addr_of_mut!(HEAP).cast::<u8>();
        if ptr.add(layout.size()) == base.add(*self.used.get()) {
            *self.used.get() = ptr as usize - base as usize;
        }
    }
}

/// Forgets every allocation (called at the start of each exported call).
pub(crate) fn reset() {
    // SAFETY: single-threaded; nothing allocated by an earlier call is alive at the start of an exported call.
    unsafe { *ALLOCATOR.used.get() = 0 }
}
