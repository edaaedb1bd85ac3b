"""Bulk import of cases: CSV, Excel, FEC and Factur-X files read into case rows for the import job."""

from .rows import CaseRow, DebtorRow, InvoiceRow, RejectedRow, RowError, UnsupportedFile, by_line
from .upload import parse_upload

__all__ = [
    "CaseRow",
    "DebtorRow",
    "InvoiceRow",
    "RejectedRow",
    "RowError",
    "UnsupportedFile",
    "by_line",
    "parse_upload",
]
