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
    >>> df = uc.to_pandas(table)                                    # exact nullable integers, datetimes
    >>> uc.wide(table)                                              # one row per frame, a column per resource

Every failure is a :class:`CodecError` (a ``ValueError``) with ``.code`` (:class:`ErrorCode`) and ``.offset``; in a
batch, a frame that fails becomes one error row (``error_kind``, ``error_offset``), never a failed batch.
"""

from __future__ import annotations

from typing import Any, List, Mapping, Optional, Tuple, Union

from . import _arrow
from ._errors import CodecError, ErrorCode
from . import _ucifi
from ._pandas import pandas_types_mapper, to_pandas, wide
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
    "pandas_types_mapper",
    "read_chirpstack",
    "read_tts",
    "to_pandas",
    "wide",
    "validate",
    "validate_batch",
]


def __dir__() -> List[str]:
    """The public names only (not the typing helpers this module imports)."""
    return sorted(__all__)

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

    ``payloads``: a sequence of frames (bytes-like, or ``str`` of hex or base64 as CSV exports hold them; ``None``
    = empty), or a pyarrow column (``binary``, ``large_binary``, ``binary_view``, ``fixed_size_binary``; or
    ``string`` / ``large_string`` / ``string_view`` of hex or base64), or a pandas Series of either. A frame
    that is not valid hex or base64 becomes an error row (``INVALID_HEX`` / ``INVALID_BASE64``).

    Frames are read in ``format`` at ``path``, or (``format`` None) each by its fPort in ``fports`` (a sequence of
    ints and ``None``, a numpy array, a pandas Series — nullable or float with NaN —, or a pyarrow integer array;
    a missing fPort gives an ``UNKNOWN_PORT`` row) under the fPort convention (``ports`` adds or overrides entries:
    ``{fport: format}`` or ``{fport: (format, base_path)}``). ``format`` with ``fports`` or ``ports`` is a
    ``ValueError``: one would be ignored.

    Columns: ``frame`` (int32, index into ``payloads``), ``path``, ``object``, ``instance``, ``resource``,
    ``resource_instance`` (uint16, null where the path is shorter), ``name``, ``unit``, ``type`` (dictionary
    strings), ``value_int`` (int64: integer and time), ``value_uint`` (uint64), ``value_float`` (float64),
    ``value_bool``, ``value_str`` (string, objlnk ``"oid:iid"``, corelnk), ``value_bytes`` (opaque, binary), ``time``
    (float64 SenML time), ``error_kind`` (dictionary string) and ``error_offset`` (int64). A frame that fails gives
    one row with only ``frame``, ``error_kind`` and ``error_offset`` set.

    For pandas use :func:`to_pandas` (exact nullable integers; ``table.to_pandas()`` makes int64 columns with
    nulls float64) or :func:`wide` (a row per frame, a column per resource).

    >>> uc.decode_batch(["c40141480000", "xAFBSAAA"], "tlv", "/3424/0").column("value_float").to_pylist()
    [12.5, 12.5]
    """
    pa = _arrow.pyarrow()
    if format is not None and fports is not None:
        raise ValueError("give format (and path) or fports, not both: with format every frame is read in that format")
    fports_arg = _arrow.fports_arg(pa, fports)
    if type(payloads).__module__.startswith("pandas"):
        payloads = pa.array(payloads, from_pandas=True)
    if isinstance(payloads, (pa.Array, pa.ChunkedArray)):
        data, offsets, text = _arrow.packed(pa, payloads)
        raw = _ucifi.decode_packed_raw(data, offsets, format, path, fports_arg, ports, model, text)
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
    when given. The table has the columns of :func:`decode_batch` (``frame`` = message number) plus ``device_id``
    and ``device_name`` (``end_device_ids.device_id``), ``dev_eui`` (lower case), ``received_at`` (timestamp[ns,
    UTC]), ``fport`` and ``f_cnt``. A line that is not JSON, a bad base64 payload or a frame that fails gives one
    error row.

    ``source`` may also be gzip-compressed (a ``.gz`` file, gzip bytes or a binary file object), a dict (one
    message) or a list of dicts. A ChirpStack export raises ``ValueError`` (use :func:`read_chirpstack`) rather
    than giving an empty table.
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

    Same sources and columns as :func:`read_tts`: ``device_id`` and ``dev_eui`` are ``deviceInfo.devEui`` (lower
    case), ``device_name`` is ``deviceInfo.deviceName``, ``received_at`` is ``time``, the payload is ``data``
    (base64) on ``fPort``. Other events give no rows. A The Things Stack export raises ``ValueError`` (use
    :func:`read_tts`).
    """
    return _arrow.read("chirpstack", source, format, path, ports, model)


