"""Canonical encoders for the CBOR, JSON and single-value vector formats.

Written from vectors/FORMATS.md and the spec digest (§3-5), independently of the Rust codec. Python 3.11, standard
library only (cbor2 is used by the checker, never here). The model (resource types) is tlvlib's registry reader; the
CBOR item writers are cborlib's.

Encoders (all raise EncodeError(kind, record index), or BUFFER_TOO_SMALL with the size needed):

* senml-cbor / senml-json: one record per value in input order. Every record with the same path (one record, or
  several times of one resource): the first record `bn` = that full path and no record has `n`. Otherwise P = the
  longest id-prefix shared by all record paths, limited to a proper prefix of every path (so every `n` is non-empty);
  P non-empty: the first record `bn` = "/p1/../pk/" and every record `n` = the rest; P empty: no `bn`, `n` = the full
  path. Times: every record timed -> the first carries `bt` = its time, the others `t` = time - bt (left out when 0),
  provided bt + t gives every time back exactly, else every record carries its own `t` and there is no `bt`; only
  some timed -> each of those carries `t`. Entry order bn, bt, n, value field, t. Integer/Unsigned/Float/Time -> v;
  String/Corelnk -> vs; Boolean -> vb; Opaque -> vd; Objlnk -> "vlo"; none -> no value field.
* lwm2m-cbor: the path tree of the records in order of first appearance; a chain of single-child nodes is one array
  key; a node with several children is a definite map; the root is always a map; one-id keys are plain uints.
* cbor / text / opaque: one record, its value alone.

CBOR leaves: shortest integer heads; the narrowest float (half, single, double) that reads back bit-identical; definite
lengths; Time as an integer; Objlnk as text "oid:iid". SenML-JSON: no whitespace, integers in decimal, floats as the
`ryu` crate's format_finite writes an f64: shortest round-trip digits, integral values keep ".0", exponent form
"1e16"/"1.5e-7" (lowercase e, no "+") when the decimal exponent is below -5 or at least 16; strings escaped as
serde_json does (only `"`, `\\` and control characters, non-ASCII kept as UTF-8); vd in base64url without padding.
Text: decimal integers, floats as Rust's `{}` Display (shortest round-trip digits, never an exponent, "19" for 19.0,
"-0", "NaN", "inf", "-inf"), Boolean 0/1, Opaque as padded standard base64, Objlnk "oid:iid".

CHOICES (where FORMATS.md leaves room; each is also stated in the vectors that depend on it):
* when every record has the same path (a history of one resource), bn is that full path and no record has n (the
  smallest form); otherwise the prefix P is a proper prefix of every path, so no n is ever empty;
* integral record times (and bt/t values) below 2^63 in magnitude are written as CBOR/JSON integers, others (and
  -0.0) as floats;
* bt + t inexact for any record -> no bt at all, every record carries its own t;
* records of type none are names (Read-Composite) and skip the model type check; mixing them with valued records is
  MISSING_VALUE at the first none record; a non-finite float (or time) cannot be written in SenML-JSON
  (INVALID_RECORD at the record).
* lwm2m-cbor groups records by path tree, so decoding gives them back in tree order, not in input order.
"""

from __future__ import annotations

import base64
import math
from decimal import Decimal
from typing import Any

from cborlib import c_array, c_bytes, c_float, c_int, c_map, c_text
from tlvlib import Model, parse_path, record_is_valid

# -------------------------------------------------------------------------------------------------- number spelling


def _digits(x: float) -> tuple[str, int]:
    """Shortest round-trip decimal digits of |x| (finite, non-zero) and kk, with |x| = 0.d1d2... * 10^kk."""
    d = Decimal(repr(abs(x))).normalize()
    t = d.as_tuple()
    digits = "".join(str(i) for i in t.digits)
    return digits, len(digits) + int(t.exponent)


def json_float(x: float) -> str:
    """An f64 as the `ryu` crate's format_finite writes it (Rust's SenML-JSON writer uses ryu)."""
    if not math.isfinite(x):
        raise ValueError("SenML-JSON cannot carry a non-finite float")
    sign = "-" if math.copysign(1.0, x) < 0 else ""
    if x == 0:
        return sign + "0.0"
    digits, kk = _digits(x)
    n = len(digits)
    k = kk - n
    if 0 <= k and kk <= 16:
        body = digits + "0" * k + ".0"
    elif 0 < kk <= 16:
        body = digits[:kk] + "." + digits[kk:]
    elif -5 < kk <= 0:
        body = "0." + "0" * (-kk) + digits
    elif n == 1:
        body = f"{digits}e{kk - 1}"
    else:
        body = f"{digits[0]}.{digits[1:]}e{kk - 1}"
    return sign + body


def rust_display(x: float) -> str:
    """An f64 as Rust's `{}` Display writes it: shortest round-trip digits, no exponent."""
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    sign = "-" if math.copysign(1.0, x) < 0 else ""
    if x == 0:
        return sign + "0"
    digits, kk = _digits(x)
    n = len(digits)
    if kk <= 0:
        body = "0." + "0" * (-kk) + digits
    elif kk >= n:
        body = digits + "0" * (kk - n)
    else:
        body = digits[:kk] + "." + digits[kk:]
    return sign + body


def json_string(s: str) -> str:
    """A JSON string as serde_json writes it."""
    out = ['"']
    short = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
    for ch in s:
        if ch in short:
            out.append(short[ch])
        elif ord(ch) < 0x20:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def b64url(b: bytes) -> str:
    return base64.urlsafe_b64encode(b).decode("ascii").rstrip("=")


def b64std(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def record_float(v: Any) -> float:
    return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}[v] if isinstance(v, str) else float(v)


# ---------------------------------------------------------------------------------------------------------- encoders


class EncodeError(Exception):
    def __init__(self, kind: str, offset: int):
        super().__init__(f"{kind} at {offset}")
        self.kind, self.offset = kind, offset


def _time_ok(t: Any) -> bool:
    return (isinstance(t, int) and not isinstance(t, bool)) or (isinstance(t, float) and math.isfinite(t))


def check_records(records: list, model: Model, request: str | None, *, names_ok: bool, times_ok: bool,
                  min_level: int = 3, none_leaves: bool = False) -> list[tuple[int, ...]]:
    """Record checks common to every encoder; returns the id tuples. Errors carry the record index. none_leaves:
    records of type none are leaves without a value (LwM2M-CBOR null), at resource level like any other."""
    req = parse_path(request) if request is not None else None
    seen: set = set()
    out = []
    for i, r in enumerate(records):
        if not record_is_valid(r) or (r["type"] == "none" and not names_ok):
            raise EncodeError("INVALID_RECORD", i)
        if "time" in r and (not times_ok or not _time_ok(r["time"])):
            raise EncodeError("INVALID_RECORD", i)
        try:
            ids = parse_path(r["path"])
        except (AssertionError, ValueError):
            raise EncodeError("INVALID_RECORD", i) from None
        if not ids:
            raise EncodeError("INVALID_RECORD", i)  # a record path names at least the object
        if ((r["type"] != "none" or none_leaves) and len(ids) < min_level) or 0xFFFF in ids:
            raise EncodeError("INVALID_PATH", i)  # above resource level, or the reserved id 65535
        if req is not None and ids[: len(req)] != req:
            raise EncodeError("PATH_MISMATCH", i)
        key = (ids, r.get("time"))
        if key in seen:
            raise EncodeError("DUPLICATE_ID", i)
        seen.add(key)
        if r["type"] != "none" and len(ids) >= 3:
            rdef = model.resource(ids[0], ids[2])
            if rdef is not None and rdef.type == "none":
                raise EncodeError("EXECUTABLE_VALUE", i)
            if rdef is not None and rdef.type != r["type"]:
                raise EncodeError("TYPE_MISMATCH", i)
        out.append(ids)
    return out


def _fits(out: bytes, buffer: int | None) -> bytes:
    if buffer is not None and len(out) > buffer:
        raise EncodeError("BUFFER_TOO_SMALL", len(out))
    return out


def cbor_leaf(r: dict) -> bytes:
    t, v = r["type"], r["value"]
    if t in ("integer", "unsigned", "time"):
        return c_int(v)
    if t == "float":
        return c_float(record_float(v))
    if t == "boolean":
        return b"\xf5" if v else b"\xf4"
    if t in ("string", "corelnk", "objlnk"):
        return c_text(v)
    if t == "opaque":
        return c_bytes(bytes.fromhex(v))
    if t == "none":
        return b"\xf6"
    raise ValueError(t)


# SenML labels: (CBOR key, JSON label)
BVER, BN, BT, BU, BV, BS, N, U, V, VS, VB, S, T, UT, VD, VLO = (
    -1, -2, -3, -4, -5, -6, 0, 1, 2, 3, 4, 5, 6, 7, 8, "vlo")
LABEL_NAMES = {BVER: "bver", BN: "bn", BT: "bt", BU: "bu", BV: "bv", BS: "bs", N: "n", U: "u", V: "v", VS: "vs",
               VB: "vb", S: "s", T: "t", UT: "ut", VD: "vd", VLO: "vlo"}
VALUE_FIELD = {"integer": V, "unsigned": V, "float": V, "time": V, "string": VS, "corelnk": VS, "boolean": VB,
               "opaque": VD, "objlnk": VLO}


def _sub(a: Any, b: Any) -> Any:
    return a - b if isinstance(a, int) and isinstance(b, int) else float(a) - float(b)


def _add(a: Any, b: Any) -> Any:
    return a + b if isinstance(a, int) and isinstance(b, int) else float(a) + float(b)


def _num_key(x: Any) -> Any:
    """A time as a comparable exact value."""
    return x if isinstance(x, int) else (int(x) if x == int(x) else x)


def senml_entries(records: list, model: Model, request: str | None) -> list[list[tuple[Any, Any]]]:
    """The canonical SenML records: per record, a list of (label, value) with value a tagged tuple."""
    paths = check_records(records, model, request, names_ok=True, times_ok=True, min_level=3)
    if any(r["type"] == "none" for r in records) and not all(r["type"] == "none" for r in records):
        raise EncodeError("MISSING_VALUE", next(i for i, r in enumerate(records) if r["type"] == "none"))
    n = len(records)
    whole = n >= 1 and all(p == paths[0] for p in paths)
    prefix: tuple[int, ...] = ()
    if not whole and n >= 2:
        prefix = paths[0]
        for p in paths[1:]:
            k = 0
            while k < min(len(prefix), len(p)) and prefix[k] == p[k]:
                k += 1
            prefix = prefix[:k]
        prefix = prefix[: min(len(p) for p in paths) - 1]
    timed = [("time" in r) for r in records]
    bt = None
    own_t = [r.get("time") if "time" in r else None for r in records]
    rel_t: list[Any] = [None] * n
    if n and all(timed):
        base = records[0]["time"]
        rel = [_sub(r["time"], base) for r in records]
        if all(_num_key(_add(base, t) if t != 0 else base) == _num_key(r["time"]) for t, r in zip(rel, records)):
            bt = base
            rel_t = [None if t == 0 else t for t in rel]
            own_t = [None] * n
    out = []
    for i, (r, ids) in enumerate(zip(records, paths)):
        e: list[tuple[Any, Any]] = []
        if whole and i == 0:
            e.append((BN, ("text", "".join(f"/{x}" for x in ids))))
        elif prefix and i == 0:
            e.append((BN, ("text", "".join(f"/{x}" for x in prefix) + "/")))
        if i == 0 and bt is not None:
            e.append((BT, ("num", bt)))
        if not whole:
            rest = ids[len(prefix):]
            e.append((N, ("text", ("" if prefix else "/") + "/".join(str(x) for x in rest))))
        if r["type"] != "none":
            e.append((VALUE_FIELD[r["type"]], (r["type"], r["value"])))
        t = own_t[i] if bt is None else rel_t[i]
        if t is not None:
            e.append((T, ("num", t)))
        out.append(e)
    return out


def _integral(x: float) -> bool:
    """A time written as an integer: integral, below 2^63 in magnitude, and not -0.0."""
    return x == int(x) and abs(x) < 2**63 and not (x == 0 and math.copysign(1.0, x) < 0)


def _cbor_num(x: Any) -> bytes:
    if isinstance(x, int):
        return c_int(x)
    if _integral(x):
        return c_int(int(x))
    return c_float(x)


def _json_num(x: Any) -> str:
    if isinstance(x, int):
        return str(x)
    if _integral(x):
        return str(int(x))
    return json_float(x)


def encode_senml_cbor(records: list, model: Model, request: str | None = None, buffer: int | None = None) -> bytes:
    items = []
    for e in senml_entries(records, model, request):
        pairs = []
        for label, (kind, v) in e:
            key = c_text(label) if isinstance(label, str) else c_int(label)
            if kind == "text":
                val = c_text(v)
            elif kind == "num":
                val = _cbor_num(v)
            else:
                val = cbor_leaf({"type": kind, "value": v})
            pairs.append((key, val))
        items.append(c_map(pairs))
    return _fits(c_array(items), buffer)


def encode_senml_json(records: list, model: Model, request: str | None = None, buffer: int | None = None) -> bytes:
    recs = []
    for i, e in enumerate(senml_entries(records, model, request)):
        fields = []
        for label, (kind, v) in e:
            if kind == "text":
                val = json_string(v)
            elif kind == "num":
                val = _json_num(v)
            elif kind in ("integer", "unsigned", "time"):
                val = str(v)
            elif kind == "float":
                f = record_float(v)
                if not math.isfinite(f):
                    raise EncodeError("INVALID_RECORD", i)
                val = json_float(f)
            elif kind == "boolean":
                val = "true" if v else "false"
            elif kind == "opaque":
                val = json_string(b64url(bytes.fromhex(v)))
            else:
                val = json_string(v)
            fields.append(f"{json_string(LABEL_NAMES[label])}:{val}")
        recs.append("{" + ",".join(fields) + "}")
    return _fits(("[" + ",".join(recs) + "]").encode("utf-8"), buffer)


def encode_lwm2m_cbor(records: list, model: Model, request: str | None = None, buffer: int | None = None) -> bytes:
    paths = check_records(records, model, request, names_ok=True, times_ok=False, none_leaves=True)
    root: dict = {}
    for r, ids in zip(records, paths):
        node = root
        for x in ids[:-1]:
            node = node.setdefault(x, {})
            assert isinstance(node, dict), "a record path runs through another record's leaf"
        assert ids[-1] not in node, "a leaf on another record's path"
        node[ids[-1]] = cbor_leaf(r)

    def children(node: dict) -> bytes:
        pairs = []
        for cid, child in node.items():
            key = [cid]
            while isinstance(child, dict) and len(child) == 1:
                (k, child), = child.items()
                key.append(k)
            kb = c_int(cid) if len(key) == 1 else c_array([c_int(x) for x in key])
            pairs.append((kb, child if isinstance(child, bytes) else children(child)))
        return c_map(pairs)

    return _fits(children(root), buffer)


def _single(records: list, model: Model, request: str | None) -> dict:
    if request is None:
        raise EncodeError("MISSING_PATH", 0)
    if request == "/":
        raise EncodeError("INVALID_PATH", 1)  # the single-value formats need the resource the path names
    check_records(records, model, request, names_ok=False, times_ok=False)
    assert len(records) == 1 and records[0]["path"] == request
    return records[0]


def encode_cbor(records: list, model: Model, request: str | None = None, buffer: int | None = None) -> bytes:
    return _fits(cbor_leaf(_single(records, model, request)), buffer)


def text_value(r: dict) -> str:
    t, v = r["type"], r["value"]
    if t in ("integer", "unsigned", "time"):
        return str(v)
    if t == "float":
        return rust_display(record_float(v))
    if t == "boolean":
        return "1" if v else "0"
    if t == "opaque":
        return b64std(bytes.fromhex(v))
    return v


def encode_text(records: list, model: Model, request: str | None = None, buffer: int | None = None) -> bytes:
    return _fits(text_value(_single(records, model, request)).encode("utf-8"), buffer)


def encode_opaque(records: list, model: Model, request: str | None = None, buffer: int | None = None) -> bytes:
    r = _single(records, model, request)
    if r["type"] != "opaque":
        raise EncodeError("TYPE_MISMATCH", 0)
    return _fits(bytes.fromhex(r["value"]), buffer)


ENCODERS = {
    "senml-cbor": encode_senml_cbor,
    "senml-json": encode_senml_json,
    "lwm2m-cbor": encode_lwm2m_cbor,
    "cbor": encode_cbor,
    "text": encode_text,
    "opaque": encode_opaque,
}


def encode(fmt: str, records: list, model: Model, request: str | None = None, buffer: int | None = None) -> bytes:
    return ENCODERS[fmt](records, model, request, buffer)
