//! Size-first TLV for the C API (builds with `tlv` and without `tlv-fast`: firmware).
//!
//! The core's TLV module serves every Rust caller: a validated iterator of borrowed `Record`s, `decode_into`, an
//! encoder over any record order with exact error offsets. The C API needs less: a decode hands each record to a C
//! callback as a `ucifi_record`, and the writer checks each record as it is added. So firmware builds take this
//! path, which walks the frame's bytes directly into `ucifi_record`s ([`read`]) and writes headers and value bytes
//! straight into the caller's buffer ([`write`]), with no generic record walker, no `Value` to convert and no
//! `core::str::from_utf8` (the UTF-8 check is the core's small one, `ucifi_codec::utf8`). Host builds (`tlv-fast`) keep the
//! core's paths. The rules are the core's (`ucifi_codec::tlv`): every `vectors/` case gives the same records, error
//! kinds and offsets through either path (`cargo xtask test c` runs the vectors through a size-first build and a
//! TLV-only one too).

pub(crate) mod read;
pub(crate) mod write;

use ucifi_codec::{ObjectDef, Registry, ResourceDef};

/// True when TLV is the build's only format (a TLV-only firmware build): every writer is then a TLV writer and every
/// decode a TLV decode, so the callers leave the general paths out.
pub(crate) const ONLY: bool = !cfg!(any(
    feature = "senml-cbor",
    feature = "senml-json",
    feature = "lwm2m-cbor",
    feature = "single",
    feature = "text"
));

/// The built-in definition of object `id`. A TLV-only build searches linearly: its table holds a few dozen objects,
/// and the loop is a fraction of the code of the registry's binary search (one lookup per decode or added record),
/// which builds with other formats link anyway.
pub(crate) fn object(id: u16) -> Option<&'static ObjectDef> {
    if ONLY {
        Registry.objects().find(|o| o.id == id)
    } else {
        Registry.get(id)
    }
}

/// The definition of resource `id` of `object`; linearly in a TLV-only build (an object has at most a few dozen
/// resources).
pub(crate) fn resource(
    object: Option<&'static ObjectDef>,
    id: u16,
) -> Option<&'static ResourceDef> {
    let object = object?;
    if ONLY {
        object.resources.iter().find(|r| r.id == id)
    } else {
        object.resource(id)
    }
}
