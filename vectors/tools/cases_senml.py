"""Case lists shared by SenML-CBOR and SenML-JSON (prefix p): value types, uCIFI readings and sends, encode errors."""

from __future__ import annotations

from cases_common import T0, CaseGen, rec, show
from formatslib import b64url
from tlvlib import I64_MAX, I64_MIN, U64_MAX
from ucifi_readings import READINGS


class SenmlCases(CaseGen):
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
