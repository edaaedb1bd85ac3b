"""POST /cases and the import job open a case through one builder and one persistence step: the same input gives
the same case, the same invoices and the same CaseOpened event, whichever way it came in."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from shared.events.intake import CaseOpened
from shared.outbox import OutboxMessage
from workbench import samples

from intake.cases.models import Case, Invoice

DEBTOR = {
    "type": "company",
    "name": "Dupont SARL",
    "siren": "732829320",
    "email": "compta@dupont.example",
    "phone": "01 42 68 53 00",
    "address": {"line1": "3 rue du Louvre", "postal_code": "75001", "city": "Paris", "country": "FR"},
}
INVOICES = [
    ("F-001", date(2026, 6, 1), date(2026, 7, 1), "1200.00", "200.00"),
    ("F-002", date(2026, 7, 1), date(2026, 8, 1), "600.00", None),
]
CASE_FIELDS = ("reference", "kind", "status", "mandate_id", "debtor_id", "extra", "declared_insolvency")
INVOICE_FIELDS = ("number", "issue_date", "due_date", "amount", "vat", "currency", "outstanding", "debtor_id")


def api_body() -> dict[str, Any]:
    return {
        "reference": "PAR-1",
        "kind": "b2b",
        "debtor": DEBTOR,
        "invoices": [
            {"number": n, "issue_date": str(i), "due_date": str(d), "amount": a, "currency": "EUR"}
            | ({"vat": v} if v else {})
            for n, i, d, a, v in INVOICES
        ],
    }


def import_rows() -> list[dict[str, Any]]:
    address = DEBTOR["address"]
    return [
        {
            "reference": "PAR-1",
            "kind": "b2b",
            "name": DEBTOR["name"],
            "siren": DEBTOR["siren"],
            "email": DEBTOR["email"],
            "phone": DEBTOR["phone"],
            **address,
            "number": n,
            "issue_date": i,
            "due_date": d,
            "amount": Decimal(a),
            "vat": Decimal(v) if v else None,
            "currency": "EUR",
        }
        for n, i, d, a, v in INVOICES
    ]


def what_was_opened(api) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
    """The case PAR-1, its invoices and its CaseOpened event, without the ids and instants that differ by
    nature; then forgotten, so that the same input can open it again."""
    with Session(api.engine) as session:
        case = session.exec(select(Case).where(Case.reference == "PAR-1")).one()
        invoices = session.exec(select(Invoice).where(Invoice.case_id == case.id).order_by(col(Invoice.number))).all()
        [message] = [
            m
            for m in session.exec(select(OutboxMessage).where(OutboxMessage.event_type == CaseOpened.type)).all()
            if m.envelope["data"]["case_id"] == str(case.id)
        ]
        event = dict(message.envelope["data"])
        seen = (
            {name: getattr(case, name) for name in CASE_FIELDS} | {"rf": bool(case.rf_reference)},
            [{name: getattr(i, name) for name in INVOICE_FIELDS} for i in invoices],
            event | {"case_id": None, "invoices": [i | {"invoice_id": None} for i in event["invoices"]]},
        )
        session.execute(delete(OutboxMessage).where(col(OutboxMessage.seq) == message.seq))
        session.execute(delete(Invoice).where(col(Invoice.case_id) == case.id))
        session.execute(delete(Case).where(col(Case.id) == case.id))
        session.commit()
    return seen


def test_the_api_and_the_import_open_the_same_case_with_the_same_invoices_and_event(api):
    response = api.client.post("/api/v1/cases", json=api_body(), headers=api.creditor)
    assert response.status_code == 201, response.text
    by_api = what_was_opened(api)

    content = samples.french_csv(import_rows(), encoding="utf-8-sig")
    upload = api.client.post("/api/v1/imports", files={"file": ("rows.csv", io.BytesIO(content))}, headers=api.creditor)
    assert upload.status_code == 202, upload.text
    report = api.client.get(f"/api/v1/imports/{upload.json()['id']}", headers=api.creditor).json()
    assert (report["accepted"], report["rejected"], report["cases_opened"]) == (2, 0, 1), report
    by_import = what_was_opened(api)

    assert by_import == by_api
    assert by_api[1][1]["outstanding"] == Decimal("600.00")  # given without its outstanding: owed whole


def test_the_import_refuses_an_invoice_the_api_refuses_for_the_same_rule(api):
    rows = import_rows()[:1]
    rows[0]["due_date"] = date(2026, 5, 1)  # due before it was issued
    body = api_body()
    body["invoices"] = body["invoices"][:1]
    body["invoices"][0]["due_date"] = "2026-05-01"
    by_api = api.client.post("/api/v1/cases", json=body, headers=api.creditor)
    assert by_api.status_code == 422, by_api.text
    content = samples.french_csv(rows, encoding="utf-8-sig")
    upload = api.client.post("/api/v1/imports", files={"file": ("rows.csv", io.BytesIO(content))}, headers=api.creditor)
    report = api.client.get(f"/api/v1/imports/{upload.json()['id']}", headers=api.creditor).json()
    assert report["rejected"] == 1, report
    [error] = report["errors"]
    refusal = by_api.json()
    assert (error["column"], error["reason_en"], error["reason_fr"]) == (
        "Date d'échéance",  # the column as the file heads it
        refusal["detail_en"].removeprefix(f"{refusal['field']}: "),
        refusal["detail_fr"].removeprefix(f"{refusal['field']} : "),
    )
