"""Online card payments (docs/payments-online.md): a debtor pays on a page of the card-payment provider, opened for
the amount it chose, and the provider's signed event records the payment on the case, as a bank transfer to the
agency's account would be recorded (source `debtor_to_agency`: the provider pays out to the client-money account).

- Opening: the portal (for the debtor's page) or staff ask for a page for an amount of a case under collection,
  whole cents, from 0.50 EUR up to the balance the statement gives today, in euros. The same amount asked twice on one
  day opens one page (the provider's `Idempotency-Key`).
- The event: `checkout.session.completed` with `payment_status` paid, signed by the provider. The payment is the amount
  the provider charged, received that day, with the provider's payment id as its reference: seen twice, recorded once.
  An event for a page intake did not open is acknowledged and left (it is not ours to record)."""

from __future__ import annotations

import hashlib
import json
import logging
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlmodel import Session, col, select

from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.errors import Conflict, DomainError, Invalid

from intake.cases.models import Case
from intake.cases.records import get_case
from intake.documents.storage import DocumentStore
from intake.domain.card_payments import (
    CARD_CURRENCY,
    PAYABLE_STATUSES,
    AmountRefused,
    check_amount,
    from_cents,
    signed_by_provider,
)
from intake.errors import field_error
from intake.ledger.card_models import CardCheckout
from intake.ledger.card_psp import CardProvider
from intake.ledger.payments import find_payment
from intake.ledger.posting import PaymentFacts, post_payment
from intake.ledger.receipts import issue_receipt
from intake.ledger.statements import compute_statement
from intake.money.commission import FundsSource

log = logging.getLogger(__name__)


class NotFromProvider(DomainError):
    """An event the provider did not sign, signed too long ago, or not its JSON (400: the provider tries again)."""

    status_code = 400


def not_enabled() -> Conflict:
    return Conflict(
        "card payments are not set up on this platform (INTAKE_PSP_URL, INTAKE_PSP_SECRET_KEY): pay by bank transfer",
        message_fr="le paiement par carte n'est pas ouvert sur cette plateforme : payez par virement",
    )


def open_checkout(
    *,
    session: Session,
    case_id: uuid.UUID,
    amount: Decimal,
    success_url: str,
    cancel_url: str,
    language: str,
    principal: Principal,
    clock: Clock,
    provider: CardProvider,
) -> CardCheckout:
    if not provider.enabled:
        raise not_enabled()
    case = get_case(session=session, case_id=case_id, principal=principal)
    if case.status not in PAYABLE_STATUSES:
        raise Conflict(
            f"case {case.reference} is {case.status}: it takes no card payment",
            message_fr=f"le dossier {case.reference} est au statut {case.status} : il ne se paie pas par carte",
        )
    today = today_in_paris(clock)
    statement = compute_statement(session, case, as_of=today)
    if statement.currency != CARD_CURRENCY:
        raise Conflict(
            f"card payments are in euros; this case is in {statement.currency}: pay by bank transfer",
            message_fr=f"le paiement par carte se fait en euros ; ce dossier est en {statement.currency} : payez par "
            "virement",
        )
    try:
        check_amount(amount, balance=statement.balance)
    except AmountRefused as exc:
        raise field_error(Invalid, "amount", str(exc), exc.message_fr) from exc
    key = hashlib.sha256(f"{case.id}:{amount}:{today}:{success_url}".encode()).hexdigest()
    opened = provider.open_checkout(
        amount=amount,
        currency=CARD_CURRENCY,
        label=f"Dossier {case.reference}" if language == "fr" else f"Case {case.reference}",
        case_id=str(case.id),
        reference=case.reference,
        success_url=success_url,
        cancel_url=cancel_url,
        language=language,
        idempotency_key=key,
    )
    known = session.exec(select(CardCheckout).where(CardCheckout.session_id == opened.session_id)).first()
    if known is not None:
        return known
    checkout = CardCheckout(
        case_id=case.id,
        creditor_id=case.creditor_id,
        session_id=opened.session_id,
        amount=amount,
        currency=CARD_CURRENCY,
        url=opened.url,
        created_by=principal.subject,
        created_at=clock.now(),
    )
    session.add(checkout)
    session.commit()
    return checkout


def list_checkouts(*, session: Session, case_id: uuid.UUID, principal: Principal) -> list[CardCheckout]:
    get_case(session=session, case_id=case_id, principal=principal)
    return list(
        session.exec(
            select(CardCheckout).where(CardCheckout.case_id == case_id).order_by(col(CardCheckout.created_at).desc())
        ).all()
    )


@dataclass(frozen=True)
class EventOutcome:
    outcome: str  # recorded | already | ignored
    payment_id: uuid.UUID | None = None


def on_provider_event(
    *, session: Session, payload: bytes, signature: str, secret: str, clock: Clock, wall_s: int, store: DocumentStore
) -> EventOutcome:
    """Records the payment a signed `checkout.session.completed` reports; raises `NotFromProvider` for an unsigned or
    unreadable event (the provider then tries again: a real event is never lost)."""
    if not signed_by_provider(signature, payload, secret=secret, now_s=wall_s):
        raise NotFromProvider(
            "Stripe-Signature: this event is not signed by the card-payment provider, or is too old",
            message_fr="Stripe-Signature : cet événement n'est pas signé par le prestataire de paiement, ou est trop "
            "ancien",
        )
    try:
        event: dict[str, Any] = json.loads(payload)
        kind, data = str(event["type"]), event["data"]["object"]
        if not isinstance(data, dict):
            raise TypeError("the event's object is not a JSON object")
    except (ValueError, KeyError, TypeError) as exc:
        raise NotFromProvider(
            "the event is not the provider's JSON", message_fr="l'événement n'est pas du JSON du prestataire"
        ) from exc
    if kind != "checkout.session.completed" or data.get("payment_status") != "paid":
        return EventOutcome("ignored")
    checkout = session.exec(
        select(CardCheckout).where(CardCheckout.session_id == str(data.get("id"))).with_for_update()
    ).first()
    if checkout is None:
        log.warning("card payment event %s names a checkout intake did not open", data.get("id"))
        return EventOutcome("ignored")
    if checkout.status == "paid":
        return EventOutcome("already", checkout.payment_id)
    try:
        paid = from_cents(int(data["amount_total"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise NotFromProvider(
            "the paid checkout carries no amount_total", message_fr="le paiement annoncé ne porte pas de montant"
        ) from exc
    if paid <= 0:
        raise NotFromProvider(
            "the paid checkout's amount is not positive", message_fr="le montant payé n'est pas positif"
        )
    if paid != checkout.amount:
        log.warning(
            "checkout %s opened for %s was paid %s: the amount charged is recorded", checkout.id, checkout.amount, paid
        )
    reference = str(data.get("payment_intent") or checkout.session_id)
    payment = find_payment(session, checkout.creditor_id, reference)
    if payment is None:
        case = session.get(Case, checkout.case_id)
        assert case is not None, "a checkout's case is never deleted"
        facts = PaymentFacts(
            amount=paid,
            currency=str(data.get("currency", "eur")).upper(),
            received_on=today_in_paris(clock),
            source=FundsSource.DEBTOR_TO_AGENCY,
            reference=reference,
        )
        payment = post_payment(session, case, facts, principal=None, clock=clock)
        issue_receipt(session, payment, store=store)
    checkout.status, checkout.paid_at, checkout.payment_id = "paid", clock.now(), payment.id
    session.add(checkout)
    session.commit()
    return EventOutcome("recorded", payment.id)
