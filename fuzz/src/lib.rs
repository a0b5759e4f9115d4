//! Shared checks of the fuzz targets (see `FUZZING.md` at the repository root).
//!
//! Every decode target runs [`check_decode`]: it must not panic, and
//! - the owned decoder (`format::decode_owned`) and the zero-copy one (`format::decode_each`) agree (records or error),
//!   and so does the single-pass `decode_into` of TLV, SenML-CBOR and LwM2M-CBOR with a 4-record buffer;
//! - a decode error points inside the input (offset ≤ input length; `INVALID_PATH` and `BUFFER_TOO_SMALL` excepted:
//!   their offsets are a path-text index and a size);
//! - a decoded frame re-encodes without panic ([`check_reencode`]): `encoded_len` equals the encoded length (or gives
//!   the same error as `encode_to_vec`), `encode` writes the same bytes into an exact buffer and answers
//!   `BUFFER_TOO_SMALL` with the needed size for a buffer one byte short, the re-encoded frame decodes to the same
//!   records (paths, `Value::same_as`, times bit for bit; for LwM2M-CBOR, whose encoder groups records by path, the
//!   same record set: [`in_canonical_order`]), and encoding those gives the same bytes again (the
//!   canonical form is a fixed point).

use std::ffi::CString;
use std::sync::OnceLock;

use ucifi_codec::format::{self, Format};
use ucifi_codec::registry::DdfModel;
use ucifi_codec::{lwm2m_cbor, senml, tlv};
use ucifi_codec::{Error, ErrorKind, OwnedRecord, Path, Record, Value};

/// A vendor object with one single and one multiple resource of every type, an executable one, and 16-bit ids (the
/// object of `core/tests/roundtrip.rs`).
pub const VENDOR_OBJECT: u16 = 32770;
/// Its DDF text.
pub const VENDOR_DDF: &str = ucifi_testkit::VENDOR_DDF;

/// The built-in registry plus the vendor object (loaded once: loaded definitions are leaked).
pub fn model() -> &'static DdfModel {
    static MODEL: OnceLock<DdfModel> = OnceLock::new();
    MODEL.get_or_init(|| {
        let mut m = DdfModel::new();
        #[allow(clippy::unwrap_used)]
        m.load_str(VENDOR_DDF).unwrap();
        m
    })
}

/// One request path of `paths.txt`: its text (`None` for `-`) and the parsed path.
pub struct RequestPath {
    /// The text, as the C API takes it.
    pub text: Option<CString>,
    /// The parsed path.
    pub path: Option<Path>,
}

/// The request paths of `paths.txt`, in file order.
pub fn paths() -> &'static [RequestPath] {
    static PATHS: OnceLock<Vec<RequestPath>> = OnceLock::new();
    PATHS.get_or_init(|| {
        include_str!("../paths.txt")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                if l == "-" {
                    RequestPath {
                        text: None,
                        path: None,
                    }
                } else {
                    RequestPath {
                        text: Some(CString::new(l).expect("no NUL in paths.txt")),
                        path: Some(l.parse().expect("paths.txt holds valid paths")),
                    }
                }
            })
            .collect()
    })
}

/// The request path byte 0 picks (modulo the table size), and the rest of the input.
pub fn split_path(data: &[u8]) -> (Option<Path>, &[u8]) {
    let (entry, rest) = split_entry(data);
    (entry.and_then(|e| e.path), rest)
}

/// As [`split_path`], giving the table entry (`None` for empty input).
pub fn split_entry(data: &[u8]) -> (Option<&'static RequestPath>, &[u8]) {
    match data.split_first() {
        Some((b, rest)) => {
            let t = paths();
            (t.get(usize::from(*b) % t.len()), rest)
        }
        None => (None, data),
    }
}

/// Why two record lists differ, or `None` if they are the same (paths, values by `same_as`, times bit for bit).
pub fn diff(a: &[OwnedRecord], b: &[OwnedRecord]) -> Option<String> {
    if a.len() != b.len() {
        return Some(format!("{} records vs {}", a.len(), b.len()));
    }
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        let (rx, ry) = (x.as_record(), y.as_record());
        let time_bits = |t: Option<f64>| t.map(f64::to_bits);
        if rx.path != ry.path
            || !rx.value.same_as(&ry.value)
            || time_bits(rx.time) != time_bits(ry.time)
        {
            return Some(format!("record {i}: {x:?} vs {y:?}"));
        }
    }
    None
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

/// True when the error's offset may lie past the input (it is a path-text index or a size, not a byte offset).
pub fn offset_is_not_input_index(kind: ErrorKind) -> bool {
    matches!(kind, ErrorKind::InvalidPath | ErrorKind::BufferTooSmall)
}

/// The decode checks of every decode target (module docs). Panics on any violation.
pub fn check_decode(fmt: Format, input: &[u8], path: Option<&Path>) {
    let m = model();
    let owned = format::decode_owned(fmt, input, path, m);

    let mut zero_copy = Vec::new();
    let counted = format::decode_each(fmt, input, path, m, |r| {
        zero_copy.push(OwnedRecord::from_record(&r))
    });
    match (&owned, &counted) {
        (Ok(o), Ok(n)) => {
            assert_eq!(
                *n,
                zero_copy.len(),
                "{fmt}: decode_each count vs records handed out"
            );
            if let Some(d) = diff(o, &zero_copy) {
                panic!("{fmt}: decode vs decode_each: {d}");
            }
        }
        // The zero-copy text decoder has a fixed scratch buffer (documented); it checks the length first.
        (_, Err(e))
            if fmt == Format::Text
                && input.len() > format::TEXT_SCRATCH
                && *e == Error::new(ErrorKind::BufferTooSmall, input.len()) => {}
        // LwM2M-CBOR joins chunked strings into a scratch of TEXT_SCRATCH bytes there (documented): a longer one
        // does not fit.
        (Ok(_), Err(e))
            if fmt == Format::Lwm2mCbor
                && e.kind() == ErrorKind::BufferTooSmall
                && input.len() > format::TEXT_SCRATCH => {}
        // The same before a later error: the string that does not fit lies wholly before the error, so the input
        // cut at the error does not fit either (a string that is itself bad gets its own error, not this one).
        (Err(a), Err(e))
            if fmt == Format::Lwm2mCbor
                && e.kind() == ErrorKind::BufferTooSmall
                && input.len() > format::TEXT_SCRATCH
                && !offset_is_not_input_index(a.kind())
                && format::decode_each(
                    fmt,
                    input.get(..a.offset()).unwrap_or(input),
                    path,
                    m,
                    |_| {},
                )
                .is_err_and(|cut| cut.kind() == ErrorKind::BufferTooSmall) => {}
        (Err(a), Err(b)) => assert_eq!(a, b, "{fmt}: decode vs decode_each error"),
        (a, b) => panic!("{fmt}: decode gives {a:?}, decode_each {b:?}"),
    }
    check_decode_into(fmt, input, path, &owned);

    match owned {
        Err(e) => {
            assert!(
                offset_is_not_input_index(e.kind()) || e.offset() <= input.len(),
                "{fmt}: error {e} past the end of the {}-byte input",
                input.len()
            );
        }
        Ok(records) => check_reencode(fmt, path, &records),
    }
}

/// The single-pass decoders into a caller slice agree with the two-pass ones.
fn check_decode_into(
    fmt: Format,
    input: &[u8],
    path: Option<&Path>,
    expected: &Result<Vec<OwnedRecord>, Error>,
) {
    const N: usize = 4;
    let m = model();
    let mut out = [Record::new(Path::object_path(0), Value::None); N];
    let got = match (fmt, path) {
        (Format::Tlv, Some(p)) => tlv::decode_into(input, p, m, &mut out),
        (Format::SenmlCbor, p) => senml::decode_into(input, p, m, &mut out),
        (Format::Lwm2mCbor, p) => lwm2m_cbor::decode_into(input, p, m, &mut out),
        _ => return,
    };
    match (got, expected) {
        // The zero-copy LwM2M-CBOR reader refuses a chunked string at its head (documented); the front ends read
        // LwM2M-CBOR through the joining decoder.
        (Err(e), _) if fmt == Format::Lwm2mCbor && e.kind() == ErrorKind::IndefiniteLength => {}
        (Ok(n), Ok(v)) => {
            let mine: Vec<_> = out.iter().take(n).map(OwnedRecord::from_record).collect();
            if let Some(d) = diff(v, &mine) {
                panic!("{fmt}: decode vs decode_into: {d}");
            }
        }
        (Err(e), Ok(v)) if v.len() > N => {
            assert_eq!(
                e,
                Error::new(ErrorKind::BufferTooSmall, v.len()),
                "{fmt}: decode_into, small buffer"
            );
        }
        (Err(e), Err(x)) => assert_eq!(e, *x, "{fmt}: decode vs decode_into error"),
        (a, b) => panic!("{fmt}: decode_into gives {a:?}, decode {b:?}"),
    }
}

/// Re-encodes decoded records in `fmt` at `path` and checks the result (module docs).
pub fn check_reencode(fmt: Format, path: Option<&Path>, records: &[OwnedRecord]) {
    let m = model();
    let views: Vec<Record<'_>> = records.iter().map(OwnedRecord::as_record).collect();
    let encoded = format::encode_to_vec(fmt, &views, path, m);
    let len = format::encoded_len(fmt, &views, path, m);
    let bytes = match (encoded, len) {
        (Ok(b), Ok(l)) => {
            assert_eq!(b.len(), l, "{fmt}: encoded_len vs encode ({})", hex(&b));
            b
        }
        (Err(a), Err(b)) => {
            assert_eq!(a, b, "{fmt}: encode vs encoded_len error");
            return;
        }
        (a, b) => panic!("{fmt}: encode gives {a:?}, encoded_len {b:?}"),
    };
    check_encode(fmt, path, &views, &bytes);
    let back = format::decode_owned(fmt, &bytes, path, m)
        .unwrap_or_else(|e| panic!("{fmt}: re-encoded {} does not decode: {e}", hex(&bytes)));
    if let Some(d) = diff(
        &in_canonical_order(fmt, records),
        &in_canonical_order(fmt, &back),
    ) {
        panic!(
            "{fmt}: decode → encode → decode changes the records ({}): {d}",
            hex(&bytes)
        );
    }
    let views: Vec<Record<'_>> = back.iter().map(OwnedRecord::as_record).collect();
    let again = format::encode_to_vec(fmt, &views, path, m)
        .unwrap_or_else(|e| panic!("{fmt}: second encode fails: {e}"));
    assert!(
        again == bytes,
        "{fmt}: the canonical form is not a fixed point: {} then {}",
        hex(&bytes),
        hex(&again)
    );
}

/// The records in the order a comparison needs: the LwM2M-CBOR encoder groups records by path (a node's children
/// in order of first appearance), so a frame that names one object in two places, `{[3424,0,9]: .., [3411,0,1]: ..,
/// [3424,0,1]: ..}`, decodes in another order after re-encoding. Its record set is compared (sorted by path, which
/// is unique in a decoded frame); every other format keeps record order.
pub fn in_canonical_order(fmt: Format, records: &[OwnedRecord]) -> Vec<OwnedRecord> {
    let mut v = records.to_vec();
    if fmt == Format::Lwm2mCbor {
        v.sort_by_key(|r| r.path);
    }
    v
}

/// `encode` writes `bytes` into an exact buffer and refuses a buffer one byte short with the needed size.
pub fn check_encode(fmt: Format, path: Option<&Path>, records: &[Record<'_>], bytes: &[u8]) {
    let m = model();
    let mut buf = vec![0u8; bytes.len()];
    match format::encode(fmt, records, path, m, &mut buf) {
        Ok(out) => assert!(
            out == bytes,
            "{fmt}: encode gives {}, encode_to_vec {}",
            hex(out),
            hex(bytes)
        ),
        Err(e) => panic!("{fmt}: encode into {} bytes: {e}", bytes.len()),
    }
    if let Some(short) = bytes.len().checked_sub(1) {
        let mut buf = vec![0u8; short];
        let e =
            format::encode(fmt, records, path, m, &mut buf).expect_err("a short buffer must fail");
        assert_eq!(
            e,
            Error::new(ErrorKind::BufferTooSmall, bytes.len()),
            "{fmt}: encode, buffer one byte short"
        );
    }
}
