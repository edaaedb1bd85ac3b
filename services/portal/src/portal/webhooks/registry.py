"""A creditor's webhook endpoints: registered, changed, their secret rotated, a test queued, their deliveries read
and one sent again. Who may see and change which is the kernel's tenancy rule: a creditor user its own endpoints,
agency staff every creditor's (naming the creditor when registering one)."""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta
from typing import Any

from sqlmodel import Session, col, func, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.errors import Conflict, Invalid, NotFound
from shared.tenancy import acting_creditor, check_visible, creditor_filter
from shared.webhooks import target_refusal, webhook_body

from portal.identity.models import CreditorDirectoryEntry
from portal.webhooks.models import CreditorWebhook, CreditorWebhookDelivery
from portal.webhooks.queueing import wake_after_commit
from portal.webhooks.schemas import WebhookChange, WebhookCreate

SECRET_BYTES = 32
TEST_EVENT = "webhook.test"


def _missing(webhook_id: object) -> NotFound:
    return NotFound(f"no webhook {webhook_id}", message_fr=f"aucun webhook {webhook_id}")


def _checked_url(url: str, *, production: bool) -> str:
    refusal = target_refusal(url, production=production)
    if refusal is not None:
        raise Invalid(refusal[0], field="url", message_fr=refusal[1])
    return url


def _checked_events(events: list[str], known: frozenset[str]) -> list[str]:
    unknown = sorted(set(events) - known)
    if unknown:
        listed = ", ".join(unknown)
        raise Invalid(
            f"events: unknown event types {listed} (GET /api/v1/webhooks/event-types lists them)",
            field="events",
            message_fr=f"events : types d'événements inconnus {listed} (GET /api/v1/webhooks/event-types les liste)",
        )
    return sorted(set(events))


def create_webhook(
    *,
    session: Session,
    webhook_in: WebhookCreate,
    known: frozenset[str],
    production: bool,
    principal: Principal,
    clock: Clock,
) -> tuple[CreditorWebhook, str]:
    """The endpoint, and its secret in clear (to be shown once)."""
    creditor_id = acting_creditor(principal, webhook_in.creditor_id)
    if session.get(CreditorDirectoryEntry, creditor_id) is None:
        raise Invalid(
            f"creditor_id: no creditor {creditor_id}",
            field="creditor_id",
            message_fr=f"creditor_id : aucun créancier {creditor_id}",
        )
    url = _checked_url(str(webhook_in.url), production=production)
    twin = session.exec(
        select(CreditorWebhook.id).where(
            CreditorWebhook.creditor_id == creditor_id, CreditorWebhook.url == url, col(CreditorWebhook.active)
        )
    ).first()
    if twin is not None:
        raise Conflict(
            f"url: this creditor already has an active webhook at this address ({twin})",
            field="url",
            message_fr=f"url : ce créancier a déjà un webhook actif à cette adresse ({twin})",
        )
    now, secret = clock.now(), "whsec_" + secrets.token_urlsafe(SECRET_BYTES)
    webhook = CreditorWebhook(
        creditor_id=creditor_id,
        url=url,
        description=webhook_in.description.strip(),
        events=_checked_events(webhook_in.events, known),
        secret=secret,
        created_by=principal.subject,
        created_at=now,
        updated_at=now,
    )
    session.add(webhook)
    session.flush()
    _audit(session, principal, clock, "webhook.registered", webhook, url=webhook.url, events=webhook.events)
    return webhook, secret


def list_webhooks(
    *, session: Session, principal: Principal, creditor_id: uuid.UUID | None, offset: int, limit: int
) -> tuple[list[CreditorWebhook], int]:
    own = creditor_filter(principal, creditor_id)
    where = [] if own is None else [CreditorWebhook.creditor_id == own]
    total = session.exec(select(func.count()).select_from(CreditorWebhook).where(*where)).one()
    rows = session.exec(
        select(CreditorWebhook)
        .where(*where)
        .order_by(col(CreditorWebhook.created_at), col(CreditorWebhook.id))
        .offset(offset)
        .limit(limit)
    ).all()
    return list(rows), int(total)


def read_webhook(*, session: Session, webhook_id: uuid.UUID, principal: Principal) -> CreditorWebhook:
    webhook = session.get(CreditorWebhook, webhook_id)
    if webhook is None:
        raise _missing(webhook_id)
    check_visible(principal, missing=lambda: _missing(webhook_id), creditor_id=webhook.creditor_id)
    return webhook


def change_webhook(
    *,
    session: Session,
    webhook_id: uuid.UUID,
    change: WebhookChange,
    known: frozenset[str],
    production: bool,
    principal: Principal,
    clock: Clock,
) -> CreditorWebhook:
    """Applies what the change names. A deactivation cancels the deliveries still waiting: the endpoint hears no
    more, and a reactivation does not send what happened meanwhile (each can be sent again from its log)."""
    webhook = read_webhook(session=session, webhook_id=webhook_id, principal=principal)
    if change.url is not None:
        webhook.url = _checked_url(str(change.url), production=production)
    if change.events is not None:
        webhook.events = _checked_events(change.events, known)
    if change.description is not None:
        webhook.description = change.description.strip()
    cancelled = 0
    if change.active is not None and change.active != webhook.active:
        webhook.active = change.active
        if not change.active:
            cancelled = _cancel_waiting(session, webhook.id, clock)
    webhook.updated_at = clock.now()
    session.add(webhook)
    _audit(
        session,
        principal,
        clock,
        "webhook.changed",
        webhook,
        changed=sorted(change.model_dump(exclude_none=True)),
        cancelled=cancelled,
    )
    return webhook


def _cancel_waiting(session: Session, webhook_id: uuid.UUID, clock: Clock) -> int:
    waiting = session.exec(
        select(CreditorWebhookDelivery)
        .where(CreditorWebhookDelivery.webhook_id == webhook_id, CreditorWebhookDelivery.status == "pending")
        .with_for_update()
    ).all()
    for delivery in waiting:
        delivery.status, delivery.next_attempt_at = "cancelled", None
        delivery.last_error = f"the webhook was deactivated on {clock.now().isoformat()}"
        session.add(delivery)
    return len(waiting)


def rotate_secret(
    *, session: Session, webhook_id: uuid.UUID, grace: timedelta, principal: Principal, clock: Clock
) -> tuple[CreditorWebhook, str]:
    """A new secret; the current one keeps signing beside it for `grace`, so the receiver may switch when it likes."""
    webhook = read_webhook(session=session, webhook_id=webhook_id, principal=principal)
    now, secret = clock.now(), "whsec_" + secrets.token_urlsafe(SECRET_BYTES)
    webhook.previous_secret, webhook.previous_valid_until = webhook.secret, now + grace
    webhook.secret, webhook.updated_at = secret, now
    session.add(webhook)
    _audit(session, principal, clock, "webhook.secret_rotated", webhook, previous_valid_until=(now + grace).isoformat())
    return webhook, secret


def queue_test(
    *, session: Session, webhook_id: uuid.UUID, principal: Principal, clock: Clock
) -> CreditorWebhookDelivery:
    """A `webhook.test` delivery, sent at once: the receiver checks its signature and answers 2xx."""
    webhook = read_webhook(session=session, webhook_id=webhook_id, principal=principal)
    if not webhook.active:
        raise Conflict(
            "this webhook is deactivated: activate it before testing it",
            message_fr="ce webhook est désactivé : réactivez-le avant de le tester",
        )
    now, delivery_id = clock.now(), uuid.uuid4()
    data = {
        "webhook_id": str(webhook.id),
        "creditor_id": str(webhook.creditor_id),
        "summary_fr": "Test de votre webhook Recouvra",
        "summary_en": "A test of your Recouvra webhook",
    }
    delivery = CreditorWebhookDelivery(
        id=delivery_id,
        webhook_id=webhook.id,
        creditor_id=webhook.creditor_id,
        event_type=TEST_EVENT,
        body=webhook_body(delivery_id=delivery_id, event_type=TEST_EVENT, created_at=now, data=data),
        created_at=now,
        next_attempt_at=now,
    )
    session.add(delivery)
    wake_after_commit(session)
    return delivery


def list_deliveries(
    *,
    session: Session,
    webhook_id: uuid.UUID,
    status: str | None,
    principal: Principal,
    offset: int,
    limit: int,
) -> tuple[list[CreditorWebhookDelivery], int]:
    read_webhook(session=session, webhook_id=webhook_id, principal=principal)
    where = [CreditorWebhookDelivery.webhook_id == webhook_id]
    if status is not None:
        where.append(CreditorWebhookDelivery.status == status)
    total = session.exec(select(func.count()).select_from(CreditorWebhookDelivery).where(*where)).one()
    rows = session.exec(
        select(CreditorWebhookDelivery)
        .where(*where)
        .order_by(col(CreditorWebhookDelivery.created_at).desc(), col(CreditorWebhookDelivery.id))
        .offset(offset)
        .limit(limit)
    ).all()
    return list(rows), int(total)


def send_again(
    *, session: Session, webhook_id: uuid.UUID, delivery_id: uuid.UUID, principal: Principal, clock: Clock
) -> CreditorWebhookDelivery:
    """A delivery failed, cancelled or already taken is sent again at once, with the same id and body (the receiver
    drops a repeat by its id), and a fresh count of attempts; its log keeps the earlier ones."""
    webhook = read_webhook(session=session, webhook_id=webhook_id, principal=principal)
    delivery = session.get(CreditorWebhookDelivery, delivery_id, with_for_update=True)
    if delivery is None or delivery.webhook_id != webhook.id:
        raise NotFound(f"no delivery {delivery_id}", message_fr=f"aucun envoi {delivery_id}")
    if not webhook.active:
        raise Conflict(
            "this webhook is deactivated: activate it before sending again",
            message_fr="ce webhook est désactivé : réactivez-le avant de renvoyer",
        )
    if delivery.status == "pending":
        raise Conflict("this delivery is still being tried", message_fr="cet envoi est encore en cours de tentatives")
    delivery.status, delivery.attempts, delivery.next_attempt_at = "pending", 0, clock.now()
    session.add(delivery)
    wake_after_commit(session)
    _audit(session, principal, clock, "webhook.delivery_resent", webhook, delivery_id=str(delivery.id))
    return delivery


def _audit(
    session: Session, principal: Principal, clock: Clock, action: str, webhook: CreditorWebhook, **details: Any
) -> None:
    audit(
        session,
        actor=principal,
        action=action,
        entity="webhook",
        entity_id=webhook.id,
        clock=clock,
        creditor_id=str(webhook.creditor_id),
        **details,
    )
