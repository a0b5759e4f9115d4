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
