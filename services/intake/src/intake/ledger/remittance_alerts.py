"""R124-6 CPCE: funds held for a creditor must be remitted within one month of actual receipt. Lists the
funds close to that month (or past it) and emits one `remittance.due` event per payment, once."""

from __future__ import annotations

import uuid

from sqlmodel import Session, col, select

from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.events.intake import RemittanceDue
from shared.outbox import record_event

from intake.api.access import visible_creditor
from intake.ledger.models import Payment
from intake.ledger.remittances import unremitted
from intake.money.commission import CollectedPayment, FundsSource
from intake.money.remittance_deadlines import RemittanceAlert, funds_due_for_remittance_alert


def due_alerts(
    session: Session, *, principal: Principal, clock: Clock, within_days: int
) -> list[tuple[Payment, RemittanceAlert]]:
    scope = visible_creditor(principal)
    payments = {str(p.id): p for p in unremitted(session, scope) if p.held > 0}
    collected = [
        CollectedPayment(pid, str(p.case_id), str(p.creditor_id), p.received_on, p.amount, FundsSource(p.source))
        for pid, p in payments.items()
    ]
    alerts = funds_due_for_remittance_alert(collected, today_in_paris(clock), within_days)
    return [(payments[a.payment_id], a) for a in alerts]


def _claim(session: Session, payments: list[Payment]) -> set[uuid.UUID]:
    """The payments still to announce, locked. The daily job and POST /remittances/alerts may run at once: the
    second waits here, and PostgreSQL checks the row it then gets again, so a payment announced (or remitted)
    meanwhile is left out. Locked in the order a remittance run locks payments, so the two never deadlock."""
    if not payments:
        return set()
    return set(
        session.exec(
            select(Payment.id)
            .where(
                col(Payment.id).in_([p.id for p in payments]),
                col(Payment.remittance_alerted_at).is_(None),
                col(Payment.remittance_id).is_(None),
            )
            .order_by(col(Payment.creditor_id), col(Payment.received_on), col(Payment.id))
            .with_for_update()
        ).all()
    )


def raise_alerts(
    *, session: Session, principal: Principal, clock: Clock, within_days: int
) -> tuple[list[tuple[Payment, RemittanceAlert]], int]:
    """Emits the event for payments not alerted yet; a payment already alerted is listed but not re-announced."""
    alerts = due_alerts(session, principal=principal, clock=clock, within_days=within_days)
    claimed = _claim(session, [payment for payment, _ in alerts])
    newly = 0
    for payment, alert in alerts:
        if payment.id not in claimed:
            continue
        record_event(
            session,
            RemittanceDue(
                payment_id=str(payment.id),
                case_id=str(payment.case_id),
                creditor_id=str(payment.creditor_id),
                amount=payment.held,
                received_on=payment.received_on,
                deadline=alert.deadline,
                days_left=alert.days_left,
            ),
            clock=clock,
            subject=str(payment.creditor_id),
            tenant=str(payment.creditor_id),
        )
        payment.remittance_alerted_at = clock.now()
        session.add(payment)
        newly += 1
    session.commit()
    return alerts, newly
