"""pandas views of a batch table: exact nullable dtypes (``to_pandas``) and one row per frame (``wide``)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from . import _arrow
from . import _ucifi

# Record types → the value column that holds them.
_VALUE_COLUMNS = {
    "integer": "value_int",
    "time": "value_int",
    "unsigned": "value_uint",
    "float": "value_float",
    "boolean": "value_bool",
    "string": "value_str",
    "objlnk": "value_str",
    "corelnk": "value_str",
    "opaque": "value_bytes",
}


def _types_mapper(pa: Any, pd: Any) -> Any:
    """pyarrow type → pandas extension dtype: integers and booleans nullable and exact, strings as ``string``."""
    mapping = {
        pa.int8(): pd.Int8Dtype(),
        pa.int16(): pd.Int16Dtype(),
        pa.int32(): pd.Int32Dtype(),
        pa.int64(): pd.Int64Dtype(),
        pa.uint8(): pd.UInt8Dtype(),
        pa.uint16(): pd.UInt16Dtype(),
        pa.uint32(): pd.UInt32Dtype(),
        pa.uint64(): pd.UInt64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
        pa.string(): pd.StringDtype(),
    }
    return mapping.get


def with_time_column(table: Any) -> Any:
    """``table`` with ``value_time`` (timestamp[s, UTC]) after ``value_int``: the value of ``time`` records."""
    pa = _arrow.pyarrow()
    import pyarrow.compute as pc  # type: ignore[import-untyped, unused-ignore]

    if "value_time" in table.column_names or "value_int" not in table.column_names:
        return table
    is_time = pc.equal(table.column("type").cast(pa.string()), "time")
    seconds = pc.if_else(is_time, table.column("value_int"), pa.scalar(None, pa.int64()))
    at = table.column_names.index("value_int") + 1
    return table.add_column(at, "value_time", seconds.cast(pa.timestamp("s", tz="UTC")))


def to_pandas(table: Any, **kwargs: Any) -> Any:
    """A batch table as a pandas DataFrame with exact, nullable columns.

    ``table.to_pandas()`` alone turns an int64 column with nulls into float64 (2**60 + 1 comes back rounded). Here
    integers become pandas' nullable ``Int64`` / ``UInt64`` / ``Int32``… (exact, ``<NA>`` for null), booleans
    ``boolean``, strings ``string``; dictionary columns stay categoricals, ``received_at`` a UTC datetime. A
    ``value_time`` column (datetime64, UTC) holds the value of ``time`` records as a timestamp beside its seconds
    in ``value_int``. ``kwargs`` go to ``pyarrow.Table.to_pandas`` (the same mapping is
    ``types_mapper=ucifi_codec.pandas_types_mapper()``).
    """
    pa = _arrow.pyarrow()
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    kwargs.setdefault("types_mapper", _types_mapper(pa, pd))
    return with_time_column(table).to_pandas(**kwargs)


def pandas_types_mapper() -> Any:
    """The ``types_mapper`` of :func:`to_pandas`, for ``table.to_pandas(types_mapper=...)`` and Dask."""
    pa = _arrow.pyarrow()
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    return _types_mapper(pa, pd)


def _object_names(objects: List[int], model: Optional[Any]) -> Dict[int, str]:
    names = {}
    for oid in objects:
        info = _ucifi.objects(oid, model=model)
        names[oid] = info["name"] if info else str(oid)
    return names


def wide(table: Any, *, model: Optional[Any] = None) -> Any:
    """One row per frame, one column per resource: ``"<object name>/<resource name>"``.

    The index is ``frame``; the frame-level columns of :func:`read_tts` / :func:`read_chirpstack` (``device_id``,
    ``device_name``, ``dev_eui``, ``received_at``, ``fport``, ``f_cnt``) come first. An instance other than 0
    adds ``[i]`` to the object name (``Battery[1]/Battery level``), a resource instance ``[ri]`` to the resource
    name, and a resource the model does not know is named by its path. Values keep their types (integers exact and
    nullable, ``time`` resources as UTC datetimes); a resource given more than once in a frame (a SenML time
    series) keeps its last value. Frames that failed have no row (see ``error_kind`` in the long table).
    """
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    df = to_pandas(table)
    envelope = [c for c in _arrow.ENVELOPE_COLUMNS if c in df.columns]
    records = df[df["path"].notna()]
    frames = None
    if envelope:
        frames = df.groupby("frame", sort=True)[envelope].first()
        frames.index = frames.index.astype("int64")
    if records.empty:
        out = pd.DataFrame(index=pd.Index([], name="frame"))
        return frames.iloc[0:0] if frames is not None else out
    names = _object_names(sorted(int(o) for o in records["object"].dropna().unique()), model)
    types = records["type"].astype(str)
    keys = []
    for obj, inst, res_name, ri, path in zip(
        records["object"], records["instance"], records["name"], records["resource_instance"], records["path"]
    ):
        if pd.isna(res_name):
            keys.append(str(path))
            continue
        o = names.get(int(obj), str(obj))
        if not pd.isna(inst) and int(inst) != 0:
            o += f"[{int(inst)}]"
        r = str(res_name)
        if not pd.isna(ri):
            r += f"[{int(ri)}]"
        keys.append(f"{o}/{r}")
    columns: Dict[str, Any] = {}
    kinds: Dict[str, str] = {}
    for key, kind in zip(keys, types):
        kinds.setdefault(key, kind)
    values = pd.Series([None] * len(records), index=records.index, dtype=object)
    for kind, column in _VALUE_COLUMNS.items():
        mask = types == kind
        if mask.any():
            source = "value_time" if kind == "time" else column
            values[mask.to_numpy()] = records.loc[mask.to_numpy(), source].astype(object)
    long = pd.DataFrame({"frame": records["frame"].to_numpy(), "key": keys, "value": values.to_numpy()})
    pivot = long.groupby(["frame", "key"], sort=False)["value"].last().unstack("key")
    order = list(dict.fromkeys(keys))
    for key in order:
        column = pivot[key]
        kind = kinds[key]
        if kind == "time":
            columns[key] = pd.to_datetime(column, utc=True)
        elif kind == "integer":
            columns[key] = column.astype("Int64")
        elif kind == "unsigned":
            columns[key] = column.astype("UInt64")
        elif kind == "float":
            columns[key] = column.astype("Float64")
        elif kind == "boolean":
            columns[key] = column.astype("boolean")
        elif kind in ("string", "objlnk", "corelnk"):
            columns[key] = column.astype("string")
        else:
            columns[key] = column
    result = pd.DataFrame(columns, index=pivot.index)
    result.index = result.index.astype("int64")
    result.index.name = "frame"
    result.columns.name = None
    if frames is not None:
        result = frames.join(result, how="inner")
    return result
