"""The documents that support the claim on the debtor's page: the creditor's invoices, contract and proofs, never
its correspondence; each downloaded through the link, and the first reading of the day noted on the case's timeline
for the creditor and the agents."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from shared.debtor_links import sign_link
from shared.demo import DEMO_CREDITOR_ID

from portal.timeline.models import TimelineEntry

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def portal(portal_for, intake_url):
    return portal_for(service_urls={"intake": intake_url})


@pytest.fixture
def creditor(issue_token):
    return {"Authorization": f"Bearer {issue_token('creditor', creditor_id=DEMO_CREDITOR_ID)}"}


@pytest.fixture
def opened(portal, creditor, new_case):
    def open_case(reference: str) -> dict:
        answer = portal.post("/api/v1/cases", json=new_case(reference, amount="300.00"), headers=creditor)
        assert answer.status_code == 201, answer.text
        return answer.json()

    return open_case


def attach(portal, creditor, case: dict, kind: str, name: str) -> str:
    sent = portal.post(
        f"/api/v1/cases/{case['id']}/documents",
        data={"kind": kind},
        files={"file": (name, PDF, "application/pdf")},
        headers=creditor,
    )
    assert sent.status_code == 201, sent.text
    return str(sent.json()["id"])


def link_for(case: dict, clock) -> str:
    return sign_link(
        case_id=uuid.UUID(case["id"]),
        debtor_id=uuid.UUID(case["debtor"]["id"]),
        expires_at=clock.now() + timedelta(days=30),
        key=b"a-test-debtor-link-key",
    )


def entries(portal, case: dict) -> list[TimelineEntry]:
    with Session(portal.app.state.runtime.engine) as session:
        return list(
            session.exec(
                select(TimelineEntry).where(
                    col(TimelineEntry.case_id) == uuid.UUID(case["id"]), TimelineEntry.type == "document.consulted"
                )
            ).all()
        )


def test_the_debtor_reads_the_invoice_and_the_contract_but_not_the_correspondence(portal, creditor, opened, clock):
    case = opened("PROOF-0001")
    invoice = attach(portal, creditor, case, "invoice", "facture-F1.pdf")
    contract = attach(portal, creditor, case, "contract", "contrat.pdf")
    letter = attach(portal, creditor, case, "correspondence", "echange-interne.pdf")
    token = link_for(case, clock)

    page = portal.get(f"/debtor/{token}")

    assert page.status_code == 200
    assert "Les justificatifs de la créance" in page.text
    assert f"/debtor/{token}/documents/{invoice}" in page.text and "facture-F1.pdf" in page.text
    assert f"/debtor/{token}/documents/{contract}" in page.text and "Contrat" in page.text
    assert letter not in page.text and "echange-interne.pdf" not in page.text
    hidden = portal.get(f"/debtor/{token}/documents/{letter}")
    assert hidden.status_code == 404 and PDF not in hidden.content


def test_a_download_serves_the_file_and_its_first_reading_of_the_day_is_on_the_timeline(
    portal, creditor, opened, clock
):
    case = opened("PROOF-0002")
    invoice = attach(portal, creditor, case, "invoice", "facture-F2.pdf")
    token = link_for(case, clock)

    first = portal.get(f"/debtor/{token}/documents/{invoice}")
    again = portal.get(f"/debtor/{token}/documents/{invoice}")

    assert first.status_code == 200 and first.content == PDF and again.content == PDF
    assert first.headers["content-type"] == "application/pdf"
    assert "facture-F2.pdf" in first.headers["content-disposition"]
    assert first.headers["X-Robots-Tag"] == "noindex, nofollow"
    [entry] = entries(portal, case)
    assert entry.summary_fr == "Le débiteur a consulté la facture « facture-F2.pdf » sur son espace en ligne"
    assert entry.summary_en == "The debtor read the invoice “facture-F2.pdf” on the self-service page"
    timeline = portal.get(f"/api/v1/cases/{case['id']}/timeline", headers=creditor).json()
    assert any(item["type"] == "document.consulted" for item in timeline["items"])

    clock.set(clock.now() + timedelta(days=1))
    portal.get(f"/debtor/{link_for(case, clock)}/documents/{invoice}")
    assert len(entries(portal, case)) == 2  # one a day


def test_another_cases_document_or_an_altered_link_serves_nothing(portal, creditor, opened, clock):
    mine, other = opened("PROOF-0003"), opened("PROOF-0004")
    foreign = attach(portal, creditor, other, "invoice", "autre.pdf")
    token = link_for(mine, clock)

    assert portal.get(f"/debtor/{token}/documents/{foreign}").status_code == 404
    assert portal.get(f"/debtor/{token}/documents/not-an-id").status_code == 404
    assert portal.get(f"/debtor/{token[:-4]}AAAA/documents/{foreign}").status_code == 403
    assert entries(portal, other) == []


def test_a_case_without_documents_says_how_to_get_a_copy(portal, opened, clock):
    case = opened("PROOF-0005")
    page = portal.get(f"/debtor/{link_for(case, clock)}")
    assert "n&#39;a pas encore joint de justificatif" in page.text
