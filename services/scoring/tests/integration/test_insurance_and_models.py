"""Credit-insurer limits raise exposure alerts; retraining fits, versions and activates a scorecard."""

import uuid
from datetime import date, timedelta

from shared.events.intake import CaseClosed

CREDITOR = str(uuid.uuid4())


def upload(scoring, text):
    return scoring.client.post(
        "/api/v1/scoring/insurer-limits",
        files={"file": ("cover.csv", text.encode(), "text/csv")},
        headers=scoring.headers("supervisor"),
    )


def test_exposure_past_the_insurer_limit_or_a_falling_insurer_grade_alerts_once_and_flags_the_worklist(scoring, intake):
    debtor = intake.debtor("Insured SAS", siren="732829320")
    scoring.apply(
        intake.validated(CREDITOR, debtor, [intake.invoice("F1", date(2026, 9, 1), date(2026, 10, 1), "8000.00")])
    )
    report = upload(scoring, "siren,insurer,grade,limit\n732829320,Allianz Trade,4,5000.00\n552100554,Coface,3,100\n")
    assert report.status_code == 200, report.text
    assert report.json() == {
        "rows": 2,
        "accepted": 1,
        "rejected": 1,
        "errors": [
            {"line": 3, "column": "siren", "reason": "no debtor with this identifier has a case with the agency"}
        ],
    }
    alerts = scoring.outbox("recouvra.scoring.exposure.alerted.v1")
    assert [(a["reason"], a["exposure"], a["limit"]) for a in alerts] == [("limit_exceeded", "8000.00", "5000.00")]
    item = scoring.client.get("/api/v1/worklist", headers=scoring.headers("agent")).json()["items"][0]
    assert item["exposure_alert"] == "limit_exceeded"

    upload(scoring, f"debtor_id;insurer;grade;limit\n{debtor.debtor_id};Allianz Trade;7;20 000,00\n")
    alerts = scoring.outbox("recouvra.scoring.exposure.alerted.v1")
    assert [a["reason"] for a in alerts] == ["limit_exceeded", "grade_fell"]
    score = scoring.client.get(f"/api/v1/debtors/{debtor.debtor_id}/score", headers=scoring.headers("agent")).json()
    assert {r["code"]: r["value"] for r in score["reasons"]}["INSURER_GRADE"] == 7


def close_cases(scoring, intake, *, count, noisy_every):
    """`count` validated and closed cases: the older the debt, the likelier it was written off, except every
    `noisy_every`-th case, which went the other way."""
    for n in range(count):
        overdue = 10 + 10 * n
        debtor = intake.debtor(f"Debtor {n}")
        case = intake.validated(
            CREDITOR,
            debtor,
            [intake.invoice(f"F{n}", date(2025, 1, 1), date(2026, 11, 24) - timedelta(days=overdue), "1000.00")],
        )
        # The training set is read in the order of its case ids, and the held-out split is seeded: ids in the order
        # of the loop make the split, and so the model's AUC and its activation, the same at every run (random ids
        # let a noisy split fall under the activation threshold now and then).
        case = case.model_copy(update={"case_id": str(uuid.UUID(int=n + 1))})
        scoring.apply(case)
        recovered = overdue < 300 if n % noisy_every else overdue >= 300
        scoring.apply(
            CaseClosed(
                case_id=case.case_id,
                creditor_id=CREDITOR,
                debtor_id=debtor.debtor_id,
                reason="paid" if recovered else "written_off",
                closed_on=date(2026, 11, 24),
            )
        )


def test_retraining_needs_enough_outcomes_then_versions_a_scorecard_that_scores_new_cases(scoring, intake):
    admin = scoring.headers("admin")
    too_few = scoring.client.post("/api/v1/scoring/models/retrain", headers=admin)
    assert too_few.status_code == 409 and "expert" not in too_few.json()["detail"]
    assert "0 found" in too_few.json()["detail"]
    close_cases(scoring, intake, count=60, noisy_every=7)
    trained = scoring.client.post("/api/v1/scoring/models/retrain", headers=admin)
    assert trained.status_code == 201, trained.text
    model = trained.json()
    assert model["version"] == "scorecard-1" and model["training_rows"] == 60 and model["active"] is True
    assert model["metrics"]["auc_lower_bound"] >= 0.6 and model["metrics"]["test_rows"] == 18
    assert model["decision"].startswith("in use: AUC") and model["decision_fr"].startswith("utilisé : AUC de")
    listing = scoring.client.get("/api/v1/scoring/models", headers=scoring.headers("agent")).json()
    assert listing["in_use"] == "scorecard-1"
    assert [m["version"] for m in listing["items"]] == ["scorecard-1", "expert-1"]

    fresh = intake.debtor("Newcomer SARL")
    scoring.apply(
        intake.validated(CREDITOR, fresh, [intake.invoice("N1", date(2026, 10, 1), date(2026, 11, 1), "700")])
    )
    score = scoring.client.get(f"/api/v1/debtors/{fresh.debtor_id}/score", headers=admin).json()
    assert score["model_version"] == "scorecard-1"
    assert "DEBT_AGE" in {r["code"] for r in score["reasons"]}
    assert scoring.client.post("/api/v1/scoring/models/retrain", headers=scoring.headers("agent")).status_code == 403


def test_a_model_whose_auc_could_be_luck_on_few_held_out_cases_is_kept_but_not_activated(scoring, intake):
    """Before, a held-out AUC of 0.60 was enough, however few the cases it was measured on: on 18 it could be a
    lucky split. Now the AUC must be at least 0.60 with 95 % confidence; the expert scorecard stays in use."""
    close_cases(scoring, intake, count=60, noisy_every=3)
    trained = scoring.client.post("/api/v1/scoring/models/retrain", headers=scoring.headers("admin"))
    assert trained.status_code == 201, trained.text
    model = trained.json()
    assert model["metrics"]["auc"] >= 0.6 > model["metrics"]["auc_lower_bound"]  # activated under the old rule
    assert model["active"] is False
    assert model["decision"].startswith("not activated") and "non activé" in model["decision_fr"]
    listing = scoring.client.get("/api/v1/scoring/models", headers=scoring.headers("agent")).json()
    assert listing["in_use"] == "expert-1"
    assert [(m["version"], m["active"]) for m in listing["items"]] == [("scorecard-1", False), ("expert-1", True)]
