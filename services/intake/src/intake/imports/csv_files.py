"""CSV files: French (`;`, `1 234,56`, `31/01/2025`) or international (`,`, `1234.56`, `2025-01-31`).

One line is one invoice. The file is read line by line: memory does not grow with its length.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from typing import BinaryIO

from .decoding import decode_head, first_line, text_stream
from .headers import REQUIRED, Columns, read_header
from .problems import missing_column
from .records import case_from_line
from .rows import CaseRow, RowError, UnsupportedFile
from .streams import read_head, replayed

_DELIMITERS = (";", "\t", "|", ",")  # on a tie, the French spreadsheet's choice first


def parse_csv(stream: BinaryIO) -> Iterator[CaseRow | RowError]:
    """Checks the header now (raising `UnsupportedFile` when no column is known), then reads lazily."""
    head = read_head(stream)
    header_line = first_line(decode_head(head))
    delimiter = delimiter_of(header_line)
    header = next(csv.reader([header_line], delimiter=delimiter), [])
    columns = read_header(header)
    if not columns.position:
        raise UnsupportedFile(
            "no column of the first line is one we know: expected headers such as "
            '"N° facture", "Date d\'échéance", "Montant TTC", "Raison sociale"'
        )
    return _cases(replayed(head, stream), delimiter, columns)


def delimiter_of(header_line: str) -> str:
    counts = {delimiter: _count_outside_quotes(header_line, delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ";"


def decimal_mark_of(delimiter: str) -> str | None:
    # A comma decimal cannot share the line with a comma separator; a semicolon means a French file.
    return {";": ",", ",": "."}.get(delimiter)


def _cases(stream: BinaryIO, delimiter: str, columns: Columns) -> Iterator[CaseRow | RowError]:
    missing = columns.missing
    if missing:
        yield from (missing_column(*REQUIRED[field]) for field in missing)
        return
    decimal_mark = decimal_mark_of(delimiter)
    with text_stream(stream) as text:
        reader = csv.reader(text, delimiter=delimiter)
        for header in reader:  # read above; blank lines may come before it
            if any(cell.strip() for cell in header):
                break
        last_line = reader.line_num
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as problem:
                yield RowError(
                    line=last_line + 1,
                    column=None,
                    reason=f"the file stops being valid CSV here ({problem})",
                    reason_fr=f"le fichier n'est plus un CSV valide à partir d'ici ({problem})",
                )
                return
            # A quoted cell may span lines: the case starts on the line after the previous one ended.
            line, last_line = last_line + 1, reader.line_num
            found = case_from_line(line, cells, columns, decimal_mark)
            if isinstance(found, list):
                yield from found
            elif found is not None:
                yield found


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count
