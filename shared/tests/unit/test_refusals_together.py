"""Several refusals of one request said at once (`shared.errors.refuse_all`): the first answers as it alone would
(its status, text and field), and every one is listed in `errors`, in the client's language and in both."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from shared.errors import Conflict, DomainError, Invalid, Refusals, refuse_all
from shared.web_errors import install_error_handlers

TAKEN = Conflict("reference: taken", field="reference", message_fr="reference : déjà prise")
FUTURE = Invalid("invoices[1].issue_date: in the future", field="invoices[1].issue_date", message_fr="dans le futur")


def answer(errors: list[DomainError], language: str) -> dict:
    app = FastAPI()
    install_error_handlers(app)

    @app.post("/checks")
    def checks() -> None:
        refuse_all(errors)

    response = TestClient(app).post("/checks", headers={"Accept-Language": language})
    return {"status": response.status_code, **response.json()}


def test_nothing_wrong_raises_nothing_and_one_problem_is_itself():
    refuse_all([])
    with pytest.raises(Conflict) as raised:
        refuse_all([TAKEN])
    assert raised.value is TAKEN


def test_the_first_refusal_answers_and_every_one_is_listed_in_the_clients_language():
    french, english = answer([TAKEN, FUTURE], "fr"), answer([TAKEN, FUTURE], "en")

    assert (french["status"], french["field"], french["detail"]) == (409, "reference", "reference : déjà prise")
    assert [e["field"] for e in french["errors"]] == ["reference", "invoices[1].issue_date"]
    assert [e["detail"] for e in french["errors"]] == ["reference : déjà prise", "dans le futur"]
    assert [e["detail"] for e in english["errors"]] == ["reference: taken", "invoices[1].issue_date: in the future"]
    assert english["errors"][1]["detail_fr"] == "dans le futur"
    assert Refusals([FUTURE, TAKEN]).status_code == 422  # the first one's status
