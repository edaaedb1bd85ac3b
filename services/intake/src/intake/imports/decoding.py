"""Text of a CSV or FEC file: UTF-8 (with or without BOM) or Windows-1252, decoded as it streams.

French spreadsheets save "CSV (séparateur: point-virgule)" in Windows-1252 and "CSV UTF-8" with a
BOM. Rather than guessing once from the first bytes (a file can be plain ASCII for 10,000 lines and
then name "Société Générale"), each byte sequence that is not valid UTF-8 is read as Windows-1252.
Valid UTF-8 that is really Windows-1252 would need two-byte sequences such as "Ã©", which no one
types, so the mixture reads both encodings right, one chunk at a time.
"""

from __future__ import annotations

import codecs
import io
from typing import BinaryIO

_FALLBACK = "recouvra-windows-1252-fallback"


def _windows_1252(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    invalid = error.object[error.start : error.end]
    # Five bytes have no Windows-1252 character; Latin-1 maps them to control characters, never fails.
    text = "".join(_byte_as_windows_1252(byte) for byte in invalid)
    return text, error.end


def _byte_as_windows_1252(byte: int) -> str:
    try:
        return bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return bytes([byte]).decode("latin-1")


codecs.register_error(_FALLBACK, _windows_1252)


def decode_head(head: bytes) -> str:
    """The text of the first bytes; a character cut at the end of `head` is left out."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")(errors=_FALLBACK)
    return decoder.decode(head, final=False)


def text_stream(stream: BinaryIO) -> io.TextIOWrapper:
    """Lines with their endings untranslated (`newline=""`), as the csv module needs for quoted line breaks."""
    return io.TextIOWrapper(stream, encoding="utf-8-sig", errors=_FALLBACK, newline="")


def first_line(text: str) -> str:
    return text.lstrip("\r\n").splitlines()[0] if text.strip("\r\n") else ""
