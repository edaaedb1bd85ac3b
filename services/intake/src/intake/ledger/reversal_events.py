"""What a reversal tells the other services, and the reopening of a case the reversed payment had closed as paid."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.events.intake import CaseBalanceChanged, CaseStatusChanged, InvoiceBalance, PaymentReversed
from shared.outbox import record_event

from intake.cases.models import Case, Invoice
from intake.cases.reopening import check_reopening
from intake.domain import RuleBroken
from intake.errors import TransitionRefused
from intake.ledger.models import Payment
from intake.ledger.reversal_models import PaymentReversal
from intake.money.statement_lines import Statement


def record_reversal_events(
    session: Session,
    case: Case,
    payment: Payment,
    reversal: PaymentReversal,
    statement: Statement,
    invoices: list[Invoice],
    *,
    clock: Clock,
) -> None:
    """`payment.reversed` then the new balance, on the case's partition; a reopening follows as a status change."""
    subject, tenant = str(case.id), str(case.creditor_id)
    balances = [InvoiceBalance(invoice_id=str(i.id), outstanding=i.outstanding) for i in invoices]
    principal_outstanding = sum((b.principal for b in statement.invoices), Decimal("0.00"))
    validated_at = case.validated_at
    record_event(
        session,
        PaymentReversed(
            payment_id=str(payment.id),
            case_id=subject,
            creditor_id=tenant,
            debtor_id=str(case.debtor_id),
            amount=payment.amount,
            currency=payment.currency,
            received_on=payment.received_on,
            origin=payment.source,
            reference=payment.reference,
            reason=reversal.reason,
            reversed_on=reversal.reversed_on,
            before_validation=validated_at is None or payment.recorded_at < validated_at,
            principal_outstanding=principal_outstanding,
            balance=statement.balance,
            invoices=balances,
            reopened_to=reversal.reopened_to,
        ),
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
            as_of=reversal.reversed_on,
            principal_outstanding=principal_outstanding,
            balance=statement.balance,
            invoices=balances,
        ),
        clock=clock,
        subject=subject,
        tenant=tenant,
    )


def reopen_case(session: Session, case: Case, target: str, *, principal: Principal, clock: Clock, reason: str) -> None:
    try:
        check_reopening(case.status, target)
    except RuleBroken as exc:
        raise TransitionRefused(exc.message, field="status", message_fr=exc.message_fr) from exc
    previous, closure = case.status, case.closure_reason
    case.status, case.closure_reason, case.updated_at = target, None, clock.now()
    session.add(case)
    record_event(
        session,
        CaseStatusChanged(
            case_id=str(case.id),
            creditor_id=str(case.creditor_id),
            from_status=previous,
            to_status=target,
            reason=f"payment reversed: {reason}",
        ),
        clock=clock,
        subject=str(case.id),
        tenant=str(case.creditor_id),
    )
    audit(
        session,
        actor=principal,
        action=f"case.{target}",
        entity="case",
        entity_id=case.id,
        clock=clock,
        reason=reason,
        from_status=previous,
        reopened_after=closure,
    )
