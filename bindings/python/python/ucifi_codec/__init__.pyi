"""Type stubs of ucifi_codec (kept honest by `python -m mypy.stubtest ucifi_codec`)."""

from enum import IntEnum
from os import PathLike
from typing import IO, Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union, overload

import pyarrow  # type: ignore[import-untyped, unused-ignore]
from typing_extensions import final

__version__: str
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

#: A record dict (record JSON): path, name?, unit?, type, value, unknown?, time?
_Record = Dict[str, Any]
#: User fPort entries: {fport: format} (self-describing) or {fport: (format, base path)}.
_Ports = Mapping[int, Union[str, Tuple[str, Optional[str]]]]
#: An export: file path (.gz too), JSON text, bytes, a file object, a message dict, or an iterable of lines / dicts.
_Source = Union[
    str,
    "PathLike[str]",
    bytes,
    bytearray,
    memoryview,
    IO[str],
    IO[bytes],
    Mapping[str, Any],
    Iterable[Union[str, bytes, Mapping[str, Any]]],
]

class ErrorCode(IntEnum):
    """Error kinds of ucifi-codec: name = the kind, value = its stable number (generated from the core's list)."""

    UNEXPECTED_END = 1
    LENGTH_EXCEEDS_PARENT = 2
    INVALID_NESTING = 3
    DUPLICATE_ID = 4
    PATH_MISMATCH = 5
    INVALID_VALUE_LENGTH = 6
    INVALID_BOOLEAN = 7
    INVALID_UTF8 = 8
    EXECUTABLE_VALUE = 9
    INVALID_PATH = 10
    MISSING_PATH = 11
    TYPE_MISMATCH = 12
    BUFFER_TOO_SMALL = 13
    INVALID_DDF = 14
    INVALID_HEX = 15
    INVALID_RECORD = 16
    UNKNOWN_FORMAT = 17
    INVALID_CBOR = 18
    INVALID_JSON = 19
    TRAILING_DATA = 20
    INDEFINITE_LENGTH = 21
    UNSUPPORTED_VERSION = 22
    UNKNOWN_MANDATORY_LABEL = 23
    MISSING_VALUE = 24
    MULTIPLE_VALUES = 25
    INVALID_NAME = 26
    INVALID_BASE64 = 27
    INVALID_TEXT = 28
    UNKNOWN_PORT = 29

class CodecError(ValueError):
    """A frame, record, path, format name or DDF document the codec rejects."""

    code: ErrorCode
    offset: int
    def __init__(self, message: str, code: int, offset: int) -> None: ...
    @property
    def kind(self) -> str: ...

@final
class Model:
    """The built-in object registry, with OMA DDF XML definitions loaded over it."""

    def __new__(cls, ddf: Union[str, Iterable[str], None] = None) -> "Model": ...
    def load_ddf(self, xml: str) -> int: ...
    def load_path(self, path: Union[str, "PathLike[str]"]) -> int: ...
    @overload
    def objects(self, id: None = None, resources: bool = False) -> List[Dict[str, Any]]: ...
    @overload
    def objects(self, id: int, resources: bool = False) -> Dict[str, Any]: ...
    def loaded(self) -> List[int]: ...

def decode(
    payload: Union[bytes, bytearray, memoryview, str],
    format: Optional[str] = None,
    path: Optional[str] = None,
    fport: Optional[int] = None,
    *,
    ports: Optional[_Ports] = None,
    model: Optional[Model] = None,
) -> List[_Record]: ...
def encode(
    records: Iterable[Mapping[str, Any]],
    format: Optional[str] = None,
    path: Optional[str] = None,
    *,
    fport: Optional[int] = None,
    ports: Optional[_Ports] = None,
    max_size: Optional[int] = None,
    model: Optional[Model] = None,
) -> bytes: ...
def fit(
    records: Iterable[Mapping[str, Any]],
    format: str = "auto",
    *,
    budget: Optional[int] = None,
    region: Optional[str] = None,
    dr: Optional[int] = None,
    downlink: bool = False,
    dwell: bool = False,
    repeater: bool = False,
    path: Optional[str] = None,
    ports: Optional[_Ports] = None,
    model: Optional[Model] = None,
) -> Dict[str, Any]: ...
@overload
def objects(id: None = None, resources: bool = False, model: Optional[Model] = None) -> List[Dict[str, Any]]: ...
@overload
def objects(id: int, resources: bool = False, model: Optional[Model] = None) -> Dict[str, Any]: ...
def load_ddf(xml: str) -> Model: ...
def formats() -> List[str]: ...
def decode_batch(
    payloads: Any,
    format: Optional[str] = None,
    path: Optional[str] = None,
    fports: Any = None,
    *,
    ports: Optional[_Ports] = None,
    model: Optional[Model] = None,
) -> pyarrow.Table: ...
def read_tts(
    source: _Source,
    format: Optional[str] = None,
    path: Optional[str] = None,
    *,
    ports: Optional[_Ports] = None,
    model: Optional[Model] = None,
) -> pyarrow.Table: ...
def read_chirpstack(
    source: _Source,
    format: Optional[str] = None,
    path: Optional[str] = None,
    *,
    ports: Optional[_Ports] = None,
    model: Optional[Model] = None,
) -> pyarrow.Table: ...
def to_pandas(table: pyarrow.Table, **kwargs: Any) -> Any: ...
def pandas_types_mapper() -> Any: ...
def wide(table: pyarrow.Table, *, model: Optional[Model] = None) -> Any: ...
def __dir__() -> List[str]: ...
def validate(
    frames: Any,
    format: Optional[str] = None,
    path: Optional[str] = None,
    fport: Optional[int] = None,
    *,
    device: Optional[str] = None,
    model: Optional[Model] = None,
    text: bool = False,
) -> Union[Dict[str, Any], str]: ...
def validate_batch(
    payloads: Any,
    devices: Any,
    format: Optional[str] = None,
    path: Optional[str] = None,
    fports: Any = None,
    *,
    model: Optional[Model] = None,
) -> pyarrow.Table: ...
