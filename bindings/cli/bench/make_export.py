#!/usr/bin/env python3
"""Writes a synthetic The Things Stack storage-integration export for the bulk-decode benchmark.

    python3 bindings/cli/bench/make_export.py N OUT.ndjson [FRAME_HEX]

N uplinks of 100 devices, one per line, in the envelope TTS writes (ids, correlation ids, one gateway's rx_metadata,
settings, airtime: about 1 KB per line). FRAME_HEX defaults to a 51-byte water-meter frame on fPort 24 (TLV /3424:
ten resources). Standard library only; deterministic.
"""

import base64
import json
import sys

FRAME = "080030c401449a5000c4040012d644c206012cc4073f000000c40841440000c10900c10a00c10b01e4158e6b041800e1179a00"


def line(i: int, payload: str) -> str:
    dev = i % 100
    t = f"2026-03-04T{(i // 3600) % 24:02d}:{(i // 60) % 60:02d}:{i % 60:02d}.{i % 1000:03d}456789Z"
    up = {
        "end_device_ids": {
            "device_id": f"water-meter-{dev:03d}",
            "application_ids": {"application_id": "city-water"},
            "dev_eui": f"70B3D57ED0{dev:06X}",
            "join_eui": "0000000000000000",
            "dev_addr": f"260B{dev:04X}",
        },
        "correlation_ids": [f"as:up:01HQ{i:022d}", f"gs:uplink:01HQ{i:022d}", f"ns:uplink:01HQ{i:022d}"],
        "received_at": t,
        "uplink_message": {
            "session_key_id": "AY3bqDbnP1HnB4Ep2w8YkQ==",
            "f_port": 24,
            "f_cnt": i // 100,
            "frm_payload": payload,
            "rx_metadata": [{
                "gateway_ids": {"gateway_id": "city-gw-01", "eui": "B827EBFFFE000001"},
                "time": t, "timestamp": 1234567 + i, "rssi": -97, "channel_rssi": -97, "snr": 7.25,
                "location": {"latitude": 48.85, "longitude": 2.35, "altitude": 35, "source": "SOURCE_REGISTRY"},
                "uplink_token": "ChoKGAoMY2l0eS1ndy0wMRIIuCfr//4AAAEQ1qS1xQYaDAjRlMOpBhDAkOWjAyDQmZ6fBg==",
                "received_at": t,
            }],
            "settings": {
                "data_rate": {"lora": {"bandwidth": 125000, "spreading_factor": 12, "coding_rate": "4/5"}},
                "frequency": "868100000", "timestamp": 1234567 + i, "time": t,
            },
            "received_at": t,
            "consumed_airtime": "2.465792s",
            "network_ids": {"net_id": "000013", "tenant_id": "ttn", "cluster_id": "eu1",
                            "cluster_address": "eu1.cloud.thethings.network"},
        },
    }
    return json.dumps({"result": up}, separators=(",", ":"))


def main() -> int:
    n, out = int(sys.argv[1]), sys.argv[2]
    payload = base64.b64encode(bytes.fromhex(sys.argv[3] if len(sys.argv) > 3 else FRAME)).decode()
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(line(i, payload) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
