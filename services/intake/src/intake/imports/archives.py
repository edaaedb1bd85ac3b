"""Zip containers (.xlsx workbooks) checked before any parser opens them, so that a small upload cannot
expand into minutes of CPU and gigabytes of memory (a "zip bomb", or one 100 MB cell compressed to 100 KB).

Every member is decompressed once, in blocks, counting what it really holds: the sizes the archive declares
and the sizes it actually expands to are both bounded, as are the text between two XML tags (a cell or an
attribute), the rows of a worksheet, the bytes and cells of one row (openpyxl builds a whole row in memory)
and the shared strings (openpyxl loads them all when it opens the workbook). The scan costs a fraction of
what parsing the same bytes costs, and keeps at most one block in memory.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from .rows import UnsupportedFile

MAX_MEMBERS = 1_000
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
MAX_SHARED_STRINGS = 1_000_000
MAX_SHARED_STRINGS_BYTES = 64 * 1024 * 1024
MAX_ROWS = 100_000  # per worksheet; a larger import is sent as CSV or split
MAX_COLUMNS = 200  # columns read; the ones beyond are never looked at
MAX_CELL_CHARS = 32_767  # Excel's own limit for one cell
MAX_ROW_BYTES = 4 * 1024 * 1024
MAX_ROW_CELLS = 16_384  # Excel's column count: a row holding more cells was not written by Excel
# The longest text between two tags: a cell of MAX_CELL_CHARS characters written as numeric references fits.
MAX_TEXT_RUN = 384 * 1024

_BLOCK = MAX_TEXT_RUN  # a full block without "<" is a text run at least this long
_ROW = re.compile(rb"<(?:\w+:)?row[\s/>]")
_ROW_FORMS = tuple(opening + b"row" + after for opening in (b"<", b":") for after in (b" ", b">", b"/"))


class TooLargeToRead(UnsupportedFile):
    """A container beyond our limits: the import fails before any row is read, saying why in both languages."""

    def __init__(self, en: str, fr: str, *, filename: str | None = None) -> None:
        super().__init__(f"{filename + ': ' if filename else ''}{fr} / {en}", fr)
        self.message_en, self.french = en, fr

    def naming(self, filename: str) -> TooLargeToRead:
        return TooLargeToRead(self.message_en, self.french, filename=filename)


def check_workbook_archive(archive: BinaryIO) -> None:
    """Raises `TooLargeToRead` when the archive exceeds a limit, `UnsupportedFile` when it is damaged.
    The stream is left where it was."""
    start = archive.tell()
    try:
        with zipfile.ZipFile(archive) as opened:
            members = opened.infolist()
            if len(members) > MAX_MEMBERS:
                raise TooLargeToRead(
                    f"this archive holds {len(members)} files, more than a workbook has ({MAX_MEMBERS} at most)",
                    f"cette archive contient {len(members)} fichiers, plus qu'un classeur ({MAX_MEMBERS} au plus)",
                )
            _check_expanded_size(sum(member.file_size for member in members), declared=True)
            expanded = 0
            for member in members:
                expanded += _scan(opened, member, budget=MAX_UNCOMPRESSED_BYTES - expanded)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as problem:
        raise UnsupportedFile(
            f"this Excel workbook cannot be opened ({problem})", f"ce classeur Excel ne s'ouvre pas ({problem})"
        ) from problem
    finally:
        archive.seek(start)


def _check_expanded_size(size: int, *, declared: bool) -> None:
    if size > MAX_UNCOMPRESSED_BYTES:
        limit = f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB"
        said, dit = ("declares", "annonce") if declared else ("expands to", "décompressé fait")
        raise TooLargeToRead(
            f"this workbook {said} more than {limit} once uncompressed: split it or send a CSV file",
            f"ce classeur {dit} plus de {limit} une fois décompressé : découpez-le ou envoyez un fichier CSV",
        )


@dataclass
class _Worksheet:
    """What the scan counts in one worksheet: its rows, and the bytes and cells of the row being read."""

    rows: int = 0
    row_bytes: int = 0
    row_cells: int = 0

    def feed(self, data: bytes, end: int) -> None:
        """Counts data[:end]; rows that start and end inside it are checked one by one only when the block
        holds more cells than a row may (a block is far smaller than MAX_ROW_BYTES)."""
        starts = [found for form in _ROW_FORMS if (found := data.find(form, 0, end)) >= 0]
        if not starts:
            self._grow(data, 0, end)
            return
        first, last = min(starts), max(data.rfind(form, 0, end) for form in _ROW_FORMS)
        self._grow(data, 0, first)
        self.rows += _elements(data, b"row", 0, end)
        if self.rows > MAX_ROWS:
            raise TooLargeToRead(
                f"a sheet of this workbook has more than {MAX_ROWS:,} rows: split it or send a CSV file",
                f"une feuille de ce classeur a plus de {MAX_ROWS:_} lignes : découpez-la ou "
                f"envoyez un fichier CSV".replace("_", "\u202f"),
            )
        if _elements(data, b"c", first, last) > MAX_ROW_CELLS:
            for row in _ROW.finditer(data, first, last):
                self.row_bytes = self.row_cells = 0
                self._grow(data, row.start(), _next_row(data, row.end(), last))
        self.row_bytes = self.row_cells = 0
        self._grow(data, last, end)

    def _grow(self, data: bytes, start: int, end: int) -> None:
        self.row_bytes += end - start
        self.row_cells += _elements(data, b"c", start, end)
        if self.rows and (self.row_bytes > MAX_ROW_BYTES or self.row_cells > MAX_ROW_CELLS):
            raise TooLargeToRead(
                f"row {self.rows} of a sheet holds more than {MAX_ROW_CELLS} cells or "
                f"{MAX_ROW_BYTES // (1024 * 1024)} MB",
                f"la ligne {self.rows} d'une feuille contient plus de {MAX_ROW_CELLS} cellules ou "
                f"{MAX_ROW_BYTES // (1024 * 1024)} Mo",
            )


def _scan(opened: zipfile.ZipFile, member: zipfile.ZipInfo, *, budget: int) -> int:
    """The member's real size once decompressed, checked block by block."""
    name = member.filename.lower()
    markup = name.endswith((".xml", ".rels", ".vml"))
    sheet = _Worksheet() if name.startswith("xl/worksheets/") and name.endswith(".xml") else None
    strings = name == "xl/sharedstrings.xml"
    expanded = shared = 0
    carried = b""
    with opened.open(member) as source:
        while block := source.read(_BLOCK):
            expanded += len(block)
            if expanded > budget:
                _check_expanded_size(MAX_UNCOMPRESSED_BYTES + 1, declared=False)
            if markup and len(block) == _BLOCK and b"<" not in block:
                raise TooLargeToRead(
                    f"{member.filename} holds a text of more than {MAX_TEXT_RUN // 1024} KB "
                    f"(a cell holds at most {MAX_CELL_CHARS:,} characters)",
                    f"{member.filename} contient un texte de plus de {MAX_TEXT_RUN // 1024} Ko "
                    f"(une cellule contient au plus {MAX_CELL_CHARS} caractères)",
                )
            # Counted up to the last "<": a tag cut by the end of the block is counted with the next one.
            data = carried + block
            end = data.rfind(b"<") if b"<" in data else len(data)
            if sheet is not None:
                sheet.feed(data, end)
            if strings:
                shared += _elements(data, b"si", 0, end)
                _check_shared_strings(shared, expanded)
            carried = data[end:]
        if sheet is not None:
            sheet.feed(carried, len(carried))
        if strings:
            _check_shared_strings(shared + _elements(carried, b"si", 0, len(carried)), expanded)
    return expanded


def _next_row(data: bytes, start: int, end: int) -> int:
    found = _ROW.search(data, start, end)
    return found.start() if found else end


def _elements(data: bytes, name: bytes, start: int, end: int) -> int:
    """How many elements `name` open in data[start:end], with or without a namespace prefix. Counted with
    `bytes.count`, which runs at memory speed where a regular expression would build one object per match."""
    return sum(
        data.count(opening + name + after, start, end) for opening in (b"<", b":") for after in (b" ", b">", b"/")
    )


def _check_shared_strings(count: int, size: int) -> None:
    if count > MAX_SHARED_STRINGS or size > MAX_SHARED_STRINGS_BYTES:
        raise TooLargeToRead(
            f"this workbook holds more than {MAX_SHARED_STRINGS:,} distinct texts or "
            f"{MAX_SHARED_STRINGS_BYTES // (1024 * 1024)} MB of them: split it or send a CSV file",
            f"ce classeur contient plus de {MAX_SHARED_STRINGS} textes distincts ou "
            f"{MAX_SHARED_STRINGS_BYTES // (1024 * 1024)} Mo de textes : découpez-le ou envoyez "
            f"un fichier CSV",
        )
