"""A debtor who already paid says so from the page: the day, the amount, how, a reference and a proof. Dunning gets
a dispute saying it in plain words (the reminders wait while staff find the payment), the proof joins the case's
documents, and what cannot be a payment (a day to come, no amount) is said beside the form and sends nothing."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest
from fastapi import FastAPI, Request

from shared.debtor_links import sign_link
from shared.demo import DEMO_CREDITOR_ID

from portal.web.formatting import day


@pytest.fixture
def dunning() -> tuple[FastAPI, list[dict[str, Any]]]:
    """Dunning as the page sees it: it knows the case, has no plan nor dispute, and records the dispute posted."""
    app = FastAPI()
    received: list[dict[str, Any]] = []

    @app.get("/api/v1/dunning/cases/{case_id}/plans")
    def plans(case_id: str) -> list[dict[str, Any]]:
        return []

    @app.get("/api/v1/dunning/cases/{case_id}/disputes")
    def disputes(case_id: str) -> list[dict[str, Any]]:
        return []

    @app.post("/api/v1/dunning/cases/{case_id}/disputes", status_code=201)
    async def open_dispute(case_id: str, request: Request) -> dict[str, Any]:
        received.append({"case_id": case_id, **(await request.json())})
        return {"id": str(uuid.uuid4()), "case_id": case_id, "status": "open"}

    return app, received


@pytest.fixture
def portal(portal_for, intake_url, serve, dunning, monkeypatch):
    monkeypatch.setenv("PORTAL_WEB_AGENCY_IBAN", "FR7630006000011234567890189")
    return portal_for(service_urls={"intake": intake_url, "dunning": serve(dunning[0])})


@pytest.fixture
def token(portal, issue_token, new_case, clock) -> tuple[str, str]:
    creditor = {"Authorization": f"Bearer {issue_token('creditor', creditor_id=DEMO_CREDITOR_ID)}"}
    case = portal.post("/api/v1/cases", json=new_case("PAID-0001"), headers=creditor)
    assert case.status_code == 201, case.text
    link = sign_link(
        case_id=uuid.UUID(case.json()["id"]),
        debtor_id=uuid.UUID(case.json()["debtor"]["id"]),
        expires_at=clock.now() + timedelta(days=30),
        key=b"a-test-debtor-link-key",
    )
    return link, case.json()["id"]


def test_a_payment_declared_holds_the_reminders_with_what_the_debtor_said_and_its_proof(
    portal, token, dunning, csrf_of, clock, issue_token
):
    link, case_id = token
    page = portal.get(f"/debtor/{link}")
    assert "Vous avez déjà payé ?" in page.text
    yesterday = (clock.now() - timedelta(days=1)).date()
    form = {"csrf": csrf_of(page.text), "paid_on": yesterday.isoformat(), "amount": "1 250,40", "means": "transfer"}

    sent = portal.post(
        f"/debtor/{link}/paid",
        data={**form, "reference": "VIR-20261201-77"},
        files={"attachment": ("avis-de-virement.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
    )

    assert sent.status_code == 303 and sent.headers["location"].endswith("?sent=paid")
    after = portal.get(sent.headers["location"])
    assert "Votre paiement est déclaré." in after.text
    [dispute] = dunning[1]
    assert dispute["case_id"] == case_id and dispute["kind"] == "payment_declared"
    assert dispute["reason"] == (
        f"Paiement déjà effectué, déclaré par le débiteur en ligne : 1\u202f250,40\u00a0€ le {day(yesterday, 'fr')} "
        "par virement. Référence : VIR-20261201-77."
    )
    assert (dispute["declared_amount"], dispute["declared_on"]) == ("1250.40", yesterday.isoformat())
    staff = {"Authorization": f"Bearer {issue_token('agent')}"}
    documents = portal.get(f"/api/v1/cases/{case_id}/documents", headers=staff).json()
    items = documents["items"] if isinstance(documents, dict) else documents
    assert [d["filename"] for d in items if d["kind"] == "correspondence"] == ["avis-de-virement.pdf"]


def test_a_day_to_come_or_no_amount_is_said_beside_the_form_and_sends_nothing(portal, token, dunning, csrf_of, clock):
    link, _ = token
    page = portal.get(f"/debtor/{link}")
    tomorrow = (clock.now() + timedelta(days=1)).date()

    refused = portal.post(
        f"/debtor/{link}/paid",
        data={"csrf": csrf_of(page.text), "paid_on": tomorrow.isoformat(), "amount": "beaucoup", "means": "troc"},
    )

    assert refused.status_code == 422 and 'role="alert"' in refused.text
    text = refused.text.replace("&#39;", "'")
    assert "aujourd'hui au plus tard" in text and "par exemple 1 250,40" in text and "choisissez-en un" in text
    only_means = portal.post(
        f"/debtor/{link}/paid",
        data={"csrf": csrf_of(page.text), "paid_on": "2026-11-02", "amount": "100", "means": "troc"},
    )
    assert only_means.status_code == 422 and "choisissez-en un" in only_means.text
    assert "aujourd'hui au plus tard" not in only_means.text.replace("&#39;", "'")  # each problem said, no other
    assert dunning[1] == []
    assert portal.post(f"/debtor/{link}/paid", data={"paid_on": "2026-11-01"}).status_code == 403  # no csrf
