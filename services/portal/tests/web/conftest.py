"""The portal's pages against real services: intake (and scoring, dunning where a page needs them) on loopback
ports, their workers off, the portal in a TestClient with the demo accounts seeded."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from shared.db import make_engine
from shared.debtor_links import sign_link
from shared.demo import DEMO_CREDITOR_ID
from shared.events.envelope import CloudEvent
from shared.events.intake import CaseValidated, DebtorSnapshot, InvoiceSnapshot
from shared.fresh_reads import FreshReader, signed_service_token
from workbench.testing import web_forms
from workbench.testing.fixtures import AUDIENCE, ISSUER

from portal.main import create_app as create_portal

DEBTOR_LINK_KEY = "a-test-debtor-link-key"
AGENCY_EMAIL = "contact@agence.example"


@pytest.fixture
def csrf_of() -> Callable[[str], str]:
    """`csrf_of(html)` -> the CSRF token the page's forms carry."""
    return web_forms.csrf_of


@pytest.fixture
def sign_in() -> Callable[..., None]:
    """`sign_in(client, email, password=demo)`: through the sign-in form, as a browser does."""
    return web_forms.sign_in


@pytest.fixture
def portal_for(settings_for, clock) -> Iterator[Callable[..., TestClient]]:
    """`portal_for(service_urls={...}, **settings)` -> a started portal (demo accounts seeded), https or not."""
    clients: list[TestClient] = []

    def make(*, base_url: str = "http://testserver", **overrides: object) -> TestClient:
        values: dict[str, object] = {"seed_demo": True, "debtor_link_key": DEBTOR_LINK_KEY}
        values.update(overrides)
        app = create_portal(settings_for("portal", **values), clock=clock)
        client = TestClient(app, base_url=base_url, follow_redirects=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def intake_url(settings_for, clock, verifier, serve, tmp_path) -> str:
    """A real intake on a loopback port with the demo creditor and its mandate; its workers off."""
    from intake.main import create_app as create_intake

    settings = settings_for("intake", documents_dir=tmp_path / "documents", seed_demo=True)
    return serve(create_intake(settings, clock=clock, verifier=verifier))


def a_case(
    reference: str, debtor: str = "Dupont Bâtiment SARL", amount: str = "1200.00", siren: str = "552100554"
) -> dict[str, object]:
    return {
        "reference": reference,
        "kind": "b2b",
        "debtor": {"type": "company", "name": debtor, "siren": siren},
        "invoices": [
            {"number": f"{reference}-F1", "issue_date": "2026-09-01", "due_date": "2026-10-01", "amount": amount}
        ],
    }


@pytest.fixture
def new_case() -> Callable[..., dict[str, object]]:
    """`new_case(reference, debtor=..., amount=..., siren=...)` -> the body of POST /api/v1/cases."""
    return a_case


@pytest.fixture
def scoring_url(settings_for, clock, verifier, serve) -> str:
    from scoring.main import create_app as create_scoring

    return serve(create_scoring(settings_for("scoring"), clock=clock, verifier=verifier))


class Platform:
    """The portal over a real intake and a real dunning; dunning hears of a validation as its consumer would."""

    def __init__(self, portal: Any, dunning_engine: Any, clock: Any, creditor: dict[str, str]) -> None:
        self.portal, self.dunning_engine, self.clock, self.creditor = portal, dunning_engine, clock, creditor
        self.dunning_url = ""

    def case(self, new_case: Any, reference: str, amount: str) -> dict[str, Any]:
        """A case opened in intake (an invoice due on 1 October 2026) and validated as far as dunning knows."""
        opened = self.portal.post("/api/v1/cases", json=new_case(reference, amount=amount), headers=self.creditor)
        assert opened.status_code == 201, opened.text
        case = opened.json()
        event = CaseValidated(
            case_id=case["id"],
            creditor_id=str(DEMO_CREDITOR_ID),
            reference=reference,
            kind="b2b",
            status="amicable",
            debtor=DebtorSnapshot(debtor_id=case["debtor"]["id"], type="company", name="Dupont Bâtiment SARL"),
            invoices=[
                InvoiceSnapshot(
                    invoice_id=invoice["id"],
                    number=invoice["number"],
                    issue_date=date.fromisoformat(invoice["issue_date"]),
                    due_date=date.fromisoformat(invoice["due_date"]),
                    amount=Decimal(invoice["amount"]),
                    currency="EUR",
                    outstanding=Decimal(invoice["amount"]),
                )
                for invoice in case["invoices"]
            ],
        )
        from dunning.handlers import HANDLERS

        envelope = CloudEvent.wrap(event, subject=event.case_id, tenant=None, time=self.clock.now())
        with Session(self.dunning_engine) as session, session.begin():
            HANDLERS[CaseValidated](session=session, event=event, envelope=envelope, clock=self.clock)
        return case

    def balance(self, case: dict[str, Any]) -> Decimal:
        """The balance due today on intake's statement of account."""
        statement = self.portal.get(f"/api/v1/cases/{case['id']}/statement", headers=self.creditor)
        assert statement.status_code == 200, statement.text
        return Decimal(statement.json()["balance"])

    def came_back(
        self, case: dict[str, Any], channel: str, recipient: str, status: str, detail: str | None = None
    ) -> None:
        """A message of the case in dunning's contact log that came back (`status`: bounced, returned), as dunning
        records a relay's notice or a provider's report."""
        from dunning.messages.models import Message

        with Session(self.dunning_engine) as session, session.begin():
            session.add(
                Message(
                    case_id=uuid.UUID(case["id"]),
                    channel=channel,
                    template="email-courteous" if channel == "email" else "letter-reminder",
                    recipient=recipient,
                    subject="Relance",
                    body="…",
                    content_sha256="0",
                    status=status,
                    detail=detail,
                    prepared_at=self.clock.now(),
                    sent_at=self.clock.now(),
                )
            )

    def link(self, case: dict[str, Any]) -> str:
        return sign_link(
            case_id=uuid.UUID(case["id"]),
            debtor_id=uuid.UUID(case["debtor"]["id"]),
            expires_at=self.clock.now() + timedelta(days=30),
            key=b"a-test-debtor-link-key",
        )


@pytest.fixture
def platform(
    portal_for, intake_url, settings_for, clock, verifier, serve, signing_key, issue_token, monkeypatch
) -> Iterator[Platform]:
    from dunning.cases.composing import IntakeFacts
    from dunning.main import create_app as create_dunning

    monkeypatch.setenv("PORTAL_WEB_AGENCY_IBAN", "FR7630006000011234567890189")
    monkeypatch.setenv("PORTAL_WEB_AGENCY_EMAIL", AGENCY_EMAIL)
    settings = settings_for("dunning")
    engine = make_engine(settings.database_url, pool_size=1)
    with httpx.Client() as client:
        token = signed_service_token(signing_key, issuer=ISSUER, audience=AUDIENCE, subject="dunning")
        reader = FreshReader(service="intake", base_url=intake_url, client=client, token=token)
        facts = IntakeFacts(reader=reader, settings=settings)
        dunning_url = serve(create_dunning(settings, clock=clock, verifier=verifier, facts=facts))
        portal = portal_for(service_urls={"intake": intake_url, "dunning": dunning_url})
        creditor = {"Authorization": f"Bearer {issue_token('creditor', creditor_id=DEMO_CREDITOR_ID)}"}
        platform = Platform(portal, engine, clock, creditor)
        platform.dunning_url = dunning_url  # for a portal over more services than these two
        yield platform
    engine.dispose()
