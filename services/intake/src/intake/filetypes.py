"""A document's type is read from its content, never from its name; a name that claims another type is a
disguised file and is refused."""

from __future__ import annotations

from pathlib import PurePath

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
    ".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".tif": "image/tiff", ".tiff": "image/tiff", ".webp": "image/webp", ".heic": "image/heic",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text", ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".txt": "text/plain", ".csv": "text/plain", ".eml": "text/plain",
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
        return (f"the file{name} is {what}, which is not accepted; send a PDF, an image, "
                "an office document or a text file",
                f"le fichier{name} est {what_fr}, un format non accepté ; envoyez un PDF, une image, "
                "un document bureautique ou un fichier texte")
    if filename:
        claimed = EXTENSIONS.get(PurePath(filename).suffix.lower())
        if claimed is None and PurePath(filename).suffix:
            return (f"the file name {filename} has an extension that is not accepted",
                    f"le nom de fichier {filename} porte une extension non acceptée")
        if claimed is not None and claimed != media_type:
            return (f"the file {filename} is disguised: its name says {ACCEPTED.get(claimed, claimed)} "
                    f"but its content is {ACCEPTED[media_type]}",
                    f"le fichier {filename} est déguisé : son nom annonce {ACCEPTED_FR.get(claimed, claimed)} "
                    f"mais son contenu est {ACCEPTED_FR[media_type]}")
    return None
