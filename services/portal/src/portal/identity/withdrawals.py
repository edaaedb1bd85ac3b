"""Accounts whose access was withdrawn (`shared.revocations`): an admin deactivated them, or gave a user a new
password. The portal publishes those still within a token's lifetime (`GET /.well-known/revocations.json`), every
service refuses their tokens issued before, and the portal itself at once. The instant is the wall clock's, as a
token's `iat` is: the business clock that tests move must not date what decides a token's fate."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from shared.revocations import Revocations

from portal.api_clients.models import ApiClient
from portal.identity.models import User


def wall_now() -> datetime:
    return datetime.now(UTC)


def withdrawn_since(session: Session, since: datetime) -> list[dict[str, Any]]:
    """`{"subject", "before"}` (Unix seconds) of each account whose access was withdrawn after `since`."""
    users = session.exec(select(User.id, User.access_withdrawn_at).where(col(User.access_withdrawn_at) > since)).all()
    clients = session.exec(
        select(ApiClient.client_id, ApiClient.access_withdrawn_at).where(col(ApiClient.access_withdrawn_at) > since)
    ).all()
    entries = [(str(user_id), at) for user_id, at in users] + [(f"client:{client}", at) for client, at in clients]
    return [{"subject": subject, "before": int(at.timestamp())} for subject, at in entries if at is not None]


def revocation_document(engine: Engine, lifetime_s: int) -> dict[str, Any]:
    with Session(engine) as session:
        return {"revoked": withdrawn_since(session, wall_now() - timedelta(seconds=lifetime_s))}


def issue_instant(session: Session, subject: str) -> datetime:
    """When a token for `subject` is dated (`iat`, whole seconds): now, and never within the second its access was
    last withdrawn, so that a token issued after a reactivation is never taken for one issued before it."""
    now = wall_now()
    if subject.startswith("client:"):
        client = session.get(ApiClient, subject.removeprefix("client:"))
        withdrawn = client.access_withdrawn_at if client is not None else None
    else:
        try:
            user = session.get(User, uuid.UUID(subject))
        except ValueError:
            user = None
        withdrawn = user.access_withdrawn_at if user is not None else None
    if withdrawn is None:
        return now
    return max(now, datetime.fromtimestamp(int(withdrawn.timestamp()) + 1, tz=UTC))


def withdraw_now(revocations: Revocations, subject: str, at: datetime) -> None:
    """The portal's own verifier refuses the account's tokens at once, before its next read of the list."""
    revocations.withdraw(subject, float(int(at.timestamp())))
