"""What a deed a bailiff uploads may be: a PDF read from its content (the name's extension is not trusted), under a
name reduced to a safe base name. The same house rules as intake's documents, written for legal's one file type."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

PDF_MAGIC = b"%PDF-"
MAX_NAME_CHARS = 150
# control, format (bidi overrides), surrogate, private-use and unassigned characters, line and paragraph separators
_UNSAFE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def is_pdf(head: bytes) -> bool:
    """A PDF starts with `%PDF-` (ISO 32000-1 §7.5.2; readers allow a few bytes of junk before it)."""
    return PDF_MAGIC in head[:1024]


def safe_deed_name(filename: str | None, *, fallback: str) -> str:
    """The base name only (a path's directories, Windows' too, dropped), without unsafe characters or leading and
    trailing dots and spaces, at most MAX_NAME_CHARS long, ending in `.pdf`; `fallback` when nothing is left."""
    base = re.split(r"[/\\]", unicodedata.normalize("NFC", filename or ""))[-1]
    base = "".join(c for c in base if unicodedata.category(c) not in _UNSAFE).strip(" .")
    stem = base[:-4] if base.lower().endswith(".pdf") else base
    stem = stem[: MAX_NAME_CHARS - 4].rstrip(" .")
    return f"{stem or fallback}.pdf"


def download_headers(filename: str) -> dict[str, str]:
    """The attachment's name (RFC 6266: an ASCII `filename`, the UTF-8 one in `filename*`), and `nosniff`: a browser
    takes the declared type and never guesses another."""
    plain = "".join(c if 0x20 <= ord(c) < 0x7F and c not in '"\\' else "_" for c in filename)
    disposition = f'attachment; filename="{plain}"'
    if plain != filename:
        disposition += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return {"Content-Disposition": disposition, "X-Content-Type-Options": "nosniff"}
