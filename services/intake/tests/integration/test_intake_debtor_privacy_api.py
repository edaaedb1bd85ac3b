"""One debtor, two creditors: the identity is shared and recognised, the contact details each creditor gave
stay its own, and only staff record insolvency proceedings that move every creditor's cases."""

from __future__ import annotations

from shared.demo import DEMO_CREDITOR_ID


def test_a_creditor_never_sees_the_contact_details_another_creditor_gave_for_the_same_debtor(
    api, a_case, other_creditor
):
    a_body = a_case("PRIV-A")
    first = api.client.post("/api/v1/cases", json=a_body, headers=api.creditor)
    assert first.status_code == 201, first.text
    b_body = a_case(
        "PRIV-B",
        invoices=[
            {
                "number": "B-1",
                "issue_date": "2026-06-01",
                "due_date": "2026-07-01",
                "amount": "300.00",
                "currency": "EUR",
            }
        ],
    )
    b_body["debtor"] = {"type": "company", "name": "DUPONT SARL", "siren": "732829320"}
    second = api.client.post("/api/v1/cases", json=b_body, headers=other_creditor)
    assert second.status_code == 201, second.text

    a_debtor, b_debtor = first.json()["debtor"], second.json()["debtor"]
    assert a_debtor["id"] == b_debtor["id"]  # recognised by its SIREN: one debtor, not two
    assert (b_debtor["email"], b_debtor["phone"], b_debtor["address"]) == (None, None, None)
    reread = api.client.get(f"/api/v1/cases/{second.json()['id']}", headers=other_creditor).json()["debtor"]
    assert (reread["email"], reread["phone"], reread["address"]) == (None, None, None)
    listed = api.client.get("/api/v1/cases", headers=other_creditor).json()["items"]
    assert [(c["debtor"]["email"], c["debtor"]["phone"]) for c in listed] == [(None, None)]

    mine = api.client.get(f"/api/v1/cases/{first.json()['id']}", headers=api.creditor).json()["debtor"]
    assert (mine["email"], mine["phone"]) == ("compta@dupont.example", "+33142685300")
    staff = api.client.get(f"/api/v1/cases/{second.json()['id']}", headers=api.agent).json()["debtor"]
    assert (staff["email"], staff["phone"]) == (None, None)  # the case's creditor's view, beside every view:
    assert ("compta@dupont.example", "+33142685300") in [(view["email"], view["phone"]) for view in staff["views"]]


def test_a_creditor_declaring_insolvency_affects_its_own_case_and_not_the_other_creditors(api, a_case, other_creditor):
    first = api.client.post("/api/v1/cases", json=a_case("INS-A"), headers=api.creditor).json()
    b_body = a_case(
        "INS-B",
        invoices=[
            {
                "number": "B-1",
                "issue_date": "2026-06-01",
                "due_date": "2026-07-01",
                "amount": "300.00",
                "currency": "EUR",
            }
        ],
    )
    b_body["debtor"] = {
        "type": "company",
        "name": "Dupont SARL",
        "siren": "732829320",
        "insolvency": {"kind": "liquidation", "opened_on": "2026-09-01"},
    }
    second = api.client.post("/api/v1/cases", json=b_body, headers=other_creditor)
    assert second.status_code == 201, second.text
    assert second.json()["debtor"]["insolvency"]["declared_by"] == "creditor"

    a_view = api.client.get(f"/api/v1/cases/{first['id']}", headers=api.creditor).json()
    assert a_view["debtor"]["insolvency"] is None
    staff_record = api.client.get(f"/api/v1/intake/debtors/{first['debtor']['id']}", headers=api.agent).json()
    assert staff_record["insolvency"] is None
    validated = api.client.post(
        f"/api/v1/cases/{first['id']}/validate", headers=api.agent, json={"override_reason": "évidence au dossier"}
    )
    assert validated.status_code == 200 and validated.json()["status"] == "amicable"
    declared = api.client.post(
        f"/api/v1/cases/{second.json()['id']}/validate",
        headers=api.agent,
        json={"override_reason": "évidence au dossier"},
    )
    assert declared.status_code == 200 and declared.json()["status"] == "claim_declaration"


def test_staff_record_insolvency_on_the_shared_debtor_and_it_applies_to_every_creditors_case(api, a_case):
    first = api.client.post("/api/v1/cases", json=a_case("INS-STAFF-A"), headers=api.creditor).json()
    body = a_case(
        "INS-STAFF-B",
        creditor_id=str(DEMO_CREDITOR_ID),
        invoices=[
            {
                "number": "S-1",
                "issue_date": "2026-06-01",
                "due_date": "2026-07-01",
                "amount": "300.00",
                "currency": "EUR",
            }
        ],
    )
    body["debtor"]["insolvency"] = {"kind": "redressement", "opened_on": "2026-09-01"}
    staff_case = api.client.post("/api/v1/cases", json=body, headers=api.agent)
    assert staff_case.status_code == 201, staff_case.text
    a_view = api.client.get(f"/api/v1/cases/{first['id']}", headers=api.creditor).json()
    assert a_view["debtor"]["insolvency"]["kind"] == "redressement"
