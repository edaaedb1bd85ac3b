"""Sample import files, as other software writes them (CSV, XLSX, FEC, Factur-X), for intake's tests, the API,
security and end-to-end suites and the import benchmark: development tooling, never in the image.

from workbench import samples
samples.french_csv(samples.mixed_rows(), encoding="utf-8-sig")
"""

from .facturx import SampleInvoice, cii_xml, facturx_pdf, plain_pdf
from .fec import FEC_OPEN, fec, fec_line, fec_lines
from .rows import BAD_FIELDS, FIELDS, MIXED_BAD_LINES, MIXED_GOOD_LINES, bad_rows, good_rows, mixed_rows, numbered_rows
from .tabular import ENGLISH_HEADERS, FRENCH_HEADERS, french_csv, international_csv, write_french_csv, xlsx

__all__ = [
    "BAD_FIELDS",
    "ENGLISH_HEADERS",
    "FEC_OPEN",
    "FIELDS",
    "FRENCH_HEADERS",
    "MIXED_BAD_LINES",
    "MIXED_GOOD_LINES",
    "SampleInvoice",
    "bad_rows",
    "cii_xml",
    "facturx_pdf",
    "fec",
    "fec_line",
    "fec_lines",
    "french_csv",
    "good_rows",
    "international_csv",
    "mixed_rows",
    "numbered_rows",
    "plain_pdf",
    "write_french_csv",
    "xlsx",
]
