"""Two creditors on one debtor: a creditor reads the debtor's score without any figure of the other's case."""

import json
import uuid
from datetime import date

import pytest

SMALL, LARGE = str(uuid.uuid4()), str(uuid.uuid4())


@pytest.fixture
def shared_debtor(scoring, intake):
    debtor = intake.debtor("Dupont SARL", siren="732829320")
    small = intake.validated(
        SMALL, debtor, [intake.invoice("A1", date(2026, 10, 1), date(2026, 11, 1), "100.00")], reference="SMALL-1"
    )
    large = intake.validated(
        LARGE, debtor, [intake.invoice("B1", date(2025, 1, 1), date(2025, 2, 1), "50000.00")], reference="LARGE-1"
    )
    scoring.apply(small)
    scoring.apply(large)
    report = scoring.client.post(
        "/api/v1/scoring/insurer-limits",
        headers=scoring.headers("supervisor"),
        files={"file": ("cover.csv", b"siren,insurer,grade,limit\n732829320,Coface,8,20000.00\n", "text/csv")},
    )
    assert report.json()["accepted"] == 1
    return debtor, small, large


def test_staff_see_every_figure_of_the_debtor_level_score(scoring, shared_debtor):
    debtor, _, _ = shared_debtor
    body = scoring.client.get(f"/api/v1/debtors/{debtor.debtor_id}/score", headers=scoring.headers("agent")).json()
    reasons = {r["code"]: r for r in body["reasons"]}
    assert reasons["AMOUNT"]["value"] == "50100.00" and "50 100,00 €" in reasons["AMOUNT"]["label_fr"]
    assert reasons["OPEN_CASES"]["value"] == 2 and "INSURER_LIMIT" in reasons


def test_a_creditor_reads_the_debtor_score_without_the_other_creditors_figures(scoring, shared_debtor):
    debtor, _, _ = shared_debtor
    staff = scoring.client.get(f"/api/v1/debtors/{debtor.debtor_id}/score", headers=scoring.headers("agent")).json()
    response = scoring.client.get(
        f"/api/v1/debtors/{debtor.debtor_id}/score", headers=scoring.headers("creditor", SMALL)
    )
    assert response.status_code == 200
    body = response.json()
    # the solvency score itself is the debtor's, the same for everyone
    assert (body["probability"], body["grade"]) == (staff["probability"], staff["grade"])
    text = json.dumps(body, ensure_ascii=False)
    for figure in ("50100", "50 100", "50,100", "20000", "20 000", "Coface"):
        assert figure not in text
    codes = {r["code"] for r in body["reasons"]}
    assert not codes & {"AMOUNT", "DEBT_AGE", "OPEN_CASES", "INSURER_LIMIT", "INSURER_GRADE"}
    pool = next(r for r in body["reasons"] if r["code"] == "PORTFOLIO")
    assert pool["value"] is None and "tous créanciers confondus" in pool["label_fr"]
    assert "across all creditors" in pool["label_en"]
    # the pool carries exactly what the hidden reasons weighed, so the reasons still add up to the probability
    # (with the legal form, company age and contactability, which sum up every creditor's view of the debtor)
    hidden = sum(
        float(r["contribution"])
        for r in staff["reasons"]
        if r["code"]
        in {
            "AMOUNT",
            "DEBT_AGE",
            "OPEN_CASES",
            "INSURER_LIMIT",
            "INSURER_GRADE",
            "LEGAL_FORM",
            "COMPANY_AGE",
            "CONTACTABILITY",
        }
    )
    assert float(pool["contribution"]) == pytest.approx(hidden)


def test_a_creditor_reads_its_own_case_figures_but_not_the_debtor_wide_ones(scoring, shared_debtor):
    _, small, _ = shared_debtor
    body = scoring.client.get(
        f"/api/v1/scoring/cases/{small.case_id}", headers=scoring.headers("creditor", SMALL)
    ).json()
    reasons = {r["code"]: r for r in body["reasons"]}
    assert reasons["AMOUNT"]["value"] == "100.00"  # its own case
    assert "OPEN_CASES" not in reasons and "INSURER_GRADE" not in reasons and "PORTFOLIO" in reasons
    staff = scoring.client.get(f"/api/v1/scoring/cases/{small.case_id}", headers=scoring.headers("agent")).json()
    assert {r["code"] for r in staff["reasons"]} >= {"AMOUNT", "OPEN_CASES", "INSURER_GRADE"}


def test_the_worklist_shows_the_exposure_alert_to_staff_only(scoring, shared_debtor):
    _, small, _ = shared_debtor
    staff = scoring.client.get("/api/v1/worklist", params={"creditor_id": SMALL}, headers=scoring.headers("agent"))
    assert staff.json()["items"][0]["exposure_alert"] == "limit_exceeded"  # 50,100 owed against a 20,000 limit
    own = scoring.client.get("/api/v1/worklist", headers=scoring.headers("creditor", SMALL)).json()
    assert [(i["case_id"], i["exposure_alert"]) for i in own["items"]] == [(small.case_id, None)]
