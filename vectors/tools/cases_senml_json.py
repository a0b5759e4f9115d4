"""The cases of vectors/senml-json/: RFC 8428 examples, JSON number and string spellings, pack features and errors."""

from __future__ import annotations

import json

from cases_common import T0, at, jb, none
from cases_senml import SenmlCases


class SenmlJsonCases(SenmlCases):
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
