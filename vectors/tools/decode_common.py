"""Pieces of check_formats.py's decoder shared by every format: the decode error, request and name parsing, typing
numbers by the model, and the output record.
"""

from __future__ import annotations

import math
import re
from typing import Any

from tlvlib import Model

I64 = (-(2**63), 2**63 - 1)
U64 = (0, 2**64 - 1)


class Fail(Exception):
    """A decode error: kind and offset. wf: raised by the well-formedness layer of the CBOR/JSON reader."""

    def __init__(self, kind: str, offset: int, wf: bool = False):
        super().__init__(f"{kind} at {offset}")
        self.kind, self.offset, self.wf = kind, offset, wf


def canonical_base64(s: str, alphabet: str) -> bytes | None:
    """The bytes of base64 text whose unused bits of the last group are zero (RFC 4648 §3.5), else None; s has no
    padding; alphabet is the two characters after 0-9 (+/ standard, -_ URL-safe)."""
    table = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" + alphabet
    if len(s) % 4 == 1 or any(c not in table for c in s):
        return None
    bits = "".join(format(table.index(c), "06b") for c in s)
    whole, rest = divmod(len(bits), 8)
    if "1" in bits[whole * 8:]:
        return None
    return bytes(int(bits[i * 8:i * 8 + 8], 2) for i in range(whole))


def parse_name(text: str) -> tuple[int, ...] | None:
    """A SenML name as an LwM2M path (1 to 4 ids, each 0..65535; one trailing '/' allowed), or None."""
    if not re.fullmatch(r"(/[0-9]+){1,4}/?", text):
        return None
    ids = tuple(int(x) for x in text[1:].rstrip("/").split("/"))
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
        if int(path[start:pos]) >= 0xFFFF or len(ids) == 4:  # 65535 is reserved
            raise Fail("INVALID_PATH", start)
        ids.append(int(path[start:pos]))
        pos += 1
    # The root '/' (no ids) is no restriction; the single-value formats need a resource.
    if single and len(ids) < 3:
        raise Fail("INVALID_PATH", len(path))
    return tuple(ids)


def objlnk(text: str) -> str | None:
    m = re.fullmatch(r"([0-9]+):([0-9]+)", text)
    # the record gives the ids as numbers: "000001:000001" is 1:1
    return f"{int(m[1])}:{int(m[2])}" if m and int(m[1]) <= 0xFFFF and int(m[2]) <= 0xFFFF else None


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
