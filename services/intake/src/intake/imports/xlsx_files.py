"""Excel workbooks (.xlsx): the first sheet, one row per invoice, read row by row (openpyxl read-only mode).

Cells may be typed (real dates and numbers) or text in the French formats; `cells` reads both.
The archive is checked against `archives`' limits before openpyxl opens it, and the sheet is read no
further than those limits: rows beyond MAX_ROWS stop the import, columns beyond MAX_COLUMNS are never read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import chain
from typing import Any, BinaryIO

from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from .archives import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, TooLargeToRead, check_workbook_archive
from .headers import HEADER_SEARCH_ROWS, REQUIRED, Columns, find_header
from .problems import missing_column
from .records import case_from_line
from .rows import CaseRow, RowError, UnsupportedFile
from .streams import random_access

# Text cells of a workbook sent to a French agency are French: "1.234" there is one thousand and more.
_TEXT_DECIMAL_MARK = ","


def parse_xlsx(stream: BinaryIO) -> Iterator[CaseRow | RowError]:
    """Checks the header now (raising `UnsupportedFile` when no column is known), then reads lazily."""
    archive = random_access(stream)
    check_workbook_archive(archive)
    try:
        workbook = load_workbook(archive, read_only=True, data_only=True)
    except Exception as problem:  # openpyxl raises anything from KeyError to zipfile errors on a damaged file
        raise UnsupportedFile(
            f"this Excel workbook cannot be opened ({problem})", f"ce classeur Excel ne s'ouvre pas ({problem})"
        ) from problem
    # Bounds given explicitly: openpyxl would otherwise pad every row to the width the sheet claims, and
    # `max_row` one beyond the limit lets the reader see that the sheet goes on and stop there.
    sheet_rows = workbook.worksheets[0].iter_rows(max_row=MAX_ROWS + 1, max_col=MAX_COLUMNS, values_only=True)
    rows = _bounded(enumerate(sheet_rows, start=1))
    found = find_header(rows)  # below any title or blank rows; rows keep the sheet's numbers
    if found is None:
        workbook.close()
        raise UnsupportedFile(
            f"no column of the first {HEADER_SEARCH_ROWS} rows of the first sheet is one we know: expected headers "
            'such as "N° facture", "Date d\'échéance", "Montant TTC", "Raison sociale"',
            f"aucune colonne des {HEADER_SEARCH_ROWS} premières lignes de la première feuille n'est de celles que "
            "nous lisons : en-têtes attendus par exemple « N° facture », « Date d'échéance », « Montant TTC », "
            "« Raison sociale »",
        )
    return _cases(workbook, chain(found.after, rows), found.line, found.columns)


def _cases(
    workbook: Workbook, rows: Iterator[tuple[int, Sequence[Any]]], header_line: int, columns: Columns
) -> Iterator[CaseRow | RowError]:
    try:
        if columns.missing:
            yield from (missing_column(*REQUIRED[field], line=header_line) for field in columns.missing)
            return
        for line, cells in rows:
            if (too_long := _too_long_cell(line, cells, columns)) is not None:
                yield too_long
                continue
            found = case_from_line(line, cells, columns, _TEXT_DECIMAL_MARK)
            if isinstance(found, list):
                yield from found
            elif found is not None:
                yield found
    finally:
        workbook.close()  # read-only workbooks keep the archive open until closed


def _bounded(rows: Iterator[tuple[int, tuple[Any, ...]]]) -> Iterator[tuple[int, tuple[Any, ...]]]:
    for line, cells in rows:
        if line > MAX_ROWS:
            raise TooLargeToRead(
                f"the sheet goes on beyond row {MAX_ROWS:,}, where reading stops (even empty rows count): the rows "
                f"above are imported; move the others into another file",
                f"la feuille continue au-delà de la ligne {MAX_ROWS}, où la lecture s'arrête (les lignes vides "
                f"comptent aussi) : les lignes au-dessus sont importées ; mettez les autres dans un autre fichier",
            )
        yield line, cells


def _too_long_cell(line: int, cells: Sequence[Any], columns: Columns) -> RowError | None:
    for field, position in columns.position.items():
        cell = cells[position] if position < len(cells) else None
        if isinstance(cell, str) and len(cell) > MAX_CELL_CHARS:
            return RowError(
                line=line,
                column=columns.title[field],
                reason=f"the cell holds {len(cell):,} characters, more than a cell may ({MAX_CELL_CHARS:,})",
                reason_fr=f"la cellule contient {len(cell)} caractères, plus qu'une cellule n'en "
                f"admet ({MAX_CELL_CHARS})",
            )
    return None
