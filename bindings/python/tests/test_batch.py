"""decode_batch: the long table, its types, error rows, the accepted inputs, threads, and buffer lifetime."""

from __future__ import annotations

import base64

import gc
import math
import threading
from typing import Any, List

import pyarrow as pa
import pytest

import ucifi_codec as uc

DEVICE_TLV = bytes.fromhex(
    "c800144f70656e204d6f62696c6520416c6c69616e6365c801164c69676874776569676874204d324d20436c69656e74c80209"
    "333435303030313233c303312e30860641000141010588070842000ed842011388870841007d42010384c10964c10a0f830b41"
    "0000c40d5182428fc60e2b30323a3030c11055"
)
WATER_PORT24 = bytes.fromhex("08000dc40141480000e4158e6553f100")
BATTERY_PORT11 = bytes.fromhex("0300c101570301c1010c")

SCHEMA = pa.schema(
    [
        ("frame", pa.int32()),
        ("path", pa.string()),
        ("object", pa.uint16()),
        ("instance", pa.uint16()),
        ("resource", pa.uint16()),
        ("resource_instance", pa.uint16()),
        ("name", pa.dictionary(pa.int32(), pa.string())),
        ("unit", pa.dictionary(pa.int32(), pa.string())),
        ("type", pa.dictionary(pa.int8(), pa.string())),
        ("value_int", pa.int64()),
        ("value_uint", pa.uint64()),
        ("value_float", pa.float64()),
        ("value_bool", pa.bool_()),
        ("value_str", pa.string()),
        ("value_bytes", pa.binary()),
        ("time", pa.float64()),
        ("error_kind", pa.dictionary(pa.int8(), pa.string())),
        ("error_offset", pa.int64()),
    ]
)


def test_schema_rows_and_values() -> None:
    table = uc.decode_batch([DEVICE_TLV, DEVICE_TLV], "tlv", "/3/0")
    assert table.schema == SCHEMA
    table.validate(full=True)
    assert table.num_rows == 32
    rows = table.to_pylist()
    assert [r["frame"] for r in rows] == [0] * 16 + [1] * 16
    first = rows[0]
    assert (first["path"], first["name"], first["type"], first["value_str"]) == (
        "/3/0/0", "Manufacturer", "string", "Open Mobile Alliance")
    by_path = {r["path"]: r for r in rows[:16]}
    assert by_path["/3/0/9"]["value_int"] == 100 and by_path["/3/0/9"]["unit"] == "/100"
    assert by_path["/3/0/13"]["type"] == "time" and by_path["/3/0/13"]["value_int"] == 1367491215
    assert by_path["/3/0/7/1"]["resource_instance"] == 1 and by_path["/3/0/7/1"]["value_int"] == 5000
    assert by_path["/3/0/9"]["resource_instance"] is None
    for r in rows:
        assert r["error_kind"] is None and r["error_offset"] is None and r["time"] is None
        filled = [c for c in ("value_int", "value_uint", "value_float", "value_bool", "value_str", "value_bytes")
                  if r[c] is not None]
        assert len(filled) == 1, r


def test_every_value_column() -> None:
    records = [
        {"path": "/32769/0/0", "type": "integer", "value": -(2**63)},
        {"path": "/32769/0/1", "type": "unsigned", "value": 2**64 - 1},
        {"path": "/32769/0/2", "type": "float", "value": float("nan")},
        {"path": "/32769/0/3", "type": "boolean", "value": True},
        {"path": "/32769/0/4", "type": "boolean", "value": False},
        {"path": "/32769/0/5", "type": "string", "value": "héllo"},
        {"path": "/32769/0/6", "type": "opaque", "value": "00ff"},
        {"path": "/32769/0/7", "type": "objlnk", "value": "65535:65535"},
        {"path": "/3/0/13", "type": "time", "value": 1700000000},
        {"path": "/32769/0/10", "type": "float", "value": 2.5, "time": 1700000000.25},
    ]
    frame = uc.encode(records, "senml-cbor")
    table = uc.decode_batch([frame], "senml-cbor")
    table.validate(full=True)
    rows = table.to_pylist()
    assert [r["type"] for r in rows] == [r["type"] for r in records]
    assert rows[0]["value_int"] == -(2**63)
    assert rows[1]["value_uint"] == 2**64 - 1
    assert math.isnan(rows[2]["value_float"])
    assert (rows[3]["value_bool"], rows[4]["value_bool"]) == (True, False)
    assert rows[5]["value_str"] == "héllo" and rows[5]["value_bytes"] is None
    assert rows[6]["value_bytes"] == b"\x00\xff" and rows[6]["value_str"] is None
    assert rows[7]["value_str"] == "65535:65535"
    assert rows[8]["value_int"] == 1700000000
    assert rows[9]["time"] == 1700000000.25 and rows[8]["time"] is None
    assert rows[8]["name"] == "Current Time" and rows[8]["object"] == 3
    assert all(r["name"] is None and r["unit"] is None for i, r in enumerate(rows) if i != 8)


def test_bad_frames_become_error_rows() -> None:
    frames: List[Any] = [DEVICE_TLV, DEVICE_TLV[:5], None, b"\xc1\x0a", bytearray(b"\xc1\x0a\x0f"), memoryview(b"\xff")]
    table = uc.decode_batch(frames, "tlv", "/3/0")
    table.validate(full=True)
    errors = table.filter(table.column("error_kind").is_valid()).to_pylist()
    assert [(e["frame"], e["error_kind"], e["error_offset"]) for e in errors] == [
        (1, "UNEXPECTED_END", 0),
        (3, "UNEXPECTED_END", 0),
        (5, "UNEXPECTED_END", 0),
    ]
    for e in errors:
        assert all(e[c] is None for c in SCHEMA.names if c not in ("frame", "error_kind", "error_offset"))
    assert table.filter(pa.compute.equal(table.column("frame"), 4)).column("value_int").to_pylist() == [15]
    assert 2 not in table.column("frame").to_pylist()  # an empty payload has no records
    df = table.to_pandas()
    assert len(df) == 16 + 1 + 1 + 1 + 1 and df["error_kind"].notna().sum() == 3


def test_errors_up_front_are_exceptions() -> None:
    with pytest.raises(uc.CodecError):
        uc.decode_batch([DEVICE_TLV], "xml", "/3/0")
    with pytest.raises(uc.CodecError):
        uc.decode_batch([DEVICE_TLV], "tlv", "/3/x")
    with pytest.raises(TypeError):
        uc.decode_batch([DEVICE_TLV])
    with pytest.raises(TypeError):
        uc.decode_batch([12], "tlv", "/3/0")
    with pytest.raises(ValueError):
        uc.decode_batch([DEVICE_TLV], fports=[1, 2])


def test_empty_batch_has_the_schema() -> None:
    table = uc.decode_batch([], "tlv", "/3/0")
    assert table.num_rows == 0 and table.schema == SCHEMA
    assert len(table.to_pandas()) == 0


def test_fports_by_convention_in_every_form() -> None:
    import numpy as np

    payloads = [WATER_PORT24, BATTERY_PORT11, WATER_PORT24, b"\x00"]
    ports = [24, 11, 44, None]
    for fports in (ports, pa.array(ports, pa.int32()), pa.chunked_array([ports[:2], ports[2:]], pa.int64())):
        table = uc.decode_batch(payloads, fports=fports)
        rows = table.to_pylist()
        assert [(r["frame"], r["path"]) for r in rows if r["path"]] == [
            (0, "/3424/0/1"), (0, "/3424/0/5518"), (1, "/3411/0/1"), (1, "/3411/1/1")]
        assert [(r["frame"], r["error_kind"]) for r in rows if r["error_kind"]] == [
            (2, "UNKNOWN_PORT"), (3, "UNKNOWN_PORT")]
    table = uc.decode_batch(payloads[:2], fports=np.array([24, 11], dtype=np.uint8))
    assert table.num_rows == 4
    # User ports: fPort 70 carries TLV at /3303/0 (bare resources).
    temp = uc.encode([{"path": "/3303/0/5700", "value": 21.5}], "tlv", "/3303/0")
    table = uc.decode_batch([temp], fports=[70], ports={70: ("tlv", "/3303/0")})
    assert table.column("value_float").to_pylist() == [21.5]
    # An explicit format with fports (or ports) would ignore one of them: an error, not a silent choice.
    with pytest.raises(ValueError, match="not both"):
        uc.decode_batch([DEVICE_TLV], "tlv", "/3/0", fports=[24])
    with pytest.raises(ValueError, match="not both"):
        uc.decode_batch(pa.array([DEVICE_TLV]), "tlv", "/3/0", ports={70: "senml-cbor"})


def test_fport_columns_with_nulls() -> None:
    import numpy as np
    import pandas as pd

    payloads = [WATER_PORT24, BATTERY_PORT11, WATER_PORT24]
    want = [(0, "/3424/0/1"), (0, "/3424/0/5518"), (1, "/3411/0/1"), (1, "/3411/1/1"), (2, None)]
    for fports in (
        pd.Series([24, 11, None], dtype="Int64"),
        pd.Series([24.0, 11.0, float("nan")]),
        np.array([24.0, 11.0, np.nan]),
        pa.array([24, 11, None], pa.uint8()),
        [24, 11, None],
    ):
        rows = uc.decode_batch(payloads, fports=fports).to_pylist()
        assert [(r["frame"], r["path"]) for r in rows] == want, type(fports)
        assert rows[-1]["error_kind"] == "UNKNOWN_PORT"


def test_hex_and_base64_text_frames() -> None:
    b64 = base64.b64encode(DEVICE_TLV).decode()
    spaced = " ".join(f"{b:02x}" for b in DEVICE_TLV)
    want = uc.decode_batch([DEVICE_TLV], "tlv", "/3/0").to_pylist()
    assert len(want) == 16
    texts = [DEVICE_TLV.hex(), DEVICE_TLV.hex().upper(), b64, spaced, "zz!", "c1 0"]
    for payloads in (
        texts,
        pa.array(texts, pa.string()),
        pa.array(texts, pa.large_string()),
        pa.chunked_array([texts[:3], texts[3:]], pa.string()),
    ):
        table = uc.decode_batch(payloads, "tlv", "/3/0")
        rows = table.to_pylist()
        for i in range(4):
            got = [r for r in rows if r["frame"] == i]
            assert [{**r, "frame": 0} for r in got] == want, (type(payloads), i)
        assert [(r["frame"], r["error_kind"]) for r in rows if r["error_kind"]] == [
            (4, "INVALID_HEX"), (5, "INVALID_HEX")]
    if hasattr(pa, "string_view"):
        table = uc.decode_batch(pa.array(texts[:4], pa.string_view()), "tlv", "/3/0")
        assert table.num_rows == 64
    import pandas as pd

    assert uc.decode_batch(pd.Series(texts[:4]), "tlv", "/3/0").num_rows == 64


def test_binary_view_column() -> None:
    if not hasattr(pa, "binary_view"):
        pytest.skip("pyarrow without binary_view")
    column = pa.array([DEVICE_TLV, None, b"\xc1"], pa.binary_view())
    table = uc.decode_batch(column, "tlv", "/3/0")
    assert table.num_rows == 17 and table.column("error_kind").to_pylist()[-1] == "UNEXPECTED_END"


def test_pyarrow_binary_input_with_nulls_and_slices() -> None:
    base = pa.array([DEVICE_TLV, None, b"\xc1\x0a\x0f", b"\xc1"], pa.binary())
    table = uc.decode_batch(base.slice(1), "tlv", "/3/0")
    assert table.column("frame").to_pylist() == [1, 2]
    assert table.column("value_int").to_pylist() == [15, None]
    assert table.column("error_kind").to_pylist() == [None, "UNEXPECTED_END"]
    chunked = pa.chunked_array([[DEVICE_TLV], [b"\xc1\x0a\x0f"]], pa.large_binary())
    assert uc.decode_batch(chunked, "tlv", "/3/0").num_rows == 17
    with pytest.raises(TypeError):
        uc.decode_batch(pa.array([1, 2]), "tlv", "/3/0")


def test_buffers_outlive_the_call_and_threads_agree() -> None:
    table = uc.decode_batch([DEVICE_TLV] * 1000, "tlv", "/3/0")
    gc.collect()
    want = table.slice(0, 16).to_pylist()
    results: List[Any] = []

    def work() -> None:
        results.append(uc.decode_batch([DEVICE_TLV] * 2000, "tlv", "/3/0"))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for r in results:
        assert r.num_rows == 32000 and r.slice(16000, 16).to_pylist() == [
            dict(w, frame=1000) for w in want]
    del results
    gc.collect()
    assert table.slice(15984, 16).column("path").to_pylist() == [w["path"] for w in want]


def test_to_pandas() -> None:
    df = uc.decode_batch([DEVICE_TLV] * 3, "tlv", "/3/0").to_pandas()
    assert list(df.columns) == SCHEMA.names
    assert df.loc[df["path"] == "/3/0/9", "value_int"].tolist() == [100, 100, 100]
    assert str(df["name"].dtype) == "category"
