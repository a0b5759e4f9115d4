#!/usr/bin/env python3
"""Check the vectors of the CBOR, JSON and single-value formats with a decoder written separately from the generator.

    python3 vectors/tools/check_formats.py

For every case in vectors/{senml-cbor,senml-json,lwm2m-cbor,cbor,text,opaque}/*.json:
* decode cases: this tool's own decoder (its own CBOR and JSON readers with byte offsets, read_cbor.py and
  read_json.py; its own SenML resolution, LwM2M-CBOR walk, single-value parsing and model typing, decode_*.py) must
  give exactly the case's records, or its error kind and offset;
* roundtrip-true cases: the generator's encoder (formatslib.encode) must give the hex back, and the hex must pass an
  independent canonical-form check (CBOR: shortest heads, narrowest exact floats, definite lengths; JSON: no
  whitespace outside strings); roundtrip-false cases must not be what the encoder writes;
* encode cases: the generator's encoder must fail with the case's error;
* cbor2 (and Python's json module) must agree on well-formedness.
Then: ids are unique across all of vectors/ (TLV included) and kebab-case, every error kind is one of core/src/error.rs,
and the error kinds each format's cases cover are printed. Exit status 1 on any failure.

Needs cbor2 (pip install cbor2) for the cross-check only; the decoder does not use it.
"""

from __future__ import annotations

import io
import json
import re
import struct
import sys
from pathlib import Path
from typing import Any

import cbor2

sys.path.insert(0, str(Path(__file__).resolve().parent))

import formatslib  # noqa: E402
from decode_common import Fail  # noqa: E402
from decode_lwm2m_cbor import lwm2m_decode  # noqa: E402
from decode_senml import senml_decode  # noqa: E402
from decode_single import single_decode  # noqa: E402
from read_cbor import canonical_cbor, cbor_top  # noqa: E402
from read_json import json_read  # noqa: E402
from tlvlib import REPO, Model  # noqa: E402

FORMATS = ("senml-cbor", "senml-json", "lwm2m-cbor", "cbor", "text", "opaque")


def decode(fmt: str, data: bytes, model: Model, request: str | None) -> list[dict]:
    if fmt in ("senml-cbor", "senml-json"):
        return senml_decode(data, fmt == "senml-json", model, request)
    if fmt == "lwm2m-cbor":
        return lwm2m_decode(data, model, request)
    return single_decode(fmt, data, model, request)


def norm(x: Any) -> Any:
    """Records compared exactly: floats by their bits, ints as ints, bools apart from ints."""
    if isinstance(x, bool):
        return ("b", x)
    if isinstance(x, float):
        return ("f", struct.pack(">d", x))
    if isinstance(x, int):
        return ("i", x)
    if isinstance(x, dict):
        return tuple(sorted((k, norm(v)) for k, v in x.items()))
    if isinstance(x, list):
        return tuple(norm(v) for v in x)
    return x


def error_kinds() -> set[str]:
    text = (REPO / "core" / "src" / "error.rs").read_text(encoding="utf-8")
    # The rows of the error_kinds! table: `Variant = number, "NAME", Position,`.
    return set(re.findall(r'^\s*[A-Za-z0-9]+ = \d+, "([A-Z_0-9]+)",', text, re.M))


def strict_wellformed(fmt: str, data: bytes) -> bool:
    """Whether our reader reads the bytes as one well-formed item with nothing after it (INDEFINITE_LENGTH for a
    chunked string is a refusal of the formats, not of CBOR)."""
    try:
        json_read(data) if fmt == "senml-json" else cbor_top(data)
        return True
    except Fail as e:
        # a refusal of well-formed input (an indefinite string, a JSON number beyond the double range), except text
        # that is not UTF-8, which cbor2 refuses as malformed too
        return not e.wf and e.kind != "INVALID_UTF8"


def wellformed_elsewhere(fmt: str, data: bytes) -> bool:
    """Whether cbor2 / Python's json read the bytes as one well-formed item with nothing after it."""
    if fmt in ("senml-json",):
        try:
            json.loads(data.decode("utf-8"), parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
            return True
        except (ValueError, UnicodeDecodeError):
            return False
    try:
        fp = io.BytesIO(data)
        cbor2.CBORDecoder(fp).decode()
        return fp.tell() == len(data)  # cbor2 itself does not look past the first item
    except Exception as e:  # noqa: BLE001 - cbor2 raises several kinds
        # cbor2 also checks the content of the tags it knows (a tag 4 or tag 1 around the wrong item): well-formed
        # CBOR all the same
        return any(m in str(e) for m in ("decimal fraction", "epoch-form datetime"))


def main() -> int:
    model = Model.builtin()
    kinds_known = error_kinds()
    problems: list[str] = []
    coverage: dict[str, set[str]] = {f: set() for f in FORMATS}
    counts: dict[str, int] = {}
    for fmt in FORMATS:
        for file in sorted((REPO / "vectors" / fmt).glob("*.json")):
            doc = json.loads(file.read_text(encoding="utf-8"))
            rel = file.relative_to(REPO)
            if doc.get("format") != fmt:
                problems.append(f"{rel}: format {doc.get('format')!r}")
            counts[str(rel)] = len(doc["cases"])
            for c in doc["cases"]:
                cid = c["id"]
                cf = c.get("format", fmt)
                path = c.get("path")
                err = c.get("error")
                if err is not None:
                    coverage[fmt].add(err["kind"])
                    if err["kind"] not in kinds_known:
                        problems.append(f"{cid}: unknown error kind {err['kind']}")
                if "hex" not in c:  # encode case
                    try:
                        formatslib.encode(cf, c["records"], model, path, c.get("buffer"))
                        problems.append(f"{cid}: encoding succeeded, expected {err}")
                    except formatslib.EncodeError as e:
                        if {"kind": e.kind, "offset": e.offset} != err:
                            problems.append(f"{cid}: encode gave {e.kind} at {e.offset}, expected {err}")
                    continue
                data = bytes.fromhex(c["hex"])
                try:
                    got = decode(cf, data, model, path)
                    fail = None
                except Fail as e:
                    got, fail = None, e
                if err is not None:
                    if fail is None:
                        problems.append(f"{cid}: decoded, expected {err}")
                    elif (fail.kind, fail.offset) != (err["kind"], err["offset"]):
                        problems.append(f"{cid}: got {fail.kind} at {fail.offset}, expected {err}")
                    if c["roundtrip"]:
                        problems.append(f"{cid}: an error case with roundtrip true")
                else:
                    if fail is not None:
                        problems.append(f"{cid}: got {fail.kind} at {fail.offset}, expected records")
                    elif norm(got) != norm(c["records"]):
                        problems.append(f"{cid}: records differ:\n  got      {got}\n  expected {c['records']}")
                    try:
                        again = formatslib.encode(cf, c["records"], model, path)
                    except formatslib.EncodeError as e:
                        again = None
                        if c["roundtrip"]:
                            problems.append(f"{cid}: encoding fails with {e.kind} at {e.offset}")
                    if c["roundtrip"] and again != data:
                        problems.append(f"{cid}: roundtrip true but the encoder writes {again.hex() if again else None}")
                    if not c["roundtrip"] and again == data:
                        problems.append(f"{cid}: roundtrip false but the encoder writes these bytes")
                    if c["roundtrip"] and cf in ("senml-cbor", "lwm2m-cbor", "cbor"):
                        why = canonical_cbor(cbor_top(data), data)
                        if why:
                            problems.append(f"{cid}: roundtrip true but not canonical CBOR: {why}")
                    if c["roundtrip"] and cf == "senml-json":
                        outside = re.sub(rb'"(\\.|[^"\\])*"', b"", data)
                        if re.search(rb"\s", outside):
                            problems.append(f"{cid}: roundtrip true but whitespace outside strings")
                # cross-check well-formedness with cbor2 / json: our reader, reading the whole input strictly
                if cf in ("senml-cbor", "lwm2m-cbor", "cbor", "senml-json"):
                    ours = strict_wellformed(cf, data)
                    ok_elsewhere = wellformed_elsewhere(cf, data)
                    if ours != ok_elsewhere:
                        problems.append(f"{cid}: well-formedness disagrees with "
                                        f"{'json' if cf == 'senml-json' else 'cbor2'} "
                                        f"(ours: {'ok' if ours else 'error'}, theirs: {'ok' if ok_elsewhere else 'error'})")
                    if fail is not None and fail.wf and ours:
                        problems.append(f"{cid}: {fail.kind} from the reader but the input is well-formed")

    # ids across all of vectors/
    ids: dict[str, str] = {}
    for file in sorted((REPO / "vectors").glob("*/*.json")):
        try:
            doc = json.loads(file.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            continue
        if not isinstance(doc, dict) or "cases" not in doc:
            continue
        for c in doc["cases"]:
            rel = str(file.relative_to(REPO))
            if c["id"] in ids:
                problems.append(f"id {c['id']} in {rel} and {ids[c['id']]}")
            ids[c["id"]] = rel
            if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", c["id"]):
                problems.append(f"id {c['id']} is not kebab-case")

    # the fuzz corpus sample: this decoder must give the outcome recorded there (fuzz/sample-corpus.sh --check holds
    # the codec to the same file), so the two independent decoders agree on inputs the fuzzers found
    sample = json.loads((REPO / "fuzz" / "corpus-sample.json").read_text(encoding="utf-8"))
    sampled = 0
    for target, entries in sample["targets"].items():
        for i, e in enumerate(entries):
            if e.get("format") not in FORMATS:
                continue
            sampled += 1
            want = ("records", e["records"]) if "records" in e else (e["error"]["kind"], e["error"]["offset"])
            try:
                got: tuple = ("records", len(decode(e["format"], bytes.fromhex(e["hex"]), model, e.get("path"))))
            except Fail as f:
                got = (f.kind, f.offset)
            if got != want:
                problems.append(f"fuzz/corpus-sample.json {target}[{i}] {e['format']} {e.get('path')} {e['hex']}: "
                                f"got {got}, recorded {want}")

    for name, n in counts.items():
        print(f"{name}: {n} cases")
    print(f"fuzz/corpus-sample.json: {sampled} inputs in these formats")
    print(f"{len(ids)} case ids across vectors/, all unique" if not any(p.startswith("id ") for p in problems) else "")
    for fmt in FORMATS:
        print(f"{fmt} error kinds: {', '.join(sorted(coverage[fmt]))}")
    for p in problems:
        print("PROBLEM:", p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
