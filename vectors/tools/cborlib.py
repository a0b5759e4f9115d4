"""CBOR writing for the vector tools: the shortest-form item writers the canonical encoders (formatslib.py) use, and
a builder for hand-made frames (forced head widths and float sizes, indefinite lengths, tags, raw bytes, and marks
that record where an item starts). Python 3.11, standard library only.
"""

from __future__ import annotations

import struct
from typing import Any

# ------------------------------------------------------------------------------------------------------ CBOR writer


def head(major: int, n: int) -> bytes:
    """Shortest CBOR head for major type `major` and argument `n`."""
    m = major << 5
    if n < 24:
        return bytes([m | n])
    for ai, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([m | ai]) + n.to_bytes(size, "big")
    raise ValueError(n)


def c_int(v: int) -> bytes:
    return head(0, v) if v >= 0 else head(1, -1 - v)


def _same_bits(a: float, b: float) -> bool:
    return struct.pack(">d", a) == struct.pack(">d", b)


def c_float(x: float) -> bytes:
    """The narrowest float (half, single, double) that reads back bit-identical."""
    for code, fmt in ((0xF9, ">e"), (0xFA, ">f")):
        try:
            packed = struct.pack(fmt, x)
        except OverflowError:
            continue
        if _same_bits(struct.unpack(fmt, packed)[0], x):
            return bytes([code]) + packed
    return b"\xfb" + struct.pack(">d", x)


def c_text(s: str) -> bytes:
    b = s.encode("utf-8")
    return head(3, len(b)) + b


def c_bytes(b: bytes) -> bytes:
    return head(2, len(b)) + b


def c_array(items: list[bytes]) -> bytes:
    return head(4, len(items)) + b"".join(items)


def c_map(pairs: list[tuple[bytes, bytes]]) -> bytes:
    return head(5, len(pairs)) + b"".join(k + v for k, v in pairs)


# ----------------------------------------------------------------------------------- CBOR builder for hand-made frames


class F16(float):
    """A float written as a half float whatever its value (must be exact)."""


class F32(float):
    """A float written as a single float."""


class F64(float):
    """A float written as a double float."""


class Raw(bytes):
    """Bytes copied into the frame as they are."""


class M:
    """A definite map from a list of pairs (keeps order, allows repeated keys)."""

    def __init__(self, *pairs: tuple[Any, Any]):
        self.pairs = list(pairs)


class IMap(M):
    """An indefinite-length map (bf ... ff)."""


class IArr:
    """An indefinite-length array (9f ... ff)."""

    def __init__(self, *items: Any):
        self.items = list(items)


class IText:
    """An indefinite-length text string made of definite chunks (7f ... ff)."""

    def __init__(self, *chunks: str):
        self.chunks = list(chunks)


class IBytes:
    """An indefinite-length byte string made of definite chunks (5f ... ff)."""

    def __init__(self, *chunks: bytes):
        self.chunks = list(chunks)


class Tag:
    def __init__(self, tag: int, item: Any):
        self.tag, self.item = tag, item


class Head:
    """A head with a forced argument width: ai 24 (1 byte), 25 (2), 26 (4) or 27 (8)."""

    def __init__(self, major: int, n: int, ai: int):
        self.major, self.n, self.ai = major, n, ai


class Mark:
    """Records the offset of the item it wraps under `name`."""

    def __init__(self, name: str, item: Any):
        self.name, self.item = name, item


def build(item: Any) -> tuple[bytes, dict[str, int]]:
    """CBOR bytes of a builder item, and the offsets of its Mark items."""
    out = bytearray()
    marks: dict[str, int] = {}

    def w(it: Any) -> None:
        if isinstance(it, Mark):
            assert it.name not in marks, it.name
            marks[it.name] = len(out)
            w(it.item)
        elif isinstance(it, Raw):
            out.extend(it)
        elif isinstance(it, bool):
            out.append(0xF5 if it else 0xF4)
        elif it is None:
            out.append(0xF6)
        elif isinstance(it, int):
            out.extend(c_int(it))
        elif isinstance(it, F16):
            packed = struct.pack(">e", it)
            assert _same_bits(struct.unpack(">e", packed)[0], float(it)), it
            out.extend(b"\xf9" + packed)
        elif isinstance(it, F32):
            packed = struct.pack(">f", it)
            assert _same_bits(struct.unpack(">f", packed)[0], float(it)), it
            out.extend(b"\xfa" + packed)
        elif isinstance(it, F64):
            out.extend(b"\xfb" + struct.pack(">d", it))
        elif isinstance(it, float):
            out.extend(c_float(it))
        elif isinstance(it, str):
            out.extend(c_text(it))
        elif isinstance(it, bytes):
            out.extend(c_bytes(it))
        elif isinstance(it, list):
            out.extend(head(4, len(it)))
            for x in it:
                w(x)
        elif isinstance(it, IMap):
            out.append(0xBF)
            for k, v in it.pairs:
                w(k)
                w(v)
            out.append(0xFF)
        elif isinstance(it, M):
            out.extend(head(5, len(it.pairs)))
            for k, v in it.pairs:
                w(k)
                w(v)
        elif isinstance(it, dict):
            out.extend(head(5, len(it)))
            for k, v in it.items():
                w(k)
                w(v)
        elif isinstance(it, IArr):
            out.append(0x9F)
            for x in it.items:
                w(x)
            out.append(0xFF)
        elif isinstance(it, IText):
            out.append(0x7F)
            for c in it.chunks:
                out.extend(c_text(c))
            out.append(0xFF)
        elif isinstance(it, IBytes):
            out.append(0x5F)
            for c in it.chunks:
                out.extend(c_bytes(c))
            out.append(0xFF)
        elif isinstance(it, Tag):
            out.extend(head(6, it.tag))
            w(it.item)
        elif isinstance(it, Head):
            size = {24: 1, 25: 2, 26: 4, 27: 8}[it.ai]
            out.extend(bytes([it.major << 5 | it.ai]) + it.n.to_bytes(size, "big"))
        else:
            raise TypeError(it)

    w(item)
    return bytes(out), marks
