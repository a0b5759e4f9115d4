"""The cases of the single-value formats vectors/cbor/, vectors/text/ and vectors/opaque/ (fmt picks the format)."""

from __future__ import annotations

from typing import Any

from cases_common import CaseGen, rec, show
from cborlib import F16, F64, Head, IText, Tag, build
from formatslib import encode
from tlvlib import I64_MAX, I64_MIN, U64_MAX


class SingleCases(CaseGen):
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
            e("utf8-completed-by-next-byte", "Text of 1 byte d6 (a lone lead byte) followed by bf, which would complete "
              "it: INVALID_UTF8 at 1 (the string is judged on its own bytes; the bf is never reached)",
              bytes.fromhex("61d6bf"), "INVALID_UTF8", 1, "/3424/0/99")
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
