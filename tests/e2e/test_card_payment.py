"""A debtor pays by card on the running platform: its page offers « Payer par carte », the form sends it to the card-
payment provider's page (the fake of Stripe's Checkout that `make run` starts), it pays, the provider's signed event
reaches intake through the public gateway and records the payment on the case, and the debtor, back on its page, is
thanked."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime

import httpx
import pytest

from shared.debtor_links import sign_link

from .desk import Desk
from .test_platform import a_siren

pytestmark = pytest.mark.e2e


def test_a_debtor_pays_part_of_its_debt_by_card_and_the_payment_reaches_the_case(platform):
    desk = Desk(platform)
    url, creditor = desk.url, desk.creditor
    reference = f"CB-{uuid.uuid4().hex[:8]}"
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
        with httpx.Client(base_url=url) as debtor:
            page = debtor.get(f"/debtor/{token}")
            assert page.status_code == 200, page.text
            assert f'action="/debtor/{token}/card"' in page.text, "the page offers no card payment"
            csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
            assert csrf
            sent = debtor.post(f"/debtor/{token}/card", data={"csrf": csrf.group(1), "amount": "200,00"})
            assert sent.status_code == 303, sent.text
            provider_page = sent.headers["location"]
            assert provider_page.startswith(f"{platform.provider_url}/psp/pay/cs_test_")

            shown = httpx.get(provider_page)
            assert shown.status_code == 200 and "200,00 EUR" in shown.text
            paid = httpx.post(provider_page, data={"card": "4242 4242 4242 4242"}, follow_redirects=False)
            assert paid.status_code == 303, paid.text
            back = paid.headers["location"]
            assert back.startswith(f"{url}/debtor/{token}?sent=card")
            thanked = debtor.get(back.removeprefix(url))
            assert "votre paiement par carte a été accepté" in thanked.text

        def card_payments() -> list[dict]:
            answer = httpx.get(f"{url}/api/v1/cases/{case['id']}/payments", headers=creditor)
            return [p for p in answer.json()["items"] if p["source"] == "debtor_to_agency"] if answer.is_success else []

        recorded = platform.eventually(card_payments, timeout_s=30)
        assert recorded, "the provider's event did not record the payment"
        [payment] = recorded
        assert payment["amount"] == "200.00" and payment["reference"].startswith("pi_")
        checkouts = httpx.get(f"{url}/api/v1/intake/cases/{case['id']}/card-checkouts", headers=creditor).json()
        assert [(c["status"], c["payment_id"]) for c in checkouts["items"]] == [("paid", payment["id"])]
    finally:
        desk.real_time()
