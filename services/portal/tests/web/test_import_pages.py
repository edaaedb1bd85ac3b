"""Bulk import from the web: the file goes to intake's import API, the import's page follows it to the end and
lists the rows refused with the CSV error report; another creditor's import is a page that does not exist."""

from __future__ import annotations

import html
import time
import uuid

import pytest

from workbench import samples


@pytest.fixture
def portal(portal_for, intake_url):
    return portal_for(service_urls={"intake": intake_url})


def _finished(portal, url: str) -> str:
    """The import's page once intake has finished (it imports in the background, right after answering)."""
    deadline = time.monotonic() + 30
    while True:
        page = portal.get(url)
        assert page.status_code == 200, page.text
        if 'http-equiv="refresh"' not in page.text or time.monotonic() > deadline:
            return page.text
        time.sleep(0.05)


def test_a_creditor_imports_a_file_and_sees_the_rows_refused_and_the_error_report(portal, sign_in, csrf_of):
    rows = [*samples.good_rows(), {**samples.good_rows()[0], "number": "F-AMOUNT", "amount": "mille euros"}]
    sign_in(portal, "creditor@demo.example")
    form = portal.get("/imports/new")
    assert form.status_code == 200 and 'type="file"' in form.text

    sent = portal.post(
        "/imports/new",
        data={"csrf": csrf_of(form.text)},
        files={"file": ("export.csv", samples.french_csv(rows), "text/csv")},
    )

    assert sent.status_code == 303, sent.text
    url = sent.headers["location"]
    page = _finished(portal, url)
    assert "Terminé" in page and "export.csv" in page
    assert "Lignes refusées" in page and "F-AMOUNT" not in page  # the reason, not the row's content
    # the control total, per currency, to check against the creditor's ledger (1,234.56 + 5,000.00 + 89.90 in euros)
    text = html.unescape(page)
    assert "Total confié (reste dû)</dt><dd>6\u202f324,46\u00a0€" in text and "2\u202f500,00\u00a0CHF" in text
    assert "comparez-le au total de votre balance" in text
    report = portal.get(f"{url}/errors.csv")
    assert report.status_code == 200 and report.headers["content-type"].startswith("text/csv")
    assert "mille" in report.text or len(report.text.splitlines()) == 2


def test_an_import_without_a_file_or_without_the_csrf_token_is_refused(portal, sign_in, csrf_of):
    sign_in(portal, "creditor@demo.example")
    form = portal.get("/imports/new")

    empty = portal.post("/imports/new", data={"csrf": csrf_of(form.text)})
    forged = portal.post("/imports/new", files={"file": ("export.csv", samples.french_csv(), "text/csv")})

    assert empty.status_code == 422 and "Choisissez un fichier" in empty.text
    assert forged.status_code == 403


def test_another_creditors_import_is_a_page_that_does_not_exist(portal, sign_in, issue_token):
    admin = {"Authorization": f"Bearer {issue_token('admin')}"}
    body = {
        "name": "Autre Créancier SA",
        "siren": "542051180",
        "email": "contact@autre.example",
        "address": {"line1": "2 rue Neuve", "postal_code": "69001", "city": "Lyon"},
    }
    other = portal.post("/api/v1/creditors", json=body, headers=admin).json()["id"]
    theirs = portal.post(
        "/api/v1/imports",
        data={"creditor_id": other},
        files={"file": ("theirs.csv", samples.french_csv(), "text/csv")},
        headers=admin,
    )
    assert theirs.status_code == 202, theirs.text
    sign_in(portal, "creditor@demo.example")

    page = portal.get(f"/imports/{theirs.json()['id']}")
    report = portal.get(f"/imports/{theirs.json()['id']}/errors.csv")
    unknown = portal.get(f"/imports/{uuid.uuid4()}")

    assert page.status_code == 404 and "theirs.csv" not in page.text
    assert report.status_code == 404
    assert unknown.status_code == 404
