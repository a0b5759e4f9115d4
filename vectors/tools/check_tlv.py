#!/usr/bin/env python3
"""Check vectors/tlv/*.json with a TLV decoder written apart from the generator's encoder.

    python3 vectors/tools/check_tlv.py [--registry DIR]

For every decode case: hex, path and DDF handling, then a decode by the rules of the vectors contract; the records or
the error (kind and offset) must equal the case's. For roundtrip true: the generator's encoder must give the same
bytes back, and this file's own wire-level canonical test must agree; for roundtrip false the canonical test must
say no (or, for a lenient-multiplicity frame, the encoder must be the only one to reproduce it). Encode cases are
checked with this file's own record validation and size arithmetic. Also: ids unique and kebab-case across
vectors/, every uCIFI object covered, every error kind present, and no registry Description text copied.
Exit status 0 when everything holds. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
UCIFI = set(range(3410, 3440)) | set(range(3445, 3462))
BUILTIN = set(range(0, 8)) | {3303, 3332} | UCIFI
TYPES = {"String": "string", "Integer": "integer", "Unsigned Integer": "unsigned", "Float": "float",
         "Boolean": "boolean", "Opaque": "opaque", "Time": "time", "Objlnk": "objlnk", "Corelnk": "corelnk", "": "none"}


class Fail(Exception):
    """A codec error: kind and offset."""

    def __init__(self, kind: str, offset: int):
        super().__init__(f"{kind}@{offset}")
        self.kind, self.offset = kind, offset


# ----------------------------------------------------------------------------------------------------------- model


def ddf_objects(text: str) -> dict[int, dict[int, tuple[str, bool]]]:
    """DDF text -> {object id: {resource id: (type, multiple)}}; INVALID_DDF at the element at fault."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as e:
        raise Fail("INVALID_DDF", -1) from e  # offset not computed here: the vectors avoid syntax errors
    out = {}
    for obj in root.iter("Object"):
        oid_text = (obj.findtext("ObjectID") or "").strip()
        if not oid_text.isdigit() or int(oid_text) > 0xFFFF:
            raise Fail("INVALID_DDF", text.encode("utf-8").index(b"<ObjectID"))
        res = {}
        for item in obj.iter("Item"):
            res[int(item.get("ID"))] = (TYPES[(item.findtext("Type") or "").strip()],
                                        (item.findtext("MultipleInstances") or "").strip() == "Multiple")
        out[int(oid_text)] = res
    return out


# ------------------------------------------------------------------------------------------------- text parsing


def parse_hex(text: str) -> bytes:
    for i, ch in enumerate(text):
        if ch not in "0123456789abcdefABCDEF":
            raise Fail("INVALID_HEX", i)
    if len(text) % 2:
        raise Fail("INVALID_HEX", len(text))
    return bytes.fromhex(text)


def parse_path(text: str, reserved_ok: bool = False) -> list[int]:
    """'/' or '/O[/I[/R[/RI]]]', ids 0..65534 (65535 is reserved: allowed only with reserved_ok, for record paths);
    INVALID_PATH at the character at fault (start of an id that is too big or reserved)."""
    if not text.startswith("/"):
        raise Fail("INVALID_PATH", 0)
    ids: list[int] = []
    pos = 1
    while pos < len(text):
        start = pos
        while pos < len(text) and text[pos] != "/":
            if not text[pos].isdigit() or not text[pos].isascii():
                raise Fail("INVALID_PATH", pos)
            pos += 1
        if pos == start or int(text[start:pos]) > (0xFFFF if reserved_ok else 0xFFFE) or len(ids) == 4:
            raise Fail("INVALID_PATH", start)
        ids.append(int(text[start:pos]))
        pos += 1
    return ids


# --------------------------------------------------------------------------------------------------------- decoder


class Decoder:
    """Decodes a TLV frame for a request path into record JSON, by the contract's rules; notes canonical form."""

    def __init__(self, buf: bytes, path: list[int], model: dict):
        self.buf, self.path, self.model = buf, path, model
        self.records: list[dict] = []
        self.canonical = True  # cleared by any non-minimal or non-canonical form

    def run(self) -> list[dict]:
        p, top = self.path, self.elements(0, len(self.buf), nested=False)
        level = len(p)
        if level == 0:
            raise Fail("INVALID_PATH", 1)  # TLV names no object: the root path cannot be read
        if not self.buf and (level == 4 or (level == 3 and not self.model.get(p[0], {}).get(p[2], ("", False))[1])):
            raise Fail("UNEXPECTED_END", 0)  # one value asked for, none given
        seen: set[int] = set()
        mode = None  # at /O/I: "wrapped" or "bare", fixed by the first element; at /O/I/R: the first element's kind
        for kind, ident, at, vs, ve in top:
            if level == 1:
                self.expect(kind in (0,), at)
                self.unique(seen, ident, at)
                self.instance(ident, vs, ve)
            elif level == 2:
                if mode is None:
                    self.expect(kind != 1, at)
                    mode = "wrapped" if kind == 0 else "bare"
                if mode == "wrapped":
                    self.expect(kind == 0, at)
                    self.same(ident, p[1], at)
                    self.unique(seen, ident, at)
                    self.canonical = False  # canonical at /O/I is bare
                    self.instance(ident, vs, ve)
                else:
                    self.expect(kind in (2, 3), at)
                    self.unique(seen, ident, at)
                    self.resource(p[1], kind, ident, vs, ve)
            elif level == 3:
                # The resource itself, its bare instances, or its object instance: one form per frame.
                form = {0: "wrapped", 1: "instances"}.get(kind, "resource")
                self.expect(mode in (None, form), at)
                mode = form
                self.same(ident, {"wrapped": p[1], "instances": ident, "resource": p[2]}[form], at)
                self.unique(seen, ident, at)
                self.canonical = self.canonical and form == "resource"
                if form == "wrapped":
                    self.instance(ident, vs, ve, only=p[2])
                elif form == "instances":
                    self.value(f"/{p[0]}/{p[1]}/{p[2]}/{ident}", p[2], vs, ve)
                else:
                    self.resource(p[1], kind, ident, vs, ve)
            else:
                self.expect(kind == 1, at)
                self.same(ident, p[3], at)
                self.unique(seen, ident, at)
                self.value(f"/{p[0]}/{p[1]}/{p[2]}/{ident}", p[2], vs, ve)
        return self.records

    # element iteration: yields (kind, id, start, value start, value end), checking extents lazily in wire order
    def elements(self, start: int, end: int, nested: bool):
        pos, short = start, "LENGTH_EXCEEDS_PARENT" if nested else "UNEXPECTED_END"
        while pos < end:
            t = self.buf[pos]
            kind, wide, ltype, len3 = t >> 6, bool(t & 0x20), (t >> 3) & 3, t & 7
            hlen = 1 + (2 if wide else 1) + ltype
            if pos + hlen > end:
                raise Fail(short, pos)
            ident = int.from_bytes(self.buf[pos + 1:pos + (3 if wide else 2)], "big")
            length = int.from_bytes(self.buf[pos + hlen - ltype:pos + hlen], "big") if ltype else len3
            if pos + hlen + length > end:
                raise Fail(short, pos)
            if ident == 0xFFFF:
                raise Fail("INVALID_PATH", pos)  # the reserved id
            minimal_ltype = 0 if length <= 7 else 1 if length < 256 else 2 if length < 65536 else 3
            if wide != (ident >= 256) or ltype != minimal_ltype or (ltype and len3):
                self.canonical = False
            yield kind, ident, pos, pos + hlen, pos + hlen + length
            pos += hlen + length

    @staticmethod
    def expect(ok: bool, at: int) -> None:
        if not ok:
            raise Fail("INVALID_NESTING", at)

    @staticmethod
    def same(ident: int, want: int, at: int) -> None:
        if ident != want:
            raise Fail("PATH_MISMATCH", at)

    @staticmethod
    def unique(seen: set[int], ident: int, at: int) -> None:
        if ident in seen:
            raise Fail("DUPLICATE_ID", at)
        seen.add(ident)

    def instance(self, iid: int, vs: int, ve: int, only: int | None = None) -> None:
        if vs == ve:
            self.canonical = False  # an empty Object Instance gives no record, so nothing re-creates it
        seen: set[int] = set()
        for kind, ident, at, s, e in self.elements(vs, ve, nested=True):
            self.expect(kind in (2, 3), at)
            if only is not None:
                self.same(ident, only, at)
            self.unique(seen, ident, at)
            self.resource(iid, kind, ident, s, e)

    def resource(self, iid: int, kind: int, rid: int, vs: int, ve: int) -> None:
        base = f"/{self.path[0]}/{iid}/{rid}"
        known = self.model.get(self.path[0], {}).get(rid)
        if known is not None and known[1] != (kind == 2):
            self.canonical = False  # shape contradicts the model's multiplicity (accepted, lenient)
        if kind == 3:
            self.value(base, rid, vs, ve)
            return
        seen: set[int] = set()
        count = 0
        for k, ri, at, s, e in self.elements(vs, ve, nested=True):
            self.expect(k == 1, at)
            self.unique(seen, ri, at)
            self.value(f"{base}/{ri}", rid, s, e)
            count += 1
        if count == 0:
            self.canonical = False  # an empty Multiple Resource gives no record, so nothing re-creates it

    def value(self, path: str, rid: int, vs: int, ve: int) -> None:
        raw = self.buf[vs:ve]
        known = self.model.get(self.path[0], {}).get(rid)
        if known is None:
            self.records.append({"path": path, "type": "opaque", "value": raw.hex(), "unknown": True})
            return
        t, n = known[0], len(raw)
        if t == "none":
            raise Fail("EXECUTABLE_VALUE", vs)
        if t in ("integer", "time", "unsigned"):
            if n not in (1, 2, 4, 8):
                raise Fail("INVALID_VALUE_LENGTH", vs)
            v = int.from_bytes(raw, "big", signed=(t != "unsigned"))
            widths = [w for w in (1, 2, 4, 8) if (0 <= v < 1 << 8 * w if t == "unsigned"
                                                  else -(1 << 8 * w - 1) <= v < 1 << 8 * w - 1)]
            if n != widths[0]:
                self.canonical = False
        elif t == "float":
            if n not in (4, 8):
                raise Fail("INVALID_VALUE_LENGTH", vs)
            x = struct.unpack(">f" if n == 4 else ">d", raw)[0]
            fits = not math.isnan(x) and (math.isinf(x) or abs(x) <= 3.4028234663852886e38) and \
                struct.unpack(">f", struct.pack(">f", x))[0] == x
            if math.isnan(x) or (n == 4) != fits:
                self.canonical = False
            v = "NaN" if math.isnan(x) else ("Infinity" if x > 0 else "-Infinity") if math.isinf(x) else x
        elif t == "boolean":
            if n != 1:
                raise Fail("INVALID_VALUE_LENGTH", vs)
            if raw[0] > 1:
                raise Fail("INVALID_BOOLEAN", vs)
            v = raw[0] == 1
        elif t == "objlnk":
            if n != 4:
                raise Fail("INVALID_VALUE_LENGTH", vs)
            v = f"{int.from_bytes(raw[:2], 'big')}:{int.from_bytes(raw[2:], 'big')}"
        elif t in ("string", "corelnk"):
            try:
                v = raw.decode("utf-8")
            except UnicodeDecodeError as e:
                raise Fail("INVALID_UTF8", vs + e.start) from None
        else:
            v = raw.hex()
        self.records.append({"path": path, "type": t, "value": v})


# ----------------------------------------------------------------------------------------- encode-side checking


def check_encode(case: dict, model: dict) -> tuple[str, int] | None:
    """Record validation in input order, then the canonical size against the buffer. None when it would succeed."""
    req = parse_path(case["path"])
    if not req:
        return "INVALID_PATH", 1
    seen: set[tuple[int, ...]] = set()
    size_by_instance: dict[int, dict[int, Any]] = {}
    for i, r in enumerate(case["records"]):
        t, v = r.get("type"), r.get("value")
        ok_value = {
            "integer": lambda: type(v) is int and -(2**63) <= v < 2**63,
            "time": lambda: type(v) is int and -(2**63) <= v < 2**63,
            "unsigned": lambda: type(v) is int and 0 <= v < 2**64,
            "float": lambda: type(v) in (int, float) or v in ("NaN", "Infinity", "-Infinity"),
            "boolean": lambda: type(v) is bool,
            "string": lambda: type(v) is str,
            "corelnk": lambda: type(v) is str,
            "opaque": lambda: type(v) is str and re.fullmatch(r"([0-9a-f]{2})*", v) is not None,
            "objlnk": lambda: type(v) is str and re.fullmatch(r"\d+:\d+", v) is not None,
            "none": lambda: v is None,
        }.get(t)
        if ok_value is None or not ok_value():
            return "INVALID_RECORD", i
        ids = tuple(parse_path(r["path"], reserved_ok=True))
        if len(ids) < 3 or 0xFFFF in ids:
            return "INVALID_PATH", i
        if list(ids[:len(req)]) != req:
            return "PATH_MISMATCH", i
        if ids in seen:
            return "DUPLICATE_ID", i
        seen.add(ids)
        known = model.get(ids[0], {}).get(ids[2])
        if known and known[0] == "none":
            return "EXECUTABLE_VALUE", i
        if known and known[0] != t:
            return "TYPE_MISMATCH", i
        n = value_size(t, v)
        res = size_by_instance.setdefault(ids[1], {})
        if len(ids) == 3:
            res[ids[2]] = n
        else:
            res.setdefault(ids[2], []).append((ids[3], n))
    hdr = lambda ident, n: 1 + (1 if ident < 256 else 2) + (0 if n <= 7 else 1 if n < 256 else 2 if n < 65536 else 3)  # noqa: E731
    total = 0
    for iid, res in size_by_instance.items():
        body = 0
        for rid, n in res.items():
            if isinstance(n, int):
                body += hdr(rid, n) + n
            else:
                inner = sum(hdr(ri, m) + m for ri, m in n)
                body += inner if len(req) == 4 else hdr(rid, inner) + inner
        total += hdr(iid, body) + body if len(req) == 1 else body
    if "buffer" in case and total > case["buffer"]:
        return "BUFFER_TOO_SMALL", total
    return None


def value_size(t: str, v: Any) -> int:
    if t in ("integer", "time"):
        return next(w for w in (1, 2, 4, 8) if -(1 << 8 * w - 1) <= v < 1 << 8 * w - 1)
    if t == "unsigned":
        return next(w for w in (1, 2, 4, 8) if v < 1 << 8 * w)
    if t == "float":
        x = float({"NaN": "nan", "Infinity": "inf", "-Infinity": "-inf"}.get(v, v))
        try:
            return 4 if struct.unpack(">f", struct.pack(">f", x))[0] == x else 8
        except OverflowError:
            return 8
    if t == "boolean":
        return 1
    if t in ("string", "corelnk"):
        return len(v.encode("utf-8"))
    if t == "opaque":
        return len(v) // 2
    return 4  # objlnk


# ------------------------------------------------------------------------------------------------------ the run


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--snapshot", type=Path, default=REPO / "core" / "codegen" / "registry.json",
                    help="the registry facts the codec is generated from (default: this repo's)")
    ap.add_argument("--registry", type=Path,
                    help="optional OMA registry checkout (DDF XML): also check that no Description text was copied")
    ap.add_argument("--vectors", type=Path, default=REPO / "vectors", help="the vectors directory (default: this repo's)")
    args = ap.parse_args()
    snapshot = json.loads(args.snapshot.read_text(encoding="utf-8"))
    builtin: dict = {o["id"]: {r["id"]: (r["type"], r["multiple"]) for r in o["resources"]}
                     for o in snapshot["objects"] if o["id"] in BUILTIN}
    if set(builtin) != BUILTIN:
        raise SystemExit(f"{args.snapshot}: objects missing: {sorted(BUILTIN - set(builtin))}")
    descriptions: list[str] = []
    for oid in sorted(BUILTIN) if args.registry else []:
        root = ET.fromstring((args.registry / f"{oid}.xml").read_text(encoding="utf-8"))
        for tag in ("Description", "Description1", "Description2"):
            descriptions += [d.text.strip() for d in root.iter(tag) if d.text and len(d.text.strip()) >= 24]

    sys.path.insert(0, str(HERE))
    import tlvlib  # the generator's encoder, for the re-encode check only

    problems: list[str] = []
    counts: dict[str, int] = {}
    kinds_seen: set[str] = set()
    ucifi_seen: set[int] = set()
    for f in sorted((args.vectors / "tlv").glob("*.json")):
        doc = json.loads(f.read_text(encoding="utf-8"))
        if doc.get("format") != "tlv":
            problems.append(f"{f.name}: format is not tlv")
        counts[f.name] = len(doc["cases"])
        for case in doc["cases"]:
            cid = case["id"]
            try:
                msg = check_case(case, builtin, tlvlib)
            except Exception as e:  # a bug in a case or in this checker: report, keep going
                msg = f"checker crashed: {e!r}"
            if msg:
                problems.append(f"{f.name} {cid}: {msg}")
            if "error" in case:
                kinds_seen.add(case["error"]["kind"])
            if f.name == "ucifi.json":
                ucifi_seen.add(parse_path(case["path"])[0])

    # Cross-file checks.
    ids: list[str] = []
    for f in sorted(args.vectors.rglob("*.json")):
        ids += [c.get("id") for c in json.loads(f.read_text(encoding="utf-8")).get("cases", [])]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        problems.append(f"duplicate ids across vectors/: {dup}")
    bad = [i for i in ids if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", str(i))]
    if bad:
        problems.append(f"ids not kebab-case: {bad}")
    if ucifi_seen != UCIFI:
        problems.append(f"ucifi.json misses objects {sorted(UCIFI - ucifi_seen)}")
    want = {"UNEXPECTED_END", "LENGTH_EXCEEDS_PARENT", "INVALID_NESTING", "DUPLICATE_ID", "PATH_MISMATCH",
            "INVALID_VALUE_LENGTH", "INVALID_BOOLEAN", "INVALID_UTF8", "EXECUTABLE_VALUE", "INVALID_PATH",
            "MISSING_PATH", "TYPE_MISMATCH", "BUFFER_TOO_SMALL", "INVALID_DDF", "INVALID_HEX", "INVALID_RECORD",
            "UNKNOWN_FORMAT"}
    if want - kinds_seen:
        problems.append(f"error kinds without a case: {sorted(want - kinds_seen)}")
    alltext = "".join(f.read_text(encoding="utf-8") for f in (args.vectors / "tlv").glob("*.json"))
    copied = [d[:60] for d in descriptions if d in alltext]
    if copied:
        problems.append(f"registry Description text found in vectors: {copied}")

    for name, n in counts.items():
        print(f"{name}: {n} cases")
    for p in problems:
        print("FAIL", p)
    print("ok" if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


def check_case(case: dict, builtin: dict, tlvlib: Any) -> str | None:
    """One case; returns a message when it does not hold."""
    allowed = {"id", "description", "format", "path", "ddf", "hex", "roundtrip", "records", "error", "buffer",
               "source"}
    if set(case) - allowed or not case.get("description"):
        return f"unexpected fields {set(case) - allowed} or no description"
    if ("records" in case) == ("error" in case) and "hex" in case:
        return "a decode case needs exactly one of records / error"
    expected = (case["error"]["kind"], case["error"]["offset"]) if "error" in case else None
    try:
        if case.get("format", "tlv") != "tlv":
            raise Fail("UNKNOWN_FORMAT", 0)
        if "path" not in case:
            raise Fail("MISSING_PATH", 0)
        path = parse_path(case["path"])
        model = dict(builtin)
        for text in case.get("ddf", []):
            model.update(ddf_objects(text))
        if "hex" not in case:  # encode case
            got = check_encode(case, model)
            if got != expected:
                return f"encode: expected {expected}, got {got}"
            return None
        buf = parse_hex(case["hex"])
        dec = Decoder(buf, path, model)
        records = dec.run()
    except Fail as e:
        if (e.kind, e.offset) != expected:
            return f"expected {expected}, got {(e.kind, e.offset)}"
        if case.get("roundtrip") is not False:
            return "an error case must have roundtrip false"
        return None
    if expected is not None:
        return f"expected {expected}, decoded fine"
    if records != case["records"] or json.dumps(records) != json.dumps(case["records"]):
        return f"records differ: got {records}"
    if not hasattr(tlvlib, "_builtin"):
        tlvlib._builtin = tlvlib.Model.builtin()
    tl_model = tlvlib._builtin.with_ddf(case.get("ddf", []))
    again = tlvlib.encode(case["path"], case["records"], tl_model).hex()
    if case["roundtrip"]:
        if again != case["hex"]:
            return f"roundtrip true but the encoder gives {again}"
        if not dec.canonical:
            return "roundtrip true but the wire-level test finds a non-canonical form"
    elif dec.canonical:
        return "roundtrip false but the wire-level test finds every form canonical"
    return None


if __name__ == "__main__":
    sys.exit(main())
