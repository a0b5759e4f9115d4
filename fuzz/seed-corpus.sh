#!/usr/bin/env bash
# Seeds fuzz/corpus/<target>/ from every decode case of vectors/ (the corpus is not committed: .gitignore).
#
#   fuzz/seed-corpus.sh            # adds seed files (named by content hash) next to whatever the corpus holds
#
# Input layouts (see the targets and FUZZING.md):
#   decode_<format>  [path index][frame]          path index = line of fuzz/paths.txt ("-" = no path)
#   decode_fport     [fPort][payload]             fport cases; uCIFI TLV cases at /ObjectID on ObjectID-3400;
#                                                 LwM2M-CBOR cases on 100, SenML-CBOR cases on 101
#   c_api_decode     [format index][0][path index][frame], and [0x80][0][fPort][payload] for uplinks
#   roundtrip        none (structured input built by `arbitrary`)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec python3 - "$here" <<'EOF'
import glob, hashlib, json, os, sys

fuzz = sys.argv[1]
root = os.path.dirname(fuzz)
paths = [l.strip() for l in open(os.path.join(fuzz, "paths.txt"))
         if l.strip() and not l.lstrip().startswith("#")]
index = {p: i for i, p in enumerate(paths)}
# Format::ALL order (core/src/format.rs), as c_api_decode's byte 0 picks it.
formats = ["tlv", "senml-cbor", "senml-json", "lwm2m-cbor", "cbor", "text", "opaque"]
target_of = {f: "decode_" + f.replace("-", "_") for f in formats}
counts = {}

def put(target, data):
    d = os.path.join(fuzz, "corpus", target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()
    p = os.path.join(d, name)
    if not os.path.exists(p):
        with open(p, "wb") as f:
            f.write(data)
        counts[target] = counts.get(target, 0) + 1

for file in sorted(glob.glob(os.path.join(root, "vectors", "*", "*.json"))):
    doc = json.load(open(file))
    for case in doc["cases"]:
        if "hex" not in case:
            continue
        try:
            frame = bytes.fromhex(case["hex"])
        except ValueError:
            continue  # INVALID_HEX cases
        if "fport" in case:
            port = case["fport"]
            if 0 <= port <= 255:
                put("decode_fport", bytes([port]) + frame)
                put("c_api_decode", bytes([0x80, 0, port]) + frame)
            continue
        fmt = case.get("format", doc["format"])
        if fmt not in formats:
            continue
        p = case.get("path") or "-"
        if p not in index:
            continue  # an invalid path text (INVALID_PATH cases): the table holds only valid paths
        i = index[p]
        put(target_of[fmt], bytes([i]) + frame)
        put("c_api_decode", bytes([formats.index(fmt), 0, i]) + frame)
        if fmt == "tlv" and p.count("/") == 1 and (3410 <= int(p[1:]) <= 3439 or 3445 <= int(p[1:]) <= 3461):
            put("decode_fport", bytes([int(p[1:]) - 3400]) + frame)
        if fmt == "lwm2m-cbor" and p == "-":
            put("decode_fport", bytes([100]) + frame)
        if fmt == "senml-cbor" and p == "-":
            put("decode_fport", bytes([101]) + frame)
os.makedirs(os.path.join(fuzz, "corpus", "roundtrip"), exist_ok=True)
for t in sorted(counts):
    print(f"seed-corpus: {t}: {counts[t]} new seed(s)")
EOF
