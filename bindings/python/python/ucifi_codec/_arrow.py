"""Assembles the Arrow buffers built in Rust into ``pyarrow`` tables (no copy: ``pyarrow.foreign_buffer``)."""

from __future__ import annotations

import os
from typing import Any, Dict, List, Optional, Tuple

from . import _ucifi

# Record columns in table order; the readers insert the frame-level columns after ``frame``.
ENVELOPE_COLUMNS = ("device_id", "dev_eui", "received_at", "fport", "f_cnt")
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
            array = pa.DictionaryArray.from_arrays(indices, dictionaries[dictionary])
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


def packed(pa: Any, payloads: Any) -> Tuple[bytes, bytes]:
    """A pyarrow binary column as one data buffer and n + 1 int64 offsets (nulls read as empty payloads)."""
    if isinstance(payloads, pa.ChunkedArray):
        payloads = payloads.combine_chunks()
    if not (
        pa.types.is_binary(payloads.type)
        or pa.types.is_large_binary(payloads.type)
        or pa.types.is_fixed_size_binary(payloads.type)
    ):
        raise TypeError(f"payloads must be a binary column, not {payloads.type}")
    array = payloads.cast(pa.large_binary())
    if array.null_count:
        array = array.fill_null(b"")
    _, offsets, data = array.buffers()
    start = array.offset * 8
    offset_bytes = offsets.slice(start, (len(array) + 1) * 8).to_pybytes() if offsets else b"\0" * 8
    return (data.to_pybytes() if data is not None else b""), offset_bytes


def fports_arg(pa: Any, fports: Any) -> Any:
    """fPorts as packed int64 (pyarrow / numpy input) or as given (a sequence, read by the Rust side)."""
    if fports is None:
        return None
    if isinstance(fports, pa.ChunkedArray):
        fports = fports.combine_chunks()
    if isinstance(fports, pa.Array):
        array = fports.cast(pa.int64()).fill_null(_NULL_FPORT)
        return array.buffers()[1].slice(array.offset * 8, len(array) * 8).to_pybytes()
    if type(fports).__module__ == "numpy" and hasattr(fports, "astype"):
        return fports.astype("<i8").tobytes()
    return fports


def source(src: Any) -> Tuple[Optional[bytes], Optional[str]]:
    """An export as ``(text, None)`` or ``(None, file path)``."""
    if isinstance(src, (bytes, bytearray, memoryview)):
        return bytes(src), None
    if isinstance(src, str):
        if src.lstrip()[:1] in ("{", "[", ""):
            return src.encode(), None
        return None, src
    if isinstance(src, os.PathLike):
        return None, os.fspath(src)
    if hasattr(src, "read"):
        data = src.read()
        return (data.encode() if isinstance(data, str) else bytes(data)), None
    parts = [line.encode() if isinstance(line, str) else bytes(line) for line in src]
    return b"\n".join(parts), None


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
