"""When a payment is accepted on a case, and what a debtor's part-payment does to prescription."""

from __future__ import annotations

from datetime import date

from intake.domain.rule_broken import RuleBroken


def check_payment_accepted(
    *,
    case_reference: str,
    case_status: str,
    closure_reason: str | None,
    case_currency: str,
    currency: str,
    received_on: date,
    today: date,
    from_bailiff: bool,
) -> None:
    """A payment is in the case's currency, already received, and meets an open case; a closed case still takes
    what a bailiff recovers under an enforceable title (the funds exist, the creditor is owed them)."""
    if currency != case_currency:
        raise RuleBroken(
            "currency",
            f"this case is in {case_currency}, the payment is in {currency}",
            f"ce dossier est en {case_currency}, le paiement en {currency}",
        )
    if received_on > today:
        raise RuleBroken(
            "received_on",
            f"{received_on} is after today ({today}); record a payment once received",
            f"le {received_on:%d/%m/%Y} est après aujourd'hui ({today:%d/%m/%Y}) ; "
            "enregistrez un paiement une fois reçu",
        )
    if case_status == "closed" and not from_bailiff:
        raise RuleBroken(
            "case_id",
            f"case {case_reference} is closed ({closure_reason}); it takes no more payments",
            f"le dossier {case_reference} est clos ({closure_reason}) ; il ne reçoit plus de paiement",
        )


def prescription_restarted_on(
    last_part_payment_on: date | None, received_on: date, *, paid_towards: bool
) -> date | None:
    """The day prescription runs from again after a debtor's own payment: art. 2240 C. civ., paying part of a debt
    acknowledges it and restarts prescription, for the invoices the payment went to (`paid_towards`) only; a
    payment received before the last one already counted moves nothing."""
    if not paid_towards:
        return last_part_payment_on
    return max(last_part_payment_on or received_on, received_on)
