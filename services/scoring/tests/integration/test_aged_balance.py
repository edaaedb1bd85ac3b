"""The aged balance of a creditor, today and as of a past date with payments in between, against a hand computation."""

import io
import uuid
from csv import reader
from datetime import date

import pytest
from openpyxl import load_workbook

CREDITOR_A, CREDITOR_B = str(uuid.uuid4()), str(uuid.uuid4())


@pytest.fixture
def portfolio(scoring, intake):
    """Today is 2026-11-24 (the test clock)."""
    debtor, invoice, validated = intake.debtor, intake.invoice, intake.validated
    balance_changed = intake.balance_changed
    dupont, martin = debtor("Dupont SARL"), debtor("Martin SAS")
    c1 = validated(
        CREDITOR_A,
        dupont,
        [
            invoice("F1", date(2026, 6, 1), date(2026, 7, 1), "1200.00"),
            invoice("F2", date(2026, 9, 1), date(2026, 10, 1), "800.00"),
            invoice("F3", date(2026, 10, 15), date(2026, 11, 14), "500.00"),
            invoice("F4", date(2026, 11, 10), date(2026, 12, 10), "300.00"),
        ],
    )
    c2 = validated(CREDITOR_A, martin, [invoice("G1", date(2026, 8, 1), date(2026, 8, 31), "2000.00")])
    c3 = validated(CREDITOR_B, dupont, [invoice("H1", date(2026, 9, 1), date(2026, 10, 1), "999.99")])
    for case in (c1, c2, c3):
        scoring.apply(case, subject=case.case_id, tenant=case.creditor_id)
    scoring.apply(balance_changed(c1, date(2026, 10, 20), {"F1": "700.00"}))  # 500 paid on F1
    scoring.apply(balance_changed(c2, date(2026, 11, 5), {"G1": "1500.00"}))  # 500 paid on G1
    scoring.apply(balance_changed(c1, date(2026, 11, 20), {"F1": "0.00"}))  # F1 settled
    return scoring


def buckets(body):
    return {b["label"]: (b["amount"], b["count"]) for b in body["buckets"]}


def test_the_aged_balance_as_of_today_matches_the_hand_computation_bucket_by_bucket(portfolio):
    response = portfolio.client.get(
        "/api/v1/aged-balance", params={"creditor_id": CREDITOR_A}, headers=portfolio.headers("agent")
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["as_of"] == "2026-11-24"
    # F1 settled; F2 54 days late; F3 10 days; G1 85 days with 1500 left; F4 due 2026-12-10
    assert buckets(body) == {"0-30": ("500.00", 1), "31-60": ("800.00", 1), "61-90": ("1500.00", 1), "90+": ("0.00", 0)}
    assert body["not_due"] == {"amount": "300.00", "count": 1}
    assert body["total"] == "3100.00"


def test_the_aged_balance_as_of_a_past_date_ignores_later_payments_and_later_invoices(portfolio):
    body = portfolio.client.get(
        "/api/v1/aged-balance",
        params={"creditor_id": CREDITOR_A, "as_of": "2026-10-31"},
        headers=portfolio.headers("agent"),
    ).json()
    # F1 122 days late with 700 left after the 20 October payment; F2 30 days; F3 not yet due; F4 not yet issued;
    # G1 61 days with its 2000 (paid down on 5 November only)
    assert buckets(body) == {"0-30": ("800.00", 1), "31-60": ("0.00", 0), "61-90": ("2000.00", 1), "90+": ("700.00", 1)}
    assert body["not_due"] == {"amount": "500.00", "count": 1}
    assert body["total"] == "4000.00"
    before = portfolio.client.get(
        "/api/v1/aged-balance",
        params={"creditor_id": CREDITOR_A, "as_of": "2026-10-19"},
        headers=portfolio.headers("agent"),
    ).json()
    assert buckets(before)["90+"] == ("1200.00", 1)


def test_a_creditor_sees_its_own_aged_balance_and_another_creditor_does_not_exist_for_it(portfolio):
    own = portfolio.client.get("/api/v1/aged-balance", headers=portfolio.headers("creditor", CREDITOR_B)).json()
    assert own["total"] == "999.99" and own["creditor_id"] == CREDITOR_B
    other = portfolio.client.get(
        "/api/v1/aged-balance", params={"creditor_id": CREDITOR_A}, headers=portfolio.headers("creditor", CREDITOR_B)
    )
    assert other.status_code == 404


def test_bucket_limits_can_be_chosen_and_bad_limits_are_explained(portfolio):
    body = portfolio.client.get(
        "/api/v1/aged-balance",
        params={"creditor_id": CREDITOR_A, "limits": "60,120"},
        headers=portfolio.headers("agent"),
    ).json()
    assert buckets(body) == {"0-60": ("1300.00", 2), "61-120": ("1500.00", 1), "120+": ("0.00", 0)}
    bad = portfolio.client.get("/api/v1/aged-balance", params={"limits": "90,30"}, headers=portfolio.headers("agent"))
    assert bad.status_code == 422 and "limits" in bad.json()["detail"]
    not_a_date = portfolio.client.get(
        "/api/v1/aged-balance", params={"as_of": "yesterday"}, headers=portfolio.headers("agent")
    )
    assert not_a_date.status_code == 422


def test_the_aged_balance_per_debtor_is_exported_as_csv_and_xlsx(portfolio):
    params = {"creditor_id": CREDITOR_A}
    per_debtor = portfolio.client.get(
        "/api/v1/aged-balance/debtors", params=params, headers=portfolio.headers("agent")
    ).json()
    assert [(item["name"], item["total"]) for item in per_debtor["items"]] == [
        ("Dupont SARL", "1600.00"),
        ("Martin SAS", "1500.00"),
    ]
    csv = portfolio.client.get(
        "/api/v1/aged-balance/export", params={**params, "format": "csv"}, headers=portfolio.headers("agent")
    )
    assert csv.headers["content-type"].startswith("text/csv")
    lines = csv.text.splitlines()
    assert lines[0] == "debtor_id;debtor;not_due;0-30;31-60;61-90;90+;total;invoices;currency"
    # French Excel reads a semicolon file with a decimal comma
    assert lines[1].split(";")[1:] == [
        "Dupont SARL",
        "300,00",
        "500,00",
        "800,00",
        "0,00",
        "0,00",
        "1600,00",
        "3",
        "EUR",
    ]
    intl = portfolio.client.get(
        "/api/v1/aged-balance/export", params={**params, "dialect": "intl"}, headers=portfolio.headers("agent")
    )
    assert intl.text.splitlines()[1].split(",")[1:] == [
        "Dupont SARL",
        "300.00",
        "500.00",
        "800.00",
        "0.00",
        "0.00",
        "1600.00",
        "3",
        "EUR",
    ]
    xlsx = portfolio.client.get(
        "/api/v1/aged-balance/export", params={**params, "format": "xlsx"}, headers=portfolio.headers("agent")
    )
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [cell.value for cell in sheet[3]][1:] == ["Martin SAS", 0, 0, 0, 1500, 0, 1500, 1, "EUR"]
    amounts = [cell for row in sheet.iter_rows(min_row=2, min_col=3, max_col=8) for cell in row]
    assert {(cell.data_type, cell.number_format) for cell in amounts} == {("n", "#,##0.00")}


def test_a_debtor_name_that_a_spreadsheet_would_run_as_a_formula_is_exported_as_text(scoring, intake):
    evil = intake.debtor('=HYPERLINK("http://evil.example","Click")')
    scoring.apply(
        intake.validated(CREDITOR_A, evil, [intake.invoice("E1", date(2026, 9, 1), date(2026, 10, 1), "100.00")])
    )
    params = {"creditor_id": CREDITOR_A}
    csv = scoring.client.get("/api/v1/aged-balance/export", params=params, headers=scoring.headers("agent"))
    rows = list(reader(io.StringIO(csv.text), delimiter=";"))
    assert rows[1][1] == "'" + evil.name
    xlsx = scoring.client.get(
        "/api/v1/aged-balance/export", params={**params, "format": "xlsx"}, headers=scoring.headers("agent")
    )
    cell = load_workbook(io.BytesIO(xlsx.content)).active["B2"]
    assert cell.data_type == "s" and cell.value == "'" + evil.name


def test_the_aged_balance_is_given_per_currency_and_never_adds_dollars_to_euros(scoring, intake):
    debtor = intake.debtor("Global Trade SA")
    in_usd = intake.invoice("U1", date(2026, 9, 1), date(2026, 10, 1), "5000.00").model_copy(update={"currency": "USD"})
    scoring.apply(intake.validated(CREDITOR_A, debtor, [in_usd], reference="USD-1"))
    scoring.apply(
        intake.validated(
            CREDITOR_A,
            debtor,
            [intake.invoice("E1", date(2026, 9, 1), date(2026, 10, 1), "1000.00")],
            reference="EUR-1",
        )
    )
    headers, params = scoring.headers("agent"), {"creditor_id": CREDITOR_A}
    euros = scoring.client.get("/api/v1/aged-balance", params=params, headers=headers).json()
    assert (euros["currency"], euros["total"], buckets(euros)["31-60"]) == ("EUR", "1000.00", ("1000.00", 1))
    dollars = scoring.client.get("/api/v1/aged-balance", params={**params, "currency": "usd"}, headers=headers).json()
    assert (dollars["currency"], dollars["total"]) == ("USD", "5000.00")
    per_debtor = scoring.client.get(
        "/api/v1/aged-balance/debtors", params={**params, "currency": "USD"}, headers=headers
    ).json()
    assert (per_debtor["currency"], per_debtor["total"]) == ("USD", "5000.00")
    bad = scoring.client.get("/api/v1/aged-balance", params={"currency": "euro"}, headers=headers)
    assert bad.status_code == 422 and "currency" in bad.json()["detail"]
