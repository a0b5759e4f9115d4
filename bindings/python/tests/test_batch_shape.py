"""decode_batch reads a SenML-CBOR frame that repeats the structure of the frame before from its values (the core's
``senml::Shape`` and the batch's row template): its rows must be the rows the frame gives read alone.

Every SenML-CBOR vector and the benchmark frames, each followed by copies with one to three bytes changed in place
(often a value; sometimes structure, which must fall back to the full reader) by a seeded generator, and by the
original again, are decoded in one batch and frame by frame (a batch of one frame never reuses a structure)."""

from __future__ import annotations

import math
import random
from typing import Any, Dict, List, Optional, Tuple

import ucifi_codec as uc

from conftest import vector_cases

DEVICE = bytes.fromhex(
    "90a321652f332f302f00613003744f70656e204d6f62696c6520416c6c69616e6365a200613103764c696768747765696768742"
    "04d324d20436c69656e74a20061320369333435303030313233a20061330363312e30a20063362f300201a20063362f310205a2"
    "0063372f3002190ed8a20063372f3102191388a20063382f3002187da20063382f3102190384a2006139021864a20062313002"
    "0fa2006431312f300200a200623133021a5182428fa20062313403662b30323a3030a200623136036155"
)
WATER = bytes.fromhex("83a321682f333432342f302f00613102fa449a5000a2006134021a0012d644a2006435353138021a6b041800")
WITH_TIMES = bytes.fromhex(
    "83a421682f333432342f302f221a692481000061310201a300613102020621a3006131020306f93e00"
)


def frames() -> List[Tuple[bytes, Optional[str]]]:
    out: List[Tuple[bytes, Optional[str]]] = [(DEVICE, "/3/0"), (WATER, None), (WITH_TIMES, "/3424/0")]
    for _, fmt, case in vector_cases():
        if fmt == "senml-cbor" and "hex" in case:
            path = case.get("path")
            try:
                uc.decode_batch([b""], "senml-cbor", path)
            except uc.CodecError:  # a case of a request path the batch refuses as a whole
                path = None
            out.append((bytes.fromhex(case["hex"]), path))
    return out


def changed(frame: bytes, rng: random.Random) -> bytes:
    b = bytearray(frame)
    for _ in range(rng.randint(1, 3)):
        if not b:
            break
        at = rng.randrange(len(b))
        b[at] = rng.randrange(256) if rng.random() < 0.7 else b[at] ^ (1 << rng.randrange(8))
    return bytes(b)


def plain(row: Dict[str, Any]) -> Dict[str, Any]:
    """A row with NaN comparable (NaN != NaN)."""
    return {k: ("NaN" if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}


def alone(frame: bytes, path: Optional[str], index: int) -> List[Dict[str, Any]]:
    rows = uc.decode_batch([frame], "senml-cbor", path).to_pylist()
    return [plain({**r, "frame": index}) for r in rows]


def test_repeated_structures_read_as_alone() -> None:
    rng = random.Random(0x5EED)
    changed_frames = 0
    for frame, path in frames():
        batch = [frame] + [changed(frame, rng) for _ in range(12)] + [frame]
        got = [plain(r) for r in uc.decode_batch(batch, "senml-cbor", path).to_pylist()]
        want = [row for i, f in enumerate(batch) for row in alone(f, path, i)]
        assert got == want, (frame.hex(), path)
        changed_frames += sum(1 for f in batch[1:] if f != frame and len(f) == len(frame))
    assert changed_frames > 1000


def test_many_devices_interleaved() -> None:
    """Frames of different structures in turn: each one replaces the kept structure, and the rows stay exact."""
    rng = random.Random(7)
    pool = [(f, p) for f, p in frames() if p is None][:40]
    batch = [changed(f, rng) if rng.random() < 0.5 else f for f, _ in (rng.choice(pool) for _ in range(400))]
    got = [plain(r) for r in uc.decode_batch(batch, "senml-cbor").to_pylist()]
    want = [row for i, f in enumerate(batch) for row in alone(f, None, i)]
    assert got == want
