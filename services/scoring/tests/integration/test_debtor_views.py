"""Two creditors on one debtor, each with its own view of it (the name as it spells it, the contacts it gave):
the aged balance by debtor, its export, the worklist and the reasons a creditor reads use its view only."""

import uuid
from datetime import date

import pytest

from shared.events.intake_debtors import DebtorContactsCorrected

A, B = str(uuid.uuid4()), str(uuid.uuid4())


@pytest.fixture
def two_views(scoring, intake):
    debtor_id = str(uuid.uuid4())
    a_view = intake.debtor(
        "Dupont SARL",
        debtor_id=debtor_id,
        siren="732829320",
        creditor_id=A,
        has_email=True,
        has_phone=True,
        has_address=True,
    )
    b_view = intake.debtor(
        "DUPONT S.A.R.L.",
        debtor_id=debtor_id,
        siren="732829320",
        creditor_id=B,
        legal_form=None,
        has_email=False,
        has_phone=False,
        has_address=True,
    )
    a_case = intake.validated(
        A, a_view, [intake.invoice("A1", date(2026, 8, 1), date(2026, 9, 1), "400.00")], reference="A-1"
    )
    b_case = intake.validated(
        B, b_view, [intake.invoice("B1", date(2026, 8, 1), date(2026, 9, 1), "300.00")], reference="B-1"
    )
    scoring.apply(a_case)
    scoring.apply(b_case)
    return debtor_id, a_case, b_case


def _names(scoring, creditor: str) -> list[str]:
    response = scoring.client.get(
        "/api/v1/aged-balance/debtors", params={"as_of": "2026-11-30"}, headers=scoring.headers("creditor", creditor)
    )
    assert response.status_code == 200, response.text
    return [item["name"] for item in response.json()["items"]]


def test_each_creditor_reads_the_debtor_as_it_spelled_it_in_the_aged_balance_and_its_export(scoring, two_views):
    assert _names(scoring, A) == ["Dupont SARL"]
    assert _names(scoring, B) == ["DUPONT S.A.R.L."]
    export = scoring.client.get(
        "/api/v1/aged-balance/export",
        params={"as_of": "2026-11-30", "format": "csv"},
        headers=scoring.headers("creditor", B),
    )
    assert export.status_code == 200, export.text
    assert "DUPONT S.A.R.L." in export.text and "Dupont SARL" not in export.text
    worklist = scoring.client.get("/api/v1/worklist", headers=scoring.headers("creditor", B)).json()
    assert [item["debtor_name"] for item in worklist["items"]] == ["DUPONT S.A.R.L."]


def test_a_creditors_contactability_reason_counts_the_contacts_it_gave_only(scoring, two_views):
    debtor_id, a_case, b_case = two_views
    b_score = scoring.client.get(f"/api/v1/scoring/cases/{b_case.case_id}", headers=scoring.headers("creditor", B))
    assert b_score.status_code == 200, b_score.text
    reasons = {r["code"]: r for r in b_score.json()["reasons"]}
    assert reasons["CONTACTABILITY"]["value"] == 1  # the address B gave, not A's e-mail and phone
    a_score = scoring.client.get(f"/api/v1/scoring/cases/{a_case.case_id}", headers=scoring.headers("creditor", A))
    assert {r["code"]: r for r in a_score.json()["reasons"]}["CONTACTABILITY"]["value"] == 3

    debtor_score = scoring.client.get(f"/api/v1/debtors/{debtor_id}/score", headers=scoring.headers("creditor", B))
    assert debtor_score.status_code == 200, debtor_score.text
    for reason in debtor_score.json()["reasons"]:  # a debtor-wide reason built on A's view is pooled, never shown
        assert reason["code"] not in {"CONTACTABILITY", "LEGAL_FORM"}


def test_a_debtor_update_changes_the_shared_identity_and_leaves_each_view_alone(scoring, intake, two_views):
    debtor_id, _, _ = two_views
    scoring.apply(
        intake.debtor_updated(intake.debtor("Dupont SARL", debtor_id=debtor_id, siren="732829320"), insolvency=True)
    )
    assert _names(scoring, A) == ["Dupont SARL"]
    assert _names(scoring, B) == ["DUPONT S.A.R.L."]


def _contactability(scoring, case, creditor: str) -> int:
    score = scoring.client.get(f"/api/v1/scoring/cases/{case.case_id}", headers=scoring.headers("creditor", creditor))
    assert score.status_code == 200, score.text
    return {r["code"]: r for r in score.json()["reasons"]}["CONTACTABILITY"]["value"]


def test_contacts_a_creditor_adds_after_placement_count_and_one_it_forgets_still_counts(scoring, intake, two_views):
    _, a_case, b_case = two_views
    b_view = b_case.debtor.model_copy(update={"has_email": True, "has_phone": True})
    corrected = DebtorContactsCorrected(
        case_id=b_case.case_id, creditor_id=B, debtor=b_view, corrected=["email", "phone"]
    )
    scoring.apply(corrected, subject=b_case.case_id)
    assert _contactability(scoring, b_case, B) == 3  # e-mail and phone given now, with the address
    assert _contactability(scoring, a_case, A) == 3  # A's view untouched

    forgotten = b_view.model_copy(update={"has_email": False})
    scoring.apply(corrected.model_copy(update={"debtor": forgotten, "corrected": ["email"]}), subject=b_case.case_id)
    assert _contactability(scoring, b_case, B) == 3  # given once, it still counts: a view only grows
