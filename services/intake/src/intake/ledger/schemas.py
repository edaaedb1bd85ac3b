"""API models of the money of a case: payments, statements, bank statements and suspense."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from shared.i18n import BilingualValueError
from shared.money import Amount

from intake.api.fields import Code, Day, Money, Name, Prose
from intake.domain import normalise_currency

PaymentSource = Literal["debtor_to_agency", "debtor_to_creditor", "bailiff", "credit_note", "write_off"]


# -- payments -------------------------------------------------------------------------------------


class PaymentIn(BaseModel):
    case_id: uuid.UUID
    amount: Money = Field(examples=["1200.00"], description="at most 999 999 999 999.99")
    currency: Code = Field(default="EUR", examples=["EUR"])
    received_on: Day = Field(examples=["2026-11-20"], description="the day the funds were actually received")
    source: PaymentSource
    reference: Name = Field(
        max_length=140,
        examples=["VIR-2026-11-20-0042"],
        description="external reference: the same reference twice is the same payment",
    )
    invoices: list[Annotated[Name, Field(max_length=60)]] = Field(
        default_factory=list,
        max_length=500,
        description="the invoices the debtor said it pays (numbers or ids), in order",
    )

    @field_validator("amount")
    @classmethod
    def positive_cents(cls, value: Decimal) -> Decimal:
        if value <= 0:
            raise BilingualValueError("the amount must be positive", "le montant doit être positif")
        return value

    @field_validator("currency")
    @classmethod
    def currency_is_known(cls, value: str) -> str:
        return normalise_currency(value)


class AllocationPublic(BaseModel):
    invoice_id: uuid.UUID | None
    component: str
    amount: Amount
    reason_code: str | None
    explanation: str


class PaymentPublic(BaseModel):
    id: uuid.UUID
    case_id: uuid.UUID
    creditor_id: uuid.UUID
    amount: Amount
    currency: str
    received_on: date
    source: str
    reference: str
    instruction: list[str]
    phase: str
    commission_rate: Decimal
    commission_excl_vat: Amount
    commission_vat: Amount
    commission: Amount
    held: Amount
    net: Amount = Field(description="what the creditor is owed: the part that paid the debt, less the commission")
    overpayment: Amount = Field(description="what exceeded every debt: the debtor's money, to refund; no commission")
    surplus_held_for_debtor: Amount = Field(
        default=Decimal("0.00"), description="the overpayment the agency holds for a refund to the debtor"
    )
    allocation: list[AllocationPublic]
    allocation_provisional: bool
    receipt_number: str | None
    receipt_url: str | None
    remittance_id: uuid.UUID | None
    recorded_at: datetime
    reversed_on: date | None = Field(
        default=None, description="the payment was reversed that day: it no longer counts (GET .../reversal says why)"
    )


class PaymentPage(BaseModel):
    items: list[PaymentPublic]
    total: int


# -- statement of account -------------------------------------------------------------------------


class PeriodPublic(BaseModel):
    start: date
    end: date
    days: int
    rate: Decimal
    base: Amount
    semester: str


class StatementLinePublic(BaseModel):
    on: date
    kind: str
    label: str
    label_en: str
    amount: Amount
    invoice_number: str | None
    explanation: str
    explanation_en: str
    reason_code: str | None
    payment_id: str | None
    periods: list[PeriodPublic]
    balance_after: Amount = Field(description="the running balance in the statement's currency")
    currency: str = Field(
        description="the line's currency: the statement's, but for the D441-5 indemnity of a case in another "
        "currency, in EUR and apart from the balance (docs/rules.md §0.1)"
    )


class InvoiceStatementPublic(BaseModel):
    invoice_id: str
    number: str
    principal: Amount
    penalties: Amount
    indemnity: Amount = Field(description="in the statement's currency: 0.00 for a case in another currency than EUR")
    interest: Amount
    indemnity_apart: Amount = Field(
        default=Decimal("0.00"), description="the D441-5 indemnity owed in EUR by an invoice in another currency"
    )


class StatementPublic(BaseModel):
    case_id: uuid.UUID
    as_of: date
    kind: str
    currency: str
    rf_reference: str | None
    formal_notice_on: date | None
    principal: Amount
    penalties: Amount
    indemnities: Amount = Field(
        description="D441-5 indemnities in `currency`, counted in `balance`; 0.00 for a case in another currency "
        "than EUR, whose indemnities are in `indemnities_apart`"
    )
    indemnities_apart: Amount = Field(
        default=Decimal("0.00"),
        description="D441-5 indemnities of a case in another currency than EUR: owed in "
        "`indemnities_apart_currency` (EUR, as the decree fixes them), never converted, not in `balance`",
    )
    indemnities_apart_currency: str = Field(default="EUR", description="always EUR (D441-5 C. com.)")
    interest: Amount
    fees: Amount = Field(description="collection fees charged to the debtor: none without a title (L111-8 CPCE)")
    paid: Amount = Field(description="cash received (credit notes and write-offs are not collected)")
    credited: Amount = Field(default=Decimal("0.00"), description="credit notes: principal the creditor cancelled")
    written_off: Amount = Field(default=Decimal("0.00"), description="what the creditor abandoned")
    overpayment: Amount
    balance: Amount
    provisional: bool = Field(
        default=False, description="a semester rate is missing: the latest one is carried forward"
    )
    warnings: list[str] = Field(
        default_factory=list,
        description="each missing rate, and how staff record it: in French unless the client prefers English",
    )
    warnings_en: list[str] = Field(default_factory=list)
    warnings_fr: list[str] = Field(default_factory=list)
    lines: list[StatementLinePublic]
    invoices: list[InvoiceStatementPublic]


class FormalNoticeIn(BaseModel):
    sent_on: Day = Field(description="the day the formal notice (mise en demeure) was sent")
    received_on: Day | None = Field(
        default=None,
        description="the day the debtor received it (LRAR receipt): consumer interest runs from it; "
        "without it, from the sending date",
    )


# -- bank statements and suspense -----------------------------------------------------------------


class BankCreditPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    entry_reference: str
    booking_date: date
    amount: Amount
    currency: str
    debtor_name: str | None
    creditor_reference: str | None
    remittance_text: str
    status: str
    match_reason: str
    explanation: str = Field(description="in French unless the client prefers English (Accept-Language)")
    explanation_en: str
    explanation_fr: str
    case_id: uuid.UUID | None
    payment_id: uuid.UUID | None
    resolution_note: str | None


class RefusedCreditPublic(BaseModel):
    entry_reference: str
    reason: str


class BankStatementReport(BaseModel):
    id: uuid.UUID
    filename: str | None
    already_imported: bool
    credits: int
    matched: int
    suspense: int
    duplicates: int
    items: list[BankCreditPublic]
    refused: list[RefusedCreditPublic] = Field(
        default_factory=list, description="credits not booked (unreadable date or amount), why"
    )


class SuspenseResolveIn(BaseModel):
    """Either the case the credit pays, or why it is set aside (a refund to the payer, a bank fee...)."""

    case_id: uuid.UUID | None = None
    dismiss_reason: Prose | None = Field(default=None, min_length=3, max_length=300)
