"""Partners' webhook endpoints and secrets, and the deliveries queued for them.

A rotation keeps the previous secret valid for a grace period (`LEGAL_WEBHOOK_SECRET_GRACE_H`): meanwhile every
delivery carries two signatures, so the partner may switch to the new secret whenever it likes within that time.
A delivery is queued in the transaction of the change it reports and sent by the delivery worker (`delivery`)."""

from __future__ import annotations

import secrets
import threading
import uuid
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import event
from sqlmodel import Session, col, func, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.webhooks import signing_secrets as shared_signing_secrets
from shared.webhooks import webhook_body

from legal.errors import InvalidReport, PartnerNotFound
from legal.partners.models import Mission, Partner, PartnerWebhook, WebhookDelivery
from legal.partners.webhook_schemas import DeliveryPublic, WebhookIn, WebhookPublic


def _partner(session: Session, partner_id: uuid.UUID) -> Partner:
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise PartnerNotFound(partner_id)
    return partner


def register_webhook(
    *,
    session: Session,
    partner_id: uuid.UUID,
    webhook_in: WebhookIn,
    grace: timedelta,
    https_only: bool,
    principal: Principal,
    clock: Clock,
) -> WebhookPublic:
    """Sets the endpoint. A first registration without a secret gets a generated one, shown in this answer only;
    a later one without a secret keeps the current secret (a PUT sent twice is one change); a different secret
    rotates the current one, which keeps signing beside it for `grace`."""
    _partner(session, partner_id)
    url = str(webhook_in.url)
    if https_only and not url.startswith("https://"):
        raise InvalidReport(
            "url", "url: webhooks are sent over HTTPS only", "url : les webhooks ne sont envoyés qu'en HTTPS"
        )
    now = clock.now()
    webhook = session.get(PartnerWebhook, partner_id)
    generated = webhook is None and webhook_in.secret is None
    secret = webhook_in.secret or (webhook.secret if webhook is not None else secrets.token_urlsafe(32))
    rotated = webhook is not None and secret != webhook.secret
    if webhook is None:
        webhook = PartnerWebhook(partner_id=partner_id, url=url, secret=secret, registered_at=now, rotated_at=now)
    elif rotated:
        webhook.previous_secret, webhook.previous_valid_until = webhook.secret, now + grace
        webhook.secret, webhook.rotated_at = secret, now
    webhook.url = url
    session.add(webhook)
    audit(
        session,
        actor=principal,
        action="webhook.registered",
        entity="partner",
        entity_id=partner_id,
        clock=clock,
        url=url,
        rotated=rotated,
    )
    session.commit()
    return _public(webhook, secret=secret if generated else None)


def read_webhook(*, session: Session, partner_id: uuid.UUID) -> WebhookPublic:
    _partner(session, partner_id)
    webhook = session.get(PartnerWebhook, partner_id)
    if webhook is None:
        raise PartnerNotFound(partner_id)
    return _public(webhook, secret=None)


def _public(webhook: PartnerWebhook, *, secret: str | None) -> WebhookPublic:
    return WebhookPublic(
        partner_id=webhook.partner_id,
        url=webhook.url,
        registered_at=webhook.registered_at,
        rotated_at=webhook.rotated_at,
        previous_secret_valid_until=webhook.previous_valid_until,
        secret=secret,
    )


def signing_secrets(webhook: PartnerWebhook, now: datetime) -> list[str]:
    """The current secret, and the previous one while its grace lasts."""
    return shared_signing_secrets(webhook.secret, webhook.previous_secret, webhook.previous_valid_until, now)


def mission_data(mission: Mission) -> dict[str, Any]:
    """What a webhook tells of a mission: no personal data, the partner reads the rest with its token."""
    return {
        "mission_id": str(mission.id),
        "case_reference": mission.case_reference,
        "kind": mission.kind,
        "status": mission.status,
        "instructions": mission.instructions,
        "procedure_id": str(mission.procedure_id) if mission.procedure_id else None,
        "assigned_at": mission.assigned_at.isoformat(),
        "updated_at": mission.updated_at.isoformat(),
        "ended_on": mission.ended_on.isoformat() if mission.ended_on else None,
        "end_note": mission.end_note,
        "href": f"/api/v1/partner/missions/{mission.id}",
    }


DELIVERY_QUEUED = threading.Event()
"""Set when a transaction that queued a delivery commits: the webhook worker of this process wakes at once."""


def queue_delivery(*, session: Session, mission: Mission, event_type: str, clock: Clock) -> WebhookDelivery | None:
    """In the caller's transaction; nothing when the partner registered no endpoint."""
    if session.get(PartnerWebhook, mission.partner_id) is None:
        return None
    now, delivery_id = clock.now(), uuid.uuid4()
    body = webhook_body(delivery_id=delivery_id, event_type=event_type, created_at=now, data=mission_data(mission))
    delivery = WebhookDelivery(
        id=delivery_id,
        partner_id=mission.partner_id,
        mission_id=mission.id,
        event_type=event_type,
        body=body,
        created_at=now,
        next_attempt_at=now,
    )
    session.add(delivery)
    event.listen(session, "after_commit", lambda _session: DELIVERY_QUEUED.set(), once=True)
    return delivery


def list_deliveries(
    *, session: Session, partner_id: uuid.UUID, offset: int, limit: int
) -> tuple[list[DeliveryPublic], int]:
    _partner(session, partner_id)
    where = WebhookDelivery.partner_id == partner_id
    total = session.exec(select(func.count()).select_from(WebhookDelivery).where(where)).one()
    rows = session.exec(
        select(WebhookDelivery)
        .where(where)
        .order_by(col(WebhookDelivery.created_at).desc(), col(WebhookDelivery.id))
        .offset(offset)
        .limit(limit)
    ).all()
    return [DeliveryPublic.model_validate(row) for row in rows], int(total)
