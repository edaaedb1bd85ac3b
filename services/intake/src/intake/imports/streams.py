"""Looking at the start of an upload without losing it, on streams that may not seek."""

from __future__ import annotations

import io
import shutil
import tempfile
from typing import BinaryIO

HEAD_SIZE = 64 * 1024  # enough for any header line, and to tell the formats apart


def read_head(stream: BinaryIO, size: int = HEAD_SIZE) -> bytes:
    """Up to `size` bytes: raw streams (a socket, a pipe) may hand them over a few at a time."""
    chunks, total = [], 0
    while total < size:
        chunk = stream.read(size - total)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def replayed(head: bytes, rest: BinaryIO) -> BinaryIO:
    """The bytes already read then the rest of the stream, which stays open whatever happens to this one."""
    return io.BufferedReader(_Replay(head, rest))


def random_access(rest: BinaryIO, head: bytes = b"") -> BinaryIO:
    """The whole upload as a seekable stream, which zip archives and PDFs need.

    A seekable upload is rewound to where `head` started; any other is spooled, to disk when large.
    """
    if rest.seekable():
        rest.seek(rest.tell() - len(head))
        return rest
    copy = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115  (returned open to the caller)
    copy.write(head)
    shutil.copyfileobj(rest, copy)
    copy.seek(0)
    return copy  # type: ignore[return-value]  # a binary SpooledTemporaryFile, typed as IO[bytes] not BinaryIO


class _Replay(io.RawIOBase):
    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]  # BufferedReader passes a memoryview
        if self._head:
            size = min(len(buffer), len(self._head))
            buffer[:size] = self._head[:size]
            self._head = self._head[size:]
            return size
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
