"""Cases for vectors/<format>/interop.json: payloads that other LwM2M implementations write or expect to read, taken
from their unit tests (Eclipse Wakaama, Eclipse Leshan, AVSystem Anjay, Zephyr's LwM2M subsystem). Each case names the
repository, file and test it comes from; the bytes and their meaning are those of the test, the expected records are
ours. A frame that happens to be our canonical form gets roundtrip true, any other roundtrip false. Objects the
built-in model does not know (the test objects 12, 13, 14, 34, 3442, 65535) decode as unknown records typed by their
encoding. Where we reject a frame on purpose the description says why (vectors/FORMATS.md).
"""

from __future__ import annotations

from typing import Any

from cases_common import jb, none

WAKAAMA = "eclipse-wakaama/wakaama tests/data_senml_cbor_tests.c"
LESHAN_DEC = "eclipse-leshan/leshan leshan-lwm2m-core/src/test/java/org/eclipse/leshan/core/node/codec/" \
             "LwM2mNodeDecoderTest.java"
LESHAN_ENC = "eclipse-leshan/leshan leshan-lwm2m-core/src/test/java/org/eclipse/leshan/core/node/codec/" \
             "LwM2mNodeEncoderTest.java"
LESHAN_SER = "eclipse-leshan/leshan leshan-lwm2m-core/src/test/java/org/eclipse/leshan/core/senml/cbor/" \
             "SenMLCborSerializerTest.java"
ZEPHYR = "zephyrproject-rtos/zephyr tests/net/lib/lwm2m/content_senml_cbor/src/main.c"
ANJAY_IN = "AVSystem/Anjay tests/core/io/lwm2m_cbor_in.c"
ANJAY_OUT = "AVSystem/Anjay tests/core/io/lwm2m_cbor_out.c"
ANJAY_SENML_OUT = "AVSystem/Anjay tests/core/io/senml_cbor_out.c"


def h(*parts: str) -> bytes:
    return bytes.fromhex("".join("".join(p.split()) for p in parts))


def tx(s: str) -> str:
    """A CBOR text string of fewer than 24 bytes, as hex."""
    b = s.encode("utf-8")
    assert len(b) < 24
    return f"{0x60 + len(b):02x}" + b.hex()


def at(*parts: str) -> int:
    """The offset right after parts."""
    return len(h(*parts))


class InteropCases:
    """The interop cases of one format (self.fmt)."""

    fmt: str
    t: Any
    u: Any
    err: Any
    enc: Any
    case: Any

    def interop(self) -> list[dict]:
        return {"senml-cbor": self.interop_senml_cbor, "senml-json": self.interop_senml_json,
                "lwm2m-cbor": self.interop_lwm2m_cbor}[self.fmt]()

    def foreign(self, cid: str, desc: str, data: bytes | str, records: list, path: str | None = None) -> dict:
        """A decode case with bytes from another implementation; roundtrip true only if they are our canonical form."""
        data = jb(data) if isinstance(data, str) else data
        try:
            canonical = self.enc(records, path) == data
        except Exception:  # noqa: BLE001 - records our encoder refuses are simply not canonical
            canonical = False
        return self.case(cid, desc, path, data, canonical, records)

    # -- SenML-CBOR ---------------------------------------------------------------------------------------------

    def interop_senml_cbor(self) -> list[dict]:
        p = "senml-cbor-interop"
        u, t = self.u, self.t
        obj34 = tx("/34/0/2")
        zbn = "2169" + "/65535/0/".encode().hex()  # bn "/65535/0/"
        return [
            self.foreign(f"{p}-wakaama-name-without-slash", f"Wakaama ({WAKAAMA}, senml_cbor_test_9): bn \"/2/3\" "
                         "and n \"/0\" (the slash on the name, not the base name) join to /2/3/0, the Object ID of an "
                         "Access Control instance; request /2/3",
                         h("81a3", "21", tx("/2/3"), "00", tx("/0"), "021904d2"), [t("/2/3/0", 1234)], "/2/3"),
            self.foreign(f"{p}-wakaama-base-fields-after-name", f"Wakaama ({WAKAAMA}, senml_cbor_test_10): the first "
                         "record writes n and v before bn \"/12/0/\" and bt 1234567; the base fields still apply to it "
                         "and to the three records after it (map order carries no meaning). Object 12 is a test object "
                         "here: unknown records; bt 1234567 is below 2^28, so a relative time kept as it is",
                         h("84a4", "00", tx("1"), "021904d2", "21", tx("/12/0/"), "221a0012d687",
                           "a200", tx("3"), "02fb404c64fdf3b645a2",
                           "a200", tx("2/0"), "02fb3fcd70a3d70a3d71",
                           "a200", tx("2/1"), "02fbc04a0013a92a3055"),
                         [u("/12/0/1", "integer", 1234, time=1234567), u("/12/0/3", "float", 56.789, time=1234567),
                          u("/12/0/2/0", "float", 0.23, time=1234567), u("/12/0/2/1", "float", -52.0006, time=1234567)]),
            self.foreign(f"{p}-wakaama-empty-name", f"Wakaama ({WAKAAMA}, senml_cbor_test_16): bn \"/5/0/1\" with an "
                         "empty n: the name is the base name alone, the Firmware Update Package URI; request /5/0/1",
                         h("81a3", "21", tx("/5/0/1"), "0060", "03", tx("http")), [t("/5/0/1", "http")], "/5/0/1"),
            self.foreign(f"{p}-wakaama-unknown-label-ignored", f"Wakaama ({WAKAAMA}, senml_cbor_test_20): a text label "
                         "\"test\" that SenML does not define and that does not end in _: ignored (RFC 8428 §4.4)",
                         h("81a3", tx("test"), tx("good"), "00", obj34, "0201"), [u("/34/0/2", "integer", 1)]),
            self.foreign(f"{p}-wakaama-base-value", f"Wakaama ({WAKAAMA}, senml_cbor_test_22): bv 1 and v 1: the value "
                         "is bv + v = 2 (RFC 8428 §4.5.5)", h("81a3", "2401", "00", obj34, "0201"),
                         [u("/34/0/2", "integer", 2)]),
            self.err(f"{p}-wakaama-mandatory-label", f"Wakaama ({WAKAAMA}, senml_cbor_test_21): an unknown label "
                     "\"test_\" ending in _ must be understood (RFC 8428 §4.4); both refuse it, UNKNOWN_MANDATORY_LABEL "
                     "at the key", h("81a4", "21", tx("/"), tx("test_"), tx("fail"), "00", tx("34/0/2"), "0201"),
                     "UNKNOWN_MANDATORY_LABEL", at("81a4", "21", tx("/"))),
            self.err(f"{p}-wakaama-indefinite-pack", f"Wakaama ({WAKAAMA}, senml_cbor_test_30): a pack opened as an "
                     "indefinite-length array (9f … ff). Wakaama refuses it; so do we on purpose (FORMATS.md: the "
                     "top-level array must be definite), INDEFINITE_LENGTH at it",
                     h("9fa2", "21", obj34, "0360", "ff"), "INDEFINITE_LENGTH", 0),
            self.foreign(f"{p}-wakaama-indefinite-record", f"Wakaama ({WAKAAMA}, senml_cbor_test_31): a record that is "
                         "an indefinite-length map (bf … ff). Wakaama refuses it; we read it (FORMATS.md: maps inside "
                         "the pack may be indefinite, as RFC 8949 allows). The empty text names an unknown resource",
                         h("81bf", "21", obj34, "0360", "ff"), [u("/34/0/2", "string", "")]),
            self.foreign(f"{p}-leshan-decimal-fraction-times", f"Leshan ({LESHAN_ENC}, "
                         "senml_cbor_encode_timestamped_nodes): three Security resources, each record with its own "
                         "full bn and a bt written as a tag-4 decimal fraction [0, 500000004] (c4 82 00 1a …); the "
                         "times are absolute (≥ 2^28)",
                         h("83a3", "21", tx("/0/0/0"), "22c482001a1dcd6504", "03", tx("SampleString"),
                           "a3", "21", tx("/0/0/1"), "22c482001a1dcd6505", "04f4",
                           "a3", "21", tx("/0/0/2"), "22c482001a1dcd6506", "021901c8"),
                         [t("/0/0/0", "SampleString", time=500000004), t("/0/0/1", False, time=500000005),
                          t("/0/0/2", 456, time=500000006)]),
            self.foreign(f"{p}-leshan-opaque", f"Leshan ({LESHAN_SER}, deserialize_opaque_resource and "
                         "serialize_opaque_resource_): the Security Public Key /0/0/3 as vd h'abcdef'. Leshan writes "
                         "the same bytes we do", h("81a2", "21", tx("/0/0/3"), "0843abcdef"), [t("/0/0/3", "abcdef")]),
            self.foreign(f"{p}-leshan-value-before-name", f"Leshan ({LESHAN_SER}, deserialize_float_resource): v "
                         "before bn, the value a half float (f9 5cb0 = 300.0). Object 3442 is Leshan's test object, "
                         "unknown here", h("81a2", "02f95cb0", "21", tx("/3442/0/130")),
                         [u("/3442/0/130", "float", 300.0)]),
            self.foreign(f"{p}-leshan-empty-pack", f"Leshan ({LESHAN_DEC}, senml_cbor_empty_multi_resource): an "
                         "empty pack (80) read at /3/0/6, a Multiple Resource without instances: no records",
                         h("80"), [], "/3/0/6"),
            self.err(f"{p}-zephyr-time-series", f"Zephyr ({ZEPHYR}, test_put_composite): a Send of three cached "
                     "samples of one resource, bn \"/65535/0/\" and bt 1761226500 in the first record, t 60 and "
                     "t 120 in the next two, n \"2\" repeated in each. Object 65535 is Zephyr's test object; the "
                     "peer disagrees with the spec here: LwM2M reserves id 65535 at every level, so we refuse the "
                     "first record's path, INVALID_PATH at that record",
                     h("83a4", zbn, "221a68fa2f04", "00", tx("2"), "020a",
                       "a300", tx("2"), "06183c", "020b", "a300", tx("2"), "061878", "020c"), "INVALID_PATH", 1),
            self.foreign(f"{p}-anjay-base-name-without-slash", f"Anjay ({ANJAY_SENML_OUT}, "
                         "resource_instances_nested_maps): bn \"/13/26\" without a trailing slash and names that start "
                         "with one (\"/1\", \"/3/21\", \"/3/37\"): a resource and two instances of a Multiple "
                         "Resource, with a double and a boolean. Object 13 is Anjay's test object",
                         h("83a3", "21", tx("/13/26"), "00", tx("/1"), "02182a",
                           "a200", tx("/3/21"), "02fb40516b851eb851ec", "a200", tx("/3/37"), "04f4"),
                         [u("/13/26/1", "integer", 42), u("/13/26/3/21", "float", 69.68),
                          u("/13/26/3/37", "boolean", False)]),
        ]

    # -- SenML-JSON ---------------------------------------------------------------------------------------------

    def interop_senml_json(self) -> list[dict]:
        p = "senml-json-interop"
        t = self.t
        return [
            self.foreign(f"{p}-leshan-two-base-names", f"Leshan ({LESHAN_DEC}, senml_json_decode_acl_object): Read /2 "
                         "answered with two Access Control instances, bn set again for the second (/2/3/, then /2/2/)",
                         '[{"bn":"/2/3/","n":"0","v":3},{"n":"1","v":1},{"n":"3","v":123},'
                         '{"bn":"/2/2/","n":"0","v":4},{"n":"1","v":2},{"n":"3","v":124}]',
                         [t("/2/3/0", 3), t("/2/3/1", 1), t("/2/3/3", 123), t("/2/2/0", 4), t("/2/2/1", 2),
                          t("/2/2/3", 124)], "/2"),
            self.foreign(f"{p}-leshan-time-exponent", f"Leshan ({LESHAN_DEC}, "
                         "senml_json_decode_single_resource_using_exponantial_notation): the Device Current Time "
                         "/3/0/13 as v 1.638435E9 (exponent form, capital E): an integral number, so the Time "
                         "1638435000", '[{"bn":"/3/0/13","v":1.638435E9}]', [t("/3/0/13", 1638435000)], "/3/0/13"),
            self.foreign(f"{p}-leshan-large-integer", f"Leshan ({LESHAN_DEC}, senml_json_decode_long): v "
                         "9223372036854775800 for the Integer /1/0/2 (Default Minimum Period). A double cannot hold "
                         "it; the literal is read as an integer and kept exactly",
                         '[{"n":"/1/0/2","v":9223372036854775800}]', [t("/1/0/2", 9223372036854775800)], "/1/0/2"),
            self.foreign(f"{p}-leshan-timestamped-nodes", f"Leshan ({LESHAN_ENC}, senml_json_encode_timestamped_nodes): "
                         "a resource and an instance with their own bn and bt; the second bt carries forward to the "
                         "record after it",
                         '[{"bn":"/0/0/0","bt":500000001,"vs":"TestString"},'
                         '{"bn":"/0/1/","bt":500000002,"n":"1","vb":true},{"n":"2","v":123}]',
                         [t("/0/0/0", "TestString", time=500000001), t("/0/1/1", True, time=500000002),
                          t("/0/1/2", 123, time=500000002)]),
            self.foreign(f"{p}-leshan-composite-read", f"Leshan ({LESHAN_ENC}, senml_json_encode_resources): a "
                         "Read-Composite answer for /3/0/0, /3/0/9 and /1/0/1, each record with its full path as bn",
                         '[{"bn":"/3/0/0","vs":"Open Mobile Alliance"},{"bn":"/3/0/9","v":95},'
                         '{"bn":"/1/0/1","v":86400}]',
                         [t("/3/0/0", "Open Mobile Alliance"), t("/3/0/9", 95), t("/1/0/1", 86400)]),
            self.foreign(f"{p}-leshan-composite-request", f"Leshan ({LESHAN_ENC}, senml_json_encode_path_using_name): "
                         "a Read-Composite request naming three resources with n alone: records of type none",
                         '[{"n":"/4/0/0"},{"n":"/4/0/1"},{"n":"/4/0/2"}]',
                         [none("/4/0/0"), none("/4/0/1"), none("/4/0/2")]),
        ]

    # -- LwM2M-CBOR ---------------------------------------------------------------------------------------------

    def interop_lwm2m_cbor(self) -> list[dict]:
        p = "lwm2m-cbor-interop"
        u = self.u
        k = "830d181a01"  # key [13, 26, 1]
        two = [u("/13/26/1", "integer", 42), u("/13/26/2", "integer", 21)]
        comp = [u("/13/26/1", "integer", 1), u("/14/27/2", "integer", 2)]
        return [
            self.foreign(f"{p}-anjay-writer-indefinite-root", f"Anjay ({ANJAY_OUT}, single_resource): Anjay writes the "
                         "root as an indefinite map, {{_ [13, 26, 1]: 42}}", h("bf", k, "182a", "ff"),
                         [u("/13/26/1", "integer", 42)], "/13/26/1"),
            self.foreign(f"{p}-anjay-decimal-fraction", f"Anjay ({ANJAY_IN}, max_possible_nesting): a resource "
                         "instance four maps deep whose value is the decimal fraction 4([-1, 45]) = 4.5",
                         h("a1810da181181aa18101a18102c48220182d"), [u("/13/26/1/2", "float", 4.5)], "/13/26/1/2"),
            self.foreign(f"{p}-anjay-mixed-keys", f"Anjay ({ANJAY_IN}, two_resources_4): {{[13, 26, 1]: 42, [13, 26]: "
                         "{[2]: 21}}: the instance reached twice from the root, once as a whole path, once as a map",
                         h("a2", k, "182a", "820d181aa1810215"), two, "/13/26"),
            self.foreign(f"{p}-anjay-null-resource-instance", f"Anjay ({ANJAY_IN}, null_and_int): {{[13, 26, 1]: "
                         "{2: null, 3: 5}}: a resource instance with null beside one with a value",
                         h("a1", k, "a202f60305"),
                         [u("/13/26/1/2", "none", None), u("/13/26/1/3", "integer", 5)], "/13/26/1"),
            self.foreign(f"{p}-anjay-all-types", f"Anjay ({ANJAY_IN}, all_types): one instance holding an unsigned, a "
                         "negative integer, a half float (2.5), text, bytes, an object link as text \"12:34\" and an "
                         "unsigned again. Unknown resources keep the kind their encoding shows, so the link stays text",
                         h("a1820d181aa7", "0101", "0220", "03f94100", "04", tx("test"), "0544112233 44",
                           "06", tx("12:34"), "0701"),
                         [u("/13/26/1", "integer", 1), u("/13/26/2", "integer", -1), u("/13/26/3", "float", 2.5),
                          u("/13/26/4", "string", "test"), u("/13/26/5", "opaque", "11223344"),
                          u("/13/26/6", "string", "12:34"), u("/13/26/7", "integer", 1)], "/13/26"),
            self.foreign(f"{p}-anjay-composite-indefinite", f"Anjay ({ANJAY_IN}, "
                         "composite_indefinite_maps_and_arrays): two objects, every map and every array key "
                         "indefinite", h("bf9f0dffbf9f181affbf9f01ff01ffff9f0effbf9f181bffbf9f02ff02ffffff"), comp),
            self.foreign(f"{p}-anjay-writer-resource-instances", f"Anjay ({ANJAY_OUT}, "
                         "resource_instances_nested_maps): Anjay's output for a resource and two instances of a "
                         "Multiple Resource: {_ [13, 26]: {_ 1: 42, 3: {_ 21: 69.68, 37: false}}}",
                         h("bf820d181abf01182a03bf15fb40516b851eb851ec1825f4ffffff"),
                         [u("/13/26/1", "integer", 42), u("/13/26/3/21", "float", 69.68),
                          u("/13/26/3/37", "boolean", False)], "/13/26"),
            self.foreign(f"{p}-anjay-indefinite-bytes", f"Anjay ({ANJAY_IN}, bytes_indefinite): an indefinite byte "
                         "string (5f 48 … 48 … ff) as a value, two chunks of 8 bytes. Read as the joined 16 bytes "
                         "(FORMATS.md: LwM2M-CBOR reads chunked strings), as Anjay does",
                         h("a1", k, "5f480011223344556677488899aabbccddeeffff"),
                         [u("/13/26/1", "opaque", bytes.fromhex("00112233445566778899aabbccddeeff"))], "/13/26/1"),
            self.err(f"{p}-anjay-gateway-prefix", f"Anjay ({ANJAY_IN}, gw_single_resource): {{[\"dev1\", 13, 26, 1]: "
                     "42}, an LwM2M Gateway prefix as text in the key. We refuse it on purpose (FORMATS.md: text "
                     "keys, gateway prefixes, are INVALID_CBOR), at the text",
                     h("a184", tx("dev1"), "0d181a01182a"), "INVALID_CBOR", at("a184")),
            self.err(f"{p}-anjay-path-too-long", f"Anjay ({ANJAY_IN}, path_too_long_2): {{[13, 26, 1]: {{2: 5, [3, 4]: "
                     "6}}: the second key would make a path of five levels; both refuse it, INVALID_NAME at that key",
                     h("a1", k, "a20205", "820304", "05"), "INVALID_NAME", at("a1", k, "a20205")),
        ]
