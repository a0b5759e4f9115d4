"""ucifi_codec: uCIFI / LwM2M data in the LwM2M formats, sized for LoRaWAN frames (Rust core, pyo3 bindings).

Single frames::

    >>> import ucifi_codec as uc
    >>> uc.decode(bytes.fromhex("c40141480000"), "tlv", "/3424/0")
    [{'path': '/3424/0/1', 'name': 'Cumulated water volume', 'unit': 'm3', 'type': 'float', 'value': 12.5}]
    >>> uc.encode([{"path": "/3424/0/1", "value": 12.5}], "tlv", "/3424/0").hex()
    'c40141480000'

Records are the record-JSON dicts every front end shares: ``path``, ``name`` and ``unit`` (from the model, when it
knows the resource), ``type``, ``value``, ``unknown: True`` (a resource the model does not know), ``time`` (SenML
time, where the format carries one). Integers are exact Python ints; floats are floats (NaN and infinities too);
**opaque values are lowercase hex strings**, as in the record JSON (``bytes.fromhex`` gives the bytes; ``encode``
takes hex or bytes); object links are ``"oid:iid"``.

Batches (pyarrow)::

    >>> table = uc.decode_batch(payloads, "tlv", "/3424")          # or fports=[...] by the fPort convention
    >>> table = uc.read_tts("storage.ndjson")                       # The Things Stack export / webhook JSON
    >>> table = uc.read_chirpstack("events.ndjson")                 # ChirpStack v4 uplink events

Every failure is a :class:`CodecError` (a ``ValueError``) with ``.code`` (:class:`ErrorCode`) and ``.offset``; in a
batch, a frame that fails becomes one error row (``error_kind``, ``error_offset``), never a failed batch.
"""

from __future__ import annotations

from typing import Any, Mapping, Optional, Tuple, Union

from . import _arrow
from ._errors import CodecError, ErrorCode
from . import _ucifi
from ._ucifi import Model, decode, encode, fit, formats, load_ddf, objects
from ._ucifi import __version__
from ._validate import validate, validate_batch

__all__ = [
    "CodecError",
    "ErrorCode",
    "Model",
    "__version__",
    "decode",
    "decode_batch",
    "encode",
    "fit",
    "formats",
    "load_ddf",
    "objects",
    "read_chirpstack",
    "read_tts",
    "validate",
    "validate_batch",
]

_Ports = Mapping[int, Union[str, Tuple[str, Optional[str]]]]


def decode_batch(
    payloads: Any,
    format: Optional[str] = None,
    path: Optional[str] = None,
    fports: Any = None,
    *,
    ports: Optional[_Ports] = None,
    model: Optional[Model] = None,
) -> Any:
    """Decodes many frames into one ``pyarrow.Table``, one row per record (long form).

    ``payloads``: a sequence of bytes-like objects (``None`` = empty), or a pyarrow binary array / chunked array.
    Frames are read in ``format`` at ``path``, or (``format`` None) each by its fPort in ``fports`` (a sequence of
    ints, a numpy or pyarrow integer array) under the fPort convention (``ports`` adds or overrides entries:
    ``{fport: format}`` or ``{fport: (format, base_path)}``).

    Columns: ``frame`` (int32, index into ``payloads``), ``path``, ``object``, ``instance``, ``resource``,
    ``resource_instance`` (uint16, null where the path is shorter), ``name``, ``unit``, ``type`` (dictionary
    strings), ``value_int`` (int64: integer and time), ``value_uint`` (uint64), ``value_float`` (float64),
    ``value_bool``, ``value_str`` (string, objlnk ``"oid:iid"``, corelnk), ``value_bytes`` (opaque, binary), ``time``
    (float64 SenML time), ``error_kind`` (dictionary string) and ``error_offset`` (int64). A frame that fails gives
    one row with only ``frame``, ``error_kind`` and ``error_offset`` set. ``table.to_pandas()`` gives a DataFrame.
    """
    pa = _arrow.pyarrow()
    fports_arg = _arrow.fports_arg(pa, fports)
    if isinstance(payloads, (pa.Array, pa.ChunkedArray)):
        data, offsets = _arrow.packed(pa, payloads)
        raw = _ucifi.decode_packed_raw(data, offsets, format, path, fports_arg, ports, model)
    else:
        raw = _ucifi.decode_batch_raw(payloads, format, path, fports_arg, ports, model)
    return _arrow.table(raw)


def read_tts(
    source: Any,
    format: Optional[str] = None,
    path: Optional[str] = None,
    *,
    ports: Optional[_Ports] = None,
    model: Optional[Model] = None,
) -> Any:
    """Decodes a The Things Stack export into one ``pyarrow.Table``.

    ``source``: a file path (str or PathLike), the JSON text (str starting with ``{`` or ``[``, or bytes), a file
    object, or an iterable of lines. Accepted: storage-integration NDJSON (``{"result": ApplicationUp}`` per line),
    webhook / MQTT ``ApplicationUp`` JSON, one per line or as a JSON array. The envelope is parsed in Rust.

    Frames (``uplink_message.frm_payload``, base64) are decoded by the fPort convention, or in ``format`` at ``path``
    when given. The table has the columns of :func:`decode_batch` (``frame`` = message number) plus ``device_id``,
    ``dev_eui``, ``received_at`` (timestamp[ns, UTC]), ``fport`` and ``f_cnt``. A line that is not JSON, a bad
    base64 payload or a frame that fails gives one error row.
    """
    return _arrow.read("tts", source, format, path, ports, model)


def read_chirpstack(
    source: Any,
    format: Optional[str] = None,
    path: Optional[str] = None,
    *,
    ports: Optional[_Ports] = None,
    model: Optional[Model] = None,
) -> Any:
    """Decodes ChirpStack v4 uplink events (``.../event/up`` JSON) into one ``pyarrow.Table``.

    Same sources and columns as :func:`read_tts`; ``device_id`` and ``dev_eui`` are ``deviceInfo.devEui``,
    ``received_at`` is ``time``, the payload is ``data`` (base64) on ``fPort``. Other events give no rows.
    """
    return _arrow.read("chirpstack", source, format, path, ports, model)


