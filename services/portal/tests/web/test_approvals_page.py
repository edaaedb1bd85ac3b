"""« Décisions en attente » over the real dunning and intake: a plan proposed to the creditor and a settlement below
its floor are listed the oldest first, linked to their cases' sections, with their days waiting; the creditor's
dashboard says how many wait; staff see them too, to chase the creditor."""

from __future__ import annotations

import html
from datetime import UTC, datetime


def test_the_creditor_finds_the_plans_and_settlements_waiting_for_its_decision(
    platform, new_case, sign_in, issue_token, portal_for, intake_url, scoring_url
):
    agent = {"Authorization": f"Bearer {issue_token('agent')}"}
    cases = []
    for reference in ("DEC-01", "DEC-02"):
        case = platform.case(new_case, reference, "1200.00")
        validated = platform.portal.post(
            f"/api/v1/cases/{case['id']}/validate", json={"override_reason": "pièces vues"}, headers=agent
        )
        assert validated.status_code == 200, validated.text
        cases.append(case)
    platform.clock.set(datetime(2026, 11, 20, 10, tzinfo=UTC))
    plan = platform.portal.post(
        f"/api/v1/dunning/cases/{cases[0]['id']}/plans",
        json={
            "instalments": [{"due_on": "2026-12-05", "amount": "600.00"}, {"due_on": "2027-01-05", "amount": "600.00"}],
            "submit_to_creditor": True,
        },
        headers=agent,
    )
    assert plan.status_code == 201 and plan.json()["status"] == "proposed", plan.text
    platform.clock.set(datetime(2026, 11, 24, 9, tzinfo=UTC))
    offer = platform.portal.post(
        f"/api/v1/dunning/cases/{cases[1]['id']}/settlements",
        json={"amount": "900.00", "pay_by": "2026-12-10", "note": "Trésorerie tendue"},
        headers=agent,
    )
    assert offer.status_code == 201 and offer.json()["status"] == "to_approve", offer.text

    services = {"intake": intake_url, "dunning": platform.dunning_url, "scoring": scoring_url}
    creditor = portal_for(service_urls=services)
    sign_in(creditor, "creditor@demo.example")
    dashboard = html.unescape(creditor.get("/dashboard").text)
    assert "<a href=\"/approvals\">2 proposition(s) d'échéancier ou d'accord attendent votre décision." in dashboard
    page = creditor.get("/approvals")
    assert page.status_code == 200, page.text
    listed = html.unescape(page.text)
    assert "Décisions en attente" in listed and "2 décision(s) en attente" in listed
    assert listed.index("DEC-01") < listed.index("DEC-02")  # the oldest first
    assert f'href="/cases/{cases[0]["id"]}#plans"' in listed and f'href="/cases/{cases[1]["id"]}#settlements"' in listed
    assert "Échéancier en 2 échéances" in listed and "en attente depuis 4 jour(s)" in listed
    assert "Accord transactionnel (solde dû" in listed and "<q>Trésorerie tendue</q>" in listed
    assert "10 décembre 2026" in listed and "5 décembre 2026" in listed

    creditor.cookies.set("recouvra_lang", "en")
    english = html.unescape(creditor.get("/approvals").text)
    assert "Decisions waiting" in english and "Payment plan in 2 instalments" in english

    staff = portal_for(service_urls=services)
    sign_in(staff, "agent@demo.example")
    theirs = html.unescape(staff.get("/approvals").text)
    assert "à relancer auprès du créancier" in theirs and "DEC-01" in theirs and "DEC-02" in theirs
    worklist = html.unescape(staff.get("/worklist").text)
    assert "<a href=\"/approvals\">2 proposition(s) d'échéancier ou d'accord attendent la décision d'un créancier" in (
        worklist
    )
