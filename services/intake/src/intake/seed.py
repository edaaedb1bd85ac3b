"""The demo creditor of the embedded profile (idempotent)."""

from __future__ import annotations

from sqlmodel import Session

from shared.demo import DEMO_CREDITOR_ID, DEMO_CREDITOR_NAME, DEMO_CREDITOR_SIREN
from shared.runtime import Runtime

from intake.models import Address, Creditor, CreditorCreate
from intake.service import register_creditor


def seed_demo(session: Session, runtime: Runtime) -> None:
    if session.get(Creditor, DEMO_CREDITOR_ID) is not None:
        return
    demo = CreditorCreate(
        name=DEMO_CREDITOR_NAME, siren=DEMO_CREDITOR_SIREN, email="contact@demo.example",
        address=Address(line1="1 place de la Bourse", postal_code="75002", city="Paris"),
    )
    register_creditor(session=session, creditor_in=demo, clock=runtime.clock, creditor_id=DEMO_CREDITOR_ID)
