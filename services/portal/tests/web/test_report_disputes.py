"""The report's « Litiges par motif », over the real intake and dunning: each reason the debtors gave, how many
were opened, are open, ended with the claim maintained or cancelled, the average days to settle and the documents
judged insufficient, with a total; in French and English; the rest of the report still shown when dunning cannot
answer."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime
from typing import Any

import pytest


def text_of(response: Any) -> str:
    return re.sub(r"\s+", " ", html.unescape(response.text))


def row(page: str, label: str) -> str:
    found = re.search(rf"<th scope=\"row\">{re.escape(label)}</th>(.*?)</tr>", page)
    assert found, f"no row {label}"
    return " ".join(re.sub(r"<[^>]+>", " ", found.group(1)).split())


def test_the_report_counts_the_disputes_by_reason_with_their_outcomes(platform, new_case, sign_in, issue_token):
    agent = {"Authorization": f"Bearer {issue_token('agent')}"}
    platform.clock.set(datetime(2026, 11, 4, 9, tzinfo=UTC))
    lost = platform.case(new_case, "RPD-0001", "640.00")
    paid = platform.case(new_case, "RPD-0002", "300.00")
    disputes = "/api/v1/dunning/cases/{}/disputes"
    never = {"reason": "Rien reçu", "category": "not_received"}
    opened = platform.portal.post(disputes.format(lost["id"]), json=never, headers=agent)
    assert opened.status_code == 201, opened.text
    declared = {"reason": "Payé par virement", "kind": "payment_declared"}
    assert platform.portal.post(disputes.format(paid["id"]), json=declared, headers=agent).status_code == 201
    platform.clock.set(datetime(2026, 11, 7, 9, tzinfo=UTC))
    resolve = f"{disputes.format(lost['id'])}/{opened.json()['id']}/resolve"
    assert platform.portal.post(resolve, json={"outcome": "cancelled"}, headers=agent).status_code == 200

    sign_in(platform.portal, "creditor@demo.example")
    page = text_of(platform.portal.get("/reports"))

    assert 'id="disputes">Litiges par motif</h2>' in page
    assert row(page, "Marchandise ou prestation non reçue") == "1 0 0 1 3,0 j 0"
    assert row(page, "Paiement déclaré par le débiteur") == "1 1 0 0 — 0"
    assert row(page, "Total") == "2 1 0 1 3,0 j 0"
    platform.portal.cookies.set("recouvra_lang", "en")
    english = text_of(platform.portal.get("/reports"))
    assert 'id="disputes">Disputes by reason</h2>' in english and "Cancelled" in english
    assert row(english, "Goods or service not received") == "1 0 0 1 3.0 days 0"


@pytest.fixture
def without_dunning(portal_for, intake_url):
    return portal_for(service_urls={"intake": intake_url, "dunning": "http://127.0.0.1:9"})


def test_the_report_is_shown_without_its_disputes_when_dunning_cannot_answer(without_dunning, sign_in):
    sign_in(without_dunning, "creditor@demo.example")

    page = without_dunning.get("/reports")

    assert page.status_code == 200, page.text
    text = text_of(page)
    assert "Litiges par motif" in text and "Cette partie ne peut pas être affichée pour le moment." in text
    assert "Montants confiés" in text
