"""ucifi_codec.validate and validate_batch: every case of vectors/validate/*.ndjson, and the fleet table."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, List

import pytest

import ucifi_codec as uc

from conftest import VECTORS


def _cases() -> List[Any]:
    out = []
    for f in sorted((VECTORS / "validate").glob("*.ndjson")):
        out.extend(json.loads(line) for line in f.read_text().splitlines() if line.strip())
    assert len(out) >= 10
    return out


def _matches(want: Any, got: Any, at: str = "report") -> None:
    """Every key of want is in got with a matching value; lists match element-wise and in length."""
    if isinstance(want, dict):
        assert isinstance(got, dict), at
        for k, v in want.items():
            assert k in got, f"{at}.{k}: missing in {got}"
            _matches(v, got[k], f"{at}.{k}")
    elif isinstance(want, list):
        assert isinstance(got, list) and len(got) == len(want), f"{at}: {got}"
        for i, (w, g) in enumerate(zip(want, got)):
            _matches(w, g, f"{at}[{i}]")
    else:
        assert want == got and type(want) is type(got) or (
            isinstance(want, (int, float)) and not isinstance(want, bool) and want == got
        ), f"{at}: expected {want!r}, got {got!r}"


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["id"])
def test_validate_case(case: Any) -> None:
    model = uc.Model(ddf=case["ddf"]) if "ddf" in case else None
    report = uc.validate(case["frames"], model=model)
    assert isinstance(report, dict)
    _matches(case["report"], report)


def test_single_frame_text_and_device() -> None:
    bad = uc.validate(bytes.fromhex("0700c10901e1179a2a"), fport=24, device="meter-9")
    assert isinstance(bad, dict)
    assert bad["device"] == "meter-9" and not bad["conformant"]
    assert [f["check"] for f in bad["findings"]] == ["OUT_OF_RANGE", "MISSING_MANDATORY"]
    text = uc.validate("0700c10901e1179a2a", "tlv", "/3424", text=True)
    assert isinstance(text, str)
    assert text.startswith("NOT CONFORMANT\n") and "OUT_OF_RANGE /3424/0/6042" in text
    with pytest.raises(ValueError):
        uc.validate(b"\x00", fport=300)


def test_validate_batch_one_row_per_finding_group() -> None:
    good = bytes.fromhex("0600c40141480000")
    bad = bytes.fromhex("0700c10901e1179a2a")
    table = uc.validate_batch([bad, good, bad, b"\x08\x00"], ["a", "b", "a", "c"], fports=[24, 24, 24, 24])
    rows = table.to_pylist()
    assert [(r["device"], r["conformant"], r["check"], r["count"]) for r in rows] == [
        ("a", False, "OUT_OF_RANGE", 2),
        ("a", False, "MISSING_MANDATORY", 1),
        ("b", True, None, None),
        ("c", False, "DECODE_ERROR", 1),
    ]
    assert rows[0]["value"] == 42.0 and rows[0]["max"] == 23.0 and rows[0]["errors"] == 3
    assert rows[3]["kind"] == "UNEXPECTED_END" and rows[3]["offset"] == 0
    with pytest.raises(ValueError):
        uc.validate_batch([good], ["a", "b"], fports=[24])
