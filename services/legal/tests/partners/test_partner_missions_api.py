"""Staff give a case to a partner bailiff; the bailiff reads its missions through the partner API, and nobody else's:
another firm is told the mission does not exist, a creditor or staff may not call the partner API at all."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest


def test_staff_give_a_validated_case_to_a_bailiff_with_the_creditor_read_from_intake(legal):
    creditor, partner = uuid.uuid4(), legal.add_partner()
    case_id = legal.intake.add_case(creditor_id=creditor)
    mission = legal.assign(
        case_id,
        partner,
        kind="service",
        references=[
            {"label": "ordonnance d'injonction de payer", "reference": "IP 26/01234", "dated_on": "2026-10-15"}
        ],
    )
    assert mission["creditor_id"] == str(creditor)
    assert mission["status"] == "assigned"
    assert mission["case_reference"] == legal.intake.cases[str(case_id)]["reference"]
    assert mission["references"][0]["reference"] == "IP 26/01234"
    [event] = legal.outbox("recouvra.legal.mission.assigned.v1")
    assert event == {
        "mission_id": mission["id"],
        "case_id": str(case_id),
        "creditor_id": str(creditor),
        "partner_id": str(partner),
        "kind": "service",
        "procedure_id": None,
        "assigned_on": "2026-11-24",
    }


@pytest.mark.parametrize(
    ("change", "status", "field"),
    [
        ({"case": "unknown"}, 404, None),
        ({"partner_id": "unknown"}, 404, None),
        ({"status": "draft"}, 409, "status"),
        ({"status": "claim_declaration"}, 409, "status"),
        ({"creditor_id": "another"}, 422, "creditor_id"),
    ],
)
def test_a_mission_is_refused_for_an_unknown_case_or_bailiff_a_case_not_placed_or_another_creditor(
    legal, change, status, field
):
    partner = legal.add_partner()
    case_id = legal.intake.add_case(creditor_id=uuid.uuid4(), status=change.get("status", "validated"))
    body = {"partner_id": str(partner), "kind": "enforcement"}
    if "partner_id" in change:
        body["partner_id"] = str(uuid.uuid4())
    if "creditor_id" in change:
        body["creditor_id"] = str(uuid.uuid4())
    target = uuid.uuid4() if "case" in change else case_id
    response = legal.client.post(f"/api/v1/legal/cases/{target}/missions", json=body, headers=legal.headers("agent"))
    assert response.status_code == status, response.text
    assert response.json().get("field") == field
    assert legal.outbox("recouvra.legal.mission.assigned.v1") == []


def test_a_second_open_mission_of_the_same_kind_for_the_same_bailiff_is_refused(legal):
    partner = legal.add_partner()
    case_id = legal.intake.add_case(creditor_id=uuid.uuid4())
    legal.assign(case_id, partner, kind="search")
    response = legal.client.post(
        f"/api/v1/legal/cases/{case_id}/missions",
        json={"partner_id": str(partner), "kind": "search"},
        headers=legal.headers("agent"),
    )
    assert response.status_code == 409
    assert legal.assign(case_id, partner, kind="enforcement")["kind"] == "enforcement"


def test_creditors_and_bailiffs_may_not_assign_missions(legal):
    creditor, partner = uuid.uuid4(), legal.add_partner()
    case_id = legal.intake.add_case(creditor_id=creditor)
    body = {"partner_id": str(partner), "kind": "enforcement"}
    for headers in (legal.headers("creditor", creditor_id=creditor), legal.bailiff(partner)):
        response = legal.client.post(f"/api/v1/legal/cases/{case_id}/missions", json=body, headers=headers)
        assert response.status_code == 403


def test_a_bailiff_lists_and_reads_its_own_missions_with_the_case_and_its_documents(legal):
    creditor, mine, theirs = uuid.uuid4(), legal.add_partner(), legal.add_partner("Étude Durand")
    first, second = (legal.intake.add_case(creditor_id=creditor) for _ in range(2))
    own = [legal.assign(first, mine), legal.assign(second, mine, kind="search")]
    legal.assign(first, theirs)

    page = legal.client.get("/api/v1/partner/missions", headers=legal.bailiff(mine)).json()
    assert page["total"] == 2
    assert {m["id"] for m in page["items"]} == {m["id"] for m in own}
    searching = legal.client.get("/api/v1/partner/missions?status=assigned&limit=1", headers=legal.bailiff(mine))
    assert searching.json()["total"] == 2 and len(searching.json()["items"]) == 1

    detail = legal.client.get(f"/api/v1/partner/missions/{own[0]['id']}", headers=legal.bailiff(mine))
    assert detail.status_code == 200, detail.text
    body = detail.json()
    assert body["case"]["debtor"]["name"] == "Dupont SARL"
    assert body["case"]["debtor"]["address"]["city"] == "Bordeaux"
    assert "email" not in body["case"]["debtor"]
    assert [d["filename"] for d in body["documents"]["case_documents"]] == ["contrat.pdf"]
    assert body["documents"]["deeds"] == [] and body["reports"] == []
    assert f"/api/v1/cases/{first}/documents" in legal.intake.reads


def test_another_firm_is_told_the_mission_does_not_exist(legal):
    mine, theirs = legal.add_partner(), legal.add_partner("Étude Durand")
    mission = legal.assign(legal.intake.add_case(creditor_id=uuid.uuid4()), mine)
    other = legal.bailiff(theirs)
    base = f"/api/v1/partner/missions/{mission['id']}"
    assert legal.client.get(base, headers=other).status_code == 404
    served = {"type": "served", "occurred_on": "2026-11-24"}
    assert legal.client.post(f"{base}/events", json=served, headers=other).status_code == 404
    upload = {"file": ("acte.pdf", b"%PDF-1.4 deed", "application/pdf")}
    assert legal.client.post(f"{base}/documents", files=upload, headers=other).status_code == 404
    assert legal.client.get("/api/v1/partner/missions", headers=other).json() == {"items": [], "total": 0}
    assert legal.outbox("recouvra.legal.mission.reported.v1") == []


def test_creditors_and_staff_may_not_call_the_partner_api(legal):
    creditor, partner = uuid.uuid4(), legal.add_partner()
    mission = legal.assign(legal.intake.add_case(creditor_id=creditor), partner)
    base = f"/api/v1/partner/missions/{mission['id']}"
    for headers in (legal.headers("creditor", creditor_id=creditor), legal.headers("admin"), legal.headers("agent")):
        assert legal.client.get("/api/v1/partner/missions", headers=headers).status_code == 403
        assert legal.client.get(base, headers=headers).status_code == 403
        served = {"type": "served", "occurred_on": "2026-11-24"}
        assert legal.client.post(f"{base}/events", json=served, headers=headers).status_code == 403


def test_a_bailiff_token_without_a_partner_firm_is_refused(legal):
    response = legal.client.get("/api/v1/partner/missions", headers=legal.headers("bailiff"))
    assert response.status_code == 403


def test_the_case_creditor_and_staff_follow_the_missions_and_another_creditor_is_told_they_do_not_exist(legal):
    creditor, partner = uuid.uuid4(), legal.add_partner()
    case_id = legal.intake.add_case(creditor_id=creditor)
    mission = legal.assign(case_id, partner)
    owner, stranger = (
        legal.headers("creditor", creditor_id=creditor),
        legal.headers("creditor", creditor_id=uuid.uuid4()),
    )
    for headers in (owner, legal.headers("agent")):
        assert legal.client.get(f"/api/v1/legal/missions/{mission['id']}", headers=headers).status_code == 200
        listed = legal.client.get(f"/api/v1/legal/cases/{case_id}/missions", headers=headers).json()
        assert [m["id"] for m in listed["items"]] == [mission["id"]]
    assert legal.client.get(f"/api/v1/legal/missions/{mission['id']}", headers=stranger).status_code == 404
    assert legal.client.get(f"/api/v1/legal/cases/{case_id}/missions", headers=stranger).status_code == 404
    assert (
        legal.client.get(f"/api/v1/legal/missions/{mission['id']}", headers=legal.bailiff(partner)).status_code == 403
    )


def test_a_creditor_asking_for_a_case_legal_has_no_mission_on_is_answered_from_intake(legal):
    creditor = uuid.uuid4()
    case_id = legal.intake.add_case(creditor_id=creditor)
    own = legal.client.get(
        f"/api/v1/legal/cases/{case_id}/missions", headers=legal.headers("creditor", creditor_id=creditor)
    )
    assert own.json() == {"items": [], "total": 0}
    other = legal.headers("creditor", creditor_id=uuid.uuid4())
    assert legal.client.get(f"/api/v1/legal/cases/{case_id}/costs", headers=other).status_code == 404
    assert legal.client.get(f"/api/v1/legal/cases/{uuid.uuid4()}/costs", headers=other).status_code == 404


def test_staff_withdraw_a_mission_and_the_bailiff_reports_nothing_dated_after_that_day(legal):
    partner = legal.add_partner()
    mission = legal.assign(legal.intake.add_case(creditor_id=uuid.uuid4()), partner)
    changed = legal.client.patch(
        f"/api/v1/legal/missions/{mission['id']}",
        json={"instructions": "Le débiteur a payé : cessez.", "status": "withdrawn"},
        headers=legal.headers("agent"),
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["status"] == "withdrawn"
    [ended] = legal.outbox("recouvra.legal.mission.ended.v1")
    assert ended["outcome"] == "withdrawn"
    assert changed.json()["ended_on"] == "2026-11-24" and changed.json()["end_note"] is None
    same_day = legal.report(mission["id"], partner, {"type": "served", "occurred_on": "2026-11-24"})
    assert same_day.status_code == 201, same_day.text  # served before the bailiff was told: still on record
    legal.clock.set(datetime(2026, 11, 25, 9, 0, tzinfo=UTC))
    late = legal.report(mission["id"], partner, {"type": "seizure", "occurred_on": "2026-11-25"})
    assert late.status_code == 409
    assert late.json()["detail"] == (
        "this mission was withdrawn on 2026-11-24; it takes reports of what happened until that day only"
    )
    again = legal.client.patch(
        f"/api/v1/legal/missions/{mission['id']}", json={"status": "closed"}, headers=legal.headers("agent")
    )
    assert again.status_code == 409
