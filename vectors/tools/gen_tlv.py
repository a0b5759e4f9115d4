#!/usr/bin/env python3
"""Generate the LwM2M TLV vector files: vectors/tlv/{spec,types,ucifi,errors,ddf}.json.

    python3 vectors/tools/gen_tlv.py            # write the files
    python3 vectors/tools/gen_tlv.py --check    # regenerate in memory; exit 1 if a file on disk differs

Standard library only (Python 3.11). Resource types come from the OMA registry DDF XML snapshot (--registry, default
../shared/lwm2m-registry beside the repository); spec examples from ../shared/spec/spec-vectors.json. The TLV encoder
is this tool's own (tlvlib.py), written from the spec digest: the vectors are an independent check of the Rust codec.
Canonical cases are encoded here from their records; hand-written non-canonical or broken frames are kept as bytes.
Every case is re-checked by check_tlv.py, whose decoder is written separately.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tlvlib import (  # noqa: E402
    REPO,
    EncodeError,
    Model,
    default_registry_dir,
    dumps,
    encode,
    int_bytes,
    parse_ddf,
    parse_path,
    uint_bytes,
)
from ucifi_readings import READINGS  # noqa: E402

OUT = REPO / "vectors" / "tlv"
T = 1735732800  # 2025-01-01T12:00:00Z


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


class Gen:
    """Builds the cases of every file and checks each roundtrip flag against the encoder."""

    def __init__(self, registry: Path, spec_vectors: Path):
        self.model = Model.builtin(registry)
        self.registry = registry
        self.spec_vectors = spec_vectors

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

    # -- spec.json ----------------------------------------------------------------------------------------------

    SPEC_IDS = [
        ("tlv-spec-device-read-3-0", "§6.4.3.1 Single Object Instance Request Example: Read /3/0, 121 bytes"),
        ("tlv-spec-device-manufacturer-3-0-0", "§6.4.3.1, first row: Read /3/0/0 (Manufacturer)"),
        ("tlv-spec-device-power-sources-3-0-6", "§6.4.3.1, Available Power Sources rows: Read /3/0/6, a Multiple Resource"),
        ("tlv-spec-device-read-3-wrapped", "§6.4.3.2 A) Request on a Single-Instance Object: Read /3, the Object Instance wrapper 08 00 79"),
        ("tlv-spec-access-control-read-2", "§6.4.3.2 B) Request on a Multiple-Instance Object with 2 instances: Read /2 (instances 0 and 2; resource instance 310 uses the 16-bit id form 61)"),
        ("tlv-spec-access-control-acl-2-2-2", "§6.4.3.2 B), ACL Multiple Resource of instance 2 alone: Read /2/2/2"),
        ("tlv-spec-server-read-1", "§6.4.3.2 C) Request on a Multiple-Instance Object with 1 instance: Read /1 (Server object)"),
        ("tlv-spec-objlnk-65-0", "§6.4.3.3 Example 1, Object Instance with an Object Link resource: Read /65/0"),
        ("tlv-spec-objlnk-66", "§6.4.3.3 Example 2, two Object Instances, the second with the null link FFFF:FFFF: Read /66"),
    ]

    def spec_cases(self) -> list[dict]:
        entries = [e for e in json.loads(self.spec_vectors.read_text(encoding="utf-8")) if e.get("format") == "tlv"]
        assert len(entries) == len(self.SPEC_IDS) == 9
        cases = []
        for (cid, what), e in zip(self.SPEC_IDS, entries):
            path = e["meaning"]["request"].split()[-1]
            records = [self.spec_record(p, v) for p, v in e["meaning"]["values"].items()]
            unknown = any(r.get("unknown") for r in records)
            try:
                canonical = encode(path, records, self.model).hex() == e["hex"]
            except EncodeError:
                canonical = False
            desc = (f"OMA-TS-LightweightM2M-V1_0_x {what}. Bytes as reproduced in emqx/emqx emqx_tlv_SUITE.erl "
                    "(spec-digest §2.4, spec-vectors.json).")
            if unknown:
                desc += (f" Object {parse_path(path)[0]} is the TS's example object and not in the registry, so every "
                         "value is its raw bytes as opaque with unknown: true.")
            else:
                desc += " Types from the registry DDF of the object."
            desc += " Canonical: our encoder reproduces the bytes." if canonical else " Not canonical."
            cases.append(self.case(cid, desc, path, e["hex"], canonical, records))
        return cases

    def spec_record(self, path: str, v: Any) -> dict:
        ids = parse_path(path)
        rdef = self.model.resource(ids[0], ids[2])
        if rdef is not None:
            return self.typed(path, v)
        # Unknown object: the raw bytes the TS example carries for the value.
        if isinstance(v, str) and (m := re.match(r"(\d+):(\d+)", v)):
            raw = int(m[1]).to_bytes(2, "big") + int(m[2]).to_bytes(2, "big")
        elif isinstance(v, str) and v.startswith("raw "):
            raw = bytes.fromhex(v.split()[1])
        else:
            raw = v.encode("utf-8")
        return opaque(path, raw.hex())

    # -- types.json ---------------------------------------------------------------------------------------------

    def types_cases(self) -> list[dict]:
        c: list[dict] = []
        t = self.typed
        # Integer: Cumulated pulse value /3424/0/4. Boundaries of the 1/2/4/8-byte forms.
        for name, v in [("0", 0), ("127", 127), ("128", 128), ("minus-1", -1), ("minus-128", -128),
                        ("minus-129", -129), ("32767", 32767), ("32768", 32768), ("minus-32768", -32768),
                        ("minus-32769", -32769), ("2147483647", 2147483647), ("2147483648", 2147483648),
                        ("minus-2147483648", -2147483648), ("minus-2147483649", -2147483649),
                        ("i64-max", 2**63 - 1), ("i64-min", -(2**63))]:
            n = len(int_bytes(v))
            c.append(self.canonical(f"tlv-type-integer-{name}",
                                    f"Integer {v} at /3424/0/4 (water meter pulse count): the shortest signed form is {n} byte{'s' if n > 1 else ''}",
                                    "/3424/0/4", [t("/3424/0/4", v)]))
        c.append(self.accepted("tlv-type-integer-2-bytes-small", "Integer 5 sent in 2 bytes: accepted, but canonical is 1 byte",
                               "/3424/0/4", "c2 04 0005", [t("/3424/0/4", 5)]))
        c.append(self.accepted("tlv-type-integer-8-bytes-small", "Integer 1 sent in 8 bytes (length field 08): accepted, canonical is 1 byte inline",
                               "/3424/0/4", "c8 04 08 0000000000000001", [t("/3424/0/4", 1)]))
        for name, hx, v in [("3-bytes", "012345", 0x012345), ("3-bytes-negative", "fffffe", -2),
                            ("5-bytes", "0100000000", 2**32), ("6-bytes-negative", "800000000000", -(2**47)),
                            ("7-bytes", "7fffffffffffff", 2**55 - 1)]:
            n = len(hx) // 2
            c.append(self.accepted(f"tlv-type-integer-{name}",
                                   f"Integer in {n} bytes ({hx}): not a 1/2/4/8 width, accepted and sign-extended to {v}; roundtrip false",
                                   "/3424/0/4", f"c{n} 04 {hx}", [t("/3424/0/4", v)]))
        # Unsigned Integer: Communication Retry Timer /1/0/18 (LwM2M Server object; uCIFI has no Unsigned).
        for name, v in [("0", 0), ("255", 255), ("256", 256), ("65535", 65535), ("65536", 65536),
                        ("4294967295", 2**32 - 1), ("4294967296", 2**32), ("u64-max", 2**64 - 1)]:
            n = len(uint_bytes(v))
            c.append(self.canonical(f"tlv-type-unsigned-{name}",
                                    f"Unsigned Integer {v} at /1/0/18 (Server object, Unsigned): zero-extended, shortest form {n} byte{'s' if n > 1 else ''}",
                                    "/1/0/18", [t("/1/0/18", v)]))
        c.append(self.accepted("tlv-type-unsigned-3-bytes", "Unsigned Integer in 3 bytes ffffff: accepted, zero-extended to 16777215 (not negative)",
                               "/1/0/18", "c3 12 ffffff", [t("/1/0/18", 16777215)]))
        c.append(self.accepted("tlv-type-unsigned-2-bytes-small", "Unsigned Integer 1 sent in 2 bytes: accepted, canonical is 1 byte",
                               "/1/0/18", "c2 12 0001", [t("/1/0/18", 1)]))
        c.append(self.canonical("tlv-type-unsigned-multiple", "Multiple Resource of Unsigned Integer /0/0/16 (Security object, DTLS ciphersuites): 0xC0A8 and 0xC02B each take 2 bytes as Unsigned (an Integer would need 4)",
                                "/0/0/16", [t("/0/0/16/0", 0xC0A8), t("/0/0/16/1", 0xC02B)]))
        # Float: Cumulated water volume /3424/0/1.
        c.append(self.canonical("tlv-type-float-f32", "Float 12.5 at /3424/0/1: exactly a binary32, so 4 bytes",
                                "/3424/0/1", [t("/3424/0/1", 12.5)]))
        c.append(self.canonical("tlv-type-float-f32-negative", "Float -3.25: exactly a binary32, 4 bytes",
                                "/3424/0/1", [t("/3424/0/1", -3.25)]))
        c.append(self.canonical("tlv-type-float-f64", "Float 0.1: not a binary32, so 8 bytes (length field 08)",
                                "/3424/0/1", [t("/3424/0/1", 0.1)]))
        c.append(self.canonical("tlv-type-float-f32-widened", "Float 3dcccccd (binary32 nearest to 0.1) widens exactly to 0.10000000149011612; that value is a binary32, so it stays 4 bytes",
                                "/3424/0/1", [t("/3424/0/1", 0.10000000149011612)]))
        c.append(self.canonical("tlv-type-float-infinity", "Float +Infinity as binary32 7f800000 (record value \"Infinity\"): exact in binary32, 4 bytes",
                                "/3424/0/1", [t("/3424/0/1", "Infinity")]))
        c.append(self.accepted("tlv-type-float-f64-exact-f32", "Float 12.5 sent as 8 bytes: accepted, but 12.5 is exactly a binary32, so canonical is 4 bytes",
                               "/3424/0/1", "c8 01 08 4029000000000000", [t("/3424/0/1", 12.5)]))
        c.append(self.accepted("tlv-type-float-f64-minus-infinity", "Float -Infinity sent as 8 bytes: accepted (\"-Infinity\"), canonical is 4 bytes",
                               "/3424/0/1", "c8 01 08 fff0000000000000", [t("/3424/0/1", "-Infinity")]))
        c.append(self.accepted("tlv-type-float-nan", "Float quiet NaN as binary32 7fc00000 decodes to \"NaN\"; decode only (NaN has no single canonical encoding)",
                               "/3424/0/1", "c4 01 7fc00000", [t("/3424/0/1", "NaN")]))
        # Boolean: Leak suspected /3424/0/9.
        c.append(self.canonical("tlv-type-boolean-false", "Boolean false at /3424/0/9 (leak suspected): one byte 00",
                                "/3424/0/9", [t("/3424/0/9", False)]))
        c.append(self.canonical("tlv-type-boolean-true", "Boolean true: one byte 01", "/3424/0/9", [t("/3424/0/9", True)]))
        # String: Type of meter /3424/0/3, one case per inline length 0..7, then the length-field forms.
        for s in ["", "A", "DN", "DN1", "DN15", "DN150", "smart1", "R160 H1"]:
            c.append(self.canonical(f"tlv-type-string-inline-{len(s)}",
                                    f"String of {len(s)} byte{'s' if len(s) != 1 else ''} at /3424/0/3: inline length {len(s)} in the type byte",
                                    "/3424/0/3", [t("/3424/0/3", s)]))
        c.append(self.canonical("tlv-type-string-len-8", "String of 8 bytes: the first length that needs the 1-byte length field (type c8)",
                                "/3424/0/3", [t("/3424/0/3", "jet-type")]))
        c.append(self.canonical("tlv-type-string-utf8", "String with non-ASCII UTF-8 (2-byte and 4-byte sequences); the length counts bytes",
                                "/3424/0/3", [t("/3424/0/3", "Wasserzähler Süd 💧")]))
        c.append(self.canonical("tlv-type-string-cjk", "String in Japanese (3-byte UTF-8 sequences)",
                                "/3424/0/3", [t("/3424/0/3", "水道メーター")]))
        c.append(self.canonical("tlv-type-string-len-255", "String of 255 bytes at /3410/0/10 (additional firmware information): the largest 1-byte length",
                                "/3410/0/10", [t("/3410/0/10", filler(255))]))
        c.append(self.canonical("tlv-type-string-len-256", "String of 256 bytes: the smallest 2-byte length (type d0, length 0100)",
                                "/3410/0/10", [t("/3410/0/10", filler(256))]))
        c.append(self.canonical("tlv-type-string-len-300", "String of 300 bytes: 2-byte length 012c",
                                "/3410/0/10", [t("/3410/0/10", filler(300))]))
        c.append(self.canonical("tlv-type-string-16bit-id-len-300", "String of 300 bytes in a 16-bit-id resource (/3449/0/5750 application type): type f0, id 1676, length 012c",
                                "/3449/0/5750", [t("/3449/0/5750", filler(300))]))
        c.append(self.accepted("tlv-type-length-field-for-inline", "String of 3 bytes with a 1-byte length field (c8 03 03) where an inline length would do: accepted",
                               "/3424/0/3", "c8 03 03" + sh("DN1"), [t("/3424/0/3", "DN1")]))
        c.append(self.accepted("tlv-type-length-2-bytes-small", "2-byte length field holding 5 (d0 03 0005): accepted, canonical is inline",
                               "/3424/0/3", "d0 03 0005" + sh("DN150"), [t("/3424/0/3", "DN150")]))
        c.append(self.accepted("tlv-type-length-3-bytes-small", "3-byte length field holding 5 (d8 03 000005): accepted, canonical is inline",
                               "/3424/0/3", "d8 03 000005" + sh("DN150"), [t("/3424/0/3", "DN150")]))
        c.append(self.accepted("tlv-type-len3-ignored", "Type byte cf: 1-byte length field with the inline-length bits set to 7; those bits are ignored when a length field is present, so the length is the field's 5",
                               "/3424/0/3", "cf 03 05" + sh("DN150"), [t("/3424/0/3", "DN150")]))
        # Opaque: data bridge payload /3414/0/1 and edge script /3437/0/4.
        c.append(self.canonical("tlv-type-opaque-empty", "Opaque of 0 bytes at /3414/0/1 (data bridge payload): value \"\"",
                                "/3414/0/1", [t("/3414/0/1", b"")]))
        c.append(self.canonical("tlv-type-opaque", "Opaque 4 bytes, value as lowercase hex", "/3414/0/1",
                                [t("/3414/0/1", bytes.fromhex("deadbeef"))]))
        c.append(self.canonical("tlv-type-opaque-script", "Opaque 28 bytes at /3437/0/4 (edge computing script), 1-byte length",
                                "/3437/0/4", [t("/3437/0/4", b"if lux < 20 then dim(70) end")]))
        # Time.
        c.append(self.canonical("tlv-type-time-5518", "Time 1735732800 in resource 5518 Timestamp of the water meter: 16-bit id, inline length 4 (type e4)",
                                "/3424/0", [t("/3424/0/5518", T)]))
        c.append(self.canonical("tlv-type-time-5518-8-bytes", "Time 4102444800 (year 2100) needs 8 bytes: 16-bit id with a 1-byte length field (type e8)",
                                "/3424/0", [t("/3424/0/5518", 4102444800)]))
        c.append(self.canonical("tlv-type-time-8bit-id", "Time 0 at /3410/0/5 (installation date): 1 byte",
                                "/3410/0/5", [t("/3410/0/5", 0)]))
        c.append(self.canonical("tlv-type-16bit-ids", "The four IPSO resources uCIFI reuses, with 16-bit ids: 5518 Time, 6050 Float (0.5 as 4 bytes), 6042 and 6049 Integer",
                                "/3424/0", [t("/3424/0/5518", T), t("/3424/0/6050", 0.5), t("/3424/0/6042", 0),
                                            t("/3424/0/6049", 100)]))
        c.append(self.accepted("tlv-type-16bit-id-below-256", "Resource 1 sent with a 16-bit id (e4 0001): accepted, canonical is the 8-bit id",
                               "/3424/0", "e4 0001 41480000", [t("/3424/0/1", 12.5)]))
        # Objlnk.
        c.append(self.canonical("tlv-type-objlnk-multiple", "Objlnk Multiple Resource /3/0/22 ExtDevInfo (Device 1.2): links to the uCIFI device extension 3410:0 and battery 3411:0",
                                "/3/0/22", [t("/3/0/22/0", "3410:0"), t("/3/0/22/1", "3411:0")]))
        c.append(self.canonical("tlv-type-objlnk", "Objlnk at /1/0/10 (Server APN link) = 11:0", "/1/0/10",
                                [t("/1/0/10", "11:0")]))
        c.append(self.canonical("tlv-type-objlnk-null", "Objlnk null link ffffffff decodes to \"65535:65535\"", "/1/0/10",
                                [t("/1/0/10", "65535:65535")]))
        # Multiple resources and request paths.
        c.append(self.canonical("tlv-type-multiple-in-instance", "LPWAN communication /3412/0 with Multiple Resources 2 (IPv4) and 4 (network address) among single resources",
                                "/3412/0", [t("/3412/0/1", "NB-IoT"), t("/3412/0/2/0", "10.0.0.1"), t("/3412/0/2/1", "10.0.0.2"),
                                            t("/3412/0/4/0", "26011BDA"), t("/3412/0/10", 250)]))
        c.append(self.canonical("tlv-type-multiple-at-resource-path", "Read /3432/0/1 (traffic counter, per vehicle type): one Multiple Resource TLV",
                                "/3432/0/1", [t("/3432/0/1/0", 120345), t("/3432/0/1/1", 8210), t("/3432/0/1/2", 45)]))
        addresses = [t(f"/3412/0/2/{i}", f"10.0.{i}.{100 + i}") for i in range(30)]
        size = sum(2 + len(a["value"]) for a in addresses)
        c.append(self.canonical("tlv-type-multiple-2-byte-length", f"A Multiple Resource of 30 IPv4 addresses: its value is {size} bytes, so it takes a 2-byte length (type 90)",
                                "/3412/0/2", addresses))
        c.append(self.accepted("tlv-type-multiple-empty", "Multiple Resource with no instances (80 02): accepted, zero records",
                               "/3412/0/2", "80 02", []))
        c.append(self.accepted("tlv-type-multiple-empty-in-instance", "An empty Multiple Resource before resource 1: the empty one yields no record",
                               "/3412/0", "80 02 c7 01" + sh("LoRaWAN"), [t("/3412/0/1", "LoRaWAN")]))
        c.append(self.canonical("tlv-type-resource-instance-path", "Read /3412/0/2/1: one Resource Instance TLV (8 bytes, so 1-byte length: type 48)",
                                "/3412/0/2/1", [t("/3412/0/2/1", "10.0.0.1")]))
        c.append(self.canonical("tlv-type-resource-instance-path-integer", "Read /3432/0/1/2: one Resource Instance TLV with an Integer",
                                "/3432/0/1/2", [t("/3432/0/1/2", 45)]))
        c.append(self.canonical("tlv-type-object-path-instances", "Read /3424 with instances 0, 5 and 300: each wrapped; instance 300 uses the 16-bit id form (type 26)",
                                "/3424", [t("/3424/0/1", 12.5), t("/3424/5/1", 7.75), t("/3424/300/9", True)]))
        c.append(self.canonical("tlv-type-instance-path-bare", "Read /3424/0 without the instance wrapper: the canonical form",
                                "/3424/0", [t("/3424/0/1", 12.5)]))
        c.append(self.accepted("tlv-type-instance-path-wrapped", "Read /3424/0 with an Object Instance wrapper whose id is the path's instance: accepted; canonical at /O/I is bare",
                               "/3424/0", "06 00 c4 01 41480000", [t("/3424/0/1", 12.5)]))
        c.append(self.accepted("tlv-type-multiple-tlv-for-single-resource", "A Multiple Resource TLV for the single resource 1 of the water meter: multiplicity is lenient, it decodes typed with a resource-instance path; decode only",
                               "/3424/0", "86 01 44 00 41480000", [t("/3424/0/1/0", 12.5)], lenient=True))
        c.append(self.accepted("tlv-type-single-tlv-for-multiple-resource", "A single Resource TLV for the Multiple Resource 2 of 3412: decodes typed at /3412/0/2; decode only",
                               "/3412/0", "c8 02 08" + sh("10.0.0.1"), [t("/3412/0/2", "10.0.0.1")], lenient=True))
        c.append(self.canonical("tlv-type-unknown-resource", "Resource 99 is not in the water meter model: its raw bytes as opaque with unknown: true, next to a typed resource",
                                "/3424/0", [t("/3424/0/1", 12.5), opaque("/3424/0/99", "2a")]))
        c.append(self.canonical("tlv-type-unknown-resource-16bit", "Unknown resource 40000 (16-bit id) in a multiple-instance layout: opaque, unknown",
                                "/3424/0", [opaque("/3424/0/40000/0", "0102"), opaque("/3424/0/40000/1", "")]))
        c.append(self.canonical("tlv-type-empty-instance-path", "Empty input at /3424/0: zero records, no error", "/3424/0", []))
        c.append(self.canonical("tlv-type-empty-object-path", "Empty input at /3424: zero records, no error", "/3424", []))
        return c

    # -- ucifi.json ---------------------------------------------------------------------------------------------

    def ucifi_cases(self) -> list[dict]:
        cases = []
        for oid, path, desc, instances in READINGS:
            ids = parse_path(path)
            assert len(ids) in (1, 2) and ids[0] == oid
            records = []
            for iid, resources in instances.items():
                assert len(ids) == 1 or ids[1] == iid
                records += self.instance_records(oid, iid, resources)
            cid = "tlv-ucifi-" + "-".join(str(i) for i in ids)
            cases.append(self.canonical(cid, f"{desc}. Canonical.", path, records))
        covered = sorted({oid for oid, *_ in READINGS})
        assert covered == sorted(set(range(3410, 3440)) | set(range(3445, 3462))), covered
        return cases

    # -- errors.json --------------------------------------------------------------------------------------------

    def error_cases(self) -> list[dict]:
        e = self.error
        device = next(x for x in json_load(self.spec_vectors) if x.get("format") == "tlv")["hex"]
        lw = sh("Lightweight M2M Client")
        assert lw in device
        broken = device.replace(lw, sh("Lightweigt M2M Client"))  # one 'h' (0x68) less, length 0x16 kept
        c = [
            e("tlv-err-unexpected-end-header", "A second element of one byte: its identifier is missing", "/3424/0",
              "c1 09 00 c1", "UNEXPECTED_END", 3),
            e("tlv-err-unexpected-end-id", "A 16-bit-id type byte with only one id byte", "/3424/0", "e4 15",
              "UNEXPECTED_END", 0),
            e("tlv-err-unexpected-end-length", "A 2-byte length field cut after its first byte", "/3424/0/3",
              "d0 03 01", "UNEXPECTED_END", 0),
            e("tlv-err-unexpected-end-value", "A 4-byte Float with only 2 value bytes", "/3424/0/1", "c4 01 4148",
              "UNEXPECTED_END", 0),
            e("tlv-err-unexpected-end-wrapper", "A top-level Object Instance whose length (6) runs past the input: at top level this is UNEXPECTED_END at the wrapper",
              "/3424", "06 00 c4 01 41", "UNEXPECTED_END", 0),
            e("tlv-err-tutorial-device-missing-byte", "The Read /3/0 example as one OMA tutorial prints it: 'Lightweigt' lacks one 0x68 but the length stays 0x16, so the value of resource 1 swallows the type byte c8 of resource 2. That last byte starts an incomplete UTF-8 sequence: INVALID_UTF8 at its offset (spec-digest §2.4 Pitfall)",
              "/3/0", broken, "INVALID_UTF8", 47, raw=True),
            e("tlv-err-tutorial-device-missing-byte-wrapped", "The same broken bytes read at /3 with the wrapper 08 00 79 kept: the wrapper claims 121 bytes but 120 follow, UNEXPECTED_END at the wrapper",
              "/3", "080079" + broken, "UNEXPECTED_END", 0, raw=True),
            e("tlv-err-length-exceeds-parent", "A 6-byte resource inside an instance wrapper of length 4 (more input follows the wrapper)",
              "/3424", "04 00 c4 01 41480000", "LENGTH_EXCEEDS_PARENT", 2),
            e("tlv-err-length-exceeds-parent-buffer-ends", "A nested resource runs past its wrapper and past the input: still LENGTH_EXCEEDS_PARENT, because the parent ends first",
              "/3424", "08 00 04 c4 01 4148", "LENGTH_EXCEEDS_PARENT", 3),
            e("tlv-err-length-exceeds-parent-header", "A nested element whose 16-bit-id header crosses the end of its wrapper (length 1)",
              "/3424", "01 00 e4 158e 67752e40", "LENGTH_EXCEEDS_PARENT", 2),
            e("tlv-err-length-exceeds-parent-resource-instance", "A Resource Instance running past its Multiple Resource (length 5)",
              "/3412/0", "85 02 41 00 31 42 01 3232", "LENGTH_EXCEEDS_PARENT", 5),
            e("tlv-err-nesting-resource-instance-top", "A Resource Instance at the top of an instance path", "/3412/0",
              "41 00 31", "INVALID_NESTING", 0),
            e("tlv-err-nesting-instance-in-instance", "An Object Instance inside an Object Instance", "/3424",
              "05 00 03 00 c1 09 00", "INVALID_NESTING", 2),
            e("tlv-err-nesting-resource-at-object-path", "A resource at the top of an object path (only Object Instances may stand there)",
              "/3424", "c1 09 00", "INVALID_NESTING", 0),
            e("tlv-err-nesting-resource-in-multiple", "A Resource TLV inside a Multiple Resource", "/3412/0",
              "83 02 c1 00 31", "INVALID_NESTING", 2),
            e("tlv-err-nesting-resource-then-wrapper", "At /O/I a bare resource followed by an instance wrapper: the forms do not mix",
              "/3424/0", "c1 09 00 03 00 c1 0a 00", "INVALID_NESTING", 3),
            e("tlv-err-nesting-wrapper-then-resource", "At /O/I an instance wrapper followed by a bare resource", "/3424/0",
              "03 00 c1 09 00 c1 0a 00", "INVALID_NESTING", 5),
            e("tlv-err-nesting-instance-at-resource-path", "An Object Instance at a resource path", "/3424/0/9",
              "03 00 c1 09 00", "INVALID_NESTING", 0),
            e("tlv-err-nesting-resource-instance-at-resource-path", "A Resource Instance at a resource path", "/3412/0/2",
              "41 00 31", "INVALID_NESTING", 0),
            e("tlv-err-nesting-resource-at-resource-instance-path", "A Resource at a resource-instance path", "/3412/0/2/0",
              "c1 02 31", "INVALID_NESTING", 0),
            e("tlv-err-nesting-before-path", "A Resource Instance with a wrong id at a resource path: the kind is checked before the id",
              "/3424/0/9", "41 0a 00", "INVALID_NESTING", 0),
            e("tlv-err-duplicate-resource", "Resource 9 twice in one instance", "/3424/0", "c1 09 00 c1 09 01",
              "DUPLICATE_ID", 3),
            e("tlv-err-duplicate-resource-in-wrapper", "Resource 9 twice inside an instance wrapper", "/3424",
              "06 00 c1 09 00 c1 09 01", "DUPLICATE_ID", 5),
            e("tlv-err-duplicate-resource-instance", "Resource instance 0 twice in one Multiple Resource", "/3412/0",
              "86 02 41 00 31 41 00 32", "DUPLICATE_ID", 5),
            e("tlv-err-duplicate-instance", "Instance 0 twice at an object path", "/3424", "03 00 c1 09 00 03 00 c1 09 01",
              "DUPLICATE_ID", 5),
            e("tlv-err-duplicate-single-and-multiple", "A Resource and a Multiple Resource with the same id 2: one id space",
              "/3412/0", "c1 02 31 83 02 41 00 32", "DUPLICATE_ID", 3),
            e("tlv-err-duplicate-wrapper-at-instance-path", "Two wrappers with the path's instance id at /O/I", "/3424/0",
              "03 00 c1 09 00 03 00 c1 0a 00", "DUPLICATE_ID", 5),
            e("tlv-err-duplicate-at-resource-path", "Resource 9 twice at /3424/0/9", "/3424/0/9", "c1 09 00 c1 09 01",
              "DUPLICATE_ID", 3),
            e("tlv-err-duplicate-before-value", "The duplicate carries an invalid Boolean: the duplicate is found first",
              "/3424/0", "c1 09 00 c1 09 02", "DUPLICATE_ID", 3),
            e("tlv-err-path-mismatch-wrapper", "Wrapper for instance 1 at /3424/0", "/3424/0", "03 01 c1 09 00",
              "PATH_MISMATCH", 0),
            e("tlv-err-path-mismatch-second-wrapper", "A second wrapper, for instance 1, at /3424/0", "/3424/0",
              "03 00 c1 09 00 03 01 c1 09 00", "PATH_MISMATCH", 5),
            e("tlv-err-path-mismatch-resource", "Resource 10 at /3424/0/9", "/3424/0/9", "c1 0a 00", "PATH_MISMATCH", 0),
            e("tlv-err-path-mismatch-second-resource", "After resource 9, resource 10 at /3424/0/9", "/3424/0/9",
              "c1 09 00 c1 0a 00", "PATH_MISMATCH", 3),
            e("tlv-err-path-mismatch-resource-instance", "Resource instance 0 at /3412/0/2/1", "/3412/0/2/1", "41 00 31",
              "PATH_MISMATCH", 0),
            e("tlv-err-value-length-integer-0", "Integer of 0 bytes", "/3424/0/4", "c0 04", "INVALID_VALUE_LENGTH", 2),
            e("tlv-err-value-length-integer-9", "Integer of 9 bytes", "/3424/0/4", "c8 04 09 000000000000000001",
              "INVALID_VALUE_LENGTH", 3),
            e("tlv-err-value-length-integer-in-instance", "Integer resource instance of 0 bytes inside a Multiple Resource (traffic counter)",
              "/3432/0/1", "82 01 40 00", "INVALID_VALUE_LENGTH", 4),
            e("tlv-err-value-length-unsigned-0", "Unsigned Integer of 0 bytes (/1/0/18)", "/1/0/18", "c0 12",
              "INVALID_VALUE_LENGTH", 2),
            e("tlv-err-value-length-time-0", "Time of 0 bytes in 16-bit-id resource 5518", "/3424/0", "e0 158e",
              "INVALID_VALUE_LENGTH", 3),
            e("tlv-err-value-length-float-2", "Float of 2 bytes", "/3424/0/1", "c2 01 4148", "INVALID_VALUE_LENGTH", 2),
            e("tlv-err-value-length-float-16bit-id", "Float of 2 bytes in 16-bit-id resource 6050", "/3424/0",
              "e2 17a2 3f00", "INVALID_VALUE_LENGTH", 3),
            e("tlv-err-value-length-boolean-2", "Boolean of 2 bytes", "/3424/0/9", "c2 09 0001", "INVALID_VALUE_LENGTH", 2),
            e("tlv-err-value-length-boolean-0", "Boolean of 0 bytes", "/3424/0/9", "c0 09", "INVALID_VALUE_LENGTH", 2),
            e("tlv-err-value-length-objlnk-3", "Objlnk of 3 bytes (/1/0/10)", "/1/0/10", "c3 0a 000300",
              "INVALID_VALUE_LENGTH", 2),
            e("tlv-err-boolean-2", "Boolean byte 02", "/3424/0/9", "c1 09 02", "INVALID_BOOLEAN", 2),
            e("tlv-err-boolean-ff-in-wrapper", "Boolean byte ff inside an instance wrapper", "/3424", "03 00 c1 09 ff",
              "INVALID_BOOLEAN", 4),
            e("tlv-err-value-before-later-structure", "An invalid Boolean followed by a truncated element: the first error in wire order wins",
              "/3424/0", "c1 09 02 c4 01 41", "INVALID_BOOLEAN", 2),
            e("tlv-err-utf8", "String with byte ff", "/3424/0/3", "c4 03 4142ff43", "INVALID_UTF8", 4),
            e("tlv-err-utf8-surrogate", "String holding an encoded UTF-16 surrogate (ed a0 80), not valid UTF-8",
              "/3424/0/3", "c3 03 eda080", "INVALID_UTF8", 2),
            e("tlv-err-utf8-truncated", "String ending inside a 3-byte sequence", "/3424/0/3", "c3 03 4142e2",
              "INVALID_UTF8", 4),
            e("tlv-err-utf8-resource-instance", "Invalid UTF-8 in a String resource instance: offset of the bad byte in the whole input",
              "/3412/0", "86 02 44 00 3132ff33", "INVALID_UTF8", 6),
            e("tlv-err-executable-value", "A value for water meter resource 2 (cumulated value reset), executable: its DDF Type is empty",
              "/3424/0", "c1 02 01", "EXECUTABLE_VALUE", 2),
            e("tlv-err-executable-value-in-wrapper", "A value for outdoor lamp controller resource 16 (executable) inside a wrapper",
              "/3416", "03 00 c1 10 01", "EXECUTABLE_VALUE", 4),
            e("tlv-err-missing-path", "A TLV case without a request path: TLV names no object", None, "c1 09 00",
              "MISSING_PATH", 0),
            e("tlv-err-path-letter", "Path /3/x: the letter is at index 3", "/3/x", "c1 0a 0f", "INVALID_PATH", 3),
            e("tlv-err-path-id-too-big", "Path /70000: the id exceeds 65535, offset of the id's first digit", "/70000",
              "03 00 c1 0a 0f", "INVALID_PATH", 1),
            e("tlv-err-path-no-slash", "Path 3/0 without the leading slash", "3/0", "c1 0a 0f", "INVALID_PATH", 0),
            e("tlv-err-path-five-levels", "Path /3/0/1/2/3: a fifth id, offset of its first digit", "/3/0/1/2/3",
              "c1 0a 0f", "INVALID_PATH", 9),
            e("tlv-err-hex-space", "Hex 'c1 0a' with a space: the space is at index 2", "/3/0", "c1 0a",
              "INVALID_HEX", 2, raw=True),
            e("tlv-err-hex-odd", "Hex with an odd number of digits: offset is the length", "/3/0", "c10a0",
              "INVALID_HEX", 5, raw=True),
            e("tlv-err-hex-letters", "Hex 'c1zz': z is not a hex digit", "/3/0", "c1zz", "INVALID_HEX", 2, raw=True),
            e("tlv-err-unknown-format", "Case format 'xml' is not a known format", "/3/0", "c1 0a 0f", "UNKNOWN_FORMAT", 0,
              fmt="xml"),
        ]
        t = self.typed
        c += [
            self.encode_error("tlv-enc-type-mismatch", "Encode: a string value for the Float resource /3424/0/1 (record 1)",
                              "/3424/0", [t("/3424/0/9", False), rec("/3424/0/1", "string", "1234.5")],
                              "TYPE_MISMATCH", 1),
            self.encode_error("tlv-enc-buffer-too-small", "Encode into 3 bytes: the encoding needs 9 (c4 01 + 4-byte float, c1 09 00); offset is the size needed",
                              "/3424/0", [t("/3424/0/1", 1234.5), t("/3424/0/9", False)], "BUFFER_TOO_SMALL", 9,
                              buffer=3),
            self.encode_error("tlv-enc-invalid-float", "Encode: a float record whose value is the string \"abc\" (record 1)",
                              "/3424/0", [t("/3424/0/9", False), rec("/3424/0/1", "float", "abc")], "INVALID_RECORD", 1),
            self.encode_error("tlv-enc-unknown-type", "Encode: a record of type \"double\", not a record type", "/3424/0",
                              [rec("/3424/0/1", "double", 1234.5)], "INVALID_RECORD", 0),
            self.encode_error("tlv-enc-path-mismatch", "Encode at /3424/0: record /3424/1/1 lies outside the request path",
                              "/3424/0", [t("/3424/0/9", False), t("/3424/1/1", 12.5)], "PATH_MISMATCH", 1),
            self.encode_error("tlv-enc-duplicate-path", "Encode: /3424/0/1 twice; offset is the second", "/3424/0",
                              [t("/3424/0/1", 12.5), t("/3424/0/9", False), t("/3424/0/1", 13.5)], "DUPLICATE_ID", 2),
            self.encode_error("tlv-enc-executable-value", "Encode: an integer value for /3424/0/2, an executable resource (DDF Type empty)",
                              "/3424/0", [t("/3424/0/1", 12.5), rec("/3424/0/2", "integer", 1)], "EXECUTABLE_VALUE", 1),
        ]
        return c

    # -- ddf.json -----------------------------------------------------------------------------------------------

    def ddf_cases(self) -> list[dict]:
        vendor = ddf_doc(32769, "Bench sensor", "Multiple", [
            (0, "Seat temperature", "R", "Single", "Float", "Cel"),
            (1, "Bench label", "RW", "Single", "String", ""),
            (2, "Occupancy count", "R", "Single", "Integer", ""),
            (3, "Related links", "R", "Single", "Corelnk", ""),
            (4, "Reset count", "E", "Single", "", ""),
            (5, "Sensor flags", "R", "Multiple", "Unsigned Integer", ""),
        ])
        second = ddf_doc(32770, "Kiosk display", "Single", [
            (0, "Message", "RW", "Single", "String", ""),
            (1, "Brightness", "RW", "Single", "Integer", "/100"),
        ])
        override = ddf_doc(3424, "Water meter (test redefinition)", "Multiple", [
            (1, "Cumulated water volume in litres", "R", "Single", "Integer", "l"),
            (3, "Type of meter", "RW", "Single", "String", ""),
        ])
        model = self.model.with_ddf([vendor])
        t = lambda p, v: self.typed(p, v, model)  # noqa: E731
        bench = [t("/32769/0/0", 22.5), t("/32769/0/1", "Bench 7"), t("/32769/0/2", 3),
                 t("/32769/0/3", "</3303/0>;rt=\"temperature\""), t("/32769/0/5/0", 1), t("/32769/0/5/1", 255)]
        bench_hex = encode("/32769/0", bench, model).hex()
        bad = override.replace("<ObjectID>3424</ObjectID>", "<ObjectID>abc</ObjectID>")
        bad_at = bad.encode("utf-8").index(b"<ObjectID>")
        over_model = self.model.with_ddf([override])
        c = [
            self.canonical("tlv-ddf-vendor-object", "Vendor object 32769 defined by a DDF given with the case: Float, String, Integer, Corelnk and a Multiple Unsigned Integer resource decode typed",
                           "/32769/0", bench, ddf=[vendor]),
            self.case("tlv-ddf-vendor-object-without-ddf", "The same frame without the DDF: object 32769 is unknown, every value is raw opaque with unknown: true",
                      "/32769/0", bench_hex, True,
                      [opaque("/32769/0/0", "41b40000"), opaque("/32769/0/1", sh("Bench 7")), opaque("/32769/0/2", "03"),
                       opaque("/32769/0/3", sh("</3303/0>;rt=\"temperature\"")), opaque("/32769/0/5/0", "01"),
                       opaque("/32769/0/5/1", "ff")]),
            self.canonical("tlv-ddf-vendor-object-path", "Vendor object 32769 read at the object path: two instance wrappers, typed by the DDF",
                           "/32769", [t("/32769/0/0", 22.5), t("/32769/1/0", -4.0), t("/32769/1/2", 0)], ddf=[vendor]),
            self.canonical("tlv-ddf-two-documents", "Two DDF documents loaded; the frame is for the second (32770, single-instance, read at /O)",
                           "/32770", [self.typed("/32770/0/0", "Street closed", self.model.with_ddf([second])),
                                      self.typed("/32770/0/1", 80, self.model.with_ddf([second]))],
                           ddf=[vendor, second]),
            self.error("tlv-ddf-vendor-executable", "Vendor resource 4 has an empty Type in its DDF (executable): a value for it is EXECUTABLE_VALUE",
                       "/32769/0", "c1 04 01", "EXECUTABLE_VALUE", 2, ddf=[vendor]),
            self.canonical("tlv-ddf-override-builtin", "A DDF redefining the built-in water meter 3424 with resource 1 as Integer: 1234 decodes as an Integer (2 bytes), no longer a Float",
                           "/3424/0", [self.typed("/3424/0/1", 1234, over_model),
                                       self.typed("/3424/0/3", "hot", over_model)], ddf=[override]),
            self.canonical("tlv-ddf-override-replaces-object", "A loaded DDF replaces the whole built-in object: resource 9 (a Boolean in the registry) is not in the redefinition, so it is unknown opaque",
                           "/3424/0", [self.typed("/3424/0/1", 1234, over_model), opaque("/3424/0/9", "01")],
                           ddf=[override]),
            self.error("tlv-ddf-invalid-object-id", f"A well-formed DDF whose ObjectID is 'abc': INVALID_DDF at the byte offset of the <ObjectID> element's '<' ({bad_at}) in the DDF text",
                       "/3424/0", "c1 09 00", "INVALID_DDF", bad_at, ddf=[bad]),
        ]
        return c

    def files(self) -> dict[str, str]:
        docs = {
            "spec.json": self.spec_cases(),
            "types.json": self.types_cases(),
            "ucifi.json": self.ucifi_cases(),
            "errors.json": self.error_cases(),
            "ddf.json": self.ddf_cases(),
        }
        ids = [c["id"] for cases in docs.values() for c in cases]
        assert len(ids) == len(set(ids)), "duplicate case id"
        assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids), "ids must be kebab-case"
        return {name: dumps({"format": "tlv", "cases": cases}) for name, cases in docs.items()}


def filler(n: int) -> str:
    """n bytes of readable ASCII text (firmware notes), deterministic."""
    base = "fw 2.4.1 build 2025-01-07; radio stack 1.0.4; bootloader 3.2; "
    return (base * (n // len(base) + 1))[:n]


def ddf_doc(oid: int, name: str, multiple: str, items: list[tuple]) -> str:
    """A DDF XML document written here (names and text are this project's own)."""
    res = "".join(
        f'<Item ID="{rid}"><Name>{rname}</Name><Operations>{ops}</Operations>'
        f"<MultipleInstances>{mult}</MultipleInstances><Mandatory>Optional</Mandatory><Type>{typ}</Type>"
        f"<RangeEnumeration></RangeEnumeration><Units>{units}</Units><Description>Test resource.</Description></Item>"
        for rid, rname, ops, mult, typ, units in items)
    doc = ('<?xml version="1.0" encoding="UTF-8"?>\n<LWM2M><Object ObjectType="MODefinition">'
           f"<Name>{name}</Name><Description1>Test object for the codec vectors.</Description1>"
           f"<ObjectID>{oid}</ObjectID><ObjectURN>urn:oma:lwm2m:x:{oid}</ObjectURN><LWM2MVersion>1.1</LWM2MVersion>"
           f"<ObjectVersion>1.0</ObjectVersion><MultipleInstances>{multiple}</MultipleInstances>"
           f"<Mandatory>Optional</Mandatory><Resources>{res}</Resources></Object></LWM2M>\n")
    parse_ddf(doc)  # well-formed and typed
    return doc


def json_load(p: Path) -> Any:
    return json.loads(p.read_text(encoding="utf-8"))


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
            print(f"vectors/tlv/{n} is out of date: run python3 vectors/tools/gen_tlv.py", file=sys.stderr)
        return 1 if stale else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for n, text in files.items():
        (OUT / n).write_text(text, encoding="utf-8")
        print(f"wrote vectors/tlv/{n}: {len(json.loads(text)['cases'])} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
