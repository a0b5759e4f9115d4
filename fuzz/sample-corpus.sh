#!/usr/bin/env bash
# A committed, deterministic sample of the fuzz corpus with the codec's outcome for every input:
# fuzz/corpus-sample.json. Every front end's malformed-input test loops over it (CLI, Python, WASM, C) and must give
# exactly the recorded outcome — the same record count, or an error of the same kind at the same offset — never a
# crash or another kind of failure.
#
#   fuzz/sample-corpus.sh            # regenerate fuzz/corpus-sample.json from fuzz/corpus/ (the local, uncommitted
#                                    # corpus of the fuzz runs: run fuzz/seed-corpus.sh and a fuzz run first)
#   fuzz/sample-corpus.sh --check    # re-run the CLI on the committed inputs; exit 1 if an outcome differs or the
#                                    # CLI crashes (needs only the JSON file, not fuzz/corpus/)
#
# The outcomes come from the release CLI, `ucifi decode --format F [--path P] -` or `ucifi decode --fport N -` with
# the frame as hex on stdin (built-in registry, no --ddf): exit 0 with {"records": [...]} or exit 1 with
# {"error": {"kind", "offset", ...}}. The script builds the CLI first (cargo build --release -p ucifi-cli, into
# $CARGO_TARGET_DIR or target/); UCIFI=/path/to/ucifi uses that binary instead and builds nothing.
#
# Selection, per decoder target (decode_tlv, decode_senml_cbor, decode_senml_json, decode_lwm2m_cbor, decode_cbor,
# decode_text, decode_opaque, decode_fport): the corpus files (named by content hash) whose frame is at most 512
# bytes, sorted by (size, name); SAMPLE (100) of them at evenly spaced ranks, so the sample spreads over the sizes
# from the smallest to the largest; inputs that come out the same (format, path, frame) are kept once.
# Corpus file layouts (the fuzz targets read them so; see FUZZING.md):
#   decode_<format>  [path index][frame]   path = line (path index mod the number of lines) of fuzz/paths.txt, "-"
#                                          = no path; an empty file is no path and an empty frame
#   decode_fport     [fPort][payload]      empty files are skipped (the target ignores them)
#
# fuzz/corpus-sample.json layout (one entry a line):
#   {"about": "...",
#    "targets": {
#      "decode_tlv": [
#        {"format": "tlv", "path": "/3424/0", "hex": "c10900", "records": 1},
#        {"format": "tlv", "path": null, "hex": "", "error": {"kind": "MISSING_PATH", "offset": 0}},
#        ...],
#      ...,
#      "decode_fport": [
#        {"fport": 24, "hex": "0800...", "error": {"kind": "UNEXPECTED_END", "offset": 3}},
#        ...]}}
#   "format" is a CLI format name, "path" a request path text or null (no path); "fport" replaces both for uplinks.
#   Exactly one of "records" (the record count) and "error" ({"kind": ErrorKind name, "offset": byte offset}).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
if [ -z "${UCIFI:-}" ]; then
  (cd "$root" && cargo build --quiet --release -p ucifi-cli)
  UCIFI="${CARGO_TARGET_DIR:-$root/target}/release/ucifi"
fi
exec python3 - "$here" "$UCIFI" "$@" <<'EOF'
import concurrent.futures, json, os, subprocess, sys

fuzz, ucifi = sys.argv[1], sys.argv[2]
check = sys.argv[3:] == ["--check"]
if sys.argv[3:] and not check:
    sys.exit("usage: fuzz/sample-corpus.sh [--check]")
out_file = os.path.join(fuzz, "corpus-sample.json")
SAMPLE = 100
MAX_FRAME = 512
FORMATS = {"decode_tlv": "tlv", "decode_senml_cbor": "senml-cbor", "decode_senml_json": "senml-json",
           "decode_lwm2m_cbor": "lwm2m-cbor", "decode_cbor": "cbor", "decode_text": "text",
           "decode_opaque": "opaque"}
TARGETS = list(FORMATS) + ["decode_fport"]


def outcome(entry):
    """The CLI's outcome for an entry: {"records": n} or {"error": {"kind", "offset"}}; a string if it crashed."""
    args = [ucifi, "decode"]
    if "fport" in entry:
        args += ["--fport", str(entry["fport"])]
    else:
        args += ["--format", entry["format"]]
        if entry["path"] is not None:
            args += ["--path", entry["path"]]
    p = subprocess.run(args + ["-"], input=entry["hex"].encode(), capture_output=True, timeout=60)
    try:
        if p.returncode == 0:
            return {"records": len(json.loads(p.stdout)["records"])}
        if p.returncode == 1:
            e = json.loads(p.stderr)["error"]
            return {"error": {"kind": e["kind"], "offset": e["offset"]}}
    except (ValueError, KeyError, TypeError) as e:
        return f"exit {p.returncode} with unreadable output ({e}): {p.stdout[:200]!r} {p.stderr[:200]!r}"
    return f"exit {p.returncode}: {p.stderr[:300]!r}"


def run_all(entries):
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(outcome, entries))


def describe(target, entry):
    how = f"--fport {entry['fport']}" if "fport" in entry else \
        f"--format {entry['format']}" + (f" --path {entry['path']}" if entry["path"] is not None else "")
    return f"{target}: ucifi decode {how} {entry['hex'] or '(empty)'}"


if check:
    doc = json.load(open(out_file))
    bad = 0
    total = 0
    for target, entries in doc["targets"].items():
        got = run_all(entries)
        total += len(entries)
        for entry, g in zip(entries, got):
            want = {k: entry[k] for k in ("records", "error") if k in entry}
            if g != want:
                bad += 1
                now = json.dumps(g) if isinstance(g, dict) else g
                print(f"sample-corpus: {describe(target, entry)}: recorded {json.dumps(want)}, CLI now {now}",
                      file=sys.stderr)
    if bad:
        sys.exit(f"sample-corpus: {bad} of {total} outcomes differ from fuzz/corpus-sample.json "
                 "(a codec change? regenerate with fuzz/sample-corpus.sh and review the diff)")
    print(f"sample-corpus: all {total} outcomes of fuzz/corpus-sample.json match the CLI")
    sys.exit(0)

paths = [l.strip() for l in open(os.path.join(fuzz, "paths.txt"))
         if l.strip() and not l.lstrip().startswith("#")]
crashed = 0
lines = []
for target in TARGETS:
    d = os.path.join(fuzz, "corpus", target)
    if not os.path.isdir(d):
        sys.exit(f"sample-corpus: no {d} (regeneration reads the local corpus: fuzz/seed-corpus.sh, a fuzz run)")
    files = []
    for name in sorted(os.listdir(d)):
        try:
            data = open(os.path.join(d, name), "rb").read()
        except FileNotFoundError:
            continue  # a running fuzzer replaced it with a smaller input
        if target == "decode_fport" and not data:
            continue
        if len(data) - 1 <= MAX_FRAME:
            files.append((len(data), name, data))
    files.sort()
    n = len(files)
    picks = files if n <= SAMPLE else [files[i * (n - 1) // (SAMPLE - 1)] for i in range(SAMPLE)]
    entries, seen = [], set()
    for _, _, data in picks:
        if target == "decode_fport":
            entry = {"fport": data[0], "hex": data[1:].hex()}
        else:
            path = paths[data[0] % len(paths)] if data else "-"
            entry = {"format": FORMATS[target], "path": None if path == "-" else path, "hex": data[1:].hex()}
        key = json.dumps(entry, sort_keys=True)
        if key not in seen:
            seen.add(key)
            entries.append(entry)
    kept = []
    for entry, got in zip(entries, run_all(entries)):
        if isinstance(got, str):
            crashed += 1
            print(f"sample-corpus: CRASH: {describe(target, entry)}: {got}", file=sys.stderr)
            continue
        entry.update(got)
        kept.append(entry)
    errors = sum(1 for e in kept if "error" in e)
    print(f"sample-corpus: {target}: {len(kept)} inputs of {n} corpus files (<= {MAX_FRAME}-byte frames), "
          f"{len(kept) - errors} decode, {errors} errors")
    body = ",\n".join("      " + json.dumps(e) for e in kept)
    lines.append(f'    "{target}": [\n{body}\n    ]')
about = ("Generated by fuzz/sample-corpus.sh from the fuzz corpus (layout and selection: its header, FUZZING.md); "
         "outcomes of the CLI with the built-in registry. Do not edit by hand.")
with open(out_file, "w") as f:
    f.write('{\n  "about": ' + json.dumps(about) + ',\n  "targets": {\n' + ",\n".join(lines) + "\n  }\n}\n")
print(f"sample-corpus: wrote {out_file} ({os.path.getsize(out_file)} bytes)")
if crashed:
    sys.exit(f"sample-corpus: the CLI crashed on {crashed} input(s) (listed above; left out of the file)")
EOF
