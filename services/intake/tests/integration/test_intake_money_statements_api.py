"""Statements of account through the API: docs/rules.md §2.6 and §3.1 to the cent, on a real database."""

from __future__ import annotations

import logging
from datetime import date

from shared.demo import DEMO_CREDITOR_ID

from intake.rates.table import warn_of_missing_rates


def test_an_invoice_paid_90_days_late_in_s1_2026_owes_299_59_of_penalties_and_the_40_euro_indemnity(
    api, open_case, statement, invoice
):
    case = open_case("EX-A", [invoice("F-A", "2026-01-15", "10000.00")])
    account = statement(case, "2026-04-15")
    assert {
        k: account[k] for k in ("as_of", "principal", "penalties", "indemnities", "interest", "paid", "balance")
    } == {
        "as_of": "2026-04-15",
        "principal": "10000.00",
        "penalties": "299.59",
        "indemnities": "40.00",
        "interest": "0.00",
        "paid": "0.00",
        "balance": "10339.59",
    }
    penalties = next(line for line in account["lines"] if line["kind"] == "penalties")
    assert penalties["periods"] == [
        {
            "start": "2026-01-16",
            "end": "2026-04-15",
            "days": 90,
            "rate": "0.1215",
            "base": "10000.00",
            "semester": "S1 2026",
        }
    ]
    assert "L441-10" in penalties["label"] and account["rf_reference"].startswith("RF")


def test_the_semester_crossing_example_gives_303_70_and_324_25_when_the_rate_is_frozen(
    api, open_case, statement, invoice
):
    split = open_case("EX-B", [invoice("F-B", "2025-06-15", "10000.00")])
    account = statement(split, "2025-09-13")
    assert (account["penalties"], account["indemnities"]) == ("303.70", "40.00")
    periods = next(line for line in account["lines"] if line["kind"] == "penalties")["periods"]
    assert [(p["days"], p["rate"]) for p in periods] == [(15, "0.1315"), (75, "0.1215")]

    frozen = api.client.post(
        f"/api/v1/creditors/{split['creditor_id']}/mandates",
        headers=api.admin,
        json={"commission_rate": "0.15", "phases": ["amicable"], "freeze_penalty_rate": True},
    )
    assert frozen.status_code == 201, frozen.text
    case = open_case(
        "EX-B-FROZEN",
        [invoice("F-B2", "2025-06-15", "10000.00")],
        debtor={"type": "company", "name": "Martin SA", "siren": "404833048"},
    )
    assert statement(case, "2025-09-13")["penalties"] == "324.25"


def test_a_contractual_rate_under_three_times_the_legal_rate_is_refused_when_the_mandate_is_recorded(api):
    response = api.client.post(
        f"/api/v1/creditors/{DEMO_CREDITOR_ID}/mandates",
        headers=api.admin,
        json={"commission_rate": "0.15", "phases": ["amicable"], "penalty_rate": "0.05"},
    )
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert detail.startswith("penalty_rate:") and "below the legal floor of 7.86%" in detail


def test_a_contractual_rate_valid_today_is_refused_when_the_statement_covers_a_semester_it_falls_short_of(
    api, open_case, invoice
):
    mandate = api.client.post(
        f"/api/v1/creditors/{DEMO_CREDITOR_ID}/mandates",
        headers=api.admin,
        json={"commission_rate": "0.15", "phases": ["amicable"], "penalty_rate": "0.09"},
    )
    assert mandate.status_code == 201, mandate.text
    case = open_case("EX-C", [invoice("F-C", "2025-03-01", "1000.00")])
    response = api.client.get(
        f"/api/v1/cases/{case['id']}/statement", params={"as_of": "2025-05-01"}, headers=api.creditor
    )
    assert response.status_code == 422, response.text
    assert response.json()["detail"].startswith(
        "penalty_rate: the contractual late-payment rate 9.00% is below the legal floor of 11.13% for S1 2025"
    )


def test_a_consumer_owes_no_collection_fee_and_legal_interest_only_from_the_formal_notice(
    api, open_case, statement, invoice
):
    case = open_case("EX-CONSO", [invoice("F-K", "2026-01-05", "2000.00")], kind="b2c")
    before_notice = statement(case, "2026-04-10")
    assert (
        before_notice["interest"],
        before_notice["indemnities"],
        before_notice["fees"],
        before_notice["balance"],
    ) == ("0.00", "0.00", "0.00", "2000.00")

    notice = api.client.put(
        f"/api/v1/cases/{case['id']}/formal-notice", json={"sent_on": "2026-01-10"}, headers=api.agent
    )
    assert notice.status_code == 200, notice.text
    account = statement(case, "2026-04-10")
    assert (account["interest"], account["penalties"], account["indemnities"], account["fees"], account["balance"]) == (
        "12.92",
        "0.00",
        "0.00",
        "0.00",
        "2012.92",
    )
    assert {line["kind"] for line in account["lines"]} == {"invoice", "interest"}
    interest = next(line for line in account["lines"] if line["kind"] == "interest")
    assert interest["periods"][0]["start"] == "2026-01-11" and interest["periods"][0]["rate"] == "0.0262"


def test_a_semester_missing_from_the_rate_table_carries_the_latest_rate_forward_and_says_the_statement_is_provisional(
    api, open_case, invoice
):
    case = open_case("EX-S2", [invoice("F-S2", "2026-06-30", "1000.00")])
    missing = api.client.get(f"/api/v1/cases/{case['id']}/statement", headers=api.creditor)
    assert missing.status_code == 200, missing.text
    account = missing.json()
    # 1 July to 24 November 2026: 147 days at the S1 2026 rate carried forward (2.15 % + 10 = 12.15 %) on 1,000.00
    assert (account["provisional"], account["penalties"]) == (True, "48.93")
    assert len(account["warnings"]) == 1
    assert "ecb_mro rate for S2 2026 is not recorded" in account["warnings"][0]
    assert "POST /api/v1/intake/rates" in account["warnings"][0] and "valid_from 2026-07-01" in account["warnings"][0]

    assert (
        api.client.post(
            "/api/v1/intake/rates",
            json={"kind": "ecb_mro", "valid_from": "2026-07-01", "rate": "0.0200"},
            headers=api.creditor,
        ).status_code
        == 403
    )
    recorded = api.client.post(
        "/api/v1/intake/rates",
        json={"kind": "ecb_mro", "valid_from": "2026-07-01", "rate": "0.0200"},
        headers=api.admin,
    )
    assert recorded.status_code == 201, recorded.text
    account = api.client.get(f"/api/v1/cases/{case['id']}/statement", headers=api.creditor).json()
    # 147 days at 12.00 % on 1,000.00, now final
    assert (account["as_of"], account["penalties"], account["provisional"], account["warnings"]) == (
        "2026-11-24",
        "48.33",
        False,
        [],
    )


def test_a_consumer_statement_names_each_missing_legal_rate_and_still_computes_interest(
    api, open_case, statement, invoice
):
    case = open_case("EX-S2-CONSO", [invoice("F-S2C", "2026-05-04", "2000.00")], kind="b2c")
    api.client.put(
        f"/api/v1/cases/{case['id']}/formal-notice",
        json={"sent_on": "2026-06-20", "received_on": "2026-06-22"},
        headers=api.agent,
    )
    account = statement(case, "2026-07-31")
    assert account["provisional"] is True
    assert [w.split(" is not recorded")[0] for w in account["warnings"]] == ["the legal_professional rate for S2 2026"]
    # 8 days (23-30 June) at 2.62 % and 31 days of July at 2.62 % carried forward, on 2,000.00
    assert account["interest"] == "5.60"


def test_a_legal_rate_must_start_a_semester_and_floats_are_refused(api):
    odd_day = api.client.post(
        "/api/v1/intake/rates",
        headers=api.admin,
        json={"kind": "legal_professional", "valid_from": "2026-07-15", "rate": "0.03"},
    )
    assert odd_day.status_code == 422 and odd_day.json()["detail"].startswith("valid_from:")
    as_float = api.client.post(
        "/api/v1/intake/rates",
        headers=api.admin,
        json={"kind": "legal_professional", "valid_from": "2026-07-01", "rate": 0.03},
    )
    assert as_float.status_code == 422 and "never floating-point" in as_float.text
    seeded = api.client.get("/api/v1/intake/rates", headers=api.agent).json()
    assert {"kind": "legal_professional", "valid_from": "2026-01-01", "rate": "0.0262"}.items() <= next(
        r for r in seeded if r["kind"] == "legal_professional" and r["valid_from"] == "2026-01-01"
    ).items()


def test_another_creditor_gets_404_on_the_statement(api, open_case, invoice):
    case = open_case("EX-SCOPE", [invoice("F-X", "2026-01-15", "100.00")])
    response = api.client.get(
        f"/api/v1/cases/{case['id']}/statement", params={"as_of": "2026-02-01"}, headers=api.other
    )
    assert response.status_code == 404


def test_intake_warns_at_start_when_the_current_semesters_rates_are_not_recorded(api, caplog):
    with caplog.at_level(logging.WARNING, logger="intake.rates"):
        gaps = warn_of_missing_rates(api.engine, date(2026, 11, 24))
    assert gaps == [
        "ecb_mro from 2026-07-01 (S2 2026)",
        "legal_professional from 2026-07-01 (S2 2026)",
        "legal_consumer_creditor from 2026-07-01 (S2 2026)",
    ]
    records = [r for r in caplog.records if r.name == "intake.rates"]
    assert [r.levelname for r in records] == ["WARNING"]
    assert "POST /api/v1/intake/rates" in records[0].getMessage()
    assert warn_of_missing_rates(api.engine, date(2026, 3, 2)) == []
