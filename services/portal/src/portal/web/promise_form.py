"""The agent's promise to pay, as typed on a case's page ("Enregistrer une promesse", or a call's outcome): the
amount written as the page's reader writes it ("1 200,50" in French, "1,200.50" in English, "1200.50" on either),
the day from the date picker (or "20/12/2026"), read into dunning's body; what is not an amount or a date refused
here, in the page's language, naming the field as the form labels it. The bounds (at most the balance, within
thirty days) are dunning's, which says them in plain words itself. Pure: no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from portal.web.language import Translator
from portal.web.typed import read_amount

_LARGEST = Decimal("1000000000000")  # dunning's money columns hold less than a thousand billion


@dataclass(frozen=True)
class PromiseReading:
    """dunning's body, or the refusals to show (the field each names: `amount`, `due_on`)."""

    body: dict[str, str] | None
    refusals: list[tuple[str, str]]


def read_day(text: str) -> date | None:
    """YYYY-MM-DD (the date picker's) or DD/MM/YYYY (typed by hand); None otherwise."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    return None


def read_typed_amount(text: str, t: Translator, *, label: str, missing: str) -> tuple[Decimal | None, str]:
    """The amount typed in the field the form labels `label`, or why it is refused (`missing` when blank), the field
    named; the settlement offer's form reads its amount the same way."""
    amount = read_amount(text, t.language)
    shown = text.strip()[:40]
    if not shown:
        reason = missing
    elif amount is None:
        reason = t("promise.refused.not_amount", value=shown)
    elif amount <= 0:
        reason = t("promise.refused.not_positive")
    elif amount >= _LARGEST:
        reason = t("promise.refused.too_large")
    elif amount != amount.quantize(Decimal("0.01")):
        reason = t("promise.refused.cents", value=shown)
    else:
        return amount, ""
    return None, t("promise.refused.field", label=label, reason=reason)


def read_typed_day(text: str, t: Translator, *, label: str, missing: str) -> tuple[date | None, str]:
    """The day picked (or typed) in the field the form labels `label`, or why it is refused, the field named."""
    day = read_day(text)
    if day is not None:
        return day, ""
    reason = t("promise.refused.not_day", value=text.strip()[:40]) if text.strip() else missing
    return None, t("promise.refused.field", label=label, reason=reason)


def read_promise(amount_text: str, day_text: str, t: Translator) -> PromiseReading:
    refusals: list[tuple[str, str]] = []
    amount, refused = read_typed_amount(
        amount_text, t, label=t("promise.amount"), missing=t("promise.refused.amount_missing")
    )
    if refused:
        refusals.append(("amount", refused))
    day, refused = read_typed_day(day_text, t, label=t("promise.due_on"), missing=t("promise.refused.day_missing"))
    if refused:
        refusals.append(("due_on", refused))
    if refusals or amount is None or day is None:
        return PromiseReading(None, refusals)
    return PromiseReading({"amount": f"{amount:.2f}", "due_on": day.isoformat()}, [])
