"""check_formats.py's decoder of the single-value formats: cbor (one CBOR leaf), text and opaque."""

from __future__ import annotations

import math
import re

from decode_common import I64, U64, Fail, canonical_base64, float_out, model_type, objlnk, out_record, parse_request
from decode_lwm2m_cbor import cbor_leaf
from read_cbor import cbor_top, finish
from tlvlib import Model


def single_decode(fmt: str, data: bytes, model: Model, request: str | None) -> list[dict]:
    ids = parse_request(request, single=True)
    rtype, unknown = model_type(model, ids)
    if fmt == "cbor":
        top = cbor_top(data, lazy=True)
        ty, val = cbor_leaf(top, rtype)
        finish(top)
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
        # digits with an optional fraction ('.5' and '5.' too) and exponent; a decimal beyond the double range is
        # refused (it would silently become infinite)
        if not re.fullmatch(r"-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?", s) or math.isinf(float(s)):
            raise bad
        return [out_record(ids, "float", float_out(float(s)), False)]
    if rtype == "boolean":
        if s not in ("0", "1"):
            raise bad
        return [out_record(ids, "boolean", s == "1", False)]
    if rtype == "opaque":
        body = s.rstrip("=")  # padded standard base64, unused bits zero
        raw = canonical_base64(body, "+/") if len(s) % 4 == 0 and len(s) - len(body) <= 2 else None
        if raw is None:
            raise bad
        return [out_record(ids, "opaque", raw.hex(), False)]
    if rtype == "objlnk":
        if not objlnk(s):
            raise bad
        return [out_record(ids, "objlnk", s, False)]
    raise bad
