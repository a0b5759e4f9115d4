"""read_tts / read_chirpstack: network-server exports parsed in Rust into one table with device columns."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path
from typing import Any, Dict, List, Optional

import pyarrow as pa
import pytest

import ucifi_codec as uc

WATER = bytes.fromhex("08000dc40141480000e4158e6553f100")  # fPort 24: /3424/0/1 = 12.5, /3424/0/5518 = 1700000000
BATTERY = bytes.fromhex("0300c101570301c1010c")  # fPort 11: /3411/0/1 = 87, /3411/1/1 = 12
ENVELOPE = ["device_id", "device_name", "dev_eui", "received_at", "fport", "f_cnt"]


def b64(b: bytes) -> str:
    return base64.b64encode(b).decode()


def tts_up(device: str, eui: str, fport: Optional[int], fcnt: int, payload: Optional[bytes], at: str,
           wrap: bool = True) -> Dict[str, Any]:
    """An ApplicationUp as TTS writes it (protobuf JSON: zero values left out)."""
    msg: Dict[str, Any] = {
        "session_key_id": "AXBSr1bXnVtp+oPB1ceVwQ==",
        "f_cnt": fcnt,
        "rx_metadata": [{"gateway_ids": {"gateway_id": "gw-1", "eui": "B827EBFFFE000001"}, "rssi": -97,
                         "channel_rssi": -97, "snr": 7.25, "uplink_token": "ChIKEAoEZ3ctMRIIuCfr//4AAAE=",
                         "received_at": at}],
        "settings": {"data_rate": {"lora": {"bandwidth": 125000, "spreading_factor": 7, "coding_rate": "4/5"}},
                     "frequency": "868100000", "timestamp": 3262817883},
        "received_at": at,
        "consumed_airtime": "0.056576s",
    }
    if fport:
        msg["f_port"] = fport
    if payload:
        msg["frm_payload"] = b64(payload)
    up = {
        "end_device_ids": {"device_id": device, "application_ids": {"application_id": "city"}, "dev_eui": eui,
                           "join_eui": "0000000000000000", "dev_addr": "260B1234"},
        "correlation_ids": ["as:up:01HX5N4Z4W0000000000000000"],
        "received_at": at,
        "uplink_message": msg,
    }
    return {"result": up} if wrap else up


def cs_up(eui: str, fport: Optional[int], fcnt: int, payload: Optional[bytes], time: str) -> Dict[str, Any]:
    """A ChirpStack v4 UplinkEvent as its MQTT / HTTP integrations write it."""
    ev: Dict[str, Any] = {
        "deduplicationId": "3ac7e3c4-4401-4b8d-9386-a5c902f9202d",
        "time": time,
        "deviceInfo": {"tenantId": "52f14cd4-c6f1-4fbd-8f87-4025e1d49242", "tenantName": "City",
                       "applicationId": "17c82e96-be03-4f38-aef3-f83d48582d97", "applicationName": "water",
                       "deviceProfileId": "14855bf7-d10d-4aee-b618-ebfcb64dc7ad", "deviceProfileName": "ucifi",
                       "deviceName": "meter-" + eui[-2:], "devEui": eui, "tags": {}},
        "devAddr": "00189440", "adr": True, "dr": 5, "fCnt": fcnt, "confirmed": False,
        "rxInfo": [{"gatewayId": "0016c001f153a14c", "uplinkId": 4217106255, "rssi": -36, "snr": 10.5}],
        "txInfo": {"frequency": 868300000, "modulation": {"lora": {"bandwidth": 125000, "spreadingFactor": 7}}},
    }
    if fport is not None:
        ev["fPort"] = fport
    if payload is not None:
        ev["data"] = b64(payload)
    return ev


def lines(*msgs: Any) -> str:
    return "\n".join(m if isinstance(m, str) else json.dumps(m) for m in msgs) + "\n"


AT = "2024-05-01T12:00:00.123456789Z"


def test_tts_storage_ndjson_with_every_kind_of_line() -> None:
    text = lines(
        tts_up("water-01", "70B3D57ED0000001", 24, 42, WATER, AT),                        # 0: two records
        tts_up("batt-07", "70B3D57ED0000007", 11, 0, BATTERY, "2024-05-01T14:00:01+02:00"),  # 1: f_cnt 0 left out
        '{"result": {"end_device_ids": {"device_id": "water-01"}, "uplink_message": {"f_port": 24, "frm_pa',  # 2
        "",                                                                                # blank: not a message
        tts_up("water-01", "70B3D57ED0000001", 44, 43, WATER, AT),                        # 3: no entry for 44
        {"result": {"end_device_ids": {"device_id": "water-01"}, "join_accept": {"session_key_id": "AX"}}},  # 4
        json.dumps(tts_up("water-01", "70B3D57ED0000001", 24, 44, WATER, AT)).replace(b64(WATER), "CA*A"),  # 5
        tts_up("water-\u00e9", "70B3D57ED0000001", 24, 45, WATER, AT, wrap=False),         # 6: webhook body
        tts_up("water-01", "70B3D57ED0000001", None, 46, None, AT),                       # 7: fPort 0, no payload
    )
    table = uc.read_tts(text)
    table.validate(full=True)
    assert table.column_names[:7] == ["frame"] + ENVELOPE
    rows = table.to_pylist()
    got = [(r["frame"], r["device_id"], r["fport"], r["path"], r["error_kind"], r["error_offset"]) for r in rows]
    line2_start = text.index('{"result": {"end_device_ids": {"device_id": "water-01"}, "uplink_message"')
    assert got == [
        (0, "water-01", 24, "/3424/0/1", None, None),
        (0, "water-01", 24, "/3424/0/5518", None, None),
        (1, "batt-07", 11, "/3411/0/1", None, None),
        (1, "batt-07", 11, "/3411/1/1", None, None),
        (2, None, None, None, "INVALID_JSON", got[4][5]),
        (3, "water-01", 44, None, "UNKNOWN_PORT", 0),
        (5, "water-01", 24, None, "INVALID_BASE64", 2),
        (6, "water-é", 24, "/3424/0/1", None, None),
        (6, "water-é", 24, "/3424/0/5518", None, None),
        (7, "water-01", 0, None, "UNKNOWN_PORT", 0),
    ]
    assert line2_start < got[4][5] <= len(text)
    assert rows[0]["value_float"] == 12.5 and rows[1]["value_int"] == 1700000000
    assert rows[0]["unit"] == "m3" and rows[2]["value_int"] == 87
    assert rows[2]["f_cnt"] == 0 and rows[0]["f_cnt"] == 42 and rows[0]["dev_eui"] == "70b3d57ed0000001"
    assert rows[0]["device_name"] == "water-01"
    assert table.schema.field("received_at").type == pa.timestamp("ns", tz="UTC")
    assert table.schema.field("device_id").type == pa.dictionary(pa.int32(), pa.string())
    assert (table.schema.field("fport").type, table.schema.field("f_cnt").type) == (pa.uint8(), pa.uint32())
    ns = table.column("received_at").cast(pa.int64()).to_pylist()
    assert ns[0] == 1714564800123456789 and ns[2] == 1714564801000000000 and ns[4] is None


def test_tts_shapes_array_pretty_file_lines_and_bytes(tmp_path: Path) -> None:
    msgs = [tts_up("water-01", "70B3D57ED0000001", 24, i, WATER, AT) for i in range(3)]
    want = uc.read_tts(lines(*msgs)).to_pylist()
    assert len(want) == 6 and [r["f_cnt"] for r in want] == [0, 0, 1, 1, 2, 2]
    f = tmp_path / "export.ndjson"
    f.write_text(lines(*msgs))
    arr = tmp_path / "export.json"
    arr.write_text(json.dumps([m["result"] for m in msgs], indent=2))
    for source in (
        json.dumps(msgs),
        "\n".join(json.dumps(m, indent=2) for m in msgs),
        str(f),
        f,
        arr,
        f.read_bytes(),
        lines(*msgs).splitlines(),
        [line.encode() for line in lines(*msgs).splitlines()],
        io.StringIO(lines(*msgs)),
        io.BytesIO(f.read_bytes()),
    ):
        assert uc.read_tts(source).to_pylist() == want, type(source)
    with pytest.raises(FileNotFoundError) as e:
        uc.read_tts(str(tmp_path / "missing.ndjson"))
    assert e.value.filename == str(tmp_path / "missing.ndjson")


def test_broken_array_is_one_error_row() -> None:
    table = uc.read_tts('[{"result": {}}, {"result": ')
    assert table.to_pylist()[0]["error_kind"] == "INVALID_JSON" and table.num_rows == 1


def test_empty_export_has_every_column() -> None:
    table = uc.read_tts("")
    assert table.num_rows == 0 and table.column_names[:7] == ["frame"] + ENVELOPE
    assert table.schema == uc.read_tts(lines(tts_up("a", "b", 24, 1, WATER, AT))).schema


def test_explicit_format_and_user_ports() -> None:
    pack = uc.encode([{"path": "/3303/0/5700", "value": 21.5}], "senml-cbor")
    text = lines(tts_up("t-1", "70B3D57ED0000009", 5, 1, pack, AT))
    assert uc.read_tts(text, "senml-cbor").column("value_float").to_pylist() == [21.5]
    assert uc.read_tts(text, ports={5: "senml-cbor"}).column("path").to_pylist() == ["/3303/0/5700"]
    assert uc.read_tts(text).column("error_kind").to_pylist() == ["UNKNOWN_PORT"]


def test_chirpstack_events() -> None:
    text = lines(
        cs_up("0016c001f153a14c", 24, 7, WATER, "2024-05-01T14:00:00.5+02:00"),
        {"deduplicationId": "x", "time": "2024-05-01T12:00:00Z",
         "deviceInfo": {"devEui": "0016c001f153a14c"}, "devAddr": "00189440"},          # join event: no rows
        cs_up("0016c001f153a14d", 11, 8, BATTERY, "2024-05-01T12:00:01Z"),
        cs_up("0016c001f153a14d", 11, 9, None, "2024-05-01T12:00:02Z"),                  # empty payload
        cs_up("0016c001f153a14d", 11, 10, b"\xc1", "2024-05-01T12:00:03Z"),
    )
    table = uc.read_chirpstack(text)
    table.validate(full=True)
    rows = table.to_pylist()
    assert [(r["frame"], r["device_id"], r["fport"], r["f_cnt"], r["path"], r["error_kind"]) for r in rows] == [
        (0, "0016c001f153a14c", 24, 7, "/3424/0/1", None),
        (0, "0016c001f153a14c", 24, 7, "/3424/0/5518", None),
        (2, "0016c001f153a14d", 11, 8, "/3411/0/1", None),
        (2, "0016c001f153a14d", 11, 8, "/3411/1/1", None),
        (4, "0016c001f153a14d", 11, 10, None, "UNEXPECTED_END"),
    ]
    assert rows[0]["dev_eui"] == rows[0]["device_id"] == "0016c001f153a14c"
    assert rows[0]["device_name"] == "meter-4c"
    assert table.column("received_at").cast(pa.int64()).to_pylist()[0] == 1714564800500000000
    df = table.to_pandas()
    assert str(df["received_at"].dtype).startswith("datetime64[ns, UTC]")


@pytest.mark.parametrize(
    "text,ns",
    [
        ("1970-01-01T00:00:00Z", 0),
        ("2024-02-29T23:59:59.999999999999Z", 1709251199999999999),
        ("2024-05-01t12:00:00z", 1714564800000000000),
        ("2024-05-01 13:30:00+01:30", 1714564800000000000),
        ("1969-12-31T23:59:59.5-00:00", -500000000),
        ("2016-12-31T23:59:60Z", 1483228799999999999),
        ("2023-02-29T00:00:00Z", None),
        ("2024-05-01T12:00:00", None),
        ("2024-05-01T12:00:00.Z", None),
        ("not a time", None),
    ],
)
def test_received_at_parsing(text: str, ns: Optional[int]) -> None:
    table = uc.read_chirpstack(lines(cs_up("00", 24, 1, WATER, text)))
    assert table.column("received_at").cast(pa.int64()).to_pylist()[0] == ns


def test_gzip_dicts_and_lists(tmp_path: Path) -> None:
    import gzip

    msgs = [tts_up("water-01", "70B3D57ED0000001", 24, i, WATER, AT) for i in range(3)]
    want = uc.read_tts(lines(*msgs)).to_pylist()
    assert len(want) == 6
    gz = tmp_path / "export.ndjson.gz"
    gz.write_bytes(gzip.compress(lines(*msgs).encode()))
    for source in (
        str(gz),
        gz,
        gzip.compress(lines(*msgs).encode()),
        io.BytesIO(gzip.compress(lines(*msgs).encode())),
        msgs,
        [m["result"] for m in msgs],
        (json.dumps(m) for m in msgs),
    ):
        assert uc.read_tts(source).to_pylist() == want, type(source)
    one = uc.read_tts(msgs[0]).to_pylist()
    assert one == want[:2]
    cs = [cs_up("0016C001F153A14C", 24, i, WATER, AT) for i in range(2)]
    gz_cs = tmp_path / "events.json.gz"
    gz_cs.write_bytes(gzip.compress(json.dumps(cs).encode()))
    rows = uc.read_chirpstack(gz_cs).to_pylist()
    assert len(rows) == 4 and rows[0]["dev_eui"] == "0016c001f153a14c"


def test_one_device_identity_across_readers() -> None:
    tts = uc.read_tts(lines(tts_up("meter-4c", "0016C001F153A14C", 24, 1, WATER, AT))).to_pylist()
    cs = uc.read_chirpstack(lines(cs_up("0016c001f153a14c", 24, 1, WATER, AT))).to_pylist()
    assert [(r["dev_eui"], r["device_name"]) for r in tts] == [(r["dev_eui"], r["device_name"]) for r in cs]


def test_the_other_export_kind_is_a_clear_error() -> None:
    cs = lines(cs_up("0016c001f153a14c", 24, 1, WATER, AT), cs_up("0016c001f153a14c", 24, 2, WATER, AT))
    with pytest.raises(ValueError, match="read_chirpstack"):
        uc.read_tts(cs)
    tts = lines(tts_up("water-01", "70B3D57ED0000001", 24, 1, WATER, AT))
    with pytest.raises(ValueError, match="read_tts"):
        uc.read_chirpstack(tts)
    with pytest.raises(TypeError, match="dict, str or bytes"):
        uc.read_tts([1, 2])
    # Exports of the right kind without uplinks are no error: an empty table.
    join = {"result": {"end_device_ids": {"device_id": "water-01"}, "join_accept": {"session_key_id": "AX"}}}
    assert uc.read_tts([join]).num_rows == 0
