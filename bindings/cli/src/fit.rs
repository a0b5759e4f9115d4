//! The LoRaWAN commands: `ucifi fit` and `ucifi sizes` (the fPort lookup of `decode --fport` is in `input`).
//!
//! Codec logic lives in `ucifi_codec::lorawan`; this module turns arguments and JSON into calls and prints results.

use std::fmt::Write as _;

use clap::Args;
use serde_json::{json, Value as Json};
use ucifi_codec::format::Format;
use ucifi_codec::lorawan::fit::{
    smallest_encoding, split, Budget, FitFormat, Split, AUTO_CANDIDATES,
};
use ucifi_codec::lorawan::port::{PortTable, LWM2M_CBOR_PORT, SENML_CBOR_PORT};
use ucifi_codec::lorawan::region::{max_payload, smallest_data_rate, Direction, Region};
use ucifi_codec::lorawan::sample::{sample_records, Selection};
use ucifi_codec::registry::DdfModel;
use ucifi_codec::{Error, ErrorKind, OwnedRecord, Record};

use crate::failure::Failure;
use crate::input;

/// Arguments of `ucifi fit`.
#[derive(Args)]
pub struct FitArgs {
    /// Data format of the frames, or `auto` (the default): the smallest of TLV, LwM2M-CBOR and SenML-CBOR per
    /// frame, each on its fPort.
    #[arg(long, default_value = "auto")]
    format: String,
    /// Frame budget in bytes.
    #[arg(long, required_unless_present = "region", conflicts_with = "region")]
    budget: Option<usize>,
    /// Region (EU868, US915, AU915, AS923-1..AS923-4, IN865, KR920, CN470); with --dr instead of --budget.
    #[arg(long, requires = "dr")]
    region: Option<Region>,
    /// Uplink data rate index in the region.
    #[arg(long, requires = "region")]
    dr: Option<u8>,
    /// Uplink dwell time on (AS923-x and AU915 boot with it on: pass it to size a first uplink).
    #[arg(long, requires = "region")]
    dwell: bool,
    /// Cap at the repeater-compatible 222 bytes.
    #[arg(long, requires = "region")]
    repeater: bool,
    /// Request path for formats that need one; TLV frames default to the object path (the fPort convention).
    #[arg(long)]
    path: Option<String>,
    /// Records JSON ({"records": [...]}), a file or `-` for stdin.
    input: String,
}

/// The frame budget of `--budget`, or of `--region` with `--dr`; a data rate the region does not have is a usage
/// error (the message), reported by the caller as clap reports the others.
pub fn budget(args: &FitArgs) -> Result<Budget, String> {
    match (args.budget, args.region, args.dr) {
        (Some(n), _, _) => Ok(Budget::bytes(n)),
        (None, Some(region), Some(dr)) => {
            let found = Budget::data_rate(region, dr, Direction::Uplink, args.dwell, args.repeater);
            found.ok_or_else(|| {
                let dwell = if args.dwell { " with dwell time" } else { "" };
                format!("{region} has no uplink data rate DR{dr}{dwell}")
            })
        }
        // clap requires --budget or --region with --dr
        _ => Ok(Budget::bytes(0)),
    }
}

/// `ucifi fit`: the frames as `{"frames": [{"hex", "fport", "format", "path", "records"}], "left_out": [paths]}`.
pub fn fit(args: &FitArgs, budget: Budget, model: &DdfModel) -> Result<Json, Failure> {
    let format: FitFormat = input::parse_format(&args.format, ", auto")?;
    let path = input::parse_path(args.path.as_deref())?;
    let owned = input::read_records(&args.input, model)?;
    let records: Vec<Record<'_>> = owned.iter().map(OwnedRecord::as_record).collect();
    let ports = PortTable::default();
    let mut s = split(&records, format, path.as_ref(), model, budget, &ports)?;
    let portless: Vec<usize> = s
        .frames
        .iter()
        .filter(|f| f.fport.is_none())
        .flat_map(|f| f.records.iter().copied())
        .collect();
    if let Some(&first) = portless.first() {
        if format != FitFormat::Auto || path.is_some() {
            return Err(no_port(&s, first, &records));
        }
        // `auto` chose TLV for an object without a TLV port (IPSO, core, vendor objects): those records go to the
        // smaller of the self-describing formats, which have ports and name their objects themselves.
        let subset: Vec<Record<'_>> = portless
            .iter()
            .filter_map(|&i| records.get(i).copied())
            .collect();
        let mut best: Option<Split> = None;
        for f in [Format::Lwm2mCbor, Format::SenmlCbor] {
            let t = split(&subset, FitFormat::Fixed(f), None, model, budget, &ports)?;
            let key = |s: &Split| {
                (
                    s.left_out.len(),
                    s.frames.len(),
                    s.frames.iter().map(|f| f.bytes.len()).sum::<usize>(),
                )
            };
            if best.as_ref().is_none_or(|b| key(&t) < key(b)) {
                best = Some(t);
            }
        }
        let back = |j: &usize| portless.get(*j).copied().unwrap_or(0);
        s.frames.retain(|f| f.fport.is_some());
        if let Some(b) = best {
            for mut f in b.frames {
                f.records = f.records.iter().map(back).collect();
                s.frames.push(f);
            }
            s.left_out.extend(b.left_out.iter().map(back));
            s.left_out.sort_unstable();
        }
    }
    let path_of = |i: &usize| records.get(*i).map(|r| r.path.to_string());
    let frames: Vec<Json> = s
        .frames
        .iter()
        .map(|f| {
            json!({
                "hex": hex::encode(&f.bytes),
                "fport": f.fport,
                "format": f.format.name(),
                "path": f.path.map(|p| p.to_string()),
                "records": f.records.iter().filter_map(path_of).collect::<Vec<_>>(),
            })
        })
        .collect();
    let left_out: Vec<_> = s.left_out.iter().filter_map(path_of).collect();
    Ok(json!({ "frames": frames, "left_out": left_out }))
}

/// `UNKNOWN_PORT` at record `first`: a frame of a fixed format (or at a `--path`) that no fPort of the table
/// carries, with what to do about it.
fn no_port(s: &Split, first: usize, records: &[Record<'_>]) -> Failure {
    let frame = s.frames.iter().find(|f| f.fport.is_none());
    let format = frame.map_or("", |f| f.format.name());
    let at = frame
        .and_then(|f| f.path)
        .map(|p| format!(" at {p}"))
        .unwrap_or_default();
    let object = records.get(first).map_or(0, |r| r.path.object());
    Failure::codec(
        Error::new(ErrorKind::UnknownPort, first),
        format!(
            "no fPort carries {format}{at} (records of object {object}): use --format auto, lwm2m-cbor or \
             senml-cbor (self-describing, fPorts {LWM2M_CBOR_PORT} and {SENML_CBOR_PORT}), or give the object a \
             port of its own in the application's port table (PortTable::with_entries; ports= in Python, setPorts \
             in JavaScript)"
        ),
    )
}

/// The size columns of one reading: per format, the smallest, per region the lowest DR, frames at 51 and 11 B.
fn size_row(records: &[Record<'_>], model: &DdfModel, regions: &[(Region, bool)]) -> Vec<String> {
    let mut row = Vec::new();
    for format in Format::ALL {
        let size = smallest_encoding(records, FitFormat::Fixed(*format), None, model);
        row.push(match size {
            Ok(Some(e)) => e.size.to_string(),
            _ => "—".to_string(),
        });
    }
    let best = smallest_encoding(records, FitFormat::Auto, None, model)
        .ok()
        .flatten();
    row.push(best.map_or("—".into(), |e| format!("{} {}", e.size, e.format)));
    for (region, dwell) in regions {
        let dr = best
            .and_then(|e| smallest_data_rate(*region, e.size, Direction::Uplink, *dwell, false));
        row.push(dr.map_or("—".into(), |(dr, _)| format!("DR{dr}")));
    }
    for budget in [51, 11] {
        let ports = PortTable::default();
        let s = split(
            records,
            FitFormat::Auto,
            None,
            model,
            Budget::bytes(budget),
            &ports,
        );
        row.push(match s {
            Ok(s) if s.left_out.is_empty() => s.frames.len().to_string(),
            Ok(s) => format!("{} + {} left out", s.frames.len(), s.left_out.len()),
            Err(e) => e.kind().name().to_string(),
        });
    }
    row
}

fn table_line(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

/// `ucifi sizes`: the markdown report (docs/sizes.md is its output).
pub fn sizes(model: &DdfModel) -> String {
    let regions: Vec<(Region, bool)> = [
        Region::Eu868,
        Region::Us915,
        Region::Au915,
        Region::As923_1,
        Region::In865,
        Region::Kr920,
        Region::Cn470,
    ]
    .iter()
    .map(|r| (*r, r.boot_uplink_dwell()))
    .collect();
    let mut head: Vec<String> = ["object", "name", "records"].map(String::from).to_vec();
    head.extend(Format::ALL.iter().map(|f| format!("{f} B")));
    head.push("smallest B".into());
    for (r, dwell) in &regions {
        head.push(if *dwell {
            format!("{r} dwell")
        } else {
            r.to_string()
        });
    }
    head.extend(["frames ≤ 51 B".into(), "frames ≤ 11 B".into()]);
    let rule: Vec<String> = head.iter().map(|_| "---".to_string()).collect();
    let auto: Vec<&str> = AUTO_CANDIDATES.iter().map(|f| f.name()).collect();
    let mut out = String::new();
    let _ = write!(
        out,
        "<!-- @generated by `cargo run -q -p ucifi-cli -- sizes > docs/sizes.md`; do not edit. -->\n\
         # Encoded sizes of typical uCIFI readings\n\n\
         One instance (id 0) of each uCIFI object, one record per selected resource (resource instance 0 of a \
         Multiple Resource), with deterministic plausible values (`ucifi_codec::lorawan::sample`): Integer 1, \
         Float 12.5, Boolean true, String \"abc\", Opaque 4 bytes, Time 1700000000, pulled into the registry \
         range. Real strings are often longer, and floats that are not exact binary32 values take 8 TLV bytes.\n\n\
         Sizes are FRMPayload bytes. Formats that need a path (TLV) are encoded at the object path `/ObjectID`, \
         as sent on fPort ObjectID − 3400; \"smallest\" is the smallest of {auto:?} (`fit --format auto`). A \
         region column gives the lowest uplink data rate whose payload holds the smallest encoding (\"—\": none, \
         split it), with dwell time on for the regions that boot with it. The frame columns give the number of \
         frames `fit --format auto` needs at 51 B (SF12-class) and 11 B (US915 DR0; AS923/AU915 DR2 with \
         dwell), and how many records fit no frame on their own.\n"
    );
    for (title, selection) in [
        (
            "Full readings (every readable resource)",
            Selection::Readable,
        ),
        ("Mandatory resources only", Selection::Mandatory),
    ] {
        let _ = write!(
            out,
            "\n## {title}\n\n{}{}",
            table_line(&head),
            table_line(&rule)
        );
        for object in model.objects().filter(|o| o.is_ucifi()) {
            let records: Vec<Record<'_>> = sample_records(object, 0, selection).collect();
            let mut row = vec![
                object.id.to_string(),
                object.name.to_string(),
                records.len().to_string(),
            ];
            if records.is_empty() {
                row.extend(head.iter().skip(3).map(|_| "—".to_string()));
            } else {
                row.extend(size_row(&records, model, &regions));
            }
            out.push_str(&table_line(&row));
        }
    }
    out.push_str(
        "\n## Uplink payload limits (RP002-1.0.4, bytes; `ucifi_codec::lorawan::region`)\n\n",
    );
    let drs = 0..14u8;
    let mut head = vec!["region".to_string()];
    head.extend(drs.clone().map(|dr| format!("DR{dr}")));
    out.push_str(&table_line(&head));
    out.push_str(&table_line(
        &head.iter().map(|_| "---".to_string()).collect::<Vec<_>>(),
    ));
    for region in Region::ALL
        .iter()
        .filter(|r| !matches!(r, Region::As923_2 | Region::As923_3 | Region::As923_4))
    {
        let variants: &[bool] = if region.boot_uplink_dwell() {
            &[false, true]
        } else {
            &[false]
        };
        for dwell in variants {
            let name = match (region, dwell) {
                (Region::As923_1, false) => "AS923-1..4".to_string(),
                (Region::As923_1, true) => "AS923-1..4 dwell".to_string(),
                (r, true) => format!("{r} dwell"),
                (r, false) => r.to_string(),
            };
            let mut row = vec![name];
            row.extend(drs.clone().map(|dr| {
                max_payload(*region, dr, Direction::Uplink, *dwell, false)
                    .map_or("—".into(), |n| n.to_string())
            }));
            out.push_str(&table_line(&row));
        }
    }
    out
}
