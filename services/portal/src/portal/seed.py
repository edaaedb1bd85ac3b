"""Accounts the portal creates itself: the platform services' own API clients (every profile), and the demo
accounts of the embedded profile (idempotent: an existing demo account is left as it is)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlmodel import Session, select

from shared.auth import Role
from shared.demo import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_CREDITOR_ID,
    DEMO_CREDITOR_NAME,
    DEMO_PARTNER_ID,
    DEMO_PASSWORD,
    DEMO_USERS,
)
from shared.runtime import Runtime

from portal.api_clients.models import ApiClient
from portal.domain.hashing import hash_secret, secret_matches
from portal.identity.models import CreditorDirectoryEntry, User

SERVICE_CLIENT_IDS = ("dunning", "legal")
"""The services that read other services' records with a `service` token; each one's client id is its name."""


def seed_service_clients(session: Session, *, secret: str, now: datetime) -> None:
    """One `service` API client per platform service that reads others, all with `secret`.

    Idempotent, and safe when several portal replicas start at once: a missing client is inserted (a concurrent
    insert wins), an existing one is given the secret's hash again only when the secret changed. No secret
    (RECOUVRA_SERVICE_CLIENT_SECRET empty) deactivates them: a secret once configured must not outlive its removal."""
    for client_id in SERVICE_CLIENT_IDS:
        client = session.get(ApiClient, client_id)
        if client is None:
            if secret:
                session.execute(
                    pg_insert(ApiClient)
                    .values(
                        client_id=client_id,
                        secret_hash=hash_secret(secret),
                        role=Role.SERVICE.value,
                        partner_id=None,
                        name=f"Recouvra {client_id} service",
                        active=True,
                        created_at=now,
                    )
                    .on_conflict_do_nothing(index_elements=["client_id"])
                )
            continue
        if not secret:
            client.active = False
            continue
        if not secret_matches(client.secret_hash, secret):
            client.secret_hash = hash_secret(secret)
        client.role, client.partner_id, client.active = Role.SERVICE.value, None, True


def seed_demo(session: Session, runtime: Runtime) -> None:
    now = runtime.clock.now()
    if session.get(CreditorDirectoryEntry, DEMO_CREDITOR_ID) is None:
        session.add(CreditorDirectoryEntry(creditor_id=DEMO_CREDITOR_ID, name=DEMO_CREDITOR_NAME, registered_at=now))
    for email, role, creditor_id in DEMO_USERS:
        if session.exec(select(User).where(User.email == email)).first() is None:
            session.add(
                User(
                    email=email,
                    password_hash=hash_secret(DEMO_PASSWORD),
                    role=role,
                    creditor_id=creditor_id,
                    created_at=now,
                )
            )
    if session.get(ApiClient, DEMO_CLIENT_ID) is None:
        session.add(
            ApiClient(
                client_id=DEMO_CLIENT_ID,
                secret_hash=hash_secret(DEMO_CLIENT_SECRET),
                role="bailiff",
                partner_id=DEMO_PARTNER_ID,
                name="Demo bailiff firm",
                created_at=now,
            )
        )
