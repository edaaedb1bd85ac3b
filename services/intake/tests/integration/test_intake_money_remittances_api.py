"""Client funds and remittances through the API (R124-5, R124-6 CPCE): commission, pain.001, one-month alerts."""

from __future__ import annotations

from shared.demo import DEMO_CREDITOR_ID

from intake.money.sepa_transfer import validate_pain001

CREDITOR_IBAN = "FR1420041010050500013M02606"


def test_a_remittance_run_pays_each_creditor_its_funds_less_commission_with_a_valid_pain001_and_the_arithmetic(
    api, open_case, pay, invoice, published
):
    held = open_case("REM-1", [invoice("F-1", "2026-09-01", "5000.00")])
    direct = open_case(
        "REM-2",
        [invoice("F-2", "2026-09-01", "800.00")],
        debtor={"type": "company", "name": "Martin SA", "siren": "404833048"},
    )
    to_agency = pay(held, "1000.00", "2026-11-02").json()
    assert to_agency["allocation_provisional"] is True  # S2 2026 ECB rate not recorded yet: S1 2026 carried forward
    assert pay(direct, "200.00", "2026-11-03", source="debtor_to_creditor", headers=api.creditor).status_code == 201

    no_account = api.client.post("/api/v1/remittances/runs", json={}, headers=api.agent)
    assert no_account.status_code == 409 and "IBAN" in no_account.json()["detail"]
    account = api.client.put(
        f"/api/v1/intake/creditors/{DEMO_CREDITOR_ID}/bank-account",
        json={"iban": "FR14 2004 1010 0505 0001 3M02 606"},
        headers=api.admin,
    )
    assert account.status_code == 200 and account.json()["iban"] == CREDITOR_IBAN

    response = api.client.post("/api/v1/remittances/runs", json={}, headers=api.agent)
    assert response.status_code == 201, response.text
    run = response.json()
    assert (run["transfers"], run["total"], run["skipped"]) == (1, "784.00", [])
    remittance = run["remittances"][0]
    assert {
        k: remittance[k]
        for k in (
            "collected",
            "held",
            "commission_excl_vat",
            "commission_vat",
            "commission",
            "remitted",
            "commission_to_invoice",
        )
    } == {
        "collected": "1200.00",
        "held": "1000.00",
        "commission_excl_vat": "180.00",
        "commission_vat": "36.00",
        "commission": "216.00",
        "remitted": "784.00",
        "commission_to_invoice": "0.00",
    }
    arithmetic = [line["arithmetic"] for line in remittance["lines"]]
    assert arithmetic[0] == (
        "commission HT 1\u202f000,00 € x 15,00 % = 150,00 € ; TVA 30,00 € ; commission TTC "
        "180,00 € ; fonds détenus 1\u202f000,00 € - 180,00 € = 820,00 €"
    )
    assert arithmetic[1].endswith("fonds détenus 0,00 € - 36,00 € = -36,00 €")

    transfer = api.client.get(run["transfer_url"], headers=api.agent)
    assert transfer.status_code == 200
    validate_pain001(transfer.content)
    assert b'<InstdAmt Ccy="EUR">784.00</InstdAmt>' in transfer.content and CREDITOR_IBAN.encode() in transfer.content

    seen = api.client.get(f"/api/v1/remittances/{remittance['id']}", headers=api.creditor)
    assert seen.status_code == 200 and seen.json()["remitted"] == "784.00"
    assert api.client.get(f"/api/v1/remittances/{remittance['id']}", headers=api.other).status_code == 404
    issued = published("intake.remittances", 1)
    assert issued[0]["data"] | {"remittance_id": None} == {
        "remittance_id": None,
        "creditor_id": str(DEMO_CREDITOR_ID),
        "collected": "1200.00",
        "commission": "216.00",
        "remitted": "784.00",
        "issued_on": "2026-11-24",
    }
    assert api.client.post("/api/v1/remittances/runs", json={}, headers=api.agent).status_code == 409


def test_funds_held_close_to_one_month_unremitted_are_listed_and_announced_once(
    api, open_case, pay, invoice, published
):
    case = open_case("REM-ALERT", [invoice("F-1", "2026-09-01", "5000.00")])
    pay(case, "300.00", "2026-10-28", reference="OLD")  # R124-6 deadline 28 November: 4 days left
    pay(case, "100.00", "2026-11-20", reference="NEW")  # deadline 20 December: not yet
    alerts = api.client.get("/api/v1/remittances/alerts", headers=api.creditor).json()
    assert [(a["amount"], a["deadline"], a["days_left"]) for a in alerts["items"]] == [("300.00", "2026-11-28", 4)]
    assert api.client.get("/api/v1/remittances/alerts", headers=api.other).json()["total"] == 0

    first = api.client.post("/api/v1/remittances/alerts", headers=api.agent).json()
    again = api.client.post("/api/v1/remittances/alerts", headers=api.agent).json()
    assert (first["newly_alerted"], again["newly_alerted"], again["total"]) == (1, 0, 1)
    due = published("intake.remittances", 1)
    assert due[0]["type"] == "recouvra.intake.remittance.due.v1" and due[0]["data"]["days_left"] == 4


def test_each_business_day_the_funds_nearing_the_month_are_announced_without_anybody_asking(
    api, open_case, pay, invoice
):
    from intake.ledger.daily import daily_remittance_alerts

    case = open_case("REM-DAILY", [invoice("F-1", "2026-09-01", "5000.00")])
    pay(case, "100.00", "2026-11-20", reference="NEW")  # deadline 20 December: 26 days left today
    clock = api.client.app.state.runtime.clock
    daily = daily_remittance_alerts(engine=api.engine, clock=clock, within_days=7)
    assert daily.tick() == 0 and daily.tick() is None  # nothing near yet; once per day
    clock.advance(days=20)  # 14 December: 6 days left
    assert daily.tick() == 1
    clock.advance(days=1)
    assert daily.tick() == 0  # announced once
