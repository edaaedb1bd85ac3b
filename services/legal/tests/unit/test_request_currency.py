"""A request for a case in another currency than the euro: the amounts in the case's currency, and the D441-5
indemnities, fixed in euros, claimed beside the total in euros (intake's `indemnities_apart`), never as dollars."""

from __future__ import annotations

from decimal import Decimal

from legal.domain.courts import ProcedureKind
from legal.procedures.request_facts import request_facts
from legal.procedures.request_pdf import request_html

CASE = {
    "reference": "CRED-USD",
    "kind": "b2b",
    "creditor_id": "c1",
    "debtor": {
        "type": "company",
        "name": "Yankee Trading SARL",
        "siren": "732829320",
        "address": {"line1": "3 avenue des Tilleuls", "postal_code": "33000", "city": "Bordeaux", "country": "FR"},
    },
    "invoices": [
        {
            "number": "U-1",
            "issue_date": "2026-06-01",
            "due_date": "2026-07-01",
            "amount": "100.00",
            "outstanding": "100.00",
        }
    ],
}
STATEMENT = {
    "as_of": "2026-12-01",
    "currency": "USD",
    "principal": "100.00",
    "penalties": "5.16",
    "indemnities": "0.00",
    "indemnities_apart": "40.00",
    "indemnities_apart_currency": "EUR",
    "interest": "0.00",
    "fees": "0.00",
    "paid": "0.00",
    "balance": "105.16",
}


def facts(statement: dict):
    return request_facts(
        kind=ProcedureKind.PAYMENT_ORDER,
        case=CASE,
        statement=statement,
        documents=[],
        creditor=None,
        agency_name="Recouvra Agence",
        agency_address="10 rue de la Bourse|75002 Paris",
    )


def test_a_dollar_case_claims_its_indemnities_in_euros_beside_the_dollar_total():
    drawn = facts(STATEMENT)
    assert drawn.currency == "USD" and drawn.balance == Decimal("105.16")
    assert [label for label, _ in drawn.components] == ["Principal restant dû", "Pénalités de retard"]
    assert drawn.claimed_apart == (
        ("Indemnités forfaitaires pour frais de recouvrement, en euros (art. D441-5 C. com.)", Decimal("40.00"), "EUR"),
    )
    html = request_html(drawn)
    assert "105,16\u00a0USD" in html and "40,00\u00a0€" in html and "40,00\u00a0USD" not in html
    assert "la somme de 105,16\u00a0USD, et la somme de 40,00\u00a0€ au titre des indemnités forfaitaires" in html


def test_a_statement_without_the_field_claims_nothing_apart():
    drawn = facts({k: v for k, v in STATEMENT.items() if not k.startswith("indemnities_apart")})
    assert drawn.claimed_apart == ()
