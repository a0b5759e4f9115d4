"""Cases for vectors/<format>/rules.json: the root request path `/`, the reserved id 65535, and (LwM2M-CBOR) a null
leaf and chunked (indefinite-length) strings. Rules: vectors/FORMATS.md."""

from __future__ import annotations

from typing import Any

from cases_common import T0, rec
from cborlib import IBytes, IMap, IText, M, Mark, Raw, build
from formatslib import BN, BT, N, T, V, VB


class RulesCases:
    """The rule cases of one format (self.fmt)."""

    fmt: str
    t: Any
    u: Any
    err: Any
    acc: Any
    canon: Any
    enc_err: Any

    def rules(self) -> list[dict]:
        return {"senml-cbor": self.rules_senml, "senml-json": self.rules_senml, "lwm2m-cbor": self.rules_lwm2m,
                "cbor": self.rules_single, "text": self.rules_single}[self.fmt]()

    def rules_common(self) -> list[dict]:
        """Root path and reserved id cases every multi-record format shares."""
        p, t = self.fmt, self.t
        mixed = [t("/3/0/9", 87), t("/3424/0/1", 12.5)]
        return [
            self.canon(f"{p}-rule-root-path", "Request path / (the root, as Send and Read-Composite use it): no "
                       "restriction, records of two objects (/3 and /3424) decode", mixed, "/"),
            self.canon(f"{p}-rule-root-path-one-object", "Request path / with the records of one object instance",
                       [t("/3424/0/1", 12.5), t("/3424/0/9", False)], "/"),
            self.err(f"{p}-rule-reserved-request", "Request path /5/0/65535: id 65535 is reserved at every level, "
                     "INVALID_PATH at the id's first digit", self.enc([t("/5/0/1", "http")]), "INVALID_PATH", 5,
                     "/5/0/65535"),
            self.err(f"{p}-rule-reserved-request-object", "Request path /65535/0", self.enc([t("/5/0/1", "http")]),
                     "INVALID_PATH", 1, "/65535/0"),
            self.enc_err(f"{p}-rule-reserved-encode", "Encode a record /5/0/65535 (after a good one): INVALID_PATH at "
                         "its index", [t("/5/0/1", "http"), rec("/5/0/65535", "integer", 1)], "INVALID_PATH", 1),
            self.enc_err(f"{p}-rule-reserved-encode-object", "Encode a record /65535/0/1", [rec("/65535/0/1",
                         "integer", 1)], "INVALID_PATH", 0),
            self.enc_err(f"{p}-rule-reserved-encode-root", "Encode at / a record /3/65535/9: the root admits every "
                         "path, the reserved id is still refused", [rec("/3/65535/9", "integer", 1)], "INVALID_PATH",
                         0, "/"),
        ]

    def rules_senml(self) -> list[dict]:
        p = self.fmt
        c = self.rules_common()
        if p == "senml-cbor":
            one, om = build([{-2: Mark("r", "/5/0/65535"), 2: 1}])
            two, tm = build([{-2: "/5/0/", 0: "1", 3: "http"}, Mark("r", {0: "65535", 2: 1})])
            obj, _ = build([{-2: "/65535/0/1", 2: 1}])
            c += [
                self.err(f"{p}-rule-reserved-name", "bn \"/5/0/65535\": the name resolves to a path with the reserved "
                         "id, INVALID_PATH at the record (where an INVALID_NAME would be)", one, "INVALID_PATH", 1),
                self.err(f"{p}-rule-reserved-name-second-record", "bn \"/5/0/\" then n \"65535\" in the second record: "
                         "INVALID_PATH at that record", two, "INVALID_PATH", tm["r"]),
                self.err(f"{p}-rule-reserved-object", "bn \"/65535/0/1\" (the object id reserved)", obj,
                         "INVALID_PATH", 1),
            ]
        else:
            one = '[{"bn":"/5/0/65535","v":1}]'
            two = '[{"bn":"/5/0/","n":"1","vs":"http"},{"n":"65535","v":1}]'
            c += [
                self.err(f"{p}-rule-reserved-name", "bn \"/5/0/65535\": INVALID_PATH at the record", one,
                         "INVALID_PATH", 1),
                self.err(f"{p}-rule-reserved-name-second-record", "n \"65535\" under bn \"/5/0/\" in the second "
                         "record: INVALID_PATH at it", two, "INVALID_PATH", two.index('{"n":"65535"')),
                self.err(f"{p}-rule-reserved-object", "bn \"/65535/0/1\"", '[{"bn":"/65535/0/1","v":1}]',
                         "INVALID_PATH", 1),
            ]
        return c + self.mixed_order_senml()

    def mixed_order_senml(self) -> list[dict]:
        """Duplicates among records in neither ascending nor descending order of (path, time)."""
        p, t = self.fmt, self.t
        series = [t("/3424/0/1", 12.5, T0 + 20), t("/3424/0/1", 11.5, T0), t("/3424/0/1", 12.0, T0 + 10),
                  t("/3424/0/9", False), t("/3424/0/4", 7)]
        if p == "senml-cbor":
            dup, dm = build([{BN: "/3424/0/", N: "1", BT: T0, T: 20, V: 12.5}, {N: "1", T: 0, V: 11.5},
                             {N: "1", T: 10, V: 12.0}, Mark("x", {N: "1", T: 0, V: 11.0})])
            dup_at = dm["x"]
            names, nm = build([{BN: "/3424/0/", N: "9", VB: False}, {N: "1", V: 12.5}, {N: "5518", V: T0},
                               {N: "4", V: 7}, Mark("x", {N: "1", V: 13.5}), {N: "9", VB: 2}])
            names_at = nm["x"]
            wrong, wm = build([{BN: "/3424/0/", N: "9", VB: False}, {N: "9", V: Mark("v", 1)}])
            wrong_at = wm["v"]
        else:
            dup = (f'[{{"bn":"/3424/0/","n":"1","bt":{T0},"t":20,"v":12.5}},{{"n":"1","t":0,"v":11.5}},'
                   '{"n":"1","t":10,"v":12.0},{"n":"1","t":0,"v":11.0}]')
            dup_at = dup.rindex("{")
            names = (f'[{{"bn":"/3424/0/","n":"9","vb":false}},{{"n":"1","v":12.5}},{{"n":"5518","v":{T0}}},'
                     '{"n":"4","v":7},{"n":"1","v":13.5},{"n":"9","vb":2}]')
            names_at = names.index('{"n":"1","v":13.5}')
            wrong = '[{"bn":"/3424/0/","n":"9","vb":false},{"n":"9","v":1}]'
            wrong_at = wrong.index('"v":1') + len('"v":')
        return [
            self.canon(f"{p}-rule-mixed-order-no-duplicate", "/3424/0/1 at bt+20, bt, bt+10, then /3424/0/9 and "
                       "/3424/0/4: (path, time) in no order (bt+10 and /3424/0/4 lie between keys already read), "
                       "none repeated", series),
            self.err(f"{p}-rule-mixed-order-duplicate", "/3424/0/1 at bt+20, bt, bt+10, then at bt again: "
                     "DUPLICATE_ID at the fourth record", dup, "DUPLICATE_ID", dup_at),
            self.err(f"{p}-rule-mixed-order-duplicate-before-later-error", "Resources 9, 1, 5518, 4, then 1 again "
                     "(no times), then 9 with a Boolean value 2: the repeated record comes first in the input, "
                     "DUPLICATE_ID at it, not the later record's error", names, "DUPLICATE_ID", names_at),
            self.err(f"{p}-rule-repeat-with-wrong-type", "/3424/0/9 (Boolean) with vb false, then again with v 1: "
                     "the value is checked against the model before the repeat, TYPE_MISMATCH at the value",
                     wrong, "TYPE_MISMATCH", wrong_at),
        ]

    def rules_lwm2m(self) -> list[dict]:
        p, t, u = self.fmt, self.t, self.u
        c = self.rules_common()
        arr, am = build({Mark("k", [5, 0, 65535]): 1})
        nested, nm = build({5: {0: {1: "http", Mark("k", 65535): 1}}})
        before, bm = build({Mark("k", [65535, 70000]): 1})
        c += [
            self.err(f"{p}-rule-reserved-array-key", "Key [5, 0, 65535]: the reserved id, INVALID_PATH at the key",
                     arr, "INVALID_PATH", am["k"]),
            self.err(f"{p}-rule-reserved-nested-key", "{5: {0: {1: \"http\", 65535: 1}}}: INVALID_PATH at the key "
                     "65535", nested, "INVALID_PATH", nm["k"]),
            self.err(f"{p}-rule-reserved-before-too-big", "Key [65535, 70000]: ids are judged as they are read, the "
                     "reserved one first (INVALID_PATH, not INVALID_NAME)", before, "INVALID_PATH", bm["k"]),
            # null leaves
            self.canon(f"{p}-rule-null-typed-resource", "{[3, 0, 9]: null}: null for Battery Level (Integer in the "
                       "model) is no value, a record of type none (as Anjay reads a null value), not TYPE_MISMATCH",
                       [rec("/3/0/9", "none", None)]),
            self.canon(f"{p}-rule-null-string-resource", "{[3, 0, 0]: null}: null for Manufacturer (String)",
                       [rec("/3/0/0", "none", None)]),
            self.canon(f"{p}-rule-null-beside-values", "null for /3/0/9 beside a value for /3/0/10: one record of "
                       "type none, one typed", [rec("/3/0/9", "none", None), t("/3/0/10", 15)]),
            self.canon(f"{p}-rule-null-resource-instance", "null for the resource instance /3/0/6/0",
                       [rec("/3/0/6/0", "none", None)]),
            self.canon(f"{p}-rule-null-unknown", "null for a resource the model does not know: type none, unknown",
                       [u("/3/0/40000", "none", None)]),
            self.err(f"{p}-rule-null-above-resource", "{[3, 0]: null}: a leaf above resource level is INVALID_NAME, "
                     "null or not", build({Mark("k", [3, 0]): None})[0], "INVALID_NAME", 1),
            self.err(f"{p}-rule-undefined-typed-resource", "{[3, 0, 9]: undefined (f7)}: not a value and not null, "
                     "TYPE_MISMATCH at it", build({Mark("k", [3, 0, 9]): Raw(b"\xf7")})[0], "TYPE_MISMATCH", 5),
        ] + self.rules_indefinite() + self.mixed_order_lwm2m()
        return c

    def mixed_order_lwm2m(self) -> list[dict]:
        """Duplicate paths among records in neither ascending nor descending path order."""
        p, t = self.fmt, self.t
        mixed = [t("/3424/0/9", False), t("/3424/0/1", 12.5), t("/3424/0/5518", T0), t("/3424/0/4", 7),
                 t("/3424/1/9", True), t("/3/0/9", 87)]
        dup, dm = build(M(([3424, 0], M((9, False), (1, 12.5), (5518, T0), (4, 7), (Mark("x", 1), 13.5)))))
        across, am = build(M(([3424, 1, 9], True), ([3424, 0], M((9, False), (1, 12.5), (5518, T0), (4, 7))),
                             (Mark("x", [3424, 0, 4]), 8), ([3424, 0, 10], "text")))
        return [
            self.canon(f"{p}-rule-mixed-order-no-duplicate", "Resources 9, 1, 5518, 4 of /3424/0, then /3424/1/9 and "
                       "/3/0/9: paths in no order (/3424/0/4 and /3424/1/9 lie between paths already read), none "
                       "repeated", mixed),
            self.err(f"{p}-rule-mixed-order-duplicate", "{[3424, 0]: {9: false, 1: 12.5, 5518: t, 4: 7, 1: 13.5}}: "
                     "key 1 again after keys in no order, DUPLICATE_ID at it", dup, "DUPLICATE_ID", dm["x"]),
            self.err(f"{p}-rule-mixed-order-duplicate-before-later-error", "/3424/1/9, then /3424/0/9, 1, 5518, 4 in "
                     "a nested map, then [3424, 0, 4] again, then a text value for the Boolean /3424/0/10: the "
                     "repeated path comes first in the input, DUPLICATE_ID at its key, not TYPE_MISMATCH after it",
                     across, "DUPLICATE_ID", am["x"]),
        ]

    def rules_indefinite(self) -> list[dict]:
        p, t, u = self.fmt, self.t, self.u
        man = [t("/3/0/0", "Open Mobile Alliance")]

        def frame(value: Any) -> bytes:
            return build({Mark("k", [3, 0, 0]): value})[0]
        value_at = 5  # a1 83 03 00 00 | value
        return [
            self.acc(f"{p}-rule-indefinite-text", "Manufacturer /3/0/0 as an indefinite-length text string of three "
                     "chunks (7f 64 \"Open\" 6e \" Mobile Allian\" 62 \"ce\" ff): read as the joined text (RFC 8949 "
                     "§3.2.3)", frame(IText("Open", " Mobile Allian", "ce")), man),
            self.acc(f"{p}-rule-indefinite-text-no-chunk", "An indefinite-length text string with no chunk (7f ff): "
                     "the empty string", frame(IText()), [t("/3/0/0", "")]),
            self.acc(f"{p}-rule-indefinite-text-empty-chunks", "Chunks \"\" \"ab\" \"\": empty chunks are allowed",
                     frame(IText("", "ab", "")), [t("/3/0/0", "ab")]),
            self.acc(f"{p}-rule-indefinite-text-split-utf8", "An indefinite-length text string whose chunks split the "
                     "two bytes of é (62 63 c3, 61 a9): UTF-8 is checked over the joined bytes, \"cé\"",
                     frame(Raw(b"\x7f\x62\x63\xc3\x61\xa9\xff")), [t("/3/0/0", "cé")]),
            self.acc(f"{p}-rule-indefinite-text-split-3-byte", "€ (e2 82 ac) split over three one-byte chunks",
                     frame(Raw(b"\x7f\x61\xe2\x61\x82\x61\xac\xff")), [t("/3/0/0", "€")]),
            self.err(f"{p}-rule-indefinite-text-bad-utf8", "Chunks 62 63 c3 then 61 41: c3 41 is not UTF-8 in the "
                     "joined bytes; INVALID_UTF8 at the byte c3 in the input",
                     frame(Raw(b"\x7f\x62\x63\xc3\x61\x41\xff")), "INVALID_UTF8", value_at + 3),
            self.err(f"{p}-rule-indefinite-text-bad-utf8-second-chunk", "Chunks 61 63 then 62 41 ff: the bad byte is "
                     "in the second chunk, INVALID_UTF8 at its input offset",
                     frame(Raw(b"\x7f\x61\x63\x62\x41\xff\xff")), "INVALID_UTF8", value_at + 5),
            self.err(f"{p}-rule-indefinite-text-truncated-utf8", "Chunks 62 63 c3 then the break: the joined text "
                     "ends inside é, INVALID_UTF8 at c3", frame(Raw(b"\x7f\x62\x63\xc3\xff")), "INVALID_UTF8",
                     value_at + 3),
            self.err(f"{p}-rule-indefinite-text-bytes-chunk", "An indefinite text string with a byte-string chunk "
                     "(42 …): chunks must be definite text strings, INVALID_CBOR at the chunk",
                     frame(Raw(b"\x7f\x61\x61\x42\x62\x63\xff")), "INVALID_CBOR", value_at + 3),
            self.err(f"{p}-rule-indefinite-text-nested-chunk", "An indefinite text string with an indefinite chunk "
                     "(7f 7f …): INVALID_CBOR at the inner one", frame(Raw(b"\x7f\x7f\x61\x61\xff\xff")),
                     "INVALID_CBOR", value_at + 1),
            self.err(f"{p}-rule-indefinite-text-no-break", "An indefinite text string the input cuts short before "
                     "its break: UNEXPECTED_END at the input length", frame(Raw(b"\x7f\x61\x61")), "UNEXPECTED_END",
                     value_at + 3),
            self.err(f"{p}-rule-indefinite-text-chunk-cut", "A chunk whose length runs past the input: "
                     "UNEXPECTED_END at the input length", frame(Raw(b"\x7f\x65\x61\x62")), "UNEXPECTED_END",
                     value_at + 4),
            self.acc(f"{p}-rule-indefinite-bytes", "The Security Public Key /0/0/3 (Opaque) as an indefinite-length "
                     "byte string (5f 42 0102 41 03 ff): the joined bytes 010203",
                     build({Mark("k", [0, 0, 3]): IBytes(b"\x01\x02", b"\x03")})[0], [t("/0/0/3", b"\x01\x02\x03")]),
            self.err(f"{p}-rule-indefinite-bytes-text-chunk", "An indefinite byte string with a text chunk: "
                     "INVALID_CBOR at the chunk", build({Mark("k", [0, 0, 3]): Raw(b"\x5f\x41\x01\x61\x61\xff")})[0],
                     "INVALID_CBOR", value_at + 3),
            self.acc(f"{p}-rule-indefinite-bytes-unknown", "An indefinite-length byte string for a resource the model "
                     "does not know: opaque, unknown", build({Mark("k", [3, 0, 40000]): IBytes(b"\xab", b"")})[0],
                     [u("/3/0/40000", "opaque", b"\xab")]),
            self.acc(f"{p}-rule-indefinite-text-unknown", "An indefinite-length text string for a resource the model "
                     "does not know: string, unknown", build({Mark("k", [3, 0, 40000]): IText("a", "b")})[0],
                     [u("/3/0/40000", "string", "ab")]),
            self.acc(f"{p}-rule-indefinite-objlnk", "Objlnk /1/0/10 as an indefinite text string \"3:\" \"0\": "
                     "\"3:0\"", build({Mark("k", [1, 0, 10]): IText("3:", "0")})[0], [t("/1/0/10", "3:0")]),
            self.err(f"{p}-rule-indefinite-objlnk-bad", "Objlnk /1/0/10 as chunks \"3\" \"x\": not oid:iid, "
                     "TYPE_MISMATCH at the string head", build({Mark("k", [1, 0, 10]): IText("3", "x")})[0],
                     "TYPE_MISMATCH", value_at),
            self.err(f"{p}-rule-indefinite-text-for-integer", "An indefinite text string for the Integer /3/0/9: "
                     "TYPE_MISMATCH at its head", build({Mark("k", [3, 0, 9]): IText("1")})[0], "TYPE_MISMATCH",
                     value_at),
            self.err(f"{p}-rule-indefinite-bytes-for-string", "An indefinite byte string for the String /3/0/0: "
                     "TYPE_MISMATCH at its head", frame(IBytes(b"a")), "TYPE_MISMATCH", value_at),
            self.acc(f"{p}-rule-indefinite-map-and-text", "An indefinite root map holding an indefinite text string "
                     "(as Anjay Lite writes them)", build(IMap(([3, 0, 0], IText("Open Mobile", " Alliance"))))[0],
                     man),
            self.acc(f"{p}-rule-indefinite-two-strings", "Two chunked strings in one frame (Manufacturer, Model "
                     "Number), each joined on its own",
                     build({Mark("k", [3, 0]): {0: IText("Open Mobile", " Alliance"), 1: IText("Light", "weight")}})[0],
                     [t("/3/0/0", "Open Mobile Alliance"), t("/3/0/1", "Lightweight")]),
        ]

    def rules_single(self) -> list[dict]:
        p, t = self.fmt, self.t
        data = self.enc([t("/3/0/9", 87)], "/3/0/9")
        return [
            self.err(f"{p}-rule-root-path", "Request path / : a single value needs the resource it belongs to, "
                     "INVALID_PATH at index 1 of the path text", data, "INVALID_PATH", 1, "/"),
            self.err(f"{p}-rule-reserved-request", "Request path /5/0/65535: the reserved id, INVALID_PATH at its "
                     "first digit", data, "INVALID_PATH", 5, "/5/0/65535"),
            self.enc_err(f"{p}-rule-root-path-encode", "Encode at / : INVALID_PATH at index 1",
                         [t("/3/0/9", 87)], "INVALID_PATH", 1, "/"),
        ]
