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
