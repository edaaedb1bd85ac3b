"""A rich flow recorded from the real intake: what its outbox wrote is what the consumers must converge on."""

from __future__ import annotations

import io
import os
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session

from shared.events.envelope import CloudEvent
from shared.events.legal import FundsCollected
from workbench.testing.recordings import Recorded, recorded_from_outbox

from intake.handlers import on_funds_collected
from intake.main import create_app

RUNS = int(os.environ.get("RECOUVRA_CONVERGENCE_RUNS", "50"))
"""interleavings per consumer flow: 50 in `make test` (ten consumer flows share the suite's 15 minutes); a
deeper search with `RECOUVRA_CONVERGENCE_RUNS=500 make test` before changing a handler's ordering assumptions.
Every run is seeded, so a divergence found once is found again."""


@dataclass
class Flow:
    events: list[Recorded]
    intake_database_url: str
    cases: dict[str, dict]


def _debtor(name: str, siren: str, email: str | None = None) -> dict:
    debtor = {
        "type": "company",
        "name": name,
        "siren": siren,
        "address": {"line1": "1 rue de la Paix", "postal_code": "75002", "city": "Paris", "country": "FR"},
    }
    return {**debtor, "email": email} if email else debtor


def _invoice(number: str, issued: str, due: str, amount: str) -> dict:
    return {"number": number, "issue_date": issued, "due_date": due, "amount": amount, "currency": "EUR"}


class _Intake:
    def __init__(self, client: TestClient, issue_token: Callable[..., str]) -> None:
        self.client = client
        self.admin = {"Authorization": f"Bearer {issue_token('admin')}"}
        self.agent = {"Authorization": f"Bearer {issue_token('agent', subject='agent-1')}"}
        self.issue_token = issue_token

    def ok(self, method: str, path: str, headers: dict, **kwargs) -> dict:
        response = self.client.request(method, path, headers=headers, **kwargs)
        assert response.status_code in (200, 201), f"{method} {path}: {response.status_code} {response.text}"
        return response.json()

    def creditor(self, name: str, siren: str) -> dict[str, str]:
        creditor = self.ok("POST", "/api/v1/creditors", self.admin, json={"name": name, "siren": siren})
        self.ok(
            "POST",
            f"/api/v1/creditors/{creditor['id']}/mandates",
            self.admin,
            json={"commission_rate": "0.15", "phases": ["amicable", "legal"], "scenario": "default-fr"},
        )
        return {"Authorization": f"Bearer {self.issue_token('creditor', creditor_id=creditor['id'])}"}

    def case(self, headers: dict, reference: str, debtor: dict, invoices: list[dict], *, validate: bool = True) -> dict:
        case = self.ok(
            "POST",
            "/api/v1/cases",
            headers,
            json={"reference": reference, "kind": "b2b", "debtor": debtor, "invoices": invoices},
        )
        if validate:
            case = self.ok(
                "POST",
                f"/api/v1/cases/{case['id']}/validate",
                self.agent,
                json={"override_reason": "documents received by post"},
            )
        return case

    def pay(self, case: dict, amount: str, received_on: str, source: str = "debtor_to_agency") -> dict:
        return self.ok(
            "POST",
            "/api/v1/payments",
            self.agent,
            json={
                "case_id": case["id"],
                "amount": amount,
                "currency": "EUR",
                "received_on": received_on,
                "source": source,
                "reference": f"REF-{case['reference']}-{received_on}-{amount}",
            },
        )


@pytest.fixture
def rich_flow(settings_for, clock, verifier, issue_token, tmp_path) -> Iterator[Flow]:
    """Creditors and mandates; cases opened, validated or not, a shared debtor, invoices added before and after
    validation, a document filed; payments, a credit note, a bailiff's collection, a case paid in full, one
    withdrawn; contacts corrected; a debtor merged then unmerged, another merged for good. The events are intake's
    outbox, in the order it recorded them."""
    clock.set(datetime(2026, 10, 5, 9, 0, tzinfo=UTC))
    settings = settings_for("intake", documents_dir=tmp_path / "documents", agency_iban="FR7630006000011234567890189")
    app = create_app(settings, clock=clock, verifier=verifier)
    with TestClient(app) as client:
        client.headers["Accept-Language"] = "en"
        intake = _Intake(client, issue_token)
        alpha, beta = intake.creditor("Alpha Fournitures", "552100554"), intake.creditor("Beta Services", "542065479")
        dupont, martin = (
            _debtor("Dupont SARL", "732829320", "compta@dupont.example"),
            _debtor("Martin SAS", "443061841"),
        )
        cases = {
            "alpha-dupont": intake.case(
                alpha,
                "A-1",
                dupont,
                [
                    _invoice("A-F1", "2026-05-02", "2026-06-01", "400.00"),
                    _invoice("A-F2", "2026-06-02", "2026-07-01", "250.00"),
                ],
            ),
            "beta-dupont": intake.case(
                beta, "B-1", {**dupont, "name": "DUPONT"}, [_invoice("B-F1", "2026-04-15", "2026-05-15", "1200.00")]
            ),
            "alpha-martin": intake.case(alpha, "A-2", martin, [_invoice("A-F3", "2026-07-01", "2026-08-01", "900.00")]),
            "alpha-durand": intake.case(
                alpha,
                "A-3",
                _debtor("Durand et Fils", "784671695"),
                [_invoice("A-F5", "2026-06-10", "2026-07-10", "640.00")],
            ),
            "beta-draft": intake.case(
                beta, "B-2", martin, [_invoice("B-F2", "2026-08-01", "2026-09-01", "300.00")], validate=False
            ),
        }
        intake.ok(
            "POST",
            f"/api/v1/cases/{cases['alpha-martin']['id']}/invoices",
            alpha,
            json=[_invoice("A-F4", "2026-08-01", "2026-09-01", "120.00")],
        )
        intake.ok(
            "POST",
            f"/api/v1/cases/{cases['beta-draft']['id']}/invoices",
            beta,
            json=[_invoice("B-F3", "2026-08-15", "2026-09-15", "80.00")],
        )
        proof = {"file": ("bl-a1.pdf", io.BytesIO(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"))}
        document = f"/api/v1/cases/{cases['alpha-dupont']['id']}/documents"
        intake.ok("POST", document, alpha, data={"kind": "delivery_proof"}, files=proof)
        intake.pay(cases["alpha-dupont"], "150.00", "2026-07-01")
        intake.pay(cases["alpha-dupont"], "50.00", "2026-07-20", source="credit_note")
        intake.pay(cases["alpha-martin"], "1200.00", "2026-09-20")
        # contacts corrected: a phone and an e-mail given after placement; an e-mail that bounced, forgotten
        for case, headers, contacts in (
            ("alpha-martin", alpha, {"email": "compta@martin.example", "phone": "06 12 34 56 78"}),
            ("beta-dupont", beta, {"email": None, "phone": "01 42 68 53 00"}),
        ):
            intake.ok("PATCH", f"/api/v1/cases/{cases[case]['id']}/debtor", headers, json=contacts)
        with Session(app.state.runtime.engine) as session:
            beta_case = cases["beta-dupont"]
            funds = FundsCollected(
                mission_id=str(uuid.uuid4()),
                case_id=beta_case["id"],
                creditor_id=beta_case["creditor_id"],
                amount="300.00",
                currency="EUR",
                collected_on="2026-09-10",
                reference="PV-2026-117",
            )
            on_funds_collected(
                session=session,
                event=funds,
                clock=clock,
                envelope=CloudEvent.wrap(funds, subject=beta_case["id"], tenant=None, time=clock.now()),
            )
            session.commit()
        intake.ok(
            "POST",
            f"/api/v1/cases/{cases['beta-draft']['id']}/transitions",
            beta,
            json={"to": "closed", "reason": "withdrawn"},
        )
        keep, merge = cases["alpha-dupont"]["debtor"]["id"], cases["alpha-martin"]["debtor"]["id"]
        intake.ok(
            "POST",
            f"/api/v1/intake/debtors/{keep}/merge",
            intake.agent,
            json={"merge_id": merge, "reason": "same company, two spellings"},
        )
        intake.ok(
            "POST", f"/api/v1/intake/debtors/{merge}/unmerge", intake.agent, json={"reason": "two companies after all"}
        )
        intake.ok(
            "POST",
            f"/api/v1/intake/debtors/{keep}/merge",
            intake.agent,
            json={"merge_id": cases["alpha-durand"]["debtor"]["id"], "reason": "Durand was bought by Dupont"},
        )
        yield Flow(
            events=recorded_from_outbox(app.state.runtime.engine),
            intake_database_url=settings.database_url,
            cases=cases,
        )
