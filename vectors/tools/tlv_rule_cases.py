"""The cases of vectors/tlv/rules.json: the request-path forms and value widths of the TLV reading rules (the root
path, a multiple resource read at its resource path, value widths by data type, the reserved id 65535)."""

from __future__ import annotations

from tlv_cases import TlvCases, rec
from tlvlib import element, float_bytes, int_bytes

OBJECT_INSTANCE, RESOURCE = 0, 3


class TlvRuleCases(TlvCases):
    def rule_cases(self) -> list[dict]:
        t, e, a = self.typed, self.error, self.accepted
        ps = [t("/3/0/6/0", 1), t("/3/0/6/1", 5)]  # Device Available Power Sources: DC power, USB
        return [
            # -- the root path ---------------------------------------------------------------------------------
            e("tlv-rule-root-path", "Request path / (the root): TLV names no object, so it cannot be read at the "
              "root; INVALID_PATH at index 1 of the path text, where the object id would stand", "/", "c1 0a 0f",
              "INVALID_PATH", 1),
            e("tlv-rule-root-path-empty", "An empty frame at / : the path is refused before the frame is read", "/",
              "", "INVALID_PATH", 1),
            self.encode_error("tlv-rule-root-path-encode", "Encode at / : INVALID_PATH at index 1 of the path text",
                              "/", [t("/3424/0/9", False)], "INVALID_PATH", 1),
            # -- a multiple resource at its resource path ------------------------------------------------------
            self.canonical("tlv-rule-multiple-at-resource-path", "Read /3/0/6 (Available Power Sources, a "
                           "Multiple Resource): canonical form is the Multiple Resource TLV 86 06 holding the two "
                           "Resource Instances", "/3/0/6", ps),
            a("tlv-rule-bare-instances-at-resource-path", "Read /3/0/6 answered with bare Resource Instance TLVs "
              "41 00 01 41 01 05 (no Multiple Resource wrapper): read as the instances of /3/0/6", "/3/0/6",
              "41 00 01 41 01 05", ps),
            a("tlv-rule-one-bare-instance-at-resource-path", "Read /3/0/6 answered with one bare Resource Instance "
              "(instance 3)", "/3/0/6", "41 03 02", [t("/3/0/6/3", 2)]),
            a("tlv-rule-wrapped-multiple-at-resource-path", "Read /3/0/6 answered inside its Object Instance TLV "
              "(08 00 08, then the Multiple Resource): the wrapper is read as if absent", "/3/0/6",
              "08 00 08 86 06 41 00 01 41 01 05", ps),
            a("tlv-rule-wrapped-resource-at-resource-path", "Read /3424/0/9 answered as the Object Instance TLV 03 00 "
              "holding only that resource", "/3424/0/9", "03 00 c1 09 00", [t("/3424/0/9", False)]),
            a("tlv-rule-bare-instance-at-single-resource-path", "Read /3/0/9 (Battery Level, a single resource) "
              "answered with a bare Resource Instance: read as instance 0, as the Multiple Resource wrapper is at "
              "this path (the model's multiplicity does not decide the shape a reader accepts)", "/3/0/9",
              "41 00 64", [t("/3/0/9/0", 100)]),
            e("tlv-rule-bare-instances-duplicate", "Bare Resource Instances at /3/0/6 with instance 0 twice: "
              "DUPLICATE_ID at the second", "/3/0/6", "41 00 01 41 00 05", "DUPLICATE_ID", 3),
            e("tlv-rule-bare-instance-then-wrapper", "At /3/0/6 a bare Resource Instance, then the Multiple Resource "
              "TLV: the forms do not mix, INVALID_NESTING at the second", "/3/0/6", "41 00 01 83 06 41 01 05",
              "INVALID_NESTING", 3),
            e("tlv-rule-wrapper-then-bare-instance", "At /3/0/6 the Multiple Resource TLV, then a bare Resource "
              "Instance", "/3/0/6", "83 06 41 00 01 41 01 05", "INVALID_NESTING", 5),
            e("tlv-rule-object-instance-then-bare-instance", "At /3/0/6 the Object Instance TLV, then a bare "
              "Resource Instance", "/3/0/6", "05 00 83 06 41 00 01 41 01 05", "INVALID_NESTING", 7),
            e("tlv-rule-wrapped-two-resources-at-resource-path", "At /3424/0/9 an Object Instance TLV holding "
              "resources 9 and 10: resource 10 is outside the request, PATH_MISMATCH at it", "/3424/0/9",
              "06 00 c1 09 00 c1 0a 00", "PATH_MISMATCH", 5),
            e("tlv-rule-bare-instance-width", "A bare Resource Instance of the Integer /3/0/6 in 3 bytes: "
              "INVALID_VALUE_LENGTH at its value", "/3/0/6", "43 00 010203", "INVALID_VALUE_LENGTH", 2),
            # -- empty frames ----------------------------------------------------------------------------------
            self.canonical("tlv-rule-empty-multiple-resource-path", "An empty frame at /3/0/6 (a Multiple "
                           "Resource): no instances, zero records", "/3/0/6", []),
            e("tlv-rule-empty-single-resource-path", "An empty frame at /3/0/9 (Battery Level, single): one value "
              "was asked for and none is there, UNEXPECTED_END at 0", "/3/0/9", "", "UNEXPECTED_END", 0),
            e("tlv-rule-empty-resource-instance-path", "An empty frame at /3/0/6/0: UNEXPECTED_END at 0", "/3/0/6/0",
              "", "UNEXPECTED_END", 0),
            e("tlv-rule-empty-wrapper-single-resource-path", "An empty Object Instance TLV 0a 00 00 at /1/0/10 (APN "
              "Link, single): it gives no value, UNEXPECTED_END at the input length", "/1/0/10", "0a 00 00",
              "UNEXPECTED_END", 3),
            e("tlv-rule-empty-multiple-single-resource-path", "An empty Multiple Resource TLV 80 09 at /3/0/9 (single): "
              "no value, UNEXPECTED_END at the input length", "/3/0/9", "80 09", "UNEXPECTED_END", 2),
            a("tlv-rule-empty-wrapper-multiple-resource-path", "An empty Object Instance TLV 00 00 at /3/0/6 (a "
              "Multiple Resource): no instances, zero records", "/3/0/6", "00 00", []),
            e("tlv-rule-empty-unknown-resource-path", "An empty frame at /3424/0/40000 (a resource the model does "
              "not know, so not known to be multiple): UNEXPECTED_END at 0", "/3424/0/40000", "", "UNEXPECTED_END",
              0),
            # -- value widths ----------------------------------------------------------------------------------
            e("tlv-rule-integer-empty", "Integer /3424/0/4 with a 0-byte value: INVALID_VALUE_LENGTH at the value "
              "offset (2, the end of the input)", "/3424/0/4", "c0 04", "INVALID_VALUE_LENGTH", 2),
            e("tlv-rule-time-3-bytes", "Time /3/0/13 (Current Time) in 3 bytes: Time takes 1, 2, 4 or 8",
              "/3/0/13", "c3 0d 5f5e10", "INVALID_VALUE_LENGTH", 2),
            e("tlv-rule-time-6-bytes", "Time /3/0/13 in 6 bytes", "/3/0/13", "c6 0d 00005f5e1000",
              "INVALID_VALUE_LENGTH", 2),
            a("tlv-rule-time-8-bytes", "Time /3/0/13 in 8 bytes (a width allowed, not the shortest)", "/3/0/13",
              "c8 0d 08 000000005f5e1000", [t("/3/0/13", 1600000000)]),
            e("tlv-rule-unsigned-5-bytes", "Unsigned /1/0/18 in 5 bytes", "/1/0/18", "c5 12 0100000000",
              "INVALID_VALUE_LENGTH", 2),
            e("tlv-rule-unsigned-7-bytes", "Unsigned /1/0/18 in 7 bytes", "/1/0/18", "c7 12 01000000000000",
              "INVALID_VALUE_LENGTH", 2),
            e("tlv-rule-float-2-bytes", "Float /3424/0/1 in 2 bytes: Float takes 4 or 8", "/3424/0/1", "c2 01 3c00",
              "INVALID_VALUE_LENGTH", 2),
            e("tlv-rule-float-1-byte", "Float /3424/0/1 in 1 byte", "/3424/0/1", "c1 01 00",
              "INVALID_VALUE_LENGTH", 2),
            e("tlv-rule-float-5-bytes", "Float /3424/0/1 in 5 bytes", "/3424/0/1", "c5 01 4148000000",
              "INVALID_VALUE_LENGTH", 2),
            e("tlv-rule-boolean-2-bytes", "Boolean /3424/0/9 in 2 bytes (00 01): Boolean takes 1",
              "/3424/0/9", "c2 09 0001", "INVALID_VALUE_LENGTH", 2),
            e("tlv-rule-boolean-empty", "Boolean /3424/0/9 with a 0-byte value", "/3424/0/9", "c0 09",
              "INVALID_VALUE_LENGTH", 2),
            e("tlv-rule-boolean-2", "Boolean /3424/0/9 holding 02: INVALID_BOOLEAN at the value", "/3424/0/9",
              "c1 09 02", "INVALID_BOOLEAN", 2),
            e("tlv-rule-objlnk-2-bytes", "Objlnk /1/0/10 in 2 bytes: Objlnk takes 4", "/1/0/10", "c2 0a 0003",
              "INVALID_VALUE_LENGTH", 2),
            e("tlv-rule-objlnk-8-bytes", "Objlnk /1/0/10 in 8 bytes", "/1/0/10", "c8 0a 08 0000000300000004",
              "INVALID_VALUE_LENGTH", 3),
            e("tlv-rule-width-in-multiple", "An Integer instance of 3 bytes inside the Multiple Resource /3/0/6 "
              "read at /3/0: INVALID_VALUE_LENGTH at the instance's value", "/3/0", "85 06 43 00 010203",
              "INVALID_VALUE_LENGTH", 4),
            # -- the reserved id 65535 -------------------------------------------------------------------------
            e("tlv-rule-reserved-request-resource", "Request path /5/0/65535: id 65535 is reserved at every level, "
              "INVALID_PATH at the id's first digit", "/5/0/65535", "c1 00 00", "INVALID_PATH", 5),
            e("tlv-rule-reserved-request-object", "Request path /65535", "/65535", "", "INVALID_PATH", 1),
            e("tlv-rule-reserved-request-instance", "Request path /3/65535", "/3/65535", "", "INVALID_PATH", 3),
            e("tlv-rule-reserved-resource-id", "A Resource TLV with the 16-bit id ffff at /3424/0: INVALID_PATH at "
              "the element", "/3424/0", "c1 09 00 e1 ffff 00", "INVALID_PATH", 3),
            e("tlv-rule-reserved-instance-id", "An Object Instance TLV with id ffff at /3424", "/3424",
              "23 ffff c1 09 00", "INVALID_PATH", 0),
            e("tlv-rule-reserved-resource-instance-id", "A Resource Instance with id ffff inside the Multiple "
              "Resource /3/0/6, read at /3/0", "/3/0", "84 06 61 ffff 01", "INVALID_PATH", 2),
            e("tlv-rule-reserved-before-nesting", "A Resource Instance with id ffff at the top of /3424/0: the id is "
              "judged as soon as the header is read, before where the element stands", "/3424/0", "61 ffff 01",
              "INVALID_PATH", 0),
            self.encode_error("tlv-rule-reserved-encode-resource", "Encode record /3424/0/65535: the reserved id, "
                              "INVALID_PATH at the record's index", "/3424/0",
                              [t("/3424/0/9", False), rec("/3424/0/65535", "integer", 1)], "INVALID_PATH", 1),
            self.encode_error("tlv-rule-reserved-encode-instance", "Encode record /3424/65535/9 at /3424",
                              "/3424", [rec("/3424/65535/9", "boolean", False)], "INVALID_PATH", 0),
            self.encode_error("tlv-rule-reserved-encode-resource-instance", "Encode record /3/0/6/65535",
                              "/3/0", [rec("/3/0/6/65535", "integer", 1)], "INVALID_PATH", 0),
        ] + self.mixed_order_cases()

    def mixed_order_cases(self) -> list[dict]:
        """Duplicate ids among siblings in neither ascending nor descending order (the ids between the least and the
        largest so far are the ones a reader cannot judge by the order alone)."""
        t, e = self.typed, self.error
        mixed = [t("/3424/2/9", True), t("/3424/0/9", False), t("/3424/0/1", 12.5), t("/3424/0/5518", 1700000000),
                 t("/3424/0/4", 7), t("/3424/1/9", True)]

        def res(rid: int, value: bytes) -> bytes:
            return element(RESOURCE, rid, value)

        def inst(iid: int, body: bytes) -> bytes:
            return element(OBJECT_INSTANCE, iid, body)

        body = res(9, b"\x00") + res(1, float_bytes(12.5)) + res(5518, int_bytes(1700000000)) + res(4, int_bytes(7))
        again = len(body)
        body += res(1, float_bytes(13.5))
        dup = inst(2, res(9, b"\x01")) + inst(0, body)
        wrappers = inst(2, res(9, b"\x01")) + inst(0, res(9, b"\x00")) + inst(1, res(9, b"\x01"))
        later = wrappers + inst(0, res(9, b"\x02"))
        return [
            self.canonical("tlv-rule-mixed-order-ids", "Object Instances 2, 0, 1 and, in instance 0, resources 9, 1, "
                           "5518, 4: ids in no order (instance 1 and resource 4 lie between ids already read) and "
                           "none repeated; the records come in wire order", "/3424", mixed),
            e("tlv-rule-mixed-order-duplicate", "In instance 0, resources 9, 1, 5518, 4 and then 1 again (ids in no "
              "order): DUPLICATE_ID at the second resource 1", "/3424", dup.hex(), "DUPLICATE_ID",
              len(inst(2, res(9, b"\x01"))) + 3 + again),
            e("tlv-rule-mixed-order-duplicate-before-later-error", "Object Instances 2, 0, 1, then 0 again holding "
              "an invalid Boolean (02): the repeated instance comes first in the input, DUPLICATE_ID at its "
              "wrapper, not INVALID_BOOLEAN inside it", "/3424", later.hex(), "DUPLICATE_ID", len(wrappers)),
        ]
