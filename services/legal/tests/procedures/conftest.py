"""The legal app on a fresh database for the procedures' tests: intake's and dunning's events applied through legal's
handlers as the consumer applies them (inbox and waiting room included, by `deliver`), and what intake would
answer to legal's fresh reads supplied by `StaticIntake` (tests of legal alone; tests/e2e/test_legal_escalation.py
reads intake itself)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
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
from shared.events.dunning import DunningExhausted
from shared.events.envelope import CloudEvent
from shared.events.intake import CaseValidated, DebtorSnapshot, InvoiceSnapshot
from shared.outbox import OutboxMessage
from shared.waiting_room import PrerequisiteMissing

from legal.handlers import PROCEDURES_HANDLERS as HANDLERS
from legal.main import create_app
from legal.procedures.service.watch import watch


class StaticIntake:
    """What intake answers to legal's fresh reads: each case, its statement and documents, its creditor."""

    def __init__(self) -> None:
        self.cases: dict[str, dict[str, Any]] = {}
        self.statements: dict[str, dict[str, Any]] = {}
        self.documents: dict[str, list[dict[str, Any]]] = {}
        self.creditors: dict[str, dict[str, Any]] = {}
        self.reads: list[str] = []
        self.down = False

    def add(self, event: CaseValidated, *, address: bool = True, balance: str | None = None) -> None:
        case_id, amount = event.case_id, sum((i.outstanding for i in event.invoices), start=Decimal("0.00"))
        debtor: dict[str, Any] = {"id": event.debtor.debtor_id, "type": event.debtor.type, "name": event.debtor.name}
        debtor |= {"legal_form": "SARL", "siren": "732829320"} if event.debtor.type == "company" else {}
        if address:
            debtor["address"] = {"line1": "3 avenue des Tilleuls", "postal_code": "33000", "city": "Bordeaux"}
        self.cases[case_id] = {
            "id": case_id,
            "creditor_id": event.creditor_id,
            "reference": event.reference,
            "kind": event.kind,
            "status": event.status,
            "currency": "EUR",
            "claim_deadline": None,
            "debtor": debtor,
            "invoices": [
                {
                    "number": i.number,
                    "issue_date": i.issue_date.isoformat(),
                    "due_date": i.due_date.isoformat(),
                    "amount": str(i.amount),
                    "outstanding": str(i.outstanding),
                }
                for i in event.invoices
            ],
        }
        penalties = Decimal("0.00") if event.kind == "b2c" else Decimal("35.12")
        indemnities = Decimal("0.00") if event.kind == "b2c" else Decimal("40.00") * len(event.invoices)
        total = Decimal(balance) if balance else amount + penalties + indemnities
        self.statements[case_id] = {
            "case_id": case_id,
            "as_of": date(2026, 11, 24).isoformat(),
            "kind": event.kind,
            "currency": "EUR",
            "formal_notice_on": "2026-10-01",
            "principal": str(amount),
            "penalties": str(penalties),
            "indemnities": str(indemnities),
            "interest": "0.00",
            "fees": "0.00",
            "paid": "0.00",
            "credited": "0.00",
            "written_off": "0.00",
            "balance": str(total),
        }
        self.documents[case_id] = [
            {"kind": "contract", "filename": "contrat.pdf", "uploaded_at": "2026-09-01T10:00:00+00:00"},
            {"kind": "delivery_proof", "filename": "bl.pdf", "uploaded_at": "2026-09-02T10:00:00+00:00"},
        ]
        self.creditors[event.creditor_id] = {
            "id": event.creditor_id,
            "name": "Demo Créancier SAS",
            "siren": "552100554",
            "address": {"line1": "1 rue du Commerce", "postal_code": "69002", "city": "Lyon"},
        }

    def read(self, path: str) -> dict[str, Any] | None:
        from shared.fresh_reads import ServiceUnavailable

        if self.down:
            raise ServiceUnavailable("intake", retry_after_s=5)
        self.reads.append(path)
        parts = path.strip("/").split("/")  # api v1 cases|creditors {id} [statement|documents]
        if parts[2] == "creditors":
            return self.creditors.get(parts[3])
        case_id, rest = parts[3], parts[4:]
        if case_id not in self.cases:
            return None
        if rest == ["statement"]:
            return self.statements[case_id]
        if rest == ["documents"]:
            return {"items": self.documents[case_id], "total": len(self.documents[case_id])}
        return self.cases[case_id]


@dataclass
class Legal:
    client: TestClient
    engine: Engine
    clock: Any
    issue_token: Any
    intake: StaticIntake

    def headers(self, role: str = "agent", creditor_id: object = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.issue_token(role, creditor_id=creditor_id)}"}

    def apply(self, event: Event, *, subject: str | None = None, event_id: str | None = None) -> None:
        """The handler in its own transaction, as the consumer runs it (a parked event raises)."""
        envelope = CloudEvent.wrap(event, subject=subject, tenant=None, time=self.clock.now())
        if event_id is not None:
            envelope = envelope.model_copy(update={"id": event_id})
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            HANDLERS[type(event)](session=session, event=event, envelope=envelope, clock=self.clock)

    def parks(self, event: Event, *, subject: str | None = None) -> PrerequisiteMissing:
        with pytest.raises(PrerequisiteMissing) as parked:
            self.apply(event, subject=subject)
        return parked.value

    def validate_case(
        self,
        *,
        due: date = date(2026, 7, 1),
        amount: str = "1200.00",
        kind: str = "b2b",
        status: str = "amicable",
        insolvency: bool = False,
        creditor_id: uuid.UUID | None = None,
        address: bool = True,
        balance: str | None = None,
    ) -> CaseValidated:
        event = CaseValidated(
            case_id=str(uuid.uuid4()),
            creditor_id=str(creditor_id or uuid.uuid4()),
            reference=f"CRED-{uuid.uuid4().hex[:6]}",
            kind=kind,
            status=status,
            scenario="default-fr",
            debtor=DebtorSnapshot(
                debtor_id=str(uuid.uuid4()),
                type="company" if kind == "b2b" else "person",
                name="Dupont SARL" if kind == "b2b" else "Marie Martin",
                insolvency=insolvency,
                has_address=address,
            ),
            invoices=[
                InvoiceSnapshot(
                    invoice_id=str(uuid.uuid4()),
                    number="F-001",
                    issue_date=due - timedelta(days=30),
                    due_date=due,
                    amount=Decimal(amount),
                    currency="EUR",
                    outstanding=Decimal(amount),
                )
            ],
        )
        self.intake.add(event, address=address, balance=balance)
        self.apply(event, subject=event.case_id)
        return event

    def exhaust(self, case: CaseValidated, *, legal_allowed: bool = True, balance: str = "1275.12") -> DunningExhausted:
        event = exhausted(case, legal_allowed=legal_allowed, balance=balance, on=today_in_paris(self.clock))
        self.apply(event, subject=case.case_id)
        return event

    def approve(self, case: CaseValidated, kind: str = "injonction_de_payer", role: str = "supervisor") -> Any:
        response = self.client.post(
            f"/api/v1/legal/cases/{case.case_id}/procedures", json={"kind": kind}, headers=self.headers(role)
        )
        assert response.status_code == 201, response.text
        return response.json()

    def step(self, procedure_id: str, type_: str, on: date) -> Any:
        return self.client.post(
            f"/api/v1/legal/procedures/{procedure_id}/events",
            json={"type": type_, "occurred_on": on.isoformat()},
            headers=self.headers("agent"),
        )

    def watch(self, alert_days: int = 14) -> dict[str, int]:
        return watch(engine=self.engine, clock=self.clock, today=today_in_paris(self.clock), alert_days=alert_days)

    def outbox(self, event_type: str) -> list[dict[str, Any]]:
        with Session(self.engine) as session:
            rows = session.exec(
                select(OutboxMessage).where(OutboxMessage.event_type == event_type).order_by(col(OutboxMessage.seq))
            ).all()
            return [row.envelope["data"] for row in rows]


def exhausted(case: CaseValidated, *, legal_allowed: bool, balance: str, on: date) -> DunningExhausted:
    return DunningExhausted(
        case_id=case.case_id,
        creditor_id=case.creditor_id,
        debtor_id=case.debtor.debtor_id,
        scenario="default-fr",
        exhausted_on=on,
        legal_allowed=legal_allowed,
        balance=Decimal(balance),
    )


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
