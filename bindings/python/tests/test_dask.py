"""Scale-out: the documented Dask example decodes a partitioned export on a local cluster."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "dask_decode.py"


def load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("dask_decode", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["dask_decode"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("processes", [False, True])
def test_partitioned_export_on_a_local_cluster(tmp_path: Path, processes: bool) -> None:
    pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("dask.distributed")
    example = load_example()
    paths = example.write_demo(str(tmp_path), partitions=4, uplinks=250)
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=processes, dashboard_address=None
    )
    with cluster, distributed.Client(cluster) as client:
        if processes:
            client.upload_file(str(EXAMPLE))  # worker processes import the example module by name
        df = example.decode_files(paths)
        assert df.npartitions == 4
        rows = client.compute(df).result(timeout=120)
    # 1000 uplinks; every tenth frame is cut short: 900 good frames x 2 records + 100 error rows.
    assert len(rows) == 1900
    errors = rows[rows["error_kind"].notna()]
    assert len(errors) == 100 and set(errors["error_kind"]) == {"UNEXPECTED_END"}
    ok = rows[rows["error_kind"].isna()]
    volumes = ok[ok["path"] == "/3424/0/1"]
    assert len(volumes) == 900 and set(volumes["unit"]) == {"m3"}
    # Uplink n carries 1000 + n/4 m3 and timestamp 1.7e9 + n; f_cnt is n.
    assert ((volumes["value_float"] - 1000.0) * 4 == volumes["f_cnt"]).all()
    stamps = ok[ok["path"] == "/3424/0/5518"]
    assert (stamps["value_int"] - 1_700_000_000 == stamps["f_cnt"]).all()
    assert str(rows["value_int"].dtype) == "int64[pyarrow]" and rows["device_id"].nunique() == 7
    assert rows["received_at"].notna().all()
