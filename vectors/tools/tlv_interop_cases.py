"""The cases of vectors/tlv/interop-<peer>.json: TLV payloads from the unit tests of other LwM2M implementations
(AVSystem Anjay, Eclipse Leshan, Eclipse Wakaama), in our words. The bytes and what the peer expects of them are the
facts of its test, named in `source`; the records and errors are ours. Value-type tests of a peer that reads a value
without a path are framed here as one Resource TLV of a resource of that type in our model (Integer /3424/0/4,
Unsigned /1/0/18, Float /3424/0/1, Objlnk /1/0/10); the description says so. Where we answer differently from the
peer, the description says why (vectors/FORMATS.md, the TLV rules in core/src/tlv)."""

from __future__ import annotations

from typing import Any

from tlv_cases import TlvCases, h, rec
from tlvlib import EncodeError, encode

ANJAY = "AVSystem/Anjay tests/core/io/tlv_in.c"
LESHAN = "eclipse-leshan/leshan leshan-lwm2m-core/src/test/java/org/eclipse/leshan/core/tlv/TlvDecoderTest.java"
LESHAN_NODE = ("eclipse-leshan/leshan leshan-lwm2m-core/src/test/java/org/eclipse/leshan/core/node/codec/"
               "LwM2mNodeDecoderTest.java")
WAKAAMA = "eclipse-wakaama/wakaama tests/tlvtests.c"


class TlvInteropCases(TlvCases):
    def peer(self, cid: str, desc: str, path: str | None, hexs: str, source: str, records: list | None = None,
             error: tuple[str, int] | None = None) -> dict:
        """A decode case from a peer's test: roundtrip true only if the bytes are our canonical form."""
        data = h(hexs)
        canonical = False
        if records is not None:
            try:
                canonical = encode(path, records, self.model).hex() == data
            except (EncodeError, AssertionError, ValueError):
                canonical = False
        c = self.case(cid, desc, path, data, canonical, records, error=error)
        c["source"] = source
        return c

    def interop_anjay(self) -> list[dict]:
        t, c = self.typed, []
        p = "tlv-interop-anjay"

        def frame(rid: int, value: str) -> str:
            n = len(h(value)) // 2
            return (f"c{n:x} {rid:02x} " if n <= 7 else f"c8 {rid:02x} {n:02x} ") + value

        ints = [("42", 42, "2a"), ("4242", 4242, "1092"), ("424242", 424242, "00067932"),
                ("42424242", 42424242, "028757b2"), ("int32-wrap", -52543054, "fcde41b2"),
                ("4242424242", 4242424242, "00000000fcde41b2"), ("424242424242", 424242424242, "00000062c6d1a9b2"),
                ("42424242424242", 42424242424242, "00002695a9e649b2"),
                ("4242424242424242", 4242424242424242, "000f12765df4c9b2"),
                ("424242424242424242", 424242424242424242, "05e3363cb39ec9b2")]
        for name, v, hx in ints:
            c.append(self.peer(f"{p}-int-{name}", f"Anjay reads the Integer value bytes {hx} as {v}; framed as "
                               "/3424/0/4 (Integer)", "/3424/0/4", frame(4, hx), f"{ANJAY} (tlv_in_types, TEST_INT64)",
                               [t("/3424/0/4", v)]))
        for hx in ("067932", "62c6d1a9b2", "2695a9e649b2", "0f12765df4c9b2", "0005e3363cb39ec9b2"):
            n = len(hx) // 2
            c.append(self.peer(f"{p}-int-{n}-bytes-refused", f"Anjay refuses an Integer of {n} bytes ({hx}); so do we: "
                               "Integer takes 1, 2, 4 or 8, INVALID_VALUE_LENGTH at the value; framed as /3424/0/4",
                               "/3424/0/4", frame(4, hx), f"{ANJAY} (tlv_in_types, TEST_INT64_FAIL)",
                               error=("INVALID_VALUE_LENGTH", 2 if n <= 7 else 3)))
        for name, v, hx in [("42", 42, "2a"), ("u32-max", 4294967295, "ffffffff"), ("2-32", 4294967296,
                            "0000000100000000"), ("u64-max", 2**64 - 1, "ffffffffffffffff")]:
            c.append(self.peer(f"{p}-uint-{name}", f"Anjay reads the Unsigned value bytes {hx} as {v}; framed as "
                               "/1/0/18 (Unsigned)", "/1/0/18", frame(0x12, hx), f"{ANJAY} (tlv_in_types, TEST_UINT64)",
                               [t("/1/0/18", v)]))
        for hx in ("067932", "0100000000"):
            n = len(hx) // 2
            c.append(self.peer(f"{p}-uint-{n}-bytes-refused", f"Anjay refuses an Unsigned of {n} bytes; so do we, "
                               "INVALID_VALUE_LENGTH at the value; framed as /1/0/18", "/1/0/18", frame(0x12, hx),
                               f"{ANJAY} (tlv_in_types, TEST_UINT64_FAIL)", error=("INVALID_VALUE_LENGTH", 2)))
        for name, v, hx in [("1-f32", 1.0, "3f800000"), ("minus-42000-f32", -42000.0, "c7241000"),
                            ("1-f64", 1.0, "3ff0000000000000"), ("1-1", 1.1, "3ff199999999999a"),
                            ("minus-42000-f64", -42000.0, "c0e4820000000000")]:
            c.append(self.peer(f"{p}-float-{name}", f"Anjay reads the Float value bytes {hx} as {v}; framed as "
                               "/3424/0/1 (Float)", "/3424/0/1", frame(1, hx), f"{ANJAY} (tlv_in_types, TEST_DOUBLE)",
                               [t("/3424/0/1", v)]))
        for hx in ("3f", "3f80", "3f8000", "3ff0000000", "3ff000000000", "3ff00000000000", "c0e482000000000000"):
            n = len(hx) // 2
            c.append(self.peer(f"{p}-float-{n}-bytes-refused", f"Anjay refuses a Float of {n} bytes; so do we: Float "
                               "takes 4 or 8, INVALID_VALUE_LENGTH at the value; framed as /3424/0/1", "/3424/0/1",
                               frame(1, hx), f"{ANJAY} (tlv_in_types, TEST_DOUBLE_FAIL)",
                               error=("INVALID_VALUE_LENGTH", 2 if n <= 7 else 3)))
        for name, v, hx in [("0-0", "0:0", "00000000"), ("1-0", "1:0", "00010000"), ("0-1", "0:1", "00000001"),
                            ("1-65535", "1:65535", "0001ffff"), ("65535-1", "65535:1", "ffff0001"),
                            ("null", "65535:65535", "ffffffff")]:
            c.append(self.peer(f"{p}-objlnk-{name}", f"Anjay reads the Objlnk value bytes {hx} as {v} (65535 in a "
                               "value is not a path id); framed as /1/0/10 (Objlnk)", "/1/0/10", frame(0x0a, hx),
                               f"{ANJAY} (tlv_in_types, TEST_OBJLNK)", [t("/1/0/10", v)]))
        for hx in ("00", "0000", "000000", "ffffffffff"):
            n = len(hx) // 2
            c.append(self.peer(f"{p}-objlnk-{n}-bytes-refused", f"Anjay refuses an Objlnk of {n} bytes; so do we, "
                               "INVALID_VALUE_LENGTH at the value; framed as /1/0/10", "/1/0/10", frame(0x0a, hx),
                               f"{ANJAY} (tlv_in_types, TEST_OBJLNK_FAIL)", error=("INVALID_VALUE_LENGTH", 2)))
        s7 = "31323334353637"  # "1234567"
        c += [
            self.peer(f"{p}-header-len3-id8", "A Resource TLV c7 00 with an inline length of 7 and the text 1234567: "
                      "read at /3/4, resource 0 (Manufacturer)", "/3/4", "c7 00" + s7,
                      f"{ANJAY} (tlv_in_bytes, len3b_id8b)", [t("/3/4/0", "1234567")]),
            self.peer(f"{p}-header-len3-id16", "Resource id 42000 in two bytes (e7 a410), inline length 7: not in the "
                      "Device model, opaque and unknown", "/3/4", "e7 a410" + s7,
                      f"{ANJAY} (tlv_in_bytes, len3b_id16b)", [rec("/3/4/42000", "opaque", s7, True)]),
            self.peer(f"{p}-header-len8-id8", "Resource 255 with a one-byte length field (c8 ff 08)", "/3/4",
                      "c8 ff 08 3132333435363738", f"{ANJAY} (tlv_in_bytes, len8b_id8b)",
                      [rec("/3/4/255", "opaque", "3132333435363738", True)]),
            self.peer(f"{p}-header-len8-id16", "Resource 65534 (the highest usable id) in two bytes with a one-byte "
                      "length field (e8 fffe 08)", "/3/4", "e8 fffe 08 3132333435363738",
                      f"{ANJAY} (tlv_in_bytes, len8b_id16b)", [rec("/3/4/65534", "opaque", "3132333435363738", True)]),
            self.peer(f"{p}-id-too-short", "A type byte e7 announcing a 16-bit id, and nothing after it: Anjay fails "
                      "to read the id; we answer UNEXPECTED_END at the element (read at /3/4)", "/3/4", "e7",
                      f"{ANJAY} (tlv_in_bytes, id_too_short)", error=("UNEXPECTED_END", 0)),
            self.peer(f"{p}-id-too-short-at-root", "The same byte read at the root path, as Anjay's test does: TLV "
                      "names no object, so we refuse the root path itself, INVALID_PATH at 1 (Anjay reads TLV at /)",
                      "/", "e7", f"{ANJAY} (tlv_in_bytes, id_too_short)", error=("INVALID_PATH", 1)),
            self.peer(f"{p}-length-too-short", "f8 01 02 01 86: a 3-byte length field cut after two bytes; "
                      "UNEXPECTED_END at the element", "/3/4", "f8 0102 0186", f"{ANJAY} (tlv_in_bytes, "
                      "length_too_short)", error=("UNEXPECTED_END", 0)),
            self.peer(f"{p}-no-data-instance", "Empty input at /3/4: no records", "/3/4", "",
                      f"{ANJAY} (tlv_in_bytes, no_data)", []),
            self.peer(f"{p}-create-without-iid", "c7 00 \"1234567\" at the object path /42, a Create payload without "
                      "an instance: Anjay reads a resource of an unnamed instance; our rule admits only Object "
                      "Instance TLVs at /O, INVALID_NESTING at the resource", "/42", "c7 00" + s7,
                      f"{ANJAY} (tlv_in_path, typical_payload_for_create_without_iid)",
                      error=("INVALID_NESTING", 0)),
            self.peer(f"{p}-instance-rids-only", "Three bare resources at /3/4 (1, 2, 3, each the byte 0a): the Model "
                      "Number, Serial Number and Firmware Version strings \"\\n\"", "/3/4", "c1010a c1020a c1030a",
                      f"{ANJAY} (tlv_in_path, payload_write_on_instance_with_rids_only)",
                      [t("/3/4/1", "\n"), t("/3/4/2", "\n"), t("/3/4/3", "\n")]),
            self.peer(f"{p}-instance-iid-mismatch", "Object Instance 5 read at /3/4: both refuse it, PATH_MISMATCH at "
                      "the wrapper", "/3/4", "03 05 c1010a", f"{ANJAY} (tlv_in_path, "
                      "payload_write_on_instance_with_rids_uri_iid_mismatch)", error=("PATH_MISMATCH", 0)),
            self.peer(f"{p}-invalid-iid", "Object Instance id ffff (reserved): both refuse it, INVALID_PATH at the "
                      "wrapper (read at /3; Anjay's test reads at the root)", "/3", "23 ffff c1010a",
                      f"{ANJAY} (tlv_in_path, fail_on_path_with_invalid_iid)", error=("INVALID_PATH", 0)),
            self.peer(f"{p}-invalid-rid", "Resource id ffff inside Object Instance 5: INVALID_PATH at the resource",
                      "/3", "04 05 e1ffff0a", f"{ANJAY} (tlv_in_path, fail_on_path_with_invalid_rid)",
                      error=("INVALID_PATH", 2)),
            self.peer(f"{p}-invalid-riid", "A bare Resource Instance id ffff at /5/0/1: INVALID_PATH at it", "/5/0/1",
                      "61 ffff 0a", f"{ANJAY} (tlv_in_path, fail_on_path_with_invalid_riid)",
                      error=("INVALID_PATH", 0)),
            self.peer(f"{p}-instance-with-rids", "Object Instance 4 holding resources 1 and 2, read at /3/4",
                      "/3/4", "06 04 c1010a c1020a", f"{ANJAY} (tlv_in_path, payload_write_on_instance_with_rids)",
                      [t("/3/4/1", "\n"), t("/3/4/2", "\n")]),
            self.peer(f"{p}-resource-riids-only", "Three bare Resource Instances at /3/4/5 as Anjay's test sends them; "
                      "in our model /3/x/5 is Factory Reset, an executable resource: EXECUTABLE_VALUE at the first "
                      "value", "/3/4/5", "41010a 41020a 41030a",
                      f"{ANJAY} (tlv_in_path, payload_write_on_resource_with_riids_only)",
                      error=("EXECUTABLE_VALUE", 2)),
            self.peer(f"{p}-resource-riids-only-multiple", "The same three bare Resource Instances read at /3/4/6 "
                      "(Available Power Sources, Integer, multiple): instances 1, 2, 3 of value 10", "/3/4/6",
                      "41010a 41020a 41030a", f"{ANJAY} (tlv_in_path, payload_write_on_resource_with_riids_only)",
                      [t("/3/4/6/1", 10), t("/3/4/6/2", 10), t("/3/4/6/3", 10)]),
            self.peer(f"{p}-empty-array", "An empty Multiple Resource 80 05 at /3/4/5: no instances, no records",
                      "/3/4/5", "80 05", f"{ANJAY} (tlv_in_array, tlv_id_is_array)", []),
            self.peer(f"{p}-empty-instances", "Two empty Object Instances 00 01 00 02 at /3: no records", "/3",
                      "0001 0002", f"{ANJAY} (tlv_in_empty, empty_instances_list)", []),
        ]
        return c

    def interop_leshan(self) -> list[dict]:
        t, p = self.typed, "tlv-interop-leshan"
        dev_body = ("c800144f70656e204d6f62696c6520416c6c69616e6365c801164c69676874776569676874204d324d20436c69656e74"
                    "c80209333435303030313233c303312e30860641000141010588070842000ed842011388870841007d42010384c10964"
                    "c10a0f830b410000c40d5182428fc60e2b30323a3030")
        dev = [t("/3/0/0", "Open Mobile Alliance"), t("/3/0/1", "Lightweight M2M Client"), t("/3/0/2", "345000123"),
               t("/3/0/3", "1.0"), t("/3/0/6/0", 1), t("/3/0/6/1", 5), t("/3/0/7/0", 3800), t("/3/0/7/1", 5000),
               t("/3/0/8/0", 125), t("/3/0/8/1", 900), t("/3/0/9", 100), t("/3/0/10", 15), t("/3/0/11/0", 0),
               t("/3/0/13", 1367491215), t("/3/0/14", "+02:00")]
        acl = "08000ec10001c101008302417f07c1037f080212c10003c101008702417f0761013601c1037f"
        ext = "88 16 0c 44 00 00640001 44 00 00650002"  # ExtDevInfo /3/0/22, instance 0 twice
        return [
            self.peer(f"{p}-device-resources", "The Device instance of the spec example as bare resources (resource "
                      "16, Supported Binding, \"U\" last), read at /3/0", "/3/0", dev_body + "c11055",
                      f"{LESHAN_NODE} (tlv_device_object_instance0_from_resources_tlv)", dev + [t("/3/0/16", "U")]),
            self.peer(f"{p}-device-instance-tlv", "The same instance inside its Object Instance TLV 08 00 79, read at "
                      "/3/0", "/3/0", "080079" + dev_body + "c11055",
                      f"{LESHAN_NODE} (tlv_device_object_instance0_from_instance_tlv)", dev + [t("/3/0/16", "U")]),
            self.peer(f"{p}-device-instance-tlv-object-path", "The same Object Instance TLV read at /3", "/3",
                      "080079" + dev_body + "c11055", f"{LESHAN_NODE} (tlv_device_object_instance0_from_instance_tlv)",
                      dev + [t("/3/0/16", "U")]),
            self.peer(f"{p}-device-timezone", "The Device instance from libwakaama as TlvDecoderTest holds it: resource "
                      "15 (Timezone) \"U\" last instead of 16", "/3/0", dev_body + "c10f55",
                      f"{LESHAN} (decode_device_object)", dev + [t("/3/0/15", "U")]),
            self.peer(f"{p}-broken", "00 11 22 33 44 55 66 77 88 99 00, which Leshan refuses as a whole: an empty "
                      "Object Instance 0x11, then Object Instance 0x3344 of length 2 whose content 55 66 announces a "
                      "Resource Instance of 5 bytes; LENGTH_EXCEEDS_PARENT at it (read at /3)", "/3",
                      "0011223344556677889900", f"{LESHAN} (decode_broken_tlv)",
                      error=("LENGTH_EXCEEDS_PARENT", 5)),
            self.peer(f"{p}-objlnk", "Objlnk value bytes 12345678: object 0x1234, instance 0x5678; framed as /1/0/10",
                      "/1/0/10", "c4 0a 12345678", f"{LESHAN} (decode_object_link)", [t("/1/0/10", "4660:22136")]),
            self.peer(f"{p}-objlnk-null", "Objlnk value bytes ffffffff: 65535:65535, the null link", "/1/0/10",
                      "c4 0a ffffffff", f"{LESHAN} (decode_object_link)", [t("/1/0/10", "65535:65535")]),
            self.peer(f"{p}-acl-two-instances", "The spec's Access Control example: instances 0 and 2 of /2, ACL "
                      "instances 127 and 310", "/2", acl, f"{LESHAN_NODE} (tlv_acl_object_multi_instance)",
                      [t("/2/0/0", 1), t("/2/0/1", 0), t("/2/0/2/127", 7), t("/2/0/3", 127), t("/2/2/0", 3),
                       t("/2/2/1", 0), t("/2/2/2/127", 7), t("/2/2/2/310", 1), t("/2/2/3", 127)]),
            self.peer(f"{p}-server-one-instance", "The spec's Server example: one instance of /1 (short server id 1, "
                      "lifetime 86400, notification storing true, binding \"U\")", "/1",
                      "08000fc10001c40100015180c10601c10755",
                      f"{LESHAN_NODE} (tlv_server_object_multi_instance_with_only_1_instance)",
                      [t("/1/0/0", 1), t("/1/0/1", 86400), t("/1/0/6", True), t("/1/0/7", "U")]),
            self.peer(f"{p}-power-source-bare-instances", "Available Power Sources as bare Resource Instances "
                      "41 00 01 41 01 05 read at /3/0/6: both read them as the instances of the resource", "/3/0/6",
                      "410001410105", f"{LESHAN_NODE} (tlv_power_source__array_values)",
                      [t("/3/0/6/0", 1), t("/3/0/6/1", 5)]),
            self.peer(f"{p}-power-source-multiple", "The same instances inside the Multiple Resource TLV 86 06",
                      "/3/0/6", "8606410001410105", f"{LESHAN_NODE} (tlv_power_source__multiple_resource)",
                      [t("/3/0/6/0", 1), t("/3/0/6/1", 5)]),
            self.peer(f"{p}-instance-without-id", "Two bare resources (1 = 11, 2 = 10) read at the object path /2: "
                      "Leshan reads an instance of undefined id; our rule admits only Object Instance TLVs at /O, "
                      "INVALID_NESTING at the first resource", "/2", "c1010b c1020a",
                      f"{LESHAN_NODE} (tlv_instance_without_id_tlv)", error=("INVALID_NESTING", 0)),
            self.peer(f"{p}-two-instances-same-id", "Object Instance 1 twice (empty) at /2: both refuse it, "
                      "DUPLICATE_ID at the second", "/2", "0001 0001",
                      f"{LESHAN_NODE} (tlv_invalid_object_2_instances_with_the_same_id)",
                      error=("DUPLICATE_ID", 2)),
            self.peer(f"{p}-two-resources-same-id", "Resource 1 twice (empty values) at /3/0: DUPLICATE_ID at the "
                      "second", "/3/0", "c001 c001",
                      f"{LESHAN_NODE} (tlv_invalid_object__instance_2_resources_with_the_same_id)",
                      error=("DUPLICATE_ID", 2)),
            self.peer(f"{p}-resource-in-instance", "Model Number \"client\" inside Object Instance 0, read at the "
                      "resource path /3/0/1: read as the resource", "/3/0/1", "0800 08 c601 636c69656e74",
                      f"{LESHAN_NODE} (tlv_resource_with_undesired_object_instance)", [t("/3/0/1", "client")]),
            self.peer(f"{p}-resource-in-other-instance", "The same resource inside Object Instance 1, read at "
                      "/3/0/1: both refuse it, PATH_MISMATCH at the wrapper", "/3/0/1", "0801 08 c601 636c69656e74",
                      f"{LESHAN_NODE} (tlv_resource_with_undesired_invalid_object_instance)",
                      error=("PATH_MISMATCH", 0)),
            self.peer(f"{p}-empty-object", "Empty input at /2: no instances", "/2", "",
                      f"{LESHAN_NODE} (tlv_empty_object)", []),
            self.peer(f"{p}-empty-instance", "Empty input at /2/0: no resources", "/2/0", "",
                      f"{LESHAN_NODE} (tlv_empty_instance)", []),
            self.peer(f"{p}-empty-single-resource", "Empty input at /2/0/0 (Object ID, single): both refuse it, "
                      "UNEXPECTED_END at 0", "/2/0/0", "", f"{LESHAN_NODE} (tlv_empty_single_resource)",
                      error=("UNEXPECTED_END", 0)),
            self.peer(f"{p}-empty-multi-resource", "Empty input at /3/0/6 (a Multiple Resource): no instances",
                      "/3/0/6", "", f"{LESHAN_NODE} (tlv_empty_multi_resource)", []),
            self.peer(f"{p}-multi-resource-same-instance", "ExtDevInfo /3/0/22 with instance 0 twice (100:1, 101:2): "
                      "both refuse it, DUPLICATE_ID at the second instance", "/3/0/22", ext,
                      f"{LESHAN_NODE} (tlv_invalid_multi_resource_2_instance_with_the_same_id)",
                      error=("DUPLICATE_ID", 9)),
            self.peer(f"{p}-obj66-unknown", "The spec's example object 66 (two instances with a string, a string and "
                      "an Objlnk): not in our model, so every value is opaque and unknown", "/66",
                      "080026c8000b6d79536572766963652031c8010f496e7465726e65742e31352e323334c40200430000080126c8000b"
                      "6d79536572766963652032c8010f496e7465726e65742e31352e323335c402ffffffff",
                      f"{LESHAN_NODE} (tlv_multi_instance_with_obj_link)",
                      [rec("/66/0/0", "opaque", "6d79536572766963652031", True),
                       rec("/66/0/1", "opaque", "496e7465726e65742e31352e323334", True),
                       rec("/66/0/2", "opaque", "00430000", True),
                       rec("/66/1/0", "opaque", "6d79536572766963652032", True),
                       rec("/66/1/1", "opaque", "496e7465726e65742e31352e323335", True),
                       rec("/66/1/2", "opaque", "ffffffff", True)]),
        ]
