"""Generates vectors/fport/uplinks.json: uplinks decoded by the fPort convention (proposed vectors field "fport").

The convention (core/src/lorawan/port.rs): fPort = ObjectID - 3400 for the 47 uCIFI objects carries TLV at the
object path /ObjectID (one Object Instance TLV per instance); 100 and 101 are reserved for self-describing
LwM2M-CBOR and SenML-CBOR; every other fPort has no entry. Hex comes from the independent Python TLV encoder in
vectors/tools/tlvlib.py, not from the Rust codec.

Run: python3 vectors/fport/gen_fport.py [--check] [--snapshot FILE]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tools"))

from tlvlib import SNAPSHOT, Model, UCIFI_OBJECTS, dumps, encode, parse_path  # noqa: E402

OUT = HERE / "uplinks.json"
T = 1700000000


def port_of(oid: int) -> int:
    assert oid in UCIFI_OBJECTS
    return oid - 3400


class Gen:
    def __init__(self, snapshot: Path):
        self.model = Model.builtin(snapshot)

    def rec(self, path: str, value: Any) -> dict:
        ids = parse_path(path)
        rdef = self.model.resource(ids[0], ids[2])
        assert rdef is not None and rdef.type != "none", path
        assert rdef.multiple == (len(ids) == 4), path
        if rdef.type == "float":
            assert isinstance(value, float), (path, value)
        elif rdef.type in ("integer", "time"):
            assert isinstance(value, int) and not isinstance(value, bool), (path, value)
        elif rdef.type == "boolean":
            assert isinstance(value, bool), (path, value)
        else:
            assert isinstance(value, str), (path, value)
        return {"path": path, "type": rdef.type, "value": value}

    def canonical(self, cid: str, desc: str, oid: int, records: list[dict]) -> dict:
        """A decode case on the object's port whose hex is the canonical TLV at /ObjectID (roundtrip true)."""
        hexs = encode(f"/{oid}", records, self.model).hex()
        return {"id": cid, "description": desc, "fport": port_of(oid), "hex": hexs, "roundtrip": True,
                "records": records}

    def cases(self) -> list[dict]:
        r = self.rec
        return [
            self.canonical(
                "fport-water-meter-volume-and-timestamp",
                "Water meter on fPort 24 (3424 - 3400): Object Instance 0 wrapping resource 1 (12.5 m3, binary32) and "
                "resource 5518 (Timestamp, 16-bit id); the wrapper's 13-byte length needs a 1-byte length field",
                3424, [r("/3424/0/1", 12.5), r("/3424/0/5518", T)]),
            self.canonical(
                "fport-battery-two-instances",
                "Battery on fPort 11: two instances, each in its own wrapper; the wrappers carry the instance ids",
                3411, [r("/3411/0/1", 87), r("/3411/1/1", 12)]),
            self.canonical(
                "fport-led-colour-strings",
                "LED colour light on fPort 20: one String resource in instances 0 and 3",
                3420, [r("/3420/0/1", "#FF8800"), r("/3420/3/1", "#0044CC")]),
            self.canonical(
                "fport-lpwan-multiple-resource",
                "LPWAN communication on fPort 12: network type and Multiple Resource 8 (two multicast groups) in one "
                "wrapper",
                3412, [r("/3412/0/1", "LoRaWAN"), r("/3412/0/8/0", "2601FFFF"), r("/3412/0/8/1", "2601FFFE")]),
            self.canonical(
                "fport-time-sync-single-instance-object",
                "Time synchronization (single-instance object) on fPort 15: instance 0 still has its wrapper",
                3415, [r("/3415/0/3", 24), r("/3415/0/5", False)]),
            {"id": "fport-battery-two-byte-integer", "description":
                "Battery on fPort 11 with level 87 in a 2-byte integer: accepted, not canonical (the encoder writes "
                "1 byte)", "fport": 11, "hex": "0400c2010057", "roundtrip": False,
             "records": [r("/3411/0/1", 87)]},
            {"id": "fport-bare-resource-on-object-port", "description":
                "A bare resource TLV (instance-level payload) on fPort 24: the port's base path is /3424, which "
                "needs Object Instance wrappers", "fport": 24, "hex": "c40141480000",
             "error": {"kind": "INVALID_NESTING", "offset": 0}},
            {"id": "fport-unassigned-port", "description":
                "fPort 44 has no entry (3444 is not a uCIFI object): UNKNOWN_PORT",
                "fport": 44, "hex": "0300c10157", "error": {"kind": "UNKNOWN_PORT", "offset": 0}},
            {"id": "fport-mac-port-zero", "description":
                "fPort 0 carries MAC commands only, never application data", "fport": 0, "hex": "0300c10157",
             "error": {"kind": "UNKNOWN_PORT", "offset": 0}},
        ]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if uplinks.json differs from a fresh generation")
    ap.add_argument("--snapshot", type=Path, default=SNAPSHOT, help="registry facts (default core/codegen/registry.json)")
    args = ap.parse_args()
    gen = Gen(args.snapshot)
    text = dumps({"format": "fport", "cases": gen.cases()})
    if args.check:
        if not OUT.is_file() or OUT.read_text(encoding="utf-8") != text:
            print("vectors/fport/uplinks.json is out of date: run python3 vectors/fport/gen_fport.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote vectors/fport/uplinks.json: {len(gen.cases())} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
