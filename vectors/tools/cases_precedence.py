"""Cases for vectors/<format>/precedence.json: which error wins when several apply, and the strictness rules that go
with them (vectors/FORMATS.md, "Which error, when several apply"). Inputs are written out byte by byte, so each
case shows the bytes the rule is about; offsets are computed from the parts.
"""

from __future__ import annotations

from typing import Any

from cases_common import none

BN_1 = "21692f333432342f302f31"  # bn "/3424/0/1" (Float, Cumulated water volume)
BN_3 = "21692f333432342f302f33"  # bn "/3424/0/3" (String)


def h(*parts: str) -> bytes:
    return bytes.fromhex("".join(parts))


def at(*parts: str) -> int:
    """The offset right after parts: where the next part starts."""
    return len(h(*parts))


class PrecedenceCases:
    """The precedence cases of one format (self.fmt)."""

    fmt: str
    t: Any
    err: Any
    acc: Any

    def precedence(self) -> list[dict]:
        return {"senml-cbor": self.precedence_senml_cbor, "senml-json": self.precedence_senml_json,
                "lwm2m-cbor": self.precedence_lwm2m_cbor, "cbor": self.precedence_cbor,
                "text": self.precedence_text}[self.fmt]()

    def precedence_senml_cbor(self) -> list[dict]:
        p = "senml-cbor"
        deep = "81" * 17
        return [
            self.err(f"{p}-precedence-version-before-truncation", "bver 11, then the pack ends inside bn: the version "
                     "comes first in the input, UNSUPPORTED_VERSION at its value",
                     h("81a3", "200b", "21692f333432342f30"), "UNSUPPORTED_VERSION", at("81a3", "20")),
            self.err(f"{p}-precedence-version-before-trailing", "bver 11 in a complete pack followed by a byte: "
                     "UNSUPPORTED_VERSION, not TRAILING_DATA (trailing bytes are checked last)",
                     h("81a3", "200b", BN_1, "0201", "00"), "UNSUPPORTED_VERSION", at("81a3", "20")),
            self.err(f"{p}-precedence-record-head", "The second record is a text string (69) the input cuts short: "
                     "a record that is not a map is INVALID_CBOR at its head, before its content is read",
                     h("82a2", BN_1, "0201", "692f33"), "INVALID_CBOR", at("82a2", BN_1, "0201")),
            self.err(f"{p}-precedence-head-cut-short", "vs holding a double (fb) cut after one byte: the head is not "
                     "whole, so its kind is not judged: UNEXPECTED_END, not INVALID_CBOR",
                     h("81a2", BN_3, "03fb40"), "UNEXPECTED_END", at("81a2", BN_3, "03fb40")),
            self.err(f"{p}-precedence-multiple-values-at-key", "v, then vs whose text is cut short: MULTIPLE_VALUES "
                     "at the key of vs, before its value is read",
                     h("81a3", BN_1, "0201", "036b61"), "MULTIPLE_VALUES", at("81a3", BN_1, "0201")),
            self.err(f"{p}-strict-repeated-label", "v given twice in one record: INVALID_CBOR at the second key",
                     h("81a3", BN_1, "0201", "0202"), "INVALID_CBOR", at("81a3", BN_1, "0201")),
            self.err(f"{p}-precedence-tag4-content-head", "v as tag 4 around a map (a0): INVALID_CBOR at the content",
                     h("81a2", BN_1, "02c4a0"), "INVALID_CBOR", at("81a2", BN_1, "02c4")),
            self.err(f"{p}-strict-ignored-too-deep", "An unknown label (-17) whose value nests 17 arrays: the item "
                     "at depth 17 is INVALID_CBOR (an ignored value nests at most 16 levels below itself)",
                     h("81a3", "30", deep, "00", BN_1, "0201"), "INVALID_CBOR", at("81a3", "30", deep)),
            self.acc(f"{p}-strict-ignored-nesting-16", "An unknown label (-17) whose value nests 16 arrays: read "
                     "over", h("81a3", "30", "81" * 16, "00", BN_1, "02f94da0"), [self.t("/3424/0/1", 22.5)]),
            self.acc(f"{p}-strict-ignored-content", "An unknown label (-17) holding text that is not UTF-8 (61 ff) and "
                     "an indefinite byte string (5f 41 00 ff): an ignored value is only read over",
                     h("81a3", "30", "82", "61ff", "5f4100ff", BN_1, "02f94da0"), [self.t("/3424/0/1", 22.5)]),
            self.acc(f"{p}-strict-ignored-ut", "ut (7) is ignored like an unknown label: here it holds text",
                     h("81a3", BN_1, "02f94da0", "076178"), [self.t("/3424/0/1", 22.5)]),
            self.acc(f"{p}-strict-name-trailing-slash", "A Read-Composite name \"/3424/0/\" (bn alone, trailing "
                     "slash): names /3424/0", h("81a1", "21682f333432342f302f"), [none("/3424/0")]),
        ]

    def precedence_senml_json(self) -> list[dict]:
        p = "senml-json"
        bad = '[{"x":' + "[" * 17 + "0" + "]" * 17 + ',"bn":"/3424/0/1","v":22.5}]'
        return [
            self.err(f"{p}-precedence-version-before-truncation", "bver 11, then the pack ends inside bn: "
                     "UNSUPPORTED_VERSION at the value", '[{"bver":11,"bn":"/3424/0/1', "UNSUPPORTED_VERSION", 9),
            self.err(f"{p}-precedence-version-before-trailing", "bver 11 in a complete pack followed by x: "
                     "UNSUPPORTED_VERSION, not TRAILING_DATA", '[{"bver":11,"bn":"/3424/0/1","v":1}]x',
                     "UNSUPPORTED_VERSION", 9),
            self.err(f"{p}-strict-repeated-label", "v given twice in one record: INVALID_JSON at the second key",
                     '[{"bn":"/3424/0/1","v":1,"v":2}]', "INVALID_JSON", 25),
            self.err(f"{p}-strict-number-beyond-double", "v 1e400 (beyond the double range): INVALID_JSON at it",
                     '[{"bn":"/3424/0/1","v":1e400}]', "INVALID_JSON", 23),
            self.err(f"{p}-strict-number-beyond-double-ignored", "1e400 as the value of an unknown label: refused "
                     "too, INVALID_JSON at it", '[{"x":1e400,"bn":"/3424/0/1","v":1}]', "INVALID_JSON", 6),
            self.acc(f"{p}-strict-integer-beyond-64-bits", "v 100000000000000000000 (above 2^64): read as the double "
                     "1e20", '[{"bn":"/3424/0/1","v":100000000000000000000}]', [self.t("/3424/0/1", 1e20)]),
            self.err(f"{p}-strict-base64-unused-bits", "vd \"AR\": the unused bits of the last group are not zero, "
                     "INVALID_BASE64 at the string", '[{"bn":"/3414/0/1","vd":"AR"}]', "INVALID_BASE64", 24),
            self.err(f"{p}-strict-ignored-too-deep", "An unknown label whose value nests 17 arrays: INVALID_JSON at "
                     "the item at depth 17", bad, "INVALID_JSON", 6 + 17),
            self.acc(f"{p}-strict-name-trailing-slash", "A Read-Composite name \"/3424/0/\" (trailing slash): names "
                     "/3424/0", '[{"bn":"/3424/0/"}]', [none("/3424/0")]),
        ]

    def precedence_lwm2m_cbor(self) -> list[dict]:
        p = "lwm2m-cbor"
        inst = "82190d6000"  # key [3424, 0]
        return [
            self.err(f"{p}-precedence-duplicate-before-value", "{[3424, 0]: {1: 1.5, 1: tag 1 cut short}}: the "
                     "second key 1 is DUPLICATE_ID at the key, before its value is read",
                     h("a1", inst, "a2", "01f93e00", "01c1"), "DUPLICATE_ID", at("a1", inst, "a2", "01f93e00")),
            self.err(f"{p}-precedence-value-head-cut-short", "The same with the value a 2-byte uint head (19) cut "
                     "after one byte: a key followed by an incomplete head is not yet a record (it could open a "
                     "map), UNEXPECTED_END", h("a1", inst, "a2", "01f93e00", "011900"), "UNEXPECTED_END",
                     at("a1", inst, "a2", "01f93e00", "011900")),
            self.err(f"{p}-precedence-path-before-value", "Request /3424/1, {[3424, 0, 1]: tag 1 cut short}: "
                     "PATH_MISMATCH at the key", h("a1", "83190d600001", "c1"), "PATH_MISMATCH", 1, "/3424/1"),
            self.err(f"{p}-precedence-leaf-kind-at-head", "{[3424, 0, 1]: indefinite text cut short}: the Float "
                     "resource cannot take text, TYPE_MISMATCH at the head", h("a1", "83190d600001", "7f61"),
                     "TYPE_MISMATCH", at("a1", "83190d600001")),
            self.err(f"{p}-strict-unknown-resource-array", "{[3424, 0, 99]: [1]}: an array is no leaf kind, "
                     "TYPE_MISMATCH at it even for a resource the model does not know",
                     h("a1", "83190d60001863", "8101"), "TYPE_MISMATCH", at("a1", "83190d60001863")),
            self.err(f"{p}-strict-empty-array-key", "{3424: {[]: 1}}: an empty array key names nothing, "
                     "INVALID_NAME at it", h("a1", "190d60", "a1", "80", "01"), "INVALID_NAME", at("a1", "190d60", "a1")),
        ]

    def precedence_cbor(self) -> list[dict]:
        p = "cbor"
        return [
            self.err(f"{p}-precedence-simple-head-cut-short", "f8 alone (a simple value whose byte is missing) for the "
                     "Integer /3424/0/4: the head is not whole, UNEXPECTED_END, not TYPE_MISMATCH", h("f8"),
                     "UNEXPECTED_END", 1, "/3424/0/4"),
            self.err(f"{p}-precedence-int-head-cut-short", "3a 00 (a negative integer with 3 of its 4 argument bytes "
                     "missing) for the Float /3424/0/1: UNEXPECTED_END", h("3a00"), "UNEXPECTED_END", 2, "/3424/0/1"),
            self.err(f"{p}-precedence-indefinite-at-head", "7f 61 (an indefinite text string cut short) for the "
                     "String /3424/0/3: INDEFINITE_LENGTH at the head", h("7f61"), "INDEFINITE_LENGTH", 0,
                     "/3424/0/3"),
            self.err(f"{p}-precedence-kind-at-head", "7f 61 for the Float /3424/0/1: TYPE_MISMATCH at the head",
                     h("7f61"), "TYPE_MISMATCH", 0, "/3424/0/1"),
            self.err(f"{p}-precedence-tag4-content-head", "c4 a0 (tag 4 around a map) for the Float /3424/0/1: "
                     "INVALID_CBOR at the content", h("c4a0"), "INVALID_CBOR", 1, "/3424/0/1"),
            self.err(f"{p}-precedence-tag4-content-cut-short", "c4 f9 (tag 4 around a half float cut short): "
                     "UNEXPECTED_END", h("c4f9"), "UNEXPECTED_END", 2, "/3424/0/1"),
            self.err(f"{p}-precedence-tag1-content", "c1 40 (tag 1 around a byte string) for the Float /3424/0/1: "
                     "TYPE_MISMATCH at the content", h("c140"), "TYPE_MISMATCH", 1, "/3424/0/1"),
        ]

    def precedence_text(self) -> list[dict]:
        p = "text"
        return [
            self.acc(f"{p}-strict-float-leading-dot", "\".5\" for the Float /3424/0/1: 0.5", ".5",
                     [self.t("/3424/0/1", 0.5)], "/3424/0/1"),
            self.acc(f"{p}-strict-float-trailing-dot", "\"5.\" for the Float /3424/0/1: 5.0", "5.",
                     [self.t("/3424/0/1", 5.0)], "/3424/0/1"),
            self.err(f"{p}-strict-float-beyond-double", "\"1e400\" for the Float /3424/0/1: beyond the double range, "
                     "INVALID_TEXT", "1e400", "INVALID_TEXT", 0, "/3424/0/1"),
            self.err(f"{p}-strict-base64-unused-bits", "\"AR==\" for the Opaque /3414/0/1: the unused bits are not "
                     "zero, INVALID_TEXT", "AR==", "INVALID_TEXT", 0, "/3414/0/1"),
        ]
