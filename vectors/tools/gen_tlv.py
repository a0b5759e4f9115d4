#!/usr/bin/env python3
"""Generate the LwM2M TLV vector files: vectors/tlv/{spec,types,ucifi,errors,ddf,rules,interop-*}.json.

    python3 vectors/tools/gen_tlv.py            # write the files
    python3 vectors/tools/gen_tlv.py --check    # regenerate in memory; exit 1 if a file on disk differs

Standard library only (Python 3.11). Resource types come from the project's registry snapshot (--snapshot, default
core/codegen/registry.json); spec examples from vectors/spec-examples.json. The TLV encoder
is this tool's own (tlvlib.py), written from the spec digest: the vectors are an independent check of the Rust codec.
Canonical cases are encoded here from their records; hand-written non-canonical or broken frames are kept as bytes.
The case builders are in tlv_cases.py and the errors.json cases in tlv_error_cases.py. Every case is re-checked by
check_tlv.py, whose decoder is written separately.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from tlv_cases import opaque, sh  # noqa: E402
from tlv_error_cases import TlvErrorCases  # noqa: E402
from tlv_interop_cases import TlvInteropCases  # noqa: E402
from tlv_rule_cases import TlvRuleCases  # noqa: E402
from tlvlib import (  # noqa: E402
    REPO,
    EncodeError,
    SNAPSHOT,
    SPEC_EXAMPLES,
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


class Gen(TlvErrorCases, TlvRuleCases, TlvInteropCases):
    """Builds the cases of every file and checks each roundtrip flag against the encoder."""

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
        entries = [e for e in self.spec if e.get("format") == "tlv"]
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
            desc = f"OMA-TS-LightweightM2M-V1_0_x {what} (bytes from vectors/spec-examples.json)."
            if unknown:
                desc += (f" Object {parse_path(path)[0]} is the TS's example object and not in the registry, so every "
                         "value is its raw bytes as opaque with unknown: true.")
            else:
                desc += " Types from the registry snapshot of the object."
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
        for name, hx in [("3-bytes", "012345"), ("3-bytes-negative", "fffffe"), ("5-bytes", "0100000000"),
                         ("6-bytes-negative", "800000000000"), ("7-bytes", "7fffffffffffff")]:
            n = len(hx) // 2
            c.append(self.error(f"tlv-type-integer-{name}",
                                f"Integer in {n} bytes ({hx}): the TLV rules allow 1, 2, 4 or 8 bytes only, "
                                "INVALID_VALUE_LENGTH at the value", "/3424/0/4", f"c{n} 04 {hx}",
                                "INVALID_VALUE_LENGTH", 2))
        # Unsigned Integer: Communication Retry Timer /1/0/18 (LwM2M Server object; uCIFI has no Unsigned).
        for name, v in [("0", 0), ("255", 255), ("256", 256), ("65535", 65535), ("65536", 65536),
                        ("4294967295", 2**32 - 1), ("4294967296", 2**32), ("u64-max", 2**64 - 1)]:
            n = len(uint_bytes(v))
            c.append(self.canonical(f"tlv-type-unsigned-{name}",
                                    f"Unsigned Integer {v} at /1/0/18 (Server object, Unsigned): zero-extended, shortest form {n} byte{'s' if n > 1 else ''}",
                                    "/1/0/18", [t("/1/0/18", v)]))
        c.append(self.error("tlv-type-unsigned-3-bytes", "Unsigned Integer in 3 bytes ffffff: not a 1/2/4/8 width, "
                            "INVALID_VALUE_LENGTH at the value", "/1/0/18", "c3 12 ffffff", "INVALID_VALUE_LENGTH", 2))
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
            "rules.json": self.rule_cases(),
            "interop-anjay.json": self.interop_anjay(),
            "interop-leshan.json": self.interop_leshan(),
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the files on disk differ from a fresh generation")
    ap.add_argument("--snapshot", type=Path, default=SNAPSHOT, help="registry facts (default core/codegen/registry.json)")
    ap.add_argument("--spec-examples", type=Path, default=SPEC_EXAMPLES,
                    help="spec byte examples (default vectors/spec-examples.json)")
    args = ap.parse_args()
    gen = Gen(args.snapshot, args.spec_examples)
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
