"""A user's account once it exists: an admin switches it off (an agent who leaves, a creditor's employee who no
longer works for it) and on again, or gives it a new password; the user changes their own password.

Switched off, an account signs in no more, by password or on the sign-in page, and its web session ends at its next
page (`portal.web.deps.get_viewer`); an API token it already holds is refused by every service within
`RECOUVRA_REVOCATIONS_REFRESH_S` (`portal.identity.withdrawals`), as a deactivated API client's is, and a new
password given by an admin ends the tokens issued before it in the same way. An admin cannot switch off
their own account, so the platform always keeps the admin who acted. Every change is in the audit trail, never the
password itself."""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlmodel import Session, col, delete, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock
from shared.errors import Conflict, Forbidden, Invalid, NotFound

from portal.domain.hashing import hash_secret, secret_matches
from portal.domain.passwords import check_new_password
from portal.identity.models import LoginFailure, User
from portal.identity.sign_in import record_failures, throttle
from portal.identity.withdrawals import wall_now


def set_active(*, session: Session, user_id: uuid.UUID, active: bool, principal: Principal, clock: Clock) -> User:
    """Switches the account off (`active` False) or on again; 409 when it already is, 403 for the admin's own."""
    user = _user(session, user_id)
    if not active and principal.subject == str(user.id):
        raise Forbidden(
            "you cannot deactivate your own account: another admin must",
            message_fr="vous ne pouvez pas désactiver votre propre compte : un autre administrateur doit le faire",
        )
    if user.active == active:
        state_en, state_fr = ("active", "actif") if active else ("deactivated", "désactivé")
        raise Conflict(
            f"the account {user.email} is already {state_en}",
            field="user_id",
            message_fr=f"le compte {user.email} est déjà {state_fr}",
        )
    user.active = active
    if not active:
        user.access_withdrawn_at = wall_now()
    session.add(user)
    action = "user.reactivated" if active else "user.deactivated"
    audit(session, actor=principal, action=action, entity="user", entity_id=user.id, clock=clock, email=user.email)
    return user


def reset_password(*, session: Session, user_id: uuid.UUID, password: str, principal: Principal, clock: Clock) -> User:
    """An admin gives the account a new password (the user forgot theirs): the policy of a new password applies, and
    the account's failed sign-ins are forgotten, so that a locked account may sign in at once."""
    user = _user(session, user_id)
    check_new_password(password, email=user.email)
    user.password_hash = hash_secret(password)
    user.access_withdrawn_at = wall_now()  # whoever held the old password holds no token any more
    session.add(user)
    session.exec(delete(LoginFailure).where(col(LoginFailure.key) == f"user:{user.email}"))
    audit(session, actor=principal, action="user.password_reset", entity="user", entity_id=user.id, clock=clock)
    return user


def change_own_password(
    *,
    session: Session,
    principal: Principal,
    current: str,
    password: str,
    client_ip: str,
    clock: Clock,
    max_failures: int,
    window: timedelta,
    max_per_address: int | None = None,
) -> User:
    """The signed-in user's own new password, given their current one. A wrong current password counts as a failed
    sign-in (it is one: the same throttle locks the account after repeated guesses), committed before the refusal."""
    user_id = _user_id_of(principal)
    user = session.get(User, user_id) if user_id is not None else None
    if user is None or not user.active:
        raise Forbidden(
            "only a person's active account has a password to change",
            message_fr="seul le compte actif d'une personne a un mot de passe à changer",
        )
    keys = [f"user:{user.email}", f"ip:{client_ip}"]
    now = clock.now()
    throttle(session, keys=keys, now=now, max_failures=max_failures, window=window, max_per_address=max_per_address)
    if not secret_matches(user.password_hash, current):
        record_failures(session, keys, now)
        session.commit()
        raise Invalid(
            "current_password: this is not your current password",
            field="current_password",
            message_fr="current_password : ce n'est pas votre mot de passe actuel",
        )
    if secret_matches(user.password_hash, password):
        raise Invalid(
            "password: the new password is the current one; choose another",
            field="password",
            message_fr="password : le nouveau mot de passe est l'actuel ; choisissez-en un autre",
        )
    check_new_password(password, email=user.email)
    user.password_hash = hash_secret(password)
    session.add(user)
    audit(session, actor=principal, action="user.password_changed", entity="user", entity_id=user.id, clock=clock)
    return user


def _user_id_of(principal: Principal) -> uuid.UUID | None:
    """A person's token names their user id; an API client's names `client:…`."""
    try:
        return uuid.UUID(principal.subject)
    except ValueError:
        return None


def _user(session: Session, user_id: uuid.UUID) -> User:
    user = session.exec(select(User).where(col(User.id) == user_id)).first()
    if user is None:
        raise NotFound(f"no user {user_id}", message_fr=f"aucun utilisateur {user_id}")
    return user
