"""The creditor's report, computed from what intake's API shows the visitor (its cases, payments and
remittances): amounts placed, collected, recovery rate, average days to collect, commission and remittances
received, per month and per debtor. Pure arithmetic on the API's JSON; what the visitor may see is intake's
decision (shared.tenancy), never this module's."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from shared.spreadsheets import neutralised

ZERO = Decimal("0.00")


@dataclass
class Line:
    """One row of the report: a month ("2027-03") or a debtor (its name)."""

    key: str
    placed: Decimal = ZERO
    cases: int = 0
    collected: Decimal = ZERO
    commission: Decimal = ZERO
    remitted: Decimal = ZERO
    days: list[int] = field(default_factory=list)

    @property
    def recovery_rate(self) -> Decimal | None:
        """The share of the amounts placed that was collected, in per cent (None when nothing was placed)."""
        if self.placed <= 0:
            return None
        return (self.collected * 100 / self.placed).quantize(Decimal("0.1"))

    @property
    def average_days(self) -> int | None:
        """Days from placement to the last payment, on average over the cases paid in full."""
        return round(sum(self.days) / len(self.days)) if self.days else None


@dataclass(frozen=True)
class Report:
    total: Line
    months: list[Line]
    debtors: list[Line]
    truncated: bool  # a list was longer than what the report reads


def build_report(
    cases: Iterable[dict[str, Any]],
    payments: Iterable[dict[str, Any]],
    remittances: Iterable[dict[str, Any]],
    *,
    creditor_id: str | None = None,
    truncated: bool = False,
) -> Report:
    """The report of the cases, payments and remittances given (narrowed to one creditor when named)."""
    wanted = [case for case in cases if creditor_id is None or case["creditor_id"] == creditor_id]
    by_case = {case["id"]: case for case in wanted}
    # a reversed payment (a bounced cheque, a recalled transfer) collected nothing
    paid = [payment for payment in payments if payment["case_id"] in by_case and not payment.get("reversed_on")]
    sent = [item for item in remittances if creditor_id is None or item["creditor_id"] == creditor_id]
    total, months, debtors = Line("total"), dict[str, Line](), dict[str, Line]()
    for case in wanted:
        placed = sum((Decimal(invoice["amount"]) for invoice in case["invoices"]), ZERO)
        for line in (total, _line(months, _month(case["created_at"])), _line(debtors, _debtor(case))):
            line.placed += placed
            line.cases += 1
    last_payment: dict[str, date] = {}
    for payment in paid:
        case = by_case[payment["case_id"]]
        received = date.fromisoformat(payment["received_on"][:10])
        collected = Decimal(payment["amount"]) - Decimal(payment.get("overpayment") or ZERO)
        for line in (total, _line(months, received.strftime("%Y-%m")), _line(debtors, _debtor(case))):
            line.collected += collected
            line.commission += Decimal(payment["commission"])
        last_payment[case["id"]] = max(received, last_payment.get(case["id"], received))
    for case_id, last in last_payment.items():
        case = by_case[case_id]
        if Decimal(case["outstanding"]) > 0:
            continue
        days = max(0, (last - _day(case["created_at"])).days)
        for line in (total, _line(months, last.strftime("%Y-%m")), _line(debtors, _debtor(case))):
            line.days.append(days)
    for remittance in sent:
        issued = remittance["issued_on"][:7]
        for line in (total, _line(months, issued)):
            line.remitted += Decimal(remittance["remitted"])
    return Report(
        total=total,
        months=[months[key] for key in sorted(months, reverse=True)],
        debtors=sorted(debtors.values(), key=lambda line: (-line.placed, line.key)),
        truncated=truncated,
    )


def _line(lines: dict[str, Line], key: str) -> Line:
    return lines.setdefault(key, Line(key))


def _month(moment: str) -> str:
    return _day(moment).strftime("%Y-%m")


def _day(moment: str) -> date:
    return datetime.fromisoformat(moment).date() if "T" in moment else date.fromisoformat(moment[:10])


def _debtor(case: dict[str, Any]) -> str:
    debtor = case.get("debtor") or {}
    return str(debtor.get("name") or debtor.get("id") or "—")


CSV_COLUMNS = (
    "section",
    "key",
    "cases",
    "placed",
    "collected",
    "recovery_rate_percent",
    "average_days_to_collect",
    "commission",
    "remitted",
)
HEADINGS = {  # a column's heading in the file, French then English
    "section": ("Rubrique", "Section"),
    "key": ("Mois ou débiteur", "Month or debtor"),
    "cases": ("Dossiers", "Cases"),
    "placed": ("Confiés", "Placed"),
    "collected": ("Recouvrés", "Collected"),
    "recovery_rate_percent": ("Taux de recouvrement (%)", "Recovery rate (%)"),
    "average_days_to_collect": ("Délai moyen de recouvrement (jours)", "Average days to collect"),
    "commission": ("Commission", "Commission"),
    "remitted": ("Reversés", "Remitted"),
}
SECTIONS = {"month": ("mois", "month"), "debtor": ("débiteur", "debtor"), "total": ("total", "total")}


def headings(language: str) -> list[str]:
    return [HEADINGS[column][0 if language == "fr" else 1] for column in CSV_COLUMNS]


def section_name(section: str, language: str) -> str:
    return SECTIONS[section][0 if language == "fr" else 1]


def report_csv(report: Report, language: str = "en") -> str:
    """The report as CSV (UTF-8): one row per month, per debtor, and the total. In French, semicolons and decimal
    commas, what French Excel opens directly; in English, commas and decimal points. A debtor has no remitted
    figure: funds are remitted to the creditor, not per debtor."""
    french = language == "fr"
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if french else ",", lineterminator="\r\n")
    writer.writerow(headings(language))
    sections = [("month", line) for line in report.months] + [("debtor", line) for line in report.debtors]
    for section, line in [*sections, ("total", report.total)]:
        rate, days = line.recovery_rate, line.average_days
        row: list[object] = [
            section_name(section, language),
            neutralised(line.key),
            line.cases,
            line.placed,
            line.collected,
            "" if rate is None else rate,
            "" if days is None else days,
            line.commission,
            line.remitted if section != "debtor" else "",
        ]
        writer.writerow(
            [str(value).replace(".", ",") if french and isinstance(value, Decimal) else value for value in row]
        )
    return out.getvalue()
