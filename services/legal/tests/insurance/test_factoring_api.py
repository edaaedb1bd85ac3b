"""Factoring through the API: staff enter a creditor's contract; a batch assigns the open invoices it covers, oldest
first within its maximum, each once; the batch as CSV with its control totals; the debtors' subrogation notices as
a PDF, a letter per debtor (read back from the PDF); the factor's disputes and hand-backs, with and without
recourse; another creditor is told none of it exists."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import date

from pypdf import PdfReader

IBAN = "FR7630006000011234567890189"


def contract_body(factor: uuid.UUID, **changes: object) -> dict[str, object]:
    body: dict[str, object] = {
        "factor_id": str(factor),
        "contract_number": "FACT-2026-0042",
        "with_recourse": True,
        "eligible_debtors": "all",
        "factor_iban": IBAN,
    }
    return body | changes


def contracted(legal, creditor: uuid.UUID, **changes: object) -> uuid.UUID:
    factor = legal.add_partner("factor", "Eurofactor")
    response = legal.client.put(
        f"/api/v1/legal/creditors/{creditor}/factoring-contract",
        json=contract_body(factor, **changes),
        headers=legal.headers("agent"),
    )
    assert response.status_code == 200, response.text
    return factor


def new_batch(legal, creditor: uuid.UUID, **body: object):
    return legal.client.post(
        "/api/v1/legal/factoring/batches", json={"creditor_id": str(creditor), **body}, headers=legal.headers()
    )


def test_the_contract_is_staffs_to_enter_and_its_creditors_to_read(legal):
    creditor = uuid.uuid4()
    factor = contracted(legal, creditor, eligible_debtors="listed", debtor_sirens=["732 829 320"], max_amount="5000")
    read = legal.client.get(
        f"/api/v1/legal/creditors/{creditor}/factoring-contract",
        headers=legal.headers("creditor", creditor_id=creditor),
    )
    assert read.status_code == 200, read.text
    assert read.json()["factor_id"] == str(factor) and read.json()["factor_name"] == "Eurofactor"
    assert read.json()["debtor_sirens"] == ["732829320"] and read.json()["max_amount"] == "5000.00"
    other = legal.headers("creditor", creditor_id=uuid.uuid4())
    assert legal.client.get(f"/api/v1/legal/creditors/{creditor}/factoring-contract", headers=other).status_code == 404
    for wrong in ({"eligible_debtors": "listed"}, {"debtor_sirens": ["732829320"]}, {"debtor_sirens": ["123456789"]},
                  {"factor_iban": "FR00 1234"}):  # fmt: skip
        response = legal.client.put(
            f"/api/v1/legal/creditors/{creditor}/factoring-contract",
            json=contract_body(factor, **wrong),
            headers=legal.headers(),
        )
        assert response.status_code == 422, wrong


def test_a_batch_assigns_the_covered_open_invoices_oldest_first_within_the_maximum_each_once(legal):
    creditor = uuid.uuid4()
    contracted(legal, creditor, eligible_debtors="listed", debtor_sirens=["732829320"], max_amount="2000.00")
    first = legal.place_case(
        creditor_id=creditor,
        invoices=[("F-1", date(2026, 9, 1), "800.00"), ("F-2", date(2026, 10, 1), "700.00")],
    )
    second = legal.place_case(creditor_id=creditor, invoices=[("F-3", date(2026, 8, 1), "900.00")])
    legal.place_case(creditor_id=creditor, siren="552100554", invoices=[("F-4", date(2026, 7, 1), "50.00")])
    legal.place_case(creditor_id=creditor, invoices=[("F-5", date(2026, 7, 1), "60.00")], validate=False)
    closed = legal.place_case(creditor_id=creditor, invoices=[("F-6", date(2026, 7, 1), "70.00")])
    legal.close_case(closed, creditor_id=creditor)
    legal.place_case(creditor_id=uuid.uuid4(), invoices=[("F-7", date(2026, 7, 1), "80.00")])

    response = new_batch(legal, creditor)
    assert response.status_code == 201, response.text
    batch = response.json()
    assert [a["invoice_number"] for a in batch["assignments"]] == ["F-3", "F-1"]
    assert [a["line"] for a in batch["assignments"]] == [1, 2]
    assert batch["count"] == 2 and batch["total"] == "1700.00"
    assert batch["left_over_ceiling"] == [legal.invoices(first)["F-2"]], "700 more would pass the 2,000 maximum"
    assert batch["number"] == "BC-20261124-001"
    assert {a["case_id"] for a in batch["assignments"]} == {first, second}

    again = new_batch(legal, creditor)
    assert again.status_code == 409, "F-2 still exceeds the maximum; nothing else is left"
    assert "maximum" in again.json()["detail"]


def test_a_batch_by_rule_takes_only_the_cases_and_due_dates_asked_for(legal):
    creditor = uuid.uuid4()
    contracted(legal, creditor)
    first = legal.place_case(
        creditor_id=creditor, invoices=[("F-1", date(2026, 9, 1), "100.00"), ("F-2", date(2026, 11, 1), "200.00")]
    )
    legal.place_case(creditor_id=creditor, invoices=[("F-3", date(2026, 8, 1), "300.00")])
    batch = new_batch(legal, creditor, case_ids=[first], due_on_or_before="2026-10-01").json()
    assert [a["invoice_number"] for a in batch["assignments"]] == ["F-1"]
    rest = new_batch(legal, creditor).json()
    assert [a["invoice_number"] for a in rest["assignments"]] == ["F-3", "F-2"]
    assert rest["number"] == "BC-20261124-002"


def test_the_batch_csv_carries_the_control_totals_with_its_exact_content_type(legal):
    creditor = uuid.uuid4()
    contracted(legal, creditor)
    legal.place_case(
        creditor_id=creditor,
        name="=cmd|' /C calc'!A0",
        invoices=[("F-1", date(2026, 9, 1), "1000.10"), ("F-2", date(2026, 10, 1), "0.20")],
    )
    batch = new_batch(legal, creditor).json()
    response = legal.client.get(batch["csv_url"], headers=legal.headers("creditor", creditor_id=creditor))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "bordereau-BC-20261124-001.csv" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8")), delimiter=";"))
    assert [r[4] for r in rows[1:3]] == ["F-1", "F-2"]
    assert rows[1][8].startswith("'="), "a debtor name a spreadsheet would run is neutralised"
    assert rows[3][2:4] == ["TOTAL", "2"] and rows[3][10] == "1000.30"
    other = legal.headers("creditor", creditor_id=uuid.uuid4())
    assert legal.client.get(batch["csv_url"], headers=other).status_code == 404


def test_the_notices_are_a_subrogation_letter_per_debtor_read_back_from_the_pdf(legal, tmp_path):
    creditor = uuid.uuid4()
    contracted(legal, creditor)
    legal.intake.records[f"/api/v1/creditors/{creditor}"] = {
        "id": str(creditor),
        "name": "Alpha Fournitures SAS",
        "siren": "552100554",
        "address": {"line1": "1 rue du Commerce", "postal_code": "69002", "city": "Lyon", "country": "FR"},
    }
    legal.place_case(creditor_id=creditor, name="Dupont SARL", invoices=[("F-1", date(2026, 9, 1), "1200.00")])
    legal.place_case(
        creditor_id=creditor,
        name="Martin SAS",
        siren="443061841",
        invoices=[("F-2", date(2026, 9, 5), "300.00"), ("F-3", date(2026, 9, 9), "45.50")],
    )
    batch = new_batch(legal, creditor).json()
    response = legal.client.get(batch["notices_url"], headers=legal.headers() | {"Accept-Language": "fr"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["x-content-type-options"] == "nosniff"
    (tmp_path / "notices.pdf").write_bytes(response.content)
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages]
    assert len(pages) == 2, "one letter per debtor"
    dupont, martin = sorted(pages, key=lambda text: "Martin SAS" in text)
    assert "Dupont SARL" in dupont and "Martin SAS" not in dupont
    assert "Notification de subrogation" in dupont or "NOTIFICATION DE SUBROGATION" in dupont
    assert "1346-1" in dupont and "Eurofactor" in dupont and "FR76 3000 6000 0112 3456 7890 189" in dupont
    assert "Alpha Fournitures SAS" in dupont and "69002 Lyon" in dupont and "33000 Bordeaux" in dupont
    assert "F-2" in martin and "F-3" in martin and "345,50" in martin
    english = legal.client.get(batch["notices_url"], headers=legal.headers() | {"Accept-Language": "en"})
    assert "conventional subrogation" in PdfReader(io.BytesIO(english.content)).pages[0].extract_text()


def test_without_recourse_the_factor_hands_back_only_a_receivable_whose_dispute_stands(legal):
    creditor = uuid.uuid4()
    contracted(legal, creditor, with_recourse=False)
    legal.place_case(creditor_id=creditor, invoices=[("F-1", date(2026, 9, 1), "1200.00")])
    [assignment] = new_batch(legal, creditor).json()["assignments"]
    base = f"/api/v1/legal/factoring/assignments/{assignment['id']}"
    hand_back = {"handed_back_on": "2026-11-24", "reason": "impayé à 90 jours"}
    refused = legal.client.post(f"{base}/hand-back", json=hand_back, headers=legal.headers())
    assert refused.status_code == 409 and "without recourse" in refused.json()["detail"]
    dispute = legal.client.post(
        f"{base}/disputes", json={"reason": "livraison contestée", "opened_on": "2026-11-20"}, headers=legal.headers()
    )
    assert dispute.status_code == 201, dispute.text
    dismissed = legal.client.post(
        f"{base}/disputes/{dispute.json()['id']}/resolution",
        json={"outcome": "dismissed", "resolved_on": "2026-11-23"},
        headers=legal.headers(),
    )
    assert dismissed.status_code == 200 and dismissed.json()["status"] == "dismissed"
    assert legal.client.post(f"{base}/hand-back", json=hand_back, headers=legal.headers()).status_code == 409
    second = legal.client.post(
        f"{base}/disputes", json={"reason": "facture en double", "opened_on": "2026-11-24"}, headers=legal.headers()
    ).json()
    legal.client.post(
        f"{base}/disputes/{second['id']}/resolution",
        json={"outcome": "upheld", "resolved_on": "2026-11-24"},
        headers=legal.headers(),
    )
    back = legal.client.post(f"{base}/hand-back", json=hand_back, headers=legal.headers())
    assert back.status_code == 200, back.text
    assert back.json()["status"] == "handed_back" and back.json()["handed_back_amount"] == "1200.00"
    assert [d["status"] for d in back.json()["disputes"]] == ["dismissed", "upheld"]
    assert legal.client.post(f"{base}/hand-back", json=hand_back, headers=legal.headers()).status_code == 409
    assert new_batch(legal, creditor).status_code == 409, "a receivable handed back is not offered again"


def test_with_recourse_the_factor_hands_back_an_unpaid_receivable_in_part(legal):
    creditor = uuid.uuid4()
    contracted(legal, creditor, with_recourse=True)
    legal.place_case(creditor_id=creditor, invoices=[("F-1", date(2026, 9, 1), "1200.00")])
    [assignment] = new_batch(legal, creditor).json()["assignments"]
    base = f"/api/v1/legal/factoring/assignments/{assignment['id']}"
    too_much = legal.client.post(
        f"{base}/hand-back",
        json={"handed_back_on": "2026-11-24", "amount": "1500.00", "reason": "impayé"},
        headers=legal.headers(),
    )
    assert too_much.status_code == 422
    back = legal.client.post(
        f"{base}/hand-back",
        json={"handed_back_on": "2026-11-24", "amount": "400.00", "reason": "impayé"},
        headers=legal.headers(),
    )
    assert back.status_code == 200 and back.json()["handed_back_amount"] == "400.00"
    mine = legal.headers("creditor", creditor_id=creditor)
    assert legal.client.get(base, headers=mine).json()["status"] == "handed_back"
    theirs = legal.headers("creditor", creditor_id=uuid.uuid4())
    assert legal.client.get(base, headers=theirs).status_code == 404
    assert (
        legal.client.get(f"/api/v1/legal/factoring/batches/{assignment['batch_id']}", headers=theirs).status_code == 404
    )
    listing = legal.client.get("/api/v1/legal/factoring/batches", headers=theirs).json()
    assert listing == {"items": [], "total": 0}
    assert legal.client.get("/api/v1/legal/factoring/batches", headers=mine).json()["total"] == 1
