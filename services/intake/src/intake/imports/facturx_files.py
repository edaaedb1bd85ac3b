"""Factur-X and ZUGFeRD 2 PDFs: the invoice XML embedded in the PDF, read by `cii`.

The PDF is read whole, as PDF readers need random access; uploads are bounded in size upstream.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from facturx import get_xml_from_pdf

from .cii import case_from_cii
from .rows import CaseRow, RowError, UnsupportedFile
from .streams import random_access


def parse_facturx(stream: BinaryIO) -> Iterator[CaseRow | RowError]:
    """Raises `UnsupportedFile` for a PDF that carries no invoice XML (a scanned or plain PDF)."""
    try:
        # The schema check is off: a missing optional element must not hide a readable invoice,
        # and the job validates what matters to collection.
        _, xml = get_xml_from_pdf(random_access(stream).read(), check_xsd=False)
    except Exception as problem:  # pypdf raises many kinds of errors on a damaged PDF
        raise UnsupportedFile(f"this PDF cannot be read ({problem})") from problem
    if not xml:
        raise UnsupportedFile("this PDF carries no Factur-X or ZUGFeRD invoice data: send the file itself, not a scan")
    found = case_from_cii(xml)
    return iter(found if isinstance(found, list) else [found])
