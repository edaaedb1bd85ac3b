"""Bulk import of cases. The pure file parsers: CSV, Excel, FEC and Factur-X files read into case rows (`upload`,
`rows` and the modules they use; no session, no store). The import job: its tables (`models`), its use cases
(`jobs`: submit, run in the background, resume, report), one batch of rows checked and written (`job_rows`), its API
models (`schemas`). The sample files the tests and the import benchmark use are made by the workbench
(`workbench.samples`)."""

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
