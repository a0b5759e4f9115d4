"""Decode a partitioned network-server export with Dask: one partition per file, decoded in Rust.

Each partition is one export file (The Things Stack storage-integration NDJSON here; use ``read_chirpstack`` for
ChirpStack events, or ``decode_batch`` on a Parquet column of payloads). ``ucifi_codec`` parses the JSON envelope
and decodes every frame in Rust with the interpreter released, so a threaded cluster (``processes=False``) uses
every core; a process cluster (``--processes``) works the same (the functions and a ``Model`` pickle).

Usage::

    python examples/dask_decode.py 'exports/*.ndjson' [--workers 2] [--processes]
    python examples/dask_decode.py            # writes a small demo export to a temp dir and decodes that

What it prints: rows, frames, error rows per kind, and the mean value per resource name and unit.

Dtypes: dictionary columns (``name``, ``unit``, ``type``, ``device_id``…) are turned into plain strings and the table
into pandas with ``pd.ArrowDtype`` columns, so every partition has the same dtypes (Dask needs that) and integers
stay exact (a ``uint64`` is not squeezed through float64).
"""

from __future__ import annotations

import argparse
import base64
import glob
import json
import os
import tempfile
from typing import Any, List, Optional

import pandas as pd
import pyarrow as pa

import ucifi_codec as uc


def decode_partition(path: str, model: Optional[uc.Model] = None) -> pd.DataFrame:
    """One export file → one pandas partition (the function every Dask task runs)."""
    return to_frame(uc.read_tts(path, model=model))


def to_frame(table: pa.Table) -> pd.DataFrame:
    """A decoded table as pandas with the same dtypes for every partition."""
    columns = [c.cast(pa.string()) if pa.types.is_dictionary(c.type) else c for c in table.columns]
    return pa.table(columns, names=table.column_names).to_pandas(types_mapper=pd.ArrowDtype)


def meta() -> pd.DataFrame:
    """The empty partition: column names and dtypes, for Dask."""
    return to_frame(uc.read_tts(""))


def decode_files(paths: List[str], model: Optional[uc.Model] = None) -> Any:
    """A lazy ``dask.dataframe`` over the files, one partition each."""
    import dask.dataframe as dd

    return dd.from_map(decode_partition, paths, model=model, meta=meta(), enforce_metadata=False)


def write_demo(directory: str, partitions: int = 4, uplinks: int = 250) -> List[str]:
    """Writes ``partitions`` TTS storage exports of ``uplinks`` water-meter uplinks each (fPort 24), every tenth
    frame cut short; returns the file paths."""
    paths = []
    for p in range(partitions):
        path = os.path.join(directory, f"uplinks-{p:03d}.ndjson")
        with open(path, "w") as f:
            for i in range(uplinks):
                n = p * uplinks + i
                volume = 1000.0 + n * 0.25
                frame = uc.encode(
                    [{"path": "/3424/0/1", "value": volume}, {"path": "/3424/0/5518", "value": 1_700_000_000 + n}],
                    fport=24,
                )
                if n % 10 == 9:
                    frame = frame[:-1]
                up = {
                    "end_device_ids": {"device_id": f"water-{n % 7:02d}", "dev_eui": f"70B3D57ED00000{n % 7:02X}"},
                    "received_at": f"2024-05-01T12:{n // 60 % 60:02d}:{n % 60:02d}Z",
                    "uplink_message": {"f_port": 24, "f_cnt": n, "frm_payload": base64.b64encode(frame).decode()},
                }
                f.write(json.dumps({"result": up}) + "\n")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("pattern", nargs="?", help="glob of export files (default: a demo export)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--processes", action="store_true", help="process workers instead of threads")
    args = parser.parse_args()

    from dask.distributed import Client, LocalCluster

    with tempfile.TemporaryDirectory() as tmp:
        paths = sorted(glob.glob(args.pattern)) if args.pattern else write_demo(tmp)
        cluster = LocalCluster(
            n_workers=args.workers, threads_per_worker=1, processes=args.processes, dashboard_address=None
        )
        with cluster, Client(cluster):
            df = decode_files(paths)
            rows = df.compute()
        print(f"{len(paths)} partitions, {len(rows)} rows")
        print("error rows:", rows["error_kind"].value_counts().to_dict())
        ok = rows[rows["error_kind"].isna()]
        print(ok.groupby(["name", "unit"], dropna=False)["value_float"].mean())


if __name__ == "__main__":
    main()
