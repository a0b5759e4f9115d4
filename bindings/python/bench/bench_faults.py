"""CPU time and page faults per ``decode_batch`` call, from ``getrusage``.

Calls ``decode_batch`` on the same N frames several times in one process, each input in turn (the 196-byte Device
SenML-CBOR example as a list of bytes, as a pyarrow binary column and by fPort 101; the 44-byte water-meter frame),
drops each table before the next call, and prints per call: frames per CPU second (user + system), per user-time
second, user and system seconds, and minor page faults (``ru_minflt``). The first call of a process pays the first
touch of that much memory; read the calls after it.

Usage: ``python bench/bench_faults.py [--frames N] [--rounds K] [--only device|column|fport|water]``
"""

from __future__ import annotations

import argparse
import resource
import statistics
from typing import Any, Callable, Dict, List

import bench_decode as bd

import ucifi_codec as uc


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--frames", type=int, default=200_000)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--only", action="append", choices=["device", "column", "fport", "water"])
    args = parser.parse_args()
    n = args.frames
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    device = [bd.device_senml_cbor()] * n
    column = pa.array(device, pa.binary())
    water = [bd.WATER_SENML] * n
    ports = [101] * n
    runs: Dict[str, Callable[[], Any]] = {
        "device": lambda: uc.decode_batch(device, "senml-cbor"),
        "column": lambda: uc.decode_batch(column, "senml-cbor"),
        "fport": lambda: uc.decode_batch(device, fports=ports),
        "water": lambda: uc.decode_batch(water, "senml-cbor"),
    }
    chosen = args.only or list(runs)
    rates: Dict[str, List[float]] = {k: [] for k in chosen}
    for round_ in range(args.rounds):
        for name in chosen:
            before = resource.getrusage(resource.RUSAGE_SELF)
            table = runs[name]()
            after = resource.getrusage(resource.RUSAGE_SELF)
            del table
            user = after.ru_utime - before.ru_utime
            system = after.ru_stime - before.ru_stime
            faults = after.ru_minflt - before.ru_minflt
            cpu = user + system
            rate = n / cpu / 1e6 if cpu else float("inf")
            if round_:
                rates[name].append(rate)
            print(
                f"{round_} {name:7} {rate:6.2f} M/s CPU  {n / user / 1e6 if user else 0:6.2f} M/s user  "
                f"user {user:.3f} s  sys {system:.3f} s  faults {faults}"
            )
    for name, r in rates.items():
        if r:
            print(f"{name:7} after the first round: median {statistics.median(r):.2f} M/s, best {max(r):.2f} M/s")


if __name__ == "__main__":
    main()
