"""Admins register each partner's webhook endpoint and secret, rotate the secret, and read the delivery log."""

from __future__ import annotations

import uuid
from datetime import timedelta

from fastapi import APIRouter

from shared.config import Profile
from shared.deps import AdminDep, ClockDep, SessionDep
from shared.limits import LimitQuery, OffsetQuery

from legal.deps import SettingsDep
from legal.partners import webhooks
from legal.partners.webhook_schemas import DeliveryPage, WebhookIn, WebhookPublic

router = APIRouter(prefix="/api/v1/legal/partners/{partner_id}", tags=["partner webhooks"])


@router.put(
    "/webhook",
    summary="register or change the partner's webhook endpoint; a new secret (sent, or generated and shown once) "
    "rotates the old one, which keeps signing beside it for LEGAL_WEBHOOK_SECRET_GRACE_H hours",
)
def put_webhook(
    partner_id: uuid.UUID,
    webhook_in: WebhookIn,
    session: SessionDep,
    settings: SettingsDep,
    clock: ClockDep,
    admin: AdminDep,
) -> WebhookPublic:
    return webhooks.register_webhook(
        session=session,
        partner_id=partner_id,
        webhook_in=webhook_in,
        grace=timedelta(hours=settings.webhook_secret_grace_h),
        https_only=settings.profile == Profile.PRODUCTION,
        principal=admin,
        clock=clock,
    )


@router.get("/webhook", summary="the partner's webhook endpoint (never its secret)")
def get_webhook(partner_id: uuid.UUID, session: SessionDep, admin: AdminDep) -> WebhookPublic:
    return webhooks.read_webhook(session=session, partner_id=partner_id)


@router.get(
    "/webhook-deliveries",
    summary="the deliveries to the partner, newest first: attempts, last HTTP status, next attempt",
)
def list_deliveries(
    partner_id: uuid.UUID, session: SessionDep, admin: AdminDep, offset: OffsetQuery = 0, limit: LimitQuery = 50
) -> DeliveryPage:
    items, total = webhooks.list_deliveries(session=session, partner_id=partner_id, offset=offset, limit=limit)
    return DeliveryPage(items=items, total=total)
