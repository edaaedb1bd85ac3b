"""Credit notes (avoirs): a credit note cancels part of an invoice itself, so it lowers the principal the
invoice was placed for, as if the invoice had been issued for the reduced amount. It never settles
penalties, interest or the indemnity, and it is not money collected (no commission, no receipt).

It goes to the invoices it names, in the order named, else to the oldest due invoice, pro rata between
invoices due the same day (the order of art. 1342-10 C. civ., applied to principal only). What exceeds the
principal left to cancel is not applied: no money moved, so there is nothing to refund."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from intake.money import statement_texts as texts
from intake.money.allocation import DebtDue, allocate_payment
from intake.money.statement_lines import LineKind, Settlement, StatementInvoice, StatementLine, StatementPayment


@dataclass(frozen=True)
class CreditedInvoices:
    invoices: tuple[StatementInvoice, ...]  # principal net of the credit notes
    lines: tuple[StatementLine, ...]


def apply_credit_notes(invoices: Sequence[StatementInvoice], payments: Sequence[StatementPayment]) -> CreditedInvoices:
    """The invoices with their principal reduced by the credit notes among `payments`, and one line per
    invoice a credit note reduced."""
    remaining = {invoice.invoice_id: invoice.amount_incl_vat for invoice in invoices}
    lines: list[StatementLine] = []
    notes = sorted((p for p in payments if p.settles is Settlement.CREDIT_NOTE), key=lambda p: p.paid_on)
    for note in notes:
        debts = [
            DebtDue(i.invoice_id, i.number, i.due_date, principal=remaining[i.invoice_id])
            for i in invoices
            if remaining[i.invoice_id] > 0
        ]
        allocation = allocate_payment(
            amount=note.amount, paid_on=note.paid_on, debts=debts, instruction=note.instruction
        )
        for part in allocation.lines:
            remaining[part.invoice_id] -= part.amount
            label_fr, label_en = texts.credit_note_label(note.paid_on, part.invoice_number)
            why_fr, why_en = texts.credit_note_explanation(part.invoice_number)
            lines.append(
                StatementLine(
                    note.paid_on,
                    LineKind.CREDIT_NOTE,
                    label_fr,
                    label_en,
                    -part.amount,
                    part.invoice_number,
                    why_fr,
                    why_en,
                    part.reason_code.value,
                    note.payment_id,
                    component="principal",
                )
            )
    reduced = tuple(replace(i, amount_incl_vat=remaining[i.invoice_id]) for i in invoices)
    return CreditedInvoices(reduced, tuple(lines))


def credited(lines: Sequence[StatementLine]) -> Decimal:
    return -sum((line.amount for line in lines if line.kind is LineKind.CREDIT_NOTE), Decimal(0))
