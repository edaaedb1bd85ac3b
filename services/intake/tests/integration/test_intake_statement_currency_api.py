"""The statement of a case in another currency than the euro (docs/rules.md §0.1, §2.4): penalties and their texts
in the case's currency, the D441-5 indemnity in euros on its own line, apart from the balance, never converted."""

from __future__ import annotations

from decimal import Decimal


def invoice(number: str, currency: str, amount: str = "100.00") -> dict[str, str]:
    return {
        "number": number,
        "issue_date": "2026-06-01",
        "due_date": "2026-07-01",
        "amount": amount,
        "currency": currency,
    }


def test_the_statement_of_a_dollar_case_charges_penalties_in_dollars_and_the_indemnity_in_euros_apart(api, a_case):
    case = api.client.post(
        "/api/v1/cases", json=a_case(invoices=[invoice("F-USD", "USD")]), headers=api.creditor
    ).json()
    statement = api.client.get(
        f"/api/v1/cases/{case['id']}/statement?as_of=2026-11-24", headers={**api.creditor, "Accept-Language": "fr"}
    ).json()
    assert statement["currency"] == "USD"
    assert statement["principal"] == "100.00" and statement["penalties"] != "0.00"
    # D441-5 C. com. fixes the indemnity in euros: never 40 USD, never converted, not in the dollar balance
    assert statement["indemnities"] == "0.00"
    assert (statement["indemnities_apart"], statement["indemnities_apart_currency"]) == ("40.00", "EUR")
    assert Decimal(statement["balance"]) == sum(
        Decimal(statement[k]) for k in ("principal", "penalties", "indemnities", "interest")
    )
    lines = {line["kind"]: line for line in statement["lines"]}
    assert (lines["indemnity"]["amount"], lines["indemnity"]["currency"]) == ("40.00", "EUR")
    assert lines["penalties"]["currency"] == "USD" and lines["invoice"]["currency"] == "USD"
    assert "sur 100,00\u00a0USD" in lines["penalties"]["explanation"] and "€" not in lines["penalties"]["explanation"]
    assert "on USD 100.00" in lines["penalties"]["explanation_en"]
    [per_invoice] = statement["invoices"]
    assert (per_invoice["indemnity"], per_invoice["indemnity_apart"]) == ("0.00", "40.00")


def test_a_euro_case_keeps_its_indemnity_in_its_balance(api, a_case):
    case = api.client.post(
        "/api/v1/cases", json=a_case(invoices=[invoice("F-EUR", "EUR")]), headers=api.creditor
    ).json()
    statement = api.client.get(f"/api/v1/cases/{case['id']}/statement?as_of=2026-11-24", headers=api.creditor).json()
    assert (statement["indemnities"], statement["indemnities_apart"]) == ("40.00", "0.00")
    assert statement["indemnities_apart_currency"] == "EUR"
    assert all(line["currency"] == "EUR" for line in statement["lines"])
