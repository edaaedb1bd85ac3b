"""The demo files of `make run` (workbench.stack.demo_data): written through the public API, they give the demo
creditor an IBAN, files at every stage, payments and a remittance, so the reports have something to show; run
twice, they are there once."""

from __future__ import annotations

import pytest

from shared.clock import today_in_paris
from shared.demo import DEMO_CREDITOR_ID
from workbench.stack.demo_data import FILES, populate


@pytest.fixture
def portal(portal_for, settings_for, clock, verifier, serve, tmp_path):
    from intake.main import create_app as create_intake

    settings = settings_for(
        "intake",
        documents_dir=tmp_path / "documents",
        seed_demo=True,
        agency_iban="FR7630006000011234567890189",  # the embedded profile's client-money account
        agency_bic="AGRIFRPP",
    )
    return portal_for(service_urls={"intake": serve(create_intake(settings, clock=clock, verifier=verifier))})


def test_the_demo_creditor_gets_an_iban_files_at_every_stage_payments_and_a_remittance(
    portal, sign_in, issue_token, clock
):
    today = today_in_paris(clock)

    created = populate(portal, today)
    again = populate(portal, today)

    assert created == [reference for reference, *_ in FILES] and again == []
    admin = {"Authorization": f"Bearer {issue_token('admin')}"}
    cases = portal.get("/api/v1/cases", params={"creditor_id": str(DEMO_CREDITOR_ID)}, headers=admin).json()
    statuses = {case["reference"]: case["status"] for case in cases["items"]}
    assert (statuses["DEMO-001"], statuses["DEMO-002"], statuses["DEMO-003"]) == ("draft", "submitted", "amicable")
    remittances = portal.get("/api/v1/remittances", headers=admin).json()
    assert remittances["total"] == 1 and remittances["items"][0]["collected"] == "1660.00"
    assert remittances["items"][0]["iban"].replace(" ", "").startswith("FR1420041")  # paid to the demo IBAN
    assert remittances["items"][0]["iban"].replace(" ", "").startswith("FR1420041")  # paid to the demo IBAN
    sign_in(portal, "creditor@demo.example")
    report = portal.get("/reports")
    assert "1\u202f660,00\u00a0€" in report.text and "Transports Bernard SARL" in report.text
