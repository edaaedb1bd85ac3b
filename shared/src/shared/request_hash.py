"""The hash that tells whether a retried request is the same request as the first (`Idempotency-Key`)."""

from __future__ import annotations

import hashlib

from starlette.datastructures import Headers


class BodyHasher:
    """SHA-256 of a request body, blind to a multipart boundary: a client retrying an upload re-encodes it
    with a new random boundary, and it is still the same request. Streams with a carry of a few bytes."""

    def __init__(self, headers: Headers) -> None:
        content_type = headers.get("content-type", "")
        media, _, params = content_type.partition(";")
        self._hash = hashlib.sha256()
        self._boundary = b""
        if media.strip().lower().startswith("multipart/"):
            for param in params.split(";"):
                name, _, value = param.strip().partition("=")
                if name.lower() == "boundary" and value:
                    self._boundary = b"--" + value.strip('"').encode()
            content_type = media.strip().lower()
        self._hash.update(content_type.encode() + b"\n")
        self._carry = b""

    def update(self, chunk: bytes) -> None:
        if not self._boundary:
            self._hash.update(chunk)
            return
        data = (self._carry + chunk).replace(self._boundary, b"\x00boundary\x00")
        keep = len(self._boundary) - 1
        self._hash.update(data[:-keep] if len(data) > keep else b"")
        self._carry = data[-keep:] if len(data) > keep else data

    def hexdigest(self) -> str:
        final = self._hash.copy()
        final.update(self._carry)
        return final.hexdigest()
