"""Currency is a property of the case (docs/rules.md §0.1): every invoice of a case is in the case's currency, on
every path that places invoices (POST /cases, POST /cases/{id}/invoices, the bulk import)."""

from __future__ import annotations

import io
from datetime import date

from sqlmodel import Session, func, select

from workbench import samples

from intake.cases.models import Case, Invoice

DUPONT = {"name": "Dupont SARL", "siren": "732829320", "kind": "professionnel"}


def invoice(number: str, currency: str, amount: str = "100.00") -> dict[str, str]:
    return {
        "number": number,
        "issue_date": "2026-06-01",
        "due_date": "2026-07-01",
        "amount": amount,
        "currency": currency,
    }


def count(api, model) -> int:
    with Session(api.engine) as session:
        return session.exec(select(func.count()).select_from(model)).one()


def test_a_case_with_invoices_in_two_currencies_is_refused_with_a_422_naming_the_invoice(api, a_case):
    body = a_case(invoices=[invoice("F-USD", "USD"), invoice("F-EUR", "EUR")])
    response = api.client.post("/api/v1/cases", json=body, headers=api.creditor)
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "invoices[1].currency"
    assert "invoice F-EUR: the invoices of one case share one currency (USD), not EUR" in response.json()["detail"]
    assert count(api, Case) == 0 and count(api, Invoice) == 0


def test_the_refusal_of_a_mixed_case_is_in_french_first(api, a_case):
    body = a_case(invoices=[invoice("F-USD", "USD"), invoice("F-EUR", "EUR")])
    response = api.client.post("/api/v1/cases", json=body, headers={**api.creditor, "Accept-Language": "fr"})
    assert response.status_code == 422
    assert (
        "la facture F-EUR : les factures d'un même dossier sont toutes dans la même devise (USD), pas en EUR"
        in (response.json()["detail"])
    )


def test_an_invoice_added_to_a_case_in_another_currency_is_refused_naming_it(api, a_case):
    case = api.client.post(
        "/api/v1/cases", json=a_case(invoices=[invoice("F-USD", "USD")]), headers=api.creditor
    ).json()
    assert case["currency"] == "USD"
    response = api.client.post(
        f"/api/v1/cases/{case['id']}/invoices", json=[invoice("F-EUR", "EUR")], headers=api.creditor
    )
    assert response.status_code == 422, response.text
    assert response.json()["field"] == "invoices[0].currency" and "invoice F-EUR" in response.json()["detail"]
    assert count(api, Invoice) == 1


def upload(api, rows: list[dict]) -> dict:
    content = samples.french_csv(rows, encoding="utf-8-sig")
    response = api.client.post(
        "/api/v1/imports", files={"file": ("rows.csv", io.BytesIO(content))}, headers=api.creditor
    )
    assert response.status_code == 202, response.text
    return api.client.get(f"/api/v1/imports/{response.json()['id']}", headers=api.creditor).json()


def row(reference: str, number: str, currency: str) -> dict:
    return {
        **DUPONT,
        "reference": reference,
        "number": number,
        "issue_date": date(2026, 5, 1),
        "due_date": date(2026, 6, 1),
        "amount": "100.00",
        "currency": currency,
    }


def test_imported_rows_of_one_case_in_two_currencies_refuse_the_rows_in_the_other_currency(api):
    report = upload(
        api,
        [
            row("IMP-1", "U-1", "USD"),
            row("IMP-1", "E-1", "EUR"),
            row("IMP-1", "U-2", "USD"),
            row("IMP-2", "E-2", "EUR"),
        ],
    )
    assert (report["accepted"], report["rejected"]) == (3, 1), report
    [error] = report["errors"]
    assert (error["line"], error["column"]) == (3, "Devise")  # the column as the file heads it
    assert "invoice E-1: the invoices of one case share one currency (USD), not EUR" in error["reason"]
    assert "la facture E-1" in error["reason_fr"]
    with Session(api.engine) as session:
        currencies = session.exec(select(Invoice.number, Invoice.currency)).all()
    assert sorted(currencies) == [("E-2", "EUR"), ("U-1", "USD"), ("U-2", "USD")]
