"""The aged balance per debtor and its export are bounded (issue 11): a page at a time (`offset`, `limit`), the
portfolio's total and debtor count over every debtor; the daily rescoring runs on the worker engine."""

import io
import uuid
from csv import reader
from datetime import date

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from shared.limits import MAX_OFFSET, MAX_PAGE_SIZE

from scoring import main as scoring_main
from scoring.main import create_app

CREDITOR = str(uuid.uuid4())
# five debtors, two of them tied on 300.00 (the name orders them), the largest total first
OWED = [("Alpha", "500.00"), ("Delta", "300.00"), ("Charlie", "300.00"), ("Bravo", "200.00"), ("Echo", "100.00")]
ORDER = ["Alpha", "Charlie", "Delta", "Bravo", "Echo"]


@pytest.fixture
def portfolio(scoring, intake):
    for name, amount in OWED:
        invoice = intake.invoice(f"F-{name}", date(2026, 9, 1), date(2026, 10, 1), amount)
        scoring.apply(intake.validated(CREDITOR, intake.debtor(name), [invoice], reference=f"R-{name}"))
    return scoring


def per_debtor(scoring, **params):
    response = scoring.client.get(
        "/api/v1/aged-balance/debtors", params={"creditor_id": CREDITOR, **params}, headers=scoring.headers("agent")
    )
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize(("offset", "limit"), [(0, 1), (1, 1), (1, 2), (2, 1), (3, 5), (0, 5), (5, 5)])
def test_the_per_debtor_aged_balance_is_paged_in_the_order_of_the_whole_list(portfolio, offset, limit):
    page = per_debtor(portfolio, offset=offset, limit=limit)
    assert [item["name"] for item in page["items"]] == ORDER[offset : offset + limit]
    assert (page["total"], page["debtors"]) == ("1400.00", 5), "the whole portfolio, not the page"


@pytest.mark.parametrize("path", ["/api/v1/aged-balance/debtors", "/api/v1/aged-balance/export"])
@pytest.mark.parametrize("query", [{"limit": 0}, {"offset": MAX_OFFSET + 1}])
def test_a_page_beyond_the_bounds_is_refused_with_a_422(scoring, path, query):
    response = scoring.client.get(path, params=query, headers=scoring.headers("agent"))
    assert response.status_code == 422, response.text


def test_a_per_debtor_page_holds_at_most_two_hundred_debtors(scoring):
    response = scoring.client.get(
        "/api/v1/aged-balance/debtors", params={"limit": MAX_PAGE_SIZE + 1}, headers=scoring.headers("agent")
    )
    assert response.status_code == 422, response.text


def test_the_export_is_a_page_of_debtors_and_tells_how_many_there_are_in_all(portfolio):
    params = {"creditor_id": CREDITOR, "offset": 1, "limit": 2}
    csv = portfolio.client.get("/api/v1/aged-balance/export", params=params, headers=portfolio.headers("agent"))
    assert csv.status_code == 200 and csv.headers["X-Total-Count"] == "5"
    assert csv.headers["X-Content-Type-Options"] == "nosniff"
    assert [row[1] for row in reader(io.StringIO(csv.text), delimiter=";")][1:] == ["Charlie", "Delta"]
    xlsx = portfolio.client.get(
        "/api/v1/aged-balance/export", params={**params, "format": "xlsx"}, headers=portfolio.headers("agent")
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [row[1].value for row in sheet.iter_rows(min_row=2)] == ["Charlie", "Delta"]
    too_many = portfolio.client.get(
        "/api/v1/aged-balance/export", params={"limit": 10_001}, headers=portfolio.headers("agent")
    )
    assert too_many.status_code == 422


def test_the_daily_rescoring_runs_on_the_worker_engine(settings_for, clock, verifier, monkeypatch):
    engines = []
    original = scoring_main.scoring_daily

    def recorded(**kwargs):
        engines.append(kwargs["engine"])
        return original(**kwargs)

    monkeypatch.setattr(scoring_main, "scoring_daily", recorded)
    settings = settings_for("scoring", run_workers=True, rescore_check_interval_s=3600)
    with TestClient(create_app(settings, clock=clock, verifier=verifier)) as client:
        runtime = client.app.state.runtime
        assert engines == [runtime.worker_engine]
