"""Online card payments (docs/payments-online.md): whether they are open, a payment page opened for an amount of a
case (the portal, for the debtor's page; staff, to send a link), the pages opened for a case, and the provider's
signed events, which record the payments."""

from __future__ import annotations

import time
import uuid
from datetime import datetime
from decimal import Decimal
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request, status
from fastapi.concurrency import run_in_threadpool
from pydantic import AnyHttpUrl, BaseModel, ConfigDict, Field

from shared.auth import Principal, Role
from shared.deps import ClockDep, CreditorOrStaffDep, SessionDep, require_roles

from intake.api.fields import Money
from intake.deps import SettingsDep, StoreDep
from intake.domain.card_payments import CARD_CURRENCY, MINIMUM, checkout_status
from intake.ledger.card_payments import list_checkouts, not_enabled, on_provider_event, open_checkout
from intake.ledger.card_psp import CardProvider

router = APIRouter(prefix="/api/v1/intake", tags=["card payments"])
OpenerDep = Annotated[Principal, Depends(require_roles(Role.SERVICE, Role.AGENT, Role.SUPERVISOR, Role.ADMIN))]


class CardPayments(BaseModel):
    enabled: bool = Field(description="whether a debtor may pay by card on this platform")
    currency: str = CARD_CURRENCY
    minimum: Decimal = MINIMUM


class CheckoutIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "amount": "250.00",
                    "success_url": "https://recouvra.example/debtor/<link>?sent=card",
                    "cancel_url": "https://recouvra.example/debtor/<link>",
                    "language": "fr",
                }
            ]
        },
    )

    amount: Money = Field(description="whole cents, from 0.50 EUR up to the balance due today")
    success_url: Annotated[AnyHttpUrl, Field(max_length=500)]
    cancel_url: Annotated[AnyHttpUrl, Field(max_length=500)]
    language: Literal["fr", "en"] = "fr"


class CheckoutPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    case_id: uuid.UUID
    amount: Decimal
    currency: str
    url: str = Field(description="the provider's payment page: send the payer there")
    status: str = Field(description="open | paid | expired (the provider closes an unpaid page after 24 hours)")
    created_at: datetime
    paid_at: datetime | None
    payment_id: uuid.UUID | None


class CheckoutList(BaseModel):
    items: list[CheckoutPublic]


class EventAnswer(BaseModel):
    outcome: str = Field(description="recorded | already | ignored")
    payment_id: uuid.UUID | None = None


@router.get("/card-payments", summary="whether debtors may pay by card, in which currency, from which amount")
def get_card_payments(settings: SettingsDep, principal: CreditorOrStaffDep) -> CardPayments:
    return CardPayments(enabled=CardProvider.of(settings).enabled)


@router.post(
    "/cases/{case_id}/card-checkouts",
    status_code=status.HTTP_201_CREATED,
    summary="open the card-payment provider's page for an amount of the case (the portal for the debtor; staff)",
    responses={
        409: {"description": "card payments are not set up, or the case takes none (closed, insolvency, not euros)"},
        503: {"description": "the provider did not answer"},
    },
)
def post_checkout(
    case_id: uuid.UUID,
    checkout_in: CheckoutIn,
    session: SessionDep,
    clock: ClockDep,
    principal: OpenerDep,
    settings: SettingsDep,
) -> CheckoutPublic:
    checkout = open_checkout(
        session=session,
        case_id=case_id,
        amount=checkout_in.amount,
        success_url=str(checkout_in.success_url),
        cancel_url=str(checkout_in.cancel_url),
        language=checkout_in.language,
        principal=principal,
        clock=clock,
        provider=CardProvider.of(settings),
    )
    return CheckoutPublic.model_validate(checkout)


@router.get("/cases/{case_id}/card-checkouts", summary="the card-payment pages opened for the case, the newest first")
def get_checkouts(
    case_id: uuid.UUID, session: SessionDep, clock: ClockDep, principal: CreditorOrStaffDep
) -> CheckoutList:
    rows = list_checkouts(session=session, case_id=case_id, principal=principal)
    now = clock.now()
    items = [
        CheckoutPublic.model_validate(row).model_copy(
            update={"status": checkout_status(row.status, row.created_at, now)}
        )
        for row in rows
    ]
    return CheckoutList(items=items)


@router.post(
    "/card-payments/events",
    summary="the card-payment provider's signed events (Stripe-Signature); a paid checkout records its payment",
    description="Public: the provider calls it, and its signature (HMAC-SHA256 with INTAKE_PSP_WEBHOOK_SECRET over "
    "the timestamp and the raw body, at most 5 minutes old) is the only proof of origin. 400 for an event not "
    "signed; the provider then tries again.",
    responses={400: {"description": "not signed by the provider, too old, or not its JSON"}},
)
async def post_provider_event(
    request: Request, session: SessionDep, clock: ClockDep, settings: SettingsDep, store: StoreDep
) -> EventAnswer:
    if not CardProvider.of(settings).enabled:
        raise not_enabled()
    payload = await request.body()
    outcome = await run_in_threadpool(  # the session is synchronous: off the event loop
        on_provider_event,
        session=session,
        payload=payload,
        signature=request.headers.get("stripe-signature", ""),
        secret=settings.psp_webhook_secret,
        clock=clock,
        wall_s=int(time.time()),
        store=store,
    )
    return EventAnswer(outcome=outcome.outcome, payment_id=outcome.payment_id)
