#!/usr/bin/env python3
"""Generate the vector files of the CBOR, JSON and single-value formats:

    vectors/senml-cbor/*.json   vectors/senml-json/*.json   vectors/lwm2m-cbor/*.json
    vectors/cbor/*.json         vectors/text/*.json         vectors/opaque/*.json

    python3 vectors/tools/gen_formats.py            # write the files
    python3 vectors/tools/gen_formats.py --check    # regenerate in memory; exit 1 if a file on disk differs

Python 3.11, standard library only. Rules: vectors/FORMATS.md; bytes of the spec examples: ../shared/spec/spec-vectors.json
(spec digest §3-5); resource types: the OMA registry DDF snapshot read by tlvlib.py. The canonical encoders are this
tool's own (formatslib.py, which also lists the choices made where FORMATS.md leaves room). Canonical cases are the
encoder's output for their records (roundtrip true); hand-made frames (roundtrip false, and every error case) are built
with formatslib's CBOR builder or written as JSON text, and their expected records and errors are written here by hand.
check_formats.py decodes every case again with a separate decoder.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from formatslib import (  # noqa: E402
    BN, BS, BT, BU, BV, BVER, F16, F32, F64, N, S, T, U, UT, V, VB, VD, VLO, VS,
    EncodeError, Head, IArr, IBytes, IMap, IText, M, Mark, Raw, Tag, b64url, build, encode,
)
from tlvlib import I64_MAX, I64_MIN, REPO, U64_MAX, Model, default_registry_dir, dumps, parse_path  # noqa: E402
from ucifi_readings import READINGS  # noqa: E402

OUT = REPO / "vectors"
T0 = 1735732800  # 2025-01-01T12:00:00Z
FORMATS = ("senml-cbor", "senml-json", "lwm2m-cbor", "cbor", "text", "opaque")


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


class Gen:
    def __init__(self, registry: Path, spec_vectors: Path):
        self.model = Model.builtin(registry)
        self.spec = json.loads(spec_vectors.read_text(encoding="utf-8"))
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

    # ================================================================================================ SenML-CBOR

    def spec_entries(self, fmt: str) -> list[dict]:
        return [e for e in self.spec if e["format"] == fmt]

    def spec_values(self, values: dict) -> list[dict]:
        return [self.t(p, v) for p, v in values.items()]

    def senml_cbor_spec(self) -> list[dict]:
        c = []
        lw, rfc = self.spec_entries("senml-cbor")
        data = bytes.fromhex(lw["hex"])
        assert len(data) == 196
        records = self.spec_values(lw["meaning"]["values"])
        canonical = self.enc(records, "/3/0") == data
        c.append(self.case(
            "senml-cbor-spec-device-read-3-0",
            "OMA-TS-LightweightM2M_Core-V1_1_1 §7.4.5 SenML-CBOR example, Read /3/0 (196 bytes; hex as transcribed in "
            "MLopezJ/minimalist-lwm2m-client, spec-digest §3.3/3.5): first record bn \"/3/0/\", n \"0\", then relative "
            "n \"1\" … \"6/0\" … \"16\"; types from the Device object DDF (13 Time as v, 2 a String). "
            + ("Byte-identical to the canonical form (P = /3/0, entries bn, n, value; shortest heads), so roundtrip true."
               if canonical else "Not the canonical form, roundtrip false."),
            "/3/0", data, canonical, records))
        data = bytes.fromhex(rfc["hex"])
        assert len(data) == 195
        c.append(self.err(
            "senml-cbor-spec-rfc8428-section-6",
            "RFC 8428 §6 CBOR example (195 bytes, = ex3.gen.cbor): well-formed SenML (bver 5 is accepted, bu/u are "
            "ignored), but its names are URNs (\"urn:dev:ow:10e2073a0108006:voltage\"), not LwM2M paths: INVALID_NAME at "
            "the first record's map (offset 1)", data, "INVALID_NAME", 1))
        c.append(self.canon(
            "senml-cbor-spec-size-illustration-3303",
            "spec-digest §4 size illustration: /3303/0/5700 = 22.5 as SenML-CBOR, 81 a2 21 6c \"/3303/0/5700\" 02 f9 4da0 "
            "(20 bytes): one record, bn = the full path, no n, 22.5 as a half float",
            [self.t("/3303/0/5700", 22.5)], expect="81a2216c2f333330332f302f3537303002f94da0"))
        return c

    def one(self, path: str, value: Any) -> list[dict]:
        return [self.t(path, value)]

    def senml_types(self, p: str) -> list[dict]:
        """Type cases shared in spirit by senml-cbor and senml-json (prefix p); CBOR-only forms are added after."""
        c: list[dict] = []
        cb = self.fmt == "senml-cbor"
        for name, v in [("0", 0), ("23", 23), ("24", 24), ("255", 255), ("256", 256), ("65535", 65535),
                        ("65536", 65536), ("4294967295", 2**32 - 1), ("4294967296", 2**32), ("minus-1", -1),
                        ("minus-24", -24), ("minus-25", -25), ("minus-256", -256), ("minus-257", -257),
                        ("i64-max", I64_MAX), ("i64-min", I64_MIN)]:
            c.append(self.canon(f"{p}-type-integer-{name}",
                                f"Integer {v} at /3424/0/4 (water meter pulse count) as v"
                                + (": the shortest CBOR integer head" if cb else ": a JSON integer, exact"),
                                self.one("/3424/0/4", v)))
        for name, v in [("0", 0), ("2-pow-63", 2**63), ("u64-max", U64_MAX)]:
            c.append(self.canon(f"{p}-type-unsigned-{name}",
                                f"Unsigned Integer {v} at /1/0/18 (Server communication retry timer, Unsigned) as v"
                                + (" (major type 0)" if cb else " (exact beyond 2^53: JSON integers are not doubles)"),
                                self.one("/1/0/18", v)))
        floats = [("22-5", 22.5, "half f9 4da0"), ("minus-3-25", -3.25, "half"), ("zero", 0.0, "half f9 0000"),
                  ("minus-zero", -0.0, "half f9 8000"), ("65504", 65504.0, "the largest half, f9 7bff"),
                  ("half-subnormal", 2.0**-24, "the smallest half subnormal, f9 0001"),
                  ("1234-5", 1234.5, "single: 12 significant bits do not fit a half"),
                  ("100000", 100000.0, "single: above the half range"),
                  ("65520", 65520.0, "single: would round to infinity as a half"),
                  ("0-1", 0.1, "double: not exact in single"), ("1e300", 1e300, "double"),
                  ("f32-max", 3.4028234663852886e38, "single: the largest binary32")]
        if cb:
            floats += [("nan", "NaN", "half f9 7e00"), ("infinity", "Infinity", "half f9 7c00"),
                       ("minus-infinity", "-Infinity", "half f9 fc00")]
        for name, v, how in floats:
            desc = f"Float {show(v)} at /3424/0/1 (cumulated water volume)" + (
                f": the narrowest exact float is {how}" if cb else
                ": written as ryu writes an f64 (shortest round-trip digits; integral values keep .0; exponent "
                "form 1e300 at decimal exponents below -5 or from 16 up)")
            c.append(self.canon(f"{p}-type-float-{name}", desc, self.one("/3424/0/1", v)))
        c.append(self.canon(f"{p}-type-boolean-true", "Boolean true at /3424/0/9 (leak suspected) as vb",
                            self.one("/3424/0/9", True)))
        c.append(self.canon(f"{p}-type-boolean-false", "Boolean false at /3424/0/9 as vb", self.one("/3424/0/9", False)))
        for name, s in [("ascii", "ultrasonic"), ("empty", ""), ("utf8", "Wasserzähler Süd 💧"),
                        ("len-23", "ultrasonic-DN15-class-C"), ("len-24", "ultrasonic-DN15-class-C2")]:
            c.append(self.canon(f"{p}-type-string-{name}",
                                f"String {show(s)} at /3424/0/3 (type of meter) as vs"
                                + (f" ({len(s.encode())} UTF-8 bytes" + (", text head 77" if len(s.encode()) == 23 else
                                   ", text head 78 18" if len(s.encode()) == 24 else "") + ")" if cb else
                                   " (non-ASCII kept as UTF-8, not \\u-escaped)" if name == "utf8" else ""),
                                self.one("/3424/0/3", s)))
        for name, b in [("bytes", bytes.fromhex("0102030405")), ("empty", b""), ("len-24", bytes(range(24)))]:
            c.append(self.canon(f"{p}-type-opaque-{name}",
                                f"Opaque {b.hex() or 'empty'} at /3414/0/1 (data bridge payload) as vd"
                                + ("" if cb else f" in base64url without padding ({b64url(b)!r})"),
                                self.one("/3414/0/1", b)))
        for name, v in [("now", T0), ("zero", 0), ("minus-1", -1), ("year-2100", 4102444800)]:
            c.append(self.canon(f"{p}-type-time-{name}",
                                f"Time {v} at /3424/0/5518 (16-bit id timestamp) as v, an integer (Time is signed)",
                                self.one("/3424/0/5518", v)))
        c.append(self.canon(f"{p}-type-objlnk", "Objlnk 11:0 at /1/0/10 (Server APN link) as the text label vlo",
                            self.one("/1/0/10", "11:0")))
        c.append(self.canon(f"{p}-type-objlnk-null", "Objlnk null link 65535:65535 as vlo",
                            self.one("/1/0/10", "65535:65535")))
        c.append(self.canon(f"{p}-type-resource-instances",
                            "Multiple Resource /3/0/7 (Device supply voltages, Integer): resource-instance paths; bn "
                            "\"/3/0/7/\" and n \"0\", \"1\"",
                            [self.t("/3/0/7/0", 3800), self.t("/3/0/7/1", 5000)], path="/3/0/7"))
        c.append(self.canon(f"{p}-type-objlnk-multiple",
                            "Objlnk Multiple Resource /3/0/22 (ExtDevInfo) linking 3410:0 and 3411:0, as vlo",
                            [self.t("/3/0/22/0", "3410:0"), self.t("/3/0/22/1", "3411:0")]))
        c.append(self.canon(f"{p}-type-unknown-kinds",
                            "Object 32769 is not in the model: each record keeps the type its value field shows, "
                            "flagged unknown (v integer -> integer, v above i64 -> unsigned, v float -> float, vs -> "
                            "string, vb -> boolean, vd -> opaque, vlo -> objlnk); the encoder writes them by record type",
                            [self.u("/32769/0/1", "integer", -7), self.u("/32769/0/2", "unsigned", U64_MAX),
                             self.u("/32769/0/3", "float", 2.5), self.u("/32769/0/4", "string", "abc"),
                             self.u("/32769/0/5", "boolean", True), self.u("/32769/0/6", "opaque", b"\x01\x02"),
                             self.u("/32769/0/7", "objlnk", "3:0")]))
        c.append(self.canon(f"{p}-type-unknown-resource",
                            "Resource 99 is not in the water meter model: an integer v is an unknown integer, next to a "
                            "typed resource",
                            [self.t("/3424/0/1", 12.5), self.u("/3424/0/99", "integer", 42)], path="/3424/0"))
        c.append(self.canon(f"{p}-type-16bit-ids",
                            "The IPSO resources uCIFI reuses, with 16-bit ids: /3424/0/5518 Time, 6050 Float (fractional "
                            "timestamp), 6042 and 6049 Integer",
                            [self.t("/3424/0/5518", T0), self.t("/3424/0/6050", 0.5), self.t("/3424/0/6042", 0),
                             self.t("/3424/0/6049", 100)]))
        return c

    def senml_cbor_types(self) -> list[dict]:
        p = "senml-cbor"
        c = self.senml_types(p)
        t = self.t

        def one(path: str, value: Any, label: Any = V) -> bytes:
            return build([{BN: path, label: value}])[0]

        c += [
            self.acc(f"{p}-type-integer-long-head", "Integer 0 with a 1-byte argument (18 00): accepted, the canonical "
                     "head is 00", one("/3424/0/4", Head(0, 0, 24)), self.one("/3424/0/4", 0)),
            self.acc(f"{p}-type-integer-8-byte-head", "Integer 5 with an 8-byte argument (1b 0000000000000005): accepted",
                     one("/3424/0/4", Head(0, 5, 27)), self.one("/3424/0/4", 5)),
            self.acc(f"{p}-type-integer-from-float", "Float 2.0 (f9 4000) for the Integer resource /3424/0/4: an "
                     "integral float converts without loss to 2", one("/3424/0/4", F16(2.0)), self.one("/3424/0/4", 2)),
            self.acc(f"{p}-type-integer-from-decimal-fraction", "Tag-4 decimal fraction 4([2, 15]) = 1500 for the "
                     "Integer resource /3424/0/4: integral, so the integer 1500",
                     one("/3424/0/4", Tag(4, [2, 15])), self.one("/3424/0/4", 1500)),
            self.acc(f"{p}-type-float-single-for-half", "22.5 sent as a single float (fa 41b40000): accepted, the "
                     "canonical form is the half f9 4da0", one("/3424/0/1", F32(22.5)), self.one("/3424/0/1", 22.5)),
            self.acc(f"{p}-type-float-double-for-half", "22.5 sent as a double float: accepted",
                     one("/3424/0/1", F64(22.5)), self.one("/3424/0/1", 22.5)),
            self.acc(f"{p}-type-float-nan-double", "Quiet NaN sent as a double (fb 7ff8000000000000): \"NaN\"; the "
                     "canonical form is the half f9 7e00", one("/3424/0/1", F64(float("nan"))), self.one("/3424/0/1", "NaN")),
            self.acc(f"{p}-type-float-from-integer", "Integer 12 for the Float resource /3424/0/1: exact as a double, "
                     "so 12.0 (canonical: half f9 4a00)", one("/3424/0/1", 12), self.one("/3424/0/1", 12.0)),
            self.acc(f"{p}-type-float-from-integer-2-pow-53", "Integer 2^53 for a Float resource: exact, 9007199254740992.0",
                     one("/3424/0/1", 2**53), self.one("/3424/0/1", float(2**53))),
            self.acc(f"{p}-type-float-decimal-fraction", "Tag-4 decimal fraction 4([-1, 225]) = 22.5 for a Float resource "
                     "(RFC 8428 §6 allows tag 4 for v)", one("/3424/0/1", Tag(4, [-1, 225])), self.one("/3424/0/1", 22.5)),
            self.acc(f"{p}-type-float-decimal-fraction-273-15", "Tag-4 decimal fraction 4([-2, 27315]) = 273.15: the "
                     "double nearest to the decimal value", one("/3424/0/1", Tag(4, [-2, 27315])),
                     self.one("/3424/0/1", 273.15)),
            self.acc(f"{p}-type-time-tag-1", "Time as a tag-1 epoch time c1 1a 67752e40 at /3424/0/5518: accepted, the "
                     "canonical form is the plain integer", one("/3424/0/5518", Tag(1, T0)), self.one("/3424/0/5518", T0)),
            self.acc(f"{p}-type-time-tag-1-float", "Time as tag 1 around a double 1735732800.0: integral, accepted",
                     one("/3424/0/5518", Tag(1, F64(float(T0)))), self.one("/3424/0/5518", T0)),
            self.acc(f"{p}-type-time-float", "Time as a plain double 1735732800.0: integral, accepted",
                     one("/3424/0/5518", F64(float(T0))), self.one("/3424/0/5518", T0)),
            self.acc(f"{p}-type-objlnk-as-vs", "Objlnk 11:0 at /1/0/10 carried as vs (Leshan's encoding): accepted "
                     "because the model says Objlnk; the canonical form uses vlo", one("/1/0/10", "11:0", VS),
                     self.one("/1/0/10", "11:0")),
            self.acc(f"{p}-type-unsigned-from-float", "Unsigned /1/0/18 given the float 300.0 (f9 5cb0): integral and "
                     "non-negative, so 300", one("/1/0/18", F16(300.0)), self.one("/1/0/18", 300)),
        ]
        return c

    def senml_cbor_pack(self) -> list[dict]:
        p = "senml-cbor"
        t = self.t
        c: list[dict] = []
        w = lambda *recs: build(list(recs))[0]  # noqa: E731
        c.append(self.acc(f"{p}-bver-10", "bver 10 given explicitly (the default): accepted; the encoder never writes bver",
                          w({BVER: 10, BN: "/3424/0/1", V: 22.5}), self.one("/3424/0/1", 22.5)))
        c.append(self.acc(f"{p}-bver-5", "bver 5 (RFC 8428 §5.1.2 uses it): not above 10, accepted",
                          w({BVER: 5, BN: "/3424/0/1", V: 22.5}), self.one("/3424/0/1", 22.5)))
        c.append(self.canon(f"{p}-base-name", "Two resources of one instance: bn \"/3424/0/\" on the first record, n "
                            "\"1\" and \"9\" relative", [t("/3424/0/1", 1234.5), t("/3424/0/9", False)], path="/3424/0"))
        c.append(self.acc(f"{p}-absolute-names", "The same two resources with absolute n and no bn (Leshan's "
                          "Write-Composite style): accepted; the canonical form factors /3424/0/ into bn",
                          w({N: "/3424/0/1", V: 1234.5}, {N: "/3424/0/9", VB: False}),
                          [t("/3424/0/1", 1234.5), t("/3424/0/9", False)]))
        c.append(self.acc(f"{p}-base-name-changes", "bn changes mid-pack (RFC 8428 §5.1.6 style): /3424/0/ for two "
                          "records, then /3411/0/ for the next two (n relative to the newest bn)",
                          w({BN: "/3424/0/", N: "1", V: 1234.5}, {N: "9", VB: False},
                            {BN: "/3411/0/", N: "1", V: 87}, {N: "3", V: 3.6}),
                          [t("/3424/0/1", 1234.5), t("/3424/0/9", False), t("/3411/0/1", 87), t("/3411/0/3", 3.6)]))
        c.append(self.acc(f"{p}-bn-full-path-empty-n", "bn holding the whole path and an empty n: the name is bn + \"\"",
                          w({BN: "/3424/0/1", N: "", V: 22.5}), self.one("/3424/0/1", 22.5)))
        c.append(self.acc(f"{p}-base-value", "bv 1000 carried over records: /3424/0/4 (Integer) = 1000 + 234, /3424/0/6 "
                          "= 1000 + 0; the Boolean record in between ignores bv (bv applies to v only)",
                          w({BN: "/3424/0/", BV: 1000, N: "4", V: 234}, {N: "9", VB: True}, {N: "6", V: 0}),
                          [t("/3424/0/4", 1234), t("/3424/0/9", True), t("/3424/0/6", 1000)]))
        c.append(self.acc(f"{p}-base-value-float", "bv 1200.0 + v 34.5 for the Float /3424/0/1 = 1234.5",
                          w({BN: "/3424/0/1", BV: 1200.0, V: 34.5}), self.one("/3424/0/1", 1234.5)))
        c.append(self.acc(f"{p}-base-value-reset", "bv set to 0 on the second record (RFC 8428 §4: a base field holds "
                          "until set again): 1000 + 5, then 0 + 7",
                          w({BN: "/3424/0/", BV: 1000, N: "4", V: 5}, {BV: 0, N: "6", V: 7}),
                          [t("/3424/0/4", 1005), t("/3424/0/6", 7)]))
        # times
        c.append(self.canon(f"{p}-time-absolute", "One record with an absolute time (≥ 2^28): bt carries it, no t; the "
                            "record's time is the resolved number",
                            [t("/3424/0/1", 1234.5, time=T0)]))
        c.append(self.acc(f"{p}-time-t-only", "The same record with the time in t instead of bt: time = t, accepted",
                          w({BN: "/3424/0/1", V: 1234.5, T: T0}), [t("/3424/0/1", 1234.5, time=T0)]))
        c.append(self.canon(f"{p}-time-relative", "A relative time (below 2^28, here -60: one minute ago): the record "
                            "keeps the resolved number -60, no conversion", [t("/3424/0/1", 1234.5, time=-60)]))
        c.append(self.canon(f"{p}-time-history", "Historical values of one resource (notification storing): bt on the "
                            "first record, t = 900 and 1800 on the others. Every record has the same path, so bn is "
                            "the full path \"/3424/0/1\" and no record has n (the smallest form)",
                            [t("/3424/0/1", 1234.5, time=T0), t("/3424/0/1", 1236.0, time=T0 + 900),
                             t("/3424/0/1", 1238.25, time=T0 + 1800)], path="/3424/0/1"))
        c.append(self.canon(f"{p}-time-same-for-all", "Every record at the same time: bt on the first, t omitted on the "
                            "others (t = 0)", [t("/3424/0/1", 1234.5, time=T0), t("/3424/0/9", False, time=T0)]))
        c.append(self.canon(f"{p}-time-float", "Fractional times: bt 1735732800.5 (a double) and t 59.75 (a half), "
                            "bt + t gives 1735732860.25 back exactly; one path, so bn is the full path and no n",
                            [t("/3424/0/1", 1.0, time=T0 + 0.5), t("/3424/0/1", 2.0, time=T0 + 60.25)]))
        a, b = -1.1, -0.3
        assert a + (b - a) != b
        c.append(self.canon(f"{p}-time-float-inexact", "Relative times -1.1 and -0.3: bt -1.1 with t = -0.3 - (-1.1) "
                            "would resolve to -0.30000000000000004, so no bt and every record carries its own t "
                            "(choice: all records fall back together)",
                            [t("/3424/0/1", 1.0, time=a), t("/3424/0/9", True, time=b)]))
        c.append(self.canon(f"{p}-time-some-records", "Only the second record has a time: it alone carries t, no bt",
                            [t("/3424/0/1", 1234.5), t("/3424/0/5518", T0, time=T0)]))
        c.append(self.acc(f"{p}-time-base-carried", "bt carried to later records; t negative on the first (time = bt - "
                          "60), absent on the second (time = bt)",
                          w({BN: "/3424/0/", BT: T0, N: "1", V: 1234.5, T: -60}, {N: "9", VB: False}),
                          [t("/3424/0/1", 1234.5, time=T0 - 60), t("/3424/0/9", False, time=T0)]))
        c.append(self.acc(f"{p}-time-crosses-2-pow-28", "bt 268435455 (relative: 2^28 - 1) + t 1 = 268435456 = 2^28, "
                          "which reads as absolute (1978-07-04T21:24:16Z); the record keeps the resolved number",
                          w({BN: "/3424/0/1", BT: 2**28 - 1, V: 1.5, T: 1}), [t("/3424/0/1", 1.5, time=2**28)]))
        c.append(self.acc(f"{p}-time-decimal-fraction", "bt as a tag-4 decimal fraction 4([-1, 17357328005]) = "
                          "1735732800.5 and t 60: times 1735732800.5 and 1735732860.5",
                          w({BN: "/3424/0/1", BT: Tag(4, [-1, 17357328005]), V: 1.0}, {V: 2.0, T: 60}),
                          [t("/3424/0/1", 1.0, time=T0 + 0.5), t("/3424/0/1", 2.0, time=T0 + 60.5)]))
        c.append(self.acc(f"{p}-time-tag-1", "bt as a tag-1 epoch time c1 1a 67752e40: accepted like a plain number",
                          w({BN: "/3424/0/1", BT: Tag(1, T0), V: 1.0}), [t("/3424/0/1", 1.0, time=T0)]))
        c.append(self.acc(f"{p}-time-float-integral", "bt as the double 1735732800.0: integral, the record time is "
                          "written as the integer 1735732800 (choice: integral times are JSON integers)",
                          w({BN: "/3424/0/1", BT: F64(float(T0)), V: 1.0}), [t("/3424/0/1", 1.0, time=T0)]))
        # structure
        c.append(self.acc(f"{p}-indefinite-record-map", "Record maps of indefinite length (bf … ff) inside the "
                          "definite top-level array: accepted",
                          build([IMap((BN, "/3424/0/"), (N, "1"), (V, 1234.5)), {N: "9", VB: False}])[0],
                          [t("/3424/0/1", 1234.5), t("/3424/0/9", False)]))
        c.append(self.canon(f"{p}-read-composite-names", "Read-Composite request body: names only, no values; records "
                            "of type none at any level (/3/0 an instance, /3424/0/1 a resource); no shared prefix, so "
                            "absolute n and no bn", [none("/3/0"), none("/3424/0/1")]))
        c.append(self.canon(f"{p}-read-composite-names-bn", "Names-only pack with a shared prefix: bn \"/3424/0/\", "
                            "n \"1\", \"2\" (2 is executable: as a name it is fine) and \"5518\"",
                            [none("/3424/0/1"), none("/3424/0/2"), none("/3424/0/5518")]))
        c.append(self.acc(f"{p}-read-composite-single-name", "One name with n (Leshan's form): accepted; the canonical "
                          "single record carries the path in bn", w({N: "/3424/0/1"}), [none("/3424/0/1")]))
        c.append(self.canon(f"{p}-read-composite-object", "Names at object level (/3424) and instance level "
                            "(/3411/0)", [none("/3424"), none("/3411/0")]))
        c.append(self.acc(f"{p}-unknown-labels-ignored", "Unknown labels without a trailing _ are ignored: the text "
                          "label \"foo\" and the integer label 23",
                          w(M((BN, "/3424/0/1"), ("foo", "bar"), (23, 1), (V, 22.5))), self.one("/3424/0/1", 22.5)))
        c.append(self.acc(f"{p}-units-ignored", "u, bu and ut are read and ignored (the model gives the unit)",
                          w({BN: "/3424/0/", BU: "m3", N: "1", U: "m3", V: 22.5, UT: 3600}), self.one("/3424/0/1", 22.5)))
        c.append(self.acc(f"{p}-sum-beside-value", "s and bs beside a value are ignored",
                          w({BN: "/3424/0/1", BS: 10, V: 22.5, S: 100.5}), self.one("/3424/0/1", 22.5)))
        c.append(self.canon(f"{p}-empty-pack", "An empty pack (80): zero records (choice: no error)", []))
        c.append(self.canon(f"{p}-multi-object", "Send of a water meter (3424) and its battery (3411): no shared "
                            "prefix, so no bn and absolute n on every record",
                            [t("/3424/0/1", 1234.5), t("/3424/0/5518", T0), t("/3411/0/1", 87), t("/3411/0/3", 3.6)]))
        c.append(self.canon(f"{p}-object-path", "Read /3424 with two instances: bn \"/3424/\", n \"0/1\", \"1/1\"",
                            [t("/3424/0/1", 1234.5), t("/3424/1/1", 87.25)], path="/3424"))
        c.append(self.canon(f"{p}-16bit-ids-several-objects", "16-bit resource ids in several uCIFI objects: 5518 "
                            "timestamps of the water meter and the parking sensor, 6050 fractional timestamp of the "
                            "photocell",
                            [t("/3424/0/5518", T0), t("/3431/0/5518", T0 + 5), t("/3419/0/6050", 0.25)]))
        return c

    def ucifi_cases(self, p: str) -> list[dict]:
        c = []
        seen: dict[int, int] = {}
        for oid, path, desc, instances in READINGS:
            k = seen.get(oid, 0)
            seen[oid] = k + 1
            cid = f"{p}-ucifi-{oid}" + (f"-{k + 1}" if k else "")
            c.append(self.canon(cid, f"uCIFI {desc}; Read {path}", self.reading_records(oid, instances), path=path))
        return c

    def senml_ucifi(self, p: str) -> list[dict]:
        t = self.t
        c = self.ucifi_cases(p) if self.fmt != "senml-json" else self.ucifi_subset(p)
        c.append(self.canon(f"{p}-ucifi-send-water-battery", "Send (POST /dp) of a water meter and its battery at one "
                            "absolute time: bt on the first record, no t elsewhere",
                            [t("/3424/0/1", 1234.5, time=T0), t("/3424/0/9", False, time=T0),
                             t("/3411/0/1", 87, time=T0), t("/3411/0/3", 3.6, time=T0)]))
        c.append(self.canon(f"{p}-ucifi-send-air-quality-history", "Send of three PM10 readings 15 minutes apart "
                            "(/3428/0/1): bn the full path and no n (one path), bt and t = 900, 1800",
                            [t("/3428/0/1", 18.5, time=T0), t("/3428/0/1", 19.25, time=T0 + 900),
                             t("/3428/0/1", 21.0, time=T0 + 1800)]))
        c.append(self.canon(f"{p}-ucifi-parking-event", "Parking sensor event: occupied, duration, timestamp",
                            [t("/3431/0/1", True), t("/3431/0/2", 0), t("/3431/0/5518", T0)], path="/3431/0"))
        c.append(self.canon(f"{p}-ucifi-lamp-dimming-write", "Write of a dimming command to two outdoor lamp "
                            "controllers (/3416/0/1 and /3416/1/1) in one pack",
                            [t("/3416/0/1", 70), t("/3416/1/1", 30)], path="/3416"))
        return c

    def ucifi_subset(self, p: str) -> list[dict]:
        keep = {3411, 3416, 3424, 3428, 3431, 3435, 3430}
        c = []
        seen: dict[int, int] = {}
        for oid, path, desc, instances in READINGS:
            if oid not in keep:
                continue
            k = seen.get(oid, 0)
            seen[oid] = k + 1
            cid = f"{p}-ucifi-{oid}" + (f"-{k + 1}" if k else "")
            c.append(self.canon(cid, f"uCIFI {desc}; Read {path}", self.reading_records(oid, instances), path=path))
        return c

    def senml_cbor_errors(self) -> list[dict]:
        p = "senml-cbor"
        t = self.t
        c: list[dict] = []

        def e(cid: str, desc: str, item: Any, kind: str, mark: str | int, path: str | None = None) -> None:
            data, marks = build(item) if not isinstance(item, bytes) else (item, {})
            off = marks[mark] if isinstance(mark, str) else mark
            c.append(self.err(f"{p}-err-{cid}", desc, data, kind, off, path))

        e("bver-11", "bver 11: a version above 10 must not be used (RFC 8428 §4.4): UNSUPPORTED_VERSION at the value",
          [{BVER: Mark("x", 11), BN: "/3424/0/1", V: 22.5}], "UNSUPPORTED_VERSION", "x")
        e("bver-11-second-record", "bver 11 on the second record (every record shares one version)",
          [{BN: "/3424/0/", N: "1", V: 22.5}, {BVER: Mark("x", 11), N: "9", VB: True}], "UNSUPPORTED_VERSION", "x")
        e("mandatory-label", "Unknown label \"foo_\" (ends in _): must not be ignored, UNKNOWN_MANDATORY_LABEL at the key",
          [M((BN, "/3424/0/1"), (Mark("x", "foo_"), 1), (V, 22.5))], "UNKNOWN_MANDATORY_LABEL", "x")
        e("missing-value", "The second record has a name but no value, in a pack whose first record has one: "
          "MISSING_VALUE at that record's map",
          [{BN: "/3424/0/", N: "1", V: 22.5}, Mark("x", {N: "9"})], "MISSING_VALUE", "x")
        e("missing-value-first", "A name-only record before a valued one: MISSING_VALUE at the first value-less record",
          [Mark("x", {N: "/3424/0/9"}), {N: "/3424/0/1", V: 22.5}], "MISSING_VALUE", "x")
        e("sum-only", "A record whose only value is a sum (s): LwM2M has no sums, MISSING_VALUE at the record",
          [Mark("x", {BN: "/3424/0/1", S: 10})], "MISSING_VALUE", "x")
        e("multiple-values", "v and vs in one record: MULTIPLE_VALUES at the second value field (choice: at its key)",
          [M((BN, "/3424/0/1"), (V, 22.5), (Mark("x", VS), "22.5"))], "MULTIPLE_VALUES", "x")
        e("multiple-values-vb-vd", "vb then vd: MULTIPLE_VALUES at the key of vd",
          [M((BN, "/3424/0/9"), (VB, True), (Mark("x", VD), b"\x01"))], "MULTIPLE_VALUES", "x")
        e("name-not-path", "Name \"temperature\" is not an LwM2M path: INVALID_NAME at the record's map",
          [Mark("x", {N: "temperature", V: 22.5})], "INVALID_NAME", "x")
        e("name-instance-level", "A value named /3424/0 (an instance): valued records need /O/I/R or /O/I/R/RI",
          [Mark("x", {BN: "/3424/0", V: 22.5})], "INVALID_NAME", "x")
        e("name-five-levels", "Name /3/0/7/0/1: five levels",
          [Mark("x", {BN: "/3/0/7/0/1", V: 1})], "INVALID_NAME", "x")
        e("name-id-too-big", "Name /3424/0/70000: an id above 65535",
          [Mark("x", {BN: "/3424/0/70000", V: 1})], "INVALID_NAME", "x")
        e("name-missing", "A value with neither bn nor n: the empty name is not a path",
          [Mark("x", {V: 22.5})], "INVALID_NAME", "x")
        e("name-second-record", "bn \"/3424/0/\" + n \"x\": INVALID_NAME at the second record",
          [{BN: "/3424/0/", N: "1", V: 22.5}, Mark("x", {N: "x", V: 1.0})], "INVALID_NAME", "x")
        e("indefinite-array", "Top-level array of indefinite length (9f … ff): SenML needs a definite pack "
          "(indefinite is SensML streaming), INDEFINITE_LENGTH at 0", IArr({BN: "/3424/0/1", V: 22.5}),
          "INDEFINITE_LENGTH", 0)
        e("indefinite-text-vs", "vs as an indefinite text string (7f 62 \"ul\" 68 \"trasonic\" ff): "
          "INDEFINITE_LENGTH at the string head", [{BN: "/3424/0/3", VS: Mark("x", IText("ul", "trasonic"))}],
          "INDEFINITE_LENGTH", "x")
        e("indefinite-text-bn", "bn as an indefinite text string: INDEFINITE_LENGTH at its head",
          [{BN: Mark("x", IText("/3424/0/1")), V: 22.5}], "INDEFINITE_LENGTH", "x")
        e("indefinite-bytes-vd", "vd as an indefinite byte string (5f 42 0102 ff): INDEFINITE_LENGTH at its head",
          [{BN: "/3414/0/1", VD: Mark("x", IBytes(b"\x01\x02"))}], "INDEFINITE_LENGTH", "x")
        good = build([{BN: "/3424/0/1", V: 22.5}])[0]
        e("trailing-byte", "One byte (00) after the pack: TRAILING_DATA at it", good + b"\x00", "TRAILING_DATA", len(good))
        e("trailing-pack", "A second pack after the first: TRAILING_DATA at its first byte", good + good,
          "TRAILING_DATA", len(good))
        full = self.enc([t("/3424/0/1", 1234.5), t("/3424/0/9", False)])
        for cut, what in [(1, "after the array head"), (3, "inside bn's text head"), (10, "inside bn's text"),
                          (len(full) - 3, "inside the single float"), (len(full) - 1, "before the last record's value")]:
            e(f"truncated-{cut}", f"The canonical pack {full.hex()} cut to {cut} bytes ({what}): UNEXPECTED_END at "
              "the input length", full[:cut], "UNEXPECTED_END", cut)
        e("empty-input", "Empty input: UNEXPECTED_END at 0", b"", "UNEXPECTED_END", 0)
        e("not-array", "A map at the top instead of an array: INVALID_CBOR at 0", {BN: "/3424/0/1", V: 22.5},
          "INVALID_CBOR", 0)
        e("reserved-byte", "Byte 1c (major type 0 with the reserved additional information 28) at the top: INVALID_CBOR "
          "at 0", b"\x1c", "INVALID_CBOR", 0)
        e("reserved-byte-value", "The reserved byte 1c where v's value should be: INVALID_CBOR at it",
          [{BN: "/3424/0/4", V: Mark("x", Raw(b"\x1c"))}], "INVALID_CBOR", "x")
        e("record-not-map", "A record that is an integer, not a map: INVALID_CBOR at it",
          [{BN: "/3424/0/1", V: 22.5}, Mark("x", 7)], "INVALID_CBOR", "x")
        e("break-in-definite-array", "A break byte ff where a record should be: INVALID_CBOR at it",
          [Mark("x", Raw(b"\xff"))], "INVALID_CBOR", "x")
        e("bn-not-text", "bn holding an integer: the label needs a text string (RFC 8428 §6), INVALID_CBOR at the value "
          "(choice)", [{BN: Mark("x", 3424), V: 22.5}], "INVALID_CBOR", "x")
        e("v-not-number", "v holding a text string: v is a number label, INVALID_CBOR at the value (choice; a string "
          "for a number resource in vs is TYPE_MISMATCH)", [{BN: "/3424/0/1", V: Mark("x", "22.5")}], "INVALID_CBOR", "x")
        e("unit-not-text", "u holding an integer: u is checked for type, INVALID_CBOR at the value",
          [{BN: "/3424/0/1", U: Mark("x", 3), V: 22.5}], "INVALID_CBOR", "x")
        e("duplicate-path", "/3424/0/1 twice without times: DUPLICATE_ID at the second record",
          [{BN: "/3424/0/", N: "1", V: 22.5}, {N: "9", VB: False}, Mark("x", {N: "1", V: 23.5})], "DUPLICATE_ID", "x")
        e("duplicate-path-same-time", "/3424/0/1 twice at the same resolved time (bt + t = bt + 0): DUPLICATE_ID",
          [{BN: "/3424/0/1", BT: T0, V: 22.5}, Mark("x", {V: 23.5, T: 0})], "DUPLICATE_ID", "x")
        e("path-mismatch", "Request path /3424/0; the second record is /3424/1/1: PATH_MISMATCH at that record",
          [{BN: "/3424/", N: "0/1", V: 22.5}, Mark("x", {N: "1/1", V: 23.5})], "PATH_MISMATCH", "x", path="/3424/0")
        e("path-mismatch-object", "Request path /3411/0; the record is /3424/0/1",
          [Mark("x", {BN: "/3424/0/1", V: 22.5})], "PATH_MISMATCH", "x", path="/3411/0")
        e("type-string-for-float", "vs \"22.5\" for the Float /3424/0/1: text for a number, TYPE_MISMATCH at the value",
          [{BN: "/3424/0/1", VS: Mark("x", "22.5")}], "TYPE_MISMATCH", "x")
        e("type-fraction-for-integer", "v 1.5 for the Integer /3424/0/4: not integral, TYPE_MISMATCH at the value",
          [{BN: "/3424/0/4", V: Mark("x", 1.5)}], "TYPE_MISMATCH", "x")
        e("type-negative-unsigned", "v -1 for the Unsigned /1/0/18: TYPE_MISMATCH",
          [{BN: "/1/0/18", V: Mark("x", -1)}], "TYPE_MISMATCH", "x")
        e("type-integer-overflow", "v 2^63 for the Integer /3424/0/4: outside i64, TYPE_MISMATCH",
          [{BN: "/3424/0/4", V: Mark("x", 2**63)}], "TYPE_MISMATCH", "x")
        e("type-integer-underflow", "v -2^63-1 (3b 8000000000000000) for the Integer /3424/0/4: TYPE_MISMATCH",
          [{BN: "/3424/0/4", V: Mark("x", -(2**63) - 1)}], "TYPE_MISMATCH", "x")
        e("type-float-inexact-integer", "v 2^53 + 1 for the Float /3424/0/1: a double cannot hold it, TYPE_MISMATCH",
          [{BN: "/3424/0/1", V: Mark("x", 2**53 + 1)}], "TYPE_MISMATCH", "x")
        e("type-bool-for-float", "vb for the Float /3424/0/1: TYPE_MISMATCH at the value",
          [{BN: "/3424/0/1", VB: Mark("x", True)}], "TYPE_MISMATCH", "x")
        e("type-number-for-boolean", "v 1 for the Boolean /3424/0/9: TYPE_MISMATCH", [{BN: "/3424/0/9", V: Mark("x", 1)}],
          "TYPE_MISMATCH", "x")
        e("type-vlo-for-string", "vlo for the String /3424/0/3: TYPE_MISMATCH", [{BN: "/3424/0/3", VLO: Mark("x", "3:0")}],
          "TYPE_MISMATCH", "x")
        e("type-objlnk-range", "vlo \"3:70000\" at the Objlnk /1/0/10: the instance id exceeds 65535, TYPE_MISMATCH",
          [{BN: "/1/0/10", VLO: Mark("x", "3:70000")}], "TYPE_MISMATCH", "x")
        e("type-objlnk-text", "vs \"APN\" at the Objlnk /1/0/10: not \"oid:iid\", TYPE_MISMATCH",
          [{BN: "/1/0/10", VS: Mark("x", "APN")}], "TYPE_MISMATCH", "x")
        e("type-time-fraction", "v 1735732800.5 for the Time /3424/0/5518: not integral, TYPE_MISMATCH",
          [{BN: "/3424/0/5518", V: Mark("x", T0 + 0.5)}], "TYPE_MISMATCH", "x")
        e("type-decimal-fraction-for-integer", "v 4([-1, 15]) = 1.5 for the Integer /3424/0/4: TYPE_MISMATCH at the "
          "tag", [{BN: "/3424/0/4", V: Mark("x", Tag(4, [-1, 15]))}], "TYPE_MISMATCH", "x")
        data, marks = build([{BN: "/3424/0/3", VS: Mark("x", Raw(b"\x63ab\xff"))}])
        c.append(self.err(f"{p}-err-utf8-vs", "vs of 3 bytes 61 62 ff: INVALID_UTF8 at the ff byte", data,
                          "INVALID_UTF8", marks["x"] + 3))
        data, marks = build([{BN: Mark("x", Raw(b"\x69/3424/0/\xc3")), N: "1", V: 22.5}])
        c.append(self.err(f"{p}-err-utf8-bn", "bn ending with the lone lead byte c3: INVALID_UTF8 at it", data,
                          "INVALID_UTF8", marks["x"] + 9))
        data, marks = build([{BN: "/3424/0/", N: Mark("x", Raw(b"\x62\xed\xa0")), V: 22.5}])
        c.append(self.err(f"{p}-err-utf8-n", "n holding ed a0 (the start of an encoded UTF-16 surrogate): INVALID_UTF8 at "
                          "ed, the first invalid byte", data, "INVALID_UTF8", marks["x"] + 1))
        e("name-non-ascii", "bn \"/3424/0/\" + n \"é\": valid UTF-8 but not a path, INVALID_NAME at the record's map",
          [Mark("x", {BN: "/3424/0/", N: "é", V: 22.5})], "INVALID_NAME", "x")
        e("executable-value", "v 1 for /3424/0/2 (cumulated water meter value reset, executable): EXECUTABLE_VALUE at "
          "the value", [{BN: "/3424/0/", N: "1", V: 22.5}, {N: "2", V: Mark("x", 1)}], "EXECUTABLE_VALUE", "x")
        c += self.senml_encode_errors(p)
        return c

    def senml_encode_errors(self, p: str) -> list[dict]:
        t = self.t
        return [
            self.enc_err(f"{p}-enc-type-mismatch", "Encode: a string record for the Float /3424/0/1 (record 1)",
                         [t("/3424/0/9", False), rec("/3424/0/1", "string", "1234.5")], "TYPE_MISMATCH", 1),
            self.enc_err(f"{p}-enc-executable-value", "Encode: an integer value for /3424/0/2, executable (record 1)",
                         [t("/3424/0/1", 12.5), rec("/3424/0/2", "integer", 1)], "EXECUTABLE_VALUE", 1),
            self.enc_err(f"{p}-enc-buffer-too-small", "Encode into 8 bytes: the pack needs "
                         f"{len(self.enc([t('/3424/0/1', 1234.5), t('/3424/0/9', False)]))}; offset is the size needed",
                         [t("/3424/0/1", 1234.5), t("/3424/0/9", False)], "BUFFER_TOO_SMALL",
                         len(self.enc([t("/3424/0/1", 1234.5), t("/3424/0/9", False)])), buffer=8),
            self.enc_err(f"{p}-enc-duplicate-path", "Encode: /3424/0/1 twice without times (record 2)",
                         [t("/3424/0/1", 12.5), t("/3424/0/9", False), t("/3424/0/1", 13.5)], "DUPLICATE_ID", 2),
            self.enc_err(f"{p}-enc-path-mismatch", "Encode with request path /3424/0: /3424/1/1 lies outside (record 1)",
                         [t("/3424/0/1", 12.5), t("/3424/1/1", 13.5)], "PATH_MISMATCH", 1, path="/3424/0"),
            self.enc_err(f"{p}-enc-invalid-record", "Encode: a float record whose value is \"abc\" (record 0)",
                         [rec("/3424/0/1", "float", "abc")], "INVALID_RECORD", 0),
        ] + ([
            self.enc_err(f"{p}-enc-non-finite-float", "Encode: the Float /3424/0/1 = NaN (record 1); JSON has no number "
                         "for it, INVALID_RECORD", [t("/3424/0/9", False), t("/3424/0/1", "NaN")], "INVALID_RECORD", 1),
        ] if p == "senml-json" else [])

    # ================================================================================================ SenML-JSON

    def senml_json_spec(self) -> list[dict]:
        p = "senml-json"
        names = ["5-1-1-single-data-point", "5-1-2-multiple-data-points", "5-1-2-multiple-data-points-bver-5",
                 "5-1-3-multiple-measurements", "5-1-5-multiple-data-types", "5-1-6-collection-of-resources",
                 "5-1-7-setting-an-actuator"]
        entries = self.spec_entries("senml-json")
        assert len(entries) == 7
        c = []
        for name, e in zip(names, entries):
            data = bytes.fromhex(e["hex"])
            first = json.loads(data)[0]
            nm = first.get("bn", "") + first.get("n", "")
            c.append(self.err(f"{p}-spec-rfc8428-{name}",
                              f"{e['source']} (whitespace between tokens removed, number spellings kept): well-formed "
                              f"SenML-JSON, but the first record's name {nm!r} is a URN or a CoAP-style name, not an "
                              "LwM2M path: INVALID_NAME at that record's '{' (offset 1). RFC packs carry no LwM2M paths, "
                              "so every RFC example is an INVALID_NAME case here", data, "INVALID_NAME", 1))
        c.append(self.canon(f"{p}-spec-device-read-3-0",
                            "The data of the LwM2M Core 1.1.1 Read /3/0 example (spec-digest §3.3) as canonical "
                            "SenML-JSON: bn \"/3/0/\" on the first record, relative n",
                            self.spec_values(self.spec_entries("senml-cbor")[0]["meaning"]["values"]), path="/3/0"))
        c.append(self.canon(f"{p}-spec-size-illustration-3303", "spec-digest §4: /3303/0/5700 = 22.5 as SenML-JSON",
                            [self.t("/3303/0/5700", 22.5)], expect=jb('[{"bn":"/3303/0/5700","v":22.5}]').hex()))
        c.append(self.acc(f"{p}-spec-rfc8428-5-1-5-as-lwm2m",
                          "RFC 8428 §5.1.5 (v, vs, vb, vd in one pack) rewritten with LwM2M names: "
                          "/3424/0/1 = 23.1, /3424/0/3 = \"Machine Room\", /3424/0/9 = false, /3414/0/1 = vd \"aGkgCg\" "
                          "(6869200a); the u label is ignored, and the last record sets bn to \"\" (after n: a base "
                          "field applies to its own record whatever the key order) and names the path in full",
                          '[{"bn":"/3424/0/","n":"1","u":"m3","v":23.1},{"n":"3","vs":"Machine Room"},'
                          '{"n":"9","vb":false},{"n":"/3414/0/1","bn":"","vd":"aGkgCg"}]',
                          [self.t("/3424/0/1", 23.1), self.t("/3424/0/3", "Machine Room"), self.t("/3424/0/9", False),
                           self.t("/3414/0/1", "6869200a")]))
        return c

    def senml_json_types(self) -> list[dict]:
        p = "senml-json"
        c = self.senml_types(p)

        def one(path: str, value: str, label: str = "v") -> str:
            return f'[{{"bn":"{path}","{label}":{value}}}]'

        c += [
            self.canon(f"{p}-type-integer-2-pow-53-plus-1", "Integer 9007199254740993 (2^53 + 1) at /3424/0/4: exact, "
                       "a JSON integer is not read as a double", self.one("/3424/0/4", 2**53 + 1)),
            self.acc(f"{p}-type-integer-from-float", "2.0 for the Integer /3424/0/4: integral, the integer 2",
                     one("/3424/0/4", "2.0"), self.one("/3424/0/4", 2)),
            self.acc(f"{p}-type-integer-from-exponent", "1e3 for the Integer /3424/0/4: integral, 1000",
                     one("/3424/0/4", "1e3"), self.one("/3424/0/4", 1000)),
            self.acc(f"{p}-type-integer-minus-zero", "-0 for the Integer /3424/0/4: 0", one("/3424/0/4", "-0"),
                     self.one("/3424/0/4", 0)),
            self.acc(f"{p}-type-float-from-integer", "12 (a JSON integer) for the Float /3424/0/1: 12.0; canonical "
                     "is 12.0", one("/3424/0/1", "12"), self.one("/3424/0/1", 12.0)),
            self.acc(f"{p}-type-float-exponent", "2.25E1 (upper-case E) for the Float /3424/0/1: 22.5",
                     one("/3424/0/1", "2.25E1"), self.one("/3424/0/1", 22.5)),
            self.acc(f"{p}-type-float-exponent-plus", "1e+300 (Python's spelling): 1e300; canonical is 1e300",
                     one("/3424/0/1", "1e+300"), self.one("/3424/0/1", 1e300)),
            self.acc(f"{p}-type-float-long-digits", "0.1000000000000000055511151231257827 (more digits than needed): "
                     "the nearest double, 0.1", one("/3424/0/1", "0.1000000000000000055511151231257827"),
                     self.one("/3424/0/1", 0.1)),
            self.acc(f"{p}-type-float-small", "0.000001 in plain decimal for 1e-6: accepted; the canonical spelling is "
                     "1e-6 (ryu uses the exponent form below 1e-5)", one("/3424/0/1", "0.000001"),
                     self.one("/3424/0/1", 1e-6)),
            self.canon(f"{p}-type-float-1e-5", "1e-05 written by ryu as 0.00001 (decimal exponent -5 is still "
                       "plain)", self.one("/3424/0/1", 1e-5), expect=jb('[{"bn":"/3424/0/1","v":0.00001}]').hex()),
            self.canon(f"{p}-type-float-1e-6", "1e-06 written as 1e-6", self.one("/3424/0/1", 1e-6),
                       expect=jb('[{"bn":"/3424/0/1","v":1e-6}]').hex()),
            self.canon(f"{p}-type-float-1e16", "1e16 written as 1e16 (exponent form from 10^16 up)",
                       self.one("/3424/0/1", 1e16), expect=jb('[{"bn":"/3424/0/1","v":1e16}]').hex()),
            self.canon(f"{p}-type-float-integral", "19.0 written as 19.0 (ryu keeps .0 on integral floats)",
                       self.one("/3424/0/1", 19.0), expect=jb('[{"bn":"/3424/0/1","v":19.0}]').hex()),
            self.acc(f"{p}-type-opaque-padded", "vd with base64 padding (\"AQIDBAU=\"): accepted; the canonical form has "
                     "no padding", one("/3414/0/1", '"AQIDBAU="', "vd"), self.one("/3414/0/1", "0102030405")),
            self.canon(f"{p}-type-opaque-url-alphabet", "vd with the base64url characters - and _: bytes fbff, \"-_8\"",
                       self.one("/3414/0/1", "fbff"), expect=jb('[{"bn":"/3414/0/1","vd":"-_8"}]').hex()),
            self.acc(f"{p}-type-objlnk-as-vs", "Objlnk 11:0 at /1/0/10 as vs: accepted (the model says Objlnk)",
                     one("/1/0/10", '"11:0"', "vs"), self.one("/1/0/10", "11:0")),
            self.acc(f"{p}-type-string-escapes", "vs with JSON escapes \\u00e4, \\\" and \\n: decoded; the canonical "
                     "form writes ä as UTF-8", one("/3424/0/3", '"Z\\u00e4hler \\"A\\"\\n"', "vs"),
                     self.one("/3424/0/3", "Zähler \"A\"\n")),
            self.canon(f"{p}-type-string-escaped-canonical", "A string with a quote, a backslash, a newline and a "
                       "control character: escaped as serde_json does (\\\", \\\\, \\n, \\u0001)",
                       self.one("/3424/0/3", "a\"b\\c\nd\x01"),
                       expect=jb('[{"bn":"/3424/0/3","vs":"a\\"b\\\\c\\nd\\u0001"}]').hex()),
            self.acc(f"{p}-type-time-float", "Time as 1.7357328e9: integral, 1735732800",
                     one("/3424/0/5518", "1.7357328e9"), self.one("/3424/0/5518", T0)),
            self.acc(f"{p}-type-whitespace", "Whitespace (spaces, newlines) between tokens: accepted; canonical has none",
                     '[\n {"bn": "/3424/0/1", "v": 22.5}\n]', self.one("/3424/0/1", 22.5)),
            self.acc(f"{p}-type-trailing-newline", "A newline after the pack: JSON whitespace, accepted (not "
                     "TRAILING_DATA)", '[{"bn":"/3424/0/1","v":22.5}]\n', self.one("/3424/0/1", 22.5)),
        ]
        return c

    def senml_json_pack(self) -> list[dict]:
        p = "senml-json"
        t = self.t
        c: list[dict] = []
        c.append(self.acc(f"{p}-bver-10", "bver 10 given explicitly: accepted", '[{"bver":10,"bn":"/3424/0/1","v":22.5}]',
                          self.one("/3424/0/1", 22.5)))
        c.append(self.canon(f"{p}-base-name", "Two resources of one instance: bn \"/3424/0/\", n \"1\" and \"9\"",
                            [t("/3424/0/1", 1234.5), t("/3424/0/9", False)], path="/3424/0",
                            expect=jb('[{"bn":"/3424/0/","n":"1","v":1234.5},{"n":"9","vb":false}]').hex()))
        c.append(self.acc(f"{p}-absolute-names", "Absolute n without bn: accepted; canonical factors the prefix",
                          '[{"n":"/3424/0/1","v":1234.5},{"n":"/3424/0/9","vb":false}]',
                          [t("/3424/0/1", 1234.5), t("/3424/0/9", False)]))
        c.append(self.acc(f"{p}-base-name-changes", "bn changes mid-pack: /3424/0/ then /3411/0/",
                          '[{"bn":"/3424/0/","n":"1","v":1234.5},{"n":"9","vb":false},'
                          '{"bn":"/3411/0/","n":"1","v":87},{"n":"3","v":3.6}]',
                          [t("/3424/0/1", 1234.5), t("/3424/0/9", False), t("/3411/0/1", 87), t("/3411/0/3", 3.6)]))
        c.append(self.acc(f"{p}-base-value", "bv 1000 carried: 1000 + 234 and 1000 + 0; vb ignores bv",
                          '[{"bn":"/3424/0/","bv":1000,"n":"4","v":234},{"n":"9","vb":true},{"n":"6","v":0}]',
                          [t("/3424/0/4", 1234), t("/3424/0/9", True), t("/3424/0/6", 1000)]))
        c.append(self.acc(f"{p}-base-value-float", "bv 1200.0 + v 34.5 = 1234.5",
                          '[{"bn":"/3424/0/1","bv":1200.0,"v":34.5}]', self.one("/3424/0/1", 1234.5)))
        c.append(self.canon(f"{p}-time-absolute", "One record with an absolute time: bt, no t",
                            [t("/3424/0/1", 1234.5, time=T0)],
                            expect=jb('[{"bn":"/3424/0/1","bt":1735732800,"v":1234.5}]').hex()))
        c.append(self.acc(f"{p}-time-exponent", "bt in the RFC's exponent spelling 1.7357328e+09: integral, time "
                          "1735732800 (choice: integral times are integers in the record)",
                          '[{"bn":"/3424/0/1","bt":1.7357328e+09,"v":1234.5}]', [t("/3424/0/1", 1234.5, time=T0)]))
        c.append(self.canon(f"{p}-time-relative", "Relative time -60: kept as -60", [t("/3424/0/1", 1234.5, time=-60)]))
        c.append(self.canon(f"{p}-time-history", "Three values of /3424/0/1 at bt, bt + 900, bt + 1800: one path, so "
                            "bn is the full path and no record has n",
                            [t("/3424/0/1", 1234.5, time=T0), t("/3424/0/1", 1236.0, time=T0 + 900),
                             t("/3424/0/1", 1238.25, time=T0 + 1800)], path="/3424/0/1",
                            expect=jb('[{"bn":"/3424/0/1","bt":1735732800,"v":1234.5},{"v":1236.0,"t":900},'
                                      '{"v":1238.25,"t":1800}]').hex()))
        c.append(self.canon(f"{p}-time-float", "Fractional times: bt 1735732800.5, t 59.75",
                            [t("/3424/0/1", 1.0, time=T0 + 0.5), t("/3424/0/1", 2.0, time=T0 + 60.25)]))
        c.append(self.canon(f"{p}-time-float-inexact", "Relative times -1.1 and -0.3: bt + t would not give -0.3 back, "
                            "so each record carries its own t",
                            [t("/3424/0/1", 1.0, time=-1.1), t("/3424/0/9", True, time=-0.3)],
                            expect=jb('[{"bn":"/3424/0/","n":"1","v":1.0,"t":-1.1},{"n":"9","vb":true,"t":-0.3}]').hex()))
        c.append(self.canon(f"{p}-time-some-records", "Only the second record has a time: it alone carries t",
                            [t("/3424/0/1", 1234.5), t("/3424/0/5518", T0, time=T0)]))
        c.append(self.acc(f"{p}-time-base-carried", "bt carried; t -60 on the first record, absent on the second",
                          '[{"bn":"/3424/0/","bt":1735732800,"n":"1","v":1234.5,"t":-60},{"n":"9","vb":false}]',
                          [t("/3424/0/1", 1234.5, time=T0 - 60), t("/3424/0/9", False, time=T0)]))
        c.append(self.acc(f"{p}-time-crosses-2-pow-28", "bt 268435455 + t 1 = 2^28: absolute from there on; the record "
                          "keeps the resolved number", '[{"bn":"/3424/0/1","bt":268435455,"v":1.5,"t":1}]',
                          [t("/3424/0/1", 1.5, time=2**28)]))
        c.append(self.canon(f"{p}-time-fraction-bt", "bt 1735732800.5 with t 60 on the second record; one path, so "
                            "bn is the full path and no record has n (canonical)",
                            [t("/3424/0/1", 1.0, time=T0 + 0.5), t("/3424/0/1", 2.0, time=T0 + 60.5)],
                            expect=jb('[{"bn":"/3424/0/1","bt":1735732800.5,"v":1.0},{"v":2.0,"t":60}]').hex()))
        c.append(self.canon(f"{p}-read-composite-names", "Read-Composite body: names only (/3/0 and /3424/0/1), type "
                            "none", [none("/3/0"), none("/3424/0/1")],
                            expect=jb('[{"n":"/3/0"},{"n":"/3424/0/1"}]').hex()))
        c.append(self.acc(f"{p}-read-composite-single-name", "One name with n: accepted; canonical uses bn",
                          '[{"n":"/3424/0/1"}]', [none("/3424/0/1")]))
        c.append(self.acc(f"{p}-unknown-labels-ignored", "Unknown labels \"foo\" and \"x-y\": ignored",
                          '[{"bn":"/3424/0/1","foo":"bar","x-y":[1,{"a":null}],"v":22.5}]', self.one("/3424/0/1", 22.5)))
        c.append(self.acc(f"{p}-units-ignored", "u, bu and ut ignored",
                          '[{"bn":"/3424/0/","bu":"m3","n":"1","u":"m3","v":22.5,"ut":3600}]',
                          self.one("/3424/0/1", 22.5)))
        c.append(self.acc(f"{p}-sum-beside-value", "s and bs beside a value: ignored",
                          '[{"bn":"/3424/0/1","bs":10,"v":22.5,"s":100.5}]', self.one("/3424/0/1", 22.5)))
        c.append(self.canon(f"{p}-empty-pack", "An empty pack []: zero records (choice: no error)", [],
                            expect=jb("[]").hex()))
        c.append(self.canon(f"{p}-multi-object", "Water meter and battery: no shared prefix, absolute n",
                            [t("/3424/0/1", 1234.5), t("/3424/0/5518", T0), t("/3411/0/1", 87), t("/3411/0/3", 3.6)]))
        c.append(self.canon(f"{p}-object-path", "Read /3424 with two instances: bn \"/3424/\"",
                            [t("/3424/0/1", 1234.5), t("/3424/1/1", 87.25)], path="/3424"))
        c.append(self.canon(f"{p}-16bit-ids-several-objects", "5518 and 6050 in several uCIFI objects",
                            [t("/3424/0/5518", T0), t("/3431/0/5518", T0 + 5), t("/3419/0/6050", 0.25)]))
        return c

    def senml_json_errors(self) -> list[dict]:
        p = "senml-json"
        c: list[dict] = []

        def e(cid: str, desc: str, text: str | bytes, kind: str, off: int | str, path: str | None = None,
              nth: int = 0) -> None:
            data = jb(text) if isinstance(text, str) else text
            o = at(data, off, nth) if not isinstance(off, int) else off
            c.append(self.err(f"{p}-err-{cid}", desc, data, kind, o, path))

        e("bver-11", "bver 11: UNSUPPORTED_VERSION at the value", '[{"bver":11,"bn":"/3424/0/1","v":22.5}]',
          "UNSUPPORTED_VERSION", "11")
        e("mandatory-label", "Label \"foo_\": UNKNOWN_MANDATORY_LABEL at the key's opening quote",
          '[{"bn":"/3424/0/1","foo_":1,"v":22.5}]', "UNKNOWN_MANDATORY_LABEL", '"foo_"')
        e("missing-value", "Second record without a value in a valued pack: MISSING_VALUE at its '{'",
          '[{"bn":"/3424/0/","n":"1","v":22.5},{"n":"9"}]', "MISSING_VALUE", '{"n":"9"}')
        e("sum-only", "A record whose only value is a sum: MISSING_VALUE", '[{"bn":"/3424/0/1","s":10}]',
          "MISSING_VALUE", 1)
        e("multiple-values", "v and vs: MULTIPLE_VALUES at the second value field's key (choice)",
          '[{"bn":"/3424/0/1","v":22.5,"vs":"22.5"}]', "MULTIPLE_VALUES", '"vs"')
        e("multiple-values-vlo-vs", "vlo and vs: MULTIPLE_VALUES at the key of vs",
          '[{"bn":"/1/0/10","vlo":"11:0","vs":"11:0"}]', "MULTIPLE_VALUES", '"vs"')
        e("name-not-path", "Name \"temperature\": INVALID_NAME at the record's '{'", '[{"n":"temperature","v":22.5}]',
          "INVALID_NAME", 1)
        e("name-instance-level", "A value named /3424/0: INVALID_NAME", '[{"bn":"/3424/0","v":22.5}]', "INVALID_NAME", 1)
        e("name-five-levels", "Name /3/0/7/0/1: INVALID_NAME", '[{"bn":"/3/0/7/0/1","v":1}]', "INVALID_NAME", 1)
        e("name-missing", "A value without any name: INVALID_NAME", '[{"v":22.5}]', "INVALID_NAME", 1)
        e("invalid-json-garbage", "Garbage instead of JSON: INVALID_JSON at 0", "hello", "INVALID_JSON", 0)
        e("invalid-json-trailing-comma", "A trailing comma in the array: INVALID_JSON at the ']' after it",
          '[{"bn":"/3424/0/1","v":22.5},]', "INVALID_JSON", "]")
        e("invalid-json-missing-colon", "A missing ':' in a record: INVALID_JSON at the token found instead",
          '[{"bn" "/3424/0/1","v":22.5}]', "INVALID_JSON", '"/3424')
        e("invalid-json-nan", "NaN is not a JSON number: INVALID_JSON at the N", '[{"bn":"/3424/0/1","v":NaN}]',
          "INVALID_JSON", "NaN")
        e("invalid-json-single-quotes", "A single-quoted string: INVALID_JSON at the quote",
          "[{'bn':'/3424/0/1','v':22.5}]", "INVALID_JSON", "'")
        e("invalid-json-leading-zero", "A number with a leading zero (01): INVALID_JSON at the second digit, where the "
          "number grammar breaks", '[{"bn":"/3424/0/4","v":01}]', "INVALID_JSON", "1}")
        e("not-array", "An object at the top instead of an array: INVALID_JSON at 0", '{"bn":"/3424/0/1","v":22.5}',
          "INVALID_JSON", 0)
        e("record-not-object", "A record that is a number: INVALID_JSON at it", '[{"bn":"/3424/0/1","v":22.5},7]',
          "INVALID_JSON", "7")
        e("v-not-number", "v holding a string: INVALID_JSON at the value (choice; vs with text for a number "
          "resource is TYPE_MISMATCH)", '[{"bn":"/3424/0/1","v":"22.5"}]', "INVALID_JSON", '"22.5"')
        e("vb-not-bool", "vb holding 1: INVALID_JSON at the value", '[{"bn":"/3424/0/9","vb":1}]', "INVALID_JSON", "1}")
        e("bn-not-string", "bn holding a number: INVALID_JSON at the value", '[{"bn":3424,"v":22.5}]', "INVALID_JSON",
          "3424")
        good = '[{"bn":"/3424/0/1","v":22.5}]'
        e("trailing-data", "A second value after the pack: TRAILING_DATA at its first byte", good + "[]",
          "TRAILING_DATA", len(good))
        e("trailing-data-after-space", "A space and then x after the pack: TRAILING_DATA at the x (whitespace is "
          "part of the JSON text)", good + " x", "TRAILING_DATA", len(good) + 1)
        for cut in (1, 8, len(good) - 5, len(good) - 1):
            e(f"truncated-{cut}", f"The pack {good} cut to {cut} bytes: UNEXPECTED_END at the input length "
              "(FORMATS.md: input ending early is UNEXPECTED_END in every format)", good[:cut], "UNEXPECTED_END", cut)
        e("empty-input", "Empty input: UNEXPECTED_END at 0", "", "UNEXPECTED_END", 0)
        e("base64-bad-char", "vd \"AQ!D\": '!' is not base64url, INVALID_BASE64 at the value's opening quote",
          '[{"bn":"/3414/0/1","vd":"AQ!D"}]', "INVALID_BASE64", '"AQ!D"')
        e("base64-standard-alphabet", "vd \"+/8\": the standard alphabet's + and / are not base64url: INVALID_BASE64",
          '[{"bn":"/3414/0/1","vd":"+/8"}]', "INVALID_BASE64", '"+/8"')
        e("base64-bad-length", "vd \"AQIDB\": 5 characters (length 1 mod 4) cannot be base64: INVALID_BASE64",
          '[{"bn":"/3414/0/1","vd":"AQIDB"}]', "INVALID_BASE64", '"AQIDB"')
        e("duplicate-path", "/3424/0/1 twice: DUPLICATE_ID at the second record's '{'",
          '[{"bn":"/3424/0/","n":"1","v":22.5},{"n":"1","v":23.5}]', "DUPLICATE_ID", '{"n":"1"')
        e("path-mismatch", "Request path /3424/0, record /3424/1/1: PATH_MISMATCH at its '{'",
          '[{"bn":"/3424/","n":"0/1","v":22.5},{"n":"1/1","v":23.5}]', "PATH_MISMATCH", '{"n":"1/1"', path="/3424/0")
        e("type-string-for-float", "vs \"22.5\" for the Float /3424/0/1: TYPE_MISMATCH at the value",
          '[{"bn":"/3424/0/1","vs":"22.5"}]', "TYPE_MISMATCH", '"22.5"')
        e("type-fraction-for-integer", "1.5 for the Integer /3424/0/4: TYPE_MISMATCH", '[{"bn":"/3424/0/4","v":1.5}]',
          "TYPE_MISMATCH", "1.5")
        e("type-negative-unsigned", "-1 for the Unsigned /1/0/18: TYPE_MISMATCH", '[{"bn":"/1/0/18","v":-1}]',
          "TYPE_MISMATCH", "-1")
        e("type-unsigned-overflow", "18446744073709551616 (2^64) for the Unsigned /1/0/18: TYPE_MISMATCH",
          '[{"bn":"/1/0/18","v":18446744073709551616}]', "TYPE_MISMATCH", "18446")
        e("type-integer-overflow", "9223372036854775808 (2^63) for the Integer /3424/0/4: TYPE_MISMATCH",
          '[{"bn":"/3424/0/4","v":9223372036854775808}]', "TYPE_MISMATCH", "9223")
        e("type-float-inexact-integer", "9007199254740993 (2^53 + 1) for the Float /3424/0/1: a double cannot hold it",
          '[{"bn":"/3424/0/1","v":9007199254740993}]', "TYPE_MISMATCH", "9007")
        e("type-bool-for-float", "vb for the Float /3424/0/1: TYPE_MISMATCH", '[{"bn":"/3424/0/1","vb":true}]',
          "TYPE_MISMATCH", "true")
        e("type-vd-for-string", "vd for the String /3424/0/3: TYPE_MISMATCH", '[{"bn":"/3424/0/3","vd":"AQ"}]',
          "TYPE_MISMATCH", '"AQ"')
        e("type-objlnk-text", "vlo \"11-0\" at the Objlnk /1/0/10: not oid:iid, TYPE_MISMATCH",
          '[{"bn":"/1/0/10","vlo":"11-0"}]', "TYPE_MISMATCH", '"11-0"')
        e("executable-value", "v 1 for the executable /3424/0/2: EXECUTABLE_VALUE at the value",
          '[{"bn":"/3424/0/2","v":1}]', "EXECUTABLE_VALUE", "1}")
        bad = jb('[{"bn":"/3424/0/3","vs":"ab') + b"\xff" + jb('"}]')
        e("utf8-vs", "The byte ff inside vs: not UTF-8, INVALID_UTF8 at it", bad, "INVALID_UTF8", b"\xff")
        bad = jb('[{"bn":"/3424/0/3","vs":"ab') + b"\xed\xa0\x80" + jb('"}]')
        e("utf8-surrogate", "An encoded UTF-16 surrogate (ed a0 80) inside vs: INVALID_UTF8 at ed", bad, "INVALID_UTF8",
          b"\xed")
        c += self.senml_encode_errors(p)
        return c

    # ================================================================================================ LwM2M-CBOR

    def lwm2m_spec(self) -> list[dict]:
        p = "lwm2m-cbor"
        u = self.u
        two = [u("/13/26/1", "integer", 42), u("/13/26/2", "integer", 21)]
        c = [
            self.acc(f"{p}-spec-nested-maps", "spec-digest §4 example {13:{26:{1:42}}}: one map per path level. Object "
                     "13 is not in the built-in model, so 42 is an unknown integer. Not canonical (a chain of single "
                     "children is one array key)", build({13: {26: {1: 42}}})[0], [u("/13/26/1", "integer", 42)]),
            self.canon(f"{p}-spec-array-key-leaf", "spec-digest §4 example {[13,26,1]:42} = a1 83 0d 18 1a 01 18 2a: the "
                       "canonical form of one record", [u("/13/26/1", "integer", 42)], expect="a1830d181a01182a"),
            self.canon(f"{p}-spec-array-key-map", "spec-digest §4 example {[13,26]:{1:42, 2:21}}: /13/26 has two "
                       "children, so its chain ends there in a definite map; canonical", two,
                       expect="a1 82 0d 181a a2 01 182a 02 15"),
            self.acc(f"{p}-spec-nested-maps-two", "{13:{26:{1:42, 2:21}}}: the same two records with one map per "
                     "level; not canonical", build({13: {26: {1: 42, 2: 21}}})[0], two),
            self.acc(f"{p}-spec-mixed", "spec-digest §4 mixed form {[13,26]:{1:42}, [13,26,2]:21}: the same two records "
                     "split over two root entries, in wire order", build(M(([13, 26], {1: 42}), ([13, 26, 2], 21)))[0], two),
            self.canon(f"{p}-spec-size-illustration-3303", "spec-digest §4 size illustration /3303/0/5700 = 22.5: "
                       "a1 83 19 0ce7 00 19 1644 f9 4da0 (12 bytes), canonical", [self.t("/3303/0/5700", 22.5)],
                       expect="a183190ce700191644f94da0"),
            self.acc(f"{p}-spec-size-illustration-3303-nested", "The 13-byte form a1 19 0ce7 a1 00 a1 19 1644 f9 4da0 of "
                     "the same value: one map per level, not canonical", bytes.fromhex("a1190ce7a100a1191644f94da0"),
                     [self.t("/3303/0/5700", 22.5)]),
        ]
        return c

    def lwm2m_types(self) -> list[dict]:
        p = "lwm2m-cbor"
        c: list[dict] = []
        t = self.t

        def one(path: str, leaf: Any) -> bytes:
            return build(M((list(parse_path(path)), leaf)))[0]

        for name, path, v in [
            ("integer-0", "/3424/0/4", 0), ("integer-minus-1", "/3424/0/4", -1), ("integer-1234500", "/3424/0/4", 1234500),
            ("integer-i64-max", "/3424/0/4", I64_MAX), ("integer-i64-min", "/3424/0/4", I64_MIN),
            ("unsigned-0", "/1/0/18", 0), ("unsigned-u64-max", "/1/0/18", U64_MAX),
            ("float-half", "/3424/0/1", 22.5), ("float-single", "/3424/0/1", 1234.5), ("float-double", "/3424/0/1", 0.1),
            ("float-nan", "/3424/0/1", "NaN"), ("float-infinity", "/3424/0/1", "Infinity"),
            ("float-minus-infinity", "/3424/0/1", "-Infinity"), ("float-minus-zero", "/3424/0/1", -0.0),
            ("boolean-true", "/3424/0/9", True), ("boolean-false", "/3424/0/9", False),
            ("string", "/3424/0/3", "ultrasonic"), ("string-empty", "/3424/0/3", ""),
            ("string-utf8", "/3424/0/3", "水道メーター"),
            ("opaque", "/3414/0/1", "0102030405"), ("opaque-empty", "/3414/0/1", ""),
            ("time", "/3424/0/5518", T0), ("time-negative", "/3424/0/5518", -86400),
            ("objlnk", "/1/0/10", "11:0"), ("objlnk-null", "/1/0/10", "65535:65535"),
        ]:
            r = t(path, v)
            c.append(self.canon(f"{p}-type-{name}", f"{r['type'].capitalize()} {show(v)} at {path}: one array key "
                                "[O, I, R] and the leaf (shortest head / narrowest exact float / text / bytes)", [r]))
        c += [
            self.acc(f"{p}-type-time-tag-1", "Time as tag 1 (c1 1a 67752e40, Anjay Lite's form): accepted; canonical "
                     "is the plain integer", one("/3424/0/5518", Tag(1, T0)), [t("/3424/0/5518", T0)]),
            self.acc(f"{p}-type-time-tag-1-small", "Time as tag 1 around 3 (c1 03, the Anjay Lite example in the "
                     "digest)", one("/3424/0/5518", Tag(1, 3)), [t("/3424/0/5518", 3)]),
            self.acc(f"{p}-type-float-double-for-half", "22.5 as a double: accepted", one("/3424/0/1", F64(22.5)),
                     [t("/3424/0/1", 22.5)]),
            self.acc(f"{p}-type-float-from-integer", "Integer 12 for the Float /3424/0/1: 12.0",
                     one("/3424/0/1", 12), [t("/3424/0/1", 12.0)]),
            self.acc(f"{p}-type-float-decimal-fraction", "Tag-4 decimal fraction 4([-1, 225]) = 22.5 for a Float "
                     "(Anjay accepts tag 4)", one("/3424/0/1", Tag(4, [-1, 225])), [t("/3424/0/1", 22.5)]),
            self.acc(f"{p}-type-integer-long-head", "Integer 10 with a 2-byte argument (19 000a)",
                     one("/3424/0/4", Head(0, 10, 25)), [t("/3424/0/4", 10)]),
            self.acc(f"{p}-type-integer-from-float", "Float 3.0 for the Integer /3424/0/4: 3",
                     one("/3424/0/4", F16(3.0)), [t("/3424/0/4", 3)]),
            self.canon(f"{p}-type-unknown-kinds", "Object 32769 is not in the model: integer, unsigned (above i64), "
                       "float, text -> string, bytes -> opaque, bool -> boolean, each flagged unknown; one array key "
                       "[32769, 0] over a map of six resources",
                       [self.u("/32769/0/1", "integer", -7), self.u("/32769/0/2", "unsigned", U64_MAX),
                        self.u("/32769/0/3", "float", 2.5), self.u("/32769/0/4", "string", "abc"),
                        self.u("/32769/0/5", "opaque", b"\x01\x02"), self.u("/32769/0/6", "boolean", True)]),
        ]
        return c

    def lwm2m_structure(self) -> list[dict]:
        p = "lwm2m-cbor"
        t = self.t
        c: list[dict] = []
        wm = [t("/3424/0/1", 1234.5), t("/3424/0/9", False)]
        c.append(self.canon(f"{p}-instance-two-resources", "Two resources of /3424/0: key [3424, 0], then a map "
                            "{1: …, 9: …}", wm, path="/3424/0", expect="a1 82 190d60 00 a2 01 fa449a5000 09 f4"))
        c.append(self.acc(f"{p}-indefinite-maps", "The same records with indefinite maps at both levels (Anjay Lite "
                          "emits indefinite maps)", build(IMap(([3424, 0], IMap((1, 1234.5), (9, False)))))[0], wm))
        c.append(self.acc(f"{p}-indefinite-array-key", "The path key as an indefinite array (9f 19 0d60 00 ff)",
                          build(M((IArr(3424, 0), {1: 1234.5, 9: False})))[0], wm))
        c.append(self.acc(f"{p}-one-element-array-key", "A one-element array key [1] where a plain uint would do: accepted",
                          build(M(([3424, 0], M(([1], 1234.5), ([9], False)))))[0], wm))
        c.append(self.acc(f"{p}-nested-array-key", "An array key inside a nested map: {3424: {[0, 1]: 1234.5, [0, 9]: "
                          "false}}", build({3424: M(([0, 1], 1234.5), ([0, 9], False))})[0], wm))
        c.append(self.canon(f"{p}-resource-instances", "Multiple Resource /3/0/7 with two instances: key [3, 0, 7], "
                            "then {0: 3800, 1: 5000}", [t("/3/0/7/0", 3800), t("/3/0/7/1", 5000)], path="/3/0/7",
                            expect="a1 83 03 00 07 a2 00 190ed8 01 191388"))
        c.append(self.canon(f"{p}-resource-instance-single", "One resource instance /3432/0/1/2: a four-id array key",
                            [t("/3432/0/1/2", 45)], path="/3432/0/1/2", expect="a1 84 190d68 00 01 02 182d"))
        c.append(self.canon(f"{p}-several-instances", "Read /3424 with instances 0 and 1: key 3424, then {0: {…}, 1: "
                            "{…}}", [t("/3424/0/1", 1234.5), t("/3424/0/9", False), t("/3424/1/1", 87.25),
                                     t("/3424/1/9", True)], path="/3424"))
        c.append(self.canon(f"{p}-several-objects", "Send of a water meter, a battery and a parking sensor in one frame: "
                            "the root has three children; single-child chains become array keys",
                            [t("/3424/0/1", 1234.5), t("/3424/0/5518", T0), t("/3411/0/1", 87), t("/3431/0/1", True)]))
        c.append(self.canon(f"{p}-first-appearance-order", "The tree keeps the order of first appearance at every "
                            "level: resource 9 before 1 under [3424, 0], then 3411. Encoding the input order /3424/0/9, "
                            "/3411/0/1, /3424/0/1 gives the same bytes (the tree groups /3424/0), and decoding gives "
                            "the records in this tree order, so the case lists them that way",
                            [t("/3424/0/9", False), t("/3424/0/1", 1234.5), t("/3411/0/1", 87)]))
        c.append(self.acc(f"{p}-wire-order", "Records come out in wire order: {[3424,0,9]: false, [3411,0,1]: 87, "
                          "[3424,0,1]: 1234.5} (three root entries; canonical merges /3424/0)",
                          build(M(([3424, 0, 9], False), ([3411, 0, 1], 87), ([3424, 0, 1], 1234.5)))[0],
                          [t("/3424/0/9", False), t("/3411/0/1", 87), t("/3424/0/1", 1234.5)]))
        c.append(self.canon(f"{p}-device-read", "The Read /3/0 data of the Core 1.1.1 example as LwM2M-CBOR: key [3, 0] "
                            "over a map of resources; Multiple Resources 6, 7, 8 as maps, 11 (one instance) as the array "
                            "key [11, 0]", self.spec_values(self.spec_entries("senml-cbor")[0]["meaning"]["values"]),
                            path="/3/0"))
        c.append(self.canon(f"{p}-empty-map", "An empty root map (a0): zero records (choice: no error)", [], expect="a0"))
        c.append(self.acc(f"{p}-empty-indefinite-map", "An empty indefinite root map (bf ff): zero records",
                          bytes.fromhex("bfff"), []))
        c.append(self.acc(f"{p}-empty-inner-map", "An empty map for instance 0 beside instance 1: contributes no "
                          "record (choice: no error)", build(M((3424, M((0, {}), (1, {1: 87.25})))))[0], [t("/3424/1/1", 87.25)]))
        return c

    def lwm2m_errors(self) -> list[dict]:
        p = "lwm2m-cbor"
        t = self.t
        c: list[dict] = []

        def e(cid: str, desc: str, item: Any, kind: str, mark: str | int, path: str | None = None) -> None:
            data, marks = build(item) if not isinstance(item, bytes) else (item, {})
            off = marks[mark] if isinstance(mark, str) else mark
            c.append(self.err(f"{p}-err-{cid}", desc, data, kind, off, path))

        e("text-key", "A text key at the root (an LwM2M Gateway prefix, \"dev1\"): INVALID_CBOR at the key",
          M((Mark("x", "dev1"), {3424: {0: {1: 1.5}}})), "INVALID_CBOR", "x")
        e("text-key-nested", "A text key inside the instance map: INVALID_CBOR at it",
          {3424: {0: M((Mark("x", "1"), 1.5))}}, "INVALID_CBOR", "x")
        e("negative-key", "A negative integer key (-1): INVALID_CBOR at it", M((Mark("x", -1), 1)), "INVALID_CBOR", "x")
        e("array-key-text", "An array key with a text element [3424, \"0\"]: INVALID_CBOR at the element",
          M(([3424, Mark("x", "0")], {1: 1.5})), "INVALID_CBOR", "x")
        e("not-map", "An array at the top instead of a map: INVALID_CBOR at 0", [3424, 0, 1], "INVALID_CBOR", 0)
        e("reserved-byte", "The reserved byte 1e as a leaf: INVALID_CBOR at it", M(([3424, 0, 1], Mark("x", Raw(b"\x1e")))),
          "INVALID_CBOR", "x")
        e("depth-5-array-key", "The array key [3, 0, 7, 0, 1]: five path levels, INVALID_NAME at the key",
          M((Mark("x", [3, 0, 7, 0, 1]), 5)), "INVALID_NAME", "x")
        e("depth-5-nested", "Five nested single-id levels {3:{0:{7:{0:{1:5}}}}}: INVALID_NAME at the fifth key",
          {3: {0: {7: {0: M((Mark("x", 1), 5))}}}}, "INVALID_NAME", "x")
        e("depth-5-mixed", "{[3, 0, 7]: {[0, 1]: 5}}: 3 + 2 levels, INVALID_NAME at the inner key",
          M(([3, 0, 7], M((Mark("x", [0, 1]), 5)))), "INVALID_NAME", "x")
        e("leaf-at-instance", "A leaf under [3424, 0] (instance level): INVALID_NAME at the key (choice: the key of the "
          "entry holding the leaf)", M((Mark("x", [3424, 0]), 1.5)), "INVALID_NAME", "x")
        e("leaf-at-object", "A leaf directly under the root key 3424: INVALID_NAME at the key",
          M((Mark("x", 3424), 1.5)), "INVALID_NAME", "x")
        e("id-too-big", "Key 70000: not a 16-bit id, INVALID_NAME at the key (choice)", M((Mark("x", [3424, 0, 70000]), 1.5)),
          "INVALID_NAME", "x")
        e("duplicate-array-key", "{[3424,0,1]: 1.5, [3424,0,1]: 2.5}: /3424/0/1 twice, DUPLICATE_ID at the second key",
          M(([3424, 0, 1], 1.5), (Mark("x", [3424, 0, 1]), 2.5)), "DUPLICATE_ID", "x")
        e("duplicate-nested-key", "Key 1 twice inside one map: DUPLICATE_ID at the second",
          M(([3424, 0], M((1, 1.5), (9, False), (Mark("x", 1), 2.5)))), "DUPLICATE_ID", "x")
        e("duplicate-across-forms", "{[3424, 0]: {1: 1.5}, [3424, 0, 1]: 2.5}: the same path through two key forms, "
          "DUPLICATE_ID at the second key", M(([3424, 0], {1: 1.5}), (Mark("x", [3424, 0, 1]), 2.5)), "DUPLICATE_ID", "x")
        good = self.enc([t("/3424/0/1", 1234.5), t("/3424/0/9", False)])
        e("trailing-byte", "A byte after the root map: TRAILING_DATA at it", good + b"\xf6", "TRAILING_DATA", len(good))
        for cut in (1, 4, len(good) - 2):
            e(f"truncated-{cut}", f"The canonical frame {good.hex()} cut to {cut} bytes: UNEXPECTED_END at the input "
              "length", good[:cut], "UNEXPECTED_END", cut)
        e("truncated-indefinite", "An indefinite map without its break: UNEXPECTED_END at the input length",
          bytes.fromhex("bf83190d600001f93e00"), "UNEXPECTED_END", 10)
        e("empty-input", "Empty input: UNEXPECTED_END at 0", b"", "UNEXPECTED_END", 0)
        e("indefinite-text", "A String leaf as an indefinite text string: INDEFINITE_LENGTH at its head",
          M(([3424, 0, 3], Mark("x", IText("ultra", "sonic")))), "INDEFINITE_LENGTH", "x")
        e("indefinite-bytes", "An Opaque leaf as an indefinite byte string: INDEFINITE_LENGTH at its head (FORMATS.md "
          "requires definite strings in every CBOR format, though the digest notes chunked byte strings in the wild)",
          M(([3414, 0, 1], Mark("x", IBytes(b"\x01", b"\x02")))), "INDEFINITE_LENGTH", "x")
        data, marks = build(M(([3424, 0, 3], Mark("x", Raw(b"\x63a\xc3\x28")))))
        c.append(self.err(f"{p}-err-utf8", "A String leaf 61 c3 28: c3 must be followed by a continuation byte, "
                          "INVALID_UTF8 at c3", data, "INVALID_UTF8", marks["x"] + 2))
        e("type-string-for-float", "Text \"1.5\" for the Float /3424/0/1: TYPE_MISMATCH at the leaf",
          M(([3424, 0, 1], Mark("x", "1.5"))), "TYPE_MISMATCH", "x")
        e("type-fraction-for-integer", "1.5 for the Integer /3424/0/4: TYPE_MISMATCH", M(([3424, 0, 4], Mark("x", 1.5))),
          "TYPE_MISMATCH", "x")
        e("type-bytes-for-string", "A byte string for the String /3424/0/3: TYPE_MISMATCH",
          M(([3424, 0, 3], Mark("x", b"ab"))), "TYPE_MISMATCH", "x")
        e("type-objlnk", "Text \"11\" for the Objlnk /1/0/10: not oid:iid, TYPE_MISMATCH", M(([1, 0, 10], Mark("x", "11"))),
          "TYPE_MISMATCH", "x")
        e("type-negative-unsigned", "-5 for the Unsigned /1/0/18: TYPE_MISMATCH", M(([1, 0, 18], Mark("x", -5))),
          "TYPE_MISMATCH", "x")
        e("executable-value", "A value for /3424/0/2 (executable): EXECUTABLE_VALUE at the leaf",
          M(([3424, 0], M((1, 1.5), (2, Mark("x", 1))))), "EXECUTABLE_VALUE", "x")
        e("path-mismatch", "Request path /3424/0; the second root entry is /3424/1/1: PATH_MISMATCH at its key",
          M(([3424, 0], {1: 1.5}), (Mark("x", [3424, 1, 1]), 2.5)), "PATH_MISMATCH", "x", path="/3424/0")
        e("path-mismatch-object", "Request path /3411; the frame holds /3424/0/1", M((Mark("x", [3424, 0, 1]), 1.5)),
          "PATH_MISMATCH", "x", path="/3411")
        wm = [t("/3424/0/1", 1234.5), t("/3424/0/9", False)]
        c += [
            self.enc_err(f"{p}-enc-type-mismatch", "Encode: a string for the Float /3424/0/1 (record 1)",
                         [t("/3424/0/9", False), rec("/3424/0/1", "string", "1234.5")], "TYPE_MISMATCH", 1),
            self.enc_err(f"{p}-enc-executable-value", "Encode: a value for /3424/0/2, executable (record 1)",
                         [t("/3424/0/1", 12.5), rec("/3424/0/2", "integer", 1)], "EXECUTABLE_VALUE", 1),
            self.enc_err(f"{p}-enc-buffer-too-small", f"Encode into 4 bytes: the frame needs {len(self.enc(wm))}",
                         wm, "BUFFER_TOO_SMALL", len(self.enc(wm)), buffer=4),
            self.enc_err(f"{p}-enc-duplicate-path", "Encode: /3424/0/1 twice (record 1)",
                         [t("/3424/0/1", 12.5), t("/3424/0/1", 13.5)], "DUPLICATE_ID", 1),
            self.enc_err(f"{p}-enc-path-mismatch", "Encode with request path /3424/0: /3411/0/1 lies outside (record 1)",
                         [t("/3424/0/1", 12.5), t("/3411/0/1", 87)], "PATH_MISMATCH", 1, path="/3424/0"),
        ]
        return c

    # ============================================================================================ single values

    def single_types(self) -> list[dict]:
        f = self.fmt
        t = self.t
        c: list[dict] = []

        def canon(name: str, desc: str, path: str, value: Any) -> None:
            c.append(self.canon(f"{f}-type-{name}", desc, [t(path, value)], path=path))

        def acc(name: str, desc: str, data: bytes | str, path: str, value: Any) -> None:
            c.append(self.acc(f"{f}-type-{name}", desc, data, [t(path, value)], path=path))

        if f == "cbor":
            for name, path, v in [
                ("integer-0", "/3424/0/4", 0), ("integer-minus-750", "/3424/0/4", -750),
                ("integer-1234500", "/3424/0/4", 1234500), ("integer-i64-max", "/3424/0/4", I64_MAX),
                ("integer-i64-min", "/3424/0/4", I64_MIN), ("unsigned-300", "/1/0/18", 300),
                ("unsigned-u64-max", "/1/0/18", U64_MAX), ("float-half", "/3424/0/1", 22.5),
                ("float-single", "/3424/0/1", 1234.5), ("float-double", "/3424/0/1", 6.667e-11),
                ("float-nan", "/3424/0/1", "NaN"), ("float-infinity", "/3424/0/1", "Infinity"),
                ("float-minus-infinity", "/3424/0/1", "-Infinity"), ("float-minus-zero", "/3424/0/1", -0.0),
                ("boolean-true", "/3424/0/9", True), ("boolean-false", "/3424/0/9", False),
                ("string", "/3424/0/3", "ultrasonic"), ("string-empty", "/3424/0/3", ""),
                ("string-utf8", "/3424/0/3", "Wasserzähler Süd 💧"), ("opaque", "/3414/0/1", "0102030405"),
                ("opaque-empty", "/3414/0/1", ""), ("time", "/3424/0/5518", 1476186613),
                ("objlnk", "/1/0/10", "3:0"), ("resource-instance", "/3/0/7/1", 5000),
            ]:
                ty = t(path, v)["type"]
                canon(name, f"{ty.capitalize()} {show(v)} at {path}: one CBOR item (shortest head, narrowest exact float, "
                      "definite string; Time as an integer, Objlnk as text)", path, v)
            acc("float-double-for-half", "22.5 as a double: accepted", build(F64(22.5))[0], "/3424/0/1", 22.5)
            acc("float-from-integer", "The integer 12 for a Float resource: 12.0", build(12)[0], "/3424/0/1", 12.0)
            acc("float-decimal-fraction", "Tag-4 decimal fraction 4([-1, 225]) = 22.5", build(Tag(4, [-1, 225]))[0],
                "/3424/0/1", 22.5)
            acc("integer-long-head", "Integer 0 with a 4-byte argument (1a 00000000)", build(Head(0, 0, 26))[0],
                "/3424/0/4", 0)
            acc("integer-from-float", "Float 2.0 for an Integer resource: 2", build(F16(2.0))[0], "/3424/0/4", 2)
            acc("time-tag-1", "Time as tag 1 (c1 1a 57fcd1f5): accepted, canonical is the plain integer", build(Tag(1, 1476186613))[0], "/3424/0/5518", 1476186613)
            acc("time-float", "Time as the double 1476186613.0", build(F64(1476186613.0))[0], "/3424/0/5518", 1476186613)
            c.append(self.canon(f"{f}-type-unknown-integer", "Resource /3424/0/99 is not in the model: an integer "
                                "item is an unknown integer", [self.u("/3424/0/99", "integer", 42)], path="/3424/0/99"))
            c.append(self.canon(f"{f}-type-unknown-text", "Unknown resource with a text item: unknown string",
                                [self.u("/3424/0/99", "string", "x")], path="/3424/0/99"))
        elif f == "text":
            canon("integer-minus-750", "Integer -750 at /3424/0/4 as ASCII decimal (the TS Text column example)",
                  "/3424/0/4", -750)
            canon("integer-0", "Integer 0", "/3424/0/4", 0)
            canon("integer-i64-min", "Integer i64 min", "/3424/0/4", I64_MIN)
            canon("integer-i64-max", "Integer i64 max", "/3424/0/4", I64_MAX)
            canon("unsigned-u64-max", "Unsigned u64 max at /1/0/18", "/1/0/18", U64_MAX)
            canon("time", "Time 1476186613 at /3424/0/5518 (the TS Text column example)", "/3424/0/5518", 1476186613)
            canon("time-negative", "Time -1 (Time is signed)", "/3424/0/5518", -1)
            canon("float-6-667e-11", "Float 6.667e-11 at /3424/0/1: canonical text is Rust's Display, "
                  "\"0.00000000006667\" (the TS example's spelling, never an exponent)", "/3424/0/1", 6.667e-11)
            canon("float-22-5", "Float 22.5", "/3424/0/1", 22.5)
            canon("float-0-1", "Float 0.1: shortest round-trip digits", "/3424/0/1", 0.1)
            canon("float-integral", "Float 19.0 written \"19\" (Display has no .0)", "/3424/0/1", 19.0)
            canon("float-minus-zero", "Float -0.0 written \"-0\"", "/3424/0/1", -0.0)
            canon("float-1e21", "Float 1e21 written in full, 22 digits", "/3424/0/1", 1e21)
            canon("float-nan", "Float NaN written \"NaN\"", "/3424/0/1", "NaN")
            canon("float-infinity", "Float +Infinity written \"inf\"", "/3424/0/1", "Infinity")
            canon("float-minus-infinity", "Float -Infinity written \"-inf\"", "/3424/0/1", "-Infinity")
            canon("boolean-true", "Boolean true as \"1\"", "/3424/0/9", True)
            canon("boolean-false", "Boolean false as \"0\"", "/3424/0/9", False)
            canon("opaque", "Opaque 0102030405 as padded standard base64 \"AQIDBAU=\" (TS Text column example)",
                  "/3414/0/1", "0102030405")
            canon("opaque-standard-alphabet", "Opaque fbff as \"+/8=\": the standard alphabet", "/3414/0/1", "fbff")
            canon("opaque-empty", "Opaque of 0 bytes: empty text", "/3414/0/1", "")
            canon("objlnk", "Objlnk \"3:0\" at /1/0/10", "/1/0/10", "3:0")
            canon("string", "String as it is", "/3424/0/3", "ultrasonic")
            canon("string-empty", "Empty String: empty input", "/3424/0/3", "")
            canon("string-utf8", "String with non-ASCII UTF-8", "/3424/0/3", "Wasserzähler Süd 💧")
            canon("resource-instance", "Resource instance /3/0/7/1 (Integer) 5000", "/3/0/7/1", 5000)
            acc("float-exponent", "\"6.667e-11\": exponent form accepted; canonical \"0.00000000006667\"", "6.667e-11",
                "/3424/0/1", 6.667e-11)
            acc("float-exponent-upper", "\"6.667E-11\": upper-case E accepted", "6.667E-11", "/3424/0/1", 6.667e-11)
            acc("float-trailing-zero", "\"19.0\" accepted; canonical \"19\"", "19.0", "/3424/0/1", 19.0)
            c.append(self.canon(f"{f}-type-float-from-integer-text", "\"-750\" for the Float /3424/0/1: -750.0, and "
                                "Display writes -750.0 as \"-750\", so canonical", [t("/3424/0/1", -750.0)],
                                path="/3424/0/1"))
            acc("integer-leading-zeros", "\"007\" matches -?[0-9]+: 7", "007", "/3424/0/4", 7)
            acc("integer-minus-zero", "\"-0\": 0", "-0", "/3424/0/4", 0)
            c.append(self.canon(f"{f}-type-unknown", "Resource /3424/0/99 is not in the model: the text is an unknown "
                                "string (choice: text shows no other type)", [self.u("/3424/0/99", "string", "42")],
                                path="/3424/0/99"))
        else:  # opaque
            canon("bytes", "Opaque 0102030405 at /3414/0/1: the raw bytes", "/3414/0/1", "0102030405")
            canon("empty", "Opaque of 0 bytes: empty input", "/3414/0/1", "")
            canon("binary", "Bytes that are not UTF-8 (ff 00 fe): kept as they are", "/3414/0/1", "ff00fe")
            canon("script", "/3437/0/4 (edge computing script, Opaque)", "/3437/0/4",
                  b"if lux < 20 then dim(70) end".hex())
            canon("resource-instance", "Resource instance /3447/0/28/0 of a Multiple Opaque resource", "/3447/0/28/0",
                  "000102030405060708090a0b0c0d0e0f")
            c.append(self.canon(f"{f}-type-unknown", "Resource /3424/0/99 is not in the model: unknown opaque "
                                "(choice)", [self.u("/3424/0/99", "opaque", "2a")], path="/3424/0/99"))
        return c

    def single_errors(self) -> list[dict]:
        f = self.fmt
        t = self.t
        c: list[dict] = []

        def e(cid: str, desc: str, data: bytes | str, kind: str, off: int, path: str | None) -> None:
            c.append(self.err(f"{f}-err-{cid}", desc, data, kind, off, path))

        sample = {"cbor": build(22.5)[0], "text": "22.5", "opaque": b"\x01"}[f]
        spath = "/3414/0/1" if f == "opaque" else "/3424/0/1"
        e("missing-path", "No request path: a single value names nothing, MISSING_PATH at 0", sample, "MISSING_PATH", 0,
          None)
        e("object-path", "Request path /3424 (object level): one value needs a resource or resource-instance path, "
          "INVALID_PATH at the path's length 5 (choice: where the missing ids would start)", sample, "INVALID_PATH", 5,
          "/3424")
        e("instance-path", "Request path at instance level: INVALID_PATH at the path's length",
          sample, "INVALID_PATH", 7, "/3424/0")
        e("path-syntax", "Request path with a letter: INVALID_PATH at it", sample, "INVALID_PATH", 6,
          spath[:6] + "x" + spath[7:])
        if f == "cbor":
            e("trailing-data", "22.5 followed by 00: TRAILING_DATA at 3", build(22.5)[0] + b"\x00", "TRAILING_DATA", 3,
              "/3424/0/1")
            e("truncated", "A single float (fa) cut after 1 of its 4 bytes: UNEXPECTED_END at the input length 2",
              bytes.fromhex("fa44"),
              "UNEXPECTED_END", 2, "/3424/0/1")
            e("empty-input", "Empty input: UNEXPECTED_END at 0", b"", "UNEXPECTED_END", 0, "/3424/0/1")
            e("reserved-byte", "Byte 1c: INVALID_CBOR at 0", b"\x1c", "INVALID_CBOR", 0, "/3424/0/4")
            e("break-byte", "A lone break byte ff: INVALID_CBOR at 0", b"\xff", "INVALID_CBOR", 0, "/3424/0/4")
            e("indefinite-text", "A String as an indefinite text string: INDEFINITE_LENGTH at 0",
              build(IText("ultra", "sonic"))[0], "INDEFINITE_LENGTH", 0, "/3424/0/3")
            e("utf8", "Text 61 ff: INVALID_UTF8 at 2", bytes.fromhex("6261ff"), "INVALID_UTF8", 2, "/3424/0/3")
            e("type-text-for-float", "Text for the Float /3424/0/1: TYPE_MISMATCH at 0", build("22.5")[0],
              "TYPE_MISMATCH", 0, "/3424/0/1")
            e("type-fraction-for-integer", "1.5 for the Integer /3424/0/4: TYPE_MISMATCH at 0", build(1.5)[0],
              "TYPE_MISMATCH", 0, "/3424/0/4")
            e("type-negative-unsigned", "-1 for the Unsigned /1/0/18: TYPE_MISMATCH at 0", build(-1)[0],
              "TYPE_MISMATCH", 0, "/1/0/18")
            e("type-bool-for-integer", "true for the Integer /3424/0/4: TYPE_MISMATCH at 0", build(True)[0],
              "TYPE_MISMATCH", 0, "/3424/0/4")
            e("executable-value", "A value at /3424/0/2 (executable): EXECUTABLE_VALUE at 0", build(1)[0],
              "EXECUTABLE_VALUE", 0, "/3424/0/2")
        elif f == "text":
            for cid, txt, path, what in [
                ("abc-for-integer", "abc", "/3424/0/4", "\"abc\" for an Integer"),
                ("plus-sign", "+5", "/3424/0/4", "\"+5\": the grammar is -?[0-9]+"),
                ("fraction-for-integer", "1.5", "/3424/0/4", "\"1.5\" for an Integer"),
                ("space", " 5", "/3424/0/4", "\" 5\": no whitespace"),
                ("empty-for-integer", "", "/3424/0/4", "empty text for an Integer"),
                ("integer-overflow", "9223372036854775808", "/3424/0/4", "2^63 for an Integer: does not fit i64 "
                 "(choice: INVALID_TEXT, not TYPE_MISMATCH)"),
                ("negative-unsigned", "-1", "/1/0/18", "\"-1\" for an Unsigned: the grammar is [0-9]+"),
                ("float-garbage", "12abc", "/3424/0/1", "\"12abc\" for a Float"),
                ("boolean-true-word", "true", "/3424/0/9", "\"true\" for a Boolean: only 0 and 1"),
                ("boolean-2", "2", "/3424/0/9", "\"2\" for a Boolean"),
                ("opaque-unpadded", "AQIDBAU", "/3414/0/1", "\"AQIDBAU\": standard base64 needs its padding"),
                ("opaque-url-alphabet", "-_8=", "/3414/0/1", "\"-_8=\": base64url characters are not standard base64"),
                ("objlnk-no-colon", "3", "/1/0/10", "\"3\" for an Objlnk"),
                ("objlnk-range", "3:70000", "/1/0/10", "\"3:70000\": the instance id exceeds 65535"),
                ("time-fraction", "1476186613.5", "/3424/0/5518", "a fraction for a Time"),
            ]:
                e(cid, f"{what}: INVALID_TEXT at 0", txt, "INVALID_TEXT", 0, path)
            e("utf8", "Bytes 41 ff for a String: INVALID_UTF8 at 1", b"A\xff", "INVALID_UTF8", 1, "/3424/0/3")
            e("utf8-truncated", "A String ending inside a 3-byte sequence (e2 82): INVALID_UTF8 at 1", b"A\xe2\x82",
              "INVALID_UTF8", 1, "/3424/0/3")
            e("executable-value", "Text \"1\" at /3424/0/2 (executable): EXECUTABLE_VALUE at 0 (choice)", "1",
              "EXECUTABLE_VALUE", 0, "/3424/0/2")
        else:
            e("type-float", "The opaque format on the Float /3424/0/1: TYPE_MISMATCH at 0", bytes.fromhex("41b40000"),
              "TYPE_MISMATCH", 0, "/3424/0/1")
            e("type-string", "The opaque format on the String /3424/0/3: TYPE_MISMATCH at 0", b"ultrasonic",
              "TYPE_MISMATCH", 0, "/3424/0/3")
            e("type-float-empty", "Empty input on a Float resource: still TYPE_MISMATCH at 0", b"", "TYPE_MISMATCH", 0,
              "/3424/0/1")
        recs = {"cbor": [t("/3424/0/1", 1234.5)], "text": [t("/3424/0/1", 1234.5)],
                "opaque": [t("/3414/0/1", "0102030405")]}[f]
        need = len(encode(f, recs, self.model, recs[0]["path"]))
        c += [
            self.enc_err(f"{f}-enc-type-mismatch", "Encode: a string record for the Float /3424/0/1",
                         [rec("/3424/0/1", "string", "1234.5")], "TYPE_MISMATCH", 0, path="/3424/0/1"),
            self.enc_err(f"{f}-enc-buffer-too-small", f"Encode into 2 bytes: the value needs {need}", recs,
                         "BUFFER_TOO_SMALL", need, path=recs[0]["path"], buffer=2),
        ]
        if f == "opaque":
            c.append(self.enc_err(f"{f}-enc-not-opaque", "Encode a Float record with the opaque format: TYPE_MISMATCH",
                                  [t("/3424/0/1", 1234.5)], "TYPE_MISMATCH", 0, path="/3424/0/1"))
        else:
            c.append(self.enc_err(f"{f}-enc-executable-value", "Encode: a value for /3424/0/2 (executable)",
                                  [rec("/3424/0/2", "integer", 1)], "EXECUTABLE_VALUE", 0, path="/3424/0/2"))
        return c

    # ----------------------------------------------------------------------------------------------------- files

    def files(self) -> dict[str, str]:
        plan: dict[str, dict[str, Any]] = {
            "senml-cbor": {"spec.json": self.senml_cbor_spec, "types.json": self.senml_cbor_types,
                           "pack.json": self.senml_cbor_pack, "ucifi.json": lambda: self.senml_ucifi("senml-cbor"),
                           "errors.json": self.senml_cbor_errors},
            "senml-json": {"spec.json": self.senml_json_spec, "types.json": self.senml_json_types,
                           "pack.json": self.senml_json_pack, "ucifi.json": lambda: self.senml_ucifi("senml-json"),
                           "errors.json": self.senml_json_errors},
            "lwm2m-cbor": {"spec.json": self.lwm2m_spec, "types.json": self.lwm2m_types,
                           "structure.json": self.lwm2m_structure, "ucifi.json": lambda: self.ucifi_cases("lwm2m-cbor"),
                           "errors.json": self.lwm2m_errors},
            "cbor": {"types.json": self.single_types, "errors.json": self.single_errors},
            "text": {"types.json": self.single_types, "errors.json": self.single_errors},
            "opaque": {"types.json": self.single_types, "errors.json": self.single_errors},
        }
        out = {}
        ids: list[str] = []
        for fmt, parts in plan.items():
            self.fmt = fmt
            for name, fn in parts.items():
                cases = [x for x in fn() if x is not None]
                ids += [x["id"] for x in cases]
                out[f"{fmt}/{name}"] = dumps({"format": fmt, "cases": cases})
        assert len(ids) == len(set(ids)), [i for i in ids if ids.count(i) > 1]
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids), [
            i for i in ids if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i)]
        return out


def default_spec_vectors() -> Path:
    for p in (REPO.parent / "shared" / "spec" / "spec-vectors.json", Path("/work/shared/spec/spec-vectors.json")):
        if p.is_file():
            return p
    raise SystemExit("spec-vectors.json not found: pass --spec-vectors FILE")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the files on disk differ from a fresh generation")
    ap.add_argument("--registry", type=Path, help="OMA registry DDF directory (default ../shared/lwm2m-registry)")
    ap.add_argument("--spec-vectors", type=Path, help="spec-vectors.json (default ../shared/spec/spec-vectors.json)")
    args = ap.parse_args()
    gen = Gen(args.registry or default_registry_dir(), args.spec_vectors or default_spec_vectors())
    files = gen.files()
    if args.check:
        stale = [n for n, text in files.items()
                 if not (OUT / n).is_file() or (OUT / n).read_text(encoding="utf-8") != text]
        for n in stale:
            print(f"vectors/{n} is out of date: run python3 vectors/tools/gen_formats.py", file=sys.stderr)
        return 1 if stale else 0
    for n, text in files.items():
        (OUT / n).parent.mkdir(parents=True, exist_ok=True)
        (OUT / n).write_text(text, encoding="utf-8")
        print(f"wrote vectors/{n}: {len(json.loads(text)['cases'])} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
