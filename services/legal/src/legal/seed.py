"""The demo bailiff firm of the embedded profile (idempotent); the portal seeds its API client."""

from __future__ import annotations

from sqlmodel import Session

from shared.demo import DEMO_PARTNER_ID, DEMO_PARTNER_NAME
from shared.runtime import Runtime

from legal.partners.models import Partner


def seed_demo(session: Session, runtime: Runtime) -> None:
    if session.get(Partner, DEMO_PARTNER_ID) is None:
        session.add(Partner(id=DEMO_PARTNER_ID, kind="bailiff", name=DEMO_PARTNER_NAME, created_at=runtime.clock.now()))
