"""The scoring app on a fresh database, and builders of intake's events applied through scoring's handlers."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from shared.db import make_engine
from shared.events.base import Event
from shared.events.envelope import CloudEvent
from shared.events.intake import (
    CaseBalanceChanged,
    CaseValidated,
    DebtorIdentity,
    DebtorSnapshot,
    InvoiceBalance,
    InvoiceSnapshot,
)
from shared.events.intake_debtors import DebtorUpdated
from shared.outbox import OutboxMessage

from scoring.handlers import HANDLERS
from scoring.main import create_app


class Scoring:
    def __init__(self, client: TestClient, engine: Engine, clock: Any, issue_token: Any) -> None:
        self.client, self.engine, self.clock, self._issue = client, engine, clock, issue_token

    def headers(self, role: str = "agent", creditor_id: object = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._issue(role, creditor_id=creditor_id)}"}

    def apply(self, event: Event, *, subject: str | None = None, tenant: str | None = None) -> None:
        """Apply an event through scoring's handler in one transaction, as the consumer does."""
        envelope = CloudEvent.wrap(event, subject=subject, tenant=tenant, time=self.clock.now())
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            HANDLERS[type(event)](session=session, event=event, envelope=envelope, clock=self.clock)

    def outbox(self, event_type: str) -> list[dict[str, Any]]:
        with Session(self.engine) as session:
            rows = session.exec(
                select(OutboxMessage).where(OutboxMessage.event_type == event_type).order_by(OutboxMessage.seq)
            ).all()
            return [row.envelope["data"] for row in rows]


@pytest.fixture
def scoring(settings_for, clock, verifier, issue_token) -> Iterator[Scoring]:
    settings = settings_for("scoring", min_training_cases=40)
    engine = make_engine(settings.database_url, pool_size=2)
    with TestClient(create_app(settings, clock=clock, verifier=verifier)) as client:
        client.headers["Accept-Language"] = "en"  # the tests read the English texts
        yield Scoring(client, engine, clock, issue_token)
    engine.dispose()


class IntakeEvents:
    """Builders of intake's events (tests import no helper module: pytest runs them in importlib mode)."""

    @staticmethod
    def debtor(name: str = "Dupont SARL", **overrides: Any) -> DebtorSnapshot:
        values: dict[str, Any] = {
            "debtor_id": str(uuid.uuid4()),
            "type": "company",
            "name": name,
            "legal_form": "SARL",
            "created_on": date(2012, 3, 1),
            "has_email": True,
            "has_phone": True,
            "has_address": True,
        }
        return DebtorSnapshot(**{**values, **overrides})

    @staticmethod
    def invoice(number: str, issue: date, due: date, amount: str) -> InvoiceSnapshot:
        return InvoiceSnapshot(
            invoice_id=str(uuid.uuid4()),
            number=number,
            issue_date=issue,
            due_date=due,
            amount=Decimal(amount),
            currency="EUR",
            outstanding=Decimal(amount),
        )

    @staticmethod
    def validated(
        creditor_id: str, debtor: DebtorSnapshot, invoices: list[InvoiceSnapshot], reference: str = "CRED-0001"
    ) -> CaseValidated:
        """The snapshot is the case creditor's view, as intake sends it."""
        view = debtor.model_copy(update={"creditor_id": creditor_id})
        return CaseValidated(
            case_id=str(uuid.uuid4()),
            creditor_id=creditor_id,
            reference=reference,
            kind="b2b",
            status="amicable",
            debtor=view,
            invoices=invoices,
        )

    @staticmethod
    def debtor_updated(debtor: DebtorSnapshot, **changes: Any) -> DebtorUpdated:
        """The shared identity only, as intake sends it."""
        identity = debtor.model_dump(include=set(DebtorIdentity.model_fields))
        return DebtorUpdated(debtor=DebtorIdentity(**{**identity, **changes}))

    @staticmethod
    def balance_changed(case: CaseValidated, as_of: date, outstanding: dict[str, str]) -> CaseBalanceChanged:
        """`outstanding` by invoice number; the invoices not named keep what they had at validation."""
        lines = [
            InvoiceBalance(invoice_id=i.invoice_id, outstanding=Decimal(outstanding.get(i.number, i.outstanding)))
            for i in case.invoices
        ]
        total = sum((line.outstanding for line in lines), Decimal("0"))
        return CaseBalanceChanged(
            case_id=case.case_id,
            creditor_id=case.creditor_id,
            debtor_id=case.debtor.debtor_id,
            as_of=as_of,
            principal_outstanding=total,
            balance=total,
            invoices=lines,
        )


@pytest.fixture
def intake() -> IntakeEvents:
    return IntakeEvents()
