"""The Rust extension module (private: use the ``ucifi_codec`` package)."""

from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from . import Model as Model
from . import decode as decode
from . import encode as encode
from . import fit as fit
from . import formats as formats
from . import load_ddf as load_ddf
from . import objects as objects

from typing_extensions import final

__version__: str
__all__ = [
    "Chunk",
    "Model",
    "__version__",
    "decode",
    "decode_batch_raw",
    "decode_packed_raw",
    "encode",
    "error_kinds",
    "fit",
    "formats",
    "load_ddf",
    "objects",
    "read_export_raw",
    "validate_raw",
]

@final
class Chunk:
    """Arrow buffers of one table chunk, owned by Rust and read by pyarrow in place."""

    @property
    def length(self) -> int: ...
    def buffers(self) -> List[Tuple[int, int]]: ...
    def columns(self) -> List[Tuple[str, str, int, List[Optional[int]]]]: ...

def error_kinds() -> List[Tuple[str, int]]: ...
def decode_batch_raw(
    payloads: Iterable[Any],
    format: Optional[str] = None,
    path: Optional[str] = None,
    fports: Any = None,
    ports: Optional[Mapping[int, Union[str, Tuple[str, Optional[str]]]]] = None,
    model: Optional[Model] = None,
) -> Dict[str, Any]: ...
def decode_packed_raw(
    data: bytes,
    offsets: bytes,
    format: Optional[str] = None,
    path: Optional[str] = None,
    fports: Any = None,
    ports: Optional[Mapping[int, Union[str, Tuple[str, Optional[str]]]]] = None,
    model: Optional[Model] = None,
    text: bool = False,
) -> Dict[str, Any]: ...
def read_export_raw(
    dialect: str,
    text: Optional[bytes] = None,
    path: Optional[str] = None,
    format: Optional[str] = None,
    frame_path: Optional[str] = None,
    ports: Optional[Mapping[int, Union[str, Tuple[str, Optional[str]]]]] = None,
    model: Optional[Model] = None,
) -> Dict[str, Any]: ...
def validate_raw(
    frames: List[Tuple[bytes, Optional[int], Optional[str], Optional[str]]],
    device: Optional[str] = None,
    text: bool = False,
    model: Optional[Model] = None,
) -> str: ...
