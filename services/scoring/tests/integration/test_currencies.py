"""Amounts in different currencies are never added up: scores count euros and say so, limits compare like with like."""

import uuid
from datetime import date

CREDITOR = str(uuid.uuid4())


def in_currency(invoice, currency):
    return invoice.model_copy(update={"currency": currency})


def upload(scoring, text):
    return scoring.client.post(
        "/api/v1/scoring/insurer-limits",
        headers=scoring.headers("supervisor"),
        files={"file": ("cover.csv", text.encode(), "text/csv")},
    ).json()


def test_the_amount_factor_counts_euros_and_names_the_currencies_it_left_out(scoring, intake):
    debtor = intake.debtor("Global Trade SA")
    scoring.apply(
        intake.validated(
            CREDITOR, debtor, [intake.invoice("E1", date(2026, 10, 1), date(2026, 11, 1), "1000.00")], reference="EUR-1"
        )
    )
    scoring.apply(
        intake.validated(
            CREDITOR,
            debtor,
            [in_currency(intake.invoice("U1", date(2026, 10, 1), date(2026, 11, 1), "90000.00"), "USD")],
            reference="USD-1",
        )
    )
    body = scoring.client.get(f"/api/v1/debtors/{debtor.debtor_id}/score", headers=scoring.headers("agent")).json()
    reasons = {r["code"]: r for r in body["reasons"]}
    assert reasons["AMOUNT"]["value"] == "1000.00" and reasons["AMOUNT"]["contribution"] == "0.40"
    assert reasons["OTHER_CURRENCIES"]["value"] == ["USD"]
    assert reasons["OTHER_CURRENCIES"]["label_fr"].startswith("Montants en USD non comptés")


def test_an_insurer_limit_in_another_currency_than_the_debts_is_refused_not_compared(scoring, intake):
    euro_debtor = intake.debtor("Dupont SARL", siren="732829320")
    dollar_debtor = intake.debtor("Yankee Inc", siren="552100554")
    scoring.apply(
        intake.validated(
            CREDITOR,
            euro_debtor,
            [intake.invoice("E1", date(2026, 9, 1), date(2026, 10, 1), "8000.00")],
            reference="EUR-1",
        )
    )
    scoring.apply(
        intake.validated(
            CREDITOR,
            dollar_debtor,
            [in_currency(intake.invoice("U1", date(2026, 9, 1), date(2026, 10, 1), "8000.00"), "USD")],
            reference="USD-1",
        )
    )
    report = upload(
        scoring, "siren,insurer,grade,limit,currency\n732829320,Coface,4,5000.00,USD\n552100554,Coface,4,5000.00,USD\n"
    )
    assert report["accepted"] == 1
    assert [(e["line"], e["column"]) for e in report["errors"]] == [(2, "currency")]
    assert "owes amounts in EUR" in report["errors"][0]["reason"]
    # the dollar limit is compared with the dollar debt: 8,000 USD owed against 5,000 USD
    alerts = scoring.outbox("recouvra.scoring.exposure.alerted.v1")
    assert [(a["debtor_id"], a["exposure"], a["limit"]) for a in alerts] == [
        (dollar_debtor.debtor_id, "8000.00", "5000.00")
    ]
    items = scoring.client.get("/api/v1/worklist", headers=scoring.headers("agent")).json()["items"]
    assert {i["reference"]: i["currency"] for i in items} == {"EUR-1": "EUR", "USD-1": "USD"}
