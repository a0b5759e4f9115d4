//! The whole report of one device (feature `alloc`; JSON with `serde`).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::{Check, Detail, Finding, Seen, Severity, Source, Validator};
use crate::path::Path;
use crate::registry::Model;

/// Findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Summary {
    /// Error findings (each occurrence counted).
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Info findings.
    pub infos: usize,
}

/// One resource an instance carried, as the model describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ResourceSeen {
    /// Resource id.
    pub id: u16,
    /// The model's name.
    pub name: String,
    /// The model's type.
    #[cfg_attr(feature = "serde", serde(rename = "type"))]
    pub data_type: &'static str,
    /// The model's unit (left out when it gives none).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub unit: Option<String>,
    /// Mandatory in the model.
    pub mandatory: bool,
}

/// One object instance the frames carried.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct InstanceReport {
    /// `/O/I`.
    pub path: String,
    /// The object's name (left out for an object the model does not know).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub name: Option<String>,
    /// The object version the check used (the model's).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub version: Option<String>,
    /// Frames that carried the instance.
    pub frames: usize,
    /// Records of the instance.
    pub records: usize,
    /// The model's resources the instance carried, by id.
    pub resources: Vec<ResourceSeen>,
    /// Mandatory readable resources never carried.
    pub missing_mandatory: Vec<u16>,
}

/// Findings of one check at one path (a decode error kind, for frames that fail), counted over the frames.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct FindingGroup {
    /// `"error"`, `"warning"` or `"info"`.
    pub severity: &'static str,
    /// The check's stable name.
    pub check: &'static str,
    /// The record, resource or instance path (left out for decode errors).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub path: Option<String>,
    /// The resource's (or object's) name in the model, when it knows it.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub name: Option<String>,
    /// The first frame (0-based) it was found in.
    pub frame: usize,
    /// How many times it was found.
    pub count: usize,
    /// One line for people.
    pub message: String,
    /// Decode errors: the error kind.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub kind: Option<&'static str>,
    /// Decode errors: the byte offset in the frame.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub offset: Option<usize>,
    /// Out of range: the (first) value, or length in bytes.
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "Option::is_none", serialize_with = "number")
    )]
    pub value: Option<f64>,
    /// Out of range: the model's minimum.
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "Option::is_none", serialize_with = "number")
    )]
    pub min: Option<f64>,
    /// Out of range: the model's maximum.
    #[cfg_attr(
        feature = "serde",
        serde(skip_serializing_if = "Option::is_none", serialize_with = "number")
    )]
    pub max: Option<f64>,
    /// Out of range: true when `value` is a length in bytes.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub length: Option<bool>,
}

impl FindingGroup {
    /// True for an error finding.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error.name()
    }
}

/// Integral numbers as JSON integers (`150`, not `150.0`), others as floats; non-finite ones as strings.
#[cfg(feature = "serde")]
fn number<S: serde::Serializer>(x: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match *x {
        Some(v) if v.is_nan() => s.serialize_str("NaN"),
        Some(v) if v.is_infinite() => {
            s.serialize_str(if v > 0.0 { "Infinity" } else { "-Infinity" })
        }
        Some(v) => match integral(v) {
            Some(i) => s.serialize_i64(i),
            None => s.serialize_f64(v),
        },
        None => s.serialize_none(),
    }
}

/// The conformance report of one device.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Report {
    /// The device, when the caller names it.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub device: Option<String>,
    /// No error finding.
    pub conformant: bool,
    /// Frames checked.
    pub frames: usize,
    /// Frames that did not decode.
    pub failed_frames: usize,
    /// Findings by severity.
    pub summary: Summary,
    /// The object instances seen, in order of first appearance.
    pub instances: Vec<InstanceReport>,
    /// The findings grouped by check and path, errors first, then in order of first appearance.
    pub findings: Vec<FindingGroup>,
}

/// Checks `frames` of one device against `model` and builds the report.
///
/// ```
/// use ucifi_codec::validate::{validate, Source};
/// use ucifi_codec::Registry;
/// // Water meter /3424/0 over fPort 24: Leak suspected (9) and the quality indicator 6042 = 42, outside 0..23;
/// // the mandatory resource 1 is missing.
/// let frame = hex::decode("0700c10901e1179a2a").unwrap();
/// let report = validate(&Registry, [(&frame[..], Source::Port(24))]);
/// assert!(!report.conformant);
/// let checks: Vec<_> = report.findings.iter().map(|f| (f.check, f.path.as_deref())).collect();
/// assert_eq!(checks, [("OUT_OF_RANGE", Some("/3424/0/6042")), ("MISSING_MANDATORY", Some("/3424/0/1"))]);
/// ```
pub fn validate<'a, M, I>(model: &M, frames: I) -> Report
where
    M: Model + ?Sized,
    I: IntoIterator<Item = (&'a [u8], Source)>,
{
    let mut found: Vec<Finding> = Vec::new();
    let mut v = Validator::new(model, Vec::<Seen>::new());
    for (bytes, source) in frames {
        v.frame(bytes, source, &mut |f| found.push(f));
    }
    v.finish(&mut |f| found.push(f));
    build(&v, &found)
}

fn build<M: Model + ?Sized>(v: &Validator<'_, M, Vec<Seen>>, found: &[Finding]) -> Report {
    let model = v.model();
    let mut summary = Summary::default();
    let mut groups: Vec<(Finding, FindingGroup)> = Vec::new();
    for f in found {
        match f.severity() {
            Severity::Error => summary.errors += 1,
            Severity::Warning => summary.warnings += 1,
            Severity::Info => summary.infos += 1,
        }
        let same = |g: &&mut (Finding, FindingGroup)| {
            g.0.check == f.check
                && g.0.path == f.path
                && match (g.0.detail, f.detail) {
                    (Detail::Decode(a), Detail::Decode(b)) => a.kind() == b.kind(),
                    _ => true,
                }
        };
        match groups.iter_mut().find(same) {
            Some(g) => g.1.count += 1,
            None => groups.push((*f, group(f, model))),
        }
    }
    // Errors first, the order kept within each part.
    let (mut findings, rest): (Vec<FindingGroup>, Vec<FindingGroup>) = groups
        .into_iter()
        .map(|(_, g)| g)
        .partition(|g| g.severity == Severity::Error.name());
    findings.extend(rest);
    let instances = v.seen().iter().map(|s| instance(s, model, found)).collect();
    Report {
        device: None,
        conformant: summary.errors == 0,
        frames: v.frames(),
        failed_frames: v.failed(),
        summary,
        instances,
        findings,
    }
}

fn instance<M: Model + ?Sized>(s: &Seen, model: &M, found: &[Finding]) -> InstanceReport {
    let object = model.object(s.object);
    let resources = object
        .map(|o| {
            o.resources
                .iter()
                .enumerate()
                .filter(|(at, _)| s.carried(*at))
                .map(|(_, r)| ResourceSeen {
                    id: r.id,
                    name: r.name().to_string(),
                    data_type: r.data_type().name(),
                    unit: (!r.units().is_empty()).then(|| r.units().to_string()),
                    mandatory: r.mandatory(),
                })
                .collect()
        })
        .unwrap_or_default();
    let missing_mandatory = found
        .iter()
        .filter(|f| f.check == Check::MissingMandatory)
        .filter_map(|f| f.path)
        .filter(|p| p.object() == s.object && p.instance() == Some(s.instance))
        .filter_map(|p| p.resource())
        .collect();
    InstanceReport {
        path: Path::instance_path(s.object, s.instance).to_string(),
        name: object.map(|o| o.name().to_string()),
        version: object.map(|o| o.version().to_string()),
        frames: s.frames,
        records: s.records,
        resources,
        missing_mandatory,
    }
}

fn group<M: Model + ?Sized>(f: &Finding, model: &M) -> FindingGroup {
    let object = f.path.and_then(|p| model.object(p.object()));
    let resource = f
        .path
        .and_then(|p| p.resource())
        .and_then(|id| object.and_then(|o| o.resource(id)));
    let name = match (resource, object) {
        (Some(r), _) => Some(r.name().to_string()),
        (None, Some(o)) => Some(o.name().to_string()),
        (None, None) => None,
    };
    let mut g = FindingGroup {
        severity: f.severity().name(),
        check: f.check.name(),
        path: f.path.map(|p| p.to_string()),
        name,
        frame: f.frame,
        count: 1,
        message: String::new(),
        kind: None,
        offset: None,
        value: None,
        min: None,
        max: None,
        length: None,
    };
    let object_text = |id: u16| match object {
        Some(o) => format!("object {id} ({} version {})", o.name(), o.version()),
        None => format!("object {id}"),
    };
    let path_id = |level| f.path.map(|p| p.id(level)).unwrap_or_default();
    g.message = match (f.check, f.detail) {
        (Check::DecodeError, Detail::Decode(e)) => {
            g.kind = Some(e.kind().name());
            g.offset = Some(e.offset());
            format!(
                "the frame does not decode: {} at byte {} ({})",
                e.kind().name(),
                e.offset(),
                e.kind().message()
            )
        }
        (
            Check::OutOfRange,
            Detail::Range {
                value,
                range,
                length,
            },
        ) => {
            g.value = Some(value);
            g.min = Some(range.min);
            g.max = Some(range.max);
            g.length = Some(length);
            let what = if length { "length in bytes" } else { "value" };
            format!(
                "{what} {} outside the model's range {}..{}",
                Num(value),
                Num(range.min),
                Num(range.max)
            )
        }
        (Check::MissingMandatory, _) => format!(
            "mandatory in {}, never carried",
            object_text(path_id(0))
        ),
        (Check::NotMultiple, _) => {
            "a single resource carried as a resource instance".to_string()
        }
        (Check::MultipleWithoutInstance, _) => {
            "a multiple resource carried without a resource-instance id".to_string()
        }
        (Check::SingleInstanceObject, _) => format!(
            "{} has a single instance, 0",
            object_text(path_id(0))
        ),
        (Check::UnknownObject, _) => format!("object {} is not in the model", path_id(0)),
        (Check::UnknownResource, _) => format!(
            "resource {} is not in {}",
            path_id(2),
            object_text(path_id(0))
        ),
        (Check::TooManyInstances, _) => {
            "more object instances than the validator's store holds: later ones are not checked for mandatory resources"
                .to_string()
        }
        (check, _) => check.name().to_string(),
    };
    g
}

/// A number as people write it: `150`, `0.5`.
pub(super) struct Num(pub f64);

impl core::fmt::Display for Num {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match integral(self.0) {
            Some(i) => write!(f, "{i}"),
            None => write!(f, "{}", crate::float_text::Shortest(self.0)),
        }
    }
}

/// `x` as an integer when it is one that f64 holds exactly (|x| < 2^53).
fn integral(x: f64) -> Option<i64> {
    const LIMIT: i64 = 1 << 53;
    let i = x as i64; // saturates; NaN gives 0
    (i as f64 == x && -LIMIT < i && i < LIMIT).then_some(i)
}
