"""Content-addressed document storage: a file is stored once under its SHA-256, whoever uploads it.

`DocumentStore` is the interface; `LocalDiskStore` is the embedded default. An S3-compatible backend
implements the same three methods (put_stream writing to a temporary key then copying to the digest key).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Protocol

CHUNK = 1 << 16


class TooLarge(ValueError):
    def __init__(self, limit: int) -> None:
        super().__init__(f"the file is larger than the {limit // (1 << 20)} MB allowed")
        self.limit = limit
        self.message_fr = f"le fichier dépasse les {limit // (1 << 20)} Mo admis"


class DocumentStore(Protocol):
    def put_stream(self, source: BinaryIO, *, max_bytes: int) -> tuple[str, int]:
        """Store the stream; returns (sha256 hex, size). Raises TooLarge past `max_bytes`, storing nothing."""

    def open(self, sha256: str) -> BinaryIO: ...

    def exists(self, sha256: str) -> bool: ...


class LocalDiskStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, sha256: str) -> Path:
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def put_stream(self, source: BinaryIO, *, max_bytes: int) -> tuple[str, int]:
        self.root.mkdir(parents=True, exist_ok=True)
        digest, size = hashlib.sha256(), 0
        with tempfile.NamedTemporaryFile(dir=self.root, prefix=".upload-", delete=False) as spool:
            try:
                while chunk := source.read(CHUNK):
                    size += len(chunk)
                    if size > max_bytes:
                        raise TooLarge(max_bytes)
                    digest.update(chunk)
                    spool.write(chunk)
                spool.flush()
                os.fsync(spool.fileno())
            except BaseException:
                spool.close()
                os.unlink(spool.name)
                raise
        target = self._path(digest.hexdigest())
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(spool.name, target)
        return digest.hexdigest(), size

    def open(self, sha256: str) -> BinaryIO:
        return open(self._path(sha256), "rb")

    def exists(self, sha256: str) -> bool:
        return self._path(sha256).exists()
