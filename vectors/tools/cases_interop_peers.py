"""Cases for vectors/<format>/interop-<peer>.json: payloads from the unit tests of other LwM2M implementations
(AVSystem Anjay Lite, Eclipse Wakaama, Eclipse Leshan), in our words. The bytes and what the peer expects of them are
facts of its test, named in each case's `source`; the records and errors are ours. Objects the built-in model does
not know (the test objects 13, 14) decode as unknown records typed by their encoding. Where we answer differently
from the peer, the description says why (vectors/FORMATS.md)."""

from __future__ import annotations

from typing import Any

from cases_common import jb

ANJ_LC = "AVSystem/Anjay-lite tests/anj/standard_tests/io/lwm2m_cbor_in.c"
ANJ_SC = "AVSystem/Anjay-lite tests/anj/standard_tests/io/senml_cbor_in.c"
WAK_SJ = "eclipse-wakaama/wakaama tests/senml_json_tests.c"
LESHAN_SJ = "eclipse-leshan/leshan leshan-lwm2m-core/src/test/java/org/eclipse/leshan/core/senml/cbor/" \
            "SenMLJsonSerDesTest.java"


def h(*parts: str) -> bytes:
    return bytes.fromhex("".join("".join(p.split()) for p in parts))


class PeerInteropCases:
    """The per-peer interop files of one format (self.fmt)."""

    fmt: str
    t: Any
    u: Any
    err: Any
    enc: Any
    case: Any

    def peer(self, cid: str, desc: str, source: str, data: bytes | str, records: list | None = None,
             path: str | None = None, error: tuple[str, int] | None = None) -> dict:
        """A decode case from a peer's test; roundtrip true only if the bytes are our canonical form."""
        data = jb(data) if isinstance(data, str) else data
        canonical = False
        if records is not None:
            try:
                canonical = self.enc(records, path) == data
            except Exception:  # noqa: BLE001 - records our encoder refuses are simply not canonical
                canonical = False
        c = self.case(cid, desc, path, data, canonical, records, error)
        c["source"] = source
        return c

    # -- LwM2M-CBOR, Anjay Lite ---------------------------------------------------------------------------------

    def interop_anjay_lite_lwm2m(self) -> list[dict]:
        p, u = "lwm2m-cbor-interop-anjay-lite", self.u
        r1 = [u("/13/26/1", "integer", 42)]
        two = [u("/13/26/1", "integer", 42), u("/13/26/2", "integer", 21)]
        chunk1, chunk2 = "0011223344556677", "8899aabbccddeeff"
        return [
            self.peer(f"{p}-single-resource", "{[13, 26, 1]: 42}", f"{ANJ_LC} (single_resource)",
                      h("a1830d181a01182a"), r1, "/13/26/1"),
            self.peer(f"{p}-single-resource-indefinite", "{_ [_ 13, 26, 1]: 42}: an indefinite map and an "
                      "indefinite array key", f"{ANJ_LC} (single_resource_indefinite)",
                      h("bf9f0d181a01ff182aff"), r1, "/13/26/1"),
            self.peer(f"{p}-single-resource-nested", "{13: {26: {1: 42}}}: one map per level",
                      f"{ANJ_LC} (single_resource_nested)", h("a10da1181aa101182a"), r1, "/13/26/1"),
            self.peer(f"{p}-single-resource-nested-indefinite", "{_ 13: {_ 26: {_ 1: 42}}}",
                      f"{ANJ_LC} (single_resource_nested_indefinite)", h("bf0dbf181abf01182affffff"), r1,
                      "/13/26/1"),
            self.peer(f"{p}-single-resource-nested-arrays", "{[13]: {[26]: {[1]: 42}}}: one-element array keys",
                      f"{ANJ_LC} (single_resource_nested_arrays)", h("a1810da181181aa18101182a"), r1,
                      "/13/26/1"),
            self.peer(f"{p}-max-nesting", "{[13]: {[26]: {[1]: {[2]: 4([-1, 45])}}}}: four nested one-element "
                      "keys down to a resource instance whose value is the decimal fraction 45e-1 = 4.5",
                      f"{ANJ_LC} (max_possible_nesting)", h("a1810da181181aa18101a18102c48220182d"),
                      [u("/13/26/1/2", "float", 4.5)], "/13/26/1/2"),
            self.peer(f"{p}-two-resources-1", "{[13, 26]: {1: 42, 2: 21}} read at /13/26",
                      f"{ANJ_LC} (two_resources_1)", h("a1820d181aa201182a0215"), two, "/13/26"),
            self.peer(f"{p}-two-resources-2", "{[13, 26, 1]: 42, [13, 26, 2]: 21}", f"{ANJ_LC} (two_resources_2)",
                      h("a2830d181a01182a830d181a0215"), two, "/13/26"),
            self.peer(f"{p}-two-resources-3", "{[13, 26]: {1: 42}, [13, 26, 2]: 21}", f"{ANJ_LC} (two_resources_3)",
                      h("a2820d181aa101182a830d181a0215"), two, "/13/26"),
            self.peer(f"{p}-two-resources-4", "{[13, 26, 1]: 42, [13, 26]: {[2]: 21}}",
                      f"{ANJ_LC} (two_resources_4)", h("a2830d181a01182a820d181aa1810215"), two, "/13/26"),
            self.peer(f"{p}-bytes", "{[13, 26, 1]: h'00112233445566778899aabbccddeeff'}", f"{ANJ_LC} (bytes)",
                      h("a1830d181a0150", chunk1, chunk2), [u("/13/26/1", "opaque", h(chunk1, chunk2))],
                      "/13/26/1"),
            self.peer(f"{p}-bytes-indefinite", "The same 16 bytes as an indefinite byte string of two 8-byte "
                      "chunks: read as the joined bytes, as Anjay Lite reads them", f"{ANJ_LC} (bytes_indefinite)",
                      h("a1830d181a015f48", chunk1, "48", chunk2, "ff"), [u("/13/26/1", "opaque", h(chunk1, chunk2))],
                      "/13/26/1"),
            self.peer(f"{p}-string", "{[13, 26, 1]: \"c--cossiezepsulo\"}", f"{ANJ_LC} (string)",
                      h("a1830d181a0170") + b"c--cossiezepsulo", [u("/13/26/1", "string", "c--cossiezepsulo")],
                      "/13/26/1"),
            self.peer(f"{p}-null-and-int", "{[13, 26, 1]: {2: null, 3: 5}}: the instance with null is a record of "
                      "type none (FORMATS.md), as Anjay Lite reads a null value", f"{ANJ_LC} (null_and_int)",
                      h("a1830d181a01a202f60305"), [u("/13/26/1/2", "none", None), u("/13/26/1/3", "integer", 5)],
                      "/13/26/1"),
            self.peer(f"{p}-all-types", "{[13, 26]: {1: 1, 2: -1, 3: 2.5 (half), 4: \"test\", 5: h'11223344', "
                      "6: \"12:34\", 7: 1}}: object 13 is unknown, so \"12:34\" stays a string (Anjay Lite types it "
                      "as Objlnk 12:34 by its own model)", f"{ANJ_LC} (all_types)",
                      h("a1820d181aa7010102200 3f94100 04647465737405441122334406653132 3a3334 0701".replace(" ", "")),
                      [u("/13/26/1", "integer", 1), u("/13/26/2", "integer", -1), u("/13/26/3", "float", 2.5),
                       u("/13/26/4", "string", "test"), u("/13/26/5", "opaque", h("11223344")),
                       u("/13/26/6", "string", "12:34"), u("/13/26/7", "integer", 1)], "/13/26"),
            self.peer(f"{p}-composite", "{13: {26: {1: 1}}, 14: {27: {2: 2}}}: two objects, read at the root /",
                      f"{ANJ_LC} (composite)", h("a20da1181aa101010ea1181ba10202"),
                      [u("/13/26/1", "integer", 1), u("/14/27/2", "integer", 2)], "/"),
            self.peer(f"{p}-composite-indefinite-maps", "The same two records with every map indefinite",
                      f"{ANJ_LC} (composite_indefinite_maps)", h("bf0dbf181abf0101ffff0ebf181bbf0202ffffff"),
                      [u("/13/26/1", "integer", 1), u("/14/27/2", "integer", 2)], "/"),
            self.peer(f"{p}-composite-indefinite-maps-and-arrays", "The same two records with every map and "
                      "every array key indefinite", f"{ANJ_LC} (composite_indefinite_maps_and_arrays)",
                      h("bf9f0dffbf9f181affbf9f01ff01ffff9f0effbf9f181bffbf9f02ff02ffffff"),
                      [u("/13/26/1", "integer", 1), u("/14/27/2", "integer", 2)], "/"),
            self.peer(f"{p}-path-too-long-1", "{[13, 26, 3, 4, 5]: 5}: five ids; both refuse it, INVALID_NAME at "
                      "the key", f"{ANJ_LC} (path_too_long_1)", h("a1850d181a03040505"),
                      error=("INVALID_NAME", 1)),
            self.peer(f"{p}-path-too-long-2", "{[13, 26, 1]: {2: 5, [3, 4]: 5}}: the second key reaches five "
                      "levels; Anjay Lite hands out the first record before failing, we refuse the frame: "
                      "INVALID_NAME at [3, 4]", f"{ANJ_LC} (path_too_long_2)", h("a1830d181a01a20205820304 05"),
                      error=("INVALID_NAME", 9)),
            self.peer(f"{p}-path-too-long-3", "{13: {26: {1: {2: {3: 4}}}}}: five nested levels, INVALID_NAME at "
                      "the fifth key", f"{ANJ_LC} (path_too_long_3)", h("a10da1181aa101a102a10304"),
                      error=("INVALID_NAME", 10)),
            self.peer(f"{p}-split-payload", "A Write-Composite of two chunked strings, all maps and keys "
                      "indefinite: /13/26/1 the bytes 00…ff in two chunks, /14/27/2 the text \"0123456789abcdef\" "
                      "in two chunks; read as the joined values", f"{ANJ_LC} (split_payload)",
                      h("bf9f0dffbf9f181affbf9f01ff5f48", chunk1, "48", chunk2, "ffffff9f0effbf9f181bffbf9f02ff7f68",
                        "3031323334353637", "68", "3839616263646566", "ffffffff"),
                      [u("/13/26/1", "opaque", h(chunk1, chunk2)), u("/14/27/2", "string", "0123456789abcdef")], "/"),
        ]

    # -- SenML-CBOR, Anjay Lite ---------------------------------------------------------------------------------

    def interop_anjay_lite_senml(self) -> list[dict]:
        p, u = "senml-cbor-interop-anjay-lite", self.u
        n1 = "00682f31332f32362f31"  # n "/13/26/1"
        r = "/13/26/1"

        def one(value: str) -> bytes:
            return h("81a2", n1, value)

        def ok(cid: str, desc: str, test: str, value: str, rtype: str, v: Any, path: str = r) -> dict:
            return self.peer(f"{p}-{cid}", desc, f"{ANJ_SC} ({test})", one(value), [u(r, rtype, v)], path)

        def bad(cid: str, desc: str, test: str, data: bytes, kind: str, at: int) -> dict:
            return self.peer(f"{p}-{cid}", desc, f"{ANJ_SC} ({test})", data, path=r, error=(kind, at))

        return [
            ok("single", "[{n: \"/13/26/1\", v: 42}] read at /13/26/1", "cbor_in_resource, single_instance", "02182a",
               "integer", 42),
            self.peer(f"{p}-indefinite-map", "The record as an indefinite map (bf … ff): read",
                      f"{ANJ_SC} (cbor_in_resource, single_instance_indefinite_map)",
                      h("81bf", n1, "02182aff"), [u(r, "integer", 42)], r),
            self.peer(f"{p}-value-before-name", "v before n in the record map: map order carries no meaning",
                      f"{ANJ_SC} (cbor_in_resource_permuted, single_instance)", h("81a202182a", n1),
                      [u(r, "integer", 42)], r),
            self.peer(f"{p}-instance-path", "The same record read at the instance path /13/26",
                      f"{ANJ_SC} (cbor_in_instance, with_simple_resource)", one("02182a"), [u(r, "integer", 42)],
                      "/13/26"),
            self.peer(f"{p}-multiple-instance", "Two resource instances /13/26/1/4 = 42 and /13/26/1/5 = 43",
                      f"{ANJ_SC} (cbor_in_resource, multiple_instance)",
                      h("82a2006a2f31332f32362f312f3402182aa2006a2f31332f32362f312f3502182b"),
                      [u("/13/26/1/4", "integer", 42), u("/13/26/1/5", "integer", 43)], r),
            self.peer(f"{p}-second-record-outside", "Read at /13/26/1, a second record /13/26/2: Anjay Lite stops "
                      "with an error at it; so do we, PATH_MISMATCH at that record",
                      f"{ANJ_SC} (cbor_in_resource, single_instance_but_more_than_one)",
                      h("82a2", n1, "02182a", "a200682f31332f32362f3202182b"), path=r,
                      error=("PATH_MISMATCH", 15)),
            self.peer(f"{p}-first-record-outside", "Read at /13/26/1, the first record names /13/26/2: "
                      "PATH_MISMATCH at it", f"{ANJ_SC} (cbor_in_resource, single_instance_with_first_resource_"
                      "unrelated)", h("82a200682f31332f32362f3202182a", "a2", n1, "02182b"), path=r,
                      error=("PATH_MISMATCH", 1)),
            ok("boolean", "vb true", "cbor_in_value, boolean", "04f5", "boolean", True),
            ok("string", "vs \"foobar\"", "cbor_in_value, string", "0366666f6f626172", "string", "foobar"),
            ok("bytes", "vd h'666f6f626172'", "cbor_in_value, bytes", "0846666f6f626172", "opaque",
               bytes.fromhex("666f6f626172")),
            ok("unsigned-2-63", "v 2^63 (1b 8000000000000000): above i64, so an unsigned (Anjay Lite refuses it "
               "only where it asks for an Integer)", "cbor_in_value, unsigned_int", "021b8000000000000000",
               "unsigned", 2**63),
            ok("negative", "v -43 (38 2a)", "cbor_in_value, negative_int", "02382a", "integer", -43),
            ok("double", "v as a double 1112470662.6942022", "cbor_in_value, double", "02fb41d093bd21ac6dcf", "float",
               1112470662.6942022),
            ok("tagged-time", "v as a tag-1 epoch time wrapping a double: read as the number", "cbor_in_value, "
               "time_losing_precision_ok", "02c1fb41d093bd21ac6dcf", "float", 1112470662.6942022),
            ok("u64-2-53", "v 2^53 as an integer", "cbor_in_value, u64_as_double_within_range",
               "021b0020000000000000", "integer", 2**53),
            ok("u64-2-53-plus-1", "v 2^53 + 1: an integer of the unknown resource keeps every digit (Anjay Lite "
               "refuses it only when a double is asked for)", "cbor_in_value, u64_as_double_out_of_range",
               "021b0020000000000001", "integer", 2**53 + 1),
            ok("i64-minus-2-53", "v -2^53", "cbor_in_value, i64_as_double_within_range", "023b001fffffffffffff",
               "integer", -(2**53)),
            ok("i64-minus-2-53-minus-1", "v -2^53 - 1", "cbor_in_value, i64_as_double_out_of_range",
               "023b0020000000000000", "integer", -(2**53) - 1),
            ok("float-3", "v 3.0 as a single float: a float of the unknown resource", "cbor_in_value, "
               "float_as_i64_when_convertible", "02fa40400000", "float", 3.0),
            ok("float-pi", "v 3.1415927 as a single float (Anjay Lite refuses it only when an integer is asked for)",
               "cbor_in_value, float_as_i64_when_not_convertible", "02fa40490fdb", "float", 3.1415927410125732),
            ok("double-3", "v 3.0 as a double", "cbor_in_value, double_as_i64_when_convertible",
               "02fb4008000000000000", "float", 3.0),
            ok("double-huge", "v 18446744073709549568.0 as a double", "cbor_in_value, "
               "double_as_huge_u64_when_convertible", "02fb43efffffffffffff", "float",
               18446744073709549568.0),
            ok("half", "v 32.0 as a half float (f9 5000)", "cbor_in_value, half_read_as_double", "02f95000", "float",
               32.0),
            ok("objlnk", "vlo \"32:42532\"", "cbor_in_value, objlnk_valid", "63766c6f6833323a3432353332", "objlnk",
               "32:42532"),
            ok("objlnk-leading-zeros", "vlo \"000001:000001\": Anjay Lite refuses it as too long; we read the ids "
               "1:1 (the rule is oid:iid in decimal, each at most 65535; leading zeros are not excluded)",
               "cbor_in_value, objlnk_too_long", "63766c6f6d3030303030313a303030303031", "objlnk", "1:1"),
            bad("objlnk-trailing-text", "vlo \"32:42foo\": both refuse it, TYPE_MISMATCH at the value",
                "cbor_in_value, objlnk_with_trash_at_the_end", one("63766c6f6833323a3432666f6f"), "TYPE_MISMATCH", 16),
            bad("objlnk-overflow", "vlo \"1:423444\": the instance id exceeds 65535, TYPE_MISMATCH",
                "cbor_in_value, objlnk_with_overflow", one("63766c6f68313a343233343434"), "TYPE_MISMATCH", 16),
            bad("explicit-null", "v null: Anjay Lite reads a null value; we refuse it: a SenML value field has a fixed "
                "kind (RFC 8428: v is a number), and SenML's no-value form is a record without a value field; "
                "INVALID_CBOR at the null", "cbor_in_value, explicit_null", one("02f6"), "INVALID_CBOR", 13),
            bad("indefinite-pack", "The pack as an indefinite array (9f … ff): both refuse it, INDEFINITE_LENGTH at "
                "it (RFC 8428 asks for definite arrays)", "cbor_in_resource, single_instance_indefinite_array",
                h("9fa2", n1, "02182aff"), "INDEFINITE_LENGTH", 0),
            bad("no-array", "A bare integer 0x0859 instead of a pack: INVALID_CBOR at 0",
                "cbor_in_error, no_toplevel_array", h("190859"), "INVALID_CBOR", 0),
            bad("byte-string-label", "A byte-string label h'74657374': INVALID_CBOR at it",
                "cbor_in_error, bogus_map_label", h("81a24474657374682f31332f32362f3102182a"), "INVALID_CBOR", 2),
            bad("text-label", "An unknown text label \"test\" in place of n: ignored, so the record has no name; "
                "INVALID_NAME at the record", "cbor_in_error, invalid_string_label",
                h("81a26474657374682f31332f32362f3102182a"), "INVALID_NAME", 1),
            bad("numeric-label", "An unknown numeric label 2137 in place of n: ignored, no name, INVALID_NAME",
                "cbor_in_error, invalid_numeric_label", h("81a2190859682f31332f32362f3102182a"), "INVALID_NAME", 1),
            bad("indefinite-map-cut", "An indefinite record map the input ends in: UNEXPECTED_END at the input "
                "length", "cbor_in_error, premature_eof_indefinite_map", h("81bf", n1, "02182a"), "UNEXPECTED_END",
                15),
            bad("null-as-string", "vs null: INVALID_CBOR at the null", "cbor_in_error, explicit_null_with_wrong_label",
                one("03f6"), "INVALID_CBOR", 13),
            bad("boolean-as-number", "v true: INVALID_CBOR at the value", "cbor_in_error, boolean_with_wrong_label",
                one("02f5"), "INVALID_CBOR", 13),
            bad("bytes-as-string", "vs with a byte string: INVALID_CBOR", "cbor_in_error, bytes_with_wrong_label",
                one("0346666f6f626172"), "INVALID_CBOR", 13),
            bad("string-as-bytes", "vd with a text string: INVALID_CBOR", "cbor_in_error, string_with_wrong_label",
                one("0866666f6f626172"), "INVALID_CBOR", 13),
            bad("number-as-string", "vs with an integer: INVALID_CBOR", "cbor_in_error, number_with_wrong_label",
                one("03182a"), "INVALID_CBOR", 13),
            self.peer(f"{p}-time-label", "A record with t 1706109697 (absolute, above 2^28): Anjay Lite refuses a time "
                      "in this Write; a SenML record may carry one, we keep it", f"{ANJ_SC} (cbor_in_error, "
                      "time_label)", h("81a3", n1, "02182a061a65b12b01"), [u(r, "integer", 42, time=1706109697)], r),
        ]

    # -- SenML-JSON, Wakaama ------------------------------------------------------------------------------------

    def rec_any(self, path: str, rtype: str, value: Any, time: Any = None) -> dict:
        """A record typed by the model where it knows the resource, else unknown with the type its encoding shows."""
        ids = [int(x) for x in path.strip("/").split("/")]
        if self.model.resource(ids[0], ids[2]) is None:
            return self.u(path, rtype, value, time=time)
        return self.t(path, value, time=time)

    def interop_wakaama_senml_json(self) -> list[dict]:
        p, r = "senml-json-interop-wakaama", self.rec_any
        device = ('[{"bn":"/3/0/","n":"0","vs":"Open Mobile Alliance"},{"n":"1","vs":"Lightweight M2M Client"},'
                  '{"n":"2","vs":"345000123"},{"n":"3","vs":"1.0"},{"n":"6/0","v":1},{"n":"6/1","v":5},'
                  '{"n":"7/0","v":3800},{"n":"7/1","v":5000},{"n":"8/0","v":125},{"n":"8/1","v":900},'
                  '{"n":"9","v":100},{"n":"10","v":15},{"n":"11/0","v":0},{"n":"13","v":1367491215},'
                  '{"n":"14","vs":"+02:00"},{"n":"16","vs":"U"}]')
        dev = [self.t("/3/0/0", "Open Mobile Alliance"), self.t("/3/0/1", "Lightweight M2M Client"),
               self.t("/3/0/2", "345000123"), self.t("/3/0/3", "1.0"), self.t("/3/0/6/0", 1), self.t("/3/0/6/1", 5),
               self.t("/3/0/7/0", 3800), self.t("/3/0/7/1", 5000), self.t("/3/0/8/0", 125), self.t("/3/0/8/1", 900),
               self.t("/3/0/9", 100), self.t("/3/0/10", 15), self.t("/3/0/11/0", 0), self.t("/3/0/13", 1367491215),
               self.t("/3/0/14", "+02:00"), self.t("/3/0/16", "U")]
        return [
            self.peer(f"{p}-device", "The Device instance of the LwM2M 1.1 SenML-JSON example, bn \"/3/0/\" and "
                      "relative names, read at /3/0", f"{WAK_SJ} (senml_json_test_1)", device, dev, "/3/0"),
            self.peer(f"{p}-time-series", "Three readings of /72/1/2 with bt 25462634 and t -5, -30, -50: the "
                      "resolved times are below 2^28, so relative, kept as 25462629, 25462604, 25462584; object 72 is "
                      "not in our model", f"{WAK_SJ} (senml_json_test_2)",
                      '[{"bn":"/72/","bt":25462634,"n":"1/2","v":22.4,"t":-5},{"n":"1/2","v":22.9,"t":-30},'
                      '{"n":"1/2","v":24.1,"t":-50}]',
                      [r("/72/1/2", "float", 22.4, 25462629), r("/72/1/2", "float", 22.9, 25462604),
                       r("/72/1/2", "float", 24.1, 25462584)], "/72"),
            self.peer(f"{p}-base-name-full-path", "bn \"/3/0/0\" alone names the resource", f"{WAK_SJ} "
                      "(senml_json_test_4)", '[{"bn":"/3/0/0","vs":"Open Mobile Alliance"}]',
                      [self.t("/3/0/0", "Open Mobile Alliance")], "/3/0/0"),
            self.peer(f"{p}-read-composite", "A Read-Composite request: names without values, read as records of "
                      "type none", f"{WAK_SJ} (senml_json_test_5)", '[{"n":"/3/0/0"},{"n":"/3/0/9"},{"n":"/1/0/1"}]',
                      [self.rec_none("/3/0/0"), self.rec_none("/3/0/9"), self.rec_none("/1/0/1")]),
            self.peer(f"{p}-write-composite", "A Write-Composite of three resources of two objects, with spaces "
                      "around the separators", f"{WAK_SJ} (senml_json_test_6)",
                      '[{"n":"/3/0/0", "vs":"Open Mobile Alliance"},{"n" :"/3/0/9", "v":95},{"n":"/1/0/1", "v":86400}]',
                      [self.t("/3/0/0", "Open Mobile Alliance"), self.t("/3/0/9", 95), self.t("/1/0/1", 86400)]),
            self.peer(f"{p}-write-composite-root", "The same payload read at the root path /", f"{WAK_SJ} "
                      "(senml_json_test_6)",
                      '[{"n":"/3/0/0", "vs":"Open Mobile Alliance"},{"n" :"/3/0/9", "v":95},{"n":"/1/0/1", "v":86400}]',
                      [self.t("/3/0/0", "Open Mobile Alliance"), self.t("/3/0/9", 95), self.t("/1/0/1", 86400)], "/"),
            self.peer(f"{p}-ipso-composite", "Light Control and Set Point resources in one pack (IPSO objects the default registry leaves out: unknown, typed by their encoding)",
                      f"{WAK_SJ} (senml_json_test_7)",
                      '[{"n":"/3311/0/5850", "vb":false},{"n":"/3311/1/5850", "vb":false},{"n":"/3311/2/5851", '
                      '"v":20},{"n":"/3308/0/5900", "v":18}]',
                      [r("/3311/0/5850", "boolean", False), r("/3311/1/5850", "boolean", False),
                       r("/3311/2/5851", "integer", 20), r("/3308/0/5900", "integer", 18)]),
            self.peer(f"{p}-bver-10", "bver 10: supported", f"{WAK_SJ} (senml_json_test_18)",
                      '[{"bver":10,"n":"/34/0/2","v":1}]', [r("/34/0/2", "integer", 1)]),
            self.peer(f"{p}-bver-11", "bver 11: both refuse it, UNSUPPORTED_VERSION at the value",
                      f"{WAK_SJ} (senml_json_test_19)", '[{"bver":11,"n":"/34/0/2","v":1}]',
                      error=("UNSUPPORTED_VERSION", 9)),
            self.peer(f"{p}-unknown-label", "An unknown label \"test\" (no trailing _): ignored",
                      f"{WAK_SJ} (senml_json_test_20)", '[{"test":"good","n":"/34/0/2","v":1}]',
                      [r("/34/0/2", "integer", 1)], "/34/0/2"),
            self.peer(f"{p}-mandatory-label", "An unknown label \"test_\": both refuse it, UNKNOWN_MANDATORY_LABEL at "
                      "its key", f"{WAK_SJ} (senml_json_test_21)",
                      '[{ "bn":"/","test_":"fail","n":"34/0/2","v":1}]', error=("UNKNOWN_MANDATORY_LABEL", 12)),
            self.peer(f"{p}-base-value", "bv 1 and v 1: the value is 2", f"{WAK_SJ} (senml_json_test_22)",
                      '[{ "bv":1,"n":"/34/0/2","v":1}]', [r("/34/0/2", "integer", 2)]),
            self.peer(f"{p}-opaque", "vd \"AQIDBAU=\" (padded base64url): the bytes 0102030405",
                      f"{WAK_SJ} (senml_json_test_23)", '[{"bn":"/34/0/2","vd":"AQIDBAU="}]',
                      [r("/34/0/2", "opaque", bytes([1, 2, 3, 4, 5]))], "/34/0/2"),
            self.peer(f"{p}-opaque-one-byte", "vd \"MA==\": the byte 30", f"{WAK_SJ} (senml_json_test_23)",
                      '[{"bn":"/34/0/2","vd":"MA=="}]', [r("/34/0/2", "opaque", b"0")], "/34/0/2"),
            self.peer(f"{p}-empty-string", "vs \"\"", f"{WAK_SJ} (senml_json_test_26)",
                      '[{"bn":"/34/0/2","vs":""}]', [r("/34/0/2", "string", "")], "/34/0/2"),
            self.peer(f"{p}-empty-opaque", "vd \"\": no bytes", f"{WAK_SJ} (senml_json_test_26)",
                      '[{"bn":"/34/0/2","vd":""}]', [r("/34/0/2", "opaque", b"")], "/34/0/2"),
        ]

    def rec_none(self, path: str) -> dict:
        return {"path": path, "type": "none", "value": None}
