"""Events of intake: creditors, debtors, cases, invoices, payments, remittances.

Everything intake says about one case (lifecycle, invoices, payments, allocations, balances, closure) travels on
`intake.cases`, keyed by the case id, so a consumer reads it in the order it happened. Payment events were on
`intake.payments` in their v1; v2 moved them (same fields) and still reads a replayed v1.

Case events carry a snapshot of what consumers need (the debtor as the case's creditor gave it, the
receivables), so that a projection can be built from the events alone, without calling intake. What one creditor
gave about a debtor travels only in its own cases' events; debtor events carry the shared identity.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict

from shared.events.base import Event
from shared.money import Amount


class CreditorRegistered(Event):
    type = "recouvra.intake.creditor.registered.v1"
    topic = "intake.creditors"

    creditor_id: str
    name: str
    siren: str | None = None
    email: str | None = None


class CreditorUpdated(Event):
    """The creditor's registration corrected by staff: its current name and e-mail, whichever changed."""

    type = "recouvra.intake.creditor.updated.v1"
    topic = "intake.creditors"

    creditor_id: str
    name: str
    email: str | None = None


class MandateSigned(Event):
    type = "recouvra.intake.mandate.signed.v1"
    topic = "intake.creditors"

    mandate_id: str
    creditor_id: str
    commission_rate: Decimal  # a fraction, e.g. "0.15"
    phases: list[str]
    scenario: str
    # what the mandate lets the agency agree without asking the creditor (None in events recorded before they
    # travelled: dunning then applies its own settings for plans, and puts every settlement to the creditor)
    max_instalments: int | None = None
    min_instalment: Amount | None = None
    max_plan_months: int | None = None
    settlement_floor: Decimal | None = None  # the smallest share of the balance the agency may settle for


class DebtorIdentity(BaseModel):
    """What the shared debtor record holds and every creditor may know: what identifies the debtor and what the
    agency itself establishes (staff's record of insolvency proceedings)."""

    model_config = ConfigDict(frozen=True)

    debtor_id: str
    type: Literal["company", "person"]
    siren: str | None = None
    insolvency: bool = False


class DebtorSnapshot(DebtorIdentity):
    """The debtor as one creditor gave it (a case event carries its own creditor's view): the name as that
    creditor spells it, the legal form and company creation date it gave, and whether it gave an e-mail, a
    phone, an address."""

    name: str
    legal_form: str | None = None
    created_on: date | None = None  # company creation date, where known
    has_email: bool = False
    has_phone: bool = False
    has_address: bool = False
    creditor_id: str | None = None  # whose view this is (None in events recorded before views existed)


class InvoiceSnapshot(BaseModel):
    model_config = ConfigDict(frozen=True)

    invoice_id: str
    number: str
    issue_date: date
    due_date: date
    amount: Amount
    currency: str
    outstanding: Amount


class CaseOpened(Event):
    type = "recouvra.intake.case.opened.v1"
    topic = "intake.cases"

    case_id: str
    creditor_id: str
    reference: str
    kind: str  # b2b | b2c
    status: str
    debtor: DebtorSnapshot
    invoices: list[InvoiceSnapshot]


class CaseValidated(Event):
    """The case passed validation and enters collection (`amicable`), or, for a debtor under insolvency
    proceedings, the claim-declaration state (`claim_declaration`)."""

    type = "recouvra.intake.case.validated.v1"
    topic = "intake.cases"

    case_id: str
    creditor_id: str
    reference: str
    kind: str
    status: str
    scenario: str | None = None
    override_reason: str | None = None
    debtor: DebtorSnapshot
    invoices: list[InvoiceSnapshot]
    # claim_declaration only: the last day to declare the claim (L622-24: BODACC publication + 2 months); None while
    # the publication is not known
    claim_deadline: date | None = None


class CaseStatusChanged(Event):
    type = "recouvra.intake.case.status_changed.v1"
    topic = "intake.cases"

    case_id: str
    creditor_id: str
    from_status: str
    to_status: str
    reason: str | None = None
    claim_deadline: date | None = None  # to claim_declaration: as in `CaseValidated`


class CaseClosed(Event):
    type = "recouvra.intake.case.closed.v1"
    topic = "intake.cases"

    case_id: str
    creditor_id: str
    debtor_id: str
    reason: Literal["paid", "settled", "written_off", "withdrawn", "insolvency"]
    closed_on: date


class InvoiceAdded(Event):
    type = "recouvra.intake.invoice.added.v1"
    topic = "intake.cases"

    case_id: str
    creditor_id: str
    debtor_id: str
    invoice: InvoiceSnapshot


class PaymentRecorded(Event):
    type = "recouvra.intake.payment.recorded.v2"
    topic = "intake.cases"
    supersedes = ("recouvra.intake.payment.recorded.v1",)

    payment_id: str
    case_id: str
    creditor_id: str
    debtor_id: str
    amount: Amount
    currency: str
    received_on: date
    origin: str  # the payment's source: debtor_to_agency | debtor_to_creditor | bailiff | credit_note | write_off
    reference: str
    case_reference: str | None = None
    commission: Amount | None = None  # the agency's commission incl. VAT on this payment (R124-5: the creditor is told)
    receipt_number: str | None = None  # the receipt (quittance) given to the debtor (R124-6)


# what a part of a payment settled; `overpayment` (the surplus kept for the debtor) has no invoice
AllocationComponent = Literal["principal", "penalties", "indemnity", "interest", "fees", "overpayment"]


class AllocationLine(BaseModel):
    model_config = ConfigDict(frozen=True)

    invoice_id: str | None
    component: AllocationComponent
    amount: Amount


class PaymentAllocated(Event):
    type = "recouvra.intake.payment.allocated.v2"
    topic = "intake.cases"
    supersedes = ("recouvra.intake.payment.allocated.v1",)

    payment_id: str
    case_id: str
    creditor_id: str
    lines: list[AllocationLine]


class InvoiceBalance(BaseModel):
    model_config = ConfigDict(frozen=True)

    invoice_id: str
    outstanding: Amount


class CaseBalanceChanged(Event):
    """What remains due on the case after a payment, credit note or write-off received on `as_of`."""

    type = "recouvra.intake.case.balance_changed.v2"
    topic = "intake.cases"
    supersedes = ("recouvra.intake.case.balance_changed.v1",)

    case_id: str
    creditor_id: str
    debtor_id: str
    as_of: date
    principal_outstanding: Amount
    balance: Amount
    invoices: list[InvoiceBalance]


class CasePaid(Event):
    type = "recouvra.intake.case.paid.v2"
    topic = "intake.cases"
    supersedes = ("recouvra.intake.case.paid.v1",)

    case_id: str
    creditor_id: str
    paid_on: date


class PaymentReversed(Event):
    """Staff reversed a payment recorded on the wrong case or twice: the ledger keeps it beside a reversing entry,
    and the case owes again what it paid. The balances are the case's after the allocation replayed without it,
    as of `reversed_on`; `reopened_to` is the status of a case that this payment had closed as paid, now reopened.
    `before_validation`: the payment was recorded before the case was validated (the validation's snapshot
    counted it, so a consumer that starts at validation never heard of it)."""

    type = "recouvra.intake.payment.reversed.v1"
    topic = "intake.cases"

    payment_id: str
    case_id: str
    creditor_id: str
    debtor_id: str
    amount: Amount
    currency: str
    received_on: date
    origin: str
    reference: str
    reason: str
    reversed_on: date
    before_validation: bool = False
    principal_outstanding: Amount
    balance: Amount
    invoices: list[InvoiceBalance]
    reopened_to: str | None = None


class RemittanceIssued(Event):
    type = "recouvra.intake.remittance.issued.v1"
    topic = "intake.remittances"

    remittance_id: str
    creditor_id: str
    collected: Amount
    commission: Amount
    remitted: Amount
    issued_on: date


class RemittanceDue(Event):
    """Funds held for a creditor are about to stay unremitted for more than one month (R124-6 CPCE), or already
    have: `deadline` is one month after actual receipt, `days_left` is negative once it has passed."""

    type = "recouvra.intake.remittance.due.v1"
    topic = "intake.remittances"

    payment_id: str
    case_id: str
    creditor_id: str
    amount: Amount
    received_on: date
    deadline: date
    days_left: int
