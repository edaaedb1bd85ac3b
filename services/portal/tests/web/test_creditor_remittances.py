"""« Reversements » for a creditor over a real intake: its remittances, the latest first, each with what was
collected, the commission kept and what was paid over; a remittance's page payment by payment with the arithmetic;
the agency's invoice of the commission as a PDF; staff use the back office instead, and the navigation offers it to
creditors only."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from shared.demo import DEMO_CREDITOR_ID


@pytest.fixture
def remitting_intake(settings_for, clock, verifier, serve, tmp_path) -> str:
    """A real intake with the agency's client-money account (it remits), served on a port of its own."""
    from intake.main import create_app as create_intake

    settings = settings_for(
        "intake",
        documents_dir=tmp_path / "documents",
        seed_demo=True,
        agency_iban="FR7630006000011234567890189",
        agency_bic="AGRIFRPP",
    )
    return str(serve(create_intake(settings, clock=clock, verifier=verifier)))


@contextmanager
def as_admin(intake_url: str, issue_token) -> Iterator[httpx.Client]:
    """Intake as an admin, directly (not through the portal's gateway, whose short connection timeout a loaded machine
    may hit), with the demo creditor's bank account given."""
    admin = {"Authorization": f"Bearer {issue_token('admin')}"}
    with httpx.Client(base_url=intake_url, headers=admin, timeout=60) as intake:
        account = {"iban": "FR14 2004 1010 0505 0001 3M02 606"}
        assert intake.put(f"/api/v1/intake/creditors/{DEMO_CREDITOR_ID}/bank-account", json=account).is_success
        yield intake


@pytest.fixture
def portal(portal_for, remitting_intake, issue_token, new_case):
    """A portal over a real intake in which the demo creditor was remitted once."""
    with as_admin(remitting_intake, issue_token) as intake:
        case = intake.post("/api/v1/cases", json={**new_case("REV-0001"), "creditor_id": str(DEMO_CREDITOR_ID)}).json()
        assert intake.post(f"/api/v1/cases/{case['id']}/validate", json={"override_reason": "t"}).is_success
        payment = {
            "case_id": case["id"],
            "amount": "500.00",
            "received_on": "2026-11-20",
            "source": "debtor_to_agency",
            "reference": "VIR-REV-0001",
        }
        assert intake.post("/api/v1/payments", json=payment).status_code == 201
        assert intake.post("/api/v1/remittances/runs", json={}).status_code == 201
    return portal_for(service_urls={"intake": remitting_intake})


def words(page) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page.text)))


def test_a_creditor_reads_its_remittances_each_payment_and_the_invoice(portal, sign_in):
    sign_in(portal, "creditor@demo.example")
    listing = portal.get("/remittances")
    assert listing.status_code == 200, listing.text
    assert 'href="/remittances" aria-current="page"' in listing.text  # in the creditor's navigation
    said = words(listing)
    assert "1 reversement(s)" in said and "500,00 €" in said and "FC-000001 (PDF)" in said
    [detail] = set(re.findall(r'href="(/remittances/[0-9a-f-]+)"', listing.text))

    page = portal.get(detail)

    assert page.status_code == 200, page.text
    assert "Paiement par paiement" in page.text and "fonds détenus" in words(page)
    invoice = portal.get(f"{detail}/invoice")
    assert invoice.status_code == 200 and invoice.content.startswith(b"%PDF") and b"FC-000001" in invoice.content
    portal.cookies.set("recouvra_lang", "en")
    assert "Your remittances" in portal.get("/remittances").text


def test_staff_use_the_back_office_and_an_unknown_remittance_is_the_404_page(portal, sign_in):
    sign_in(portal, "creditor@demo.example")
    assert portal.get("/remittances/00000000-0000-4000-8000-000000000000").status_code == 404
    sign_in(portal, "agent@demo.example")
    assert portal.get("/remittances").status_code == 403
    assert 'href="/remittances"' not in portal.get("/account").text


def test_a_remittance_that_gives_commission_back_links_its_credit_note(
    portal_for, remitting_intake, issue_token, new_case, sign_in
):
    """The demo creditor's payment is reversed after its remittance, and its next remittance (under a mandate without
    commission) gives the commission back: its document is the credit note AV-000001, named as such."""
    with as_admin(remitting_intake, issue_token) as intake:

        def paid(reference: str, amount: str) -> httpx.Response:
            case = intake.post("/api/v1/cases", json={**new_case(reference), "creditor_id": str(DEMO_CREDITOR_ID)})
            assert intake.post(f"/api/v1/cases/{case.json()['id']}/validate", json={"override_reason": "t"}).is_success
            body = {"case_id": case.json()["id"], "amount": amount, "received_on": "2026-11-20"}
            return intake.post("/api/v1/payments", json={**body, "source": "debtor_to_agency", "reference": reference})

        first = paid("REJ-0001", "500.00")
        assert first.status_code == 201 and intake.post("/api/v1/remittances/runs", json={}).status_code == 201
        reversed_ = intake.post(f"/api/v1/payments/{first.json()['id']}/reversal", json={"reason": "rejeté"})
        assert reversed_.status_code == 201, reversed_.text
        free = {"commission_rate": "0", "phases": ["amicable"]}  # for the cases opened from now on
        assert intake.post(f"/api/v1/creditors/{DEMO_CREDITOR_ID}/mandates", json=free).status_code == 201
        assert paid("REJ-0002", "900.00").status_code == 201
        run = intake.post("/api/v1/remittances/runs", json={})
        assert run.status_code == 201 and run.json()["remittances"][0]["invoice_number"] == "AV-000001", run.text
    portal = portal_for(service_urls={"intake": remitting_intake})
    sign_in(portal, "creditor@demo.example")
    said = words(portal.get("/remittances"))
    assert "Avoir AV-000001 (PDF)" in said and "FC-000001 (PDF)" in said
