"""The single-frame API: arguments, errors, the model, fit, and the error vocabulary."""

from __future__ import annotations

import json
import math
import pickle
import re
from pathlib import Path

import pytest

import ucifi_codec as uc
from ucifi_codec import _ucifi
from conftest import SPEC_EXAMPLES

WATER = "c40141480000"  # /3424/0/1 = 12.5 (binary32)
VENDOR_DDF = """<LWM2M><Object ObjectType="MODefinition"><Name>Bench gauge</Name><ObjectID>32770</ObjectID>
<MultipleInstances>Multiple</MultipleInstances><Mandatory>Optional</Mandatory><Resources>
<Item ID="0"><Name>Level</Name><Operations>R</Operations><MultipleInstances>Single</MultipleInstances>
<Mandatory>Mandatory</Mandatory><Type>Float</Type><RangeEnumeration>0..10</RangeEnumeration><Units>m</Units></Item>
</Resources></Object></LWM2M>"""


def test_decode_bytes_bytearray_and_hex() -> None:
    want = [{"path": "/3424/0/1", "name": "Cumulated water volume", "unit": "m3", "type": "float", "value": 12.5}]
    assert uc.decode(bytes.fromhex(WATER), "tlv", "/3424/0") == want
    assert uc.decode(bytearray.fromhex(WATER), "tlv", "/3424/0") == want
    assert uc.decode(WATER, "tlv", "/3424/0") == want


def test_format_argument_objects() -> None:
    """decode() remembers the last ``format`` string object: equal strings made at run time, str subclasses and
    other names in turn read as their text; a name that is no format and a non-string still fail."""

    class Name(str):
        pass

    want = uc.decode(WATER, "tlv", "/3424/0")
    for name in ["tlv", "".join(["t", "lv"]), Name("tlv"), "senml-cbor", "tlv"]:
        if name == "senml-cbor":
            with pytest.raises(uc.CodecError):
                uc.decode(WATER, name, "/3424/0")
        else:
            assert uc.decode(WATER, name, "/3424/0") == want
    with pytest.raises(uc.CodecError) as e:
        uc.decode(WATER, "".join(["tl", "x"]), "/3424/0")
    assert e.value.code == uc.ErrorCode.UNKNOWN_FORMAT
    with pytest.raises(TypeError):
        uc.decode(WATER, 5, "/3424/0")  # type: ignore[arg-type]
    assert uc.decode(WATER, "tlv", "/3424/0") == want

def test_encode_roundtrip_and_defaults() -> None:
    assert uc.encode([{"path": "/3424/0/1", "value": 12.5}], "tlv", "/3424/0").hex() == WATER
    records = uc.decode(WATER, "tlv", "/3424/0")
    for fmt in uc.formats():
        if fmt in ("tlv",):
            continue
        try:
            frame = uc.encode(records, fmt, "/3424/0/1")
        except uc.CodecError:
            continue  # a format that cannot carry this record
        back = uc.decode(frame, fmt, "/3424/0/1")
        assert [(r["path"], r["value"]) for r in back] == [("/3424/0/1", 12.5)], fmt


def test_exact_integers_and_non_finite_floats() -> None:
    big = 2**64 - 1
    frame = uc.encode([{"path": "/32769/0/5/0", "type": "unsigned", "value": big}], "senml-cbor")
    (r,) = uc.decode(frame, "senml-cbor")
    assert r["value"] == big and type(r["value"]) is int and r["type"] == "unsigned" and r["unknown"] is True
    low = -(2**63)
    frame = uc.encode([{"path": "/3/0/9", "value": low, "type": "integer"}], "senml-cbor")
    assert uc.decode(frame, "senml-cbor")[0]["value"] == low
    for value in (float("nan"), "NaN", float("inf"), "-Infinity"):
        frame = uc.encode([{"path": "/3424/0/1", "value": value}], "tlv", "/3424/0")
        (r,) = uc.decode(frame, "tlv", "/3424/0")
        assert isinstance(r["value"], float) and not math.isfinite(r["value"])


def test_opaque_is_hex_and_encode_takes_bytes() -> None:
    frame = uc.encode([{"path": "/32769/0/1", "type": "opaque", "value": b"\x01\xff"}], "senml-cbor")
    (r,) = uc.decode(frame, "senml-cbor")
    assert r["value"] == "01ff" and r["type"] == "opaque" and r["unknown"] is True
    assert uc.encode([{"path": "/32769/0/1", "type": "opaque", "value": "01ff"}], "senml-cbor") == frame


def test_argument_errors() -> None:
    with pytest.raises(TypeError):
        uc.decode(WATER)
    with pytest.raises(ValueError):
        uc.decode(WATER, "tlv", fport=24)
    with pytest.raises(TypeError):
        uc.decode(12, "tlv", "/3424/0")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        uc.encode({"path": "/3424/0/1", "value": 1.0}, "tlv", "/3424/0")  # type: ignore[arg-type]
    with pytest.raises(uc.CodecError) as e:
        uc.decode(WATER, "xml", "/3424/0")
    assert (e.value.code, e.value.offset) == (uc.ErrorCode.UNKNOWN_FORMAT, 0)
    with pytest.raises(uc.CodecError) as e:
        uc.decode(WATER, "tlv", "/3424/x")
    assert (e.value.code, e.value.offset) == (uc.ErrorCode.INVALID_PATH, 6)


def test_codec_error_carries_code_offset_and_pickles() -> None:
    with pytest.raises(uc.CodecError) as info:
        uc.decode(WATER[:-2], "tlv", "/3424/0")
    e = info.value
    assert isinstance(e, ValueError)
    # The resource element at 0 announces 4 value bytes; 3 follow.
    assert e.code is uc.ErrorCode.UNEXPECTED_END and e.kind == "UNEXPECTED_END" and e.offset == 0
    assert str(e).startswith("UNEXPECTED_END at offset 0")
    back = pickle.loads(pickle.dumps(e))
    assert (type(back), back.code, back.offset, str(back)) == (uc.CodecError, e.code, 0, str(e))


def test_encode_errors_point_at_the_record() -> None:
    records = [{"path": "/3424/0/9", "value": False}, {"path": "/3424/0/1", "type": "string", "value": "x"}]
    with pytest.raises(uc.CodecError) as e:
        uc.encode(records, "tlv", "/3424/0")
    assert (e.value.code, e.value.offset) == (uc.ErrorCode.TYPE_MISMATCH, 1)
    with pytest.raises(uc.CodecError) as e:
        uc.encode([{"path": "/3424/0/1", "value": 1.5}, 7], "tlv", "/3424/0")  # type: ignore[list-item]
    assert (e.value.code, e.value.offset) == (uc.ErrorCode.INVALID_RECORD, 1)
    with pytest.raises(uc.CodecError) as e:
        uc.encode([{"value": 1.5}], "tlv", "/3424/0")
    assert (e.value.code, e.value.offset) == (uc.ErrorCode.INVALID_RECORD, 0)
    with pytest.raises(uc.CodecError) as e:
        uc.encode([{"path": "/3/0/9", "type": "integer", "value": 2**64}], "tlv", "/3/0")
    assert e.value.code == uc.ErrorCode.INVALID_RECORD


def test_max_size_reports_the_size_needed() -> None:
    records = [{"path": "/3424/0/1", "value": 1234.5}, {"path": "/3424/0/9", "value": False}]
    assert len(uc.encode(records, "tlv", "/3424/0", max_size=9)) == 9
    with pytest.raises(uc.CodecError) as e:
        uc.encode(records, "tlv", "/3424/0", max_size=3)
    assert (e.value.code, e.value.offset) == (uc.ErrorCode.BUFFER_TOO_SMALL, 9)


def test_fport_convention_and_user_ports() -> None:
    frame = bytes.fromhex("08000dc40141480000e4158e6553f100")
    got = uc.decode(frame, fport=24)
    assert [(r["path"], r["value"]) for r in got] == [("/3424/0/1", 12.5), ("/3424/0/5518", 1700000000)]
    assert uc.encode(got, fport=24) == frame
    with pytest.raises(uc.CodecError) as e:
        uc.decode(frame, fport=44)
    assert (e.value.code, e.value.offset) == (uc.ErrorCode.UNKNOWN_PORT, 0)
    with pytest.raises(uc.CodecError):
        uc.decode(frame, fport=300)
    # A user entry: IPSO temperature instance 0, bare resources, on fPort 70; SenML-CBOR on 71.
    ports = {70: ("tlv", "/3303/0"), 71: "senml-cbor"}
    temp = uc.encode([{"path": "/3303/0/5700", "value": 21.5}], fport=70, ports=ports)
    assert uc.decode(temp, fport=70, ports=ports)[0]["value"] == 21.5
    pack = uc.encode([{"path": "/3303/0/5700", "value": 21.5}], "senml-cbor")
    assert uc.decode(pack, fport=71, ports=ports)[0]["path"] == "/3303/0/5700"
    with pytest.raises(TypeError):
        uc.decode(frame, fport=70, ports={70: 5})  # type: ignore[dict-item]


def test_model_ddf_objects_and_pickle(tmp_path: Path) -> None:
    assert isinstance(uc.objects(), list) and len(uc.objects()) >= 58
    water = uc.objects(3424)
    assert water["name"] == "Water meter" and water["resources"][0]["name"] == "Cumulated water volume"
    assert list(water)[:3] == ["id", "name", "version"]
    with pytest.raises(KeyError):
        uc.objects(32770)
    model = uc.load_ddf(VENDOR_DDF)
    assert model.loaded() == [32770]
    assert model.objects(32770)["resources"][0]["unit"] == "m"
    assert uc.objects(32770, model=model)["name"] == "Bench gauge"
    frame = uc.encode([{"path": "/32770/0/0", "value": 2.5}], "tlv", "/32770/0", model=model)
    assert uc.decode(frame, "tlv", "/32770/0", model=model)[0]["unit"] == "m"
    assert uc.decode(frame, "tlv", "/32770/0")[0]["unknown"] is True
    again = pickle.loads(pickle.dumps(model))
    assert again.loaded() == [32770]
    f = tmp_path / "gauge.xml"
    f.write_text(VENDOR_DDF)
    from_file = uc.Model()
    assert from_file.load_path(f) == 1 and from_file.load_path(str(tmp_path)) == 1
    assert pickle.loads(pickle.dumps(from_file)).loaded() == [32770]
    assert uc.Model([VENDOR_DDF]).loaded() == uc.Model(VENDOR_DDF).loaded() == [32770]
    with pytest.raises(uc.CodecError) as e:
        uc.load_ddf(VENDOR_DDF.replace("<ObjectID>32770", "<ObjectID>abc"))
    assert e.value.code == uc.ErrorCode.INVALID_DDF and e.value.offset == VENDOR_DDF.index("<ObjectID>")
    with pytest.raises(OSError):
        uc.Model().load_path(tmp_path / "missing.xml")


def test_fit_splits_and_frames_decode_back() -> None:
    records = [{"path": f"/3424/0/{rid}", "value": v} for rid, v in [(1, 12.5), (3, "ultrasonic"), (9, False)]]
    out = uc.fit(records, budget=11)
    assert out["budget"] == 11 and out["left_out"] == [1]
    taken = sorted(i for f in out["frames"] for i in f["records"])
    assert taken == [0, 2]
    for f in out["frames"]:
        assert len(f["payload"]) <= 11 and f["fport"] == 24 and f["format"] == "tlv"
        back = uc.decode(f["payload"], fport=f["fport"])
        assert [r["path"] for r in back] == [records[i]["path"] for i in f["records"]]
    eu = uc.fit(records, region="EU868", dr=0)
    assert eu["budget"] == 51 and eu["left_out"] == [] and len(eu["frames"]) == 1
    with pytest.raises(ValueError):
        uc.fit(records, region="MARS", dr=0)
    with pytest.raises(TypeError):
        uc.fit(records)


def test_error_code_is_the_core_list_and_the_stub_lists_it() -> None:
    kinds = _ucifi.error_kinds()
    assert [(m.name, m.value) for m in uc.ErrorCode] == kinds
    stub = (Path(uc.__file__).parent / "__init__.pyi").read_text()
    block = stub.split("class ErrorCode(IntEnum):", 1)[1].split("\nclass ", 1)[0]
    listed = [(n, int(v)) for n, v in re.findall(r"^    ([A-Z0-9_]+) = (\d+)$", block, re.M)]
    missing = "\n".join(f"    {n} = {v}" for n, v in kinds)
    assert listed == kinds, f"update ErrorCode in __init__.pyi to:\n{missing}"


def test_spec_device_examples() -> None:
    examples = json.loads(SPEC_EXAMPLES.read_text())["examples"]
    checked = 0
    for ex in examples:
        fmt, request = ex["format"], ex["meaning"].get("request", "")
        path = request.split()[-1] if request.startswith("Read /3") else None
        if path is None or (fmt == "tlv") != (fmt in ("tlv",)):
            continue
        path = path if fmt == "tlv" else None
        got = {r["path"]: r["value"] for r in uc.decode(ex["hex"], fmt, path)}
        for p, v in ex["meaning"]["values"].items():
            assert got[p] == v, (ex["source"], p)
        checked += 1
    assert checked >= 2  # the TLV and the SenML-CBOR Device examples
