"""Money rules through the API: credit notes cancel principal, no commission on a surplus, a payment
reference means one content, insolvency stops accrual, consumer interest from the notice's receipt."""

from __future__ import annotations

from decimal import Decimal

from shared.demo import DEMO_CREDITOR_ID

CREDITOR_IBAN = "FR1420041010050500013M02606"


def _penalties(base: str, days: int, rate: str = "0.1215") -> str:
    return str((Decimal(base) * Decimal(rate) * days / 365).quantize(Decimal("0.01")))


def test_a_credit_note_reduces_the_principal_of_the_invoice_it_names_never_the_accessories_and_earns_nothing(
    api, open_case, pay, statement, invoice
):
    case = open_case("CN-1", [invoice("OLD", "2026-02-01", "500.00"), invoice("NEW", "2026-03-01", "1000.00")])
    response = pay(case, "400.00", "2026-05-04", source="credit_note", headers=api.creditor, invoices=["NEW"])
    assert response.status_code == 201, response.text
    note = response.json()
    assert [(a["component"], a["amount"]) for a in note["allocation"]] == [("principal", "400.00")]
    assert (note["commission"], note["held"], note["net"], note["receipt_url"]) == ("0.00", "0.00", "0.00", None)

    account = statement(case, "2026-05-04")
    # The credit note cancels part of NEW itself: its penalties run on 600.00 from its first late day.
    new = next(i for i in account["invoices"] if i["number"] == "NEW")
    assert (new["principal"], new["penalties"], new["indemnity"]) == ("600.00", _penalties("600", 64), "40.00")
    assert (account["paid"], account["credited"], account["written_off"]) == ("0.00", "400.00", "0.00")
    assert account["balance"] == str(
        Decimal(account["principal"])
        + Decimal(account["penalties"])
        + Decimal(account["indemnities"])
        - Decimal("400.00")
    )
    assert "credit_note" in {line["kind"] for line in account["lines"]}


def test_a_credit_note_without_instruction_goes_to_the_oldest_invoice(api, open_case, pay, invoice):
    case = open_case("CN-2", [invoice("OLD", "2026-02-01", "500.00"), invoice("NEW", "2026-03-01", "1000.00")])
    note = pay(case, "100.00", "2026-05-04", source="credit_note", headers=api.creditor).json()
    invoices = {
        i["id"]: i["number"]
        for i in api.client.get(f"/api/v1/cases/{case['id']}", headers=api.creditor).json()["invoices"]
    }
    assert [(invoices[a["invoice_id"]], a["component"], a["amount"]) for a in note["allocation"]] == [
        ("OLD", "principal", "100.00")
    ]


def test_an_overpayment_earns_no_commission_is_held_for_the_debtor_and_is_never_remitted(api, open_case, pay, invoice):
    case = open_case("OVER-1", [invoice("F-1", "2026-03-01", "100.00")], kind="b2c")
    response = pay(case, "1000.00", "2026-05-04")
    assert response.status_code == 201, response.text
    payment = response.json()
    # Demo mandate: 15 % + 20 % VAT on the 100.00 that paid the debt, not on the 1,000.00 received.
    assert (payment["overpayment"], payment["surplus_held_for_debtor"]) == ("900.00", "900.00")
    assert (payment["commission_excl_vat"], payment["commission"], payment["held"], payment["net"]) == (
        "15.00",
        "18.00",
        "100.00",
        "82.00",
    )
    api.client.put(
        f"/api/v1/intake/creditors/{DEMO_CREDITOR_ID}/bank-account", json={"iban": CREDITOR_IBAN}, headers=api.admin
    )
    run = api.client.post("/api/v1/remittances/runs", json={}, headers=api.agent)
    assert run.status_code == 201, run.text
    remittance = run.json()["remittances"][0]
    assert (remittance["collected"], remittance["held"], remittance["remitted"]) == ("100.00", "100.00", "82.00")


def test_the_same_reference_with_another_amount_or_date_is_a_409_naming_the_difference(api, open_case, pay, invoice):
    case = open_case("REF-1", [invoice("F-1", "2026-03-01", "800.00")])
    first = pay(case, "300.00", "2026-05-04", reference="VIR-7")
    assert first.status_code == 201
    same = pay(case, "300.00", "2026-05-04", reference="VIR-7")
    assert same.status_code == 201 and same.headers["X-Payment-Created"] == "false"
    other_amount = pay(case, "350.00", "2026-05-04", reference="VIR-7")
    assert other_amount.status_code == 409
    assert other_amount.json()["detail"].startswith("reference: VIR-7") and "amount 350.00" in other_amount.text
    other_day = pay(case, "300.00", "2026-05-05", reference="VIR-7")
    assert other_day.status_code == 409 and "received_on 2026-05-05" in other_day.text


def test_penalties_stop_at_the_opening_judgment_of_insolvency_proceedings(api, open_case, statement, invoice):
    body_debtor = {
        "type": "company",
        "name": "Faillite SAS",
        "siren": "404833048",
        "insolvency": {"kind": "redressement", "opened_on": "2026-04-01"},
    }
    case = open_case(
        "INS-STOP",
        [invoice("F-1", "2026-03-01", "1000.00")],
        debtor=body_debtor,
        headers=api.agent,
        creditor_id=str(DEMO_CREDITOR_ID),
    )
    early, late = statement(case, "2026-03-31"), statement(case, "2026-06-30")
    # 2 March to 31 March 2026: 30 days; nothing after the 1 April judgment (L622-28 C. com.)
    assert early["penalties"] == late["penalties"] == _penalties("1000", 30)
    assert "L622-28" in next(line for line in late["lines"] if line["kind"] == "penalties")["explanation"]


def test_consumer_interest_runs_from_the_day_the_formal_notice_was_received(api, open_case, statement, invoice):
    case = open_case("NOTICE-1", [invoice("F-K", "2026-01-05", "2000.00")], kind="b2c")
    sent_only = api.client.put(
        f"/api/v1/cases/{case['id']}/formal-notice", json={"sent_on": "2026-01-10"}, headers=api.agent
    )
    assert sent_only.json() == {"sent_on": "2026-01-10", "received_on": None}
    by_sending = statement(case, "2026-04-10")
    interest = next(line for line in by_sending["lines"] if line["kind"] == "interest")
    assert "date d'envoi" in interest["explanation"] and by_sending["interest"] == "12.92"

    received = api.client.put(
        f"/api/v1/cases/{case['id']}/formal-notice",
        headers=api.agent,
        json={"sent_on": "2026-01-10", "received_on": "2026-01-13"},
    )
    assert received.status_code == 200 and received.json()["received_on"] == "2026-01-13"
    by_receipt = statement(case, "2026-04-10")
    assert by_receipt["interest"] == str((Decimal("2000") * Decimal("0.0262") * 87 / 365).quantize(Decimal("0.01")))
    assert "date d'envoi" not in next(line for line in by_receipt["lines"] if line["kind"] == "interest")["explanation"]
    before_sending = api.client.put(
        f"/api/v1/cases/{case['id']}/formal-notice",
        headers=api.agent,
        json={"sent_on": "2026-01-10", "received_on": "2026-01-09"},
    )
    assert before_sending.status_code == 422 and before_sending.json()["detail"].startswith("received_on:")


def test_a_case_whose_balance_reaches_zero_closes_even_while_a_semester_rate_is_missing(
    api, open_case, pay, statement, invoice
):
    case = open_case("S2-CLOSE", [invoice("F-1", "2026-09-01", "1000.00")])
    owed = statement(case, "2026-11-02")
    assert owed["provisional"] is True
    payment = pay(case, owed["balance"], "2026-11-02").json()
    assert payment["allocation_provisional"] is True and payment["overpayment"] == "0.00"
    closed = api.client.get(f"/api/v1/cases/{case['id']}", headers=api.creditor).json()
    assert (closed["status"], closed["closure_reason"]) == ("closed", "paid")
