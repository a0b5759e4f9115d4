#!/usr/bin/env python3
"""Check the vectors of the CBOR, JSON and single-value formats with a decoder written separately from the generator.

    python3 vectors/tools/check_formats.py

For every case in vectors/{senml-cbor,senml-json,lwm2m-cbor,cbor,text,opaque}/*.json:
* decode cases: this file's own decoder (its own CBOR and JSON readers with byte offsets, its own SenML resolution,
  LwM2M-CBOR walk, single-value parsing and model typing) must give exactly the case's records, or its error kind and
  offset;
* roundtrip-true cases: the generator's encoder (formatslib.encode) must give the hex back, and the hex must pass an
  independent canonical-form check (CBOR: shortest heads, narrowest exact floats, definite lengths; JSON: no
  whitespace outside strings); roundtrip-false cases must not be what the encoder writes;
* encode cases: the generator's encoder must fail with the case's error;
* cbor2 (and Python's json module) must agree on well-formedness.
Then: ids are unique across all of vectors/ (TLV included) and kebab-case, every error kind is one of core/src/error.rs,
and the error kinds each format's cases cover are printed. Exit status 1 on any failure.

Needs cbor2 (pip install cbor2) for the cross-check only; the decoding below does not use it.
"""

from __future__ import annotations

import base64
import binascii
import io
import json
import math
import re
import struct
import sys
from fractions import Fraction
from pathlib import Path
from typing import Any

import cbor2

sys.path.insert(0, str(Path(__file__).resolve().parent))

import formatslib  # noqa: E402
from tlvlib import REPO, Model, default_registry_dir  # noqa: E402

FORMATS = ("senml-cbor", "senml-json", "lwm2m-cbor", "cbor", "text", "opaque")
I64 = (-(2**63), 2**63 - 1)
U64 = (0, 2**64 - 1)


class Fail(Exception):
    """A decode error: kind and offset. wf: raised by the well-formedness layer of the CBOR/JSON reader."""

    def __init__(self, kind: str, offset: int, wf: bool = False):
        super().__init__(f"{kind} at {offset}")
        self.kind, self.offset, self.wf = kind, offset, wf


# =========================================================================================================== CBOR


class C:
    """A CBOR item: kind in uint nint bytes text array map tag simple float; off = first byte; ai = additional info."""

    def __init__(self, kind: str, off: int, ai: int, value: Any = None):
        self.kind, self.off, self.ai, self.value = kind, off, ai, value
        self.items: list[C] = []
        self.pairs: list[tuple[C, C]] = []
        self.indefinite = False
        self.width = 0  # float width in bytes


def cbor_read(data: bytes) -> tuple[C, int]:
    """One item from the start of data; returns the item and where it ends."""
    n = len(data)

    def need(pos: int, k: int) -> None:
        if pos + k > n:
            raise Fail("UNEXPECTED_END", n, True)

    def item(pos: int) -> tuple[C, int]:
        need(pos, 1)
        ib = data[pos]
        major, ai = ib >> 5, ib & 0x1F
        if 28 <= ai <= 30:
            raise Fail("INVALID_CBOR", pos, True)
        if ai == 31:
            if major in (0, 1, 6, 7):
                raise Fail("INVALID_CBOR", pos, True)  # no indefinite form, or a break out of place
            if major in (2, 3):
                # a chunked string: well-formed only with definite chunks of the same major type
                p = pos + 1
                while True:
                    need(p, 1)
                    if data[p] == 0xFF:
                        break
                    if data[p] >> 5 != major or data[p] & 0x1F == 31:
                        raise Fail("INVALID_CBOR", p, True)
                    chunk, p = item(p)
                raise Fail("INDEFINITE_LENGTH", pos)
            node = C("array" if major == 4 else "map", pos, ai)
            node.indefinite = True
            p = pos + 1
            while True:
                need(p, 1)
                if data[p] == 0xFF:
                    return node, p + 1
                k, p = item(p)
                if major == 4:
                    node.items.append(k)
                else:
                    v, p = item(p)
                    node.pairs.append((k, v))
        p = pos + 1
        if ai < 24:
            arg = ai
        else:
            size = {24: 1, 25: 2, 26: 4, 27: 8}[ai]
            need(p, size)
            raw = data[p:p + size]
            p += size
            if major == 7:
                if ai == 24:
                    if raw[0] < 32:
                        raise Fail("INVALID_CBOR", pos, True)
                    return C("simple", pos, ai, raw[0]), p
                fmt = {2: ">e", 4: ">f", 8: ">d"}[size]
                node = C("float", pos, ai, struct.unpack(fmt, raw)[0])
                node.width = size
                return node, p
            arg = int.from_bytes(raw, "big")
        if major == 0:
            return C("uint", pos, ai, arg), p
        if major == 1:
            return C("nint", pos, ai, -1 - arg), p
        if major in (2, 3):
            need(p, arg)
            raw = data[p:p + arg]
            if major == 2:
                return C("bytes", pos, ai, raw), p + arg
            try:
                return C("text", pos, ai, raw.decode("utf-8")), p + arg
            except UnicodeDecodeError as e:
                raise Fail("INVALID_UTF8", p + e.start) from None
        if major == 4:
            node = C("array", pos, ai)
            for _ in range(arg):
                k, p = item(p)
                node.items.append(k)
            return node, p
        if major == 5:
            node = C("map", pos, ai)
            for _ in range(arg):
                k, p = item(p)
                v, p = item(p)
                node.pairs.append((k, v))
            return node, p
        if major == 6:
            node = C("tag", pos, ai, arg)
            inner, p = item(p)
            node.items.append(inner)
            return node, p
        return C("simple", pos, ai, arg), p

    return item(0)


def cbor_top(data: bytes) -> C:
    node, end = cbor_read(data)
    if end != len(data):
        raise Fail("TRAILING_DATA", end, True)
    return node


def cbor_number(node: C) -> tuple[str, Any] | None:
    """('int', n) or ('float', x) for a CBOR number (int, float, tag 4, tag 1); None for another kind."""
    if node.kind in ("uint", "nint"):
        return ("int", node.value)
    if node.kind == "float":
        return ("float", node.value)
    if node.kind == "tag" and node.value == 4:
        arr = node.items[0]
        if arr.kind != "array" or len(arr.items) != 2 or any(x.kind not in ("uint", "nint") for x in arr.items):
            raise Fail("INVALID_CBOR", node.off)
        e, m = arr.items[0].value, arr.items[1].value
        return ("float", float(Fraction(m) * Fraction(10) ** e))
    if node.kind == "tag" and node.value == 1:
        inner = node.items[0]
        if inner.kind in ("uint", "nint"):
            return ("int", inner.value)
        if inner.kind == "float":
            return ("float", inner.value)
        raise Fail("INVALID_CBOR", node.off)
    if node.kind == "tag":
        raise Fail("INVALID_CBOR", node.off)
    return None


def canonical_cbor(node: C, data: bytes) -> str | None:
    """Why a well-formed item is not in canonical form, or None."""
    def arg_ok(n: C, arg: int) -> bool:
        return {True: n.ai < 24}.get(arg < 24, False) or (
            arg >= 24 and ((n.ai == 24 and arg < 256) or (n.ai == 25 and 256 <= arg < 65536) or
                           (n.ai == 26 and 65536 <= arg < 2**32) or (n.ai == 27 and arg >= 2**32)))

    def walk(n: C) -> str | None:
        if n.indefinite:
            return f"indefinite length at {n.off}"
        if n.kind in ("uint", "nint"):
            arg = n.value if n.kind == "uint" else -1 - n.value
            return None if arg_ok(n, arg) else f"long head at {n.off}"
        if n.kind == "float":
            want = formatslib.c_float(n.value)
            return None if len(want) == 1 + n.width else f"float at {n.off} not narrowest"
        if n.kind in ("bytes", "text"):
            ln = len(n.value) if n.kind == "bytes" else len(n.value.encode("utf-8"))
            return None if arg_ok(n, ln) else f"long length at {n.off}"
        if n.kind == "array":
            if not arg_ok(n, len(n.items)):
                return f"long length at {n.off}"
            for x in n.items:
                if (r := walk(x)):
                    return r
            return None
        if n.kind == "map":
            if not arg_ok(n, len(n.pairs)):
                return f"long length at {n.off}"
            for k, v in n.pairs:
                if (r := walk(k)) or (r := walk(v)):
                    return r
            return None
        if n.kind == "tag":
            return f"tag at {n.off}"
        return None

    return walk(node)


# =========================================================================================================== JSON


class J:
    """A JSON value: kind in object array string int float bool null; off = first byte."""

    def __init__(self, kind: str, off: int, value: Any = None):
        self.kind, self.off, self.value = kind, off, value
        self.items: list[J] = []
        self.pairs: list[tuple[J, J]] = []


WS = b" \t\r\n"
NUM = re.compile(rb"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")


def json_read(data: bytes) -> J:
    n = len(data)

    def ws(p: int) -> int:
        while p < n and data[p] in WS:
            p += 1
        return p

    def end_or(p: int) -> None:
        raise Fail("UNEXPECTED_END", n, True) if p >= n else Fail("INVALID_JSON", p, True)

    def value(p: int) -> tuple[J, int]:
        p = ws(p)
        if p >= n:
            raise Fail("UNEXPECTED_END", n, True)
        ch = data[p]
        if ch == ord("{"):
            node = J("object", p)
            p = ws(p + 1)
            if p < n and data[p] == ord("}"):
                return node, p + 1
            while True:
                p = ws(p)
                if p >= n or data[p] != ord('"'):
                    end_or(p)
                k, p = string(p)
                p = ws(p)
                if p >= n or data[p] != ord(":"):
                    end_or(p)
                v, p = value(p + 1)
                node.pairs.append((k, v))
                p = ws(p)
                if p < n and data[p] == ord(","):
                    p += 1
                    continue
                if p < n and data[p] == ord("}"):
                    return node, p + 1
                end_or(p)
        if ch == ord("["):
            node = J("array", p)
            p = ws(p + 1)
            if p < n and data[p] == ord("]"):
                return node, p + 1
            while True:
                v, p = value(p)
                node.items.append(v)
                p = ws(p)
                if p < n and data[p] == ord(","):
                    p += 1
                    continue
                if p < n and data[p] == ord("]"):
                    return node, p + 1
                end_or(p)
        if ch == ord('"'):
            return string(p)
        for word, val in ((b"true", True), (b"false", False), (b"null", None)):
            if ch == word[0]:
                for i, b in enumerate(word):
                    if p + i >= n:
                        raise Fail("UNEXPECTED_END", n, True)
                    if data[p + i] != b:
                        raise Fail("INVALID_JSON", p + i, True)
                return J("bool" if val is not None else "null", p, val), p + len(word)
        if ch == ord("-") or ord("0") <= ch <= ord("9"):
            m = NUM.match(data, p)
            q = m.end() if m else p
            # a number cut short: '-' alone, '1.' or '1e' at the end of the input or before a non-digit
            if m is None:  # '-' without a digit after it
                if p + 1 >= n:
                    raise Fail("UNEXPECTED_END", n, True)
                raise Fail("INVALID_JSON", p + 1, True)
            if q < n and data[q] in b".eE":  # a fraction or exponent without digits
                bad = q + 1
                if bad < n and data[bad] in b"+-" and data[q] in b"eE":
                    bad += 1
                if bad >= n:
                    raise Fail("UNEXPECTED_END", n, True)
                raise Fail("INVALID_JSON", bad, True)
            text = data[p:q].decode("ascii")
            if re.fullmatch(r"-?[0-9]+", text):
                return J("int", p, int(text)), q
            return J("float", p, float(text)), q
        raise Fail("INVALID_JSON", p, True)

    def string(p: int) -> tuple[J, int]:
        start = p
        p += 1
        out: list[str] = []
        run = p
        while True:
            if p >= n:
                raise Fail("UNEXPECTED_END", n, True)
            b = data[p]
            if b == ord('"') or b == ord("\\"):
                try:
                    out.append(data[run:p].decode("utf-8"))
                except UnicodeDecodeError as e:
                    raise Fail("INVALID_UTF8", run + e.start, True) from None
                if b == ord('"'):
                    return J("string", start, "".join(out)), p + 1
                if p + 1 >= n:
                    raise Fail("UNEXPECTED_END", n, True)
                esc = chr(data[p + 1])
                simple = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
                if esc in simple:
                    out.append(simple[esc])
                    p += 2
                elif esc == "u":
                    hexs = data[p + 2:p + 6]
                    if len(hexs) < 4:
                        raise Fail("UNEXPECTED_END", n, True)
                    if not re.fullmatch(rb"[0-9a-fA-F]{4}", hexs):
                        raise Fail("INVALID_JSON", p, True)
                    cp = int(hexs, 16)
                    p += 6
                    if 0xD800 <= cp < 0xDC00 and data[p:p + 2] == b"\\u" and re.fullmatch(rb"[0-9a-fA-F]{4}", data[p + 2:p + 6]):
                        lo = int(data[p + 2:p + 6], 16)
                        if 0xDC00 <= lo < 0xE000:
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
                            p += 6
                    if 0xD800 <= cp < 0xE000:
                        raise Fail("INVALID_JSON", p - 6, True)
                    out.append(chr(cp))
                else:
                    raise Fail("INVALID_JSON", p, True)
                run = p
                continue
            if b < 0x20:
                raise Fail("INVALID_JSON", p, True)
            p += 1

    node, p = value(0)
    p = ws(p)
    if p < n:
        raise Fail("TRAILING_DATA", p, True)
    return node


# ========================================================================================================== model


def parse_name(text: str) -> tuple[int, ...] | None:
    """A SenML name as an LwM2M path (1 to 4 ids, each 0..65535), or None."""
    if not re.fullmatch(r"(/[0-9]+){1,4}", text):
        return None
    ids = tuple(int(x) for x in text[1:].split("/"))
    return ids if all(i <= 0xFFFF for i in ids) else None


def parse_request(path: str | None, single: bool) -> tuple[int, ...] | None:
    """A request path with INVALID_PATH offsets (index in the path text); single: resource level needed."""
    if path is None:
        if single:
            raise Fail("MISSING_PATH", 0)
        return None
    if not path.startswith("/"):
        raise Fail("INVALID_PATH", 0)
    ids: list[int] = []
    pos = 1
    while pos < len(path):
        start = pos
        while pos < len(path) and path[pos] != "/":
            if not path[pos].isdigit():
                raise Fail("INVALID_PATH", pos)
            pos += 1
        if pos == start:
            raise Fail("INVALID_PATH", pos)
        if int(path[start:pos]) > 0xFFFF or len(ids) == 4:
            raise Fail("INVALID_PATH", start)
        ids.append(int(path[start:pos]))
        pos += 1
    if not ids:
        raise Fail("INVALID_PATH", len(path))
    if single and len(ids) < 3:
        raise Fail("INVALID_PATH", len(path))
    return tuple(ids)


def objlnk(text: str) -> str | None:
    m = re.fullmatch(r"([0-9]+):([0-9]+)", text)
    return text if m and int(m[1]) <= 0xFFFF and int(m[2]) <= 0xFFFF else None


def float_out(x: float) -> Any:
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def to_int(kind: str, v: Any, lo: int, hi: int) -> int | None:
    if kind == "float":
        if not math.isfinite(v) or v != math.floor(v):
            return None
        v = int(v)
    return v if lo <= v <= hi else None


def typed_number(rtype: str | None, num: tuple[str, Any], off: int) -> tuple[str, Any]:
    kind, v = num
    if rtype is None:
        if kind == "float":
            return "float", float_out(v)
        if I64[0] <= v <= I64[1]:
            return "integer", v
        if 0 <= v <= U64[1]:
            return "unsigned", v
        raise Fail("TYPE_MISMATCH", off)
    if rtype in ("integer", "time", "unsigned"):
        x = to_int(kind, v, *(U64 if rtype == "unsigned" else I64))
        if x is None:
            raise Fail("TYPE_MISMATCH", off)
        return rtype, x
    if rtype == "float":
        if kind == "float":
            return "float", float_out(v)
        try:
            f = float(v)
        except OverflowError:
            raise Fail("TYPE_MISMATCH", off) from None
        if int(f) != v:
            raise Fail("TYPE_MISMATCH", off)
        return "float", f
    raise Fail("TYPE_MISMATCH", off)


def out_record(ids: tuple[int, ...], rtype: str, value: Any, unknown: bool, time: Any = None) -> dict:
    r: dict[str, Any] = {"path": "".join(f"/{i}" for i in ids), "type": rtype, "value": value}
    if unknown:
        r["unknown"] = True
    if time is not None:
        if isinstance(time, float) and math.isfinite(time) and time == math.floor(time):
            time = int(time)
        r["time"] = time
    return r


def model_type(model: Model, ids: tuple[int, ...]) -> tuple[str | None, bool]:
    """(model type or None, unknown) for a resource-level path."""
    rdef = model.resource(ids[0], ids[2])
    return (rdef.type, False) if rdef is not None else (None, True)


# ========================================================================================================== SenML

CBOR_LABELS = {-1: "bver", -2: "bn", -3: "bt", -4: "bu", -5: "bv", -6: "bs", 0: "n", 1: "u", 2: "v", 3: "vs",
               4: "vb", 5: "s", 6: "t", 7: "ut", 8: "vd", "vlo": "vlo"}
JSON_LABELS = {v: v for v in CBOR_LABELS.values()}
VALUE_LABELS = ("v", "vs", "vb", "vd", "vlo")


def add(a: tuple[str, Any], b: tuple[str, Any]) -> tuple[str, Any]:
    if a[0] == "int" and b[0] == "int":
        return ("int", a[1] + b[1])
    return ("float", float(a[1]) + float(b[1]))


def senml_decode(data: bytes, is_json: bool, model: Model, request: str | None) -> list[dict]:
    req = parse_request(request, single=False)
    bad_kind = "INVALID_JSON" if is_json else "INVALID_CBOR"
    top = json_read(data) if is_json else cbor_top(data)
    if top.kind != "array":
        raise Fail(bad_kind, top.off)
    if not is_json and top.indefinite:
        raise Fail("INDEFINITE_LENGTH", top.off)

    def text(n: Any) -> str:
        if n.kind not in ("text", "string"):
            raise Fail(bad_kind, n.off)
        return n.value

    def number(n: Any) -> tuple[str, Any]:
        if is_json:
            if n.kind not in ("int", "float"):
                raise Fail(bad_kind, n.off)
            return (n.kind, n.value)
        num = cbor_number(n)
        if num is None:
            raise Fail(bad_kind, n.off)
        return num

    base: dict[str, Any] = {}
    recs = []
    for rn in top.items:
        if rn.kind not in ("map", "object"):
            raise Fail(bad_kind, rn.off)
        f: dict[str, Any] = {}
        value = None
        for k, v in rn.pairs:
            if is_json:
                label = JSON_LABELS.get(k.value)
                if label is None and k.value.endswith("_"):
                    raise Fail("UNKNOWN_MANDATORY_LABEL", k.off)
            else:
                if k.kind in ("uint", "nint"):
                    label = CBOR_LABELS.get(k.value)
                elif k.kind == "text":
                    label = CBOR_LABELS.get(k.value) if k.value == "vlo" else None
                    if label is None and k.value.endswith("_"):
                        raise Fail("UNKNOWN_MANDATORY_LABEL", k.off)
                else:
                    raise Fail(bad_kind, k.off)
            if label is None:
                continue
            if label == "bver":
                if is_json and (v.kind != "int" or v.value < 0) or not is_json and v.kind != "uint":
                    raise Fail(bad_kind, v.off)
                if v.value > 10:
                    raise Fail("UNSUPPORTED_VERSION", v.off)
            elif label in ("bn", "bu", "n", "u"):
                x = text(v)
                if label == "bn":
                    base["bn"] = x
                elif label == "n":
                    f["n"] = x
            elif label in ("bt", "bv", "bs", "t", "s", "ut"):
                x = number(v)
                if label in ("bt", "bv", "bs"):
                    base[label] = x
                else:
                    f[label] = x
            else:
                if value is not None:
                    raise Fail("MULTIPLE_VALUES", k.off)
                if label in ("vs", "vlo"):
                    value = (label, text(v), v.off)
                elif label == "v":
                    value = (label, number(v), v.off)
                elif label == "vb":
                    if (v.kind != "bool") if is_json else (v.kind != "simple" or v.value not in (20, 21)):
                        raise Fail(bad_kind, v.off)
                    value = (label, v.value if is_json else v.value == 21, v.off)
                else:  # vd
                    if is_json:
                        s = text(v)
                        if not re.fullmatch(r"[A-Za-z0-9_-]*={0,2}", s) or len(s.rstrip("=")) % 4 == 1 or (
                                "=" in s and len(s) % 4):
                            raise Fail("INVALID_BASE64", v.off)
                        try:
                            raw = base64.urlsafe_b64decode(s.rstrip("=") + "=" * (-len(s.rstrip("=")) % 4))
                        except binascii.Error:
                            raise Fail("INVALID_BASE64", v.off) from None
                    else:
                        if v.kind != "bytes":
                            raise Fail(bad_kind, v.off)
                        raw = v.value
                    value = (label, raw, v.off)
        name = base.get("bn", "") + f.get("n", "")
        bt, t = base.get("bt"), f.get("t")
        time = None if bt is None and t is None else (bt if t is None else t if bt is None else add(bt, t))
        if value is not None and value[0] == "v" and "bv" in base:
            value = ("v", add(base["bv"], value[1]), value[2])
        has_sum = "s" in f or "bs" in base
        recs.append((rn.off, name, value, has_sum, time))

    names_only = all(v is None and not s for _, _, v, s, _ in recs)
    out = []
    seen = set()
    for off, name, value, has_sum, time in recs:
        ids = parse_name(name)
        if ids is None:
            raise Fail("INVALID_NAME", off)
        if not names_only:
            if value is None:
                raise Fail("MISSING_VALUE", off)
            if len(ids) < 3:
                raise Fail("INVALID_NAME", off)
        if req is not None and ids[: len(req)] != req:
            raise Fail("PATH_MISMATCH", off)
        tkey = None if time is None else (time[1] if time[0] == "int" or time[1] != math.floor(time[1]) else int(time[1]))
        if (ids, tkey) in seen:
            raise Fail("DUPLICATE_ID", off)
        seen.add((ids, tkey))
        tval = None if time is None else time[1]
        if names_only:
            out.append(out_record(ids, "none", None, False, tval))
            continue
        rtype, unknown = model_type(model, ids)
        label, raw, voff = value
        if rtype == "none":
            raise Fail("EXECUTABLE_VALUE", voff)
        if label == "v":
            ty, val = typed_number(rtype, raw, voff)
        elif label == "vs":
            if rtype in (None, "string", "corelnk"):
                ty, val = rtype or "string", raw
            elif rtype == "objlnk" and objlnk(raw):
                ty, val = "objlnk", raw
            else:
                raise Fail("TYPE_MISMATCH", voff)
        elif label == "vlo":
            if rtype not in (None, "objlnk") or not objlnk(raw):
                raise Fail("TYPE_MISMATCH", voff)
            ty, val = "objlnk", raw
        elif label == "vb":
            if rtype not in (None, "boolean"):
                raise Fail("TYPE_MISMATCH", voff)
            ty, val = "boolean", raw
        else:
            if rtype not in (None, "opaque"):
                raise Fail("TYPE_MISMATCH", voff)
            ty, val = "opaque", raw.hex()
        out.append(out_record(ids, ty, val, unknown, tval))
    return out


# ===================================================================================================== CBOR leaves


def cbor_leaf(node: C, rtype: str | None) -> tuple[str, Any]:
    """A CBOR leaf typed by the model type (None: by its kind)."""
    off = node.off
    if rtype is None:
        if node.kind == "text":
            return "string", node.value
        if node.kind == "bytes":
            return "opaque", node.value.hex()
        if node.kind == "simple" and node.value in (20, 21):
            return "boolean", node.value == 21
        if node.kind == "simple" and node.value == 22:
            return "none", None
        num = cbor_number(node)
        if num is None:
            raise Fail("INVALID_CBOR", off)
        return typed_number(None, num, off)
    if rtype == "none":
        if node.kind == "simple" and node.value == 22:
            return "none", None
        raise Fail("EXECUTABLE_VALUE", off)
    if rtype in ("string", "corelnk"):
        if node.kind != "text":
            raise Fail("TYPE_MISMATCH", off)
        return rtype, node.value
    if rtype == "objlnk":
        if node.kind != "text" or not objlnk(node.value):
            raise Fail("TYPE_MISMATCH", off)
        return rtype, node.value
    if rtype == "opaque":
        if node.kind != "bytes":
            raise Fail("TYPE_MISMATCH", off)
        return rtype, node.value.hex()
    if rtype == "boolean":
        if node.kind != "simple" or node.value not in (20, 21):
            raise Fail("TYPE_MISMATCH", off)
        return rtype, node.value == 21
    num = cbor_number(node)
    if num is None:
        raise Fail("TYPE_MISMATCH", off)
    return typed_number(rtype, num, off)


def lwm2m_decode(data: bytes, model: Model, request: str | None) -> list[dict]:
    req = parse_request(request, single=False)
    root = cbor_top(data)
    if root.kind != "map":
        raise Fail("INVALID_CBOR", root.off)
    out: list[dict] = []
    seen: set = set()

    def walk(m: C, prefix: tuple[int, ...]) -> None:
        for k, v in m.pairs:
            if k.kind == "uint":
                keys = [k.value]
            elif k.kind == "array":
                keys = []
                for x in k.items:
                    if x.kind != "uint":
                        raise Fail("INVALID_CBOR", x.off)
                    keys.append(x.value)
                if not keys:
                    raise Fail("INVALID_CBOR", k.off)
            else:
                raise Fail("INVALID_CBOR", k.off)
            ids = prefix + tuple(keys)
            if len(ids) > 4 or any(i > 0xFFFF for i in ids):
                raise Fail("INVALID_NAME", k.off)
            if v.kind == "map":
                walk(v, ids)
                continue
            if len(ids) < 3:
                raise Fail("INVALID_NAME", k.off)
            if req is not None and ids[: len(req)] != req:
                raise Fail("PATH_MISMATCH", k.off)
            if ids in seen:
                raise Fail("DUPLICATE_ID", k.off)
            seen.add(ids)
            rtype, unknown = model_type(model, ids)
            ty, val = cbor_leaf(v, rtype)
            out.append(out_record(ids, ty, val, unknown))

    walk(root, ())
    return out


# ==================================================================================================== single values


def single_decode(fmt: str, data: bytes, model: Model, request: str | None) -> list[dict]:
    ids = parse_request(request, single=True)
    rtype, unknown = model_type(model, ids)
    if fmt == "cbor":
        ty, val = cbor_leaf(cbor_top(data), rtype)
        return [out_record(ids, ty, val, unknown)]
    if fmt == "opaque":
        if rtype not in (None, "opaque"):
            raise Fail("TYPE_MISMATCH", 0)
        return [out_record(ids, "opaque", data.hex(), unknown)]
    try:
        s = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise Fail("INVALID_UTF8", e.start) from None
    if rtype is None:
        return [out_record(ids, "string", s, True)]
    if rtype == "none":
        raise Fail("EXECUTABLE_VALUE", 0)
    bad = Fail("INVALID_TEXT", 0)
    if rtype in ("string", "corelnk"):
        return [out_record(ids, rtype, s, False)]
    if rtype in ("integer", "time", "unsigned"):
        if not re.fullmatch(r"[0-9]+" if rtype == "unsigned" else r"-?[0-9]+", s):
            raise bad
        v = int(s)
        lo, hi = U64 if rtype == "unsigned" else I64
        if not lo <= v <= hi:
            raise bad
        return [out_record(ids, rtype, v, False)]
    if rtype == "float":
        if s in ("NaN", "inf", "-inf"):
            return [out_record(ids, "float", float_out(float(s)), False)]
        if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?", s):
            raise bad
        return [out_record(ids, "float", float_out(float(s)), False)]
    if rtype == "boolean":
        if s not in ("0", "1"):
            raise bad
        return [out_record(ids, "boolean", s == "1", False)]
    if rtype == "opaque":
        if len(s) % 4 or not re.fullmatch(r"[A-Za-z0-9+/]*={0,2}", s):
            raise bad
        try:
            return [out_record(ids, "opaque", base64.b64decode(s, validate=True).hex(), False)]
        except binascii.Error:
            raise bad from None
    if rtype == "objlnk":
        if not objlnk(s):
            raise bad
        return [out_record(ids, "objlnk", s, False)]
    raise bad


def decode(fmt: str, data: bytes, model: Model, request: str | None) -> list[dict]:
    if fmt in ("senml-cbor", "senml-json"):
        return senml_decode(data, fmt == "senml-json", model, request)
    if fmt == "lwm2m-cbor":
        return lwm2m_decode(data, model, request)
    return single_decode(fmt, data, model, request)


# ============================================================================================================ check


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
    return set(re.findall(r'=> "([A-Z_0-9]+)"', text))


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
    except Exception:  # noqa: BLE001 - cbor2 raises several kinds
        return False


def main() -> int:
    model = Model.builtin(default_registry_dir())
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
                # cross-check well-formedness with cbor2 / json
                if cf in ("senml-cbor", "lwm2m-cbor", "cbor", "senml-json"):
                    structural = fail is not None and fail.wf or (
                        fail is not None and fail.kind in ("INVALID_UTF8",) and cf != "senml-json")
                    ok_elsewhere = wellformed_elsewhere(cf, data)
                    if cf == "senml-json" and fail is not None and fail.kind == "INVALID_UTF8":
                        structural = True
                    if fail is not None and fail.kind == "INDEFINITE_LENGTH":
                        structural = False  # well-formed CBOR that the formats refuse
                    if structural == ok_elsewhere:
                        problems.append(f"{cid}: well-formedness disagrees with "
                                        f"{'json' if cf == 'senml-json' else 'cbor2'} "
                                        f"(ours: {fail.kind if fail else 'ok'}, theirs: {'ok' if ok_elsewhere else 'error'})")

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

    for name, n in counts.items():
        print(f"{name}: {n} cases")
    print(f"{len(ids)} case ids across vectors/, all unique" if not any(p.startswith("id ") for p in problems) else "")
    for fmt in FORMATS:
        print(f"{fmt} error kinds: {', '.join(sorted(coverage[fmt]))}")
    for p in problems:
        print("PROBLEM:", p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
