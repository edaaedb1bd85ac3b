"""A debtor's contact details corrected after its case was opened (`PATCH /api/v1/cases/{id}/debtor`): the creditor
or staff correct the creditor's own view, which every case of that creditor against the debtor shows and no other
creditor's; only what is sent changes, with the checks of a new case; each of those cases gets an event saying which
details changed (never the details); the audit trail keeps before and after; sent again, nothing happens."""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, select

from shared.events.intake_debtors import DebtorContactsCorrected
from shared.outbox import OutboxMessage


def corrections(api) -> list[dict]:
    with Session(api.engine) as session:
        rows = session.exec(
            select(OutboxMessage)
            .where(OutboxMessage.event_type == DebtorContactsCorrected.type)
            .order_by(col(OutboxMessage.seq))
        ).all()
        return [row.envelope["data"] for row in rows]


def opened(api, a_case, reference: str, headers: dict[str, str], number: str = "F-001") -> dict:
    invoice = {"number": number, "issue_date": "2026-06-01", "due_date": "2026-07-01", "amount": "300.00"}
    response = api.client.post("/api/v1/cases", json=a_case(reference, invoices=[invoice]), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def test_a_bounced_e_mail_and_a_new_phone_reach_every_case_of_the_creditor_and_no_other_creditors(
    api, a_case, other_creditor
):
    first = opened(api, a_case, "CONTACT-1", api.creditor)
    second = opened(api, a_case, "CONTACT-2", api.creditor, number="F-002")
    others = opened(api, a_case, "CONTACT-3", other_creditor)  # the same debtor (SIREN), another creditor's view
    assert first["debtor"]["id"] == second["debtor"]["id"] == others["debtor"]["id"]

    corrected = api.client.patch(
        f"/api/v1/cases/{first['id']}/debtor",
        json={"email": "Factures@Dupont.example", "phone": "06 12 34 56 78"},
        headers=api.creditor,
    )

    assert corrected.status_code == 200, corrected.text
    debtor = corrected.json()["debtor"]
    assert (debtor["email"], debtor["phone"]) == ("factures@dupont.example", "+33612345678")
    assert debtor["address"]["city"] == "Paris"  # not sent: kept
    again = api.client.get(f"/api/v1/cases/{second['id']}", headers=api.creditor).json()["debtor"]
    assert (again["email"], again["phone"]) == ("factures@dupont.example", "+33612345678")
    theirs = api.client.get(f"/api/v1/cases/{others['id']}", headers=other_creditor).json()["debtor"]
    assert (theirs["email"], theirs["phone"]) == ("compta@dupont.example", "+33142685300")

    events = corrections(api)
    assert sorted(e["case_id"] for e in events) == sorted([first["id"], second["id"]])
    assert all(e["corrected"] == ["email", "phone"] and e["debtor"]["has_phone"] for e in events), events
    assert {e["by"] for e in events} == {"creditor"}
    assert "factures@dupont.example" not in str(events)  # which details changed, never what they are
    trail = api.client.get(f"/api/v1/cases/{first['id']}/audit", headers=api.creditor).json()
    [entry] = [e for e in trail if e["action"] == "debtor.contacts_corrected"]
    assert entry["details"]["before"]["email"] == "compta@dupont.example", entry
    assert entry["details"]["after"]["phone"] == "+33612345678", entry

    same = {"email": "factures@dupont.example", "phone": "+33612345678"}
    assert api.client.patch(f"/api/v1/cases/{first['id']}/debtor", json=same, headers=api.creditor).status_code == 200
    assert len(corrections(api)) == 2  # sent again: nothing changed, nothing told


def test_staff_forget_an_e_mail_and_move_the_debtor_abroad_where_its_phone_is_read(api, a_case):
    case = opened(api, a_case, "CONTACT-4", api.creditor)
    london = {"line1": "1 Market Street", "postal_code": "EC2A 4NE", "city": "London", "country": "GB"}

    corrected = api.client.patch(
        f"/api/v1/cases/{case['id']}/debtor",
        json={"email": None, "address": london, "phone": "020 7946 0018", "language": "en"},
        headers=api.agent,
    )

    assert corrected.status_code == 200, corrected.text
    debtor = corrected.json()["debtor"]
    assert (debtor["email"], debtor["phone"], debtor["language"]) == (None, "+442079460018", "en")
    assert debtor["address"]["country"] == "GB"
    [event] = corrections(api)
    assert event["corrected"] == ["address", "email", "language", "phone"]
    assert event["by"] == "agency"
    assert (event["debtor"]["has_email"], event["debtor"]["has_address"]) == (False, True)


@pytest.mark.parametrize(
    ("body", "field", "said"),
    [
        ({"phone": "12"}, "phone", "« 12 » n'est pas un numéro de téléphone français valide"),
        ({"email": "pas une adresse"}, "email", "n'est pas une adresse électronique valide"),
        ({"address": None}, None, "l'adresse ne peut pas rester vide : indiquez la nouvelle"),
        ({}, None, "rien à corriger : indiquez l'e-mail, le téléphone, l'adresse ou la langue"),
        ({"name": "Autre nom"}, "name", ""),
        ({"language": "de"}, "language", ""),
    ],
)
def test_a_correction_that_is_wrong_is_refused_in_plain_words_and_changes_nothing(api, a_case, body, field, said):
    case = opened(api, a_case, "CONTACT-5", api.creditor)
    headers = {**api.creditor, "Accept-Language": "fr"}

    refused = api.client.patch(f"/api/v1/cases/{case['id']}/debtor", json=body, headers=headers)

    assert refused.status_code == 422, refused.text
    answer = refused.json()
    if isinstance(answer["detail"], str):  # a rule of the use case: its field named apart
        assert said in answer["detail"] and answer["field"] == field, answer
    else:  # the API model's own check
        [error] = answer["detail"]
        assert said in error["msg"], error
        if field:
            assert error["loc"][-1] == field, error
    after = api.client.get(f"/api/v1/cases/{case['id']}", headers=api.creditor).json()["debtor"]
    assert (after["email"], after["phone"]) == ("compta@dupont.example", "+33142685300")
    assert corrections(api) == []


def test_a_phone_alone_is_read_in_the_country_of_the_address_known(api, a_case):
    london = {"line1": "1 Market Street", "postal_code": "EC2A 4NE", "city": "London", "country": "GB"}
    debtor = {**a_case()["debtor"], "siren": None, "name": "Acme Ltd", "phone": None, "address": london}
    body = a_case("CONTACT-7", debtor=debtor)
    case = api.client.post("/api/v1/cases", json=body, headers=api.creditor).json()

    corrected = api.client.patch(
        f"/api/v1/cases/{case['id']}/debtor", json={"phone": "020 7946 0018"}, headers=api.creditor
    )

    assert corrected.status_code == 200, corrected.text
    assert corrected.json()["debtor"]["phone"] == "+442079460018"


def test_another_creditors_case_is_not_found(api, a_case, other_creditor):
    case = opened(api, a_case, "CONTACT-6", api.creditor)
    answer = api.client.patch(f"/api/v1/cases/{case['id']}/debtor", json={"email": None}, headers=other_creditor)
    assert answer.status_code == 404, answer.text
    assert corrections(api) == []
