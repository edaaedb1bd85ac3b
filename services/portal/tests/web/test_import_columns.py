"""The import page lists the columns intake reads, each with a header intake recognises for that very field, and no
field intake reads is missing from it; a file written with the headers the page shows imports in full."""

from __future__ import annotations

import html
import io
import time

import pytest

from shared.demo import DEMO_CREDITOR_ID

from intake.imports.headers import _ALIASES, FIELD_OF, REQUIRED, normalise_header
from portal.web.import_columns import COLUMNS
from portal.web.texts import TEXTS


def test_every_header_the_page_shows_is_one_intake_reads_for_that_field_and_none_is_left_out():
    for column in COLUMNS:
        for header in (column.header_fr, column.header_en):
            assert FIELD_OF.get(normalise_header(header)) == column.field, (header, column.field)
        assert column.required == (column.field in REQUIRED), column
    assert sorted(column.field for column in COLUMNS) == sorted(_ALIASES)
    assert all(f"import.holds.{column.field}" in TEXTS for column in COLUMNS)  # what each holds, in both languages


@pytest.fixture
def portal(portal_for, intake_url):
    return portal_for(service_urls={"intake": intake_url})


def test_the_import_page_lists_the_columns_and_a_file_written_with_them_is_imported(
    portal, sign_in, csrf_of, issue_token
):
    sign_in(portal, "creditor@demo.example")
    page = html.unescape(portal.get("/imports/new").text)
    assert "Colonnes reconnues" in page and "Date d'échéance <small>(obligatoire)</small>" in page
    assert "Langue</th><td>langue des courriers : français (par défaut) ou anglais" in page
    english = html.unescape(portal.get("/imports/new", headers={"Accept-Language": "en"}).text)
    assert "Columns we read" in english and "Due date <small>(required)</small>" in english

    values = {
        "number": "COL-1", "issue_date": "15/09/2026", "due_date": "15/10/2026", "amount": "1 234,56",
        "name": "Acme Ltd", "reference": "DOS-COL-1", "outstanding": "1 000,00", "vat": "205,76", "currency": "EUR",
        "kind": "professionnel", "siren": "732829320", "siret": "73282932000074", "vat_number": "FR44732829320",
        "legal_form": "SARL", "email": "ap@acme.example", "phone": "01 42 68 53 00", "line1": "3 rue du Louvre",
        "line2": "Bâtiment B", "postal_code": "75001", "city": "Paris", "country": "France", "language": "Anglais",
    }  # fmt: skip
    content = ";".join(c.header_fr for c in COLUMNS) + "\n" + ";".join(values[c.field] for c in COLUMNS) + "\n"
    sent = portal.post(
        "/imports/new",
        data={"csrf": csrf_of(page)},
        files={"file": ("colonnes.csv", io.BytesIO(content.encode()), "text/csv")},
    )
    assert sent.status_code == 303, sent.text
    deadline = time.monotonic() + 30
    while 'http-equiv="refresh"' in (report := portal.get(sent.headers["location"]).text):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert "Lignes refusées" not in report, report
    creditor = {"Authorization": f"Bearer {issue_token('creditor', creditor_id=str(DEMO_CREDITOR_ID))}"}
    cases = portal.get("/api/v1/cases?limit=50", headers=creditor).json()["items"]
    [case] = [case for case in cases if case["reference"] == "DOS-COL-1"]
    debtor = case["debtor"]
    assert (debtor["language"], debtor["siret"], debtor["address"]["line2"]) == ("en", "73282932000074", "Bâtiment B")
    assert case["invoices"][0]["outstanding"] == "1000.00"
