"""What a score is computed from, and what it answers: a probability and the reasons behind it."""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

FOUR_PLACES = Decimal("0.0001")
TWO_PLACES = Decimal("0.01")

NUMERIC_FACTORS = (
    "outstanding",
    "days_past_due",
    "open_cases",
    "partial_payments",
    "promises_kept",
    "promises_broken",
    "disputes",
    "legal_failures",
    "company_age_years",
    "contact_channels",
    "insurer_grade",
    "insurer_limit",
)
CATEGORICAL_FACTORS = ("debtor_type", "legal_form", "insolvency")

FACTOR_LABELS: dict[str, str] = {
    "outstanding": "amount outstanding in EUR (other currencies are not converted)",
    "other_currencies": "amounts in other currencies, not counted (no exchange rate)",
    "days_past_due": "days past due of the oldest unpaid invoice",
    "open_cases": "open cases with the agency, all creditors",
    "partial_payments": "partial payments made",
    "promises_kept": "promises to pay kept",
    "promises_broken": "promises to pay broken",
    "disputes": "disputes opened",
    "legal_failures": "unsuccessful legal steps",
    "company_age_years": "company age (years)",
    "contact_channels": "valid contact channels (e-mail, phone, address)",
    "insurer_grade": "credit-insurer grade (1 best, 10 worst)",
    "insurer_limit": "credit-insurer limit (EUR)",
    "debtor_type": "debtor type",
    "legal_form": "legal form",
    "insolvency": "insolvency proceedings",
    "base": "starting point of the scorecard",
}

FACTOR_CODES: dict[str, str] = {
    "outstanding": "AMOUNT",
    "days_past_due": "DEBT_AGE",
    "open_cases": "OPEN_CASES",
    "partial_payments": "PARTIAL_PAYMENTS",
    "promises_kept": "PROMISES_KEPT",
    "promises_broken": "PROMISES_BROKEN",
    "disputes": "DISPUTES",
    "legal_failures": "LEGAL_FAILURES",
    "company_age_years": "COMPANY_AGE",
    "contact_channels": "CONTACTABILITY",
    "insurer_grade": "INSURER_GRADE",
    "insurer_limit": "INSURER_LIMIT",
    "debtor_type": "DEBTOR_TYPE",
    "legal_form": "LEGAL_FORM",
    "insolvency": "INSOLVENCY",
    "base": "BASE",
    "other_currencies": "OTHER_CURRENCIES",
}


def code_of(factor: str) -> str:
    return FACTOR_CODES.get(factor, factor.upper())


@dataclass(frozen=True)
class ScoringInputs:
    """`outstanding` is in euros only: amounts in other currencies are never added to it (scoring knows no
    exchange rate); they are named in `other_currencies`, and `outstanding` is None when nothing is owed in
    euros but something is in another currency (the amount is then unknown to the scorecards)."""

    outstanding: Decimal | None
    days_past_due: int
    open_cases: int
    partial_payments: int
    promises_kept: int
    promises_broken: int
    disputes: int
    legal_failures: int
    debtor_type: str
    legal_form: str | None
    company_age_years: int | None
    insolvency: bool
    contact_channels: int
    insurer_grade: int | None
    insurer_limit: Decimal | None
    other_currencies: tuple[str, ...] = ()

    def record(self) -> dict[str, Any]:
        """JSON-ready: amounts as decimal strings, so that the stored inputs replay exactly."""
        values = {name: getattr(self, name) for name in _INPUT_FIELDS}  # plain values: no deep copy (`asdict`) needed
        values["other_currencies"] = list(self.other_currencies)
        for name in ("outstanding", "insurer_limit"):
            if values[name] is not None:
                values[name] = str(values[name])
        return values

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> ScoringInputs:
        values = dict(record)
        for name in ("outstanding", "insurer_limit"):
            if values.get(name) is not None:
                values[name] = Decimal(values[name])
        values["other_currencies"] = tuple(values.get("other_currencies") or ())
        return cls(**values)


def company_age_years(created_on: date | None, today: date) -> int | None:
    if created_on is None:
        return None
    return max(0, (today - created_on).days // 365)


@dataclass(frozen=True)
class Reason:
    code: str
    factor: str
    value: Any
    contribution: Decimal  # log-odds points: positive raises the chance of recovery

    def text(self) -> str:
        label = FACTOR_LABELS.get(self.factor, self.factor)
        shown = "unknown" if self.value is None else self.value
        if self.factor == "base":
            return f"{label}"
        effect = "raises" if self.contribution > 0 else "lowers" if self.contribution < 0 else "does not change"
        return f"{label}: {shown} — {effect} the chance of recovery"

    def as_dict(self) -> dict[str, Any]:
        value = str(self.value) if isinstance(self.value, Decimal) else self.value
        return {
            "code": self.code,
            "factor": self.factor,
            "value": value,
            "contribution": str(self.contribution.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)),
            "text": self.text(),
        }


@dataclass(frozen=True)
class Assessment:
    probability: Decimal
    reasons: tuple[Reason, ...]
    model_version: str


def probability_from_log_odds(log_odds: float) -> Decimal:
    """Logistic function, rounded to four places (the precision events carry)."""
    value = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, log_odds))))
    return Decimal(repr(value)).quantize(FOUR_PLACES, rounding=ROUND_HALF_UP)


def currency_reasons(other_currencies: tuple[str, ...] | list[str] | None) -> list[Reason]:
    """Amounts in other currencies are said to be left out, rather than silently ignored."""
    if not other_currencies:
        return []
    return [Reason(code_of("other_currencies"), "other_currencies", list(other_currencies), Decimal("0"))]


def ordered(reasons: list[Reason]) -> tuple[Reason, ...]:
    """Strongest effect first; the base comes last."""
    return tuple(sorted(reasons, key=lambda r: (r.factor == "base", -abs(r.contribution), r.code)))


_INPUT_FIELDS = tuple(field.name for field in fields(ScoringInputs))
