"""The case builders of gen_tlv.py and tlv_error_cases.py: small record and hex helpers, records typed by the model,
and decode, accepted, error and encode-error cases (each checked against tlvlib's encoder).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tlvlib import EncodeError, Model, encode, parse_path, spec_examples


def h(text: str) -> str:
    """Hex written with spaces for reading -> the vectors' compact lowercase form."""
    return "".join(text.split()).lower()


def sh(s: str) -> str:
    """UTF-8 bytes of a string, as hex."""
    return s.encode("utf-8").hex()


def rec(path: str, rtype: str, value: Any, unknown: bool = False) -> dict:
    r = {"path": path, "type": rtype, "value": value}
    if unknown:
        r["unknown"] = True
    return r


def opaque(path: str, hexvalue: str) -> dict:
    return rec(path, "opaque", hexvalue, unknown=True)


def json_load(p: Path) -> Any:
    return json.loads(p.read_text(encoding="utf-8"))


class TlvCases:
    """Typed records and case builders; every builder checks its roundtrip flag against the encoder."""

    def __init__(self, snapshot: Path, spec_examples_file: Path):
        self.model = Model.builtin(snapshot)
        self.spec = spec_examples(spec_examples_file)

    # -- typed records from the model ---------------------------------------------------------------------------

    def typed(self, path: str, value: Any, model: Model | None = None) -> dict:
        ids = parse_path(path)
        rdef = (model or self.model).resource(ids[0], ids[2])
        assert rdef is not None, f"{path} not in the model"
        t = rdef.type
        assert t != "none", f"{path} is executable"
        if t == "float":
            assert isinstance(value, float) or value in ("NaN", "Infinity", "-Infinity"), (path, value)
        elif t in ("integer", "time", "unsigned"):
            assert isinstance(value, int) and not isinstance(value, bool), (path, value)
        elif t == "boolean":
            assert isinstance(value, bool), (path, value)
        elif t == "opaque":
            assert isinstance(value, (bytes, str)), (path, value)
            value = value.hex() if isinstance(value, bytes) else value
        else:
            assert isinstance(value, str), (path, value)
        return rec(path, t, value)

    def instance_records(self, oid: int, iid: int, resources: list) -> list[dict]:
        out = []
        for rid, v in resources:
            ids = (oid, iid, rid)
            rdef = self.model.resource(oid, rid)
            assert rdef is not None, ids
            if isinstance(v, list):
                assert rdef.multiple, f"/{oid}/{iid}/{rid} is a single resource"
                out += [self.typed(f"/{oid}/{iid}/{rid}/{ri}", x) for ri, x in v]
            else:
                assert not rdef.multiple, f"/{oid}/{iid}/{rid} is a multiple resource"
                out.append(self.typed(f"/{oid}/{iid}/{rid}", v))
        return out

    # -- case builders ------------------------------------------------------------------------------------------

    def canonical(self, cid: str, desc: str, path: str, records: list[dict], ddf: list[str] | None = None) -> dict:
        """A decode case whose hex is this encoder's output for the records (roundtrip true)."""
        model = self.model.with_ddf(ddf) if ddf else self.model
        hexs = encode(path, records, model).hex()
        return self.case(cid, desc, path, hexs, True, records, ddf=ddf)

    def accepted(self, cid: str, desc: str, path: str, hexs: str, records: list[dict], lenient: bool = False,
                 ddf: list[str] | None = None) -> dict:
        """A decode case with hand-written bytes that decode to the records but are not canonical (roundtrip false).

        lenient: bytes the encoder would reproduce from the records, but whose shape contradicts the model's
        multiplicity; the rules do not fix what an encoder does with such records, so the case stays decode-only.
        """
        model = self.model.with_ddf(ddf) if ddf else self.model
        again = encode(path, records, model).hex()
        assert (again == h(hexs)) == lenient, f"{cid}: re-encoding gives {again}"
        return self.case(cid, desc, path, h(hexs), False, records, ddf=ddf)

    @staticmethod
    def case(cid: str, desc: str, path: str | None, hexs: str, roundtrip: bool, records: list[dict] | None = None,
             error: tuple[str, int] | None = None, ddf: list[str] | None = None, fmt: str | None = None) -> dict:
        c: dict[str, Any] = {"id": cid, "description": desc}
        if fmt is not None:
            c["format"] = fmt
        if path is not None:
            c["path"] = path
        if ddf:
            c["ddf"] = ddf
        c["hex"] = hexs
        c["roundtrip"] = roundtrip
        if error is not None:
            c["error"] = {"kind": error[0], "offset": error[1]}
        else:
            c["records"] = records
        return c

    def error(self, cid: str, desc: str, path: str | None, hexs: str, kind: str, offset: int, raw: bool = False,
              **kw: Any) -> dict:
        """A decode case that must fail. raw: keep hexs exactly as given (for INVALID_HEX), else drop spaces."""
        return self.case(cid, desc, path, hexs if raw else h(hexs), False, error=(kind, offset), **kw)

    def encode_error(self, cid: str, desc: str, path: str, records: list, kind: str, offset: int,
                     buffer: int | None = None) -> dict:
        """An encode case (no hex): encoding the records must fail with kind at offset. Verified here."""
        try:
            encode(path, records, self.model, buffer)
        except EncodeError as e:
            assert (e.kind, e.offset) == (kind, offset), f"{cid}: got {e.kind} at {e.offset}"
        else:
            raise AssertionError(f"{cid}: encoding succeeded")
        c: dict[str, Any] = {"id": cid, "description": desc, "path": path, "records": records}
        if buffer is not None:
            c["buffer"] = buffer
        c["error"] = {"kind": kind, "offset": offset}
        return c
