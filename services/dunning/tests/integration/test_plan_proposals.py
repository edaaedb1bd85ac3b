"""A plan the debtor proposes on its page: recorded as the debtor's (only the platform's services may say so), put
to the creditor with a `PlanProposed` event, and the creditor's refusal kept apart from the debtor's words, with a
`PlanRefused` event; the words stay in dunning."""

from __future__ import annotations

import uuid
from datetime import date

from workbench.testing.moments import at

DUE = date(2026, 11, 2)
THREE = [
    {"due_on": "2026-11-15", "amount": "400.00"},
    {"due_on": "2026-12-15", "amount": "400.00"},
    {"due_on": "2027-01-15", "amount": "400.00"},
]


def open_case(dunning, creditor_id):
    dunning.register_creditor(creditor_id)
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE, creditor_id=creditor_id)
    dunning.clock.set(at(date(2026, 11, 4)))
    return case


def plans(dunning, case, **headers):
    answer = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/plans", headers=headers)
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_the_debtors_proposal_is_recorded_as_the_debtors_and_the_creditors_decision_keeps_its_words(dunning):
    creditor_id = uuid.uuid4()
    case = open_case(dunning, creditor_id)
    path = f"/api/v1/dunning/cases/{case.case_id}/plans"
    proposal = {
        "instalments": THREE,
        "submit_to_creditor": True,
        "note": "Je peux payer le 15",
        "proposed_by_debtor": True,
    }

    by_agent = dunning.client.post(path, json=proposal, headers=dunning.headers("agent"))
    by_page = dunning.client.post(path, json=proposal, headers=dunning.headers("service"))

    assert by_agent.status_code == 403 and "only the debtor's own page" in by_agent.text
    assert by_page.status_code == 201, by_page.text
    assert by_page.json()["proposed_by_debtor"] is True and by_page.json()["note"] == "Je peux payer le 15"
    refused = dunning.client.post(
        f"{path}/{by_page.json()['id']}/decision",
        json={"decision": "refuse", "note": "Trop long, trois mois au plus"},
        headers=dunning.headers("creditor", creditor_id),
    )
    assert refused.status_code == 200, refused.text
    [plan] = plans(dunning, case, **dunning.headers("creditor", creditor_id))
    assert plan["note"] == "Je peux payer le 15" and plan["decision_note"] == "Trop long, trois mois au plus"
    [proposed] = dunning.outbox("recouvra.dunning.plan.proposed.v1")
    assert (proposed["plan_id"], proposed["by_debtor"], proposed["instalments"]) == (plan["id"], True, 3)
    assert proposed["total"] == "1200.00" and "note" not in proposed  # the words stay in dunning
    [refusal] = dunning.outbox("recouvra.dunning.plan.refused.v1")
    assert (refusal["plan_id"], refusal["refused_on"]) == (plan["id"], "2026-11-04")
    assert plan["proposed_by_debtor"] is True
    entered = dunning.client.post(
        path, json={"instalments": THREE, "submit_to_creditor": True}, headers=dunning.headers("agent")
    )
    assert entered.status_code == 201 and entered.json()["proposed_by_debtor"] is False
    assert [e["by_debtor"] for e in dunning.outbox("recouvra.dunning.plan.proposed.v1")] == [True, False]
