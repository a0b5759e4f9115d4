//! Conformance checks: does a device's traffic follow the object model?
//!
//! A [`Validator`] reads frames (by fPort, or by format and request path), decodes each with the model and checks
//! every record and every object instance it sees:
//!
//! | check | severity | what |
//! |---|---|---|
//! | `DECODE_ERROR` | error | the frame does not decode (error kind and byte offset) |
//! | `MISSING_MANDATORY` | error | an instance never carries a readable resource its object (at the model's version) marks mandatory |
//! | `OUT_OF_RANGE` | error | a number outside the resource's `RangeEnumeration`, or a string or opaque value whose length in bytes is |
//! | `NOT_MULTIPLE` | error | a resource instance (`/O/I/R/RI`) of a resource the model says is single |
//! | `MULTIPLE_WITHOUT_INSTANCE` | error | a multiple resource carried without a resource-instance id |
//! | `SINGLE_INSTANCE_OBJECT` | error | an instance other than 0 of an object the model says has one instance |
//! | `UNKNOWN_OBJECT` | warning | an object the model does not know |
//! | `UNKNOWN_RESOURCE` | warning | a resource the model does not know (a vendor extension, or a newer object version) |
//! | `TOO_MANY_INSTANCES` | info | more object instances than the caller's storage holds: the mandatory check skips the rest |
//!
//! The walk allocates nothing: findings go to a callback as they are found, and the instances seen live in a store
//! the caller gives ([`Slots`] over a slice; a `Vec` with the `alloc` feature). Mandatory resources are checked over
//! every frame given, so a device that spreads its resources over several uplinks is not flagged for it; call
//! [`Validator::finish`] after the last frame. With `alloc`, [`validate`] builds a whole [`Report`] (findings grouped,
//! the instances seen, a summary); with `serde` it serializes as the report JSON the front ends print.
//!
//! Types are the decoders' business: a value of another type than the model's (SenML `vs` for a float resource, a
//! TLV boolean of two bytes) stops the decode, so it is a `DECODE_ERROR` with the kind `TYPE_MISMATCH` or
//! `INVALID_VALUE_LENGTH` and the offset of the value.
//!
//! Units are the model's: the formats as decoded carry no unit of their own (SenML `u` is not kept), so the report
//! lists each resource seen with the model's unit rather than checking one. The model's `RangeEnumeration` is kept
//! only when it is a numeric `min..max` ([`Range`]); enumerations are not in the tables.
//!
//! ```
//! use ucifi_codec::validate::{Check, Source, Slots, Validator, Seen};
//! use ucifi_codec::Registry;
//! // Water meter /3424/0 over fPort 24, with only resource 9 (Leak suspected): the mandatory ones are missing.
//! let frame = [0x08, 0x00, 0x03, 0xc1, 0x09, 0x00];
//! let mut store = [Seen::EMPTY; 4];
//! let mut v = Validator::new(&Registry, Slots::new(&mut store));
//! let mut checks = Vec::new();
//! v.frame(&frame, Source::Port(24), &mut |f| checks.push(f.check));
//! v.finish(&mut |f| checks.push(f.check));
//! assert!(checks.contains(&Check::MissingMandatory));
//! ```

#[cfg(feature = "alloc")]
mod report;
#[cfg(feature = "alloc")]
mod text;

#[cfg(feature = "alloc")]
pub use report::{validate, FindingGroup, InstanceReport, Report, ResourceSeen, Summary};

use crate::error::Error;
use crate::format::{self, Format};
use crate::lorawan::port::{decode_uplink, PortTable};
use crate::path::Path;
use crate::registry::{Model, ObjectDef, Range};
use crate::value::{Record, Value};

/// How bad a finding is. A device is conformant when no finding is an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Breaks the model: a city cannot rely on the data.
    Error,
    /// Outside the model, without breaking it (vendor extensions).
    Warning,
    /// A note on the check itself.
    Info,
}

impl Severity {
    /// `"error"`, `"warning"` or `"info"`.
    pub const fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// What a finding is about (the module documentation has the table).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Check {
    /// The frame does not decode.
    DecodeError,
    /// A mandatory readable resource never seen in an instance.
    MissingMandatory,
    /// A value (or a string's or opaque value's length) outside the model's range.
    OutOfRange,
    /// A resource instance of a single resource.
    NotMultiple,
    /// A multiple resource without a resource-instance id.
    MultipleWithoutInstance,
    /// An instance other than 0 of a single-instance object.
    SingleInstanceObject,
    /// An object the model does not know.
    UnknownObject,
    /// A resource the model does not know.
    UnknownResource,
    /// More instances than the store holds.
    TooManyInstances,
}

impl Check {
    /// The stable name (`"MISSING_MANDATORY"`, …).
    pub const fn name(self) -> &'static str {
        match self {
            Check::DecodeError => "DECODE_ERROR",
            Check::MissingMandatory => "MISSING_MANDATORY",
            Check::OutOfRange => "OUT_OF_RANGE",
            Check::NotMultiple => "NOT_MULTIPLE",
            Check::MultipleWithoutInstance => "MULTIPLE_WITHOUT_INSTANCE",
            Check::SingleInstanceObject => "SINGLE_INSTANCE_OBJECT",
            Check::UnknownObject => "UNKNOWN_OBJECT",
            Check::UnknownResource => "UNKNOWN_RESOURCE",
            Check::TooManyInstances => "TOO_MANY_INSTANCES",
        }
    }

    /// The severity of this check.
    pub const fn severity(self) -> Severity {
        match self {
            Check::UnknownObject | Check::UnknownResource => Severity::Warning,
            Check::TooManyInstances => Severity::Info,
            _ => Severity::Error,
        }
    }
}

/// What was found beyond the check and the path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Detail {
    /// Nothing more.
    None,
    /// The decoder's error (kind and byte offset in the frame).
    Decode(Error),
    /// The value (or length) and the range it is outside.
    Range {
        /// The number, or the length in bytes when `length`.
        value: f64,
        /// The model's range.
        range: Range,
        /// True when `value` is the length of a string or opaque value.
        length: bool,
    },
}

/// One finding.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Finding {
    /// What it is about.
    pub check: Check,
    /// The index of the frame it was found in (for `MISSING_MANDATORY`, the last frame that carried the instance).
    pub frame: usize,
    /// The record, resource or instance at fault; `None` for decode errors.
    pub path: Option<Path>,
    /// More about it.
    pub detail: Detail,
}

impl Finding {
    /// The severity of its check.
    pub const fn severity(&self) -> Severity {
        self.check.severity()
    }
}

/// Where a frame's format and request path come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// An uplink's fPort, by the convention of [`crate::lorawan`] (default port table).
    Port(u8),
    /// A format and, for the formats that need one, the request path.
    Format(Format, Option<Path>),
}

/// Resource positions an instance can track (the largest object of the OMA registry has 67 resources).
pub const TRACKED_RESOURCES: usize = 256;

/// One object instance seen: which of its object's resources (by position in the model's table) were carried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    /// ObjectID.
    pub object: u16,
    /// Object instance id.
    pub instance: u16,
    /// Frames that carried the instance.
    pub frames: usize,
    /// Records of the instance.
    pub records: usize,
    /// The last frame that carried it.
    pub last_frame: usize,
    bits: [u64; TRACKED_RESOURCES / 64],
}

impl Seen {
    /// An unused slot (for initialising stores).
    pub const EMPTY: Seen = Seen {
        object: 0,
        instance: 0,
        frames: 0,
        records: 0,
        last_frame: 0,
        bits: [0; TRACKED_RESOURCES / 64],
    };

    fn new(object: u16, instance: u16) -> Seen {
        Seen {
            object,
            instance,
            ..Seen::EMPTY
        }
    }

    fn mark(&mut self, position: usize) {
        if let Some(word) = self.bits.get_mut(position / 64) {
            *word |= 1 << (position % 64);
        }
    }

    /// True when the resource at `position` of the object's table was carried. Positions past
    /// [`TRACKED_RESOURCES`] count as carried.
    pub fn carried(&self, position: usize) -> bool {
        self.bits
            .get(position / 64)
            .is_none_or(|w| w & (1 << (position % 64)) != 0)
    }
}

/// Where a [`Validator`] keeps the instances it has seen.
pub trait Store {
    /// The instances seen so far.
    fn seen(&self) -> &[Seen];
    /// The instance `(object, instance)`, added if new; `None` when it is new and there is no room.
    fn entry(&mut self, object: u16, instance: u16) -> Option<&mut Seen>;
}

/// A store over a caller's slice (no allocation).
#[derive(Debug)]
pub struct Slots<'s> {
    slots: &'s mut [Seen],
    used: usize,
}

impl<'s> Slots<'s> {
    /// An empty store over `slots`.
    pub fn new(slots: &'s mut [Seen]) -> Slots<'s> {
        Slots { slots, used: 0 }
    }
}

impl Store for Slots<'_> {
    fn seen(&self) -> &[Seen] {
        self.slots.get(..self.used).unwrap_or(&[])
    }

    fn entry(&mut self, object: u16, instance: u16) -> Option<&mut Seen> {
        let used = self.used;
        let at = self
            .slots
            .iter()
            .take(used)
            .position(|s| s.object == object && s.instance == instance);
        match at {
            Some(i) => self.slots.get_mut(i),
            None => {
                let slot = self.slots.get_mut(used)?;
                *slot = Seen::new(object, instance);
                self.used = used + 1;
                Some(slot)
            }
        }
    }
}

#[cfg(feature = "alloc")]
impl Store for alloc::vec::Vec<Seen> {
    fn seen(&self) -> &[Seen] {
        self
    }

    fn entry(&mut self, object: u16, instance: u16) -> Option<&mut Seen> {
        let at = self
            .iter()
            .position(|s| s.object == object && s.instance == instance);
        let at = match at {
            Some(i) => i,
            None => {
                self.push(Seen::new(object, instance));
                self.len() - 1
            }
        };
        self.get_mut(at)
    }
}

/// Checks frames of one device against a model.
#[derive(Debug)]
pub struct Validator<'m, M: Model + ?Sized, S: Store> {
    model: &'m M,
    store: S,
    frames: usize,
    failed: usize,
    full: bool,
}

impl<'m, M: Model + ?Sized, S: Store> Validator<'m, M, S> {
    /// A validator with nothing seen yet.
    pub fn new(model: &'m M, store: S) -> Self {
        Validator {
            model,
            store,
            frames: 0,
            failed: 0,
            full: false,
        }
    }

    /// Frames given so far.
    pub fn frames(&self) -> usize {
        self.frames
    }

    /// Frames that did not decode.
    pub fn failed(&self) -> usize {
        self.failed
    }

    /// The instances seen so far.
    pub fn seen(&self) -> &[Seen] {
        self.store.seen()
    }

    /// The model checked against.
    pub fn model(&self) -> &'m M {
        self.model
    }

    /// Decodes `bytes` as `source` says and checks each record, handing findings to `sink`; returns the number of
    /// records (0 for a frame that does not decode, which is a `DECODE_ERROR` finding).
    ///
    /// A frame that fails to decode adds nothing else: the records a decoder hands out before its error are checked
    /// by the decoder only after the whole frame is, so none are seen.
    pub fn frame(&mut self, bytes: &[u8], source: Source, sink: &mut dyn FnMut(Finding)) -> usize {
        let index = self.frames;
        self.frames += 1;
        let model = self.model;
        let store = &mut self.store;
        let full = &mut self.full;
        let mut check = |r: Record<'_>| check_record(&r, index, model, store, full, sink);
        let decoded = match source {
            Source::Port(fport) => {
                decode_uplink(fport, bytes, &PortTable::default(), model, &mut check)
            }
            Source::Format(f, path) => {
                format::decode_each(f, bytes, path.as_ref(), model, &mut check)
            }
        };
        match decoded {
            Ok(n) => n,
            Err(e) => {
                self.failed += 1;
                sink(Finding {
                    check: Check::DecodeError,
                    frame: index,
                    path: None,
                    detail: Detail::Decode(e),
                });
                0
            }
        }
    }

    /// After the last frame: a `MISSING_MANDATORY` finding for each mandatory readable resource of a known object
    /// that an instance never carried.
    pub fn finish(&self, sink: &mut dyn FnMut(Finding)) {
        for seen in self.store.seen() {
            let Some(object) = self.model.object(seen.object) else {
                continue;
            };
            for (at, r) in object.resources.iter().enumerate() {
                if r.mandatory() && carried_in_uplinks(r) && !seen.carried(at) {
                    sink(Finding {
                        check: Check::MissingMandatory,
                        frame: seen.last_frame,
                        path: Some(Path::resource_path(seen.object, seen.instance, r.id)),
                        detail: Detail::None,
                    });
                }
            }
        }
    }
}

/// A resource whose value a device reports: readable ones, and those the registry gives no operations (the
/// Security object). Executable and write-only resources carry no value in an uplink.
fn carried_in_uplinks(r: &crate::registry::ResourceDef) -> bool {
    r.operations().readable() || r.operations().as_str().is_empty()
}

/// The resource's position in its object's table.
fn locate(object: &ObjectDef, resource: u16) -> Option<usize> {
    object
        .resources
        .binary_search_by_key(&resource, |r| r.id)
        .ok()
}

fn check_record<M: Model + ?Sized, S: Store>(
    r: &Record<'_>,
    frame: usize,
    model: &M,
    store: &mut S,
    full: &mut bool,
    sink: &mut dyn FnMut(Finding),
) {
    let (Some(instance), Some(resource)) = (r.path.instance(), r.path.resource()) else {
        return; // a Read-Composite name above resource level: no value to check
    };
    let mut emit = |check, detail| {
        sink(Finding {
            check,
            frame,
            path: Some(r.path),
            detail,
        })
    };
    let object = model.object(r.path.object());
    let Some(object) = object else {
        emit(Check::UnknownObject, Detail::None);
        return;
    };
    if !object.multiple() && instance != 0 {
        emit(Check::SingleInstanceObject, Detail::None);
    }
    match store.entry(r.path.object(), instance) {
        Some(seen) => {
            if seen.last_frame != frame || seen.frames == 0 {
                seen.frames += 1;
            }
            seen.last_frame = frame;
            seen.records += 1;
            if let Some(at) = locate(object, resource) {
                seen.mark(at);
            }
        }
        None if !*full => {
            *full = true;
            emit(Check::TooManyInstances, Detail::None);
        }
        None => {}
    }
    let Some(def) = r.resource.or_else(|| object.resource(resource)) else {
        emit(Check::UnknownResource, Detail::None);
        return;
    };
    match (def.multiple(), r.path.resource_instance().is_some()) {
        (false, true) => emit(Check::NotMultiple, Detail::None),
        (true, false) if r.value != Value::None => {
            emit(Check::MultipleWithoutInstance, Detail::None)
        }
        _ => {}
    }
    if let Some(range) = def.range() {
        let (value, length) = match r.value {
            Value::Integer(x) | Value::Time(x) => (x as f64, false),
            Value::Unsigned(x) => (x as f64, false),
            Value::Float(x) => (x, false),
            Value::String(s) | Value::CoreLnk(s) => (s.len() as f64, true),
            Value::Opaque(b) => (b.len() as f64, true),
            Value::Boolean(_) | Value::ObjLnk(_) | Value::None => return,
        };
        if !range.contains(value) {
            emit(
                Check::OutOfRange,
                Detail::Range {
                    value,
                    range,
                    length,
                },
            );
        }
    }
}

// The tests read TLV frames.
#[cfg(all(test, feature = "tlv"))]
mod tests;
