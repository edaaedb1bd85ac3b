"""A document's type is read from its content, never from its name; a name that claims another type is a
disguised file and is refused. A text file must be text from its first byte to its last (UTF-8 or
Windows-1252, no markup a browser would run); its name is reduced to a safe base name."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import PurePath
from typing import BinaryIO

import filetype

ACCEPTED = {
    "application/pdf": "a PDF",
    "image/png": "a PNG image",
    "image/jpeg": "a JPEG image",
    "image/tiff": "a TIFF image",
    "image/webp": "a WebP image",
    "image/heic": "a HEIC photo",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "a Word document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "an Excel workbook",
    "application/vnd.oasis.opendocument.text": "an OpenDocument text",
    "application/vnd.oasis.opendocument.spreadsheet": "an OpenDocument spreadsheet",
    "text/plain": "a text file",
}
EXTENSIONS = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".webp": "image/webp",
    ".heic": "image/heic",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".txt": "text/plain",
    ".csv": "text/plain",
    ".eml": "text/plain",
}


def detect_media_type(head: bytes) -> str | None:
    """The media type of content starting with `head` (a few KB), or None when unknown."""
    kind = filetype.guess(head)
    if kind is not None:
        return str(kind.mime)
    if head and b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # a multi-byte character cut at the end of the sample is fine
                try:
                    head.decode("cp1252")
                except UnicodeDecodeError:
                    return None
        return "text/plain"
    return None


ACCEPTED_FR = {
    "application/pdf": "un PDF",
    "image/png": "une image PNG",
    "image/jpeg": "une image JPEG",
    "image/tiff": "une image TIFF",
    "image/webp": "une image WebP",
    "image/heic": "une photo HEIC",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "un document Word",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "un classeur Excel",
    "application/vnd.oasis.opendocument.text": "un texte OpenDocument",
    "application/vnd.oasis.opendocument.spreadsheet": "un classeur OpenDocument",
    "text/plain": "un fichier texte",
}


def refusal(filename: str | None, media_type: str | None) -> str | None:
    """Why this file is refused, in plain words, or None when it is acceptable."""
    reasons = refusal_reasons(filename, media_type)
    return reasons[0] if reasons else None


def refusal_reasons(filename: str | None, media_type: str | None) -> tuple[str, str] | None:
    """Why this file is refused, in English and in French, or None when it is acceptable."""
    if media_type not in ACCEPTED:
        what = media_type or "an unrecognised binary format"
        what_fr = media_type or "un format binaire non reconnu"
        name = f" {filename}" if filename else ""
        return (
            f"the file{name} is {what}, which is not accepted; send a PDF, an image, an office document or a text file",
            f"le fichier{name} est {what_fr}, un format non accepté ; envoyez un PDF, une image, "
            "un document bureautique ou un fichier texte",
        )
    if filename:
        claimed = EXTENSIONS.get(PurePath(filename).suffix.lower())
        if claimed is None and PurePath(filename).suffix:
            return (
                f"the file name {filename} has an extension that is not accepted",
                f"le nom de fichier {filename} porte une extension non acceptée",
            )
        if claimed is not None and claimed != media_type:
            return (
                f"the file {filename} is disguised: its name says {ACCEPTED.get(claimed, claimed)} "
                f"but its content is {ACCEPTED[media_type]}",
                f"le fichier {filename} est déguisé : son nom annonce {ACCEPTED_FR.get(claimed, claimed)} "
                f"mais son contenu est {ACCEPTED_FR[media_type]}",
            )
    return None


MAX_FILENAME_CHARS = 150
# Control, format (bidi overrides, zero-width), surrogate, private-use and unassigned characters, line separators.
_UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})
# What a browser would render as a page or run: a text upload holding it is a web page or an image in disguise.
_MARKUP = re.compile(
    r"<\s*(?:!doctype\s+html|html|head|body|svg|script|iframe|frame|object|embed|meta|link|style"
    r"|math|base|form|\?xml-stylesheet)[\s/>]",
    re.IGNORECASE,
)
_MARKUP_OVERLAP = 32  # characters kept from one chunk to the next so that a tag cut in two is still seen
# An e-mail's HTML part sits inside its MIME structure; it is served as text with nosniff, never rendered.
_MARKUP_ALLOWED = frozenset({".eml"})
_CHUNK = 1 << 16


def safe_filename(filename: str | None) -> str | None:
    """The base name only (a path's directories, Windows' too, dropped), without control or bidi characters,
    without leading or trailing dots and spaces, at most MAX_FILENAME_CHARS long (the extension kept); None
    when nothing is left."""
    if not filename:
        return None
    base = re.split(r"[/\\]", unicodedata.normalize("NFC", filename))[-1]
    base = "".join(c for c in base if unicodedata.category(c) not in _UNSAFE_CATEGORIES).strip(" .")
    if len(base) > MAX_FILENAME_CHARS:
        suffix = PurePath(base).suffix if len(PurePath(base).suffix) <= 16 else ""
        base = base[: MAX_FILENAME_CHARS - len(suffix)].rstrip(" .") + suffix
    return base or None


def text_media_type(source: BinaryIO, *, filename: str | None, limit: int) -> str | tuple[str, str]:
    """`text/plain` with the charset the whole file decodes in, or why it is refused (English, French).
    Reads at most `limit` + 1 bytes and rewinds the stream."""
    try:
        for charset in ("utf-8", "windows-1252"):
            source.seek(0)
            try:
                markup = _markup_in(source, charset, limit)
            except (UnicodeDecodeError, ValueError):
                continue
            if markup and PurePath(filename or "").suffix.lower() not in _MARKUP_ALLOWED:
                name = f" {filename}" if filename else ""
                return (
                    f"the file{name} is said to be text but holds web page markup ({markup}); send it as a PDF",
                    f"le fichier{name} se dit texte mais contient du balisage de page web ({markup}) ; "
                    "envoyez-le en PDF",
                )
            return f"text/plain; charset={charset}"
        return ("the file is neither UTF-8 nor Windows-1252 text", "le fichier n'est un texte ni UTF-8 ni Windows-1252")
    finally:
        source.seek(0)


def _markup_in(source: BinaryIO, charset: str, limit: int) -> str | None:
    """The first markup tag of the text, or None; raises ValueError on a NUL byte or text that is not `charset`."""
    decoder = codecs.getincrementaldecoder(charset)(errors="strict")
    tail, read = "", 0
    while read <= limit and (chunk := source.read(_CHUNK)):
        read += len(chunk)
        if b"\x00" in chunk:
            raise ValueError("a NUL byte: binary content")
        text = tail + decoder.decode(chunk)
        if found := _MARKUP.search(text):
            return found.group(0).strip()
        tail = text[-_MARKUP_OVERLAP:]
    decoder.decode(b"", final=True)
    return None
