"""Inputs and outputs of a statement of account (décompte)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from intake.money.accrual import AccrualPeriod
from intake.money.kinds import DebtorKind
from intake.money.rates import MissingRate


class Settlement(StrEnum):
    """What a payment does to the debt. Cash is collected and allocated under art. 1342-10 and 1343-1
    C. civ. A credit note (avoir) cancels part of the invoice itself: it reduces the principal of the
    invoices it names (else the oldest), from the invoice's start, never the accessories, and nothing is
    collected. A write-off abandons part of what is owed at its date, in the legal order, and nothing is
    collected either (docs/rules.md §4 concerns payments; neither of these is one)."""

    CASH = "cash"
    CREDIT_NOTE = "credit_note"
    WRITE_OFF = "write_off"


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
    settles: Settlement = Settlement.CASH


class LineKind(StrEnum):
    INVOICE = "invoice"
    INDEMNITY = "indemnity"
    PENALTIES = "penalties"
    INTEREST = "interest"
    PAYMENT = "payment"
    CREDIT_NOTE = "credit_note"
    WRITE_OFF = "write_off"
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
    # None: the statement's currency. A line in another currency (the D441-5 indemnity, in euros, of a case in
    # another currency) stands apart: it is in no total of the statement's currency nor in its running balance.
    currency: str | None = None


@dataclass(frozen=True)
class InvoiceStanding:
    invoice_id: str
    number: str
    principal: Decimal
    penalties: Decimal
    indemnity: Decimal
    interest: Decimal
    indemnity_apart: Decimal = Decimal(0)  # owed in INDEMNITY_CURRENCY by an invoice in another currency

    @property
    def total(self) -> Decimal:
        """What the invoice owes in its own currency (the indemnity apart is not in it)."""
        return self.principal + self.penalties + self.indemnity + self.interest


@dataclass(frozen=True)
class Statement:
    """Every amount is in the case's currency except `indemnities_apart`. Totals hold: balance =
    principal + penalties + indemnities + interest - paid - credited - written_off, where `paid` is cash
    only. A negative balance is an overpayment to refund. When a semester rate was missing and the latest
    one carried forward, `missing_rates` names it and the statement is provisional."""

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
    invoices: tuple[InvoiceStanding, ...]
    credited: Decimal = Decimal(0)
    written_off: Decimal = Decimal(0)
    missing_rates: tuple[MissingRate, ...] = ()
    # The D441-5 indemnities of a case in another currency than `indemnities_apart_currency` (the euro): owed in
    # euros, never converted, in none of the totals above nor in `balance`.
    indemnities_apart: Decimal = Decimal(0)
    indemnities_apart_currency: str = "EUR"
    currency: str = "EUR"  # the case's: every amount's but `indemnities_apart`

    @property
    def provisional(self) -> bool:
        return bool(self.missing_rates)
