"""Users: creating one (a creditor user belongs to a creditor the directory knows, or intake confirms) and listing
them."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from shared.auth import Role
from shared.clock import Clock
from shared.events.identity import UserCreated
from shared.fresh_reads import FreshReader
from shared.outbox import record_event

from portal.domain.hashing import hash_secret
from portal.domain.passwords import check_new_password
from portal.errors import EmailTaken, UnknownCreditor
from portal.identity.models import CreditorDirectoryEntry, User
from portal.identity.schemas import UserCreate


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
