//! The writer's storage sizes, and a frame encoded, fitted and discarded through the C API from Rust.

use super::*;
use crate::generated::UCIFI_FORMAT_TLV;
use crate::writer_add::{ucifi_writer_add_bool, ucifi_writer_add_float};

#[test]
fn storage_sizes_are_tight_on_this_target() {
    assert_eq!(
        size_of::<ucifi_writer_slot>(),
        size_of::<Record<'static>>().next_multiple_of(8)
    );
    assert_eq!(
        size_of::<ucifi_writer>(),
        size_of::<State>().next_multiple_of(8)
    );
}

#[test]
fn encode_fit_and_discard() {
    let mut w = core::mem::MaybeUninit::<ucifi_writer>::zeroed();
    let mut slots = core::mem::MaybeUninit::<[ucifi_writer_slot; 3]>::uninit();
    let w = w.as_mut_ptr();
    let slots = slots.as_mut_ptr().cast::<ucifi_writer_slot>();
    // SAFETY: every pointer is valid for the whole test; the path literal is NUL-terminated.
    unsafe {
        assert_eq!(
            ucifi_writer_add_bool(w, 3424, 0, 9, true),
            UCIFI_RESULT_INVALID_ARGUMENT
        );
        assert_eq!(
            ucifi_writer_init(w, UCIFI_FORMAT_TLV, c"/3424/0".as_ptr(), slots, 3),
            UCIFI_RESULT_OK
        );
        assert_eq!(ucifi_writer_add_float(w, 3424, 0, 1, 12.5), UCIFI_RESULT_OK);
        assert_eq!(
            ucifi_writer_add_float(w, 3424, 0, 9, 1.0),
            kind_code(ErrorKind::TypeMismatch)
        );
        assert_eq!(ucifi_writer_add_bool(w, 3424, 0, 9, true), UCIFI_RESULT_OK);
        assert_eq!(
            ucifi_writer_add_bool(w, 3424, 0, 10, false),
            UCIFI_RESULT_OK
        );
        assert_eq!(
            ucifi_writer_add_bool(w, 3424, 0, 11, false),
            UCIFI_RESULT_WRITER_FULL
        );
        let mut out = [0u8; 16];
        let (mut len, mut count) = (0usize, 0usize);
        let rc = ucifi_writer_finish(w, out.as_mut_ptr(), out.len(), &mut len);
        assert_eq!((rc, len), (UCIFI_RESULT_OK, 12));
        assert_eq!(
            out.get(..len),
            Some(&[0xc4, 0x01, 0x41, 0x48, 0, 0, 0xc1, 0x09, 0x01, 0xc1, 0x0a, 0x00][..])
        );
        let rc = ucifi_writer_finish_fit(w, out.as_mut_ptr(), 9, &mut len, &mut count);
        assert_eq!((rc, len, count), (UCIFI_RESULT_OK, 9, 2));
        assert_eq!(ucifi_writer_discard(w, 2), UCIFI_RESULT_OK);
        let rc = ucifi_writer_finish_fit(w, out.as_mut_ptr(), 9, &mut len, &mut count);
        assert_eq!((rc, len, count), (UCIFI_RESULT_OK, 3, 1));
        assert_eq!(out.get(..3), Some(&[0xc1, 0x0a, 0x00][..]));
        let rc = ucifi_writer_finish_fit(w, out.as_mut_ptr(), 2, &mut len, &mut count);
        assert_eq!(rc, kind_code(ErrorKind::BufferTooSmall));
        assert_eq!(ucifi_writer_discard(w, 2), UCIFI_RESULT_INVALID_ARGUMENT);
    }
}
