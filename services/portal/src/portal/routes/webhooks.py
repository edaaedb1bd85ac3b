"""Creditors' webhooks (docs/webhooks.md): a creditor registers the endpoints of its own system and hears, signed,
of everything that happens to its cases, as its timeline tells it. A creditor user manages its own endpoints; an
admin or a supervisor any creditor's; agents read them. The portal's own paths: the gateway forwards none of them."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response, status

from shared.auth import Principal, Role
from shared.config import Profile
from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep, require_roles
from shared.limits import LimitQuery, OffsetQuery

from portal.deps import SettingsDep
from portal.timeline.catalogue import CATALOGUE, service_and_type
from portal.timeline.consultations import KIND as CONSULTED
from portal.webhooks import registry
from portal.webhooks.queueing import event_name
from portal.webhooks.registry import TEST_EVENT
from portal.webhooks.schemas import (
    DeliveryPage,
    DeliveryPublic,
    EventType,
    EventTypeList,
    WebhookChange,
    WebhookCreate,
    WebhookCreated,
    WebhookPage,
    WebhookPublic,
    WebhookSecret,
)

router = APIRouter(prefix="/api/v1/webhooks", tags=["webhooks"])
ManagerDep = Annotated[Principal, Depends(require_roles(Role.CREDITOR, Role.SUPERVISOR, Role.ADMIN))]

EVENT_TYPES: tuple[EventType, ...] = tuple(
    EventType(name=event_name(service, kind), service=service)
    for service, kind in dict.fromkeys([*(service_and_type(cls) for cls, _ in CATALOGUE), ("portal", CONSULTED)])
)
KNOWN = frozenset(item.name for item in EVENT_TYPES)
DeliveryStatus = Literal["pending", "delivered", "failed", "cancelled"]


def _public(webhook: object) -> WebhookPublic:
    return WebhookPublic.model_validate(webhook, from_attributes=True)


@router.get("/event-types", summary=f"the event types an endpoint may ask for (and {TEST_EVENT}, sent by a test)")
def get_event_types(principal: CreditorOrStaffDep) -> EventTypeList:
    return EventTypeList(items=list(EVENT_TYPES))


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="register an endpoint of the creditor's system; its signing secret is in this answer only",
    description="Every case event of the creditor (its timeline's entries) that happens from now on is POSTed to "
    "the endpoint, signed (X-Recouvra-Signature, docs/webhooks.md), and tried again with a growing wait until the "
    "endpoint answers 2xx. The answer holds the secret and is never stored, so an Idempotency-Key is not honoured "
    "here; a retry that finds an active endpoint at the same URL is refused (409) and names it.",
    responses={409: {"description": "the creditor already has an active endpoint at this URL"}},
)
def post_webhook(
    webhook_in: WebhookCreate,
    response: Response,
    session: SessionDep,
    clock: ClockDep,
    principal: ManagerDep,
    settings: SettingsDep,
) -> WebhookCreated:
    webhook, secret = registry.create_webhook(
        session=session,
        webhook_in=webhook_in,
        known=KNOWN,
        production=settings.profile is Profile.PRODUCTION,
        principal=principal,
        clock=clock,
    )
    session.commit()
    response.headers["Cache-Control"] = "no-store"
    return WebhookCreated(**_public(webhook).model_dump(), secret=secret)


@router.get("", summary="the creditor's endpoints, oldest first (staff: every creditor's, or one's); never a secret")
def get_webhooks(
    session: SessionDep,
    principal: CreditorOrStaffDep,
    creditor_id: uuid.UUID | None = None,
    offset: OffsetQuery = 0,
    limit: LimitQuery = 50,
) -> WebhookPage:
    rows, total = registry.list_webhooks(
        session=session, principal=principal, creditor_id=creditor_id, offset=offset, limit=limit
    )
    return WebhookPage(items=[_public(row) for row in rows], total=total)


@router.get("/{webhook_id}", summary="one endpoint (never its secret)")
def get_webhook(webhook_id: uuid.UUID, session: SessionDep, principal: CreditorOrStaffDep) -> WebhookPublic:
    return _public(registry.read_webhook(session=session, webhook_id=webhook_id, principal=principal))


@router.patch(
    "/{webhook_id}",
    summary="change an endpoint's URL, event types or description, or deactivate it (its waiting deliveries are "
    "cancelled) and activate it again",
)
def patch_webhook(
    webhook_id: uuid.UUID,
    change: WebhookChange,
    session: SessionDep,
    clock: ClockDep,
    principal: ManagerDep,
    settings: SettingsDep,
) -> WebhookPublic:
    webhook = registry.change_webhook(
        session=session,
        webhook_id=webhook_id,
        change=change,
        known=KNOWN,
        production=settings.profile is Profile.PRODUCTION,
        principal=principal,
        clock=clock,
    )
    session.commit()
    return _public(webhook)


@router.post(
    "/{webhook_id}/secret",
    summary="rotate the signing secret: the new one is in this answer only; the previous one keeps signing beside "
    "it for PORTAL_WEBHOOK_SECRET_GRACE_H hours",
)
def post_secret(
    webhook_id: uuid.UUID,
    response: Response,
    session: SessionDep,
    clock: ClockDep,
    principal: ManagerDep,
    settings: SettingsDep,
) -> WebhookSecret:
    webhook, secret = registry.rotate_secret(
        session=session,
        webhook_id=webhook_id,
        grace=timedelta(hours=settings.webhook_secret_grace_h),
        principal=principal,
        clock=clock,
    )
    session.commit()
    response.headers["Cache-Control"] = "no-store"
    return WebhookSecret(id=webhook.id, secret=secret, previous_valid_until=webhook.previous_valid_until)


@router.post(
    "/{webhook_id}/test",
    status_code=status.HTTP_202_ACCEPTED,
    summary=f"send the endpoint a {TEST_EVENT} delivery now; its outcome is read in the deliveries",
    responses={409: {"description": "the endpoint is deactivated"}},
)
def post_test(webhook_id: uuid.UUID, session: SessionDep, clock: ClockDep, principal: ManagerDep) -> DeliveryPublic:
    delivery = registry.queue_test(session=session, webhook_id=webhook_id, principal=principal, clock=clock)
    session.commit()
    return DeliveryPublic.model_validate(delivery)


@router.get("/{webhook_id}/deliveries", summary="what was sent to the endpoint, the newest first, with every attempt")
def get_deliveries(
    webhook_id: uuid.UUID,
    session: SessionDep,
    principal: CreditorOrStaffDep,
    delivery_status: Annotated[DeliveryStatus | None, Query(alias="status")] = None,
    offset: OffsetQuery = 0,
    limit: LimitQuery = 50,
) -> DeliveryPage:
    rows, total = registry.list_deliveries(
        session=session,
        webhook_id=webhook_id,
        status=delivery_status,
        principal=principal,
        offset=offset,
        limit=limit,
    )
    return DeliveryPage(items=[DeliveryPublic.model_validate(row) for row in rows], total=total)


@router.post(
    "/{webhook_id}/deliveries/{delivery_id}/send-again",
    status_code=status.HTTP_202_ACCEPTED,
    summary="send a failed, cancelled or delivered delivery again now, with the same id and body",
    responses={409: {"description": "the delivery is still being tried, or the endpoint is deactivated"}},
)
def post_send_again(
    webhook_id: uuid.UUID,
    delivery_id: uuid.UUID,
    session: SessionDep,
    clock: ClockDep,
    principal: ManagerDep,
) -> DeliveryPublic:
    delivery = registry.send_again(
        session=session, webhook_id=webhook_id, delivery_id=delivery_id, principal=principal, clock=clock
    )
    session.commit()
    return DeliveryPublic.model_validate(delivery)
