"""check_formats.py's own CBOR reader: items with byte offsets, numbers (tags 1 and 4), and the canonical-form check.

Written apart from the generator's CBOR writer; only the canonical-form check asks cborlib.c_float which float width is
the narrowest.
"""

from __future__ import annotations

import struct
from fractions import Fraction
from typing import Any

from cborlib import c_float
from decode_common import Fail


class C:
    """A CBOR item: kind in uint nint bytes text array map tag simple float; off = first byte; ai = additional info."""

    def __init__(self, kind: str, off: int, ai: int, value: Any = None):
        self.kind, self.off, self.ai, self.value = kind, off, ai, value
        self.items: list[C] = []
        self.pairs: list[tuple[C, C]] = []
        self.indefinite = False
        self.width = 0  # float width in bytes


def cbor_read(data: bytes) -> tuple[C, int]:
    """One item from the start of data; returns the item and where it ends."""
    n = len(data)

    def need(pos: int, k: int) -> None:
        if pos + k > n:
            raise Fail("UNEXPECTED_END", n, True)

    def item(pos: int, no_tag: bool = False) -> tuple[C, int]:
        need(pos, 1)
        ib = data[pos]
        major, ai = ib >> 5, ib & 0x1F
        if no_tag and major == 6:
            # tags do not nest in a number: tag 1 holds an int or float, tag 4 an array of two ints
            raise Fail("INVALID_CBOR", pos, True)
        if 28 <= ai <= 30:
            raise Fail("INVALID_CBOR", pos, True)
        if ai == 31:
            if major in (0, 1, 6, 7):
                raise Fail("INVALID_CBOR", pos, True)  # no indefinite form, or a break out of place
            if major in (2, 3):
                # a chunked string: well-formed only with definite chunks of the same major type
                p = pos + 1
                while True:
                    need(p, 1)
                    if data[p] == 0xFF:
                        break
                    if data[p] >> 5 != major or data[p] & 0x1F == 31:
                        raise Fail("INVALID_CBOR", p, True)
                    chunk, p = item(p)
                raise Fail("INDEFINITE_LENGTH", pos)
            node = C("array" if major == 4 else "map", pos, ai)
            node.indefinite = True
            p = pos + 1
            while True:
                need(p, 1)
                if data[p] == 0xFF:
                    return node, p + 1
                k, p = item(p)
                if major == 4:
                    node.items.append(k)
                else:
                    v, p = item(p)
                    node.pairs.append((k, v))
        p = pos + 1
        if ai < 24:
            arg = ai
        else:
            size = {24: 1, 25: 2, 26: 4, 27: 8}[ai]
            need(p, size)
            raw = data[p:p + size]
            p += size
            if major == 7:
                if ai == 24:
                    if raw[0] < 32:
                        raise Fail("INVALID_CBOR", pos, True)
                    return C("simple", pos, ai, raw[0]), p
                fmt = {2: ">e", 4: ">f", 8: ">d"}[size]
                node = C("float", pos, ai, struct.unpack(fmt, raw)[0])
                node.width = size
                return node, p
            arg = int.from_bytes(raw, "big")
        if major == 0:
            return C("uint", pos, ai, arg), p
        if major == 1:
            return C("nint", pos, ai, -1 - arg), p
        if major in (2, 3):
            need(p, arg)
            raw = data[p:p + arg]
            if major == 2:
                return C("bytes", pos, ai, raw), p + arg
            try:
                return C("text", pos, ai, raw.decode("utf-8")), p + arg
            except UnicodeDecodeError as e:
                raise Fail("INVALID_UTF8", p + e.start) from None
        if major == 4:
            node = C("array", pos, ai)
            for _ in range(arg):
                k, p = item(p, no_tag)
                node.items.append(k)
            return node, p
        if major == 5:
            node = C("map", pos, ai)
            for _ in range(arg):
                k, p = item(p)
                v, p = item(p)
                node.pairs.append((k, v))
            return node, p
        if major == 6:
            node = C("tag", pos, ai, arg)
            if arg == 1:
                inner, p = item(p, True)
            elif arg == 4 and p < n and data[p] >> 5 == 4 and data[p] & 0x1F != 31:
                inner, p = item_elements_without_tags(p)
            else:
                inner, p = item(p)
            node.items.append(inner)
            return node, p
        return C("simple", pos, ai, arg), p

    def item_elements_without_tags(pos: int) -> tuple[C, int]:
        """A definite array whose elements take no tag (the decimal fraction of tag 4)."""
        need(pos, 1)
        ai = data[pos] & 0x1F
        p = pos + 1
        if ai < 24:
            count = ai
        else:
            width = {24: 1, 25: 2, 26: 4, 27: 8}.get(ai)
            if width is None:
                return item(pos)
            need(p, width)
            count = int.from_bytes(data[p:p + width], "big")
            p += width
        node = C("array", pos, ai)
        for _ in range(count):
            k, p = item(p, True)
            node.items.append(k)
        return node, p

    return item(0)


def cbor_top(data: bytes) -> C:
    node, end = cbor_read(data)
    if end != len(data):
        raise Fail("TRAILING_DATA", end, True)
    return node


def cbor_number(node: C) -> tuple[str, Any] | None:
    """('int', n) or ('float', x) for a CBOR number (int, float, tag 4, tag 1); None for another kind."""
    if node.kind in ("uint", "nint"):
        return ("int", node.value)
    if node.kind == "float":
        return ("float", node.value)
    if node.kind == "tag" and node.value == 4:
        arr = node.items[0]
        if arr.kind != "array" or len(arr.items) != 2 or any(x.kind not in ("uint", "nint") for x in arr.items):
            raise Fail("INVALID_CBOR", node.off)
        e, m = arr.items[0].value, arr.items[1].value
        return ("float", float(Fraction(m) * Fraction(10) ** e))
    if node.kind == "tag" and node.value == 1:
        inner = node.items[0]
        if inner.kind in ("uint", "nint"):
            return ("int", inner.value)
        if inner.kind == "float":
            return ("float", inner.value)
        raise Fail("INVALID_CBOR", node.off)
    if node.kind == "tag":
        raise Fail("INVALID_CBOR", node.off)
    return None


def canonical_cbor(node: C, data: bytes) -> str | None:
    """Why a well-formed item is not in canonical form, or None."""
    def arg_ok(n: C, arg: int) -> bool:
        return {True: n.ai < 24}.get(arg < 24, False) or (
            arg >= 24 and ((n.ai == 24 and arg < 256) or (n.ai == 25 and 256 <= arg < 65536) or
                           (n.ai == 26 and 65536 <= arg < 2**32) or (n.ai == 27 and arg >= 2**32)))

    def walk(n: C) -> str | None:
        if n.indefinite:
            return f"indefinite length at {n.off}"
        if n.kind in ("uint", "nint"):
            arg = n.value if n.kind == "uint" else -1 - n.value
            return None if arg_ok(n, arg) else f"long head at {n.off}"
        if n.kind == "float":
            want = c_float(n.value)
            return None if len(want) == 1 + n.width else f"float at {n.off} not narrowest"
        if n.kind in ("bytes", "text"):
            ln = len(n.value) if n.kind == "bytes" else len(n.value.encode("utf-8"))
            return None if arg_ok(n, ln) else f"long length at {n.off}"
        if n.kind == "array":
            if not arg_ok(n, len(n.items)):
                return f"long length at {n.off}"
            for x in n.items:
                if (r := walk(x)):
                    return r
            return None
        if n.kind == "map":
            if not arg_ok(n, len(n.pairs)):
                return f"long length at {n.off}"
            for k, v in n.pairs:
                if (r := walk(k)) or (r := walk(v)):
                    return r
            return None
        if n.kind == "tag":
            return f"tag at {n.off}"
        return None

    return walk(node)
