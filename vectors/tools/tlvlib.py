"""Shared pieces of the vector tools: the object model (the registry snapshot, and DDF XML for the vectors' own test
objects), the spec examples, and a canonical LwM2M TLV encoder.

Written from the spec digest (§2) and the vectors contract (vectors/README.md), independently of the Rust codec.
Python 3.11, standard library only.

The encoder follows the canonical rules of the contract:
* 8-bit identifier when the id is below 256, else 16-bit;
* inline length when the value has at most 7 bytes, else the shortest 1-, 2- or 3-byte length field;
* Integer and Time in the shortest of 1/2/4/8 bytes (signed), Unsigned Integer likewise (unsigned);
* Float in 4 bytes only when the value is exactly a binary32, else 8; Boolean in 1 byte;
* request path /O: one Object Instance wrapper per instance, in order of first appearance; /O/I: bare resources;
  /O/I/R: the one Resource (or Multiple Resource); /O/I/R/RI: the one Resource Instance;
* records of one resource with resource-instance paths form one Multiple Resource, placed at its first record.
"""

from __future__ import annotations

import json
import math
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, NamedTuple

REPO = Path(__file__).resolve().parents[2]

# DDF <Type> text -> record-JSON type name. The empty type is an executable resource.
DDF_TYPES = {
    "String": "string",
    "Integer": "integer",
    "Unsigned Integer": "unsigned",
    "Float": "float",
    "Boolean": "boolean",
    "Opaque": "opaque",
    "Time": "time",
    "Objlnk": "objlnk",
    "Corelnk": "corelnk",
    "": "none",
}
TYPE_NAMES = frozenset(DDF_TYPES.values())

UCIFI_OBJECTS = tuple(range(3410, 3440)) + tuple(range(3445, 3462))
# The built-in model of the codec (default features): uCIFI, the LwM2M core objects 0-7 and the IPSO objects uCIFI
# reuses. Only objects that vectors use need to be loaded here.
BUILTIN_OBJECTS = tuple(range(0, 8)) + (3303, 3332) + UCIFI_OBJECTS

KIND_INSTANCE, KIND_RESOURCE_INSTANCE, KIND_MULTIPLE, KIND_RESOURCE = 0, 1, 2, 3

I64_MIN, I64_MAX, U64_MAX = -(2**63), 2**63 - 1, 2**64 - 1


class ResDef(NamedTuple):
    """What a vector needs to know of a resource: its record type and whether it is a Multiple Resource."""

    type: str
    multiple: bool


# The project's facts-only snapshot of the OMA registry (what ucifi-codegen generates the tables from), and the byte
# examples of the specifications.
SNAPSHOT = REPO / "core" / "codegen" / "registry.json"
SPEC_EXAMPLES = REPO / "vectors" / "spec-examples.json"


def spec_examples(path: Path = SPEC_EXAMPLES) -> list[dict]:
    """The entries of vectors/spec-examples.json: format, hex, meaning, source."""
    return json.loads(path.read_text(encoding="utf-8"))["examples"]


def snapshot_objects(path: Path = SNAPSHOT) -> dict[int, dict[int, ResDef]]:
    """Object id -> resource id -> ResDef, for every object of the registry snapshot."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    return {o["id"]: {r["id"]: ResDef(r["type"], r["multiple"]) for r in o["resources"]} for o in doc["objects"]}


def parse_ddf(text: str) -> dict[int, dict[int, ResDef]]:
    """Object id -> resource id -> ResDef, from one DDF XML document (names and descriptions are not kept)."""
    root = ET.fromstring(text.encode("utf-8"))
    objects: dict[int, dict[int, ResDef]] = {}
    for obj in root.iter("Object"):
        oid = int((obj.findtext("ObjectID") or "").strip())
        resources: dict[int, ResDef] = {}
        items = obj.find("Resources")
        for item in items if items is not None else []:
            rtype = DDF_TYPES[(item.findtext("Type") or "").strip()]
            multiple = (item.findtext("MultipleInstances") or "").strip() == "Multiple"
            resources[int(item.get("ID"))] = ResDef(rtype, multiple)
        objects[oid] = resources
    return objects


class Model:
    """Resource lookup: built-in registry objects, overridden object by object by loaded DDF documents."""

    def __init__(self, objects: dict[int, dict[int, ResDef]]):
        self.objects = dict(objects)

    @classmethod
    def builtin(cls, snapshot: Path = SNAPSHOT) -> Model:
        everything = snapshot_objects(snapshot)
        return cls({oid: everything[oid] for oid in BUILTIN_OBJECTS})

    def with_ddf(self, texts: list[str]) -> Model:
        m = Model(self.objects)
        for t in texts:
            m.objects.update(parse_ddf(t))
        return m

    def resource(self, oid: int, rid: int) -> ResDef | None:
        return self.objects.get(oid, {}).get(rid)


# ---------------------------------------------------------------------------------------------------------- paths


def parse_path(text: str) -> tuple[int, ...]:
    """'/' or '/O[/I[/R[/RI]]]' -> ids (no error offsets here: the tools only build paths they wrote themselves).
    The reserved id 65535 passes: the encoders refuse it in a record path (INVALID_PATH at the record)."""
    parts = text.strip("/").split("/") if text != "/" else []
    ids = tuple(int(p) for p in parts)
    assert text.startswith("/") and 0 <= len(ids) <= 4 and all(0 <= i <= 0xFFFF for i in ids), text
    return ids


def path_text(ids: tuple[int, ...]) -> str:
    return "".join(f"/{i}" for i in ids)


# -------------------------------------------------------------------------------------------------------- encoder


class EncodeError(Exception):
    def __init__(self, kind: str, offset: int):
        super().__init__(f"{kind} at {offset}")
        self.kind, self.offset = kind, offset


def header(kind: int, ident: int, length: int) -> bytes:
    """Canonical TLV header: type byte, 1- or 2-byte id, inline or shortest length field."""
    t = kind << 6
    if ident < 256:
        idb = bytes([ident])
    else:
        t |= 0x20
        idb = ident.to_bytes(2, "big")
    if length <= 7:
        return bytes([t | length]) + idb
    for size, bits in ((1, 0x08), (2, 0x10), (3, 0x18)):
        if length < 1 << (8 * size):
            return bytes([t | bits]) + idb + length.to_bytes(size, "big")
    raise ValueError("value too long for TLV")


def element(kind: int, ident: int, value: bytes) -> bytes:
    return header(kind, ident, len(value)) + value


def int_bytes(v: int) -> bytes:
    for n in (1, 2, 4, 8):
        if -(1 << (8 * n - 1)) <= v < 1 << (8 * n - 1):
            return v.to_bytes(n, "big", signed=True)
    raise ValueError(v)


def uint_bytes(v: int) -> bytes:
    for n in (1, 2, 4, 8):
        if v < 1 << (8 * n):
            return v.to_bytes(n, "big")
    raise ValueError(v)


def float_value(v: Any) -> float:
    """A record's float value: a JSON number, or 'NaN' / 'Infinity' / '-Infinity'."""
    return {"NaN": math.nan, "Infinity": math.inf, "-Infinity": -math.inf}[v] if isinstance(v, str) else float(v)


def f32_exact(x: float) -> bool:
    """True when x is exactly a binary32 value (NaN is not, as with `x as f32 as f64 == x`)."""
    try:
        return struct.unpack(">f", struct.pack(">f", x))[0] == x
    except OverflowError:
        return False


def float_bytes(x: float) -> bytes:
    return struct.pack(">f", x) if f32_exact(x) else struct.pack(">d", x)


def value_bytes(rtype: str, v: Any) -> bytes:
    if rtype in ("integer", "time"):
        return int_bytes(v)
    if rtype == "unsigned":
        return uint_bytes(v)
    if rtype == "float":
        return float_bytes(float_value(v))
    if rtype == "boolean":
        return b"\x01" if v else b"\x00"
    if rtype in ("string", "corelnk"):
        return v.encode("utf-8")
    if rtype == "opaque":
        return bytes.fromhex(v)
    if rtype == "objlnk":
        o, i = v.split(":")
        return int(o).to_bytes(2, "big") + int(i).to_bytes(2, "big")
    raise ValueError(rtype)


def record_is_valid(rec: Any) -> bool:
    """Record JSON well-formed: a known type name and a value of the JSON kind and range that type needs."""
    if not isinstance(rec, dict) or not isinstance(rec.get("path"), str) or rec.get("type") not in TYPE_NAMES:
        return False
    t, v = rec["type"], rec.get("value")
    is_int = isinstance(v, int) and not isinstance(v, bool)
    if t in ("integer", "time"):
        return is_int and I64_MIN <= v <= I64_MAX
    if t == "unsigned":
        return is_int and 0 <= v <= U64_MAX
    if t == "float":
        return (is_int or isinstance(v, float)) and not isinstance(v, bool) or v in ("NaN", "Infinity", "-Infinity")
    if t == "boolean":
        return isinstance(v, bool)
    if t in ("string", "corelnk"):
        return isinstance(v, str)
    if t == "opaque":
        return isinstance(v, str) and len(v) % 2 == 0 and all(c in "0123456789abcdef" for c in v)
    if t == "objlnk":
        parts = v.split(":") if isinstance(v, str) else []
        return len(parts) == 2 and all(p.isdigit() and int(p) <= 0xFFFF for p in parts)
    return v is None  # none


def encode(path: str, records: list[dict], model: Model, buffer: int | None = None) -> bytes:
    """Records -> canonical TLV for the request path. Errors carry the record index (or the needed size)."""
    req = parse_path(path)
    if not req:
        raise EncodeError("INVALID_PATH", 1)  # the root: TLV names no object
    seen: set[tuple[int, ...]] = set()
    items: list[tuple[tuple[int, ...], str, Any]] = []
    for index, rec in enumerate(records):
        if not record_is_valid(rec):
            raise EncodeError("INVALID_RECORD", index)
        try:
            ids = parse_path(rec["path"])
        except (AssertionError, ValueError):
            raise EncodeError("INVALID_RECORD", index) from None
        if len(ids) < 3 or 0xFFFF in ids:
            raise EncodeError("INVALID_PATH", index)
        if ids[: len(req)] != req:
            raise EncodeError("PATH_MISMATCH", index)
        if ids in seen:
            raise EncodeError("DUPLICATE_ID", index)
        seen.add(ids)
        rdef = model.resource(ids[0], ids[2])
        if rdef is not None and rdef.type == "none":
            raise EncodeError("EXECUTABLE_VALUE", index)
        if rdef is not None and rdef.type != rec["type"]:
            raise EncodeError("TYPE_MISMATCH", index)
        items.append((ids, rec["type"], rec["value"]))

    # instance id -> resource id -> ("single", value bytes) | ("multi", [(ri, value bytes)])
    instances: dict[int, dict[int, tuple[str, Any]]] = {}
    for ids, rtype, v in items:
        resources = instances.setdefault(ids[1], {})
        vb = value_bytes(rtype, v)
        if len(ids) == 3:
            assert ids[2] not in resources, "single and multiple records for one resource"
            resources[ids[2]] = ("single", vb)
        else:
            entry = resources.setdefault(ids[2], ("multi", []))
            assert entry[0] == "multi", "single and multiple records for one resource"
            entry[1].append((ids[3], vb))

    def resource_tlv(rid: int, entry: tuple[str, Any]) -> bytes:
        if entry[0] == "single":
            return element(KIND_RESOURCE, rid, entry[1])
        inner = b"".join(element(KIND_RESOURCE_INSTANCE, ri, vb) for ri, vb in entry[1])
        return element(KIND_MULTIPLE, rid, inner)

    def instance_body(resources: dict[int, tuple[str, Any]]) -> bytes:
        return b"".join(resource_tlv(rid, e) for rid, e in resources.items())

    if len(req) == 1:
        out = b"".join(element(KIND_INSTANCE, iid, instance_body(res)) for iid, res in instances.items())
    elif len(req) == 4:
        out = b"".join(element(KIND_RESOURCE_INSTANCE, ri, vb) for res in instances.values()
                       for _, e in res.items() for ri, vb in e[1])
    else:
        out = b"".join(instance_body(res) for res in instances.values())
    if buffer is not None and len(out) > buffer:
        raise EncodeError("BUFFER_TOO_SMALL", len(out))
    return out


# ----------------------------------------------------------------------------------------------------------- JSON


def dumps(doc: Any) -> str:
    """The vectors' JSON layout: indent 1, keys in insertion order, UTF-8 kept, trailing newline."""
    return json.dumps(doc, indent=1, sort_keys=False, ensure_ascii=False, allow_nan=False) + "\n"
