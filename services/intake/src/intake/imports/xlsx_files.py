"""Excel workbooks (.xlsx): the first sheet, one row per invoice, read row by row (openpyxl read-only mode).

Cells may be typed (real dates and numbers) or text in the French formats; `cells` reads both.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from .headers import REQUIRED, Columns, read_header
from .problems import missing_column
from .records import case_from_line
from .rows import CaseRow, RowError, UnsupportedFile
from .streams import random_access

# Text cells of a workbook sent to a French agency are French: "1.234" there is one thousand and more.
_TEXT_DECIMAL_MARK = ","


def parse_xlsx(stream: BinaryIO) -> Iterator[CaseRow | RowError]:
    """Checks the header now (raising `UnsupportedFile` when no column is known), then reads lazily."""
    try:
        workbook = load_workbook(random_access(stream), read_only=True, data_only=True)
    except Exception as problem:  # openpyxl raises anything from KeyError to zipfile errors on a damaged file
        raise UnsupportedFile(f"this Excel workbook cannot be opened ({problem})") from problem
    rows = enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1)
    for _, header in rows:
        if any(cell not in (None, "") for cell in header):
            break
    else:
        workbook.close()
        raise UnsupportedFile("the first sheet of this workbook is empty")
    columns = read_header(header)
    if not columns.position:
        workbook.close()
        raise UnsupportedFile(
            "no column of the first row is one we know: expected headers such as "
            "\"N° facture\", \"Date d'échéance\", \"Montant TTC\", \"Raison sociale\""
        )
    return _cases(workbook, rows, columns)


def _cases(
    workbook: Workbook, rows: Iterator[tuple[int, tuple[Any, ...]]], columns: Columns
) -> Iterator[CaseRow | RowError]:
    try:
        if columns.missing:
            yield from (missing_column(*REQUIRED[field]) for field in columns.missing)
            return
        for line, cells in rows:
            found = case_from_line(line, cells, columns, _TEXT_DECIMAL_MARK)
            if isinstance(found, list):
                yield from found
            elif found is not None:
                yield found
    finally:
        workbook.close()  # read-only workbooks keep the archive open until closed
