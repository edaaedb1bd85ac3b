"""Admins give a bailiff firm its API client (OAuth2 client credentials), list the clients and deactivate one.
The portal's own paths: the gateway forwards none of them."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from shared.deps import AdminDep, ClockDep, RuntimeDep, SessionDep
from shared.limits import LimitQuery, OffsetQuery

from portal.api_clients.registry import create_api_client, deactivate_api_client, list_api_clients
from portal.api_clients.schemas import ApiClientCreate, ApiClientCreated, ApiClientPage, ApiClientPublic
from portal.deps import LegalReaderDep
from portal.identity.withdrawals import withdraw_now

router = APIRouter(prefix="/api/v1/api-clients", tags=["api clients"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="create a bailiff firm's API client (admin): its client secret is in this answer only",
    description="The firm must be an active bailiff partner of legal (POST /api/v1/legal/partners, kind bailiff). "
    "The client signs in at POST /api/v1/auth/token with grant_type=client_credentials and gets a `bailiff` token "
    "naming the firm. Only the secret's hash is kept: a lost secret means a new client (and the old one "
    "deactivated). The answer is never stored, so an Idempotency-Key is not honoured here: a retry creates "
    "another client.",
    responses={
        422: {"description": "partner_id names no active bailiff firm"},
        503: {"description": "legal could not confirm the firm"},
    },
)
def post_api_client(
    client_in: ApiClientCreate,
    response: Response,
    session: SessionDep,
    clock: ClockDep,
    admin: AdminDep,
    legal: LegalReaderDep,
) -> ApiClientCreated:
    client, secret = create_api_client(
        session=session, partner_id=client_in.partner_id, name=client_in.name, principal=admin, clock=clock, legal=legal
    )
    session.commit()
    response.headers["Cache-Control"] = "no-store"
    public = ApiClientPublic.model_validate(client, from_attributes=True)
    return ApiClientCreated(**public.model_dump(), client_secret=secret)


@router.get("", summary="the bailiff firms' API clients (admin), oldest first; never their secrets")
def get_api_clients(
    session: SessionDep, admin: AdminDep, offset: OffsetQuery = 0, limit: LimitQuery = 50
) -> ApiClientPage:
    clients, total = list_api_clients(session=session, offset=offset, limit=limit)
    return ApiClientPage(items=[ApiClientPublic.model_validate(c, from_attributes=True) for c in clients], total=total)


@router.post(
    "/{client_id}/deactivate",
    summary="deactivate an API client (admin): it signs in no more, and its tokens are refused everywhere within "
    "seconds; 409 when already deactivated",
)
def post_deactivate(
    client_id: str, session: SessionDep, clock: ClockDep, admin: AdminDep, runtime: RuntimeDep
) -> ApiClientPublic:
    client = deactivate_api_client(session=session, client_id=client_id, principal=admin, clock=clock)
    session.commit()
    assert client.access_withdrawn_at is not None, "a deactivation withdraws the client's access"
    withdraw_now(runtime.verifier.revocations, f"client:{client.client_id}", client.access_withdrawn_at)
    return ApiClientPublic.model_validate(client, from_attributes=True)
