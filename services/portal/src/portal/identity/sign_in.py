"""Sign-in: a user's password (the password grant, the sign-in page) or a partner's client credentials, and the
throttling that locks an account, a client or an address after repeated failures."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, func, select

from shared.auth import Principal, Role
from shared.clock import Clock

from portal.api_clients.models import ApiClient
from portal.domain.hashing import check_against_nothing, secret_matches
from portal.errors import InvalidCredentials, TooManyAttempts
from portal.identity.models import LoginFailure, User


def throttle(
    session: Session,
    *,
    keys: list[str],
    now: datetime,
    max_failures: int,
    window: timedelta,
    max_per_address: int | None = None,
) -> None:
    """An account (or partner client) locks after `max_failures`; an address only after `max_per_address`
    (many users share one address behind a company proxy: one user's typos must not lock out the others)."""
    since = now - window
    for key in keys:
        limit = max_per_address if key.startswith("ip:") and max_per_address else max_failures
        failures = session.exec(
            select(func.count()).select_from(LoginFailure).where(LoginFailure.key == key, col(LoginFailure.at) > since)
        ).one()
        if failures >= limit:
            raise TooManyAttempts(retry_after_s=int(window.total_seconds()))


def record_failures(session: Session, keys: list[str], now: datetime) -> None:
    for key in keys:
        session.add(LoginFailure(key=key, at=now))


def authenticate_user(
    *,
    session: Session,
    email: str,
    password: str,
    client_ip: str,
    clock: Clock,
    max_failures: int,
    window: timedelta,
    max_per_address: int | None = None,
) -> Principal:
    """Check a password; raises InvalidCredentials (recording the failure) or TooManyAttempts."""
    now = clock.now()
    keys = [f"user:{email.strip().lower()}", f"ip:{client_ip}"]
    throttle(session, keys=keys, now=now, max_failures=max_failures, window=window, max_per_address=max_per_address)
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    if user is None or not user.active:
        check_against_nothing(password)  # timed as a wrong password
        record_failures(session, keys, now)
        session.commit()
        raise InvalidCredentials(
            "the e-mail or the password is wrong", message_fr="l'e-mail ou le mot de passe est erroné"
        )
    if not secret_matches(user.password_hash, password):
        record_failures(session, keys, now)
        session.commit()
        raise InvalidCredentials(
            "the e-mail or the password is wrong", message_fr="l'e-mail ou le mot de passe est erroné"
        )
    session.exec(delete(LoginFailure).where(col(LoginFailure.key) == keys[0]))
    session.commit()
    return Principal(
        subject=str(user.id),
        role=Role(user.role),
        creditor_id=str(user.creditor_id) if user.creditor_id else None,
        partner_id=str(user.partner_id) if user.partner_id else None,
        name=user.email,
    )


def authenticate_client(
    *,
    session: Session,
    client_id: str,
    client_secret: str,
    client_ip: str,
    clock: Clock,
    max_failures: int,
    window: timedelta,
    max_per_address: int | None = None,
) -> Principal:
    now = clock.now()
    keys = [f"client:{client_id}", f"ip:{client_ip}"]
    throttle(session, keys=keys, now=now, max_failures=max_failures, window=window, max_per_address=max_per_address)
    client = session.get(ApiClient, client_id)
    if client is None or not client.active or not secret_matches(client.secret_hash, client_secret):
        if client is None:
            check_against_nothing(client_secret)
        record_failures(session, keys, now)
        session.commit()
        raise InvalidCredentials(
            "the client id or the client secret is wrong",
            message_fr="l'identifiant du client ou son secret est erroné",
        )
    return Principal(
        subject=f"client:{client.client_id}",
        role=Role(client.role),
        partner_id=str(client.partner_id) if client.partner_id else None,
        name=client.name,
    )
