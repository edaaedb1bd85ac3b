"""Reversing a payment recorded on the wrong case or twice: nothing is deleted, a reversing entry is added.

The payment keeps its row, its allocation as recorded and its receipt number; the reversal says it no longer
counts. The statement of account replays without it, its commission is reversed, its receipt is void, a remittance
that already paid it over leaves a debt of the creditor netted on the next run, and a case it had closed as paid
reopens, and a bank credit that fed it waits in suspense again. All in one transaction, with the events that tell
scoring and dunning (docs/rules.md §4.1)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.errors import Conflict, DomainError, Invalid, NotFound

from intake.cases.models import Case
from intake.cases.records import case_invoices
from intake.cases.reopening import reopening_status
from intake.ledger.models import Payment
from intake.ledger.payments import allocations_of, get_payment
from intake.ledger.reversal_credits import return_credit_to_suspense
from intake.ledger.reversal_events import record_reversal_events, reopen_case
from intake.ledger.reversal_models import PaymentReversal
from intake.ledger.reversal_prescription import restart_without
from intake.ledger.statements import case_payments, compute_statement
from intake.money.errors import ContractualRateBelowFloor, RateNotFound
from intake.money.statement_lines import Statement


class PaymentAlreadyReversed(Conflict):
    pass


class ReceiptVoid(DomainError):
    """410: the receipt existed and was given, but the payment it acknowledges was reversed."""

    status_code = 410


class PaymentNotReversed(NotFound):
    pass


def reversal_of(session: Session, payment_id: uuid.UUID) -> PaymentReversal | None:
    return session.exec(select(PaymentReversal).where(PaymentReversal.payment_id == payment_id)).first()


def reversal_days(session: Session, payment_ids: list[uuid.UUID]) -> dict[uuid.UUID, date]:
    rows = session.exec(
        select(col(PaymentReversal.payment_id), col(PaymentReversal.reversed_on)).where(
            col(PaymentReversal.payment_id).in_(payment_ids)
        )
    ).all()
    return {payment_id: day for payment_id, day in rows}


def check_receipt_valid(session: Session, payment: Payment) -> None:
    reversal = reversal_of(session, payment.id)
    if reversal is None or payment.receipt_number is None:
        return
    raise ReceiptVoid(
        f"receipt {payment.receipt_number} is void: the payment was reversed on {reversal.reversed_on} "
        f"({reversal.reason}); the case's statement of account no longer counts it",
        message_fr=f"la quittance {payment.receipt_number} est annulée : le paiement a été contrepassé le "
        f"{reversal.reversed_on:%d/%m/%Y} ({reversal.reason}) ; le décompte du dossier ne le compte plus",
    )


def _replay(session: Session, case: Case, *, as_of: date) -> Statement:
    """The statement of account without the reversed payment (the caller has staged its reversal)."""
    try:
        return compute_statement(session, case, as_of=as_of)
    except ContractualRateBelowFloor as exc:
        raise Invalid(
            f"penalty_rate: {exc}; correct the mandate, then reverse the payment",
            field="penalty_rate",
            message_fr=f"penalty_rate : {exc.message_fr} ; corrigez le mandat, puis annulez le paiement",
        ) from exc
    except RateNotFound as exc:
        raise Conflict(
            f"{exc} (POST /api/v1/intake/rates)",
            field="as_of",
            message_fr=f"{exc.message_fr} (POST /api/v1/intake/rates)",
        ) from exc


def reverse_payment(
    *, session: Session, payment_id: uuid.UUID, reason: str, principal: Principal, clock: Clock
) -> PaymentReversal:
    payment = get_payment(session=session, payment_id=payment_id, principal=principal)
    case = session.get(Case, payment.case_id)
    assert case is not None
    session.refresh(case, with_for_update=True)  # one ledger change at a time per case, as when a payment is posted
    # A remittance run locks the payments it pays over: waiting for it here means reading the remittance it
    # committed, so a payment already paid over leaves the creditor its debt. Case, then payment: no path locks a
    # payment and then its case (a run locks no case), so the two never wait for each other.
    session.refresh(payment, with_for_update=True)
    existing = reversal_of(session, payment.id)
    if existing is not None:
        raise PaymentAlreadyReversed(
            f"payment {payment.reference} was already reversed on {existing.reversed_on} by {existing.reversed_by}",
            message_fr=f"le paiement {payment.reference} a déjà été contrepassé le "
            f"{existing.reversed_on:%d/%m/%Y} par {existing.reversed_by}",
        )
    today = today_in_paris(clock)
    reversal = PaymentReversal(
        payment_id=payment.id,
        case_id=case.id,
        creditor_id=case.creditor_id,
        amount=-payment.amount,
        commission_rate=payment.commission_rate,
        commission_excl_vat=-payment.commission_excl_vat,
        commission_vat=-payment.commission_vat,
        commission=-payment.commission,
        held=-payment.held,
        net=-payment.net,
        reason=reason,
        reversed_on=today,
        remitted_in=payment.remittance_id,
        debt=payment.net if payment.remittance_id is not None else Decimal("0.00"),
        reversed_by=principal.subject,
        reversed_at=clock.now(),
    )
    session.add(reversal)
    session.flush()
    statement = _replay(session, case, as_of=max(today, payment.received_on))
    remaining = {b.invoice_id: b.principal for b in statement.invoices}
    invoices = case_invoices(session, case.id)
    touched = {a.invoice_id for a in allocations_of(session, [payment.id])[payment.id] if a.invoice_id}
    restarts = restart_without(payment, touched, case_payments(session, case.id), statement, invoices)
    for invoice in invoices:
        invoice.outstanding = remaining.get(str(invoice.id), invoice.outstanding)
        session.add(invoice)
    reversal.reopened_to = reopening_status(
        status=case.status,
        closure_reason=case.closure_reason,
        balance=statement.balance,
        paid_in_phase=payment.phase,
        validated=case.validated_at is not None,
    )
    audit(
        session,
        actor=principal,
        action="payment.reversed",
        entity="case",
        entity_id=case.id,
        clock=clock,
        reason=reason,
        payment_id=str(payment.id),
        amount=str(payment.amount),
        reference=payment.reference,
        receipt_number=payment.receipt_number,
        commission_reversed=str(payment.commission),
        debt=str(reversal.debt),
        prescription_restart=restarts,
    )
    record_reversal_events(session, case, payment, reversal, statement, invoices, clock=clock)
    return_credit_to_suspense(
        session=session, payment=payment, case=case, reversal=reversal, principal=principal, clock=clock
    )
    if reversal.reopened_to is not None:
        reopen_case(session, case, reversal.reopened_to, principal=principal, clock=clock, reason=reason)
    session.add(reversal)
    session.commit()
    return reversal


def read_reversal(*, session: Session, payment_id: uuid.UUID, principal: Principal) -> tuple[PaymentReversal, Payment]:
    payment = get_payment(session=session, payment_id=payment_id, principal=principal)
    reversal = reversal_of(session, payment.id)
    if reversal is None:
        raise PaymentNotReversed(
            f"payment {payment.reference} is not reversed",
            message_fr=f"le paiement {payment.reference} n'est pas contrepassé",
        )
    return reversal, payment
