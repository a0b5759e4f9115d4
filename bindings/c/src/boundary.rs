//! The one boundary every exported function body runs behind.
//!
//! `ffi_boundary!(fallback, { body })` evaluates `body` as a closure (so `return` leaves the body, not the caller's
//! function). With the `std` feature the closure runs under `catch_unwind` and a panic yields `fallback`; without it
//! (firmware, `panic = "abort"` or the crate's panic handler) the closure simply runs. `ffi_boundary!({ body })`
//! uses [`UCIFI_RESULT_PANIC`](crate::result::UCIFI_RESULT_PANIC) as the fallback.

macro_rules! ffi_boundary {
    ($fallback:expr, $body:block) => {{
        #[cfg(feature = "std")]
        let out = match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| $body)) {
            Ok(value) => value,
            Err(_) => $fallback,
        };
        #[cfg(not(feature = "std"))]
        #[allow(clippy::redundant_closure_call)]
        let out = (|| $body)();
        out
    }};
    ($body:block) => {
        ffi_boundary!($crate::result::UCIFI_RESULT_PANIC, $body)
    };
}

#[cfg(all(test, feature = "std"))]
mod tests {
    use crate::result::{UCIFI_RESULT_OK, UCIFI_RESULT_PANIC};

    #[allow(clippy::panic)] // the point of the test
    fn body(fail: bool) -> i32 {
        ffi_boundary!({
            if fail {
                panic!("a bug");
            }
            UCIFI_RESULT_OK
        })
    }

    #[test]
    fn a_panic_becomes_a_result_code() {
        assert_eq!(body(false), UCIFI_RESULT_OK);
        assert_eq!(body(true), UCIFI_RESULT_PANIC);
        assert!(ffi_boundary!(core::ptr::null::<u8>(), { panic!("x") }).is_null());
    }
}
