"""The agent's "Enregistrer une promesse" form on a case's page, and the case's planned reminders, against a real
intake and dunning's API as the page reads it: what is not an amount or a date is refused on the page, in its
language, naming the field as the form labels it; an amount written the French way reaches dunning as a decimal;
dunning's own refusals (the bounds) are shown as it words them, the typed values kept; a reminder whose day has
passed is never shown as still to come."""

from __future__ import annotations

import html
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.responses import JSONResponse

from shared.demo import DEMO_CREDITOR_ID

BOUND = (
    "Le montant promis, 99\u202f999,00\u00a0€, dépasse les 1\u202f591,93\u00a0€ dus sur le dossier : une promesse "
    "porte au plus sur ce solde."
)


class FakeDunning:
    """dunning's API as the case page reads it: the steps it is given, the promises posted to it."""

    def __init__(self) -> None:
        self.app = FastAPI()
        self.posted: list[dict[str, Any]] = []
        self.steps: dict[str, Any] = {"status": "active", "items": []}
        self.refuse: bool = False

        @self.app.get("/api/v1/dunning/cases/{case_id}/steps")
        def steps(case_id: str) -> dict[str, Any]:
            return {"case_id": case_id, "scenario": "default-fr", "promise_resumes_on": None, **self.steps}

        @self.app.get("/api/v1/dunning/cases/{case_id}/plans")
        @self.app.get("/api/v1/dunning/cases/{case_id}/disputes")
        def nothing(case_id: str) -> list[Any]:
            return []

        @self.app.get("/api/v1/dunning/tasks")
        def tasks() -> dict[str, Any]:
            return {"items": [], "total": 0}

        @self.app.post("/api/v1/dunning/cases/{case_id}/promises")
        def promise(case_id: str, body: dict[str, Any]) -> JSONResponse:
            self.posted.append(body)
            if self.refuse:
                detail = {"detail": BOUND, "detail_fr": BOUND, "detail_en": "…", "field": "amount"}
                return JSONResponse(detail, status_code=422)
            return JSONResponse({"id": "p", "case_id": case_id, **body}, status_code=201)


@pytest.fixture
def dunning() -> FakeDunning:
    return FakeDunning()


@pytest.fixture
def case_page(portal_for, intake_url, serve, dunning, sign_in, new_case, issue_token):
    """An agent signed in, and the path of a case in amicable collection."""
    portal = portal_for(service_urls={"intake": intake_url, "dunning": serve(dunning.app)})
    admin = {"Authorization": f"Bearer {issue_token('admin')}"}
    case = portal.post(
        "/api/v1/cases", json={**new_case("PROM-0001"), "creditor_id": str(DEMO_CREDITOR_ID)}, headers=admin
    )
    assert case.status_code == 201, case.text
    validated = portal.post(
        f"/api/v1/cases/{case.json()['id']}/validate", json={"override_reason": "test"}, headers=admin
    )
    assert validated.status_code == 200, validated.text
    sign_in(portal, "agent@demo.example")
    return portal, f"/cases/{case.json()['id']}"


def record(case_page, csrf_of, amount: str, due_on: str = "2026-12-15", language: str | None = None):
    portal, path = case_page
    if language:
        portal.cookies.set("recouvra_lang", language)
    page = portal.get(path)
    assert page.status_code == 200 and 'action="' + path + '/promises"' in page.text
    return portal.post(f"{path}/promises", data={"csrf": csrf_of(page.text), "amount": amount, "due_on": due_on})


def alerts(page) -> str:
    return (
        html.unescape(page.text.split('role="alert"', 1)[1].split("</div>", 1)[0])
        if 'role="alert"' in page.text
        else ""
    )


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("abc", "Montant promis : « abc » n'est pas un montant ; écrivez par exemple 1\u202f200,00"),
        ("-50", "Montant promis : indiquez un montant supérieur à zéro"),
        ("12,345", "Montant promis : « 12,345 » a plus de deux décimales"),
        ("", "Montant promis : indiquez le montant promis"),
    ],
)
def test_what_is_not_an_amount_is_refused_on_the_french_page_naming_the_forms_field(
    case_page, csrf_of, dunning, amount, message
):
    refused = record(case_page, csrf_of, amount)

    assert refused.status_code == 422
    assert message in alerts(refused)
    assert "Value error" not in refused.text and "amount :" not in alerts(refused)
    assert dunning.posted == []  # refused before dunning is asked
    assert f'value="{html.escape(amount)}"' in refused.text  # what was typed is given back


def test_the_english_page_says_it_in_english(case_page, csrf_of, dunning):
    refused = record(case_page, csrf_of, "abc", language="en")
    assert refused.status_code == 422
    assert 'Amount promised: "abc" is not an amount; write it as, for example, 1,200.00' in alerts(refused)


def test_a_day_that_is_not_one_is_refused_naming_the_date_field(case_page, csrf_of, dunning):
    refused = record(case_page, csrf_of, "100", due_on="le 20")
    assert refused.status_code == 422 and "Date promise : « le 20 » n'est pas une date" in alerts(refused)
    assert dunning.posted == []


@pytest.mark.parametrize(
    ("amount", "due_on", "language", "sent"),
    [
        ("1 200,50", "2026-12-15", None, {"amount": "1200.50", "due_on": "2026-12-15"}),
        ("1\u202f200,50 €", "15/12/2026", None, {"amount": "1200.50", "due_on": "2026-12-15"}),
        ("1.200,50", "2026-12-15", None, {"amount": "1200.50", "due_on": "2026-12-15"}),
        ("1,200.50", "2026-12-15", "en", {"amount": "1200.50", "due_on": "2026-12-15"}),
        ("600", "2026-12-15", None, {"amount": "600.00", "due_on": "2026-12-15"}),
    ],
)
def test_an_amount_written_as_the_reader_writes_it_reaches_dunning_as_a_decimal(
    case_page, csrf_of, dunning, amount, due_on, language, sent
):
    recorded = record(case_page, csrf_of, amount, due_on=due_on, language=language)

    assert recorded.status_code == 303 and recorded.headers["location"].endswith("?did=promise#actions")
    assert dunning.posted == [sent]


def test_dunnings_refusal_of_a_promise_beyond_the_balance_is_shown_as_it_words_it(case_page, csrf_of, dunning):
    dunning.refuse = True
    refused = record(case_page, csrf_of, "99 999,00")

    assert refused.status_code == 422 and dunning.posted == [{"amount": "99999.00", "due_on": "2026-12-15"}]
    assert BOUND in alerts(refused)
    assert 'aria-invalid="true"' in refused.text and 'value="99 999,00"' in refused.text


def test_a_reminder_whose_day_passed_is_shown_as_due_or_on_the_day_the_promise_breaks_never_as_to_come(
    case_page, dunning
):
    portal, path = case_page
    step = {"id": None, "step": "email-1", "channel": "email", "template": "email-courteous", "status": "scheduled"}
    step |= {"executed_at": None, "message_id": None, "note": None, "held_until": None}
    dunning.steps = {"status": "active", "items": [{**step, "due_at": "2026-12-07T08:00:00Z", "overdue": True}]}
    resumed = html.unescape(portal.get(path).text)
    dunning.steps = {
        "status": "promise",
        "items": [{**step, "due_at": "2026-12-07T08:00:00Z", "overdue": False, "held_until": "2026-12-23"}],
    }
    paused = html.unescape(portal.get(path).text)
    dunning.steps = {"status": "dispute", "items": [{**step, "due_at": "2026-12-07T08:00:00Z", "overdue": True}]}
    held = html.unescape(portal.get(path).text)

    def row(text: str) -> str:
        return text.split('id="steps-title"', 1)[1].split("</table>", 1)[0]

    assert "7 décembre 2026" in row(resumed) and "À envoyer maintenant" in row(resumed) and "Prévue" not in row(resumed)
    assert "23 décembre 2026" in row(paused) and "Si la promesse n'est pas tenue" in row(paused)
    assert "7 décembre 2026" not in row(paused) and "Prévue" not in row(paused)
    assert "En attente de la reprise des relances" in row(held) and "Prévue" not in row(held)
