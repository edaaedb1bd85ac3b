"""Identity use cases: sign-in (password and client credentials), login throttling, user creation."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, func, select

from shared.auth import Principal, Role
from shared.clock import Clock
from shared.events.identity import UserCreated
from shared.fresh_reads import FreshReader
from shared.outbox import record_event

from portal.errors import EmailTaken, InvalidCredentials, TooManyAttempts, UnknownCreditor
from portal.models import ApiClient, CreditorDirectoryEntry, LoginFailure, User
from portal.passwords import check_new_password
from portal.schemas import UserCreate

hasher = PasswordHasher()
# Verifying against a dummy hash when the account does not exist keeps the timing of "unknown user"
# and "wrong password" alike, so response times do not reveal which e-mails have accounts.
_DUMMY_HASH = hasher.hash("not-a-real-password")


def hash_secret(secret: str) -> str:
    return hasher.hash(secret)


def secret_matches(hash_: str, secret: str) -> bool:
    try:
        return hasher.verify(hash_, secret)
    except VerificationError:
        return False


def _throttle(
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


def _record_failure(session: Session, keys: list[str], now: datetime) -> None:
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
    _throttle(session, keys=keys, now=now, max_failures=max_failures, window=window, max_per_address=max_per_address)
    user = session.exec(select(User).where(User.email == email.strip().lower())).first()
    if user is None or not user.active:
        secret_matches(_DUMMY_HASH, password)
        _record_failure(session, keys, now)
        session.commit()
        raise InvalidCredentials(
            "the e-mail or the password is wrong", message_fr="l'e-mail ou le mot de passe est erroné"
        )
    if not secret_matches(user.password_hash, password):
        _record_failure(session, keys, now)
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
    _throttle(session, keys=keys, now=now, max_failures=max_failures, window=window, max_per_address=max_per_address)
    client = session.get(ApiClient, client_id)
    if client is None or not client.active or not secret_matches(client.secret_hash, client_secret):
        if client is None:
            secret_matches(_DUMMY_HASH, client_secret)
        _record_failure(session, keys, now)
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


def create_user(*, session: Session, user_in: UserCreate, clock: Clock, intake: FreshReader | None = None) -> User:
    """`intake` confirms a creditor the directory does not hold yet; None leaves the directory as the only source."""
    email = user_in.email.strip().lower()
    if user_in.role == Role.CREDITOR:
        if user_in.creditor_id is None:
            raise UnknownCreditor(
                "a creditor user needs the creditor_id of the creditor it works for",
                field="creditor_id",
                message_fr="un utilisateur créancier a besoin du creditor_id du créancier pour lequel il travaille",
            )
        _known_creditor_or_refuse(session, user_in.creditor_id, intake=intake, clock=clock)
    elif user_in.creditor_id is not None:
        raise UnknownCreditor(
            "only creditor users belong to a creditor; remove creditor_id",
            field="creditor_id",
            message_fr="seuls les utilisateurs créanciers appartiennent à un créancier : retirez creditor_id",
        )
    if user_in.role == Role.BAILIFF and user_in.partner_id is None:
        raise UnknownCreditor(
            "a bailiff user needs the partner_id of its firm",
            field="partner_id",
            message_fr="un utilisateur commissaire de justice a besoin du partner_id de son étude",
        )
    check_new_password(user_in.password, email=email)
    if session.exec(select(User).where(User.email == email)).first() is not None:
        raise _email_taken(email)
    user = User(
        id=uuid.uuid4(),
        email=email,
        password_hash=hash_secret(user_in.password),
        role=user_in.role.value,
        creditor_id=user_in.creditor_id,
        partner_id=user_in.partner_id,
        created_at=clock.now(),
    )
    # A concurrent request may have created a user with this e-mail first: the unique index refuses ours at the
    # first flush, which record_event's NOTIFY to the relay causes before the commit, so both are inside the try.
    try:
        session.add(user)
        record_event(
            session,
            UserCreated(
                user_id=str(user.id),
                email=email,
                role=user.role,
                creditor_id=str(user.creditor_id) if user.creditor_id else None,
            ),
            clock=clock,
            subject=str(user.id),
            tenant=str(user.creditor_id) if user.creditor_id else None,
        )
        session.commit()
    except IntegrityError as exc:
        session.rollback()
        raise _email_taken(email) from exc
    return user


def _email_taken(email: str) -> EmailTaken:
    return EmailTaken(
        f"a user with the e-mail {email} already exists",
        field="email",
        message_fr=f"un utilisateur d'adresse {email} existe déjà",
    )


def _known_creditor_or_refuse(
    session: Session, creditor_id: uuid.UUID, *, intake: FreshReader | None, clock: Clock
) -> None:
    """The directory is fed by intake's `creditor.registered` events and lags intake by the broker's latency: a
    creditor registered a moment ago is confirmed by a fresh read from intake, and recorded, before refusing."""
    if session.get(CreditorDirectoryEntry, creditor_id) is not None:
        return
    creditor = intake.read(f"/api/v1/creditors/{creditor_id}") if intake is not None else None
    if creditor is None:
        raise UnknownCreditor(
            f"creditor_id: no creditor {creditor_id} is known; create it first at POST /api/v1/creditors",
            message_fr=f"creditor_id : aucun créancier {creditor_id} n'est connu ; créez-le d'abord avec "
            "POST /api/v1/creditors",
            field="creditor_id",
        )
    registered_at = creditor.get("created_at")
    # An upsert: the event, arriving later (or at this very moment), finds the entry and only renames it.
    session.execute(
        pg_insert(CreditorDirectoryEntry)
        .values(
            creditor_id=creditor_id,
            name=creditor["name"],
            registered_at=datetime.fromisoformat(registered_at) if registered_at else clock.now(),
        )
        .on_conflict_do_nothing(index_elements=["creditor_id"])
    )


def list_users(*, session: Session, offset: int, limit: int) -> tuple[list[User], int]:
    total = session.exec(select(func.count()).select_from(User)).one()
    users = session.exec(select(User).order_by(col(User.created_at), col(User.email)).offset(offset).limit(limit)).all()
    return list(users), total
