"""The agents' pages: the worklist (staff only) and validating a submitted case from its page."""

from __future__ import annotations

import pytest

from shared.demo import DEMO_CREDITOR_ID


@pytest.fixture
def portal(portal_for, intake_url, scoring_url):
    return portal_for(service_urls={"intake": intake_url, "scoring": scoring_url})


def test_the_worklist_is_for_staff(portal, sign_in):
    sign_in(portal, "agent@demo.example")
    agent_view = portal.get("/worklist")
    portal.cookies.clear()
    sign_in(portal, "creditor@demo.example")
    creditor_view = portal.get("/worklist")

    assert agent_view.status_code == 200 and "File de travail" in agent_view.text
    assert creditor_view.status_code == 403


def test_an_agent_validates_a_submitted_case_from_its_page(portal, sign_in, csrf_of, issue_token, new_case):
    creditor = {"Authorization": f"Bearer {issue_token('creditor', creditor_id=DEMO_CREDITOR_ID)}"}
    case = portal.post("/api/v1/cases", json=new_case("AGENT-0001"), headers=creditor).json()
    sign_in(portal, "agent@demo.example")
    page = portal.get(f"/cases/{case['id']}")
    assert "Valider le dossier" in page.text

    waiting = portal.get("/worklist")  # submitted, not scored yet: listed above the scored cases, to validate
    assert "À valider (1)" in waiting.text and f'<a href="/cases/{case["id"]}">AGENT-0001</a>' in waiting.text

    refused = portal.post(f"/cases/{case['id']}/validate", data={"csrf": csrf_of(page.text)})
    validated = portal.post(
        f"/cases/{case['id']}/validate",
        data={"csrf": csrf_of(page.text), "override_reason": "pièces reçues par courrier"},
    )

    assert refused.status_code == 422 and 'role="alert"' in refused.text  # the checklist is incomplete
    assert validated.status_code == 303 and validated.headers["location"].endswith("?did=validated#actions")
    after = portal.get(validated.headers["location"])
    assert "Le dossier est validé." in after.text and "Recouvrement amiable" in after.text
    assert "À valider" not in portal.get("/worklist").text


def test_the_call_backs_debtors_asked_for_head_the_worklist(portal_for, intake_url, scoring_url, serve, sign_in):
    from fastapi import FastAPI

    dunning = FastAPI()
    task = {
        "id": "5d0c8f3e-0000-4000-8000-000000000001",
        "case_id": "5d0c8f3e-0000-4000-8000-000000000002",
        "case_reference": "RAPPEL-42",
        "due_at": "2026-11-04T13:00:00+00:00",
        "callback_until": "2026-11-04T19:00:00+00:00",
        "callback_phone": "+33612345678",
        "status": "open",
        "outcome": None,
        "note": None,
        "done_at": None,
    }

    @dunning.get("/api/v1/dunning/tasks")
    def tasks(callback: bool | None = None) -> dict[str, object]:
        return {"items": [task] if callback else [], "total": 1 if callback else 0}

    portal = portal_for(service_urls={"intake": intake_url, "scoring": scoring_url, "dunning": serve(dunning)})
    sign_in(portal, "agent@demo.example")

    page = portal.get("/worklist")

    assert "Rappels demandés par les débiteurs (1)" in page.text
    assert f'<a href="/cases/{task["case_id"]}#actions">RAPPEL-42</a>' in page.text
    assert "mercredi 4 novembre 2026, entre 14\u00a0h et 20\u00a0h" in page.text and "06 12 34 56 78" in page.text
