//! `ucifi formatter`: prints a self-contained plain-JS TS013 payload formatter for The Things Stack or ChirpStack.
//!
//! The file holds the codec core itself, compiled to WebAssembly and turned into ES5 by wasm2js at build time
//! (`bindings/js-formatter/build.sh`, committed in `bindings/js-formatter/dist/`), plus the tables this command makes
//! from the model for the chosen objects: names, `data` keys, units and types. Only the tables depend on the
//! options, so `--objects` changes the size and nothing else. See `bindings/js-formatter/README.md`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde_json::json;
use ucifi_codec::registry::DdfModel;
use ucifi_codec::{is_ucifi_object, DataType, Error, ErrorKind, ObjectDef};

use crate::Failure;

/// The core with TLV only (the uCIFI object ports).
const CORE_TLV: &str = include_str!("../../js-formatter/dist/core-tlv.js");
/// The core with TLV, LwM2M-CBOR and SenML-CBOR (every port of the default convention).
const CORE_LORAWAN: &str = include_str!("../../js-formatter/dist/core-lorawan.js");
/// The DEFLATE + basE91 bootstrap of compressed files.
const INFLATE: &str = include_str!("../../js-formatter/dist/inflate.js");

/// Top-level `data` keys that are not objects (bindings/wasm/README.md).
const RESERVED: [&str; 3] = ["units", "types", "time"];

/// Arguments of `ucifi formatter`.
#[derive(Args)]
pub struct FormatterArgs {
    /// Objects whose names, units and types go into the file: ids and ranges (`3424,3410-3415`), `ucifi` (the 47
    /// uCIFI objects) or `all` (every object of the model). Default: the uCIFI objects and those loaded with --ddf.
    #[arg(long, value_name = "LIST")]
    objects: Option<String>,
    /// Where the file runs: The Things Stack (ES5.1, at most 40,960 bytes) or ChirpStack v4.
    #[arg(long, value_enum, default_value_t = NetworkServer::Tts)]
    target: NetworkServer,
    /// Formats compiled in: `tlv` (the uCIFI object ports 10-61) or `lorawan` (also LwM2M-CBOR on fPort 100 and
    /// SenML-CBOR on 101). Default: tlv for tts (to fit 40,960 bytes), lorawan for chirpstack.
    #[arg(long, value_enum)]
    formats: Option<Formats>,
    /// Compress the code (DEFLATE + basE91, inflated on the first call of each script run). Default: yes for tts,
    /// no for chirpstack.
    #[arg(long, value_name = "BOOL")]
    compress: Option<bool>,
    /// Use this core (a `bindings/js-formatter/build.sh` output) instead of the built-in one (tests).
    #[arg(long, hide = true, value_name = "FILE")]
    core: Option<PathBuf>,
}

/// A network server.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NetworkServer {
    /// The Things Stack (goja, ES5.1, 40,960-byte limit).
    Tts,
    /// ChirpStack v4 (QuickJS).
    Chirpstack,
}

/// A set of formats compiled into the core.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Formats {
    /// TLV: the uCIFI object ports.
    Tlv,
    /// TLV, LwM2M-CBOR (fPort 100) and SenML-CBOR (fPort 101).
    Lorawan,
}

/// A failure of the options (reported as `INVALID_PATH` at 0, as `ucifi objects` reports an unknown object).
fn failure(message: String) -> Failure {
    Failure {
        error: Error::new(ErrorKind::InvalidPath, 0),
        message,
    }
}

/// The objects `--objects` names (sorted by id).
fn chosen<'m>(list: Option<&str>, model: &'m DdfModel) -> Result<Vec<&'m ObjectDef>, Failure> {
    let loaded: Vec<u16> = model.loaded().map(|o| o.id).collect();
    let Some(list) = list else {
        return Ok(model
            .objects()
            .filter(|o| is_ucifi_object(o.id) || loaded.contains(&o.id))
            .collect());
    };
    let mut ids: Vec<u16> = Vec::new();
    for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part {
            "all" => ids.extend(model.objects().map(|o| o.id)),
            "ucifi" => ids.extend(model.objects().filter(|o| o.is_ucifi()).map(|o| o.id)),
            _ => {
                let bad = || {
                    failure(format!(
                        "--objects: {part:?} is not an id, a range a-b, `ucifi` or `all`"
                    ))
                };
                let (a, b) = part.split_once('-').unwrap_or((part, part));
                let a: u16 = a.trim().parse().map_err(|_| bad())?;
                let b: u16 = b.trim().parse().map_err(|_| bad())?;
                if a > b {
                    return Err(bad());
                }
                for id in a..=b {
                    if model.objects().any(|o| o.id == id) {
                        ids.push(id);
                    } else if a == b {
                        return Err(failure(format!(
                            "--objects: object {id} is not in the model"
                        )));
                    }
                }
            }
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(model.objects().filter(|o| ids.contains(&o.id)).collect())
}

/// A name can be a `data` key if it cannot be mistaken for an id.
fn usable(name: &str) -> bool {
    !name.is_empty() && !name.bytes().all(|b| b.is_ascii_digit())
}

/// A name in the tables: `!` marks one that `data` keys by id (not unique, all digits or reserved).
fn keyed(name: &str, by_name: bool) -> String {
    if by_name {
        name.to_string()
    } else {
        format!("!{name}")
    }
}

/// Checks that a table text has none of the table's separators.
fn plain(text: &str, what: &str) -> Result<(), Failure> {
    if text.contains(['\t', '\n', '^']) || text.starts_with('!') {
        return Err(failure(format!("{what} {text:?}: a tab, newline or '^', or a leading '!', cannot go into the formatter tables")));
    }
    Ok(())
}

/// The object table (`T.o`): one line per object, `id\tname\tresource...`, a resource `id^type^name[^unit]`.
fn object_table(objects: &[&ObjectDef], model: &DdfModel) -> Result<String, Failure> {
    let mut lines = Vec::new();
    for o in objects {
        plain(o.name, "object name")?;
        let unique = model.objects().filter(|x| x.name == o.name).count() == 1;
        let mut line = format!(
            "{}\t{}",
            o.id,
            keyed(
                o.name,
                usable(o.name) && !RESERVED.contains(&o.name) && unique
            )
        );
        for r in o.resources {
            plain(r.name, "resource name")?;
            plain(r.units, "unit")?;
            let unique = o.resources.iter().filter(|x| x.name == r.name).count() == 1;
            let letter = char::from(b'a' + (r.data_type as u8 - 1));
            line.push_str(&format!(
                "\t{}^{letter}^{}",
                r.id,
                keyed(r.name, usable(r.name) && unique)
            ));
            if !r.units.is_empty() {
                line.push_str(&format!("^{}", r.units));
            }
        }
        lines.push(line);
    }
    Ok(lines.join("\n"))
}

/// JSON text with every non-ASCII character escaped (the file is ASCII).
fn ascii_json(value: &serde_json::Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{u:04x}"));
            }
        }
    }
    out
}

/// The basE91 symbol of a digit 0..=90: `!`, then `#`..`}` without `\\` (no character a JS string must escape).
fn base91_symbol(d: u32) -> char {
    let code = match d {
        0 => 33,
        1..=57 => d + 34,
        _ => d + 35,
    };
    char::from_u32(code).unwrap_or('!')
}

/// basE91 text of `bytes` (13 or 14 bits per two characters; `js/inflate.js` reads it).
fn base91(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 5 / 4 + 2);
    let (mut acc, mut n) = (0u32, 0u32);
    for &byte in bytes {
        acc |= u32::from(byte) << n;
        n += 8;
        if n > 13 {
            let mut v = acc & 8191;
            if v > 88 {
                acc >>= 13;
                n -= 13;
            } else {
                v = acc & 16383;
                acc >>= 14;
                n -= 14;
            }
            out.push(base91_symbol(v % 91));
            out.push(base91_symbol(v / 91));
        }
    }
    if n > 0 {
        out.push(base91_symbol(acc % 91));
        if n > 7 || acc > 90 {
            out.push(base91_symbol(acc / 91));
        }
    }
    out
}

/// The function expression of a core file (its first line is the @generated header).
fn core_function(text: &str) -> &str {
    text.split_once('\n')
        .map_or(text, |(_, rest)| rest)
        .trim_end()
}

/// A compact description of an id list: `3410-3439, 3445-3461`.
fn ranges(ids: &[u16]) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(&start) = ids.get(i) {
        let mut end = start;
        while ids.get(i + 1) == Some(&(end + 1)) {
            end += 1;
            i += 1;
        }
        parts.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
        i += 1;
    }
    parts.join(", ")
}

/// The formatter's source text.
pub fn formatter(args: &FormatterArgs, model: &DdfModel) -> Result<String, Failure> {
    let formats = args.formats.unwrap_or(match args.target {
        NetworkServer::Tts => Formats::Tlv,
        NetworkServer::Chirpstack => Formats::Lorawan,
    });
    let compress = args.compress.unwrap_or(args.target == NetworkServer::Tts);
    let objects = chosen(args.objects.as_deref(), model)?;
    let external;
    let core = match &args.core {
        Some(path) => {
            external = std::fs::read_to_string(path)
                .map_err(|e| failure(format!("--core {}: {e}", path.display())))?;
            core_function(&external)
        }
        None => core_function(match formats {
            Formats::Tlv => CORE_TLV,
            Formats::Lorawan => CORE_LORAWAN,
        }),
    };
    let kinds = ErrorKind::ALL;
    let tables = json!({
        "o": object_table(&objects, model)?,
        "e": kinds.iter().map(|k| k.name()).collect::<Vec<_>>(),
        "m": kinds.iter().map(|k| k.message()).collect::<Vec<_>>(),
        "t": DataType::ALL.iter().map(|t| t.name()).collect::<Vec<_>>(),
    });
    let payload = format!("({core})({})", ascii_json(&tables));
    let ids: Vec<u16> = objects.iter().map(|o| o.id).collect();
    let server = match args.target {
        NetworkServer::Tts => "The Things Stack (Payload formatters > Custom Javascript formatter)",
        NetworkServer::Chirpstack => {
            "ChirpStack v4 (Device profile > Codec > JavaScript functions)"
        }
    };
    let convention = match formats {
        Formats::Tlv => {
            "fPort = ObjectID-3400: TLV of that object (fPorts 100, 101: --formats lorawan)."
        }
        Formats::Lorawan => {
            "fPort = ObjectID-3400: TLV of that object; 100: LwM2M-CBOR; 101: SenML-CBOR."
        }
    };
    let mut out = String::new();
    out.push_str(&format!(
        "// uCIFI TS013 payload formatter for {server}, by `ucifi formatter` (ucifi-codec {}): the Rust codec\n\
         // core compiled to JS (wasm2js). Objects ({}): {}. {convention}\n\
         // data[object][instance][resource]; integers beyond 2^53-1 are decimal strings.\n",
        env!("CARGO_PKG_VERSION"),
        ids.len(),
        if ids.is_empty() { "none".to_string() } else { ranges(&ids) },
    ));
    out.push_str("var __ucifi;\n");
    if compress {
        let text = base91(&miniz_oxide::deflate::compress_to_vec(
            payload.as_bytes(),
            10,
        ));
        out.push_str(core_function(INFLATE));
        out.push_str(&format!(
            "\nfunction __ucifiCore(){{return __ucifi||(__ucifi=Function(\"return \"+__ucifiInflate(\"{text}\",{}))())}}\n",
            payload.len()
        ));
    } else {
        out.push_str(&format!(
            "function __ucifiCore(){{return __ucifi||(__ucifi={payload})}}\n"
        ));
    }
    for name in ["decodeUplink", "decodeDownlink", "encodeDownlink"] {
        out.push_str(&format!(
            "function {name}(input){{try{{return __ucifiCore().{name}(input)}}catch(e){{return{{errors:[String(e)],warnings:[]}}}}}}\n"
        ));
    }
    out.push_str("function __ucifiDecode(bytes,spec,recvTime){return __ucifiCore().decode(bytes,spec,recvTime)}\n");
    out.push_str("function __ucifiEncode(records,spec,maxBytes){return __ucifiCore().encode(records,spec,maxBytes)}\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base91_of_known_bytes() {
        // Standard basE91 digits for "test" are [64, 28, 19, 81, 29] (reference alphabet "fPNKd"), here mapped
        // to this alphabet.
        let text = base91(b"test");
        assert_eq!(text.len(), 5);
        assert!(text
            .chars()
            .all(|c| c.is_ascii_graphic() && c != '"' && c != '\\'));
        assert_eq!(base91(&[]), "");
    }

    #[test]
    fn id_lists_print_as_ranges() {
        assert_eq!(
            ranges(&[3410, 3411, 3412, 3424, 3445, 3446]),
            "3410-3412, 3424, 3445-3446"
        );
        assert_eq!(ranges(&[]), "");
    }

    #[test]
    fn object_lists() {
        let model = DdfModel::new();
        assert_eq!(chosen(None, &model).map(|v| v.len()).ok(), Some(47));
        assert_eq!(chosen(Some("3424"), &model).map(|v| v.len()).ok(), Some(1));
        assert_eq!(
            chosen(Some("3410-3412,3"), &model).map(|v| v.len()).ok(),
            Some(4)
        );
        assert!(chosen(Some("3440"), &model).is_err());
        assert!(chosen(Some("x"), &model).is_err());
        assert!(chosen(Some("all"), &model).is_ok_and(|v| v.len() > 47));
    }

    #[test]
    fn tables_key_ambiguous_names_by_id() {
        let model = DdfModel::new();
        let objects = chosen(Some("3424"), &model).unwrap_or_default();
        let table = object_table(&objects, &model).unwrap_or_default();
        assert!(table.starts_with("3424\tWater meter\t"));
        assert!(table.contains("\t1^d^Cumulated water volume^m3"));
    }
}
