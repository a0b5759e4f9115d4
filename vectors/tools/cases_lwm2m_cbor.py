"""The cases of vectors/lwm2m-cbor/: spec-digest examples, value types, path-tree structure and errors."""

from __future__ import annotations

from typing import Any

from cases_common import T0, CaseGen, rec, show
from cborlib import F16, F64, Head, IArr, IBytes, IMap, IText, M, Mark, Raw, Tag, build
from tlvlib import I64_MAX, I64_MIN, U64_MAX, parse_path


class Lwm2mCborCases(CaseGen):
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
        e("indefinite-text-not-integer", "An indefinite text string for the Integer /3424/0/4: a chunked string is "
          "read only where a string goes, TYPE_MISMATCH at its head", M(([3424, 0, 4], Mark("x", IText("12", "3")))),
          "TYPE_MISMATCH", "x")
        chunks, cm = build(M(([3414, 0, 1], Mark("x", Raw(b"\x5f\x41\x01\x01\xff")))))
        e("indefinite-bytes-bad-chunk", "An Opaque leaf as an indefinite byte string with an integer (01) among "
          "its chunks: INVALID_CBOR at that chunk", chunks, "INVALID_CBOR", cm["x"] + 3)
        data, marks = build(M(([3424, 0, 3], Mark("x", Raw(b"\x63a\xc3\x28")))))
        c.append(self.err(f"{p}-err-utf8", "A String leaf 61 c3 28: c3 must be followed by a continuation byte, "
                          "INVALID_UTF8 at c3", data, "INVALID_UTF8", marks["x"] + 2))
        # Ten 100-byte chunks (1,000 bytes joined: more than a front end's 768-byte join scratch), the first with
        # c3 28 after ten letters.
        first = b"\x78\x64" + b"a" * 10 + b"\xc3\x28" + b"a" * 88
        long_text = b"\x7f" + first + (b"\x78\x64" + b"x" * 100) * 9 + b"\xff"
        data, marks = build(M(([3424, 0, 3], Mark("x", Raw(long_text)))))
        c.append(self.err(f"{p}-err-utf8-long-chunked", "A String leaf as a chunked string of ten 100-byte chunks "
                          "(1,000 bytes joined, more than the 768-byte scratch the C API joins into), c3 28 in the "
                          "first: INVALID_UTF8 at c3, the text checked before the room it needs",
                          data, "INVALID_UTF8", marks["x"] + 13))
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
