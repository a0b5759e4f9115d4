//! `ucifi formatter`: prints a self-contained ES5.1 TS013 payload formatter for The Things Stack or ChirpStack.
//!
//! The file is the codec engine written for JavaScript engines (`bindings/js-formatter/src/*.js`: TLV, SenML-CBOR
//! and LwM2M-CBOR, minified into `bindings/js-formatter/engine.min.js` by `tools/mkengine.cjs`) plus the tables
//! this command makes from the object model for the chosen objects: ids, names, `data` keys, units and types, in a
//! compact form (a word dictionary and one string per object, read when the object is first used), the fPort
//! convention and the error texts. See `bindings/js-formatter/README.md`.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use serde_json::json;
use ucifi_codec::registry::DdfModel;
use ucifi_codec::{is_ucifi_object, DataType, Error, ErrorKind, ObjectDef};

use crate::failure::Failure;

/// The codec engine (`bindings/js-formatter/src/*.js`, minified by `tools/mkengine.cjs`): defines
/// `__ucifiEngine(T)`, which returns the TS013 entry points over the tables `T`.
const ENGINE: &str = include_str!("../../js-formatter/engine.min.js");

/// The Things Stack's limit for a custom payload formatter, in bytes.
pub const TTS_LIMIT: usize = 40_960;

/// Error kinds the engine never reports (formats and inputs it does not have): their messages stay out.
const UNUSED_KINDS: [ErrorKind; 4] = [
    ErrorKind::InvalidDdf,
    ErrorKind::InvalidJson,
    ErrorKind::InvalidBase64,
    ErrorKind::InvalidText,
];

/// Top-level `data` keys that are not objects (bindings/wasm/README.md).
const RESERVED: [&str; 3] = ["units", "types", "time"];

/// Arguments of `ucifi formatter`.
#[derive(Args)]
pub struct FormatterArgs {
    /// Objects whose names, units and types go into the file: ids and ranges (`3424,3410-3415`), `ucifi` (the 47
    /// uCIFI objects) or `all` (every object of the model). Default: the uCIFI objects and those loaded with --ddf.
    #[arg(long, value_name = "LIST")]
    objects: Option<String>,
    /// Where the file runs: The Things Stack (ES5.1, at most 40,960 bytes: a larger file is refused) or
    /// ChirpStack v4.
    #[arg(long, value_enum, default_value_t = NetworkServer::Tts)]
    target: NetworkServer,
    /// Use this engine file (a `tools/mkengine.cjs` output, such as the test engine) instead of the built-in one.
    #[arg(long, hide = true, value_name = "FILE")]
    engine: Option<PathBuf>,
}

/// A network server.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum NetworkServer {
    /// The Things Stack (goja, ES5.1, 40,960-byte limit).
    Tts,
    /// ChirpStack v4 (QuickJS).
    Chirpstack,
}

/// A failure of the options (reported as `INVALID_PATH` at 0, as `ucifi objects` reports an unknown object).
fn failure(message: String) -> Failure {
    Failure::codec(Error::new(ErrorKind::InvalidPath, 0), message)
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

/// The characters of the word codes, `#` (35) to `{` (123): src/model.js reads a code character as its code less 35.
/// Not `|` (which starts a resource), `~` (which starts a unit), `!` (the mark of a name keyed by id) or `"`.
fn alphabet() -> Vec<char> {
    ('#'..='{').collect()
}

/// Codes below this take one character; the others a prefix character and a second one.
const SHORT: usize = 75;

/// The word dictionary of the tables: every word of the names (split at spaces) and every unit, most used first.
struct Words {
    list: Vec<String>,
    alphabet: Vec<char>,
}

impl Words {
    fn new(objects: &[&ObjectDef]) -> Result<Words, Failure> {
        let mut count: Vec<(String, usize)> = Vec::new();
        let mut add = |w: &str| match count.iter_mut().find(|(x, _)| x == w) {
            Some((_, n)) => *n += 1,
            None => count.push((w.to_string(), 1)),
        };
        for o in objects {
            o.name.split(' ').for_each(&mut add);
            for r in o.resources {
                r.name.split(' ').for_each(&mut add);
                if !r.units.is_empty() {
                    add(r.units);
                }
            }
        }
        // Most used first (a stable sort: ties in order of first use); they get the one-character codes. Within
        // the one-character codes and within the two-character ones, shortest first (every code of a tier is the
        // same size): a page of the word list (see `paged`) is then a few runs of words of one length.
        count.sort_by_key(|w| std::cmp::Reverse(w.1));
        let cut = count.len().min(SHORT);
        count[..cut].sort_by_key(|w| units(&w.0));
        count[cut..].sort_by_key(|w| units(&w.0));
        let alphabet = alphabet();
        let room = SHORT + (alphabet.len() - SHORT) * alphabet.len();
        if count.len() > room {
            return Err(failure(format!(
                "{} distinct words in the names: more than the formatter tables hold ({room})",
                count.len()
            )));
        }
        Ok(Words {
            list: count.into_iter().map(|(w, _)| w).collect(),
            alphabet,
        })
    }

    /// Appends the code of one word.
    fn code(&self, word: &str, out: &mut String) {
        let i = self.list.iter().position(|w| w == word).unwrap_or(0);
        let n = self.alphabet.len();
        let at = |k: usize| self.alphabet.get(k).copied().unwrap_or(' ');
        if i < SHORT {
            out.push(at(i));
        } else {
            out.push(at(SHORT + (i - SHORT) / n));
            out.push(at((i - SHORT) % n));
        }
    }

    /// Appends the codes of a name (its words), `!` first when `data` keys it by id.
    fn name(&self, name: &str, by_name: bool, out: &mut String) {
        if !by_name {
            out.push('!');
        }
        name.split(' ').for_each(|w| self.code(w, out));
    }
}

/// Words per page of `T.w` after the first page (which holds the SHORT one-character codes): the second
/// character of a two-character code picks a word of the page its first one names.
const PAGE: usize = 89;

/// The length of a word in UTF-16 units, as JavaScript counts it.
fn units(word: &str) -> usize {
    word.encode_utf16().count()
}

/// The word list as `T.w`: where each page starts, then the pages: the words of codes 0..SHORT, then pages of PAGE
/// words (codes SHORT + p * PAGE + s), each page a header and its words without separators, shortest first. The
/// header is a character for the number of lengths from the shortest word's to the longest's, then the shortest
/// length, then the count of words of each length; each of these numbers n as the character of code 35 + n (at
/// most 91). A page's start is its offset in
/// `T.w` (UTF-16 units) as two characters, 92 * (first - 35) + second - 35. src/model.js reads a word from `T.w`
/// by walking its page's counts.
fn paged(words: &[String]) -> Result<String, Failure> {
    let cut = words.len().min(SHORT);
    let (first, rest) = words.split_at(cut);
    let mut pages = vec![first];
    pages.extend(rest.chunks(PAGE));
    let num =
        |n: usize| char::from_u32(35 + u32::try_from(n).unwrap_or(u32::MAX)).filter(|c| *c <= '~');
    let mut texts = Vec::new();
    for page in pages {
        let lengths: Vec<usize> = page.iter().map(|w| units(w)).collect();
        if lengths.windows(2).any(|p| p[0] > p[1]) {
            return Err(failure(
                "the words of a page are not shortest first".to_string(),
            ));
        }
        let low = lengths.first().copied().unwrap_or(0);
        let high = lengths.last().copied().unwrap_or(0);
        let counts = (low..=high).map(|len| lengths.iter().filter(|&&l| l == len).count());
        let mut text = String::new();
        for n in [high - low + 1, low].into_iter().chain(counts) {
            text.push(num(n).ok_or_else(|| {
                failure("a word of more than 91 characters in the names".to_string())
            })?);
        }
        page.iter().for_each(|w| text.push_str(w));
        texts.push(text);
    }
    let mut out = String::new();
    let mut at = 2 * texts.len();
    for text in &texts {
        for n in [at / 92, at % 92] {
            out.push(num(n).ok_or_else(|| {
                failure("the word list is too long for the formatter tables".to_string())
            })?);
        }
        at += units(text);
    }
    texts.iter().for_each(|t| out.push_str(t));
    Ok(out)
}

/// The object tables read by `src/model.js`: the words (`T.w`, in pages) and one string per object (`T.o`),
/// `id|` + name, then each resource after a `|` (src/model.js splits an object's resources at them); a resource is
/// `[id]` + type letter (`a` + data type code - 1, `k` + code - 1 for a multiple resource) + name [+ `~` unit], its
/// id left out when it is the previous one plus 1; names and units as word codes.
fn object_tables(
    objects: &[&ObjectDef],
    model: &DdfModel,
) -> Result<(String, Vec<String>), Failure> {
    let words = Words::new(objects)?;
    let mut lines = Vec::new();
    for o in objects {
        let unique = model.objects().filter(|x| x.name == o.name).count() == 1;
        let mut line = format!("{}|", o.id);
        let by_name = usable(o.name) && !RESERVED.contains(&o.name) && unique;
        words.name(o.name, by_name, &mut line);
        let mut previous: Option<u16> = None;
        for r in o.resources {
            line.push('|');
            if previous.map(|p| u32::from(p) + 1) != Some(u32::from(r.id)) {
                line.push_str(&r.id.to_string());
            }
            previous = Some(r.id);
            let letter = if r.multiple { b'k' } else { b'a' };
            line.push(char::from(letter + (r.data_type as u8 - 1)));
            let unique = o.resources.iter().filter(|x| x.name == r.name).count() == 1;
            words.name(r.name, usable(r.name) && unique, &mut line);
            if !r.units.is_empty() {
                line.push('~');
                words.code(r.units, &mut line);
            }
        }
        lines.push(line);
    }
    Ok((paged(&words.list)?, lines))
}

/// The run of resources that ends the most object strings to the most effect (`T.x`; from a resource whose id is
/// given, so that it reads the same in any of them), each of those ending in "}" in its place instead: src/model.js
/// puts it back before it splits an object's resources ("}" is no code character, "|" and "~" are not in it). Empty
/// when no run saves characters (`T.x` is then left out: no string has a "}").
fn shared_tail(lines: &mut [String]) -> String {
    let mut best = (0, String::new());
    for line in lines.iter() {
        for (at, _) in line.match_indices('|').skip(1) {
            let tail = &line[at..];
            if !tail[1..].starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let n = lines.iter().filter(|l| l.ends_with(tail)).count();
            // Each use saves the run less "}", the table costs the run and `T.x="";`.
            let saved = (n * (tail.len() - 2)).saturating_sub(tail.len() + 6);
            if saved > best.0 {
                best = (saved, tail.to_string());
            }
        }
    }
    let tail = best.1;
    if tail.is_empty() {
        return tail;
    }
    for line in lines.iter_mut().filter(|l| l.ends_with(tail.as_str())) {
        line.truncate(line.len() + 1 - tail.len());
        line.push('}');
    }
    tail[1..].to_string()
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

/// A list of strings as JavaScript: one string split at "\n" (a list with a "\n" in an element, or none, as an
/// array literal).
fn string_list<S: AsRef<str> + serde::Serialize>(list: &[S]) -> String {
    if list.is_empty() || list.iter().any(|s| s.as_ref().contains('\n')) {
        return ascii_json(&json!(list));
    }
    let joined: Vec<&str> = list.iter().map(AsRef::as_ref).collect();
    format!("{}.split(\"\\n\")", ascii_json(&json!(joined.join("\n"))))
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

/// The fPorts of the uCIFI objects (fPort = ObjectID - 3400) as `[from, to]` ranges.
fn object_ports() -> Vec<[u16; 2]> {
    let mut out: Vec<[u16; 2]> = Vec::new();
    for port in 1..=223u16 {
        if !is_ucifi_object(3400 + port) {
            continue;
        }
        match out.last_mut() {
            Some(last) if last[1] + 1 == port => last[1] = port,
            _ => out.push([port, port]),
        }
    }
    out
}

/// The formatter's source text; for The Things Stack, an error instead of a file over its size limit.
pub fn formatter(args: &FormatterArgs, model: &DdfModel) -> Result<String, Failure> {
    let objects = chosen(args.objects.as_deref(), model)?;
    let external;
    let engine = match &args.engine {
        Some(path) => {
            external = std::fs::read_to_string(path)
                .map_err(|e| failure(format!("--engine {}: {e}", path.display())))?;
            external.as_str()
        }
        None => ENGINE,
    };
    // The engine without its header line(s).
    let engine: Vec<&str> = engine.lines().filter(|l| !l.starts_with("// @")).collect();
    let kinds = ErrorKind::ALL;
    let (words, mut lines) = object_tables(&objects, model)?;
    let tail = shared_tail(&mut lines);
    // The tables as assignments to `T`, not one object literal: QuickJS-NG scans an object or array literal twice
    // (it looks for a destructuring assignment), and the 13 KB of strings in them made about 4 % of a fresh uplink
    // (BENCH.md, "Instructions"). The object strings are one string, each after a "\n" (src/model.js finds an
    // object's string with one search, without splitting them all).
    let ports = object_ports();
    let names: Vec<&str> = DataType::ALL.iter().map(|t| t.name()).collect();
    let tables = [
        ("w", ascii_json(&json!(words))),
        ("o", ascii_json(&json!(format!("\n{}", lines.join("\n"))))),
        ("x", ascii_json(&json!(tail))),
        ("p", ascii_json(&json!(ports))),
        (
            "e",
            ascii_json(&json!(kinds
                .iter()
                .map(|k| k.name())
                .collect::<Vec<_>>()
                .join("|"))),
        ),
        (
            "m",
            ascii_json(&json!(kinds
                .iter()
                .map(|k| if UNUSED_KINDS.contains(k) {
                    ""
                } else {
                    k.message()
                })
                .collect::<Vec<_>>()
                .join("|"))),
        ),
        ("t", string_list(&names)),
    ]
    .iter()
    .filter(|(k, _)| *k != "x" || !tail.is_empty())
    .map(|(k, v)| format!("T.{k}={v};"))
    .collect::<String>();
    let ids: Vec<u16> = objects.iter().map(|o| o.id).collect();
    let server = match args.target {
        NetworkServer::Tts => "The Things Stack (Payload formatters > Custom Javascript formatter)",
        NetworkServer::Chirpstack => {
            "ChirpStack v4 (Device profile > Codec > JavaScript functions)"
        }
    };
    let mut out = format!(
        "// uCIFI TS013 payload formatter for {server}, by `ucifi formatter` (ucifi-codec {}), ES5.1.\n\
         // Objects ({}): {}. fPort = ObjectID-3400: TLV of that object; 100: LwM2M-CBOR; 101: SenML-CBOR.\n\
         // data[object][instance][resource]; integers beyond 2^53-1 are decimal strings. Source: bindings/js-formatter.\n",
        env!("CARGO_PKG_VERSION"),
        ids.len(),
        if ids.is_empty() {
            "none".to_string()
        } else {
            ranges(&ids)
        },
    );
    out.push_str(&engine.join("\n"));
    out.push_str(&format!(
        "\nvar __ucifi;\nfunction __ucifiCore(){{if(!__ucifi){{var T={{}};{tables}__ucifi=__ucifiEngine(T)}}return __ucifi}}\n"
    ));
    // The entry points, through one function that makes the engine and turns what it throws into an error result
    // (one `try` to compile instead of three).
    out.push_str(
        "function __ucifiCall(name,input){try{return __ucifiCore()[name](input)}catch(e){return{errors:[String(e)],warnings:[]}}}\n",
    );
    for name in ["decodeUplink", "decodeDownlink", "encodeDownlink"] {
        out.push_str(&format!(
            "function {name}(input){{return __ucifiCall(\"{name}\",input)}}\n"
        ));
    }
    if args.target == NetworkServer::Tts && out.len() > TTS_LIMIT {
        return Err(Failure::codec(
            Error::new(ErrorKind::BufferTooSmall, out.len()),
            format!(
                "the formatter would be {} bytes, over The Things Stack's limit of {TTS_LIMIT} bytes: choose fewer \
                 objects (--objects) or --target chirpstack",
                out.len()
            ),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn object_ports_are_the_ucifi_objects() {
        assert_eq!(object_ports(), vec![[10, 39], [45, 61]]);
    }

    #[test]
    fn tables_code_names_with_the_word_list() {
        let model = DdfModel::new();
        let objects = chosen(Some("3424"), &model).unwrap_or_default();
        let (words, lines) = object_tables(&objects, &model).unwrap_or_default();
        // Decodes a run of word codes as src/model.js does.
        let decode = |codes: &str| -> String {
            let index = |c: char| (c as usize).saturating_sub(35);
            let mut out: Vec<String> = Vec::new();
            let mut chars = codes.chars();
            while let Some(c) = chars.next() {
                let i = index(c);
                let (page, k) = if i < SHORT {
                    (0, i)
                } else {
                    (i - SHORT + 1, chars.next().map_or(0, index))
                };
                out.push(word(&words, page, k));
            }
            out.join(" ")
        };
        let line = lines.first().cloned().unwrap_or_default();
        let (id, rest) = line.split_once('|').unwrap_or(("", ""));
        assert_eq!(id, "3424");
        // The name, then the first resource: id 1, a float ("d"), its name and unit.
        let (name, first) = rest.split_once("|1d").unwrap_or(("", ""));
        assert_eq!(decode(name), "Water meter");
        let first = first.split('|').next().unwrap_or("");
        let (name, unit) = first.split_once('~').unwrap_or(("", ""));
        assert_eq!(decode(name), "Cumulated water volume");
        assert_eq!(decode(unit), "m3");
    }

    /// Word k of page p of `T.w`, read as src/model.js reads it.
    fn word(words: &str, p: usize, mut k: usize) -> String {
        let units: Vec<u16> = words.encode_utf16().collect();
        let num = |at: usize| usize::from(units.get(at).copied().unwrap_or(35)).saturating_sub(35);
        let start = 92 * num(2 * p) + num(2 * p + 1);
        let (mut r, mut at, mut len) = (start + 2, start + 2 + num(start), num(start + 1));
        while k >= num(r) && r < units.len() {
            k -= num(r);
            at += num(r) * len;
            len += 1;
            r += 1;
        }
        String::from_utf16_lossy(units.get(at + k * len..at + (k + 1) * len).unwrap_or(&[]))
    }

    #[test]
    fn a_shared_tail_is_written_once() {
        let mut lines: Vec<String> = ["1|a|b|9c", "2|a|9c", "3|a|8c"]
            .iter()
            .map(|l| l.to_string())
            .collect();
        assert_eq!(shared_tail(&mut lines), "");
        lines = [
            "1|a|b|9cccc|dddd|eeee",
            "2|a|9cccc|dddd|eeee",
            "3|a|f|9cccc|dddd|eeee",
            "4|a|g",
        ]
        .iter()
        .map(|l| l.to_string())
        .collect();
        assert_eq!(shared_tail(&mut lines), "9cccc|dddd|eeee");
        assert_eq!(lines, ["1|a|b|}", "2|a|}", "3|a|f|}", "4|a|g"]);
    }

    #[test]
    fn word_lists_are_paged() {
        let words: Vec<String> = (0..200).map(|i| format!("w{i}")).collect();
        let text = paged(&words).unwrap_or_default();
        // Page 0: codes 0..75 (w0..w9 of 2 units, then 65 of 3); page 1: the next 89; page 2: the rest.
        assert_eq!(word(&text, 0, 0), "w0");
        assert_eq!(word(&text, 0, 74), "w74");
        assert_eq!(word(&text, 1, 0), "w75");
        assert_eq!(word(&text, 1, 88), "w163");
        assert_eq!(word(&text, 2, 35), "w199");
        assert_eq!(alphabet().len(), PAGE);
        // Any character in a word; a word too long for a run's length character.
        assert!(paged(&["x".repeat(92)]).is_err());
        assert!(paged(&[
            "\u{1f600}".to_string(),
            "\u{e9}t\u{e9}".to_string(),
            "a|b~c".to_string()
        ])
        .is_ok_and(|t| word(t.as_str(), 0, 0) == "\u{1f600}" && word(t.as_str(), 0, 2) == "a|b~c"));
        assert!(paged(&["ab".to_string(), "a".to_string()]).is_err());
    }

    #[test]
    fn code_characters_are_their_code_less_35() {
        // src/model.js reads a code character c as c - 35; none is a mark of the tables or needs escaping.
        for (i, c) in alphabet().into_iter().enumerate() {
            assert_eq!(c as usize, 35 + i);
            assert!(!matches!(c, '|' | '~' | '!' | '"'));
        }
    }

    #[test]
    fn string_lists_are_split_strings() {
        assert_eq!(string_list(&["a", "\u{e9}"]), r#""a\n\u00e9".split("\n")"#);
        assert_eq!(string_list(&["a\nb", "c"]), r#"["a\nb","c"]"#);
        assert_eq!(string_list::<&str>(&[]), "[]");
    }

    #[test]
    fn error_texts_can_be_joined() {
        for k in ErrorKind::ALL {
            assert!(
                !k.name().contains('|') && !k.message().contains('|'),
                "{}",
                k.name()
            );
        }
    }

    #[test]
    fn the_tts_file_has_a_size_limit() {
        let model = DdfModel::new();
        let args = |objects: &str| FormatterArgs {
            objects: Some(objects.to_string()),
            target: NetworkServer::Tts,
            engine: None,
        };
        let text = formatter(&args("ucifi"), &model).unwrap_or_default();
        assert!(!text.is_empty() && text.len() <= TTS_LIMIT);
    }
}
