"""The format of an upload is told from its content, never its name."""

import io
import zipfile

import pytest

from workbench import samples

from intake.imports import CaseRow, UnsupportedFile, parse_upload


class OneWayStream(io.RawIOBase):
    """An upload read straight off the network: no seeking back."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        chunk = self._data.read(min(len(buffer), 7))  # a few bytes at a time, as sockets do
        buffer[: len(chunk)] = chunk
        return len(chunk)


@pytest.mark.parametrize(
    "data",
    [
        samples.french_csv(),
        samples.french_csv(encoding="utf-8-sig"),
        samples.international_csv(),
        samples.xlsx(),
        samples.fec(),
        samples.facturx_pdf(),
    ],
    ids=["csv-cp1252", "csv-utf8-bom", "csv-international", "xlsx", "fec", "factur-x"],
)
def test_every_supported_format_is_recognised_whatever_the_file_is_called(data):
    rows = list(parse_upload(io.BytesIO(data), "export.txt"))
    assert rows and all(isinstance(row, CaseRow) for row in rows)


@pytest.mark.parametrize(
    "data",
    [samples.french_csv(), samples.xlsx(), samples.fec(), samples.facturx_pdf()],
    ids=["csv", "xlsx", "fec", "factur-x"],
)
def test_a_stream_that_cannot_seek_is_read_the_same(data):
    assert list(parse_upload(OneWayStream(data))) == list(parse_upload(io.BytesIO(data)))


def zip_without_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a CSV"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, ".xls"),
        (zip_without_workbook(), "not an Excel workbook"),
        (samples.plain_pdf(), "no Factur-X"),
        (b"Bonjour,\nvoici nos factures.\n", "no column"),
    ],
    ids=["empty", "png", "xls", "docx", "plain-pdf", "letter"],
)
def test_anything_else_is_refused_before_any_row_is_read(data, message):
    with pytest.raises(UnsupportedFile, match=message) as refused:
        parse_upload(io.BytesIO(data), "relevé.bin")
    assert refused.value.message.startswith("relevé.bin: ")


def test_the_callers_stream_stays_open_after_a_csv_is_read():
    stream = io.BytesIO(samples.french_csv())
    rows = list(parse_upload(stream))
    assert rows and not stream.closed
