"""A settlement offer as staff type it on a case's page: the amount written as the page's reader writes it, the day
to pay by from the date picker, an optional note for the creditor; read into dunning's body, what is not an amount
or a date refused here in the page's language (as the promise form does). The bounds (less than the balance due,
within thirty days) are dunning's, which says them in plain words itself. Pure: no I/O."""

from __future__ import annotations

from portal.web.language import Translator
from portal.web.promise_form import PromiseReading, read_typed_amount, read_typed_day


def read_offer(amount_text: str, day_text: str, note: str, t: Translator) -> PromiseReading:
    """dunning's `SettlementIn`, or the refusals naming the form's fields (`amount`, `pay_by`)."""
    refusals: list[tuple[str, str]] = []
    amount, refused = read_typed_amount(
        amount_text, t, label=t("settlement.amount"), missing=t("settlement.refused.amount_missing")
    )
    if refused:
        refusals.append(("amount", refused))
    day, refused = read_typed_day(
        day_text, t, label=t("settlement.pay_by"), missing=t("settlement.refused.day_missing")
    )
    if refused:
        refusals.append(("pay_by", refused))
    if refusals or amount is None or day is None:
        return PromiseReading(None, refusals)
    body = {"amount": f"{amount:.2f}", "pay_by": day.isoformat()}
    return PromiseReading(body | ({"note": note.strip()} if note.strip() else {}), [])
