"""Statements of account through the API: french-rules §2.6 and §3.1 to the cent, on a real database."""

from __future__ import annotations

from shared.demo import DEMO_CREDITOR_ID


def test_an_invoice_paid_90_days_late_in_s1_2026_owes_299_59_of_penalties_and_the_40_euro_indemnity(
        api, open_case, statement, invoice):
    case = open_case("EX-A", [invoice("F-A", "2026-01-15", "10000.00")])
    account = statement(case, "2026-04-15")
    assert {k: account[k] for k in ("as_of", "principal", "penalties", "indemnities", "interest", "paid", "balance")} \
        == {"as_of": "2026-04-15", "principal": "10000.00", "penalties": "299.59", "indemnities": "40.00",
            "interest": "0.00", "paid": "0.00", "balance": "10339.59"}
    penalties = next(line for line in account["lines"] if line["kind"] == "penalties")
    assert penalties["periods"] == [{"start": "2026-01-16", "end": "2026-04-15", "days": 90, "rate": "0.1215",
                                     "base": "10000.00", "semester": "S1 2026"}]
    assert "L441-10" in penalties["label"] and account["rf_reference"].startswith("RF")


def test_the_semester_crossing_example_gives_303_70_and_324_25_when_the_rate_is_frozen(
        api, open_case, statement, invoice):
    split = open_case("EX-B", [invoice("F-B", "2025-06-15", "10000.00")])
    account = statement(split, "2025-09-13")
    assert (account["penalties"], account["indemnities"]) == ("303.70", "40.00")
    periods = next(line for line in account["lines"] if line["kind"] == "penalties")["periods"]
    assert [(p["days"], p["rate"]) for p in periods] == [(15, "0.1315"), (75, "0.1215")]

    frozen = api.client.post(f"/api/v1/creditors/{split['creditor_id']}/mandates", headers=api.admin, json={
        "commission_rate": "0.15", "phases": ["amicable"], "freeze_penalty_rate": True})
    assert frozen.status_code == 201, frozen.text
    case = open_case("EX-B-FROZEN", [invoice("F-B2", "2025-06-15", "10000.00")],
                     debtor={"type": "company", "name": "Martin SA", "siren": "404833048"})
    assert statement(case, "2025-09-13")["penalties"] == "324.25"


def test_a_contractual_rate_under_three_times_the_legal_rate_is_refused_when_the_mandate_is_recorded(api):
    response = api.client.post(f"/api/v1/creditors/{DEMO_CREDITOR_ID}/mandates", headers=api.admin,
                               json={"commission_rate": "0.15", "phases": ["amicable"], "penalty_rate": "0.05"})
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert detail.startswith("penalty_rate:") and "below the legal floor of 7,86 %" in detail


def test_a_contractual_rate_valid_today_is_refused_when_the_statement_covers_a_semester_it_falls_short_of(
        api, open_case, invoice):
    mandate = api.client.post(f"/api/v1/creditors/{DEMO_CREDITOR_ID}/mandates", headers=api.admin,
                              json={"commission_rate": "0.15", "phases": ["amicable"], "penalty_rate": "0.09"})
    assert mandate.status_code == 201, mandate.text
    case = open_case("EX-C", [invoice("F-C", "2025-03-01", "1000.00")])
    response = api.client.get(f"/api/v1/cases/{case['id']}/statement", params={"as_of": "2025-05-01"},
                              headers=api.creditor)
    assert response.status_code == 422, response.text
    assert response.json()["detail"].startswith("penalty_rate: the contractual late-payment rate 9,00 % is below "
                                                "the legal floor of 11,13 % for S1 2025")


def test_a_consumer_owes_no_collection_fee_and_legal_interest_only_from_the_formal_notice(
        api, open_case, statement, invoice):
    case = open_case("EX-CONSO", [invoice("F-K", "2026-01-05", "2000.00")], kind="b2c")
    before_notice = statement(case, "2026-04-10")
    assert (before_notice["interest"], before_notice["indemnities"], before_notice["fees"],
            before_notice["balance"]) == ("0.00", "0.00", "0.00", "2000.00")

    notice = api.client.put(f"/api/v1/cases/{case['id']}/formal-notice", json={"sent_on": "2026-01-10"},
                            headers=api.agent)
    assert notice.status_code == 200, notice.text
    account = statement(case, "2026-04-10")
    assert (account["interest"], account["penalties"], account["indemnities"], account["fees"], account["balance"]) \
        == ("12.92", "0.00", "0.00", "0.00", "2012.92")
    assert {line["kind"] for line in account["lines"]} == {"invoice", "interest"}
    interest = next(line for line in account["lines"] if line["kind"] == "interest")
    assert interest["periods"][0]["start"] == "2026-01-11" and interest["periods"][0]["rate"] == "0.0262"


def test_a_semester_missing_from_the_rate_table_is_a_409_in_plain_words_until_staff_record_its_rate(
        api, open_case, invoice):
    case = open_case("EX-S2", [invoice("F-S2", "2026-06-30", "1000.00")])
    missing = api.client.get(f"/api/v1/cases/{case['id']}/statement", headers=api.creditor)
    assert missing.status_code == 409
    assert "the ECB rate in force on 2026-07-01 is not recorded" in missing.json()["detail"]

    assert api.client.post("/api/v1/intake/rates", json={"kind": "ecb_mro", "valid_from": "2026-07-01",
                                                           "rate": "0.0215"}, headers=api.creditor).status_code == 403
    recorded = api.client.post("/api/v1/intake/rates", json={"kind": "ecb_mro", "valid_from": "2026-07-01",
                                                              "rate": "0.0215"}, headers=api.admin)
    assert recorded.status_code == 201, recorded.text
    account = api.client.get(f"/api/v1/cases/{case['id']}/statement", headers=api.creditor).json()
    # 1 July to 24 November 2026: 147 days at 12.15 % on 1,000.00
    assert (account["as_of"], account["penalties"]) == ("2026-11-24", "48.93")


def test_a_legal_rate_must_start_a_semester_and_floats_are_refused(api):
    odd_day = api.client.post("/api/v1/intake/rates", headers=api.admin,
                              json={"kind": "legal_professional", "valid_from": "2026-07-15", "rate": "0.03"})
    assert odd_day.status_code == 422 and odd_day.json()["detail"].startswith("valid_from:")
    as_float = api.client.post("/api/v1/intake/rates", headers=api.admin,
                               json={"kind": "legal_professional", "valid_from": "2026-07-01", "rate": 0.03})
    assert as_float.status_code == 422 and "never floating-point" in as_float.text
    seeded = api.client.get("/api/v1/intake/rates", headers=api.agent).json()
    assert {"kind": "legal_professional", "valid_from": "2026-01-01", "rate": "0.0262"}.items() <= next(
        r for r in seeded if r["kind"] == "legal_professional" and r["valid_from"] == "2026-01-01").items()


def test_another_creditor_gets_404_on_the_statement(api, open_case, invoice):
    case = open_case("EX-SCOPE", [invoice("F-X", "2026-01-15", "100.00")])
    response = api.client.get(f"/api/v1/cases/{case['id']}/statement", params={"as_of": "2026-02-01"},
                              headers=api.other)
    assert response.status_code == 404

