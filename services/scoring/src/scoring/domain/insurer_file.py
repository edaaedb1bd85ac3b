"""The credit insurer's file of grades and limits per debtor (CSV), read and checked line by line.

Columns: `debtor_id` or `siren` (one of them), `insurer`, `grade` (1 best … 10 worst), `limit`
(a decimal amount, 0 when cover is refused), `currency` (optional, EUR by default). Comma or semicolon
separated, with a header line.
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass
from decimal import Decimal

from shared.money import parse_amount


@dataclass(frozen=True)
class CoverLine:
    line: int
    debtor_id: uuid.UUID | None
    siren: str | None
    insurer: str
    grade: int
    limit: Decimal
    currency: str


@dataclass(frozen=True)
class LineError:
    line: int
    column: str
    reason: str


def parse_insurer_file(text: str) -> tuple[list[CoverLine], list[LineError]]:
    if not text.strip():
        return [], [LineError(1, "file", "the file is empty")]
    first = text.splitlines()[0]
    reader = csv.DictReader(io.StringIO(text), delimiter=";" if first.count(";") > first.count(",") else ",")
    header = {name.strip().lower() for name in reader.fieldnames or []}
    missing = [name for name in ("insurer", "grade", "limit") if name not in header]
    if missing or not header & {"debtor_id", "siren"}:
        needed = ", ".join(missing + ([] if header & {"debtor_id", "siren"} else ["debtor_id or siren"]))
        return [], [LineError(1, "header", f"missing column(s): {needed}")]
    lines: list[CoverLine] = []
    errors: list[LineError] = []
    for number, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        parsed = _parse_line(number, row)
        if isinstance(parsed, LineError):
            errors.append(parsed)
        else:
            lines.append(parsed)
    return lines, errors


def _parse_line(number: int, row: dict[str, str]) -> CoverLine | LineError:
    debtor_id: uuid.UUID | None = None
    if row.get("debtor_id"):
        try:
            debtor_id = uuid.UUID(row["debtor_id"])
        except ValueError:
            return LineError(number, "debtor_id", f"'{row['debtor_id']}' is not a debtor id")
    siren = row.get("siren") or None
    if debtor_id is None and siren is None:
        return LineError(number, "debtor_id", "give the debtor's id or its SIREN")
    if not row.get("insurer"):
        return LineError(number, "insurer", "the insurer's name is missing")
    try:
        grade = int(row.get("grade", ""))
    except ValueError:
        return LineError(number, "grade", f"'{row.get('grade')}' is not a grade from 1 to 10")
    if not 1 <= grade <= 10:
        return LineError(number, "grade", f"grade {grade} is outside 1 (best) to 10 (worst)")
    try:
        limit = parse_amount(row.get("limit", "").replace(" ", "").replace(",", "."))
    except ValueError as exc:
        return LineError(number, "limit", str(exc))
    if limit < 0:
        return LineError(number, "limit", "a limit cannot be negative")
    return CoverLine(number, debtor_id, siren, row["insurer"], grade, limit, (row.get("currency") or "EUR").upper())
