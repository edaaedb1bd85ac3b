"""Insolvency proceedings opened while a case is under collection (intake's `case.status_changed` to claim
declaration) stay its legal action (L622-21 C. com.): the claim is to be declared, a pending proposal is withdrawn,
a request not filed is closed, a procedure before the court is raised to staff (its own deadlines interrupted),
every open bailiff mission is withdrawn with its bailiff told, and no new one may be given; a second delivery
changes nothing."""

from __future__ import annotations

from datetime import date

from shared.events.intake import CaseStatusChanged, CaseValidated

from .test_closing_ends_legal_action import bailiff_firm, give, webhooks
from legal.procedures.service.insolvency_stay import NOT_FILED, WITHDRAWN

TODAY = date(2026, 11, 24)


def stayed(case: CaseValidated, from_status: str = "amicable") -> CaseStatusChanged:
    return CaseStatusChanged(
        case_id=case.case_id,
        creditor_id=case.creditor_id,
        from_status=from_status,
        to_status="claim_declaration",
        reason="insolvency proceedings opened on 2026-11-20: individual actions stayed (L622-21 C. com.)",
    )


def alerts(legal) -> list[dict]:
    return legal.client.get("/api/v1/legal/alerts", headers=legal.headers("agent")).json()["items"]


def test_a_case_under_collection_gets_its_claim_to_declare_and_its_proposal_withdrawn(legal):
    case = legal.validate_case()
    legal.exhaust(case)
    assert (
        legal.client.get(f"/api/v1/legal/cases/{case.case_id}/insolvency-claim", headers=legal.headers()).status_code
        == 404
    )

    legal.apply(stayed(case), subject=case.case_id)
    legal.apply(stayed(case), subject=case.case_id)  # a second delivery changes nothing

    claim = legal.client.get(f"/api/v1/legal/cases/{case.case_id}/insolvency-claim", headers=legal.headers())
    assert claim.status_code == 200 and claim.json()["status"] == "to_declare"
    [proposal] = legal.client.get(f"/api/v1/legal/cases/{case.case_id}/proposals", headers=legal.headers()).json()[
        "items"
    ]
    assert (proposal["status"], proposal["decision_note"]) == ("withdrawn", WITHDRAWN)
    assert alerts(legal) == []  # nothing before the court; prescription no longer runs against a declared claim
    assert legal.watch() == {"voided": 0, "raised": 0, "resolved": 0}


def test_a_request_not_filed_is_closed_and_a_procedure_before_the_court_raised(legal):
    unfiled_case, filed_case = legal.validate_case(), legal.validate_case()
    unfiled = legal.approve(unfiled_case)
    before_court = legal.approve(filed_case)
    assert legal.step(before_court["id"], "filed", TODAY).status_code == 200

    legal.apply(stayed(unfiled_case), subject=unfiled_case.case_id)
    legal.apply(stayed(filed_case, "legal"), subject=filed_case.case_id)
    legal.apply(stayed(filed_case, "legal"), subject=filed_case.case_id)

    [closed] = legal.outbox("recouvra.legal.procedure.closed.v1")
    assert (closed["procedure_id"], closed["last_state"], closed["note"]) == (unfiled["id"], "opened", NOT_FILED)
    [alert] = alerts(legal)
    assert (alert["procedure_id"], alert["kind"], alert["due_on"]) == (
        before_court["id"],
        "insolvency_stay",
        "2026-11-24",
    )
    assert "L622-21" in alert["rule"] and "l'instance est interrompue" in alert["rule_fr"]
    # the daily watch keeps the one alert, and raises none of the interrupted procedure's own deadlines
    assert legal.watch() == {"voided": 0, "raised": 0, "resolved": 0}
    assert [a["kind"] for a in alerts(legal)] == ["insolvency_stay"]
    assert legal.step(before_court["id"], "closed", TODAY).status_code == 200
    assert alerts(legal) == []


def test_open_missions_are_withdrawn_with_their_bailiff_told_and_no_new_one_given(legal):
    case = legal.validate_case()
    firm = bailiff_firm(legal)
    mission = give(legal, case, firm, "enforcement").json()

    legal.apply(stayed(case), subject=case.case_id)

    listed = legal.client.get(f"/api/v1/legal/cases/{case.case_id}/missions", headers=legal.headers("agent")).json()
    [ended] = listed["items"]
    assert (ended["status"], ended["ended_on"]) == ("withdrawn", "2026-11-24")
    assert ended["end_note"].startswith("Procédure collective ouverte contre le débiteur : toute mesure d'exécution")
    told = webhooks(legal, mission["id"])
    assert [(hook["type"], hook["data"]["status"]) for hook in told][-1] == ("mission.updated", "withdrawn")
    refused = give(legal, case, firm)
    assert refused.status_code == 409, refused.text


def test_the_claims_deadline_comes_with_the_stay_and_is_watched_until_the_claim_is_declared(legal):
    case = legal.validate_case()
    legal.apply(stayed(case).model_copy(update={"claim_deadline": date(2026, 12, 4)}), subject=case.case_id)

    claim = legal.client.get(f"/api/v1/legal/cases/{case.case_id}/insolvency-claim", headers=legal.headers()).json()
    assert claim["claim_deadline"] == "2026-12-04"
    assert alerts(legal) == []  # ten days off, beyond the watch's window of 7
    assert legal.watch(alert_days=7) == {"voided": 0, "raised": 0, "resolved": 0}
    raised = legal.watch(alert_days=14)
    assert raised["raised"] == 1
    [alert] = alerts(legal)
    assert (alert["kind"], alert["due_on"], alert["procedure_id"]) == ("claim_declaration", "2026-12-04", None)
    assert "L622-24" in alert["rule"] and "au plus tard le 04/12/2026" in alert["rule_fr"]

    declared = legal.client.post(
        f"/api/v1/legal/cases/{case.case_id}/insolvency-claim",
        json={"status": "declared", "occurred_on": "2026-11-24", "amount": "1275.12"},
        headers=legal.headers("agent"),
    )
    assert declared.status_code == 200, declared.text
    assert legal.watch(alert_days=14)["resolved"] == 1
    assert alerts(legal) == []


def test_a_case_validated_under_proceedings_brings_its_deadline_too(legal):
    case = legal.validate_case(status="claim_declaration", insolvency=True)
    legal.apply(case.model_copy(update={"claim_deadline": date(2027, 1, 13)}), subject=case.case_id)
    claim = legal.client.get(f"/api/v1/legal/cases/{case.case_id}/insolvency-claim", headers=legal.headers()).json()
    assert claim["claim_deadline"] == "2027-01-13"  # a claim kept without one takes it from the later event
