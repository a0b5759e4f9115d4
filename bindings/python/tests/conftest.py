"""Shared helpers: the vectors/ cases, and record comparison."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

HERE = Path(__file__).resolve().parent
VECTORS = Path(os.environ.get("UCIFI_VECTORS", HERE.parents[2] / "vectors"))
SPEC_EXAMPLES = VECTORS / "spec-examples.json"


def vector_cases() -> List[Tuple[str, str, Dict[str, Any]]]:
    """(file, file format, case) for every case of every vectors/<topic>/*.json file (files directly in vectors/,
    such as spec-examples.json, are the generators' inputs, not cases)."""
    out = []
    for f in sorted(p for p in VECTORS.rglob("*.json") if p.parent != VECTORS):
        doc = json.loads(f.read_text())
        for case in doc["cases"]:
            out.append((str(f.relative_to(VECTORS)), doc["format"], case))
    return out


def normalize(record: Dict[str, Any]) -> Dict[str, Any]:
    """A decoded record dict as the vectors write it: no name/unit, non-finite floats as strings."""
    r = {k: v for k, v in record.items() if k not in ("name", "unit")}
    v = r.get("value")
    if isinstance(v, float) and not math.isfinite(v):
        r["value"] = "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")
    return r


PY_TYPES = {
    "integer": int,
    "unsigned": int,
    "time": int,
    "float": float,
    "boolean": bool,
    "string": str,
    "corelnk": str,
    "objlnk": str,
    "opaque": str,
    "none": type(None),
}


def check_python_types(records: List[Dict[str, Any]]) -> None:
    """Every value has the Python type its record type promises (ints exact, never bool for numbers)."""
    for r in records:
        want = PY_TYPES[r["type"]]
        v = r["value"]
        assert isinstance(v, want) and not (want is int and isinstance(v, bool)), r
        if r["type"] == "float":
            assert isinstance(v, float), r


def iter_cases() -> Iterator[Any]:
    import pytest

    for file, fmt, case in vector_cases():
        yield pytest.param(file, fmt, case, id=case["id"])
