"""Each member of staff's figures over a period, through the API: the calls they made and how many reached someone,
the promises they recorded and how those ended (kept, broken, open) with the amounts promised and paid, the plans,
the disputes they settled; what lies outside the period is not counted; supervisors read it, agents do not."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from shared.events.intake import PaymentRecorded
from workbench.testing.moments import at

DUE = date(2026, 11, 2)


def as_(dunning, subject: str, role: str = "agent") -> dict[str, str]:
    return {"Authorization": f"Bearer {dunning._issue(role, subject=subject)}"}


def callback(dunning, case, agent: dict[str, str]) -> str:
    path = f"/api/v1/dunning/cases/{case.case_id}/callbacks"
    slots = dunning.client.get(path, headers=agent).json()
    asked = {"window": slots["slots"][0]["window"], "phone": "0612345678"}
    return str(dunning.client.post(path, json=asked, headers=agent).json()["task_id"])


def paid(dunning, case, amount: str, on: date) -> None:
    payment = PaymentRecorded(
        payment_id=str(uuid.uuid4()),
        case_id=case.case_id,
        creditor_id=case.creditor_id,
        debtor_id=case.debtor.debtor_id,
        amount=Decimal(amount),
        currency="EUR",
        received_on=on,
        origin="debtor_to_agency",
        reference=f"VIR-{uuid.uuid4().hex[:6]}",
        commission=Decimal("0.00"),
    )
    dunning.apply(payment, subject=case.case_id)


def test_each_agents_calls_promises_and_settled_disputes_over_the_month(dunning):
    creditor_id = uuid.uuid4()
    dunning.register_creditor(creditor_id)
    dunning.clock.set(at(DUE, 8))
    cases = [dunning.validate_case(due=DUE, creditor_id=creditor_id) for _ in range(4)]
    alice, bruno = as_(dunning, "agent-alice"), as_(dunning, "agent-bruno")
    dunning.clock.set(at(date(2026, 11, 10), 10, 30))

    promise = {"outcome": "promise", "promise": {"amount": "300.00", "due_on": "2026-11-20"}}
    told = dunning.client.post(
        f"/api/v1/dunning/tasks/{callback(dunning, cases[0], alice)}/outcome", json=promise, headers=alice
    )
    assert told.status_code == 200, told.text
    silent = {"outcome": "no_answer"}
    told = dunning.client.post(
        f"/api/v1/dunning/tasks/{callback(dunning, cases[1], alice)}/outcome", json=silent, headers=alice
    )
    assert told.status_code == 200, told.text
    made = dunning.client.post(
        f"/api/v1/dunning/cases/{cases[2].case_id}/promises",
        json={"amount": "150.00", "due_on": "2026-11-16"},
        headers=bruno,
    )
    assert made.status_code == 201, made.text
    dispute = dunning.client.post(
        f"/api/v1/dunning/cases/{cases[3].case_id}/disputes", json={"reason": "Déjà payé"}, headers=alice
    ).json()
    resolve = f"/api/v1/dunning/cases/{cases[3].case_id}/disputes/{dispute['id']}/resolve"
    settled = dunning.client.post(resolve, json={"outcome": "upheld"}, headers=bruno)
    assert settled.status_code == 200, settled.text
    paid(dunning, cases[0], "300.00", date(2026, 11, 18))  # Alice's promise kept
    dunning.clock.set(at(date(2026, 11, 20), 10))
    dunning.run()  # Bruno's, due on the 16th and unpaid, is broken
    dunning.clock.set(at(date(2026, 12, 2), 10))
    outside = dunning.client.post(
        f"/api/v1/dunning/cases/{cases[1].case_id}/promises",
        json={"amount": "50.00", "due_on": "2026-12-10"},
        headers=alice,
    )
    assert outside.status_code == 201, outside.text  # December's: not November's

    read = dunning.client.get(
        "/api/v1/dunning/performance",
        params={"from": "2026-11-01", "to": "2026-11-30"},
        headers=dunning.headers("supervisor"),
    )

    assert read.status_code == 200, read.text
    body = read.json()
    assert (body["since"], body["until"]) == ("2026-11-01", "2026-11-30")
    by_who = {item["who"]: item for item in body["items"]}
    assert set(by_who) == {"agent-alice", "agent-bruno"}
    alice_did, bruno_did = by_who["agent-alice"], by_who["agent-bruno"]
    assert (alice_did["calls"], alice_did["reached"], alice_did["calls_with_promise"]) == (2, 1, 1)
    assert (alice_did["promises"], alice_did["promises_kept"], alice_did["promises_broken"]) == (1, 1, 0)
    assert alice_did["kept_rate"] == "1.0000"
    assert alice_did["amounts"] == [{"currency": "EUR", "promised": "300.00", "paid": "300.00"}]
    assert (bruno_did["calls"], bruno_did["promises"], bruno_did["promises_broken"]) == (0, 1, 1)
    assert (bruno_did["kept_rate"], bruno_did["disputes_settled"]) == ("0.0000", 1)
    assert [item["who"] for item in body["items"]] == ["agent-alice", "agent-bruno"]  # the most calls first

    december = dunning.client.get("/api/v1/dunning/performance", headers=dunning.headers("supervisor")).json()
    assert december["since"] == "2026-12-01" and [i["who"] for i in december["items"]] == ["agent-alice"]
    assert december["items"][0]["kept_rate"] is None  # its one promise still running


def test_the_period_holds_and_only_supervisors_and_admins_read_it(dunning):
    backwards = dunning.client.get(
        "/api/v1/dunning/performance",
        params={"from": "2026-11-30", "to": "2026-11-01"},
        headers=dunning.headers("admin") | {"Accept-Language": "fr"},
    )
    assert backwards.status_code == 422 and backwards.json()["detail"] == "from : le premier jour suit le dernier"
    too_long = dunning.client.get(
        "/api/v1/dunning/performance",
        params={"from": "2025-01-01", "to": "2026-11-01"},
        headers=dunning.headers("admin"),
    )
    assert too_long.status_code == 422
    assert dunning.client.get("/api/v1/dunning/performance", headers=dunning.headers("agent")).status_code == 403
