"""Every input of the committed fuzz-corpus sample (fuzz/corpus-sample.json, written by fuzz/sample-corpus.sh; layout
in FUZZING.md) through ``decode``, as bytes, by format and request path or by fPort: the result must be exactly the
recorded outcome — a list of the recorded number of records, or a ``CodecError`` of the recorded kind and offset.
Any other exception fails the test."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

import ucifi_codec as uc
from conftest import HERE

SAMPLE = Path(os.environ.get("UCIFI_CORPUS_SAMPLE", HERE.parents[2] / "fuzz" / "corpus-sample.json"))


def _entries() -> List[Tuple[str, Dict[str, Any]]]:
    doc = json.loads(SAMPLE.read_text())
    return [(target, e) for target, entries in doc["targets"].items() for e in entries]


def _params() -> List[Any]:
    seen: Dict[str, int] = {}
    out = []
    for target, e in _entries():
        n = seen[target] = seen.get(target, -1) + 1
        out.append(pytest.param(target, e, id=f"{target}-{n}"))
    return out


def _outcome(e: Dict[str, Any]) -> Dict[str, Any]:
    payload = bytes.fromhex(e["hex"])
    try:
        if "fport" in e:
            records = uc.decode(payload, fport=e["fport"])
        else:
            records = uc.decode(payload, e["format"], e["path"])
    except uc.CodecError as err:
        assert isinstance(err, ValueError) and err.code.name == err.kind
        return {"error": {"kind": err.kind, "offset": err.offset}}
    assert isinstance(records, list) and all(isinstance(r, dict) for r in records)
    return {"records": len(records)}


def test_sample_is_there() -> None:
    entries = _entries()
    assert len(entries) > 500
    assert {t for t, _ in entries} >= {"decode_tlv", "decode_senml_cbor", "decode_fport"}
    for _, e in entries:
        assert ("records" in e) != ("error" in e), e


@pytest.mark.parametrize("target,entry", _params())
def test_corpus_sample(target: str, entry: Dict[str, Any]) -> None:
    want = {k: entry[k] for k in ("records", "error") if k in entry}
    assert _outcome(entry) == want, f"{target}: {entry}"
