"""check_formats.py's own CBOR reader: items with byte offsets, numbers (tags 1 and 4), and the canonical-form check.

Written apart from the generator's CBOR writer; only the canonical-form check asks cborlib.c_float which float width is
the narrowest.
"""

from __future__ import annotations

import math
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


class Cut(list):
    """The items (or pairs) of a container the input cuts short: the complete ones, then the failure. Going past
    them — iterating to the end, taking the length, indexing beyond — raises the failure, so a decoder meets it
    where a reader going through the input in order would."""

    def __init__(self, items: list, fail: Fail):
        super().__init__(items)
        self.fail = fail

    def __iter__(self):  # type: ignore[override]
        yield from list.__iter__(self)
        raise self.fail

    def __len__(self) -> int:
        raise self.fail

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, int) and 0 <= i < list.__len__(self):
            return list.__getitem__(self, i)
        raise self.fail


class FailedItem:
    """An item that could not be read (lazy reading). What its first byte shows — kind, off, ai, indefinite — is
    known when that byte was there, as a reader going through the input in order knows it before reading further;
    touching anything else (value, items, pairs) raises the failure."""

    def __init__(self, fail: Fail, head: dict | None = None):
        object.__setattr__(self, "fail", fail)
        for k, v in (head or {}).items():
            object.__setattr__(self, k, v)

    def __getattr__(self, name: str) -> Any:
        raise self.fail


class Flawed(C):
    """A complete string item whose content a decoder may not use (lazy reading): indefinite length, or text that
    is not UTF-8. Its kind and head are known; its value raises the failure, so a decoder that ignores the item
    never meets it."""

    def __init__(self, kind: str, off: int, ai: int, fail: Fail):
        super().__init__(kind, off, ai)
        self.indefinite = ai == 31
        self.fail = fail

    @property  # type: ignore[override]
    def value(self) -> Any:
        raise self.fail

    @value.setter
    def value(self, v: Any) -> None:
        pass


KINDS = {0: "uint", 1: "nint", 2: "bytes", 3: "text", 4: "array", 5: "map", 6: "tag"}


def head_of(data: bytes, pos: int) -> dict | None:
    """What the head at pos (initial byte and argument) shows of an item; None when the input cuts the head short
    or the byte starts no item."""
    if pos >= len(data):
        return None
    major, ai = data[pos] >> 5, data[pos] & 0x1F
    if 28 <= ai <= 30 or data[pos] == 0xFF:
        return None
    if ai >= 24 and ai != 31 and pos + 1 + (1 << (ai - 24)) > len(data):
        return None  # the argument is cut short: the head is not whole
    if major == 7:
        kind = "float" if ai in (25, 26, 27) else "simple"
    else:
        kind = KINDS[major]
    return {"kind": kind, "off": pos, "ai": ai, "indefinite": ai == 31}


class Partial(Exception):
    """A container cut short (lazy reading): the node so far, its items a Cut."""

    def __init__(self, node: Any, fail: Fail):
        super().__init__(str(fail))
        self.node, self.fail = node, fail


def cut(node: Any, fail: Fail, pairs: bool, part: Any = None, key: Any = None) -> Partial:
    """Marks node (a map or object when pairs) as cut short by fail, after what was read of the failing element:
    part, the value after key, or a key or item on its own; returns the exception to raise."""
    if key is not None:
        node.pairs.append((key, part))
    elif part is not None and pairs:
        node.pairs.append((part, FailedItem(fail)))  # a key cut short
    elif part is not None:
        node.items.append(part)
    if pairs:
        node.pairs = Cut(node.pairs, fail)
    else:
        node.items = Cut(node.items, fail)
    return Partial(node, fail)


def cbor_read(data: bytes, lazy: bool = False) -> tuple[C, int]:
    """One item from the start of data; returns the item and where it ends.

    lazy: a failure inside a container does not end the read; the container comes back cut short (Partial), so
    that the decoder reports whatever it finds before the failure first, as the core does (first problem in input
    order). Otherwise the first failure raises at once.
    """
    n = len(data)

    def child(node: C, read, pos: int, key: C | None = None) -> tuple[C, int]:
        """Reads one element of node (a value after key for a map); on failure, cuts node (lazy) or re-raises."""
        try:
            return read(pos)
        except Partial as e:
            if not lazy:
                raise
            part, fail = e.node, e.fail
        except Fail as e:
            if not lazy:
                raise
            head = head_of(data, pos)
            part, fail = (FailedItem(e, head) if head is not None or key is not None else None), e
        raise cut(node, fail, node.kind == "map", part, key)

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
                chunks = []  # (input offset of the chunk's content, its bytes)
                while True:
                    need(p, 1)
                    if data[p] == 0xFF:
                        break
                    if data[p] >> 5 != major or data[p] & 0x1F == 31:
                        raise Fail("INVALID_CBOR", p, True)
                    start, (chunk, p) = p, item(p)
                    head = {24: 2, 25: 3, 26: 5, 27: 9}.get(data[start] & 0x1F, 1)
                    chunks.append((start + head, data[start + head:p]))
                if lazy:  # well-formed; refused only where a decoder reads the string (LwM2M-CBOR joins it)
                    node = Flawed("bytes" if major == 2 else "text", pos, ai, Fail("INDEFINITE_LENGTH", pos))
                    node.chunks = chunks
                    return node, p + 1
                raise Fail("INDEFINITE_LENGTH", pos)
            node = C("array" if major == 4 else "map", pos, ai)
            node.indefinite = True
            p = pos + 1
            while True:
                try:
                    need(p, 1)
                except Fail as e:
                    if not lazy:
                        raise
                    raise cut(node, e, major == 5) from None
                if data[p] == 0xFF:
                    return node, p + 1
                k, p = child(node, item, p)
                if major == 4:
                    node.items.append(k)
                else:
                    v, p = child(node, item, p, k)
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
                if lazy:  # refused only where a decoder reads the text
                    return Flawed("text", pos, ai, Fail("INVALID_UTF8", p + e.start)), p + arg
                raise Fail("INVALID_UTF8", p + e.start) from None
        if major == 4:
            node = C("array", pos, ai)
            for _ in range(arg):
                k, p = child(node, lambda q: item(q, no_tag), p)
                node.items.append(k)
            return node, p
        if major == 5:
            node = C("map", pos, ai)
            for _ in range(arg):
                k, p = child(node, item, p)
                v, p = child(node, item, p, k)
                node.pairs.append((k, v))
            return node, p
        if major == 6:
            node = C("tag", pos, ai, arg)
            if arg == 1:
                inner, p = child(node, lambda q: item(q, True), p)
            elif arg == 4 and p < n and data[p] >> 5 == 4 and data[p] & 0x1F != 31:
                inner, p = child(node, item_elements_without_tags, p)
            else:
                inner, p = child(node, item, p)
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
            k, p = child(node, lambda q: item(q, True), p)
            node.items.append(k)
        return node, p

    return item(0)


def cbor_top(data: bytes, lazy: bool = False) -> C:
    """The one item of data. lazy: see cbor_read; the TRAILING_DATA check is left to finish(), after the decoder
    has looked at the item (a problem inside the item comes first in input order)."""
    if not lazy:
        node, end = cbor_read(data)
        if end != len(data):
            raise Fail("TRAILING_DATA", end, True)
        return node
    try:
        node, end = cbor_read(data, True)
    except Partial as e:
        node = e.node
        node.after = e.fail
        return node
    except Fail as e:
        head = head_of(data, 0)
        if head is None:
            raise
        return FailedItem(e, dict(head, after=e))
    node.after = Fail("TRAILING_DATA", end, True) if end != len(data) else None
    return node


def finish(node: Any) -> None:
    """Raises what a lazy read left for after the item: the cut or the trailing bytes."""
    after = getattr(node, "after", None)
    if after is not None:
        raise after


def cbor_number(node: C) -> tuple[str, Any] | None:
    """('int', n) or ('float', x) for a CBOR number (int, float, tag 4, tag 1); None for another kind."""
    if node.kind in ("uint", "nint"):
        return ("int", node.value)
    if node.kind == "float":
        return ("float", node.value)
    if node.kind == "tag" and node.value == 4:
        # [exponent, mantissa]: a definite array of two; an element that is a float or a tag is INVALID_CBOR at it,
        # another non-integer TYPE_MISMATCH at it (the core reads each as a number without tags).
        arr = node.items[0]
        if arr.kind != "array":
            raise Fail("INVALID_CBOR", arr.off)
        if arr.indefinite or len(arr.items) != 2:
            raise Fail("INVALID_CBOR", node.off)
        parts = []
        for x in arr.items:
            if x.kind in ("uint", "nint"):
                parts.append(x.value)
            elif x.kind in ("float", "tag"):
                raise Fail("INVALID_CBOR", x.off)
            else:
                raise Fail("TYPE_MISMATCH", x.off)
        e, m = parts
        if abs(e) > 400:  # far outside the double range: infinity or zero, without the exact power
            return ("float", math.copysign(math.inf if e > 0 and m != 0 else 0.0, m if m != 0 else 1))
        return ("float", float(Fraction(m) * Fraction(10) ** e))
    if node.kind == "tag" and node.value == 1:
        inner = node.items[0]
        if inner.kind in ("uint", "nint"):
            return ("int", inner.value)
        if inner.kind == "float":
            return ("float", inner.value)
        if inner.kind == "tag":
            raise Fail("INVALID_CBOR", inner.off)
        raise Fail("TYPE_MISMATCH", inner.off)
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
