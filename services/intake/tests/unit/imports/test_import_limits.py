"""Workbooks and Factur-X PDFs are containers: a small upload must not expand into minutes of CPU or
hundreds of MB. The hostile files are built here, from a good workbook rewritten member by member."""

from __future__ import annotations

import io
import struct
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterable, Iterator

import pytest

from workbench import samples
from workbench.samples.facturx import cii_xml

from intake.imports import CaseRow, RowError, UnsupportedFile, parse_upload
from intake.imports.archives import MAX_CELL_CHARS, MAX_COLUMNS, MAX_ROWS, TooLargeToRead

SHEET = "xl/worksheets/sheet1.xml"
Rewrite = Callable[[bytes], Iterable[bytes]]


def rewritten(changes: dict[str, Rewrite], extra: dict[str, bytes] | None = None) -> bytes:
    """The sample workbook with members rewritten (streamed, so a 100 MB member never sits in memory)."""
    source = zipfile.ZipFile(io.BytesIO(samples.xlsx(samples.good_rows())))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            change = changes.get(info.filename)
            if change is None:
                target.writestr(info.filename, source.read(info.filename))
                continue
            with target.open(info.filename, "w") as member:
                for chunk in change(source.read(info.filename)):
                    member.write(chunk)
        for name, data in (extra or {}).items():
            target.writestr(name, data)
    return out.getvalue()


def rows_appended(rows: Callable[[], Iterator[bytes]], *, keep_dimension: bool = False) -> Rewrite:
    def change(sheet: bytes) -> Iterator[bytes]:
        head, _, tail = sheet.partition(b"</sheetData>")
        if not keep_dimension:  # without it openpyxl reads the sheet to its end
            head = head.replace(b'<dimension ref="A1:U5"/>', b"")
        yield head
        yield from rows()
        yield b"</sheetData>" + tail

    return change


def read_all(content: bytes) -> list[CaseRow | RowError]:
    return list(parse_upload(io.BytesIO(content), "export.xlsx"))


def refused_cheaply(content: bytes, match: str) -> TooLargeToRead:
    """The refusal, checked to cost under a second of CPU and a few MB at its peak."""
    tracemalloc.start()
    started = time.process_time()
    try:
        with pytest.raises(TooLargeToRead, match=match) as refused:
            read_all(content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.process_time() - started < 2.0 and peak < 20 * 1024 * 1024, (time.process_time() - started, peak)
    return refused.value


def test_a_22_kb_workbook_holding_two_million_empty_rows_is_refused_before_any_row_is_read() -> None:
    content = rewritten({SHEET: rows_appended(lambda: (b"<row/>" * 1_000_000 for _ in range(2)))})
    assert len(content) < 64 * 1024
    refused = refused_cheaply(content, "100,000 rows")
    assert refused.message.startswith("export.xlsx: une feuille de ce classeur a plus de 100")  # French first


def test_a_100_mb_cell_compressed_to_100_kb_is_refused_without_being_expanded() -> None:
    def big_cell() -> Iterator[bytes]:
        yield b'<row r="6"><c r="A6" t="inlineStr"><is><t>'
        yield from (b"x" * 1_000_000 for _ in range(100))
        yield b"</t></is></c></row>"

    content = rewritten({SHEET: rows_appended(big_cell)})
    assert len(content) < 200 * 1024
    refused_cheaply(content, "a text of more than 384 KB")


def test_a_workbook_declaring_gigabytes_once_uncompressed_is_refused_on_its_declared_size() -> None:
    content = bytearray(samples.xlsx(samples.good_rows()))
    directory = content.index(b"PK\x01\x02")  # the first member's central directory entry
    content[directory + 24 : directory + 28] = struct.pack("<I", 0xFFFF0000)  # its uncompressed size
    refused_cheaply(bytes(content), "declares more than 256 MB")


def test_a_million_shared_strings_are_refused_before_openpyxl_loads_them() -> None:
    strings = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        + b"<si><t/></si>" * (1_000_001)
        + b"</sst>"
    )
    override = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    content = rewritten(
        {"[Content_Types].xml": lambda types: [types.replace(b"</Types>", override)]},
        extra={"xl/sharedStrings.xml": strings},
    )
    refused_cheaply(content, "distinct texts")


def test_a_sheet_going_on_beyond_the_row_limit_stops_there_with_a_bilingual_reason() -> None:
    far = f'<row r="{MAX_ROWS + 50}"><c r="A{MAX_ROWS + 50}" t="inlineStr"><is><t>x</t></is></c></row>'
    content = rewritten({SHEET: rows_appended(lambda: iter([far.encode()]))})
    started = time.process_time()
    with pytest.raises(TooLargeToRead, match="beyond row 100,000") as refused:
        read_all(content)
    assert "au-delà de la ligne 100000" in refused.value.message
    assert time.process_time() - started < 5.0


def test_columns_beyond_the_limit_are_never_read_and_a_claimed_width_does_not_pad_rows() -> None:
    far_column = b'<row r="6"><c r="XFD6" t="inlineStr"><is><t>F-X</t></is></c></row>'

    def change(sheet: bytes) -> Iterator[bytes]:
        head, _, tail = sheet.replace(b'<dimension ref="A1:U5"/>', b'<dimension ref="A1:XFD6"/>').partition(
            b"</sheetData>"
        )
        yield head + far_column + b"</sheetData>" + tail

    items = read_all(rewritten({SHEET: change}))
    assert len(items) == len(samples.good_rows()) and all(isinstance(item, CaseRow) for item in items)
    assert MAX_COLUMNS < 16384


def test_a_cell_longer_than_excel_allows_refuses_its_row_and_keeps_the_others() -> None:
    long_name = b"D" * (MAX_CELL_CHARS + 1)  # openpyxl itself would cut it at Excel's limit: written by hand
    rows = samples.good_rows()
    rows[1] = {**rows[1], "name": "LONG-NAME"}
    source = zipfile.ZipFile(io.BytesIO(samples.xlsx(rows)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename).replace(b"LONG-NAME", long_name))
    items = read_all(out.getvalue())
    refused = [item for item in items if isinstance(item, RowError)]
    assert [(item.line, item.column) for item in refused] == [(3, "Raison sociale")]
    assert "32767" in refused[0].reason_fr and sum(isinstance(item, CaseRow) for item in items) == len(rows) - 1


def test_a_factur_x_pdf_whose_xml_expands_to_40_mb_is_refused() -> None:
    padding = (b"<!--" + b" " * 1_000_000 + b"-->") * 40
    xml = cii_xml().replace(b"<rsm:ExchangedDocumentContext>", padding + b"<rsm:ExchangedDocumentContext>", 1)
    pdf = samples.facturx_pdf(xml=xml)
    assert len(pdf) < 100 * 1024
    with pytest.raises(TooLargeToRead, match="more than 8 MB once uncompressed"):
        list(parse_upload(io.BytesIO(pdf), "facture.pdf"))


def test_a_damaged_archive_is_still_an_unsupported_file() -> None:
    content = samples.xlsx(samples.good_rows())
    with pytest.raises(UnsupportedFile):
        read_all(content[: len(content) // 2] + content[len(content) // 2 :][::-1])
