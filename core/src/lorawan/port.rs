//! The uplink convention: which fPort carries which format and, for TLV, which object.
//!
//! A network-server decoder sees only the FRMPayload and its fPort; this table, the library's own convention, says
//! what each fPort carries, the same in every front end.
//!
//! | fPort | payload | decoded as |
//! |---|---|---|
//! | 10–39, 45–61 | TLV at the object path `/ObjectID`, fPort = ObjectID − 3400 (the 47 uCIFI objects 3410–3439, 3445–3461) | one Object Instance TLV per instance (`00` wrapper with the instance id) holding that instance's resources |
//! | [`LWM2M_CBOR_PORT`] = 100 | LwM2M-CBOR (CF 11544), self-describing | any mix of objects |
//! | [`SENML_CBOR_PORT`] = 101 | SenML-CBOR (CF 112), self-describing | any mix of objects; interoperates with LwM2M servers |
//! | user entries | any format at any base path ([`PortTable::with_entries`]) | IPSO, vendor or core objects; they override defaults |
//!
//! Why these numbers, why TLV with object-instance wrappers, and what a build without a format does with its ports:
//! the crate docs, section [Design](crate#the-fport-convention).
//!
//! A water-meter reading (`/3424/0/1` cumulated volume 12.5 m³, `/3424/0/5518` timestamp 1700000000) on fPort 24:
//!
//! ```text
//! 08 00 0d                    Object Instance 0, 13 bytes of resources follow
//!    c4 01 41 48 00 00        Resource 1, 4-byte value: float 12.5
//!    e4 15 8e 65 53 f1 00     Resource 5518 (16-bit id), 4-byte value: time 1700000000
//! ```
//!
//! ```
//! use ucifi_codec::lorawan::port::{decode_uplink, encode_uplink, PortTable};
//! use ucifi_codec::{Format, OwnedRecord, Record, Registry, Value};
//! let table = PortTable::default();
//! let frame = [0x08, 0x00, 0x0d, 0xc4, 0x01, 0x41, 0x48, 0x00, 0x00, 0xe4, 0x15, 0x8e, 0x65, 0x53, 0xf1, 0x00];
//! let mut got = Vec::new();
//! decode_uplink(24, &frame, &table, &Registry, |r| got.push(OwnedRecord::from_record(&r))).unwrap();
//! assert_eq!((got[0].path.to_string(), got[0].as_record().value), ("/3424/0/1".into(), Value::Float(12.5)));
//! assert_eq!(got[1].as_record().value, Value::Time(1_700_000_000));
//! assert_eq!(table.port_for(Format::Tlv, 3424), Some(24));
//! // and back: the port names the format and the base path
//! let records = [
//!     Record::new("/3424/0/1".parse().unwrap(), Value::Float(12.5)),
//!     Record::new("/3424/0/5518".parse().unwrap(), Value::Time(1_700_000_000)),
//! ];
//! let mut buf = [0u8; 51];
//! assert_eq!(encode_uplink(24, &records, &table, &Registry, &mut buf).unwrap(), frame);
//! ```

use crate::error::{Error, ErrorKind};
use crate::format::{self, Format};
use crate::path::Path;
use crate::registry::{is_ucifi_object, Model};
use crate::value::Record;

/// The fPort of self-describing LwM2M-CBOR uplinks.
pub const LWM2M_CBOR_PORT: u8 = 100;
/// The fPort of self-describing SenML-CBOR uplinks.
pub const SENML_CBOR_PORT: u8 = 101;
/// Default object ports are `ObjectID − OBJECT_PORT_OFFSET`.
pub const OBJECT_PORT_OFFSET: u16 = 3400;

/// The default self-describing entries (lookup, `port_for`, the CLI and `fit` read this list).
const SELF_DESCRIBING: &[PortEntry] = &[
    PortEntry::self_describing(LWM2M_CBOR_PORT, Format::Lwm2mCbor),
    PortEntry::self_describing(SENML_CBOR_PORT, Format::SenmlCbor),
];

/// What one fPort carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PortEntry {
    /// The fPort (1–223).
    pub fport: u8,
    /// The payload format.
    pub format: Format,
    /// The request path the payload is read at; `None` for self-describing formats. For TLV it names the object
    /// (`/O`: instance wrappers carry the instance ids) or the instance (`/O/I`: bare resources).
    pub base: Option<Path>,
}

impl PortEntry {
    /// `format` at the object path `/object`.
    pub const fn object(fport: u8, format: Format, object: u16) -> PortEntry {
        PortEntry {
            fport,
            format,
            base: Some(Path::object_path(object)),
        }
    }

    /// `format` at any base path.
    pub const fn at(fport: u8, format: Format, base: Path) -> PortEntry {
        PortEntry {
            fport,
            format,
            base: Some(base),
        }
    }

    /// A self-describing format (no base path).
    pub const fn self_describing(fport: u8, format: Format) -> PortEntry {
        PortEntry {
            fport,
            format,
            base: None,
        }
    }

    /// True if a frame of `format` read at `path` (the request path its encoder used) decodes through this entry.
    fn carries(&self, format: Format, path: Option<&Path>) -> bool {
        if self.format != format {
            return false;
        }
        if format.needs_path() {
            return self.base.as_ref() == path;
        }
        match (self.base, path) {
            (None, _) => true,
            (Some(base), Some(p)) => base.contains(p),
            (Some(_), None) => false,
        }
    }
}

/// The default entry of an fPort: TLV at `/ObjectID` for uCIFI objects, or a self-describing entry.
fn default_entry(fport: u8) -> Option<PortEntry> {
    if let Some(e) = SELF_DESCRIBING.iter().find(|e| e.fport == fport) {
        return Some(*e);
    }
    let object = OBJECT_PORT_OFFSET + u16::from(fport);
    (fport >= 10 && is_ucifi_object(object)).then(|| PortEntry::object(fport, Format::Tlv, object))
}

/// The default entries, in fPort order.
fn default_entries() -> impl Iterator<Item = PortEntry> {
    (1..=223).filter_map(default_entry)
}

/// fPort → format and base path: user entries first, then (unless disabled) the defaults. No allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PortTable<'a> {
    entries: &'a [PortEntry],
    defaults: bool,
}

impl Default for PortTable<'_> {
    /// The defaults only.
    fn default() -> Self {
        PortTable {
            entries: &[],
            defaults: true,
        }
    }
}

impl<'a> PortTable<'a> {
    /// User entries over the defaults: an entry replaces the default entry of its fPort.
    pub const fn with_entries(entries: &'a [PortEntry]) -> PortTable<'a> {
        PortTable {
            entries,
            defaults: true,
        }
    }

    /// User entries only, without the defaults.
    pub const fn only(entries: &'a [PortEntry]) -> PortTable<'a> {
        PortTable {
            entries,
            defaults: false,
        }
    }

    /// What `fport` carries; `None` for an fPort without an entry, and always for 0 and 224–255 (not application
    /// ports).
    pub fn lookup(&self, fport: u8) -> Option<PortEntry> {
        if !(1..=223).contains(&fport) {
            return None;
        }
        self.entries
            .iter()
            .find(|e| e.fport == fport)
            .copied()
            .or_else(|| default_entry(fport).filter(|_| self.defaults))
    }

    /// What `fport` carries, as a result.
    ///
    /// # Errors
    /// `UNKNOWN_PORT` (offset 0) when [`lookup`](Self::lookup) has no entry.
    pub fn entry(&self, fport: u8) -> Result<PortEntry, Error> {
        self.lookup(fport)
            .ok_or(Error::new(ErrorKind::UnknownPort, 0))
    }

    /// What a frame named by `request` is read as: the request's own format and path, or the entry of its fPort.
    ///
    /// # Errors
    /// `UNKNOWN_PORT` (offset 0) for an fPort without an entry, as [`entry`](Self::entry).
    pub fn resolve(&self, request: Request) -> Result<Target, Error> {
        match request {
            Request::Format(target) => Ok(target),
            Request::Port(fport) => self.entry(fport).map(Target::from),
        }
    }

    /// Every entry in force (user entries, then the defaults they do not replace).
    pub fn entries(&self) -> impl Iterator<Item = PortEntry> + '_ {
        let user = self
            .entries
            .iter()
            .copied()
            .filter(|e| (1..=223).contains(&e.fport));
        let defaults = default_entries().filter(move |_| self.defaults);
        user.chain(defaults)
            .filter(move |e| self.lookup(e.fport) == Some(*e))
    }

    /// The fPort for a frame of `format` holding records of `object`, encoded at the object path `/object` when the
    /// format needs a path (TLV) — the way `fit` encodes. `None` if no entry carries it.
    pub fn port_for(&self, format: Format, object: u16) -> Option<u8> {
        self.port_for_path(format, Some(&Path::object_path(object)))
    }

    /// The fPort for a frame of `format` encoded at request path `path`: an entry with that base path for formats
    /// that need one, a self-describing entry (or one whose base contains `path`) for the others.
    pub fn port_for_path(&self, format: Format, path: Option<&Path>) -> Option<u8> {
        self.entries()
            .find(|e| e.carries(format, path))
            .map(|e| e.fport)
    }
}

/// What a frame is read as (or written as): a format and the request path, for formats that need one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Target {
    /// The payload format.
    pub format: Format,
    /// The request path (TLV and the single-value formats need one; the self-describing formats may narrow to one).
    pub path: Option<Path>,
}

impl From<PortEntry> for Target {
    fn from(e: PortEntry) -> Target {
        Target {
            format: e.format,
            path: e.base,
        }
    }
}

impl Target {
    /// `format` at the request path `path`.
    pub const fn new(format: Format, path: Option<Path>) -> Target {
        Target { format, path }
    }

    /// Validates `bytes` and hands each record to `f` ([`format::decode_each`]); returns the record count.
    ///
    /// With `alloc`, a plain-text payload over [`format::TEXT_SCRATCH`] bytes gets a heap scratch buffer instead
    /// of `BUFFER_TOO_SMALL`, so every payload [`format::decode_owned`] reads is read here, borrowed and in one pass.
    ///
    /// # Errors
    /// As [`format::decode_each`].
    pub fn decode_each<M: Model + ?Sized, F: FnMut(Record<'_>)>(
        &self,
        bytes: &[u8],
        model: &M,
        f: F,
    ) -> Result<usize, Error> {
        #[cfg(all(feature = "alloc", feature = "text"))]
        if let (Format::Text, Some(p)) = (self.format, self.path.as_ref()) {
            if bytes.len() > format::TEXT_SCRATCH {
                let mut scratch = alloc::vec![0u8; bytes.len()];
                let mut f = f;
                f(crate::single::text::decode(bytes, p, model, &mut scratch)?);
                return Ok(1);
            }
        }
        format::decode_each(self.format, bytes, self.path.as_ref(), model, f)
    }

    /// Encodes `records` into `out` ([`format::encode`]); returns the written prefix.
    ///
    /// # Errors
    /// As [`format::encode`].
    pub fn encode<'b, M: Model + ?Sized>(
        &self,
        records: &[Record<'_>],
        model: &M,
        out: &'b mut [u8],
    ) -> Result<&'b [u8], Error> {
        format::encode(self.format, records, self.path.as_ref(), model, out)
    }
}

/// How a front end names a [`Target`]: directly (a format and a path), or by the fPort a frame came on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Request {
    /// A format at a request path.
    Format(Target),
    /// The entry of this fPort in the table ([`PortTable::resolve`]).
    Port(u8),
}

/// Decodes an uplink by the convention: looks up `fport` in `table`, then validates `bytes` in that entry's format
/// at its base path and hands each record to `f`, without allocating. Returns the record count.
///
/// # Errors
/// `UNKNOWN_PORT` (offset 0) when the table has no entry for `fport`; `UNKNOWN_FORMAT` (offset 0) when this build
/// leaves the entry's format out; otherwise the format's decode errors.
pub fn decode_uplink<M: Model + ?Sized, F: FnMut(Record<'_>)>(
    fport: u8,
    bytes: &[u8],
    table: &PortTable<'_>,
    model: &M,
    f: F,
) -> Result<usize, Error> {
    table
        .resolve(Request::Port(fport))?
        .decode_each(bytes, model, f)
}

/// Encodes `records` for `fport` by the convention into `out`; returns the written prefix.
///
/// # Errors
/// `UNKNOWN_PORT` (offset 0) when the table has no entry for `fport`; otherwise as
/// [`format::encode`] (`UNKNOWN_FORMAT` for a format this build leaves out, `PATH_MISMATCH` for a record
/// outside the port's base path).
pub fn encode_uplink<'b, M: Model + ?Sized>(
    fport: u8,
    records: &[Record<'_>],
    table: &PortTable<'_>,
    model: &M,
    out: &'b mut [u8],
) -> Result<&'b [u8], Error> {
    table
        .resolve(Request::Port(fport))?
        .encode(records, model, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::Registry;
    #[cfg(all(feature = "alloc", feature = "tlv"))]
    use crate::value::Value;

    #[test]
    fn default_ports_are_objectid_minus_3400() {
        let table = PortTable::default();
        let mut ports = 0;
        for object in Registry.objects().filter(|o| o.is_ucifi()) {
            let port = (object.id - 3400) as u8;
            assert_eq!(
                table.lookup(port),
                Some(PortEntry::object(port, Format::Tlv, object.id))
            );
            assert_eq!(table.port_for(Format::Tlv, object.id), Some(port));
            ports += 1;
        }
        assert_eq!(ports, 47);
        assert_eq!(table.entries().count(), 47 + SELF_DESCRIBING.len());
        for free in [0, 1, 9, 40, 41, 42, 43, 44, 62, 99, 200, 223, 224, 255] {
            assert_eq!(table.lookup(free), None, "{free}");
        }
        // The self-describing ports lie outside every object port the formula can give.
        for p in [LWM2M_CBOR_PORT, SENML_CBOR_PORT] {
            assert!(p > 99 && !(200..=202).contains(&p) && p < 224);
        }
        assert_eq!(table.port_for(Format::Tlv, 3303), None); // IPSO: no default
    }

    #[test]
    fn user_entries_override_defaults() {
        let entries = [
            PortEntry::object(24, Format::Tlv, 3303),
            PortEntry::at(70, Format::Tlv, Path::instance_path(3303, 0)),
            PortEntry::object(0, Format::Tlv, 3304),
        ];
        let table = PortTable::with_entries(&entries);
        assert_eq!(table.lookup(24), Some(entries[0]));
        assert_eq!(table.lookup(0), None);
        // 3424's default port is taken by the user entry, so water-meter TLV has no port any more.
        assert_eq!(table.port_for(Format::Tlv, 3424), None);
        assert_eq!(table.port_for(Format::Tlv, 3303), Some(24));
        assert_eq!(
            table.port_for_path(Format::Tlv, Some(&Path::instance_path(3303, 0))),
            Some(70)
        );
        assert_eq!(table.port_for(Format::Tlv, 3411), Some(11));
        assert_eq!(PortTable::only(&entries).lookup(11), None);
        assert_eq!(PortTable::only(&entries).entries().count(), 2);
    }

    #[test]
    fn requests_resolve_through_the_table() {
        let entries = [PortEntry::at(70, Format::Tlv, Path::instance_path(3303, 0))];
        let table = PortTable::with_entries(&entries);
        let direct = Target::new(Format::SenmlCbor, None);
        assert_eq!(table.resolve(Request::Format(direct)), Ok(direct));
        assert_eq!(
            table.resolve(Request::Port(70)),
            Ok(Target::new(Format::Tlv, Some(Path::instance_path(3303, 0))))
        );
        assert_eq!(
            table.resolve(Request::Port(SENML_CBOR_PORT)),
            Ok(Target::new(Format::SenmlCbor, None))
        );
        for none in [0, 44, 224] {
            let e = table.resolve(Request::Port(none)).unwrap_err();
            assert_eq!((e.kind(), e.offset()), (ErrorKind::UnknownPort, 0));
        }
    }

    #[test]
    #[cfg(all(feature = "alloc", feature = "text"))]
    fn a_long_text_payload_reads_through_a_target() {
        // /3/0/0 (Manufacturer, a string) as 1000 characters of text: past the stack scratch of `decode_each`.
        let text = alloc::vec![b'a'; format::TEXT_SCRATCH + 232];
        let target = Target::new(Format::Text, Some(Path::resource_path(3, 0, 0)));
        let mut len = 0;
        let n = target
            .decode_each(&text, &Registry, |r| {
                if let crate::value::Value::String(s) = r.value {
                    len = s.len();
                }
            })
            .unwrap();
        assert_eq!((n, len), (1, text.len()));
    }

    #[test]
    #[cfg(all(feature = "alloc", feature = "tlv"))]
    fn decode_and_encode_through_the_table() {
        let table = PortTable::default();
        // Two Battery (3411) instances on fPort 11: level 87 % and 12 %.
        let frame = [0x03, 0x00, 0xc1, 0x01, 0x57, 0x03, 0x01, 0xc1, 0x01, 0x0c];
        let mut owned = Vec::new();
        let n = decode_uplink(11, &frame, &table, &Registry, |r| {
            owned.push(crate::value::OwnedRecord::from_record(&r))
        })
        .unwrap();
        let got: Vec<_> = owned
            .iter()
            .map(|o| (o.path, o.as_record().value))
            .collect();
        assert_eq!(n, 2);
        assert_eq!(
            got,
            [
                (Path::resource_path(3411, 0, 1), Value::Integer(87)),
                (Path::resource_path(3411, 1, 1), Value::Integer(12)),
            ]
        );
        let records: Vec<_> = got.iter().map(|(p, v)| Record::new(*p, *v)).collect();
        let mut buf = [0u8; 11];
        assert_eq!(
            encode_uplink(11, &records, &table, &Registry, &mut buf).unwrap(),
            frame
        );
        let e = decode_uplink(44, &frame, &table, &Registry, |_| {}).unwrap_err();
        assert_eq!((e.kind(), e.offset()), (ErrorKind::UnknownPort, 0));
        // The same bytes on another object's port are read as that object: Battery's ids mean something else there.
        let e = encode_uplink(24, &records, &table, &Registry, &mut buf).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::PathMismatch);
    }
}
