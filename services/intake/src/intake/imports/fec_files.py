"""FEC files (Fichier des Écritures Comptables, art. A47 A-1 LPF): 18 tab- or pipe-separated columns.

Only the open receivables come out (see `fec_ledger`); they are known once the whole file is read,
so unreadable lines are reported first and the case rows follow. Amounts are in the accounting
currency, the euro for a French ledger (Montantdevise and Idevise only echo a foreign currency).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from typing import BinaryIO

from .cells import amount_of, date_of
from .decoding import text_stream
from .fec_ledger import CUSTOMER_ACCOUNTS, Entry, Ledger
from .problems import Unreadable
from .rows import CaseRow, RowError

COLUMNS = (
    "JournalCode",
    "JournalLib",
    "EcritureNum",
    "EcritureDate",
    "CompteNum",
    "CompteLib",
    "CompAuxNum",
    "CompAuxLib",
    "PieceRef",
    "PieceDate",
    "EcritureLib",
    "Debit",
    "Credit",
    "EcritureLet",
    "DateLet",
    "ValidDate",
    "Montantdevise",
    "Idevise",
)
REQUIRED = ("EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "Debit", "Credit", "EcritureLet")


def parse_fec(stream: BinaryIO) -> Iterator[CaseRow | RowError]:
    with text_stream(stream) as text:
        header, header_line = "", 0
        while not header.strip():  # the header, after any blank lines a tool left above it
            read = text.readline()
            if not read:
                break
            header, header_line = read.rstrip("\r\n"), header_line + 1
        delimiter = "\t" if "\t" in header else "|"
        names = [name.strip().lower() for name in header.split(delimiter)]
        position = {column: names.index(column.lower()) for column in COLUMNS if column.lower() in names}
        missing = [column for column in REQUIRED if column not in position]
        if missing:
            yield from (_missing(column, header_line) for column in missing)
            return
        ledger = Ledger()
        # FEC fields are never quoted, and a label may hold a lone quote character.
        for line, cells in enumerate(
            csv.reader(text, delimiter=delimiter, quoting=csv.QUOTE_NONE), start=header_line + 1
        ):
            entry = entry_of(line, _Fields(cells, position))
            if isinstance(entry, RowError):
                yield entry
            elif entry is not None:
                ledger.add(entry)
    yield from ledger.open_receivables()


def entry_of(line: int, fields: Mapping[str, str]) -> Entry | RowError | None:
    """The line as an open customer entry; None for other accounts and lettered (settled) lines."""
    if not fields["CompteNum"].startswith(CUSTOMER_ACCOUNTS) or fields["EcritureLet"]:
        return None
    day_column = "PieceDate" if fields["PieceDate"] else "EcritureDate"
    try:
        day = date_of(fields[day_column])
    except Unreadable as problem:
        return problem.at(line, day_column)
    amounts: dict[str, Decimal] = {}
    for column in ("Debit", "Credit"):
        try:
            amounts[column] = amount_of(fields[column], None) if fields[column] else Decimal("0.00")
        except Unreadable as problem:
            return problem.at(line, column)
    return Entry(
        line=line,
        customer=fields["CompAuxNum"] or fields["CompteNum"],
        customer_name=fields["CompAuxLib"] or fields["CompteLib"],
        document=fields["PieceRef"] or fields["EcritureNum"],
        day=day,
        debit=amounts["Debit"],
        credit=amounts["Credit"],
    )


class _Fields(Mapping[str, str]):
    """A FEC line's stripped cells by column name; "" for a column the file lacks or a short line."""

    def __init__(self, cells: Sequence[str], position: dict[str, int]) -> None:
        self._cells, self._position = cells, position

    def __getitem__(self, column: str) -> str:
        index = self._position.get(column)
        return self._cells[index].strip() if index is not None and index < len(self._cells) else ""

    def __iter__(self) -> Iterator[str]:
        return iter(self._position)

    def __len__(self) -> int:
        return len(self._position)


def _missing(column: str, line: int) -> RowError:
    return RowError(
        line=line,
        column=column,
        reason=f"the FEC header has no {column} column",
        reason_fr=f"l'en-tête du FEC n'a pas de colonne {column}",
    )
