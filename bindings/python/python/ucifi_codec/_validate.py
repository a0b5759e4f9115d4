"""Conformance reports: ``validate`` (one device) and ``validate_batch`` (a fleet, to a ``pyarrow.Table``).

The checks and the report are the core's (``core/src/validate/``); the report is the JSON ``ucifi validate`` prints per
device (schema: ``bindings/cli/README.md``).
"""

from __future__ import annotations

import base64
import json
from typing import Any, Dict, List, Optional, Sequence, Tuple, Union

from . import _arrow
from . import _ucifi

_Frame = Tuple[bytes, Optional[int], Optional[str], Optional[str]]


def _bytes(value: Any) -> bytes:
    if isinstance(value, str):
        return bytes.fromhex(value)
    return bytes(value)


def _frame(item: Any, format: Optional[str], path: Optional[str], fport: Optional[int]) -> _Frame:
    """One frame as ``validate_raw`` takes it: bytes, fport, format, path."""
    if isinstance(item, dict):
        keys = [k for k in ("bytes", "hex", "base64", "text") if k in item]
        if len(keys) != 1:
            raise ValueError("a frame dict needs exactly one of bytes, hex, base64, text")
        raw = item[keys[0]]
        data = (
            bytes.fromhex(raw) if keys[0] == "hex"
            else base64.b64decode(raw, validate=True) if keys[0] == "base64"
            else raw.encode() if keys[0] == "text"
            else bytes(raw)
        )
        if "fport" in item or "format" in item:
            return (data, item.get("fport"), item.get("format"), item.get("path"))
        return (data, fport, format, path)
    return (_bytes(item), fport, format, path)


def validate(
    frames: Any,
    format: Optional[str] = None,
    path: Optional[str] = None,
    fport: Optional[int] = None,
    *,
    device: Optional[str] = None,
    model: Optional[_ucifi.Model] = None,
    text: bool = False,
) -> Union[Dict[str, Any], str]:
    """The conformance report of one device's frames: a dict (``text=True``: the report for people, a str).

    ``frames``: one frame (bytes-like or hex), or a list of frames, each bytes-like, hex, or a dict
    ``{"hex" | "base64" | "bytes" | "text": ..., "fport": N | "format": F, "path": P}``; frames that name neither fPort
    nor format are read with ``fport`` or ``format`` + ``path``. ``report["conformant"]`` is True when no finding is an
    error. Frames that do not decode are findings (``DECODE_ERROR`` with ``kind`` and ``offset``), not exceptions.
    """
    if isinstance(frames, (bytes, bytearray, memoryview, str)):
        frames = [frames]
    raw = [_frame(f, format, path, fport) for f in frames]
    out = _ucifi.validate_raw(raw, device, text, model)
    return out if text else json.loads(out)


_FINDING_COLUMNS = ("severity", "check", "path", "name", "frame", "count", "message", "kind", "offset",
                    "value", "min", "max", "length")


def validate_batch(
    payloads: Sequence[Any],
    devices: Sequence[Optional[str]],
    format: Optional[str] = None,
    path: Optional[str] = None,
    fports: Optional[Sequence[int]] = None,
    *,
    model: Optional[_ucifi.Model] = None,
) -> Any:
    """Conformance of a fleet: frames grouped by device, one report each, as a ``pyarrow.Table``.

    ``payloads`` (bytes-like or hex) and ``devices`` (a device id per frame) have the same length; frames are read
    by their fPort in ``fports`` or in ``format`` at ``path``. One row per finding group, with the device's columns
    ``device``, ``conformant``, ``frames``, ``failed_frames``, ``errors``, ``warnings``, ``infos`` and the finding's
    ``severity``, ``check``, ``path``, ``name``, ``frame`` (index among the device's frames), ``count``, ``message``,
    ``kind``, ``offset``, ``value``, ``min``, ``max``, ``length``; a device without findings is one row whose finding
    columns are null. Devices come in order of first appearance.
    """
    pa = _arrow.pyarrow()
    if len(payloads) != len(devices) or (fports is not None and len(fports) != len(payloads)):
        raise ValueError("payloads, devices (and fports) must have the same length")
    grouped: Dict[Optional[str], List[_Frame]] = {}
    for i, (payload, device) in enumerate(zip(payloads, devices)):
        port = None if fports is None else int(fports[i])
        grouped.setdefault(device, []).append(_frame(payload, format, path, port))
    rows: List[Dict[str, Any]] = []
    for device, frames in grouped.items():
        report = json.loads(_ucifi.validate_raw(frames, device, False, model))
        head = {
            "device": device,
            "conformant": report["conformant"],
            "frames": report["frames"],
            "failed_frames": report["failed_frames"],
            "errors": report["summary"]["errors"],
            "warnings": report["summary"]["warnings"],
            "infos": report["summary"]["infos"],
        }
        for f in report["findings"] or [{}]:
            row = dict(head)
            row.update({k: f.get(k) for k in _FINDING_COLUMNS})
            rows.append(row)
    schema = pa.schema([
        ("device", pa.string()), ("conformant", pa.bool_()), ("frames", pa.int64()),
        ("failed_frames", pa.int64()), ("errors", pa.int64()), ("warnings", pa.int64()), ("infos", pa.int64()),
        ("severity", pa.string()), ("check", pa.string()), ("path", pa.string()), ("name", pa.string()),
        ("frame", pa.int64()), ("count", pa.int64()), ("message", pa.string()), ("kind", pa.string()),
        ("offset", pa.int64()), ("value", pa.float64()), ("min", pa.float64()), ("max", pa.float64()),
        ("length", pa.bool_()),
    ])
    return pa.Table.from_pylist(rows, schema=schema)
