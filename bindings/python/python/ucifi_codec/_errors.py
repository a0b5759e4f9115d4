"""CodecError and ErrorCode: the core's one error vocabulary, as Python.

``ErrorCode`` is generated at import time from the core's error-kind list (``_ucifi.error_kinds()``): member names
are the SCREAMING_SNAKE kinds shared by every front end, values their stable numbers.
"""

from __future__ import annotations

from enum import IntEnum
from typing import Any, Tuple

from ._ucifi import error_kinds

ErrorCode = IntEnum("ErrorCode", error_kinds(), module=__name__)  # type: ignore[misc]
ErrorCode.__doc__ = "Error kinds of ucifi-codec: name = the kind, value = its stable number."
ErrorCode.__module__ = "ucifi_codec"


class CodecError(ValueError):
    """A frame, record, path, format name or DDF document the codec rejects.

    ``code`` is the ``ErrorCode``; ``offset`` the byte offset in the input (decoders, DDF text, hex text, path text)
    or the index of the record at fault (encoders; for ``BUFFER_TOO_SMALL`` the number of bytes needed).
    """

    code: "ErrorCode"
    offset: int

    def __init__(self, message: str, code: int, offset: int) -> None:
        super().__init__(message)
        self.code = ErrorCode(code)
        self.offset = offset

    @property
    def kind(self) -> str:
        """The kind's name (``self.code.name``)."""
        return self.code.name

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (str(self), int(self.code), self.offset))


CodecError.__module__ = "ucifi_codec"
