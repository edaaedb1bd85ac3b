"""Inputs and outputs of a statement of account (décompte)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from intake.money.accrual import AccrualPeriod
from intake.money.kinds import DebtorKind


@dataclass(frozen=True)
class StatementInvoice:
    invoice_id: str
    number: str
    due_date: date
    amount_incl_vat: Decimal


@dataclass(frozen=True)
class StatementPayment:
    """A payment received, with the invoices the debtor named (ids or numbers), if any."""

    paid_on: date
    amount: Decimal
    instruction: tuple[str, ...] = ()
    payment_id: str = ""


class LineKind(StrEnum):
    INVOICE = "invoice"
    INDEMNITY = "indemnity"
    PENALTIES = "penalties"
    INTEREST = "interest"
    PAYMENT = "payment"
    OVERPAYMENT = "overpayment"


@dataclass(frozen=True)
class StatementLine:
    """One dated line. `amount` is signed: charges are positive, payments negative."""

    on: date
    kind: LineKind
    label_fr: str
    label_en: str
    amount: Decimal
    invoice_number: str | None
    explanation_fr: str = ""
    explanation_en: str = ""
    reason_code: str | None = None
    payment_id: str = ""
    periods: tuple[AccrualPeriod, ...] = ()
    balance_after: Decimal = Decimal(0)
    component: str | None = None  # for a payment line: what it settled (art. 1343-1 C. civ.)


@dataclass(frozen=True)
class InvoiceBalance:
    invoice_id: str
    number: str
    principal: Decimal
    penalties: Decimal
    indemnity: Decimal
    interest: Decimal

    @property
    def total(self) -> Decimal:
        return self.principal + self.penalties + self.indemnity + self.interest


@dataclass(frozen=True)
class Statement:
    """Totals hold: balance = principal + penalties + indemnities + interest - paid. A negative
    balance is an overpayment to refund."""

    as_of: date
    debtor_kind: DebtorKind
    principal: Decimal
    penalties: Decimal
    indemnities: Decimal
    interest: Decimal
    paid: Decimal
    overpayment: Decimal
    balance: Decimal
    lines: tuple[StatementLine, ...]
    invoices: tuple[InvoiceBalance, ...]
