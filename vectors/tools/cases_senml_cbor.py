"""The cases of vectors/senml-cbor/: spec examples, CBOR-only value forms, pack features and errors."""

from __future__ import annotations

from typing import Any

from cases_common import T0, none
from cases_senml import SenmlCases
from cborlib import F16, F32, F64, Head, IArr, IBytes, IMap, IText, M, Mark, Raw, Tag, build
from formatslib import BN, BS, BT, BU, BV, BVER, N, S, T, U, UT, V, VB, VD, VLO, VS


class SenmlCborCases(SenmlCases):
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
