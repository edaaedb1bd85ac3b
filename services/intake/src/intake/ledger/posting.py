"""Posting a payment to a case: commission, allocation, balances, events, and closure when nothing is owed.

`post_payment` stages everything in the caller's transaction and never commits, so the API, the bank
reconciliation and the bailiff-funds handler share it, each committing once.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.errors import Conflict, Invalid
from shared.events.intake import CasePaid
from shared.outbox import record_event

from intake.cases.lifecycle import close_case
from intake.cases.models import Case, Invoice
from intake.cases.records import case_invoices
from intake.creditors.models import Mandate
from intake.creditors.registry import active_mandate
from intake.domain import RuleBroken, check_payment_accepted, prescription_restarted_on
from intake.errors import field_error
from intake.ledger.models import Payment, PaymentAllocation
from intake.ledger.posting_events import Posted, record_posting_events
from intake.ledger.reversal_debts import NOT_REVERSED
from intake.ledger.statements import case_payments, compute_statement
from intake.money.commission import (
    COMMISSIONABLE_SOURCES,
    CollectedPayment,
    FundsSource,
    MandateFees,
    Phase,
    commission_for,
)
from intake.money.errors import ContractualRateBelowFloor, RateNotFound
from intake.money.statement_lines import LineKind

ZERO = Decimal("0.00")
# R124-6 CPCE: a receipt (quittance) for every payment; credit notes and write-offs move no money.
RECEIPT_SOURCES = frozenset({FundsSource.DEBTOR_TO_AGENCY, FundsSource.DEBTOR_TO_CREDITOR, FundsSource.BAILIFF})
DEBTOR_PAYMENTS = RECEIPT_SOURCES


@dataclass(frozen=True)
class PaymentFacts:
    amount: Decimal
    currency: str
    received_on: date
    source: FundsSource
    reference: str
    instruction: tuple[str, ...] = ()


def check_payment(session: Session, case: Case, facts: PaymentFacts, *, today: date) -> None:
    invoices = case_invoices(session, case.id)
    try:
        check_payment_accepted(
            case_reference=case.reference,
            case_status=case.status,
            closure_reason=case.closure_reason,
            case_currency=invoices[0].currency if invoices else "EUR",
            currency=facts.currency,
            received_on=facts.received_on,
            today=today,
            from_bailiff=facts.source is FundsSource.BAILIFF,
        )
    except RuleBroken as exc:
        if exc.field == "case_id":
            raise Conflict(exc.message, field=exc.field, message_fr=exc.message_fr) from exc
        raise field_error(Invalid, exc.field, exc.message, exc.message_fr) from exc


def _fees(session: Session, case: Case) -> MandateFees:
    mandate = session.get(Mandate, case.mandate_id) if case.mandate_id else active_mandate(session, case.creditor_id)
    if mandate is None:
        return MandateFees(amicable_rate=ZERO, legal_rate=ZERO)
    # The mandate's fixed fee is per case: charged on the first commissionable payment only (a reversed payment's
    # fee was reversed with it, so the next payment carries it).
    charged_before = session.exec(
        select(Payment.id).where(
            Payment.case_id == case.id,
            col(Payment.source).in_([s.value for s in COMMISSIONABLE_SOURCES]),
            NOT_REVERSED,
        )
    ).first()
    return MandateFees(
        amicable_rate=mandate.commission_rate,
        legal_rate=mandate.legal_commission_rate or mandate.commission_rate,
        fixed_fee=ZERO if charged_before else (mandate.fixed_fee or ZERO),
    )


def _new_payment(case: Case, facts: PaymentFacts, *, actor: str, clock: Clock) -> Payment:
    """The payment before its allocation; its commission is set once the allocation says what it paid."""
    payment_id = uuid.uuid4()
    phase = Phase.LEGAL if case.status == "legal" else Phase.AMICABLE
    receipt = f"Q-{facts.received_on:%Y}-{payment_id.hex[:10].upper()}" if facts.source in RECEIPT_SOURCES else None
    return Payment(
        id=payment_id,
        case_id=case.id,
        creditor_id=case.creditor_id,
        debtor_id=case.debtor_id,
        amount=facts.amount,
        currency=facts.currency,
        received_on=facts.received_on,
        source=facts.source.value,
        reference=facts.reference,
        instruction=list(facts.instruction),
        phase=phase.value,
        commission_rate=ZERO,
        commission_excl_vat=ZERO,
        commission_vat=ZERO,
        commission=ZERO,
        held=ZERO,
        net=ZERO,
        receipt_number=receipt,
        recorded_by=actor,
        recorded_at=clock.now(),
    )


def _charge_commission(session: Session, case: Case, payment: Payment) -> None:
    """R124-3 3° CPCE: commission on what the payment paid of the debt only. A surplus is the debtor's money,
    held for a refund: it earns no commission and is never remitted to the creditor."""
    allocated = payment.amount - payment.overpayment
    line = commission_for(
        CollectedPayment(
            str(payment.id),
            str(case.id),
            str(case.creditor_id),
            payment.received_on,
            allocated,
            FundsSource(payment.source),
            Phase(payment.phase),
        ),
        _fees(session, case),
    )
    payment.commission_rate, payment.commission_excl_vat = line.rate, line.commission_excl_vat
    payment.commission_vat, payment.commission = line.vat, line.commission
    payment.held, payment.net = line.held, line.net


_SETTLING_LINES = (LineKind.PAYMENT, LineKind.CREDIT_NOTE, LineKind.WRITE_OFF)


def _allocate(session: Session, case: Case, payment: Payment, invoices: list[Invoice]) -> Posted:
    """Replays the case's statement with the new payment (art. 1342-10, 1343-1 C. civ.). A semester rate not
    yet recorded is carried forward, as in the statement itself: the allocation is then provisional and is
    replayed once staff record the rate, but the money is allocated, and a case paid in full closes."""
    payments = [*case_payments(session, case.id), payment]
    as_of = max(p.received_on for p in payments)
    by_number = {i.number: i.id for i in invoices}
    try:
        statement = compute_statement(session, case, as_of=as_of, payments=payments)
    except ContractualRateBelowFloor as exc:
        raise Invalid(
            f"penalty_rate: {exc}; correct the mandate, then record the payment",
            field="penalty_rate",
            message_fr=f"penalty_rate : {exc.message_fr} ; corrigez le mandat, puis enregistrez le paiement",
        ) from exc
    except RateNotFound as exc:
        raise field_error(
            Conflict,
            "received_on",
            f"{exc} (POST /api/v1/intake/rates)",
            f"{exc.message_fr} (POST /api/v1/intake/rates)",
        ) from exc
    lines = tuple(
        PaymentAllocation(
            payment_id=payment.id,
            invoice_id=by_number.get(line.invoice_number or ""),
            component=line.component or "principal",
            amount=-line.amount,
            reason_code=line.reason_code,
            explanation=line.explanation_fr,
        )
        for line in statement.lines
        if line.payment_id == str(payment.id) and line.kind in _SETTLING_LINES
    )
    over = sum(
        (
            -line.amount
            for line in statement.lines
            if line.payment_id == str(payment.id) and line.kind is LineKind.OVERPAYMENT
        ),
        ZERO,
    )
    remaining = {b.invoice_id: b.principal for b in statement.invoices}
    for invoice in invoices:
        invoice.outstanding = remaining.get(str(invoice.id), invoice.outstanding)
    return Posted(
        lines,
        over,
        statement.provisional,
        sum((b.principal for b in statement.invoices), ZERO),
        statement.balance,
        as_of,
    )


def post_payment(
    session: Session,
    case: Case,
    facts: PaymentFacts,
    *,
    principal: Principal | None,
    clock: Clock,
    closes_as: str | None = None,
) -> Payment:
    """Stages the payment, its allocation, the new balances and events in the caller's transaction. A case it pays
    off closes as `closes_as` (a settlement's write-off: `settled`), or as paid, or written off."""
    session.refresh(case, with_for_update=True)  # one payment at a time per case: each replays the ones before
    check_payment(session, case, facts, today=today_in_paris(clock))
    payment = _new_payment(case, facts, actor=principal.subject if principal else "system", clock=clock)
    invoices = case_invoices(session, case.id)
    for invoice in invoices:
        if invoice.principal_placed is None:
            invoice.principal_placed = invoice.outstanding
    posted = _allocate(session, case, payment, invoices)
    payment.overpayment, payment.allocation_provisional = posted.overpayment, posted.provisional
    _charge_commission(session, case, payment)
    session.add(payment)
    session.flush()
    session.add_all([*posted.lines, *invoices])
    if facts.source in DEBTOR_PAYMENTS:
        for invoice in invoices:
            invoice.last_partial_payment_on = prescription_restarted_on(
                invoice.last_partial_payment_on,
                facts.received_on,
                paid_towards=any(line.invoice_id == invoice.id for line in posted.lines),
            )
    record_posting_events(session, case, payment, posted, clock=clock)
    audit(
        session,
        actor=principal,
        action="payment.recorded",
        entity="case",
        entity_id=case.id,
        clock=clock,
        payment_id=str(payment.id),
        amount=str(payment.amount),
        source=payment.source,
        reference=payment.reference,
    )
    if posted.balance <= 0 and case.status != "closed":
        written_off = facts.source is FundsSource.WRITE_OFF
        if not written_off:
            record_event(
                session,
                CasePaid(case_id=str(case.id), creditor_id=str(case.creditor_id), paid_on=posted.as_of),
                clock=clock,
                subject=str(case.id),
                tenant=str(case.creditor_id),
            )
        reason = closes_as or ("written_off" if written_off else "paid")
        close_case(session, case, reason, principal=principal, clock=clock)
    return payment
