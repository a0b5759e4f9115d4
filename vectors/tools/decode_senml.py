"""check_formats.py's SenML decoder (CBOR and JSON): labels, base-field resolution, names and model typing."""

from __future__ import annotations

import base64
import binascii
import math
import re
from typing import Any

from decode_common import (Fail, canonical_base64, model_type, objlnk, out_record, parse_name, parse_request,
                           typed_number)
from read_cbor import FailedItem, cbor_number, cbor_top, finish
from read_json import json_read
from tlvlib import Model

CBOR_LABELS = {-1: "bver", -2: "bn", -3: "bt", -4: "bu", -5: "bv", -6: "bs", 0: "n", 1: "u", 2: "v", 3: "vs",
               4: "vb", 5: "s", 6: "t", 7: "ut", 8: "vd", "vlo": "vlo"}
JSON_LABELS = {v: v for v in CBOR_LABELS.values()}
VALUE_LABELS = ("v", "vs", "vb", "vd", "vlo")
MAX_IGNORED_DEPTH = 16  # nesting allowed inside the value of an ignored label (the value itself is at depth 0)


def add(a: tuple[str, Any], b: tuple[str, Any]) -> tuple[str, Any]:
    if a[0] == "int" and b[0] == "int":
        return ("int", a[1] + b[1])
    return ("float", float(a[1]) + float(b[1]))


def senml_decode(data: bytes, is_json: bool, model: Model, request: str | None) -> list[dict]:
    req = parse_request(request, single=False)
    bad_kind = "INVALID_JSON" if is_json else "INVALID_CBOR"
    top = json_read(data, lazy=True) if is_json else cbor_top(data, lazy=True)
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

    def ignored(n: Any, depth: int) -> None:
        """Walks an ignored value in input order: an item nested deeper than MAX_IGNORED_DEPTH is refused at it."""
        if depth > MAX_IGNORED_DEPTH:
            raise Fail(bad_kind, n.off)
        if isinstance(n, FailedItem):
            raise n.fail
        for x in n.items:
            ignored(x, depth + 1)
        for k, v in n.pairs:
            ignored(k, depth + 1)
            ignored(v, depth + 1)

    base: dict[str, Any] = {}
    out: list[dict] = []
    seen: set = set()
    mode: str | None = None  # "values" or "names" (a Read-Composite pack) once a record decides it
    first_nameless = 0
    for rn in top.items:
        if rn.kind not in ("map", "object"):
            raise Fail(bad_kind, rn.off)
        f: dict[str, Any] = {}
        value = None
        labels: set[str] = set()
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
            if label in labels:  # a label given twice in one record: at the second key
                raise Fail(bad_kind, k.off)
            if label is None or label == "ut":  # ignored: only well-formed, nesting at most MAX_IGNORED_DEPTH
                ignored(v, 0)
                continue
            labels.add(label)
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
            elif label in ("bt", "bv", "bs", "t", "s"):
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
                        body = s.rstrip("=")  # URL-safe, padded or not, unused bits zero
                        decoded = canonical_base64(body, "-_") if len(s) - len(body) <= 2 else None
                        if decoded is None or body != s and len(s) % 4:
                            raise Fail("INVALID_BASE64", v.off)
                        raw = decoded
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
        # The record is resolved as soon as its map ends (first problem in input order): name, pack rules, request,
        # the value against the model, then duplicates.
        off = rn.off
        ids = parse_name(name)
        if ids is None:
            raise Fail("INVALID_NAME", off)
        if 0xFFFF in ids:
            raise Fail("INVALID_PATH", off)  # the reserved id
        if value is None and has_sum:
            raise Fail("MISSING_VALUE", off)
        if value is not None and mode == "names":
            raise Fail("MISSING_VALUE", first_nameless)
        if value is None and mode == "values":
            raise Fail("MISSING_VALUE", off)
        if value is None and mode is None:
            mode, first_nameless = "names", off
        elif value is not None:
            mode = "values"
        if value is not None and len(ids) < 3:
            raise Fail("INVALID_NAME", off)
        if req is not None and ids[: len(req)] != req:
            raise Fail("PATH_MISMATCH", off)
        tkey = None if time is None else (time[1] if time[0] == "int" or time[1] != math.floor(time[1]) else int(time[1]))
        repeat = (ids, tkey) in seen
        seen.add((ids, tkey))
        tval = None if time is None else time[1]
        if value is None:
            if repeat:
                raise Fail("DUPLICATE_ID", off)
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
                ty, val = "objlnk", objlnk(raw)
            else:
                raise Fail("TYPE_MISMATCH", voff)
        elif label == "vlo":
            if rtype not in (None, "objlnk") or not objlnk(raw):
                raise Fail("TYPE_MISMATCH", voff)
            ty, val = "objlnk", objlnk(raw)
        elif label == "vb":
            if rtype not in (None, "boolean"):
                raise Fail("TYPE_MISMATCH", voff)
            ty, val = "boolean", raw
        else:
            if rtype not in (None, "opaque"):
                raise Fail("TYPE_MISMATCH", voff)
            ty, val = "opaque", raw.hex()
        if repeat:
            raise Fail("DUPLICATE_ID", off)
        out.append(out_record(ids, ty, val, unknown, tval))
    finish(top)
    return out
