"""Demo accounts of the embedded profile (idempotent: an existing account is left as it is)."""

from __future__ import annotations

from sqlmodel import Session, select

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

from portal.identity import hash_secret
from portal.models import ApiClient, CreditorDirectoryEntry, User


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
