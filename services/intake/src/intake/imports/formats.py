"""Which format an upload is, from its first bytes: never from its name, which users get wrong."""

from __future__ import annotations

import zipfile
from typing import BinaryIO

from .decoding import decode_head, first_line
from .rows import UnsupportedFile

# The columns that make a tab- or pipe-separated file a FEC (art. A47 A-1 LPF), lowercased.
FEC_MARKERS = frozenset({"journalcode", "ecriturenum", "ecrituredate", "comptenum", "debit", "credit"})


def detect_format(head: bytes) -> str:
    """ "pdf", "zip", "fec" or "csv"; a zip still has to prove it is a workbook (`is_workbook`)."""
    if not head.strip():
        raise UnsupportedFile("the file is empty", "le fichier est vide")
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise UnsupportedFile(
            "old Excel workbooks (.xls) are not read: save the file as .xlsx or CSV",
            "les anciens classeurs Excel (.xls) ne sont pas lus : enregistrez le fichier en .xlsx ou en CSV",
        )
    if b"\x00" in head:
        raise UnsupportedFile(
            "this is not a CSV, Excel (.xlsx), FEC or Factur-X PDF file",
            "ce n'est pas un fichier CSV, Excel (.xlsx), FEC ni un PDF Factur-X",
        )
    return "fec" if is_fec_header(first_line(decode_head(head))) else "csv"


def is_fec_header(line: str) -> bool:
    names = {name.strip().lower() for name in line.replace("|", "\t").split("\t")}
    return names >= FEC_MARKERS


def is_workbook(archive: BinaryIO) -> bool:
    start = archive.tell()
    try:
        with zipfile.ZipFile(archive) as opened:
            return "xl/workbook.xml" in opened.namelist()
    except zipfile.BadZipFile:
        return False
    finally:
        archive.seek(start)
