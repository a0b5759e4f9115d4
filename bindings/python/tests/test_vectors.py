"""Every case of every file under vectors/: decode (records or error), round trip, encode; and the same decode
cases through decode_batch, whose rows must give back the same records."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

import pytest

import ucifi_codec as uc
from conftest import check_python_types, iter_cases, normalize, vector_cases


def test_vectors_exist() -> None:
    cases = vector_cases()
    assert len(cases) > 100
    assert len({c["id"] for _, _, c in cases}) == len(cases), "case ids must be unique"


def _model(case: Dict[str, Any]) -> Tuple[Optional[uc.Model], Optional[Dict[str, Any]]]:
    """The case's model, or the error loading its DDF gave."""
    if "ddf" not in case:
        return None, None
    model = uc.Model()
    try:
        for doc in case["ddf"]:
            model.load_ddf(doc)
    except uc.CodecError as e:
        return None, {"kind": e.code.name, "offset": e.offset}
    return model, None


def _target(fmt: str, case: Dict[str, Any]) -> Dict[str, Any]:
    if fmt == "fport" or "fport" in case:
        return {"fport": case["fport"]}
    return {"format": case.get("format", fmt), "path": case.get("path")}


def _err(e: uc.CodecError) -> Dict[str, Any]:
    assert isinstance(e, ValueError)
    assert e.code.name == e.kind and int(e.code) == e.code.value
    return {"kind": e.code.name, "offset": e.offset}


@pytest.mark.parametrize("file,fmt,case", list(iter_cases()))
def test_case(file: str, fmt: str, case: Dict[str, Any]) -> None:
    model, ddf_error = _model(case)
    want_error = case.get("error")
    if ddf_error is not None:
        assert ddf_error == want_error
        return
    target = _target(fmt, case)
    if "hex" not in case:
        # Encode case: the records must encode, or fail with exactly the expected error.
        try:
            uc.encode(case["records"], max_size=case.get("buffer"), model=model, **target)
        except uc.CodecError as e:
            assert _err(e) == want_error
        else:
            assert want_error is None, "encode succeeded"
        return
    try:
        # The hex text itself: decode parses hex (INVALID_HEX at the bad digit) like the CLI.
        records = uc.decode(case["hex"], model=model, **target)
    except uc.CodecError as e:
        assert _err(e) == want_error
        return
    assert want_error is None, f"decode succeeded: {records}"
    check_python_types(records)
    assert [normalize(r) for r in records] == case["records"]
    if case.get("roundtrip"):
        assert uc.encode(records, model=model, **target).hex() == case["hex"]
        # The same from the vector's own records (type given, name / unit absent).
        assert uc.encode(case["records"], model=model, **target).hex() == case["hex"]


def _row_records(table: Any) -> List[Dict[str, Any]]:
    """Record dicts rebuilt from decode_batch rows (the typed value columns)."""
    out = []
    for row in table.to_pylist():
        if row["error_kind"] is not None:
            out.append({"error": {"kind": row["error_kind"], "offset": row["error_offset"]}})
            continue
        t = row["type"]
        value = {
            "integer": row["value_int"],
            "time": row["value_int"],
            "unsigned": row["value_uint"],
            "float": row["value_float"],
            "boolean": row["value_bool"],
            "string": row["value_str"],
            "corelnk": row["value_str"],
            "objlnk": row["value_str"],
            "opaque": row["value_bytes"].hex() if row["value_bytes"] is not None else None,
            "none": None,
        }[t]
        r: Dict[str, Any] = {"path": row["path"], "type": t, "value": value}
        if row["name"] is None and row["resource"] is not None:
            r["unknown"] = True  # a resource the model does not know (no name); never for /O or /O/I
        if row["time"] is not None:
            r["time"] = row["time"]
        ids = [row["object"], row["instance"], row["resource"], row["resource_instance"]]
        assert "/" + "/".join(str(i) for i in ids if i is not None) == row["path"]
        out.append(r)
    return out


@pytest.mark.parametrize("file,fmt,case", [p for p in iter_cases() if "hex" in p.values[2]])
def test_case_through_batch(file: str, fmt: str, case: Dict[str, Any]) -> None:
    model, ddf_error = _model(case)
    if ddf_error is not None:
        return
    target = _target(fmt, case)
    if case.get("error", {}).get("kind") == "INVALID_HEX":
        return  # batches take bytes, not hex text
    payload = bytes.fromhex(case["hex"])
    if "fport" in target:
        args: Dict[str, Any] = {"fports": [target["fport"]] * 2}
    else:
        args = {"format": target["format"], "path": target["path"]}
    try:
        fmt_ok = "fport" in target or target["format"] in uc.formats()
        if not fmt_ok:
            with pytest.raises(uc.CodecError) as info:
                uc.decode_batch([payload], model=model, **args)
            assert _err(info.value) == case["error"]
            return
        table = uc.decode_batch([payload, payload], model=model, **args)
    except uc.CodecError as e:
        # Arguments the batch checks up front (a bad request path).
        assert _err(e) == case.get("error")
        return
    table.validate(full=True)
    assert table.column("frame").to_pylist() == sorted(table.column("frame").to_pylist())
    half = table.filter(table.column("frame").to_numpy() == 0)
    got = _row_records(half)
    if "error" in case:
        assert got == [{"error": case["error"]}]
    else:
        assert [normalize(r) for r in got] == case["records"]
        names = [r.get("name") for r in uc.decode(payload, model=model, **target)]
        assert half.column("name").to_pylist() == names
