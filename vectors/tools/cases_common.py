"""The case builders shared by gen_formats.py's per-format case modules: records typed by the model; decode,
accepted, error and encode-error cases (each checked against formatslib's encoder); the uCIFI reading cases.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from formatslib import EncodeError, encode
from tlvlib import Model, parse_path, spec_examples
from ucifi_readings import READINGS

T0 = 1735732800  # 2025-01-01T12:00:00Z


def rec(path: str, rtype: str, value: Any, unknown: bool = False, time: Any = None) -> dict:
    r: dict[str, Any] = {"path": path, "type": rtype, "value": value}
    if unknown:
        r["unknown"] = True
    if time is not None:
        r["time"] = time
    return r


def none(path: str) -> dict:
    return rec(path, "none", None)


def show(v: Any) -> str:
    """A value as it appears in a description."""
    return json.dumps(v, ensure_ascii=False)


def jb(text: str) -> bytes:
    return text.encode("utf-8")


def at(data: bytes | str, needle: bytes | str, nth: int = 0) -> int:
    """Byte offset of the nth occurrence of needle."""
    data = jb(data) if isinstance(data, str) else data
    needle = jb(needle) if isinstance(needle, str) else needle
    pos = -1
    for _ in range(nth + 1):
        pos = data.find(needle, pos + 1)
        assert pos >= 0, (data, needle)
    return pos


class CaseGen:
    """The model, the spec examples and the format being generated (fmt), with the case builders."""

    def __init__(self, snapshot: Path, spec_examples_file: Path):
        self.model = Model.builtin(snapshot)
        self.spec = spec_examples(spec_examples_file)
        self.fmt = ""

    # -- records ------------------------------------------------------------------------------------------------

    def t(self, path: str, value: Any, time: Any = None) -> dict:
        """A record typed by the model (the value's Python kind must suit the type)."""
        ids = parse_path(path)
        rdef = self.model.resource(ids[0], ids[2])
        assert rdef is not None and rdef.type != "none", path
        ty = rdef.type
        if ty == "float":
            assert isinstance(value, float) or value in ("NaN", "Infinity", "-Infinity"), (path, value)
        elif ty in ("integer", "time", "unsigned"):
            assert isinstance(value, int) and not isinstance(value, bool), (path, value)
        elif ty == "boolean":
            assert isinstance(value, bool), (path, value)
        elif ty == "opaque":
            value = value.hex() if isinstance(value, bytes) else value
        else:
            assert isinstance(value, str), (path, value)
        return rec(path, ty, value, time=time)

    def u(self, path: str, rtype: str, value: Any, time: Any = None) -> dict:
        """A record the model does not know."""
        ids = parse_path(path)
        assert self.model.resource(ids[0], ids[2]) is None, path
        return rec(path, rtype, value.hex() if isinstance(value, bytes) else value, unknown=True, time=time)

    def reading_records(self, oid: int, instances: dict) -> list[dict]:
        out = []
        for iid, resources in instances.items():
            for rid, v in resources:
                if isinstance(v, list):
                    out += [self.t(f"/{oid}/{iid}/{rid}/{ri}", x) for ri, x in v]
                else:
                    out.append(self.t(f"/{oid}/{iid}/{rid}", v))
        return out

    # -- case builders ------------------------------------------------------------------------------------------

    def enc(self, records: list, path: str | None = None) -> bytes:
        return encode(self.fmt, records, self.model, path)

    @staticmethod
    def case(cid: str, desc: str, path: str | None, data: bytes, roundtrip: bool, records: list | None = None,
             error: tuple[str, int] | None = None) -> dict:
        c: dict[str, Any] = {"id": cid, "description": desc}
        if path is not None:
            c["path"] = path
        c["hex"] = data.hex()
        c["roundtrip"] = roundtrip
        if error is not None:
            c["error"] = {"kind": error[0], "offset": error[1]}
        else:
            c["records"] = records
        return c

    def canon(self, cid: str, desc: str, records: list, path: str | None = None, expect: str | None = None) -> dict:
        """A decode case whose bytes are the canonical encoding of the records (roundtrip true)."""
        data = self.enc(records, path)
        if expect is not None:
            assert data.hex() == "".join(expect.split()), f"{cid}: {data.hex()}"
        return self.case(cid, desc, path, data, True, records)

    def acc(self, cid: str, desc: str, data: bytes | str, records: list, path: str | None = None) -> dict:
        """A decode case with hand-made bytes that are not the canonical form of the records (roundtrip false)."""
        data = jb(data) if isinstance(data, str) else data
        try:
            again = self.enc(records, path)
        except EncodeError:
            again = None
        assert again != data, f"{cid}: the bytes are canonical"
        return self.case(cid, desc, path, data, False, records)

    def err(self, cid: str, desc: str, data: bytes | str, kind: str, offset: int, path: str | None = None) -> dict:
        data = jb(data) if isinstance(data, str) else data
        assert kind in ("INVALID_PATH", "MISSING_PATH") or 0 <= offset <= len(data), cid
        return self.case(cid, desc, path, data, False, error=(kind, offset))

    def enc_err(self, cid: str, desc: str, records: list, kind: str, offset: int, path: str | None = None,
                buffer: int | None = None) -> dict:
        """An encode case (no hex): encoding the records must fail with kind at offset. Verified here."""
        try:
            encode(self.fmt, records, self.model, path, buffer)
        except EncodeError as e:
            assert (e.kind, e.offset) == (kind, offset), f"{cid}: got {e.kind} at {e.offset}"
        else:
            raise AssertionError(f"{cid}: encoding succeeded")
        c: dict[str, Any] = {"id": cid, "description": desc}
        if path is not None:
            c["path"] = path
        c["records"] = records
        if buffer is not None:
            c["buffer"] = buffer
        c["error"] = {"kind": kind, "offset": offset}
        return c

    # -- shared by several formats ------------------------------------------------------------------------------

    def spec_entries(self, fmt: str) -> list[dict]:
        return [e for e in self.spec if e["format"] == fmt]

    def spec_values(self, values: dict) -> list[dict]:
        return [self.t(p, v) for p, v in values.items()]

    def one(self, path: str, value: Any) -> list[dict]:
        return [self.t(path, value)]

    def ucifi_cases(self, p: str) -> list[dict]:
        c = []
        seen: dict[int, int] = {}
        for oid, path, desc, instances in READINGS:
            k = seen.get(oid, 0)
            seen[oid] = k + 1
            cid = f"{p}-ucifi-{oid}" + (f"-{k + 1}" if k else "")
            c.append(self.canon(cid, f"uCIFI {desc}; Read {path}", self.reading_records(oid, instances), path=path))
        return c
