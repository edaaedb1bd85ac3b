"""Factur-X and ZUGFeRD 2 PDFs: the invoice XML embedded in the PDF, read by `cii`.

The PDF is read whole, as PDF readers need random access; it is a container too, so its size and what
its compressed streams expand to are bounded (pypdf's limits, tightened for the time of the read): an
invoice PDF of a few hundred KB cannot hold an XML of tens of MB.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import BinaryIO

from facturx import get_xml_from_pdf
from pypdf import apply_configuration
from pypdf.errors import LimitReachedError

from .archives import TooLargeToRead
from .cii import case_from_cii
from .rows import CaseRow, RowError, UnsupportedFile
from .streams import random_access

MAX_PDF_BYTES = 20 * 1024 * 1024  # the largest document the case files accept
MAX_EXPANDED_STREAM_BYTES = 8 * 1024 * 1024  # any one stream once decompressed, the invoice XML included
_MB = 1024 * 1024


def parse_facturx(stream: BinaryIO) -> Iterator[CaseRow | RowError]:
    """Raises `UnsupportedFile` for a PDF that carries no invoice XML (a scanned or plain PDF), and
    `TooLargeToRead` for one beyond the limits."""
    document = random_access(stream)
    start = document.tell()
    size = document.seek(0, io.SEEK_END) - start
    document.seek(start)
    if size > MAX_PDF_BYTES:
        raise TooLargeToRead(
            f"this PDF weighs more than {MAX_PDF_BYTES // _MB} MB", f"ce PDF pèse plus de {MAX_PDF_BYTES // _MB} Mo"
        )
    try:
        with apply_configuration(
            zlib_maximum_output_length=MAX_EXPANDED_STREAM_BYTES,
            lzw_maximum_output_length=MAX_EXPANDED_STREAM_BYTES,
            run_length_maximum_output_length=MAX_EXPANDED_STREAM_BYTES,
            brotli_maximum_output_length=MAX_EXPANDED_STREAM_BYTES,
            array_based_stream_maximum_output_length=MAX_EXPANDED_STREAM_BYTES,
            maximum_declared_stream_length=MAX_PDF_BYTES,
        ):
            # The schema check is off: a missing optional element must not hide a readable invoice,
            # and the job validates what matters to collection.
            _, xml = get_xml_from_pdf(document.read(size), check_xsd=False)
    except LimitReachedError as problem:
        raise _expands_too_much() from problem
    except Exception as problem:  # pypdf raises many kinds of errors on a damaged PDF
        raise UnsupportedFile(f"this PDF cannot be read ({problem})", f"ce PDF est illisible ({problem})") from problem
    if not xml:
        raise UnsupportedFile(
            "this PDF carries no Factur-X or ZUGFeRD invoice data: send the file itself, not a scan",
            "ce PDF ne contient pas de données de facture Factur-X ou ZUGFeRD : envoyez le fichier lui-même, "
            "pas un scan",
        )
    if len(xml) > MAX_EXPANDED_STREAM_BYTES:
        raise _expands_too_much()
    found = case_from_cii(xml)
    return iter(found if isinstance(found, list) else [found])


def _expands_too_much() -> TooLargeToRead:
    return TooLargeToRead(
        f"this PDF holds a stream of more than {MAX_EXPANDED_STREAM_BYTES // _MB} MB once "
        f"uncompressed, far more than an invoice needs",
        f"ce PDF contient un flux de plus de {MAX_EXPANDED_STREAM_BYTES // _MB} Mo une fois "
        f"décompressé, bien plus qu'une facture n'en demande",
    )
