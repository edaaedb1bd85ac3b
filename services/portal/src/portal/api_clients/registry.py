"""A bailiff firm's API client: an admin creates it for a firm legal knows (`POST /api/v1/legal/partners`, kind
bailiff), and the firm's software then signs in with OAuth2 client credentials as a `bailiff` naming the firm.

The client id is readable (the firm's name, then a random suffix); the secret is random (256 bits), given once in
the answer that creates the client, and only its hash (argon2, as passwords) is kept. Nothing else ever shows it:
a lost secret means a new client, and the old one deactivated."""

from __future__ import annotations

import re
import secrets
import unicodedata
import uuid

from sqlmodel import Session, col, func, select

from shared.audit import audit
from shared.auth import Principal, Role
from shared.clock import Clock, SystemClock
from shared.errors import Conflict, Invalid, NotFound
from shared.fresh_reads import FreshReader, ServiceUnavailable

from portal.api_clients.models import ApiClient
from portal.domain.hashing import hash_secret

SECRET_BYTES = 32  # 256 bits, 43 characters once URL-safe base64-encoded
_SLUG_LENGTH = 40


def client_id_for(name: str) -> str:
    """ "Étude Martin & Associés" -> "etude-martin-associes-7f3k9q": readable, and unique by its suffix."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")[:_SLUG_LENGTH].strip("-") or "bailiff"
    return f"{slug}-{secrets.token_hex(3)}"


def create_api_client(
    *,
    session: Session,
    partner_id: uuid.UUID,
    name: str,
    principal: Principal,
    clock: Clock,
    legal: FreshReader | None,
) -> tuple[ApiClient, str]:
    """The client, and its secret in clear (to be shown once). The partner must be an active bailiff firm of legal,
    read fresh: one registered a moment ago is known at once."""
    _bailiff_firm_or_refuse(partner_id, legal)
    client_id = client_id_for(name)
    while session.get(ApiClient, client_id) is not None:  # 16 million suffixes per name: a retry is rare
        client_id = client_id_for(name)
    secret = secrets.token_urlsafe(SECRET_BYTES)
    client = ApiClient(
        client_id=client_id,
        secret_hash=hash_secret(secret),
        role=Role.BAILIFF.value,
        partner_id=partner_id,
        name=name.strip(),
        created_at=clock.now(),
    )
    session.add(client)
    session.flush()
    audit(
        session,
        actor=principal,
        action="api_client.created",
        entity="api_client",
        entity_id=client_id,
        clock=clock,
        partner_id=str(partner_id),
        name=client.name,
        role=client.role,
    )
    return client, secret


def _bailiff_firm_or_refuse(partner_id: uuid.UUID, legal: FreshReader | None) -> None:
    if legal is None:  # no legal address configured: nothing can confirm the firm
        raise ServiceUnavailable("legal", retry_after_s=30)
    partner = legal.read(f"/api/v1/legal/partners/{partner_id}")
    if partner is None or partner.get("kind") != "bailiff" or not partner.get("active", False):
        raise Invalid(
            f"partner_id: {partner_id} is not an active bailiff firm; register it first at "
            "POST /api/v1/legal/partners (kind bailiff)",
            field="partner_id",
            message_fr=f"partner_id : {partner_id} n'est pas une étude de commissaire de justice active ; "
            "enregistrez-la d'abord avec POST /api/v1/legal/partners (kind bailiff)",
        )


def list_api_clients(*, session: Session, offset: int, limit: int) -> tuple[list[ApiClient], int]:
    """The partners' clients (the platform services' own `service` clients are not the admins' to see)."""
    query = select(ApiClient).where(col(ApiClient.role) != Role.SERVICE.value)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(query.order_by(col(ApiClient.created_at), col(ApiClient.client_id)).offset(offset).limit(limit))
    return list(rows), total


def deactivate_api_client(*, session: Session, client_id: str, principal: Principal, clock: Clock) -> ApiClient:
    """The client signs in no more, and every service refuses the tokens it already holds (`shared.revocations`)."""
    client = session.get(ApiClient, client_id)
    if client is None or client.role == Role.SERVICE.value:
        raise NotFound(f"no API client {client_id}", message_fr=f"aucun client d'API {client_id}")
    if not client.active:
        raise Conflict(
            f"the API client {client_id} is already deactivated",
            field="client_id",
            message_fr=f"le client d'API {client_id} est déjà désactivé",
        )
    client.active = False
    client.access_withdrawn_at = SystemClock().now()  # the wall clock's, as a token's `iat` is
    session.add(client)
    audit(
        session,
        actor=principal,
        action="api_client.deactivated",
        entity="api_client",
        entity_id=client_id,
        clock=clock,
        partner_id=str(client.partner_id) if client.partner_id else None,
    )
    return client
