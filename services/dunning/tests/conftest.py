"""The dunning app on a fresh database, the real SMTP server (Maildir) and the local fake postal/SMS provider;
intake's events applied through dunning's handlers as the consumer applies them, and the figures intake would
give at send time supplied by `StaticFacts` (tests of dunning alone; the end-to-end tests read intake itself)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, select

from shared.db import make_engine
from shared.events.base import Event
from shared.events.envelope import CloudEvent
from shared.events.intake import CaseValidated, CreditorRegistered, DebtorSnapshot, InvoiceSnapshot
from shared.outbox import OutboxMessage

from dunning.cases.composing import DebtorContact, Slot, agency_of
from dunning.cases.models import DunningCase
from dunning.domain.context import Figures, InvoiceLine, MessageContext, Party
from dunning.handlers import HANDLERS
from dunning.main import create_app

AGENCY_IBAN = "FR7630006000011234567890189"


class StaticFacts:
    """What intake would answer for each case: its debtor's contacts and the statement of the day."""

    def __init__(self, settings: Any) -> None:
        self.settings = settings
        self.debtors: dict[uuid.UUID, Party] = {}
        self.languages: dict[uuid.UUID, str] = {}  # the debtor's language as intake gives it (none: French)
        self.principal: dict[uuid.UUID, Decimal] = {}
        self.reads = 0

    def _owed(self, case: DunningCase) -> tuple[Decimal, Decimal, Decimal]:
        """Principal, penalties and indemnities: a B2B case owes 12.34 of penalties and the 40.00 indemnity more."""
        principal = self.principal.get(case.case_id, case.balance)
        penalties = Decimal("0.00") if case.kind == "b2c" else Decimal("12.34")
        indemnities = Decimal("0.00") if case.kind == "b2c" else Decimal("40.00")
        return principal, penalties, indemnities

    def balance_due(self, case: DunningCase, as_of: date) -> Decimal:
        """The statement's balance a payment plan may cover, as intake would give it on `as_of`."""
        return sum(self._owed(case), Decimal("0.00"))

    def debtor_contact(self, case: DunningCase) -> DebtorContact:
        debtor = self.debtors.get(case.case_id) or Party(name="Dupont SARL", email="compta@dupont.example")
        return DebtorContact(
            name=debtor.name,
            email=debtor.email,
            rf_reference="RF18539007547034",
            language=self.languages.get(case.case_id, "fr"),
        )

    def context_for(self, case: DunningCase, slot: Slot) -> MessageContext:
        self.reads += 1
        principal, penalties, indemnities = self._owed(case)
        return MessageContext(
            language=slot.language or self.languages.get(case.case_id, "fr"),
            channel=slot.channel,
            step=slot.step,
            template=slot.template,
            kind=case.kind,
            sent_on=slot.sent_on,
            message_reference=slot.message_reference,
            case_reference=case.reference,
            rf_reference="RF18539007547034",
            agency=agency_of(self.settings),
            creditor=Party(name="Demo Créancier SAS", address_lines=("1 rue du Commerce", "69002 Lyon")),
            debtor=self.debtors.get(case.case_id)
            or Party(
                name="Dupont SARL",
                address_lines=("3 avenue des Tilleuls", "33000 Bordeaux"),
                email="compta@dupont.example",
                phone="+33612345678",
            ),
            figures=Figures(
                as_of=slot.sent_on,
                currency="EUR",
                principal=principal,
                penalties=penalties,
                indemnities=indemnities,
                interest=Decimal("0.00"),
                fees=Decimal("0.00"),
                paid=Decimal("0.00"),
                balance=principal + penalties + indemnities,
                invoices=(
                    InvoiceLine(
                        "F-001", case.due_on - timedelta(days=30), case.due_on, principal, penalties, indemnities
                    ),
                ),
            ),
            self_service_url="http://127.0.0.1:8000/debtor/test-link",
            first_contact=slot.first_contact,
            reply_days=8,
        )


class Dunning:
    def __init__(self, client: TestClient, engine: Engine, clock: Any, issue_token: Any, facts: StaticFacts) -> None:
        self.client, self.engine, self.clock, self._issue, self.facts = client, engine, clock, issue_token, facts

    def headers(self, role: str = "agent", creditor_id: object = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._issue(role, creditor_id=creditor_id)}"}

    def apply(self, event: Event, *, subject: str | None = None) -> None:
        envelope = CloudEvent.wrap(event, subject=subject, tenant=None, time=self.clock.now())
        with Session(self.engine, expire_on_commit=False) as session, session.begin():
            HANDLERS[type(event)](session=session, event=event, envelope=envelope, clock=self.clock)

    def run(self) -> dict[str, Any]:
        report = self.client.app.state.scheduler.run_pass()  # type: ignore[attr-defined]  # .app is typed as ASGIApp
        return dict(report)

    def outbox(self, event_type: str) -> list[dict[str, Any]]:
        with Session(self.engine) as session:
            rows = session.exec(
                select(OutboxMessage).where(OutboxMessage.event_type == event_type).order_by(OutboxMessage.seq)
            ).all()
            return [row.envelope["data"] for row in rows]

    def steps(self, case_id: object) -> dict[str, Any]:
        response = self.client.get(f"/api/v1/dunning/cases/{case_id}/steps", headers=self.headers())
        assert response.status_code == 200, response.text
        return dict(response.json())

    def register_creditor(self, creditor_id: uuid.UUID, email: str = "tresorerie@creancier.example") -> None:
        self.apply(CreditorRegistered(creditor_id=str(creditor_id), name="Demo Créancier SAS", email=email))

    def validate_case(
        self,
        *,
        due: date,
        amount: str = "1200.00",
        kind: str = "b2b",
        creditor_id: uuid.UUID | None = None,
        debtor_id: uuid.UUID | None = None,
        scenario: str | None = None,
        currency: str = "EUR",
    ) -> CaseValidated:
        creditor_id = creditor_id or uuid.uuid4()
        event = CaseValidated(
            case_id=str(uuid.uuid4()),
            creditor_id=str(creditor_id),
            reference=f"CRED-{uuid.uuid4().hex[:6]}",
            kind=kind,
            status="active",
            scenario=scenario,
            debtor=DebtorSnapshot(
                debtor_id=str(debtor_id or uuid.uuid4()),
                type="company",
                name="Dupont SARL",
                has_email=True,
                has_phone=True,
                has_address=True,
            ),
            invoices=[
                InvoiceSnapshot(
                    invoice_id=str(uuid.uuid4()),
                    number="F-001",
                    issue_date=due - timedelta(days=30),
                    due_date=due,
                    amount=Decimal(amount),
                    currency=currency,
                    outstanding=Decimal(amount),
                )
            ],
        )
        self.apply(event, subject=event.case_id)
        return event


@pytest.fixture
def dunning(settings_for, clock, verifier, issue_token, mail_server, fake_provider) -> Iterator[Dunning]:
    settings = settings_for(
        "dunning",
        smtp_host=mail_server.host,
        smtp_port=mail_server.port,
        sms_provider_url=fake_provider.base_url,
        post_provider_url=fake_provider.base_url,
        provider_api_key=fake_provider.api_key,
        provider_webhook_secret=fake_provider.webhook_secret,
        agency_iban=AGENCY_IBAN,
    )
    engine = make_engine(settings.database_url, pool_size=2)
    facts = StaticFacts(settings)
    with TestClient(create_app(settings, clock=clock, verifier=verifier, facts=facts)) as client:
        client.headers["Accept-Language"] = "en"
        yield Dunning(client, engine, clock, issue_token, facts)
    engine.dispose()
