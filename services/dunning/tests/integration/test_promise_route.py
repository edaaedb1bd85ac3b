"""Recording a promise through the API: its bounds (more than zero, at most the balance the statement of account
gives today, within thirty days) refused in plain French and English naming the field, never a 500."""

from __future__ import annotations

from datetime import date

import pytest

from workbench.testing.moments import at

DUE = date(2026, 11, 2)
OWED = "1\u202f252,34\u00a0€"  # the test's statement: 1,200.00 of principal, 12.34 of penalties, the 40.00 indemnity


@pytest.fixture
def case(dunning):
    dunning.clock.set(at(DUE, 8))
    validated = dunning.validate_case(due=DUE, amount="1200.00")
    dunning.clock.set(at(date(2026, 11, 20)))
    return validated


def promise(dunning, case, body, language="fr"):
    headers = {**dunning.headers(), "Accept-Language": language}
    return dunning.client.post(f"/api/v1/dunning/cases/{case.case_id}/promises", json=body, headers=headers)


def test_a_promise_of_more_than_the_case_owes_is_refused_naming_the_balance(dunning, case):
    refused = promise(dunning, case, {"amount": "99999.00", "due_on": "2026-12-01"})
    english = promise(dunning, case, {"amount": "99999.00", "due_on": "2026-12-01"}, language="en")
    whole = promise(dunning, case, {"amount": "1252.34", "due_on": "2026-12-01"})

    assert refused.status_code == 422 and refused.json()["field"] == "amount"
    assert refused.json()["detail"] == (
        f"Le montant promis, 99\u202f999,00\u00a0€, dépasse les {OWED} dus sur le dossier : une promesse porte au plus "
        "sur ce solde."
    )
    assert english.status_code == 422 and "€1,252.34 owed on the case" in english.json()["detail"]
    assert whole.status_code == 201, whole.text  # the whole balance of the statement, penalties and indemnity included
    assert dunning.steps(case.case_id)["status"] == "promise"


def test_a_promise_a_year_off_is_refused_and_one_within_thirty_days_accepted(dunning, case):
    year_off = promise(dunning, case, {"amount": "500.00", "due_on": "2027-11-20"})
    last_day = promise(dunning, case, {"amount": "500.00", "due_on": "2026-12-20"})

    assert year_off.status_code == 422 and year_off.json()["field"] == "due_on"
    assert "au plus tard le 20 décembre 2026" in year_off.json()["detail"]
    assert "convenez d'un échéancier" in year_off.json()["detail"]
    assert last_day.status_code == 201, last_day.text
    assert dunning.outbox("recouvra.dunning.promise.made.v1")[-1]["due_on"] == "2026-12-20"


@pytest.mark.parametrize(
    ("amount", "french", "english"),
    [
        ("abc", "« abc » n'est pas un montant", '"abc" is not an amount'),
        ("-50", "le montant promis doit être supérieur à zéro", "the amount promised must be more than zero"),
        ("12.345", "deux décimales au plus", "two decimals at most"),
        ("1e30", "le montant est trop grand", "the amount is too large"),
        (12.5, "jamais comme un nombre à virgule flottante", "never as a floating-point number"),
    ],
)
def test_an_amount_that_is_not_one_is_refused_in_plain_words_in_both_languages(dunning, case, amount, french, english):
    body = {"amount": amount, "due_on": "2026-12-01"}
    in_french, in_english = promise(dunning, case, body), promise(dunning, case, body, language="en")

    assert in_french.status_code == 422 and in_english.status_code == 422
    assert french in str(in_french.json()["detail"]) and "Value error" not in str(in_french.json()["detail"])
    assert english in str(in_english.json()["detail"])
    assert dunning.outbox("recouvra.dunning.promise.made.v1") == []


def test_a_promise_for_a_day_already_passed_is_refused_in_plain_words(dunning, case):
    refused = promise(dunning, case, {"amount": "500.00", "due_on": "2026-11-19"})
    assert refused.status_code == 422 and refused.json()["field"] == "due_on"
    assert refused.json()["detail"].startswith("La date promise, le 19 novembre 2026, est passée")


def test_a_step_a_promise_holds_is_listed_on_the_day_it_would_leave_if_the_promise_is_not_kept(dunning):
    dunning.clock.set(at(date(2026, 12, 2), 8))
    case = dunning.validate_case(due=date(2026, 12, 2))  # its first e-mail falls due on Monday 7 December
    dunning.clock.set(at(date(2026, 12, 3)))
    assert promise(dunning, case, {"amount": "600.00", "due_on": "2026-12-17"}).status_code == 201

    steps = dunning.steps(case.case_id)

    assert steps["status"] == "promise" and steps["promise_resumes_on"] == "2026-12-20"  # 17 December + 2 days
    [held] = steps["items"]
    assert (held["status"], held["overdue"]) == ("scheduled", False)
    assert held["held_until"] == "2026-12-21"  # broken on Sunday the 20th: no e-mail leaves before Monday


def callback_task(dunning, case) -> str:
    """A call-back the debtor asked for on the case: a phone task an agent records the outcome of."""
    slots = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/callbacks", headers=dunning.headers()).json()
    return str(
        dunning.client.post(
            f"/api/v1/dunning/cases/{case.case_id}/callbacks",
            json={"window": slots["slots"][0]["window"], "phone": "0612345678"},
            headers=dunning.headers(),
        ).json()["task_id"]
    )


def test_a_promise_made_on_the_phone_is_bounded_by_the_statement_of_the_day_not_the_principal_alone(dunning, case):
    task = callback_task(dunning, case)
    outcome = f"/api/v1/dunning/tasks/{task}/outcome"

    too_much = dunning.client.post(
        outcome,
        json={"outcome": "promise", "promise": {"amount": "1252.35", "due_on": "2026-12-01"}},
        headers=dunning.headers(),
    )
    whole = dunning.client.post(
        outcome,
        json={"outcome": "promise", "promise": {"amount": "1252.34", "due_on": "2026-12-01"}},
        headers=dunning.headers(),
    )

    assert too_much.status_code == 422 and "€1,252.34 owed on the case" in too_much.json()["detail"]
    assert whole.status_code == 200, whole.text  # the principal, the penalties and the indemnity of the statement
    assert dunning.steps(case.case_id)["status"] == "promise"


def test_a_dispute_heard_on_the_phone_says_what_the_debtor_finds_wrong(dunning, case):
    task = callback_task(dunning, case)
    heard = {"outcome": "dispute", "dispute_reason": "Remise de 10 % oubliée", "dispute_category": "wrong_amount"}
    told = dunning.client.post(f"/api/v1/dunning/tasks/{task}/outcome", json=heard, headers=dunning.headers())
    assert told.status_code == 200, told.text
    [dispute] = dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/disputes", headers=dunning.headers()).json()
    assert (dispute["category"], dispute["reason"]) == ("wrong_amount", "Remise de 10 % oubliée")
