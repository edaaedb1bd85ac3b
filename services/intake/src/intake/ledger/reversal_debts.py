"""A creditor's debts from reversed payments that a remittance had already paid over: netted on its next run."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import Session, col, select

from intake.ledger.models import Payment
from intake.ledger.reversal_models import PaymentReversal
from intake.money.commission import CommissionLine, FundsSource
from intake.money.remittance_netting import net_reversals
from intake.money.statement_texts import eur

NOT_REVERSED = col(Payment.id).not_in(select(PaymentReversal.payment_id))
"""A payment reversed before any remittance paid it over is simply never remitted."""


def reversal_line(reversal: PaymentReversal, payment: Payment) -> CommissionLine:
    """The payment's commission line, negated: the reversing commission entry, on the statement that nets it."""
    return CommissionLine(
        payment_id=str(payment.id),
        case_id=str(payment.case_id),
        received_on=reversal.reversed_on,
        source=FundsSource(payment.source),
        amount=-(payment.amount - payment.overpayment),
        rate=reversal.commission_rate,
        commission_excl_vat=reversal.commission_excl_vat,
        vat=reversal.commission_vat,
        commission=reversal.commission,
        held=reversal.held,
        net=reversal.net,
    )


def pending_reversals(session: Session, creditor_id: uuid.UUID) -> list[tuple[PaymentReversal, Payment]]:
    rows = session.exec(
        select(PaymentReversal, Payment)
        .join(Payment, col(Payment.id) == col(PaymentReversal.payment_id))
        .where(
            PaymentReversal.creditor_id == creditor_id,
            col(PaymentReversal.remitted_in).is_not(None),
            col(PaymentReversal.netted_in).is_(None),
        )
        .order_by(col(PaymentReversal.reversed_at), col(PaymentReversal.id))
        .with_for_update(of=PaymentReversal)
    ).all()
    return [(reversal, payment) for reversal, payment in rows]


def with_netted_debts(
    session: Session, creditor_id: uuid.UUID, lines: Sequence[CommissionLine], skipped: list[dict[str, str]]
) -> tuple[tuple[CommissionLine, ...], list[PaymentReversal]]:
    """The run's lines for the creditor with the reversing lines it can bear, and those reversals; a debt it
    cannot bear yet is carried, and the run says so beside the creditors it skipped."""
    pending = pending_reversals(session, creditor_id)
    by_payment = {str(payment.id): reversal for reversal, payment in pending}
    netted, carried = net_reversals(lines, [reversal_line(r, p) for r, p in pending])
    for line in carried:
        skipped.append(
            {
                "creditor_id": str(creditor_id),
                "payment_id": line.payment_id,
                "reason": f"dette de {eur(-line.net)} sur un paiement contrepassé reportée au prochain reversement "
                f"(debt of {-line.net} from a reversed payment carried to the next remittance)",
            }
        )
    return (*lines, *netted), [by_payment[line.payment_id] for line in netted]


def mark_netted(session: Session, reversals: Sequence[PaymentReversal], remittance_id: uuid.UUID) -> None:
    for reversal in reversals:
        reversal.netted_in = remittance_id
        session.add(reversal)


def netted_on(session: Session, remittance_id: uuid.UUID) -> list[CommissionLine]:
    rows = session.exec(
        select(PaymentReversal, Payment)
        .join(Payment, col(Payment.id) == col(PaymentReversal.payment_id))
        .where(PaymentReversal.netted_in == remittance_id)
        .order_by(col(PaymentReversal.reversed_at), col(PaymentReversal.id))
    ).all()
    return [reversal_line(reversal, payment) for reversal, payment in rows]
