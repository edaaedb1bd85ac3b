"""Download headers. HTTP header values are latin-1, so a filename such as `relance 100€.txt` goes in the
RFC 5987 `filename*=UTF-8''...` parameter (RFC 6266), with a plain-ASCII `filename` for older clients."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote


def ascii_fallback(filename: str) -> str:
    """Accents dropped, anything else outside printable ASCII (and quotes, backslashes) replaced by `_`."""
    plain = unicodedata.normalize("NFKD", filename).encode("ascii", "ignore").decode("ascii")
    if len(plain) < len(filename):
        plain = "".join(
            c if ord(c) < 128 and not unicodedata.combining(c) else "_"
            for c in unicodedata.normalize("NFKD", filename)
            if not unicodedata.combining(c)
        )
    return re.sub(r'[^\x20-\x7e]|["\\]', "_", plain) or "download"


def content_disposition(filename: str) -> str:
    fallback = ascii_fallback(filename)
    if fallback == filename:
        return f'attachment; filename="{filename}"'
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


def download_headers(filename: str) -> dict[str, str]:
    """The attachment's name, and `nosniff`: browsers take the declared content type, never guess one (a text
    file is never run as a page)."""
    return {"Content-Disposition": content_disposition(filename), "X-Content-Type-Options": "nosniff"}
