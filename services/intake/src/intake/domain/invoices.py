"""The rules a receivable must meet to be placed for collection: positive amounts, past dates, overdue, not
prescribed (the prescription periods are the kernel's, `shared.prescription`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from shared.prescription import PRESCRIPTION_YEARS, prescription_deadline
from shared.wording import format_amount

from intake.domain.rule_broken import RuleBroken


@dataclass(frozen=True)
class InvoiceFacts:
    number: str
    issue_date: date
    due_date: date
    amount: Decimal
    vat: Decimal | None
    currency: str
    outstanding: Decimal | None
    acknowledged_on: date | None = None
    last_partial_payment_on: date | None = None


DAY_NAMES_FR = {
    "acknowledged_on": "la date de la dernière reconnaissance de dette",
    "last_partial_payment_on": "la date du dernier paiement partiel",
}


def check_invoice(invoice: InvoiceFacts, *, kind: str, today: date, field: str) -> None:
    """The rules a receivable must meet to be placed for collection."""
    en, fr = f"invoice {invoice.number}: ", f"la facture {invoice.number} : "
    if invoice.amount <= 0:
        raise RuleBroken(
            f"{field}.amount",
            f"{en}the amount must be positive ({invoice.amount})",
            f"{fr}le montant doit être positif ({format_amount(invoice.amount, 'fr', invoice.currency)})",
        )
    if invoice.vat is not None and not Decimal(0) <= invoice.vat <= invoice.amount:
        raise RuleBroken(
            f"{field}.vat",
            f"{en}the VAT must lie between 0 and the amount",
            f"{fr}la TVA doit être comprise entre 0 et le montant",
        )
    if invoice.outstanding is not None and not Decimal(0) < invoice.outstanding <= invoice.amount:
        raise RuleBroken(
            f"{field}.outstanding",
            f"{en}the outstanding amount must be positive and at most the amount",
            f"{fr}le montant restant dû doit être positif et ne pas dépasser le montant",
        )
    if invoice.issue_date > today:
        raise RuleBroken(
            f"{field}.issue_date",
            f"{en}the issue date {invoice.issue_date} is in the future",
            f"{fr}la date d'émission ({invoice.issue_date:%d/%m/%Y}) est dans le futur",
        )
    for name, day in (
        ("acknowledged_on", invoice.acknowledged_on),
        ("last_partial_payment_on", invoice.last_partial_payment_on),
    ):
        if day is not None and day > today:
            raise RuleBroken(
                f"{field}.{name}",
                f"{en}{name} {day} is in the future",
                f"{fr}{DAY_NAMES_FR[name]} ({day:%d/%m/%Y}) est dans le futur",
            )
    if invoice.due_date < invoice.issue_date:
        raise RuleBroken(
            f"{field}.due_date",
            f"{en}the due date is before the issue date",
            f"{fr}la date d'échéance précède la date d'émission",
        )
    if invoice.due_date >= today:
        raise RuleBroken(
            f"{field}.due_date",
            f"{en}the due date {invoice.due_date} has not passed yet; "
            "only overdue invoices can be placed for collection",
            f"{fr}la date d'échéance ({invoice.due_date:%d/%m/%Y}) n'est pas encore passée ; "
            "seules les factures échues peuvent être confiées au recouvrement",
        )
    deadline = prescription_deadline(
        kind=kind, due_date=invoice.due_date, interruptions=(invoice.acknowledged_on, invoice.last_partial_payment_on)
    )
    if deadline < today:
        years = PRESCRIPTION_YEARS[kind]
        scope_fr = "entre professionnels" if kind == "b2b" else "d'un professionnel envers un consommateur"
        raise RuleBroken(
            f"{field}.due_date",
            f"{en}the claim is prescribed since {deadline} ({years} years "
            f"{'between businesses' if kind == 'b2b' else 'from a professional to a consumer'}, "
            "counted from the due date or the last acknowledgement or partial payment)",
            f"{fr}la créance est prescrite depuis le {deadline:%d/%m/%Y} ({years} ans "
            f"{scope_fr}, "
            "comptés à partir de l'échéance ou de la dernière reconnaissance de dette ou du dernier "
            "paiement partiel)",
        )
