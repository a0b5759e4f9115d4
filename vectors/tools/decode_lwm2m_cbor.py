"""check_formats.py's LwM2M-CBOR decoder, and the typing of CBOR leaves by the model (also used for the cbor format)."""

from __future__ import annotations

from typing import Any

from decode_common import Fail, model_type, objlnk, out_record, parse_request, typed_number
from read_cbor import C, cbor_number, cbor_top, finish
from tlvlib import Model


def joined(node: C) -> C:
    """A chunked string as the definite string of its joined chunks (UTF-8 checked over the joined bytes)."""
    raw = b"".join(b for _, b in node.chunks)
    if node.kind == "bytes":
        return C("bytes", node.off, 0, raw)
    try:
        return C("text", node.off, 0, raw.decode("utf-8"))
    except UnicodeDecodeError as e:
        k = e.start
        for start, b in node.chunks:  # the input offset of joined byte k
            if k < len(b):
                raise Fail("INVALID_UTF8", start + k) from None
            k -= len(b)
        raise


def cbor_leaf(node: C, rtype: str | None, chunked: bool = False) -> tuple[str, Any]:
    """A CBOR leaf typed by the model type (None: by its kind). chunked: a chunked string where a string goes is
    read as its joined chunks (LwM2M-CBOR), else refused."""
    off = node.off
    if chunked and node.kind in ("text", "bytes") and node.indefinite and (
            rtype is None or rtype in ("string", "corelnk", "objlnk", "opaque") and
            node.kind == ("bytes" if rtype == "opaque" else "text")):
        node = joined(node)
    if node.kind in ("text", "bytes") and node.indefinite and (
            rtype is None or rtype in ("string", "corelnk", "objlnk", "opaque") and
            node.kind == ("bytes" if rtype == "opaque" else "text")):
        raise Fail("INDEFINITE_LENGTH", off)  # judged at the head, before the chunks
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
        if num is None:  # an array, a map or another simple value: no leaf kind
            raise Fail("TYPE_MISMATCH", off)
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
        return rtype, objlnk(node.value)
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
    root = cbor_top(data, lazy=True)
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
                    raise Fail("INVALID_NAME", k.off)
            else:
                raise Fail("INVALID_CBOR", k.off)
            ids = prefix + tuple(keys)
            for level, i in enumerate(ids[len(prefix):], len(prefix)):  # each id as it is read
                if i > 0xFFFF:
                    raise Fail("INVALID_NAME", k.off)
                if i == 0xFFFF:
                    raise Fail("INVALID_PATH", k.off)  # the reserved id
                if level >= 4:
                    raise Fail("INVALID_NAME", k.off)
            if v.kind == "map":
                walk(v, ids)
                continue
            if len(ids) < 3:
                raise Fail("INVALID_NAME", k.off)
            if req is not None and ids[: len(req)] != req:
                raise Fail("PATH_MISMATCH", k.off)
            # a path equal to an earlier one, or a prefix of it, or below it (a resource given both ways)
            if ids in seen or ids[:3] in seen or any(s[:3] == ids for s in seen):
                raise Fail("DUPLICATE_ID", k.off)
            seen.add(ids)
            rtype, unknown = model_type(model, ids)
            # null: no value, whatever the model's type (FORMATS.md)
            ty, val = ("none", None) if v.kind == "simple" and v.value == 22 else cbor_leaf(v, rtype, chunked=True)
            out.append(out_record(ids, ty, val, unknown))

    walk(root, ())
    finish(root)
    return out
