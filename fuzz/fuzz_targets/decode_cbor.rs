//! Decodes arbitrary bytes as cbor: byte 0 picks the request path from `paths.txt`, the rest is the frame.
//! No panic; zero-copy and owned decoding agree; a decoded frame re-encodes stably (see `ucifi_fuzz::check_decode`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use ucifi_codec::Format;

fuzz_target!(|data: &[u8]| {
    let (path, frame) = ucifi_fuzz::split_path(data);
    ucifi_fuzz::check_decode(Format::Cbor, frame, path.as_ref());
});
