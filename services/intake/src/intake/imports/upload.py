"""The one entry point of the import job: any supported upload to case rows and row errors."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from .archives import TooLargeToRead
from .csv_files import parse_csv
from .facturx_files import parse_facturx
from .fec_files import parse_fec
from .formats import detect_format, is_workbook
from .rows import CaseRow, RowError, UnsupportedFile
from .streams import random_access, read_head, replayed
from .xlsx_files import parse_xlsx


def parse_upload(stream: BinaryIO, filename: str | None = None) -> Iterator[CaseRow | RowError]:
    """Case rows and row errors in file order, read lazily; the stream must stay open while iterating.

    The format comes from the content: a Factur-X PDF, an Excel workbook, a FEC or a CSV file.
    `filename` only words the error of an unsupported file. Raises `UnsupportedFile` before
    yielding anything when the upload is none of these, or a CSV/XLSX whose header has no known column.
    """
    head = read_head(stream)
    try:
        kind = detect_format(head)
        if kind == "pdf":
            return parse_facturx(random_access(stream, head))
        if kind == "zip":
            archive = random_access(stream, head)
            if not is_workbook(archive):
                raise UnsupportedFile(
                    "this archive is not an Excel workbook (.xlsx)", "cette archive n'est pas un classeur Excel (.xlsx)"
                )
            return parse_xlsx(archive)
        if kind == "fec":
            return parse_fec(replayed(head, stream))
        return parse_csv(replayed(head, stream))
    except UnsupportedFile as unsupported:
        if filename and isinstance(unsupported, TooLargeToRead):
            raise unsupported.naming(filename) from unsupported
        if filename:
            raise UnsupportedFile(
                f"{filename}: {unsupported.message}", f"{filename} : {unsupported.message_fr or unsupported.message}"
            ) from unsupported
        raise
