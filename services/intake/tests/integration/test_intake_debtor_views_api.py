"""What a creditor gives about a shared debtor stays its own: the name as it spells it, its contacts, the legal
form, SIRET and VAT number. Another creditor placing the same debtor (same SIREN) changes none of it, through
the API or an import, and the events of a case carry its own creditor's view."""

from __future__ import annotations

import io
from datetime import date

from sqlmodel import Session, col, select

from shared.events.intake import CaseOpened
from shared.events.intake_debtors import DebtorUpdated
from shared.outbox import OutboxMessage
from workbench import samples

B_DEBTOR = {
    "type": "company",
    "name": "DUPONT S.A.R.L.",
    "siren": "732829320",
    "legal_form": "SARL",
    "siret": "73282932000074",
    "vat_number": "FR44732829320",
}


def _events(api, event_type: str) -> list[dict]:
    with Session(api.engine) as session:
        return [
            m.envelope["data"]
            for m in session.exec(
                select(OutboxMessage).where(OutboxMessage.event_type == event_type).order_by(col(OutboxMessage.seq))
            ).all()
        ]


def _b_case(a_case, reference: str = "VIEW-B") -> dict:
    body = a_case(
        reference,
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
    body["debtor"] = dict(B_DEBTOR)
    return body


def test_another_creditors_legal_form_siret_vat_and_spelling_never_reach_a_creditors_case(api, a_case, other_creditor):
    first = api.client.post("/api/v1/cases", json=a_case("VIEW-A"), headers=api.creditor)
    assert first.status_code == 201, first.text
    second = api.client.post("/api/v1/cases", json=_b_case(a_case), headers=other_creditor)
    assert second.status_code == 201, second.text
    assert first.json()["debtor"]["id"] == second.json()["debtor"]["id"]  # one shared debtor

    a_view = api.client.get(f"/api/v1/cases/{first.json()['id']}", headers=api.creditor).json()["debtor"]
    assert (a_view["name"], a_view["legal_form"], a_view["siret"], a_view["vat_number"]) == (
        "Dupont SARL",
        None,
        None,
        None,
    )
    assert (a_view["email"], a_view["phone"]) == ("compta@dupont.example", "+33142685300")

    for b_view in (
        second.json()["debtor"],
        api.client.get(f"/api/v1/cases/{second.json()['id']}", headers=other_creditor).json()["debtor"],
        api.client.get("/api/v1/cases", headers=other_creditor).json()["items"][0]["debtor"],
    ):
        assert (b_view["name"], b_view["legal_form"], b_view["siret"], b_view["vat_number"]) == (
            "DUPONT S.A.R.L.",
            "SARL",
            "73282932000074",
            "FR44732829320",
        )
        assert (b_view["email"], b_view["phone"], b_view["address"]) == (None, None, None)

    staff = api.client.get(f"/api/v1/cases/{first.json()['id']}", headers=api.agent).json()["debtor"]
    assert {view["name"] for view in staff["views"]} == {"Dupont SARL", "DUPONT S.A.R.L."}


def test_each_case_event_carries_its_own_creditors_view_of_the_debtor(api, a_case, other_creditor):
    api.client.post("/api/v1/cases", json=a_case("EVT-A"), headers=api.creditor)
    second = api.client.post("/api/v1/cases", json=_b_case(a_case, "EVT-B"), headers=other_creditor).json()
    validated = api.client.post(
        f"/api/v1/cases/{second['id']}/validate", headers=api.agent, json={"override_reason": "pièces vues"}
    )
    assert validated.status_code == 200, validated.text

    opened = {e["reference"]: e["debtor"] for e in _events(api, CaseOpened.type)}
    assert (opened["EVT-A"]["name"], opened["EVT-A"]["legal_form"], opened["EVT-A"]["has_email"]) == (
        "Dupont SARL",
        None,
        True,
    )
    assert (opened["EVT-B"]["name"], opened["EVT-B"]["legal_form"]) == ("DUPONT S.A.R.L.", "SARL")
    assert (opened["EVT-B"]["has_email"], opened["EVT-B"]["has_phone"], opened["EVT-B"]["has_address"]) == (
        False,
        False,
        False,
    )
    assert opened["EVT-B"]["creditor_id"] == second["creditor_id"]
    [b_validated] = [e["debtor"] for e in _events(api, "recouvra.intake.case.validated.v1")]
    assert (b_validated["name"], b_validated["has_email"]) == ("DUPONT S.A.R.L.", False)


def test_a_debtor_update_carries_the_shared_identity_only(api, a_case, other_creditor):
    first = api.client.post("/api/v1/cases", json=a_case("MRG-A"), headers=api.creditor).json()
    body = _b_case(a_case, "MRG-B")
    body["debtor"] = {"type": "company", "name": "Dupont Frères", "siren": "542051180", "legal_form": "SAS"}
    second = api.client.post("/api/v1/cases", json=body, headers=other_creditor).json()
    merged = api.client.post(
        f"/api/v1/intake/debtors/{first['debtor']['id']}/merge",
        headers=api.agent,
        json={"merge_id": second["debtor"]["id"], "reason": "même société"},
    )
    assert merged.status_code == 200, merged.text

    [update] = _events(api, DebtorUpdated.type)
    assert update["merged_into_id"] == first["debtor"]["id"]
    assert set(update["debtor"]) <= {"debtor_id", "type", "siren", "insolvency"}
    b_view = api.client.get(f"/api/v1/cases/{second['id']}", headers=other_creditor).json()["debtor"]
    assert (b_view["name"], b_view["legal_form"]) == ("Dupont Frères", "SAS")
    a_view = api.client.get(f"/api/v1/cases/{first['id']}", headers=api.creditor).json()["debtor"]
    assert (a_view["name"], a_view["legal_form"]) == ("Dupont SARL", None)


def test_an_import_keeps_the_importing_creditors_view_as_the_api_does(api, a_case, other_creditor):
    first = api.client.post("/api/v1/cases", json=a_case("IMPV-A"), headers=api.creditor).json()
    rows = [
        {
            "reference": "IMPV-B",
            "kind": "professionnel",
            "name": "DUPONT S.A.R.L.",
            "siren": "732829320",
            "legal_form": "SARL",
            "vat_number": "FR44732829320",
            "number": "I-1",
            "issue_date": date(2026, 5, 1),
            "due_date": date(2026, 6, 1),
            "amount": "100.00",
            "currency": "EUR",
        }
    ]
    content = samples.french_csv(rows, encoding="utf-8-sig")
    response = api.client.post(
        "/api/v1/imports", files={"file": ("rows.csv", io.BytesIO(content))}, headers=other_creditor
    )
    assert response.status_code == 202, response.text
    report = api.client.get(f"/api/v1/imports/{response.json()['id']}", headers=other_creditor).json()
    assert report["accepted"] == 1, report

    [b_case] = api.client.get("/api/v1/cases", headers=other_creditor).json()["items"]
    assert b_case["debtor"]["id"] == first["debtor"]["id"]
    assert (b_case["debtor"]["name"], b_case["debtor"]["legal_form"], b_case["debtor"]["email"]) == (
        "DUPONT S.A.R.L.",
        "SARL",
        None,
    )
    a_view = api.client.get(f"/api/v1/cases/{first['id']}", headers=api.creditor).json()["debtor"]
    assert (a_view["name"], a_view["legal_form"], a_view["vat_number"]) == ("Dupont SARL", None, None)
    opened = {e["reference"]: e["debtor"] for e in _events(api, CaseOpened.type)}
    assert (opened["IMPV-B"]["name"], opened["IMPV-B"]["has_email"]) == ("DUPONT S.A.R.L.", False)


def test_a_case_read_alone_or_in_a_page_shows_its_documents_and_each_readers_views_of_its_debtor(
    api, a_case, other_creditor
):
    first = api.client.post("/api/v1/cases", json=a_case("VIEW-R1"), headers=api.creditor).json()
    second = api.client.post("/api/v1/cases", json=_b_case(a_case, "VIEW-R2"), headers=other_creditor).json()
    pdf = {"file": ("contrat.pdf", io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "application/pdf")}
    attached = api.client.post(
        f"/api/v1/cases/{first['id']}/documents", data={"kind": "contract"}, files=pdf, headers=api.creditor
    )
    assert attached.status_code == 201, attached.text

    for case, reader in ((first, api.creditor), (second, other_creditor), (first, api.agent), (second, api.agent)):
        read = api.client.get(f"/api/v1/cases/{case['id']}", headers=reader)
        assert read.status_code == 200, read.text
        listed = api.client.get("/api/v1/cases", params={"reference": case["reference"]}, headers=reader)
        assert read.json() == listed.json()["items"][0]  # the list reads a page with one query per kind
    assert read.json()["checklist"]["documents"] == {} and len(read.json()["debtor"]["views"]) == 2
    shown = api.client.get(f"/api/v1/cases/{first['id']}", headers=api.agent).json()
    assert shown["checklist"]["documents"] == {"contract": 1}
    assert api.client.get(f"/api/v1/cases/{second['id']}", headers=api.creditor).status_code == 404
