"""A debtor pays by card on the running platform, in a real browser: its page offers « Payer par carte », the form
leads it to the card-payment provider's page (the fake of Stripe's Checkout that `make run` starts), it pays, the
provider's signed event reaches intake through the public gateway and records the payment on the case, and the
debtor, back on its page, is thanked and reads the new balance. A browser, not an HTTP client: the pages'
Content-Security-Policy (`form-action 'self'`) is what a browser obeys and a client does not."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import httpx
import pytest

from shared.debtor_links import sign_link

from .conftest import Visitor
from .desk import Desk
from .test_platform import a_siren

pytestmark = pytest.mark.e2e


def test_a_debtor_pays_part_of_its_debt_by_card_and_the_payment_reaches_the_case(platform, browser, shots):
    desk = Desk(platform)
    url, creditor = desk.url, desk.creditor
    reference = f"CB-{uuid.uuid4().hex[:8]}"
    debtor = Visitor(browser, url, shots, "card-payment")
    try:
        desk.at(date(2026, 11, 3), 8, 0)
        case = desk.validated_case(reference, {"name": f"Atelier {reference}", "siren": a_siren()}, "640.00")
        key = (platform.var_dir / "keys" / "debtor-link-key").read_text().strip().encode()
        token = sign_link(
            case_id=uuid.UUID(case["id"]),
            debtor_id=uuid.UUID(case["debtor"]["id"]),
            expires_at=datetime(2027, 6, 1, tzinfo=UTC),
            key=key,
        )
        page = debtor.page
        page.goto(f"/debtor/{token}")
        debtor.shot("page")
        page.get_by_label("Montant à payer (€)").fill("99999,00")
        page.get_by_role("button", name="Payer par carte").click()
        page.wait_for_url(f"{url}/debtor/{token}/card")
        assert "restant dus" in page.inner_text("main"), "a card never pays more than is owed"
        debtor.shot("too-much")
        debtor.errors = [error for error in debtor.errors if "422" not in error]  # the refusal's own status
        page.get_by_label("Montant à payer (€)").fill("200,00")
        page.get_by_role("button", name="Payer par carte").click()
        page.wait_for_url(f"{url}/debtor/{token}/card")
        assert "Vous allez payer 200,00\u00a0€ sur le dossier" in page.inner_text("main")
        debtor.shot("to-the-provider")

        page.get_by_role("link", name="Continuer vers le paiement sécurisé").click()
        page.wait_for_url(f"{platform.provider_url}/psp/pay/**")
        assert "200,00 EUR" in page.content()
        page.get_by_role("button", name="Payer").click()
        page.wait_for_url(f"{url}/debtor/{token}?sent=card**")
        assert "votre paiement par carte a été accepté" in page.inner_text("#card-sent")

        def card_payments() -> list[dict]:
            answer = httpx.get(f"{url}/api/v1/cases/{case['id']}/payments", headers=creditor)
            return [p for p in answer.json()["items"] if p["source"] == "debtor_to_agency"] if answer.is_success else []

        recorded = platform.eventually(card_payments, timeout_s=30)
        assert recorded, "the provider's event did not record the payment"
        [payment] = recorded
        assert payment["amount"] == "200.00" and payment["reference"].startswith("pi_")
        checkouts = httpx.get(f"{url}/api/v1/intake/cases/{case['id']}/card-checkouts", headers=creditor).json()
        assert [(c["status"], c["payment_id"]) for c in checkouts["items"]] == [("paid", payment["id"])]
        page.reload()
        debtor.shot("paid")
    finally:
        desk.real_time()
        debtor.close()
