"""The credit insurer's file of grades and limits per debtor (CSV), read and checked line by line.

Columns: `debtor_id` or `siren` (one of them), `insurer`, `grade` (1 best … 10 worst), `limit`
(a decimal amount, 0 when cover is refused), `currency` (optional, EUR by default). Comma or semicolon
separated, with a header line.
"""

from __future__ import annotations

import csv
import io
import re
import uuid
from dataclasses import dataclass
from decimal import Decimal

from shared.money import CENT, parse_amount

from scoring.domain.currency import EUR, check_currency
from scoring.domain.text import check_label

SIREN = re.compile(r"[0-9]{9}")
MAX_LIMIT = Decimal(10) ** 12  # NUMERIC(14,2) holds up to 999,999,999,999.99


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
    try:
        header = {name.strip().lower() for name in reader.fieldnames or []}
    except csv.Error as exc:
        return [], [LineError(1, "header", f"the header line cannot be read as CSV: {exc}")]
    missing = [name for name in ("insurer", "grade", "limit") if name not in header]
    if missing or not header & {"debtor_id", "siren"}:
        needed = ", ".join(missing + ([] if header & {"debtor_id", "siren"} else ["debtor_id or siren"]))
        return [], [LineError(1, "header", f"missing column(s): {needed}")]
    lines: list[CoverLine] = []
    errors: list[LineError] = []
    rows = iter(reader)
    number = 1
    while True:
        number += 1
        try:
            raw = next(rows)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(LineError(number, "line", f"this line cannot be read as CSV: {exc}"))
            break
        if None in raw:  # csv keeps the fields beyond the header in a list under the key None
            errors.append(
                LineError(
                    number,
                    "line",
                    f"this line has more fields than the header ({len(raw) - 1 + len(raw[None])} for {len(raw) - 1})",
                )
            )
            continue
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
            return LineError(number, "debtor_id", f"'{row['debtor_id'][:40]}' is not a debtor id")
    siren = row.get("siren", "").replace(" ", "") or None
    if siren is not None and not SIREN.fullmatch(siren):
        return LineError(number, "siren", "a SIREN is nine digits")
    if debtor_id is None and siren is None:
        return LineError(number, "debtor_id", "give the debtor's id or its SIREN")
    try:
        insurer = check_label(row.get("insurer", ""), field="the insurer's name", max_length=120)
    except ValueError as exc:
        return LineError(number, "insurer", str(exc))
    try:
        grade = int(row.get("grade", ""))
    except ValueError:
        return LineError(number, "grade", f"'{row.get('grade', '')[:20]}' is not a grade from 1 to 10")
    if not 1 <= grade <= 10:
        return LineError(number, "grade", f"grade {grade} is outside 1 (best) to 10 (worst)")
    limit = _limit(row.get("limit", ""))
    if isinstance(limit, str):
        return LineError(number, "limit", limit)
    try:
        currency = check_currency(row.get("currency") or EUR)
    except ValueError as exc:
        return LineError(number, "currency", str(exc))
    return CoverLine(number, debtor_id, siren, insurer, grade, limit, currency)


def _limit(text: str) -> Decimal | str:
    """The limit, or why it is refused: whole cents (never rounded), not negative, within NUMERIC(14,2)."""
    try:
        limit = parse_amount(text.replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace(",", "."))
    except ValueError as exc:
        return str(exc)[:200]
    if limit < 0:
        return "a limit cannot be negative"
    if limit >= MAX_LIMIT:
        return f"a limit must be below {MAX_LIMIT:,} (the largest amount kept to the cent)"
    if limit != limit.quantize(CENT):
        return f"{text[:40]} is not a whole number of cents; write it with at most two decimals"
    return limit.quantize(CENT)
