"""The demo creditor of the embedded profile and its mandate (idempotent)."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlmodel import Session

from shared.demo import DEMO_CREDITOR_ID, DEMO_CREDITOR_NAME, DEMO_CREDITOR_SIREN
from shared.runtime import Runtime

from intake.creditors.models import Creditor, Mandate
from intake.creditors.registry import register_creditor, sign_mandate
from intake.creditors.schemas import Address, CreditorCreate, MandateCreate

DEMO_MANDATE_ID = uuid.uuid5(DEMO_CREDITOR_ID, "mandate:1")


def seed_demo(session: Session, runtime: Runtime) -> None:
    if session.get(Creditor, DEMO_CREDITOR_ID) is None:
        demo = CreditorCreate(
            name=DEMO_CREDITOR_NAME,
            siren=DEMO_CREDITOR_SIREN,
            email="contact@demo.example",
            address=Address(line1="1 place de la Bourse", postal_code="75002", city="Paris"),
        )
        register_creditor(
            session=session, creditor_in=demo, clock=runtime.clock, actor=None, creditor_id=DEMO_CREDITOR_ID
        )
    if session.get(Mandate, DEMO_MANDATE_ID) is None:
        terms = MandateCreate(
            commission_rate=Decimal("0.15"),
            legal_commission_rate=Decimal("0.20"),
            phases=["amicable", "legal"],
            insurance_reference="RCP-DEMO-2026",
            signed_on=date(2026, 1, 5),
        )
        sign_mandate(
            session=session,
            creditor_id=DEMO_CREDITOR_ID,
            mandate_in=terms,
            clock=runtime.clock,
            actor=None,
            mandate_id=DEMO_MANDATE_ID,
        )
