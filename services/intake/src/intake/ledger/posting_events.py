"""The events a posted payment publishes, in the transaction that posts it: the payment recorded, its allocation
per invoice component (and what exceeded every debt), and the case's new balance."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from shared.clock import Clock
from shared.events.intake import (
    AllocationLine,
    CaseBalanceChanged,
    InvoiceBalance,
    PaymentAllocated,
    PaymentRecorded,
)
from shared.outbox import record_event

from intake.cases.models import Case
from intake.cases.records import case_invoices
from intake.ledger.models import Payment, PaymentAllocation


@dataclass(frozen=True)
class Posted:
    """The allocation of one payment: per invoice component, and what exceeded every debt."""

    lines: tuple[PaymentAllocation, ...]
    overpayment: Decimal
    provisional: bool
    principal_outstanding: Decimal
    balance: Decimal
    as_of: date


def record_posting_events(session: Session, case: Case, payment: Payment, posted: Posted, *, clock: Clock) -> None:
    subject, tenant = str(case.id), str(case.creditor_id)
    record_event(
        session,
        PaymentRecorded(
            payment_id=str(payment.id),
            case_id=subject,
            creditor_id=tenant,
            debtor_id=str(case.debtor_id),
            amount=payment.amount,
            currency=payment.currency,
            received_on=payment.received_on,
            origin=payment.source,
            reference=payment.reference,
            case_reference=case.reference,
            commission=payment.commission,
            receipt_number=payment.receipt_number,
        ),
        clock=clock,
        subject=subject,
        tenant=tenant,
    )
    lines = [
        AllocationLine(
            invoice_id=str(line.invoice_id) if line.invoice_id else None, component=line.component, amount=line.amount
        )
        for line in posted.lines
    ]
    if posted.overpayment > 0:
        lines.append(AllocationLine(invoice_id=None, component="overpayment", amount=posted.overpayment))
    record_event(
        session,
        PaymentAllocated(payment_id=str(payment.id), case_id=subject, creditor_id=tenant, lines=lines),
        clock=clock,
        subject=subject,
        tenant=tenant,
    )
    record_event(
        session,
        CaseBalanceChanged(
            case_id=subject,
            creditor_id=tenant,
            debtor_id=str(case.debtor_id),
            as_of=posted.as_of,
            principal_outstanding=posted.principal_outstanding,
            balance=posted.balance,
            invoices=[
                InvoiceBalance(invoice_id=str(i.id), outstanding=i.outstanding) for i in case_invoices(session, case.id)
            ],
        ),
        clock=clock,
        subject=subject,
        tenant=tenant,
    )
