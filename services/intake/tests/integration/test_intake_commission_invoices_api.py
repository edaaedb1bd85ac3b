"""The agency's invoice of its commission: each remittance that carries a commission is numbered in one sequence
without gaps (a second run goes on from the first), and its PDF names the agency and the creditor, each payment's
commission, the totals, what the remittance settled by offset and what is left to pay; the creditor reads its own,
another creditor nothing."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from shared.demo import DEMO_CREDITOR_ID


def text_of(pdf: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split())


def test_each_remittance_with_a_commission_is_invoiced_in_one_sequence(api, open_case, pay, invoice):
    held = open_case("FAC-1", [invoice("F-1", "2026-09-01", "5000.00")])
    direct = open_case(
        "FAC-2",
        [invoice("F-2", "2026-09-01", "800.00")],
        debtor={"type": "company", "name": "Martin SA", "siren": "404833048"},
    )
    assert pay(held, "1000.00", "2026-11-02").status_code == 201
    assert pay(direct, "200.00", "2026-11-03", source="debtor_to_creditor", headers=api.creditor).status_code == 201
    account = {"iban": "FR14 2004 1010 0505 0001 3M02 606"}
    api.client.put(f"/api/v1/intake/creditors/{DEMO_CREDITOR_ID}/bank-account", json=account, headers=api.admin)

    first = api.client.post("/api/v1/remittances/runs", json={}, headers=api.agent).json()["remittances"][0]
    assert (first["invoice_number"], first["invoice_url"]) == (
        "FC-000001",
        f"/api/v1/remittances/{first['id']}/invoice",
    )
    answer = api.client.get(first["invoice_url"], headers=api.creditor)
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/pdf"
    assert "facture-FC-000001.pdf" in answer.headers["content-disposition"]
    words = text_of(answer.content)
    assert "FACTURE N° FC-000001" in words and "Recouvra Agence de recouvrement SAS" in words
    assert "Facturé à :" in words and "Demo Créancier SAS" in words
    # each payment's commission: 15 % of 1,000.00 held by the agency, and of 200.00 paid to the creditor directly
    assert re.search(r"02/11/2026 FAC-1 1 000,00 € 15,00 % 150,00 € 30,00 € 180,00 €", words), words
    assert re.search(r"03/11/2026 FAC-2 200,00 € 15,00 % 30,00 € 6,00 € 36,00 €", words), words
    assert "Total HT 180,00 €" in words and "TVA (20,00 %) 36,00 €" in words and "Total TTC 216,00 €" in words
    assert "Reste à payer 0,00 €" in words and "indemnité forfaitaire" in words
    assert api.client.get(first["invoice_url"], headers=api.other).status_code == 404
    assert api.client.get(first["invoice_url"], headers=api.creditor).content == answer.content  # the same file

    assert pay(held, "500.00", "2026-11-20").status_code == 201
    second = api.client.post("/api/v1/remittances/runs", json={}, headers=api.agent).json()["remittances"][0]
    assert second["invoice_number"] == "FC-000002"
    listed = api.client.get("/api/v1/remittances", headers=api.agent).json()["items"]
    assert sorted(item["invoice_number"] for item in listed) == ["FC-000001", "FC-000002"]


def test_a_remittance_without_commission_has_no_invoice(api, open_case, pay, invoice):
    free = {"commission_rate": "0", "phases": ["amicable"]}
    signed = api.client.post(f"/api/v1/creditors/{DEMO_CREDITOR_ID}/mandates", json=free, headers=api.admin)
    assert signed.status_code == 201, signed.text  # the demo creditor's mandate now takes no commission
    case = open_case("FAC-0", [invoice("F-0", "2026-09-01", "400.00")])
    assert pay(case, "400.00", "2026-11-02").status_code == 201
    account = {"iban": "FR14 2004 1010 0505 0001 3M02 606"}
    api.client.put(f"/api/v1/intake/creditors/{DEMO_CREDITOR_ID}/bank-account", json=account, headers=api.admin)

    [remittance] = api.client.post("/api/v1/remittances/runs", json={}, headers=api.agent).json()["remittances"]

    assert (remittance["commission"], remittance["remitted"]) == ("0.00", "400.00")
    assert (remittance["invoice_number"], remittance["invoice_url"]) == (None, None)
    missing = api.client.get(f"/api/v1/remittances/{remittance['id']}/invoice", headers=api.agent)
    assert missing.status_code == 404 and "carries no commission" in missing.json()["detail_en"]
    unknown = api.client.get("/api/v1/remittances/00000000-0000-4000-8000-000000000000/invoice", headers=api.agent)
    assert unknown.status_code == 404


def test_a_remittance_whose_reversals_make_the_commission_negative_is_a_credit_note_correcting_the_invoice(
    api, open_case, pay, invoice
):
    case = open_case("REJ-1", [invoice("F-A", "2026-09-01", "1000.00")], kind="b2c")
    paid = pay(case, "1000.00", "2026-11-02").json()
    account = {"iban": "FR14 2004 1010 0505 0001 3M02 606"}
    api.client.put(f"/api/v1/intake/creditors/{DEMO_CREDITOR_ID}/bank-account", json=account, headers=api.admin)
    [first] = api.client.post("/api/v1/remittances/runs", json={}, headers=api.agent).json()["remittances"]
    assert (first["invoice_number"], first["commission"], first["credit_note"]) == ("FC-000001", "180.00", False)
    reversal = api.client.post(
        f"/api/v1/payments/{paid['id']}/reversal", json={"reason": "virement rejeté"}, headers=api.agent
    )
    assert reversal.status_code == 201, reversal.text
    free = {"commission_rate": "0", "phases": ["amicable"]}  # the creditor's new mandate takes no commission
    assert api.client.post(f"/api/v1/creditors/{DEMO_CREDITOR_ID}/mandates", json=free, headers=api.admin).is_success
    later = open_case("REJ-2", [invoice("F-B", "2026-09-01", "2000.00")], kind="b2c")
    assert pay(later, "2000.00", "2026-11-20").status_code == 201

    [second] = api.client.post("/api/v1/remittances/runs", json={}, headers=api.agent).json()["remittances"]

    # the 1 000,00 € taken back (820,00 € remitted net of 180,00 € of commission), 2 000,00 € without commission
    assert (second["commission"], second["remitted"]) == ("-180.00", "1180.00")
    assert (second["invoice_number"], second["credit_note"]) == ("AV-000001", True)
    answer = api.client.get(second["invoice_url"], headers=api.creditor)
    assert answer.status_code == 200 and "avoir-AV-000001.pdf" in answer.headers["content-disposition"]
    words = text_of(answer.content)
    assert "FACTURE D'AVOIR N° AV-000001" in words and "Cet avoir rectifie : facture FC-000001" in words
    # the line of the payment taken back, on the day it was reversed
    assert re.search(r"24/11/2026 REJ-1 -\s?1 000,00 € 15,00 % -\s?150,00 € -\s?30,00 € -\s?180,00 €", words), words
    assert re.search(r"Total TTC de l'avoir -\s?180,00 €", words), words
    assert "Remboursé par le reversement du" in words and "Reste à payer 0,00 €" in words
    assert "la commission facturée sur eux vous est rendue" in words and "pénalités" not in words
    third = api.client.post("/api/v1/remittances/runs", json={}, headers=api.agent)
    assert "no collected funds await remittance" in third.text  # nothing more to remit
    listed = api.client.get("/api/v1/remittances", headers=api.agent).json()["items"]
    assert sorted(item["invoice_number"] for item in listed) == ["AV-000001", "FC-000001"]
