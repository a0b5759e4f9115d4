"""pandas views of batch tables (exact integers, datetimes, one row per frame) and the package's documentation."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

import ucifi_codec as uc

WATER = bytes.fromhex("08000dc40141480000e4158e6553f100")  # fPort 24: /3424/0/1 = 12.5, /3424/0/5518 = 1700000000
BATTERY = bytes.fromhex("0300c101570301c1010c")  # fPort 11: /3411/0/1 = 87, /3411/1/1 = 12
BIG = 2**60 + 1


def big_pulse_frame() -> bytes:
    return uc.encode([{"path": "/3424/0/4", "value": BIG}, {"path": "/3424/0/9", "value": True}], "tlv", "/3424")


def test_to_pandas_keeps_integers_exact() -> None:
    table = uc.decode_batch([big_pulse_frame(), WATER], fports=[24, 24])
    naive = table.to_pandas()
    assert naive["value_int"].dtype == "float64"  # what the helper exists for
    df = uc.to_pandas(table)
    assert str(df["value_int"].dtype) == "Int64"
    assert df["value_int"].iloc[0] == BIG and pd.isna(df["value_int"].iloc[1])
    assert str(df["value_bool"].dtype) == "boolean" and str(df["frame"].dtype) == "Int32"
    # time records: seconds in value_int, a UTC datetime in value_time
    times = df[df["type"] == "time"]
    assert list(times["value_time"]) == [pd.Timestamp(1700000000, unit="s", tz="UTC")]
    assert df["value_time"].isna().sum() == len(df) - 1
    direct = table.to_pandas(types_mapper=uc.pandas_types_mapper())
    assert direct["value_int"].iloc[0] == BIG


def test_wide_is_one_row_per_frame() -> None:
    bad = b"\x08\x00"
    table = uc.decode_batch([WATER, BATTERY, bad, big_pulse_frame()], fports=[24, 11, 24, 24])
    w = uc.wide(table)
    assert list(w.index) == [0, 1, 3]
    assert list(w.columns) == [
        "Water meter/Cumulated water volume",
        "Water meter/Timestamp",
        "Battery/Battery level",
        "Battery[1]/Battery level",
        "Water meter/Cumulated pulse value",
        "Water meter/Leak suspected",
    ]
    assert w.loc[0, "Water meter/Cumulated water volume"] == 12.5
    assert w.loc[0, "Water meter/Timestamp"] == pd.Timestamp(1700000000, unit="s", tz="UTC")
    assert str(w["Water meter/Timestamp"].dtype).startswith("datetime64")
    assert w.loc[1, "Battery[1]/Battery level"] == 12 and str(w["Battery/Battery level"].dtype) == "Int64"
    assert w.loc[3, "Water meter/Cumulated pulse value"] == BIG
    assert w.loc[3, "Water meter/Leak suspected"] == True  # noqa: E712 (a pandas boolean)
    assert pd.isna(w.loc[1, "Water meter/Cumulated water volume"])


def test_wide_keeps_reader_columns() -> None:
    text = (
        '{"end_device_ids": {"device_id": "water-01", "dev_eui": "70B3D57ED0000001"}, "received_at": '
        '"2024-05-01T12:00:00Z", "uplink_message": {"f_port": 24, "f_cnt": 3, "frm_payload": "CAANxAFBSAAA5BWOZVPxAA=="}}'
    )
    w = uc.wide(uc.read_tts(text))
    assert list(w.columns[:6]) == ["device_id", "device_name", "dev_eui", "received_at", "fport", "f_cnt"]
    assert w.loc[0, "dev_eui"] == "70b3d57ed0000001" and w.loc[0, "Water meter/Cumulated water volume"] == 12.5


def test_wide_of_an_empty_table() -> None:
    assert uc.wide(uc.decode_batch([], "tlv", "/3424")).empty


def test_help_and_dir() -> None:
    public = set(uc.__all__)
    assert [n for n in dir(uc) if not n.startswith("_") or n == "__version__"] == sorted(public)
    for name in ("Any", "Optional", "annotations", "Mapping"):
        assert name not in dir(uc)
    for name in sorted(public - {"__version__"}):
        assert getattr(uc, name).__doc__, name
    for name in ("decode", "decode_batch", "encode", "fit", "objects", "read_tts", "read_chirpstack", "to_pandas",
                 "wide", "load_ddf"):
        doc = getattr(uc, name).__doc__ or ""
        assert len(doc.splitlines()) >= 4, f"{name}: {doc!r}"
    assert "fport" in uc.decode.__doc__ and "CodecError" in uc.decode.__doc__
    assert pa is not None
