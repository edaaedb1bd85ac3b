"""A bank credit whose payment was reversed goes back to the suspense queue (docs/rules.md §4.1).

A credit of the client-money account matched to the wrong case is still money received: reversing the payment
it fed does not send it back to the payer, it puts it back before an agent, who assigns it to the right case (or
sets it aside). Its payment keeps the credit's reference `bank:<entry reference>` (nothing is deleted, and
payments are unique per creditor and reference), so each later payment from the same credit takes a derived
reference, `bank:<entry reference>/2`, `/3`: the credit is still named, and the two never collide."""

from __future__ import annotations

from sqlmodel import Session, col, func, or_, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock

from intake.cases.models import Case
from intake.ledger.models import BankCredit, Payment
from intake.ledger.reversal_models import PaymentReversal
from intake.money.suspense_reasons import SuspenseCause


def credit_payment_reference(session: Session, entry_reference: str) -> str:
    """`bank:<entry>` for the credit's first payment; `bank:<entry>/<n>` for the n-th, once earlier ones were
    reversed (a credit feeds one payment at a time: the earlier ones are all reversed)."""
    base = f"bank:{entry_reference}"
    earlier = session.exec(
        select(func.count())
        .select_from(Payment)
        .where(or_(col(Payment.reference) == base, col(Payment.reference).startswith(f"{base}/", autoescape=True)))
    ).one()
    return base if earlier == 0 else f"{base}/{earlier + 1}"


def return_credit_to_suspense(
    *, session: Session, payment: Payment, case: Case, reversal: PaymentReversal, principal: Principal, clock: Clock
) -> BankCredit | None:
    """Inside the reversal's transaction: the credit that fed `payment`, if any, waits in suspense again."""
    credit = session.exec(select(BankCredit).where(BankCredit.payment_id == payment.id)).first()
    if credit is None:
        return None
    day_en, day_fr = reversal.reversed_on.isoformat(), f"{reversal.reversed_on:%d/%m/%Y}"
    credit.status, credit.match_reason = "suspense", SuspenseCause.PAYMENT_REVERSED.value
    credit.explanation = (
        f"the payment {payment.reference} it fed on case {case.reference} was reversed on {day_en} "
        f"({reversal.reason}): assign the credit to the right case, or set it aside"
    )
    credit.explanation_fr = (
        f"le paiement {payment.reference} qu'il alimentait sur le dossier {case.reference} a été contrepassé le "
        f"{day_fr} ({reversal.reason}) : affectez le crédit au bon dossier, ou mettez-le à l'écart"
    )
    credit.case_id = credit.payment_id = None
    credit.resolved_by = credit.resolved_at = credit.resolution_note = None
    session.add(credit)
    audit(
        session,
        actor=principal,
        action="suspense.returned",
        entity="bank_credit",
        entity_id=credit.id,
        clock=clock,
        reason=reversal.reason,
        case_id=str(case.id),
        payment_id=str(payment.id),
    )
    return credit
