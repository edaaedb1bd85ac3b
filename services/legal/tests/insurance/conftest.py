"""The legal app on a fresh database for the credit insurance and factoring tests: intake's case events applied
through legal's handlers as the consumer applies them (the opening to insurance's projection, the validation and the
closing to procedures' `legal_cases`), insurers and factors as partners, and what intake would answer to the
notices' fresh reads supplied by `StaticIntake` (tests of legal alone)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from shared.clock import today_in_paris
from shared.db import make_engine
from shared.events.base import Event
from shared.events.envelope import CloudEvent
from shared.events.intake import (
    CaseBalanceChanged,
    CaseClosed,
    CaseOpened,
    CaseValidated,
    DebtorSnapshot,
    InvoiceBalance,
    InvoiceSnapshot,
)
from shared.outbox import OutboxMessage

from legal.handlers import HANDLERS
from legal.insurance.alerts import raise_insurance_alerts
from legal.insurance.case_models import InsuranceCaseInvoice
from legal.main import create_app
from legal.partners.models import Partner


class StaticIntake:
    """What intake answers to legal's fresh reads: creditors and cases, as GET /api/v1/creditors/{id} and
    GET /api/v1/cases/{id} give them."""

    def __init__(self) -> None:
        self.records: dict[str, dict[str, Any]] = {}
        self.reads: list[str] = []

    def read(self, path: str) -> dict[str, Any] | None:
        self.reads.append(path)
        return self.records.get(path)


class Legal:
    def __init__(self, client: TestClient, engine: Engine, clock: Any, issue_token: Any, intake: StaticIntake) -> None:
        self.client, self.engine, self.clock, self._issue, self.intake = client, engine, clock, issue_token, intake

    def headers(self, role: str = "agent", *, creditor_id: object = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._issue(role, creditor_id=creditor_id)}"}

    def apply(self, event: Event, *, subject: str) -> None:
        envelope = CloudEvent.wrap(event, subject=subject, tenant=None, time=self.clock.now())
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            HANDLERS[type(event)](session=session, event=event, envelope=envelope, clock=self.clock)

    def add_partner(self, kind: str, name: str) -> uuid.UUID:
        with Session(self.engine) as session:
            partner = Partner(kind=kind, name=name, created_at=self.clock.now())
            session.add(partner)
            session.commit()
            return partner.id

    def place_case(
        self,
        *,
        creditor_id: uuid.UUID,
        invoices: list[tuple[str, date, str]],
        siren: str | None = "732829320",
        debtor_id: uuid.UUID | None = None,
        name: str = "Dupont SARL",
        validate: bool = True,
    ) -> str:
        """Opens a case with these invoices (number, due date, amount) and validates it, as intake's events say."""
        case_id = str(uuid.uuid4())
        debtor = DebtorSnapshot(
            debtor_id=str(debtor_id or uuid.uuid4()), type="company" if siren else "person", siren=siren, name=name
        )
        snapshots = [
            InvoiceSnapshot(
                invoice_id=str(uuid.uuid4()),
                number=number,
                issue_date=due - timedelta(days=30),
                due_date=due,
                amount=Decimal(amount),
                currency="EUR",
                outstanding=Decimal(amount),
            )
            for number, due, amount in invoices
        ]
        common = {"case_id": case_id, "creditor_id": str(creditor_id), "reference": f"R-{case_id[:6]}", "kind": "b2b"}
        self.apply(CaseOpened(**common, status="draft", debtor=debtor, invoices=snapshots), subject=case_id)
        if validate:
            self.apply(CaseValidated(**common, status="amicable", debtor=debtor, invoices=snapshots), subject=case_id)
        self.intake.records[f"/api/v1/cases/{case_id}"] = {
            "id": case_id,
            "debtor": {
                "name": name,
                "address": {"line1": "3 avenue des Tilleuls", "postal_code": "33000", "city": "Bordeaux"},
            },
        }
        return case_id

    def pay_invoice(self, case_id: str, *, creditor_id: uuid.UUID, outstanding: dict[str, str]) -> None:
        """Intake's balance after a payment: what remains on each invoice (by number)."""
        invoices = self.invoices(case_id)
        balances = [InvoiceBalance(invoice_id=invoices[n], outstanding=Decimal(v)) for n, v in outstanding.items()]
        total = sum((b.outstanding for b in balances), Decimal("0.00"))
        self.apply(
            CaseBalanceChanged(
                case_id=case_id,
                creditor_id=str(creditor_id),
                debtor_id=str(uuid.uuid4()),
                as_of=self.clock.now().date(),
                principal_outstanding=total,
                balance=total,
                invoices=balances,
            ),
            subject=case_id,
        )

    def close_case(self, case_id: str, *, creditor_id: uuid.UUID) -> None:
        event = CaseClosed(
            case_id=case_id,
            creditor_id=str(creditor_id),
            debtor_id=str(uuid.uuid4()),
            reason="withdrawn",
            closed_on=self.clock.now().date(),
        )
        self.apply(event, subject=case_id)

    def invoices(self, case_id: str) -> dict[str, str]:
        with Session(self.engine) as session:
            rows = session.exec(
                select(InsuranceCaseInvoice).where(InsuranceCaseInvoice.case_id == uuid.UUID(case_id))
            ).all()
            return {row.number: str(row.invoice_id) for row in rows}

    def outbox(self, event_type: str) -> list[dict[str, Any]]:
        with Session(self.engine) as session:
            rows = session.exec(
                select(OutboxMessage).where(OutboxMessage.event_type == event_type).order_by(col(OutboxMessage.seq))
            ).all()
            return [row.envelope["data"] for row in rows]

    def run_daily_pass(self) -> int:
        with Session(self.engine, expire_on_commit=False) as session:
            raised = raise_insurance_alerts(session=session, today=today_in_paris(self.clock), alert_days=10)
            session.commit()
            return raised


@pytest.fixture
def legal(settings_for, clock, verifier, issue_token) -> Iterator[Legal]:
    settings = settings_for("legal")
    engine = make_engine(settings.database_url, pool_size=2)
    intake = StaticIntake()
    with TestClient(create_app(settings, clock=clock, verifier=verifier)) as client:
        client.app.state.intake_reader = intake  # type: ignore[attr-defined]  # .app is typed as ASGIApp
        client.headers["Accept-Language"] = "en"
        yield Legal(client, engine, clock, issue_token, intake)
    engine.dispose()
