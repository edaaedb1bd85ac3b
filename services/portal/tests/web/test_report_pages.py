"""The creditor's reports: amounts placed, collected, recovery rate, average days to collect, commission and
remittances received, per month and per debtor, as a page and a CSV; another creditor's report is a page that
does not exist."""

from __future__ import annotations

import csv
import io

import pytest

from shared.demo import DEMO_CREDITOR_ID


@pytest.fixture
def portal(portal_for, intake_url):
    return portal_for(service_urls={"intake": intake_url})


@pytest.fixture
def bearer(issue_token):
    def make(role: str, **claims: object) -> dict[str, str]:
        return {"Authorization": f"Bearer {issue_token(role, **claims)}"}

    return make


def _other_creditor(portal, admin: dict[str, str]) -> str:
    body = {
        "name": "Autre Créancier SA",
        "siren": "542051180",
        "email": "contact@autre.example",
        "address": {"line1": "2 rue Neuve", "postal_code": "69001", "city": "Lyon"},
    }
    other = portal.post("/api/v1/creditors", json=body, headers=admin)
    assert other.status_code == 201, other.text
    return str(other.json()["id"])


def _paid_case(portal, creditor, admin, new_case, reference: str, debtor: str, siren: str) -> dict[str, object]:
    case = portal.post("/api/v1/cases", json=new_case(reference, debtor, siren=siren), headers=creditor).json()
    validated = portal.post(f"/api/v1/cases/{case['id']}/validate", json={"override_reason": "test"}, headers=admin)
    assert validated.status_code == 200, validated.text
    payment = {
        "case_id": case["id"],
        "amount": "600.00",
        "received_on": "2026-11-20",
        "source": "debtor_to_agency",
        "reference": f"VIR-{reference}",
    }
    paid = portal.post("/api/v1/payments", json=payment, headers=admin)
    assert paid.status_code == 201, paid.text
    return case


def test_the_report_shows_placed_collected_rate_and_commission_by_month_and_debtor(portal, sign_in, bearer, new_case):
    creditor, admin = bearer("creditor", creditor_id=DEMO_CREDITOR_ID), bearer("admin")
    _paid_case(portal, creditor, admin, new_case, "REP-0001", "Dupont Bâtiment SARL", "552100554")
    second = new_case("REP-0002", "Martin Transports SAS", siren="443061841")
    assert portal.post("/api/v1/cases", json=second, headers=creditor).status_code == 201
    sign_in(portal, "creditor@demo.example")

    page = portal.get("/reports")
    download = portal.get("/reports/export.csv")
    workbook = portal.get("/reports/export.xlsx")

    assert page.status_code == 200, page.text
    assert "Rapports" in page.text and "Par mois" in page.text and "Par débiteur" in page.text
    assert "2\u202f400,00\u00a0€" in page.text  # placed: two cases of 1 200,00 €
    assert "600,00\u00a0€" in page.text  # collected
    assert "25,0\u00a0%" in page.text  # 600 of 2 400
    assert "novembre 2026" in page.text  # the payment's month
    assert "Dupont Bâtiment SARL" in page.text and "Martin Transports SAS" in page.text
    assert download.status_code == 200
    assert download.headers["content-type"].startswith("text/csv")
    # the French page's file: French headings, semicolons and decimal commas
    rows = list(csv.DictReader(io.StringIO(download.text), delimiter=";"))
    total = next(row for row in rows if row["Rubrique"] == "total")
    assert (total["Dossiers"], total["Confiés"], total["Recouvrés"]) == ("2", "2400,00", "600,00")
    assert total["Taux de recouvrement (%)"] == "25,0"
    assert {row["Mois ou débiteur"] for row in rows if row["Rubrique"] == "débiteur"} == {
        "Dupont Bâtiment SARL",
        "Martin Transports SAS",
    }
    assert workbook.status_code == 200 and workbook.content[:2] == b"PK"  # a zip: the Excel workbook
    assert "recouvra-report.xlsx" in workbook.headers["content-disposition"]


def test_another_creditors_report_is_a_page_that_does_not_exist(portal, sign_in, bearer, new_case):
    admin = bearer("admin")
    other_id = _other_creditor(portal, admin)
    sign_in(portal, "creditor@demo.example")

    page = portal.get("/reports", params={"creditor_id": other_id})
    download = portal.get("/reports/export.csv", params={"creditor_id": other_id})
    workbook = portal.get("/reports/export.xlsx", params={"creditor_id": other_id})
    garbage = portal.get("/reports", params={"creditor_id": "not-an-id"})
    own = portal.get("/reports", params={"creditor_id": str(DEMO_CREDITOR_ID)})

    assert page.status_code == 404 and "Page introuvable" in page.text
    assert download.status_code == 404 and "text/csv" not in download.headers["content-type"]
    assert workbook.status_code == 404 and "spreadsheet" not in workbook.headers["content-type"]
    assert garbage.status_code == 404
    assert own.status_code == 200


def test_staff_narrow_the_report_to_one_creditor(portal, sign_in, bearer, new_case):
    creditor, admin = bearer("creditor", creditor_id=DEMO_CREDITOR_ID), bearer("admin")
    _paid_case(portal, creditor, admin, new_case, "REP-0003", "Dupont Bâtiment SARL", "552100554")
    other_id = _other_creditor(portal, admin)
    sign_in(portal, "agent@demo.example")

    theirs = portal.get("/reports", params={"creditor_id": other_id})
    ours = portal.get("/reports", params={"creditor_id": str(DEMO_CREDITOR_ID)})

    assert theirs.status_code == 200 and "Dupont Bâtiment SARL" not in theirs.text
    assert ours.status_code == 200 and "Dupont Bâtiment SARL" in ours.text
