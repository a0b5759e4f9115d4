"""check_formats.py's own JSON reader: values with byte offsets; UNEXPECTED_END, INVALID_JSON, INVALID_UTF8 and
TRAILING_DATA for bad input.
"""

from __future__ import annotations

import math
import re
from typing import Any

from decode_common import Fail
from read_cbor import FailedItem, Partial, cut


class J:
    """A JSON value: kind in object array string int float bool null; off = first byte."""

    def __init__(self, kind: str, off: int, value: Any = None):
        self.kind, self.off, self.value = kind, off, value
        self.items: list[J] = []
        self.pairs: list[tuple[J, J]] = []


WS = b" \t\r\n"
NUM = re.compile(rb"-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?")


def json_read(data: bytes, lazy: bool = False) -> J:
    """The one value of data. lazy: as read_cbor.cbor_read — containers cut short come back as Partial nodes and
    the cut or TRAILING_DATA is left to read_cbor.finish(), after the decoder has looked at the value."""
    n = len(data)

    def guard(node: J, step, key: J | None = None):
        """Runs one step inside node (reading an element or a separator); on failure cuts node (lazy)."""
        try:
            return step()
        except Partial as e:
            if not lazy:
                raise
            part, fail = e.node, e.fail
        except Fail as e:
            if not lazy:
                raise
            part, fail = (FailedItem(e) if key is not None else None), e
        raise cut(node, fail, node.kind == "object", part, key)

    def ws(p: int) -> int:
        while p < n and data[p] in WS:
            p += 1
        return p

    def end_or(p: int) -> None:
        raise Fail("UNEXPECTED_END", n, True) if p >= n else Fail("INVALID_JSON", p, True)

    def value(p: int) -> tuple[J, int]:
        p = ws(p)
        if p >= n:
            raise Fail("UNEXPECTED_END", n, True)
        ch = data[p]
        if ch == ord("{"):
            node = J("object", p)
            p = ws(p + 1)
            if p < n and data[p] == ord("}"):
                return node, p + 1
            while True:
                p = ws(p)
                if p >= n or data[p] != ord('"'):
                    guard(node, lambda: end_or(p))
                k, p = guard(node, lambda: string(p))
                p = ws(p)
                if p >= n or data[p] != ord(":"):
                    guard(node, lambda: end_or(p), k)
                v, p = guard(node, lambda: value(p + 1), k)
                node.pairs.append((k, v))
                p = ws(p)
                if p < n and data[p] == ord(","):
                    p += 1
                    continue
                if p < n and data[p] == ord("}"):
                    return node, p + 1
                guard(node, lambda: end_or(p))
        if ch == ord("["):
            node = J("array", p)
            p = ws(p + 1)
            if p < n and data[p] == ord("]"):
                return node, p + 1
            while True:
                v, p = guard(node, lambda: value(p))
                node.items.append(v)
                p = ws(p)
                if p < n and data[p] == ord(","):
                    p += 1
                    continue
                if p < n and data[p] == ord("]"):
                    return node, p + 1
                guard(node, lambda: end_or(p))
        if ch == ord('"'):
            return string(p)
        for word, val in ((b"true", True), (b"false", False), (b"null", None)):
            if ch == word[0]:
                for i, b in enumerate(word):
                    if p + i >= n:
                        raise Fail("UNEXPECTED_END", n, True)
                    if data[p + i] != b:
                        raise Fail("INVALID_JSON", p + i, True)
                return J("bool" if val is not None else "null", p, val), p + len(word)
        if ch == ord("-") or ord("0") <= ch <= ord("9"):
            m = NUM.match(data, p)
            q = m.end() if m else p
            # a number cut short: '-' alone, '1.' or '1e' at the end of the input or before a non-digit
            if m is None:  # '-' without a digit after it
                if p + 1 >= n:
                    raise Fail("UNEXPECTED_END", n, True)
                raise Fail("INVALID_JSON", p + 1, True)
            if q < n and data[q] in b".eE":  # a fraction or exponent without digits
                bad = q + 1
                if bad < n and data[bad] in b"+-" and data[q] in b"eE":
                    bad += 1
                if bad >= n:
                    raise Fail("UNEXPECTED_END", n, True)
                raise Fail("INVALID_JSON", bad, True)
            text = data[p:q].decode("ascii")
            # an integer literal within ±2^64 stays exact, anything else is a double; a number beyond the double
            # range is refused where it stands (it would silently become infinite)
            if re.fullmatch(r"-?[0-9]+", text) and -(2**64) <= int(text) < 2**64:
                return J("int", p, int(text)), q
            if math.isinf(float(text)):
                raise Fail("INVALID_JSON", p)
            return J("float", p, float(text)), q
        raise Fail("INVALID_JSON", p, True)

    def string(p: int) -> tuple[J, int]:
        start = p
        p += 1
        out: list[str] = []
        run = p
        while True:
            if p >= n:
                raise Fail("UNEXPECTED_END", n, True)
            b = data[p]
            if b == ord('"') or b == ord("\\"):
                try:
                    out.append(data[run:p].decode("utf-8"))
                except UnicodeDecodeError as e:
                    raise Fail("INVALID_UTF8", run + e.start, True) from None
                if b == ord('"'):
                    return J("string", start, "".join(out)), p + 1
                if p + 1 >= n:
                    raise Fail("UNEXPECTED_END", n, True)
                esc = chr(data[p + 1])
                simple = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
                if esc in simple:
                    out.append(simple[esc])
                    p += 2
                elif esc == "u":
                    hexs = data[p + 2:p + 6]
                    if len(hexs) < 4:
                        raise Fail("UNEXPECTED_END", n, True)
                    if not re.fullmatch(rb"[0-9a-fA-F]{4}", hexs):
                        raise Fail("INVALID_JSON", p, True)
                    cp = int(hexs, 16)
                    p += 6
                    if 0xD800 <= cp < 0xDC00 and data[p:p + 2] == b"\\u" and re.fullmatch(rb"[0-9a-fA-F]{4}", data[p + 2:p + 6]):
                        lo = int(data[p + 2:p + 6], 16)
                        if 0xDC00 <= lo < 0xE000:
                            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
                            p += 6
                    if 0xD800 <= cp < 0xE000:
                        raise Fail("INVALID_JSON", p - 6, True)
                    out.append(chr(cp))
                else:
                    raise Fail("INVALID_JSON", p, True)
                run = p
                continue
            if b < 0x20:
                raise Fail("INVALID_JSON", p, True)
            p += 1

    try:
        node, p = value(0)
    except Partial as e:
        e.node.after = e.fail
        return e.node
    p = ws(p)
    after = Fail("TRAILING_DATA", p, True) if p < n else None
    if after is not None and not lazy:
        raise after
    node.after = after
    return node
