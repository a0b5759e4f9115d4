//! `ucifi-codegen`: generates the built-in object tables of `ucifi-codec` from the project's registry snapshot.
//!
//! ```text
//! ucifi-codegen [--snapshot FILE] [--from-ddf DIR] [--out DIR] [--check]
//! ```
//!
//! The input is `core/codegen/registry.json`, a facts-only snapshot of the OMA LwM2M registry committed with the
//! project (ids, names, versions, types, operations, multiplicity, mandatory flags, units, RangeEnumeration texts:
//! [`snapshot`]). Two files are written into `--out`: `generated.rs` (the default set: LwM2M core objects 0–7, the 47
//! uCIFI objects and the IPSO objects they build on) and `generated_full.rs` (every other object, compiled with the
//! `registry-full` feature). Output is deterministic; files whose content did not change are not rewritten.
//!
//! It also writes the error kinds of the core's table (`ucifi_codec::ErrorKind::ALL`) into the marked sections of the
//! Python stub and the TypeScript declarations ([`errors`]), so that every language lists the same kinds, and the C
//! library's codes and id header ([`c_api`]: `bindings/c/src/generated.rs`, `bindings/c/include/ucifi_ids.h`).
//!
//! `--from-ddf DIR` refreshes the snapshot from a checkout of the registry (its `<ObjectID>.xml` files, parsed with
//! the codec's own DDF parser [`ucifi_codec::registry::parse_ddf`], and a `SNAPSHOT` file whose first word is the
//! registry commit) before generating. `--check` writes nothing: it exits 1 naming each file (tables, or the snapshot
//! with `--from-ddf`) that differs from what would be written (for CI), 0 when all are up to date. Other failures
//! exit 2.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Parser;
use ucifi_codec::is_ucifi_object;
use ucifi_codec::registry::{parse_ddf, DdfObject};

mod c_api;
mod errors;
mod render;
mod snapshot;

use snapshot::Snapshot;

/// LwM2M core objects in the default set: Security, Server, Access Control, Device, Connectivity Monitoring,
/// Firmware Update, Location, Connectivity Statistics.
const CORE_OBJECTS: core::ops::RangeInclusive<u16> = 0..=7;

/// IPSO objects the uCIFI objects build on, kept in the default set so that uCIFI devices decode without the
/// `registry-full` feature (found by reading the uCIFI DDF descriptions for references to IPSO objects):
/// - 3302 Presence: the program scheduler (3452), input filter (3455) and distributed sensor group (3459) take their
///   sensor inputs as core links to presence states (`/3302/x/5500`).
/// - 3303 Temperature: the WBGT sensor (3450) is described as an extension of it.
/// - 3332 Direction: the roll-over sensor (3451) is described as complementing it.
const IPSO_REUSED: [u16; 3] = [3302, 3303, 3332];

/// Generates the ucifi-codec registry tables from the project's snapshot of the OMA LwM2M registry.
#[derive(Parser, Debug)]
#[command(name = "ucifi-codegen", version, about)]
struct Args {
    /// The registry facts snapshot [default: <workspace>/core/codegen/registry.json]
    #[arg(long, value_name = "FILE")]
    snapshot: Option<PathBuf>,
    /// Refresh the snapshot from a registry checkout (`<ObjectID>.xml` files and a SNAPSHOT file) first
    #[arg(long, value_name = "DIR")]
    from_ddf: Option<PathBuf>,
    /// Where generated.rs and generated_full.rs go [default: <workspace>/core/src/registry]
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Write nothing; exit 1 if a file on disk differs from what would be written.
    #[arg(long)]
    check: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    match run(&args) {
        Ok(code) => code,
        Err(message) => {
            eprintln!("ucifi-codegen: error: {message}");
            ExitCode::from(2)
        }
    }
}

fn workspace_root() -> PathBuf {
    let codegen = Path::new(env!("CARGO_MANIFEST_DIR"));
    codegen
        .parent()
        .and_then(Path::parent)
        .unwrap_or(codegen)
        .to_path_buf()
}

fn run(args: &Args) -> Result<ExitCode, String> {
    let root = workspace_root();
    let snapshot_path = args
        .snapshot
        .clone()
        .unwrap_or_else(|| root.join("core").join("codegen").join("registry.json"));
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| root.join("core").join("src").join("registry"));

    let mut differs = false;
    let facts = match &args.from_ddf {
        Some(registry) => {
            let facts =
                Snapshot::from_objects(&read_registry(registry)?, &registry_commit(registry)?);
            let (path, text) = (&snapshot_path, facts.render());
            let what = format!("{} objects", facts.objects.len());
            differs |= write_or_check(args.check, path, &text, &what)?;
            facts
        }
        None => {
            let text = std::fs::read_to_string(&snapshot_path)
                .map_err(|e| format!("{}: {e}", snapshot_path.display()))?;
            Snapshot::parse(&text).map_err(|e| format!("{}: {e}", snapshot_path.display()))?
        }
    };
    let commit = facts.commit.clone();
    let objects = facts
        .to_objects()
        .map_err(|e| format!("{}: {e}", snapshot_path.display()))?;
    let (default, full): (Vec<&DdfObject>, Vec<&DdfObject>) =
        objects.values().partition(|o| in_default_set(o.id));

    let wanted = (3410..=3439).chain(3445..=3461).chain(IPSO_REUSED);
    let missing: Vec<String> = wanted
        .filter(|id| !objects.contains_key(id))
        .map(|id| id.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "{}: objects missing from the registry: {}",
            snapshot_path.display(),
            missing.join(", ")
        ));
    }

    let files = [
        (
            "generated.rs",
            render::render(
                &default,
                &commit,
                "Default set: LwM2M core objects 0-7, uCIFI objects, IPSO objects uCIFI reuses",
            ),
            default.len(),
        ),
        (
            "generated_full.rs",
            render::render(
                &full,
                &commit,
                "Full set: every other object of the registry (feature registry-full)",
            ),
            full.len(),
        ),
    ];

    for (name, text, count) in &files {
        let what = format!("{count} objects");
        differs |= write_or_check(args.check, &out.join(name), text, &what)?;
    }
    for section in errors::sections() {
        let path = root.join(section.path);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let text = errors::replace_section(&text, &section.lines)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let what = format!("{} error kinds", section.lines.len());
        differs |= write_or_check(args.check, &path, &text, &what)?;
    }
    let c_files = [
        (c_api::GENERATED_RS, c_api::generated_rs(), "C codes"),
        (c_api::IDS_H, c_api::ids_h(&default)?, "C ids"),
    ];
    for (relative, text, what) in c_files {
        differs |= write_or_check(args.check, &root.join(relative), &text, what)?;
    }
    if args.check && !differs {
        eprintln!("ucifi-codegen: generated files are up to date (registry {commit})");
    }
    Ok(if differs {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Writes `text` to `path` unless it is already there; with `check`, only compares. True when `check` finds the
/// file stale.
fn write_or_check(check: bool, path: &Path, text: &str, what: &str) -> Result<bool, String> {
    let same = std::fs::read_to_string(path).ok().as_deref() == Some(text);
    if check {
        if !same {
            eprintln!(
                "ucifi-codegen: {} differs from what would be generated (run `cargo run -p ucifi-codegen`)",
                path.display()
            );
        }
    } else if same {
        eprintln!("ucifi-codegen: {} up to date ({what})", path.display());
    } else {
        std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("ucifi-codegen: wrote {} ({what})", path.display());
    }
    Ok(check && !same)
}

fn in_default_set(id: u16) -> bool {
    CORE_OBJECTS.contains(&id) || is_ucifi_object(id) || IPSO_REUSED.contains(&id)
}

/// The registry commit: the first word of the checkout's SNAPSHOT file.
fn registry_commit(registry: &Path) -> Result<String, String> {
    let path = registry.join("SNAPSHOT");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    match text.split_whitespace().next() {
        Some(word) => Ok(word.to_owned()),
        None => Err(format!("{}: empty", path.display())),
    }
}

/// Every object of every `<digits>.xml` file, by id. The same ObjectID twice: the higher ObjectVersion wins.
fn read_registry(dir: &Path) -> Result<BTreeMap<u16, DdfObject>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut files: Vec<(u64, String)> = Vec::new();
    for entry in entries {
        let name = entry
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .file_name()
            .to_string_lossy()
            .into_owned();
        let number = name
            .strip_suffix(".xml")
            .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
        if let Some(n) = number.and_then(|s| s.parse::<u64>().ok()) {
            files.push((n, name));
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(format!("{}: no <ObjectID>.xml files", dir.display()));
    }

    let mut objects: BTreeMap<u16, (DdfObject, String)> = BTreeMap::new();
    for (number, name) in files {
        let path = dir.join(&name);
        let xml = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let parsed = parse_ddf(&xml).map_err(|e| {
            let line = xml.get(..e.offset()).map_or(0, |s| s.matches('\n').count()) + 1;
            format!("{}:{line}: {e}", path.display())
        })?;
        for object in parsed {
            if u64::from(object.id) != number {
                eprintln!("ucifi-codegen: note: {name} defines ObjectID {}", object.id);
            }
            match objects.get(&object.id) {
                Some((kept, from))
                    if version_key(&kept.version) >= version_key(&object.version) =>
                {
                    eprintln!(
                        "ucifi-codegen: ObjectID {} in {from} (version {}) and {name} (version {}): keeping {from}",
                        object.id, kept.version, object.version
                    );
                }
                previous => {
                    if let Some((kept, from)) = previous {
                        eprintln!(
                            "ucifi-codegen: ObjectID {} in {from} (version {}) and {name} (version {}): keeping {name}",
                            object.id, kept.version, object.version
                        );
                    }
                    objects.insert(object.id, (object, name.clone()));
                }
            }
        }
    }
    Ok(objects
        .into_iter()
        .map(|(id, (object, _))| (id, object))
        .collect())
}

/// `"1.10"` > `"1.9"`, `"1"` = `"1.0"`: the dot-separated parts as numbers (a part that is not a number counts as
/// 0), trailing zeros dropped.
fn version_key(version: &str) -> Vec<u64> {
    let mut key: Vec<u64> = version
        .split('.')
        .map(|part| part.trim().parse().unwrap_or(0))
        .collect();
    while key.last() == Some(&0) {
        key.pop();
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_numerically() {
        assert!(version_key("1.10") > version_key("1.9"));
        assert!(version_key("2.0") > version_key("1.99"));
        assert_eq!(version_key("1.0"), version_key("1"));
    }

    #[test]
    fn default_set() {
        assert!(
            in_default_set(3)
                && in_default_set(3424)
                && in_default_set(3303)
                && in_default_set(3332)
        );
        assert!(!in_default_set(3300) && !in_default_set(3440) && !in_default_set(8));
    }
}
