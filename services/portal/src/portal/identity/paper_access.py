"""A debtor entering a payment reference and an access code (`shared.access_codes`): throttled as a sign-in is,
by the reference (an account's key) and by the address, so that codes cannot be tried one after another."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine
from sqlmodel import Session

from portal.identity.sign_in import record_failures, throttle


def _keys(reference: str, client_ip: str) -> list[str]:
    return [f"access:{reference}", f"ip:{client_ip}"]


def check_not_throttled(
    engine: Engine,
    *,
    reference: str,
    client_ip: str,
    now: datetime,
    max_failures: int,
    window: timedelta,
    max_per_address: int | None,
) -> None:
    """Raises TooManyAttempts while the reference or the address has failed too often in the window."""
    with Session(engine) as session:
        keys = _keys(reference, client_ip)
        throttle(session, keys=keys, now=now, max_failures=max_failures, window=window, max_per_address=max_per_address)


def record_wrong_code(engine: Engine, *, reference: str, client_ip: str, now: datetime) -> None:
    with Session(engine) as session:
        record_failures(session, _keys(reference, client_ip), now)
        session.commit()
