"""Champion and challenger over the real database: a supervisor starts an experiment on a scenario (refused in plain
words for an unknown scenario, the same one twice, or a second on the same champion); the cases validated after it
are put in its arms (its creditor's only), the challenger's following the other scenario; each arm's figures (placed,
collected, settled, disputed) and whether the difference is claimed; stopping it keeps the cases where they are."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from shared.events.intake import CaseBalanceChanged, PaymentRecorded
from workbench.testing.moments import at

DUE = date(2026, 10, 1)
FIRM = {
    "name": "Ferme",
    "exhaust_after_days": 10,
    "steps": [{"code": "call", "channel": "email", "template": "email-firm", "offset_days": 1, "anchor": "due"}],
}


def paid(dunning, case, amount: str) -> None:
    payment = PaymentRecorded(
        payment_id=str(uuid.uuid4()),
        case_id=case.case_id,
        creditor_id=case.creditor_id,
        debtor_id=case.debtor.debtor_id,
        amount=Decimal(amount),
        currency="EUR",
        received_on=date(2026, 10, 20),
        origin="debtor_to_agency",
        reference=f"VIR-{case.reference}",
    )
    dunning.apply(payment, subject=case.case_id)
    left = Decimal("1200.00") - Decimal(amount)
    balance = CaseBalanceChanged(
        case_id=case.case_id,
        creditor_id=case.creditor_id,
        debtor_id=case.debtor.debtor_id,
        as_of=date(2026, 10, 20),
        principal_outstanding=left,
        balance=left,
        invoices=[],
    )
    dunning.apply(balance, subject=case.case_id)


def test_an_experiment_splits_the_new_cases_of_its_champion_and_compares_its_arms(dunning):
    supervisor = dunning.headers("supervisor")
    saved = dunning.client.put("/api/v1/dunning/scenarios/ferme", json=FIRM, headers=supervisor)
    assert saved.status_code == 200, saved.text
    alpha, beta = uuid.uuid4(), uuid.uuid4()
    dunning.register_creditor(alpha)
    dunning.register_creditor(beta)
    dunning.clock.set(at(DUE, 8))
    before = dunning.validate_case(due=DUE, creditor_id=alpha)  # validated before: no arm
    body = {"name": "Relance ferme d'emblée", "champion": "default-fr", "challenger": "ferme", "share": 50}

    assert dunning.client.post("/api/v1/dunning/experiments", json=body, headers=dunning.headers()).status_code == 403
    unknown = dunning.client.post(
        "/api/v1/dunning/experiments",
        json={**body, "challenger": "inconnu"},
        headers={**supervisor, "Accept-Language": "fr"},
    )
    assert unknown.status_code == 422 and "aucun scénario inconnu" in unknown.text
    same = dunning.client.post(
        "/api/v1/dunning/experiments", json={**body, "challenger": "default-fr"}, headers=supervisor
    )
    assert same.status_code == 422 and "another scenario" in same.text
    started = dunning.client.post(
        "/api/v1/dunning/experiments", json={**body, "creditor_id": str(alpha)}, headers=supervisor
    )
    assert started.status_code == 201, started.text
    experiment = started.json()
    assert experiment["running"] and experiment["results"] == [] and experiment["comparison"]["z"] is None
    second = dunning.client.post("/api/v1/dunning/experiments", json=body, headers=supervisor)
    assert second.status_code == 409 and "already runs on default-fr" in second.text

    cases = [dunning.validate_case(due=DUE, creditor_id=alpha) for _ in range(40)]
    elsewhere = dunning.validate_case(due=DUE, creditor_id=beta)
    arms = {case.case_id: dunning.steps(case.case_id) for case in cases}
    scenarios = {arm["scenario"] for arm in arms.values()}
    assert scenarios == {"default-fr", "ferme"}
    assert dunning.steps(elsewhere.case_id)["scenario"] == "default-fr"
    assert dunning.steps(before.case_id)["scenario"] == "default-fr"
    challengers = [case for case in cases if arms[case.case_id]["scenario"] == "ferme"]
    champions = [case for case in cases if arms[case.case_id]["scenario"] == "default-fr"]
    for case in challengers[:3]:
        paid(dunning, case, "1200.00")
    paid(dunning, champions[0], "200.00")

    read = dunning.client.get(f"/api/v1/dunning/experiments/{experiment['id']}", headers=dunning.headers())

    assert read.status_code == 200, read.text
    results = {line["arm"]: line for line in read.json()["results"]}
    assert results["champion"] == {
        "arm": "champion",
        "currency": "EUR",
        "cases": len(champions),
        "placed": f"{1200 * len(champions)}.00",
        "collected": "200.00",
        "recovery_rate": str((Decimal(200) * 100 / (1200 * len(champions))).quantize(Decimal("0.1"))),
        "settled": 0,
        "disputed": 0,
    }
    assert (results["challenger"]["cases"], results["challenger"]["settled"]) == (len(challengers), 3)
    assert results["challenger"]["collected"] == "3600.00"
    comparison = read.json()["comparison"]
    assert comparison["champion_settled_rate"] == "0.0" and comparison["significant"] is False  # too few to claim

    stop = f"/api/v1/dunning/experiments/{experiment['id']}/stop"
    stopped = dunning.client.post(stop, headers=supervisor)
    assert stopped.status_code == 200 and stopped.json()["running"] is False
    assert dunning.client.post(stop, headers=supervisor).json()["ended_at"] == stopped.json()["ended_at"]
    after = dunning.validate_case(due=DUE, creditor_id=alpha)
    assert dunning.steps(after.case_id)["scenario"] == "default-fr"
    assert {dunning.steps(c.case_id)["scenario"] for c in challengers} == {"ferme"}  # they keep their course
    listed = dunning.client.get("/api/v1/dunning/experiments", headers=dunning.headers()).json()
    assert [item["id"] for item in listed["items"]] == [experiment["id"]] and listed["total"] == 1
    again = dunning.client.post("/api/v1/dunning/experiments", json=body, headers=supervisor)
    assert again.status_code == 201, again.text  # the champion is free again
