"""A reversed payment never restarted prescription (art. 2240 C. civ.: only the debtor's own part-payment
acknowledges the debt): the invoices it had marked take the date of the latest part-payment that still counts."""

from __future__ import annotations

import uuid
from datetime import date

from intake.cases.models import Invoice
from intake.ledger.models import Payment
from intake.ledger.posting import DEBTOR_PAYMENTS
from intake.money.commission import FundsSource
from intake.money.statement_lines import LineKind, Statement


def restart_without(
    payment: Payment, touched: set[uuid.UUID], remaining: list[Payment], statement: Statement, invoices: list[Invoice]
) -> dict[str, str]:
    """Moves `last_partial_payment_on` of the invoices the reversed payment paid (`touched`) and dated back to the
    latest remaining debtor payment the replayed `statement` allocates to them, or to none. Returns what changed, by
    invoice number, for the audit trail (a date the creditor declared at placement is not kept apart: staff read
    it there to restore it)."""
    if FundsSource(payment.source) not in DEBTOR_PAYMENTS:
        return {}
    counted = {str(p.id): p.received_on for p in remaining if FundsSource(p.source) in DEBTOR_PAYMENTS}
    latest: dict[str, date] = {}
    for line in statement.lines:
        day = counted.get(line.payment_id)
        if line.kind is LineKind.PAYMENT and day is not None and line.invoice_number:
            latest[line.invoice_number] = max(latest.get(line.invoice_number, day), day)
    changes: dict[str, str] = {}
    for invoice in invoices:
        if invoice.id not in touched or invoice.last_partial_payment_on != payment.received_on:
            continue  # a later payment, or the creditor's own date, already says more
        restarted = latest.get(invoice.number)
        if restarted != invoice.last_partial_payment_on:
            changes[invoice.number] = f"{invoice.last_partial_payment_on} -> {restarted}"
            invoice.last_partial_payment_on = restarted
    return changes
