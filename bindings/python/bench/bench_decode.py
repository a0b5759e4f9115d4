"""Batch-decoding speed of ucifi_codec against pure-Python SenML decoders, in one run.

Payload: the LwM2M 1.1.1 Device /3/0 SenML-CBOR example (196 bytes, 16 records; vectors/spec-examples.json),
repeated N times. Measured, each as the best of several runs, wall clock and process CPU time:

1. ``ucifi_codec.decode_batch`` (list of bytes → pyarrow Table with names and units), and the same from a pyarrow
   binary column; for reference the Device TLV example (121 B) and the per-frame ``decode()`` (dicts); the 44-byte
   water-meter frame, also with its values changing from frame to frame, and Device and water-meter frames in turn
   (a structure that changes every frame, which the batch cannot read from the values alone);
2. a cbor2-based pure-Python SenML decoder (``py_senml`` below: resolves bn + n, bt + t, bv + v and the value
   field; no model, no names or units, no checks) — the floor for any Python-level SenML decoder;
3. kpn-senml (``pip install kpn-senml``): ``SenmlPack.from_cbor`` with a callback collecting the records;
4. ``decode()`` against ``cbor2.loads`` run alternately (results kept in a list, and dropped at once), so that a
   changing load on a shared machine weighs on both alike; the ratio is the figure to read. Each in a fresh
   interpreter: with nothing else imported (a per-uplink handler), and with pyarrow and pandas imported (a notebook),
   whose objects the garbage collector walks at every full collection, for both decoders alike;
5. The Things Stack export end to end: ``read_tts`` on N storage-integration NDJSON lines (≈1.2 KB each, with
   ``rx_metadata`` and ``settings``) carrying the payload on fPort 101 (the SenML-CBOR port), against ``json.loads`` +
   ``base64`` + ``py_senml`` per line.

Usage: ``python bench/bench_decode.py [--frames N] [--lines N] [--repeat K] [--json OUT]``
       ``python bench/bench_decode.py --per-frame N [--repeat K] [--load MODULE]...`` (part 4 alone)
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import platform
import struct
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import cbor2

import ucifi_codec as uc

HERE = Path(__file__).resolve().parent
SPEC = HERE.parents[2] / "vectors" / "spec-examples.json"
DEVICE_TLV = bytes.fromhex(
    "c800144f70656e204d6f62696c6520416c6c69616e6365c801164c69676874776569676874204d324d20436c69656e74c80209"
    "333435303030313233c303312e30860641000141010588070842000ed842011388870841007d42010384c10964c10a0f830b41"
    "0000c40d5182428fc60e2b30323a3030c11055"
)


# A water-meter reading in SenML-CBOR, 44 bytes: /3424/0/1 volume 1234.5 m3, /3424/0/4 pulses 1234500, /3424/0/5518
# timestamp 1795430400 (the README's reading, three of its records) — the small-frame case of the speed goals.
WATER_SENML = bytes.fromhex(
    "83a321682f333432342f302f00613102fa449a5000a2006134021a0012d644a2006435353138021a6b041800"
)


def water_reading(i: int) -> bytes:
    """The water-meter frame with reading ``i``: volume, pulses and timestamp changed (same CBOR widths)."""
    f = bytearray(WATER_SENML)
    f[17:21] = struct.pack(">f", 1234.5 + i * 0.25)
    f[27:31] = struct.pack(">I", 1234500 + 7 * i)
    f[40:44] = struct.pack(">I", 1795430400 + 900 * i)
    return bytes(f)


def device_senml_cbor() -> bytes:
    """The 196-byte Device SenML-CBOR example of the LwM2M 1.1.1 core specification."""
    for example in json.loads(SPEC.read_text())["examples"]:
        if example["format"] == "senml-cbor" and example["meaning"].get("request") == "Read /3/0":
            return bytes.fromhex(example["hex"])
    raise SystemExit(f"no Device SenML-CBOR example in {SPEC}")


def py_senml(frame: bytes) -> List[Tuple[str, Any, Optional[float]]]:
    """A minimal pure-Python SenML-CBOR decoder: (name, value, time) per record, base fields resolved."""
    out = []
    bn, bt, bv = "", 0.0, 0.0
    for rec in cbor2.loads(frame):
        bn = rec.get(-2, bn)
        bt = rec.get(-3, bt)
        bv = rec.get(-5, bv)
        if 2 in rec:
            value: Any = bv + rec[2]
        elif 3 in rec:
            value = rec[3]
        elif 4 in rec:
            value = rec[4]
        elif 8 in rec:
            value = rec[8]
        else:
            value = rec.get("vlo")
        t = rec.get(6)
        out.append((bn + rec.get(0, ""), value, bt + t if t is not None else (bt or None)))
    return out


def kpn_decoder() -> Optional[Callable[[bytes], List[Tuple[str, Any]]]]:
    """kpn-senml's decoder, or None when it is not installed."""
    try:
        import kpn_senml
        from kpn_senml import SenmlPack
    except ImportError:
        return None
    # kpn-senml 1.0.1 still calls Python 2's `basestring` for string values: give it one.
    kpn_senml.senml_record.basestring = str  # type: ignore[attr-defined]

    def decode(frame: bytes) -> List[Tuple[str, Any]]:
        out: List[Tuple[str, Any]] = []
        pack = SenmlPack("", lambda rec, device=None: out.append(((device.name if device else "") + rec.name, rec.value)))
        pack.from_cbor(frame)
        return out

    return decode


def best(fn: Callable[[], Any], repeat: int) -> Tuple[float, float, Any]:
    """(best wall seconds, CPU seconds of that run, result). The result of one run is dropped before the next
    starts, so that no run works beside the objects of an earlier one."""
    result = None
    runs = []
    for _ in range(repeat):
        result = None
        w, c = time.perf_counter(), time.process_time()
        result = fn()
        runs.append((time.perf_counter() - w, time.process_time() - c))
    wall, cpu = min(runs)
    return wall, cpu, result


def interleaved(fa: Callable[[], Any], fb: Callable[[], Any], rounds: int) -> Tuple[float, float]:
    """Best process CPU time of ``fa`` and of ``fb``, run alternately ``rounds`` times each (on a shared machine the
    load then weighs on both alike)."""
    ta = tb = float("inf")
    for _ in range(rounds):
        for fn, which in ((fa, 0), (fb, 1)):
            c0 = time.process_time()
            result = fn()
            c = time.process_time() - c0
            del result
            if which == 0:
                ta = min(ta, c)
            else:
                tb = min(tb, c)
    return ta, tb


def drop_each(fn: Callable[[bytes], Any], frames: List[bytes]) -> Callable[[], None]:
    """A loop calling ``fn`` on every frame and dropping each result at once."""

    def run() -> None:
        for f in frames:
            fn(f)

    return run


def tts_lines(frame: bytes, n: int) -> bytes:
    """n storage-integration NDJSON lines carrying `frame` on fPort 101."""
    lines = []
    payload = base64.b64encode(frame).decode()
    for i in range(n):
        at = f"2024-05-01T12:{i // 60 % 60:02d}:{i % 60:02d}.123456789Z"
        up = {
            "end_device_ids": {
                "device_id": f"device-{i % 50:03d}",
                "application_ids": {"application_id": "city-lighting"},
                "dev_eui": f"70B3D57ED0{i % 50:06X}",
                "join_eui": "0000000000000000",
                "dev_addr": "260B1234",
            },
            "correlation_ids": ["as:up:01HX5N4Z4W8R3T6Y9B2C5D7F0G", f"rpc:/ttn.lorawan.v3.AppAs/Up:{i:08d}"],
            "received_at": at,
            "uplink_message": {
                "session_key_id": "AXBSr1bXnVtp+oPB1ceVwQ==",
                "f_port": 101,
                "f_cnt": i,
                "frm_payload": payload,
                "rx_metadata": [
                    {
                        "gateway_ids": {"gateway_id": "gw-city-hall", "eui": "B827EBFFFE000001"},
                        "time": at,
                        "timestamp": 3262817883,
                        "rssi": -97,
                        "channel_rssi": -97,
                        "snr": 7.25,
                        "location": {"latitude": 52.3676, "longitude": 4.9041, "altitude": 12, "source": "SOURCE_REGISTRY"},
                        "uplink_token": "ChIKEAoEZ3ctMRIIuCfr//4AAAEQ2+3xlAwaDAi/k9mxBhDAxf2kASDYxfLW7F4=",
                        "received_at": at,
                    }
                ],
                "settings": {
                    "data_rate": {"lora": {"bandwidth": 125000, "spreading_factor": 7, "coding_rate": "4/5"}},
                    "frequency": "868100000",
                    "timestamp": 3262817883,
                    "time": at,
                },
                "received_at": at,
                "consumed_airtime": "0.358656s",
                "network_ids": {"net_id": "000013", "tenant_id": "ttn", "cluster_id": "eu1", "cluster_address": "eu1.cloud.thethings.network"},
            },
        }
        lines.append(json.dumps({"result": up}))
    return ("\n".join(lines) + "\n").encode()


def py_tts(text: bytes) -> List[Any]:
    """The pure-Python route: json.loads + base64 + py_senml per line."""
    out = []
    for line in text.splitlines():
        if line.strip():
            up = json.loads(line)["result"]
            msg = up["uplink_message"]
            out.append((up["end_device_ids"]["device_id"], py_senml(base64.b64decode(msg.get("frm_payload", "")))))
    return out


def per_frame(frames_n: int, repeat: int, load: List[str]) -> None:
    """``decode()`` against ``cbor2.loads`` on the same frames, run alternately (best of 2 * repeat each), results kept
    in a list and dropped at once (what a per-uplink handler does), in this interpreter with the modules of ``load``
    imported first. The interpreter's cyclic garbage collector walks every live container object at each full
    collection, so the modules loaded (pyarrow and pandas add about 58 000 such objects) weigh on both alike and
    narrow the ratio of two fast decoders; the figures are printed, then as JSON on the last line."""
    for name in load:
        __import__(name)
    where = "fresh interpreter" + (f", {' and '.join(load)} imported" if load else "")
    frames = {"Device 196 B": [device_senml_cbor()] * frames_n,
              f"water meter {len(WATER_SENML)} B": [WATER_SENML] * frames_n}
    figures: Dict[str, Dict[str, float]] = {}

    def decode_senml(f: bytes) -> Any:
        return uc.decode(f, "senml-cbor")

    for label, frame_list in frames.items():
        for kept, ours_fn, peer_fn in (
            ("results kept", lambda: [decode_senml(f) for f in frame_list], lambda: [cbor2.loads(f) for f in frame_list]),
            ("results dropped", drop_each(decode_senml, frame_list), drop_each(cbor2.loads, frame_list)),
        ):
            ours, peer = interleaved(ours_fn, peer_fn, 2 * repeat)
            key = f"decode vs cbor2 {kept}, {label}, {where}"
            print(f"decode() / cbor2.loads, {label}, {kept}, alternating, {where}: {len(frame_list) / ours:>10,.0f} /s "
                  f"CPU vs {len(frame_list) / peer:>10,.0f} /s CPU = {peer / ours:.2f}x")
            figures[key] = {"ours_cpu_s": ours, "cbor2_cpu_s": peer, "ratio": peer / ours}
    print(json.dumps(figures))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--frames", type=int, default=200_000)
    parser.add_argument("--lines", type=int, default=50_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", help="write the figures here as JSON")
    parser.add_argument("--per-frame", type=int, metavar="N", help="only decode() against cbor2.loads on N frames")
    parser.add_argument("--load", action="append", default=[], help="with --per-frame: import this module first")
    args = parser.parse_args()
    if args.per_frame:
        return per_frame(args.per_frame, args.repeat, args.load)
    import pyarrow as pa

    frame = device_senml_cbor()
    n, r = args.frames, args.repeat
    records = len(uc.decode(frame, "senml-cbor"))
    assert records == len(py_senml(frame)) == 16
    results: Dict[str, Dict[str, float]] = {}

    def report(label: str, frames: int, wall: float, cpu: float, rows: Optional[int] = None) -> None:
        results[label] = {"frames": frames, "wall_s": wall, "cpu_s": cpu, "frames_per_s_wall": frames / wall,
                          "frames_per_s_cpu": frames / cpu if cpu else float("nan")}
        extra = f"  ({rows / wall / 1e6:.2f} M rows/s)" if rows else ""
        print(f"{label:58s} {frames / wall:>12,.0f} /s wall {frames / cpu if cpu else 0:>12,.0f} /s CPU{extra}",
              flush=True)

    print(f"python {platform.python_version()} {platform.machine()}, pyarrow {pa.__version__}, "
          f"cbor2 {cbor2.__version__ if hasattr(cbor2, '__version__') else '?'}, ucifi_codec {uc.__version__}; "
          f"{os.cpu_count()} CPUs; Device SenML-CBOR {len(frame)} B, {records} records")

    payloads = [frame] * n
    wall, cpu, table = best(lambda: uc.decode_batch(payloads, "senml-cbor"), r)
    assert table.num_rows == n * records and table.column("error_kind").null_count == n * records
    report("ucifi decode_batch, SenML-CBOR, list of bytes", n, wall, cpu, table.num_rows)
    column = pa.array(payloads, pa.binary())
    wall, cpu, table = best(lambda: uc.decode_batch(column, "senml-cbor"), r)
    report("ucifi decode_batch, SenML-CBOR, pyarrow binary column", n, wall, cpu, table.num_rows)
    wall, cpu, table = best(lambda: uc.decode_batch(payloads, fports=[101] * n), r)
    report("ucifi decode_batch, SenML-CBOR, by fPort 101", n, wall, cpu, table.num_rows)
    tlv = [DEVICE_TLV] * n
    wall, cpu, table = best(lambda: uc.decode_batch(tlv, "tlv", "/3/0"), r)
    report("ucifi decode_batch, TLV Device 121 B (reference)", n, wall, cpu, table.num_rows)
    wall, cpu, df = best(lambda: uc.decode_batch(payloads, "senml-cbor").to_pandas(), r)
    report("ucifi decode_batch(...).to_pandas(), SenML-CBOR", n, wall, cpu, len(df))
    del table, df

    water = [WATER_SENML] * n
    wall, cpu, table = best(lambda: uc.decode_batch(water, "senml-cbor"), r)
    assert table.num_rows == n * 3 and table.column("error_kind").null_count == n * 3
    report(f"ucifi decode_batch, water meter SenML-CBOR {len(WATER_SENML)} B", n, wall, cpu, table.num_rows)
    # The batch reads a frame that repeats the structure of the one before from its values: the same frames with
    # their values changing (1 000 readings cycled), and the worst case, a structure that changes every frame.
    varied = [water_reading(i % 1000) for i in range(n)]
    wall, cpu, table = best(lambda: uc.decode_batch(varied, "senml-cbor"), r)
    assert table.num_rows == n * 3 and table.column("error_kind").null_count == n * 3
    report("ucifi decode_batch, water meter, values changing", n, wall, cpu, table.num_rows)
    mixed = [frame if i % 2 else WATER_SENML for i in range(n)]
    wall, cpu, table = best(lambda: uc.decode_batch(mixed, "senml-cbor"), r)
    report("ucifi decode_batch, Device and water meter in turn", n, wall, cpu, table.num_rows)
    del table

    small = min(n, 50_000)
    wall, cpu, _ = best(lambda: [uc.decode(f, "senml-cbor") for f in payloads[:small]], r)
    report("ucifi decode() per frame (dicts), SenML-CBOR", small, wall, cpu)
    _ = None
    wall, cpu, _ = best(lambda: [cbor2.loads(f) for f in payloads[:small]], r)
    report("cbor2.loads per frame (parse only, same bytes)", small, wall, cpu)
    _ = None
    wall, cpu, _ = best(lambda: [uc.decode(f, "senml-cbor") for f in water[:small]], r)
    report(f"ucifi decode() per frame (dicts), water meter {len(WATER_SENML)} B", small, wall, cpu)
    _ = None
    wall, cpu, _ = best(lambda: [cbor2.loads(f) for f in water[:small]], r)
    report(f"cbor2.loads per frame, water meter {len(WATER_SENML)} B", small, wall, cpu)
    _ = None
    # decode() against cbor2.loads in fresh interpreters (this one has pyarrow and pandas loaded by now).
    for loaded in ((), ("pyarrow", "pandas")):
        out = subprocess.run([sys.executable, __file__, "--per-frame", str(small), "--repeat", str(r)]
                             + [a for m in loaded for a in ("--load", m)],
                             check=True, capture_output=True, text=True).stdout
        print(out, end="", flush=True)
        for label, figures in json.loads(out.splitlines()[-1]).items():
            results[label] = figures
    wall, cpu, _ = best(lambda: [py_senml(f) for f in payloads[:small]], r)
    report("pure Python: cbor2.loads + bn/n, bt/t, bv/v resolution", small, wall, cpu)
    _ = None
    kpn = kpn_decoder()
    if kpn is None:
        print("kpn-senml: not installed (pip install kpn-senml)")
    else:
        assert len(kpn(frame)) == records
        few = min(n, 20_000)
        wall, cpu, _ = best(lambda: [kpn(f) for f in payloads[:few]], max(1, r // 2))
        report("kpn-senml SenmlPack.from_cbor", few, wall, cpu)
        _ = None

    text = tts_lines(frame, args.lines)
    size = len(text) / args.lines
    wall, cpu, table = best(lambda: uc.read_tts(text), r)
    assert table.num_rows == args.lines * records and table.column("error_kind").null_count == table.num_rows
    report(f"ucifi read_tts, NDJSON {size:.0f} B/line (lines)", args.lines, wall, cpu, table.num_rows)
    wall, cpu, _ = best(lambda: py_tts(text), max(1, r // 2))
    report("pure Python: json.loads + base64 + py_senml (lines)", args.lines, wall, cpu)
    _ = None

    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    sys.exit(main())
