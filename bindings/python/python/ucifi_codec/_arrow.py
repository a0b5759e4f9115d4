"""Assembles the Arrow buffers built in Rust into ``pyarrow`` tables (no copy: ``pyarrow.foreign_buffer``)."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Mapping, Optional, Tuple

from . import _ucifi

# Record columns in table order; the readers insert the frame-level columns after ``frame``.
ENVELOPE_COLUMNS = ("device_id", "device_name", "dev_eui", "received_at", "fport", "f_cnt")
_NULL_FPORT = -(2**63)


def pyarrow() -> Any:
    """The pyarrow module, or an ImportError that says how to install it."""
    try:
        import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
    except ImportError as e:  # pragma: no cover - exercised only without pyarrow
        raise ImportError(
            "ucifi_codec's batch API needs pyarrow: pip install 'ucifi-codec[arrow]'"
        ) from e
    return pa


def _types(pa: Any) -> Dict[str, Any]:
    return {
        "int8": pa.int8(),
        "uint8": pa.uint8(),
        "uint16": pa.uint16(),
        "int32": pa.int32(),
        "uint32": pa.uint32(),
        "int64": pa.int64(),
        "uint64": pa.uint64(),
        "float64": pa.float64(),
        "bool": pa.bool_(),
        "utf8": pa.string(),
        "binary": pa.binary(),
        "timestamp_ns_utc": pa.timestamp("ns", tz="UTC"),
    }


def _arrays(
    pa: Any, chunk: Any, dictionaries: Dict[str, Any]
) -> Tuple[List[str], List[Any]]:
    """The arrays of one chunk, with its column names."""
    types = _types(pa)
    n = chunk.length
    empty = pa.py_buffer(b"")
    buffers = [
        pa.foreign_buffer(address, size, base=chunk) if size else empty
        for address, size in chunk.buffers()
    ]
    names: List[str] = []
    arrays: List[Any] = []
    for name, tag, null_count, slots in chunk.columns():
        bufs = [None if i is None else buffers[i] for i in slots]
        if tag.startswith("dict"):
            width, dictionary = tag[4:].split(":", 1)
            index_type = pa.int8() if width == "8" else pa.int32()
            indices = pa.Array.from_buffers(index_type, n, bufs, null_count=null_count)
            # The Rust side writes every valid index from the dictionary it sends (rows.rs), so pyarrow's bounds
            # check of each index is skipped (safe=False).
            array = pa.DictionaryArray.from_arrays(indices, dictionaries[dictionary], safe=False)
        else:
            array = pa.Array.from_buffers(types[tag], n, bufs, null_count=null_count)
        names.append(name)
        arrays.append(array)
    return names, arrays


def table(raw: Dict[str, Any]) -> Any:
    """The ``pyarrow.Table`` of a batch result (``{"chunks", "dictionaries", "frames"}`` from the Rust side)."""
    pa = pyarrow()
    dictionaries = {k: pa.array(v, pa.string()) for k, v in raw["dictionaries"].items()}
    batches = []
    for chunk in raw["chunks"]:
        names, arrays = _arrays(pa, chunk, dictionaries)
        batches.append(pa.RecordBatch.from_arrays(arrays, names=names))
    result = pa.Table.from_batches(batches)
    frames = raw.get("frames")
    if frames is not None:
        import pyarrow.compute as pc  # type: ignore[import-untyped, unused-ignore]

        names, arrays = _arrays(pa, frames, dictionaries)
        frame = result.column("frame")
        for offset, (name, array) in enumerate(zip(names, arrays), start=1):
            result = result.add_column(offset, name, pc.take(array, frame))
    return result


def packed(pa: Any, payloads: Any) -> Tuple[bytes, bytes, bool]:
    """A pyarrow binary or string column as one data buffer, n + 1 int64 offsets, and whether it holds text (hex or
    base64 frames). Nulls read as empty payloads."""
    if isinstance(payloads, pa.ChunkedArray):
        payloads = payloads.combine_chunks() if payloads.num_chunks else pa.array([], payloads.type)
    t = payloads.type
    text = pa.types.is_string(t) or pa.types.is_large_string(t) or _is_view(pa, t, "string_view")
    binary = (
        pa.types.is_binary(t)
        or pa.types.is_large_binary(t)
        or pa.types.is_fixed_size_binary(t)
        or _is_view(pa, t, "binary_view")
    )
    if not (text or binary):
        raise TypeError(f"payloads must be a binary column or a string column of hex or base64, not {t}")
    array = payloads.cast(pa.large_string() if text else pa.large_binary())
    if array.null_count:
        array = array.fill_null("" if text else b"")
    _, offsets, data = array.buffers()
    start = array.offset * 8
    offset_bytes = offsets.slice(start, (len(array) + 1) * 8).to_pybytes() if offsets else b"\0" * 8
    return (data.to_pybytes() if data is not None else b""), offset_bytes, text


def _is_view(pa: Any, t: Any, name: str) -> bool:
    """True if ``t`` is pyarrow's ``binary_view`` / ``string_view`` (pyarrow 16+)."""
    check = getattr(pa.types, "is_" + name, None)
    return bool(check(t)) if check is not None else False


def fports_arg(pa: Any, fports: Any) -> Any:
    """fPorts as packed int64 with ``i64::MIN`` for a missing one (pyarrow, numpy and pandas input), or a plain
    sequence of ints and ``None`` as given (read by the Rust side)."""
    if fports is None or isinstance(fports, (list, tuple)):
        return fports
    if not isinstance(fports, (pa.Array, pa.ChunkedArray)):
        # numpy arrays and pandas Series: NaN and pandas' <NA> are missing fPorts.
        fports = pa.array(fports, from_pandas=True)
    if isinstance(fports, pa.ChunkedArray):
        fports = fports.combine_chunks() if fports.num_chunks else pa.array([], pa.int64())
    array = fports.cast(pa.int64()).fill_null(_NULL_FPORT)
    return array.buffers()[1].slice(array.offset * 8, len(array) * 8).to_pybytes() if len(array) else b""


def _message_text(item: Any) -> bytes:
    """One message of an iterable source: a dict (JSON-encoded), str or bytes-like."""
    if isinstance(item, Mapping):
        return json.dumps(item).encode()
    if isinstance(item, str):
        return item.encode()
    if isinstance(item, (bytes, bytearray, memoryview)):
        return bytes(item)
    raise TypeError(
        f"an export message must be a dict, str or bytes, not {type(item).__name__}"
    )


def source(src: Any) -> Tuple[Optional[bytes], Optional[str]]:
    """An export as ``(text, None)`` or ``(None, file path)``. Gzip (``.gz`` files, gzip bytes) is passed as it is:
    the Rust reader recognises it by its magic bytes and inflates it while reading."""
    if isinstance(src, (bytes, bytearray, memoryview)):
        return bytes(src), None
    if isinstance(src, Mapping):
        return json.dumps(src).encode(), None
    if isinstance(src, str) and src.lstrip()[:1] in ("{", "[", ""):
        return src.encode(), None
    if isinstance(src, (str, os.PathLike)):
        return None, os.fspath(src)
    if hasattr(src, "read"):
        data = src.read()
        return (data if isinstance(data, bytes) else _message_text(data)), None
    return b"\n".join(_message_text(item) for item in src), None


def read(
    dialect: str,
    src: Any,
    format: Optional[str],
    path: Optional[str],
    ports: Any,
    model: Any,
) -> Any:
    """``read_tts`` / ``read_chirpstack``."""
    pyarrow()
    text, file = source(src)
    raw = _ucifi.read_export_raw(dialect, text, file, format, path, ports, model)
    return table(raw)
