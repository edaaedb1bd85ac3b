"""The creditor answers a dispute from its case's page: the form beside an open dispute not yet answered, its post
passed to dunning's API as the creditor (dunning as the page sees it: its disputes, the answer it takes or
refuses), back to the page with a message; an answered dispute shows the answer instead of the form."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from shared.demo import DEMO_CREDITOR_ID

DISPUTE_ID = str(uuid.uuid4())


@pytest.fixture
def dunning() -> tuple[FastAPI, dict[str, Any], list[tuple[str, Any]]]:
    app = FastAPI()
    dispute: dict[str, Any] = {
        "id": DISPUTE_ID,
        "reason": "Marchandise jamais livrée",
        "status": "open",
        "outcome": None,
        "opened_at": "2026-11-04T09:00:00+00:00",
        "resolved_at": None,
        "creditor_answer": None,
        "answered_at": None,
    }
    received: list[tuple[str, Any]] = []

    @app.get("/api/v1/dunning/cases/{case_id}/disputes")
    def disputes(case_id: str) -> list[dict[str, Any]]:
        return [{**dispute, "case_id": case_id}]

    @app.get("/api/v1/dunning/cases/{case_id}/plans")
    def plans(case_id: str) -> list[dict[str, Any]]:
        return []

    @app.post("/api/v1/dunning/cases/{case_id}/disputes/{dispute_id}/answer", response_model=None)
    async def answer(case_id: str, dispute_id: str, request: Request) -> Any:
        received.append((request.headers["authorization"], await request.json()))
        if dispute["answered_at"] is not None:
            return JSONResponse(
                {"detail": "ce litige a déjà reçu une réponse : la première est conservée", "field": "dispute_id"},
                status_code=409,
            )
        dispute.update(creditor_answer=received[-1][1]["text"], answered_at="2026-11-05T10:00:00+00:00")
        return {**dispute, "case_id": case_id}

    return app, dispute, received


@pytest.fixture
def portal(portal_for, intake_url, serve, dunning):
    return portal_for(service_urls={"intake": intake_url, "dunning": serve(dunning[0])})


def test_the_creditor_answers_an_open_dispute_from_the_case_page(
    portal, dunning, sign_in, csrf_of, issue_token, new_case
):
    _, _, received = dunning
    creditor = {"Authorization": f"Bearer {issue_token('creditor', creditor_id=DEMO_CREDITOR_ID)}"}
    case = portal.post("/api/v1/cases", json=new_case("DISP-0001"), headers=creditor).json()
    sign_in(portal, "creditor@demo.example")

    page = portal.get(f"/cases/{case['id']}")
    assert page.status_code == 200, page.text
    action = f"/cases/{case['id']}/disputes/{DISPUTE_ID}/answer"
    assert f'action="{action}"' in page.text and "Répondre à la contestation" in page.text

    forged = portal.post(action, data={"text": "Livré le 3 octobre"})
    assert forged.status_code == 403 and received == []
    empty = portal.post(action, data={"csrf": csrf_of(page.text), "text": "   "})
    assert empty.status_code == 422 and received == []
    assert "Écrivez votre réponse à la contestation avant de l&#39;envoyer." in empty.text
    answered = portal.post(action, data={"csrf": csrf_of(page.text), "text": "  Livré le 3 octobre, BL signé.  "})

    assert answered.status_code == 303, answered.text
    assert answered.headers["location"] == f"/cases/{case['id']}?did=answer#disputes"
    [(authorization, body)] = received
    assert body == {"text": "Livré le 3 octobre, BL signé."} and authorization.startswith("Bearer ")
    after = portal.get(answered.headers["location"])
    assert "Votre réponse est enregistrée" in after.text and "Livré le 3 octobre, BL signé." in after.text
    assert f'action="{action}"' not in after.text  # answered: the answer is shown, not the form

    again = portal.post(action, data={"csrf": csrf_of(page.text), "text": "Autre chose"})
    assert again.status_code == 409 and "déjà reçu une réponse" in again.text
