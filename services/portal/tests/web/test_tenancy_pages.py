"""A creditor cannot reach another creditor's file, document, report or import by changing the address: each
is the 404 page, as a record that does not exist (shared.tenancy, applied by intake; no page re-derives it)."""

from __future__ import annotations

import pytest

from shared.demo import DEMO_CREDITOR_ID

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def portal(portal_for, intake_url):
    return portal_for(service_urls={"intake": intake_url})


def _document_of(portal, headers: dict[str, str], case_id: str) -> str:
    sent = portal.post(
        f"/api/v1/cases/{case_id}/documents",
        data={"kind": "contract"},
        files={"file": ("contrat.pdf", PDF, "application/pdf")},
        headers=headers,
    )
    assert sent.status_code == 201, sent.text
    return str(sent.json()["id"])


def test_another_creditors_document_is_a_page_that_does_not_exist_even_under_ones_own_case(
    portal, sign_in, issue_token, new_case
):
    admin = {"Authorization": f"Bearer {issue_token('admin')}"}
    mine = {"Authorization": f"Bearer {issue_token('creditor', creditor_id=DEMO_CREDITOR_ID)}"}
    body = {
        "name": "Autre Créancier SA",
        "siren": "542051180",
        "email": "contact@autre.example",
        "address": {"line1": "2 rue Neuve", "postal_code": "69001", "city": "Lyon"},
    }
    other = portal.post("/api/v1/creditors", json=body, headers=admin).json()["id"]
    mandate = {"commission_rate": "0.10", "phases": ["amicable"], "signed_on": "2026-01-05"}
    assert portal.post(f"/api/v1/creditors/{other}/mandates", json=mandate, headers=admin).status_code == 201
    theirs = portal.post("/api/v1/cases", json={**new_case("THEIRS-1"), "creditor_id": other}, headers=admin).json()
    own = portal.post("/api/v1/cases", json=new_case("MINE-1", siren="443061841"), headers=mine).json()
    their_document = _document_of(portal, admin, theirs["id"])
    own_document = _document_of(portal, mine, own["id"])
    sign_in(portal, "creditor@demo.example")

    direct = portal.get(f"/cases/{theirs['id']}/documents/{their_document}")
    under_own_case = portal.get(f"/cases/{own['id']}/documents/{their_document}")
    own_one = portal.get(f"/cases/{own['id']}/documents/{own_document}")

    assert direct.status_code == 404 and PDF not in direct.content
    assert under_own_case.status_code == 404 and PDF not in under_own_case.content
    assert own_one.status_code == 200 and own_one.content == PDF
