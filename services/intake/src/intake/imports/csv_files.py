"""CSV files: French (`;`, `1 234,56`, `31/01/2025`) or international (`,`, `1234.56`, `2025-01-31`).

One line is one invoice. The file is read line by line: memory does not grow with its length.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from typing import BinaryIO

from .decoding import decode_head, text_stream
from .headers import HEADER_SEARCH_ROWS, REQUIRED, Columns, find_header
from .problems import missing_column
from .records import case_from_line
from .rows import CaseRow, RowError, UnsupportedFile
from .streams import HEAD_SIZE, read_head, replayed

_LINE_BREAK = re.compile("\r\n|\r|\n")  # as the csv module's text stream splits lines (newline="")
_DELIMITERS = (";", "\t", "|", ",")  # on a tie, the French spreadsheet's choice first


def parse_csv(stream: BinaryIO) -> Iterator[CaseRow | RowError]:
    """Finds the header now, below any title or blank lines (raising `UnsupportedFile` when no line of the first
    ones names a known column), then reads lazily; lines keep the file's numbers."""
    head = read_head(stream)
    lines = _LINE_BREAK.split(decode_head(head))
    if len(head) == HEAD_SIZE:
        lines.pop()  # cut short by the head's end
    found = find_header(_split(number, line) for number, line in enumerate(lines, start=1))
    if found is None:
        raise UnsupportedFile(
            f"no column of the first {HEADER_SEARCH_ROWS} lines is one we know: expected headers such as "
            '"N° facture", "Date d\'échéance", "Montant TTC", "Raison sociale"',
            f"aucune colonne des {HEADER_SEARCH_ROWS} premières lignes n'est de celles que nous lisons : en-têtes "
            "attendus par exemple « N° facture », « Date d'échéance », « Montant TTC », « Raison sociale »",
        )
    delimiter = delimiter_of(lines[found.line - 1])
    return _cases(replayed(head, stream), delimiter, found.line, found.columns)


def _split(number: int, line: str) -> tuple[int, list[str]]:
    return number, next(csv.reader([line], delimiter=delimiter_of(line)), [])


def delimiter_of(header_line: str) -> str:
    counts = {delimiter: _count_outside_quotes(header_line, delimiter) for delimiter in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ";"


def decimal_mark_of(delimiter: str) -> str | None:
    # A comma decimal cannot share the line with a comma separator; a semicolon means a French file.
    return {";": ",", ",": "."}.get(delimiter)


def _cases(stream: BinaryIO, delimiter: str, header_line: int, columns: Columns) -> Iterator[CaseRow | RowError]:
    missing = columns.missing
    if missing:
        yield from (missing_column(*REQUIRED[field], line=header_line) for field in missing)
        return
    decimal_mark = decimal_mark_of(delimiter)
    with text_stream(stream) as text:
        reader = csv.reader(text, delimiter=delimiter)
        for _ in reader:  # the header, found above, and what comes before it: titles, blank lines
            if reader.line_num >= header_line:
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
