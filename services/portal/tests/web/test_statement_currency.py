"""A case in another currency than the euro, as the debtor's page shows its statement: amounts in the case's
currency, the D441-5 indemnity on its own line in euros (intake's `indemnities_apart`), never as dollars."""

from __future__ import annotations

import uuid
from datetime import timedelta

from shared.debtor_links import sign_link
from shared.demo import DEMO_CREDITOR_ID


def test_the_debtor_page_of_a_dollar_case_shows_the_indemnity_in_euros_apart(
    portal_for, intake_url, issue_token, new_case, clock
):
    portal = portal_for(service_urls={"intake": intake_url})
    creditor = {"Authorization": f"Bearer {issue_token('creditor', creditor_id=DEMO_CREDITOR_ID)}"}
    body = new_case("USD-0001", amount="100.00")
    body["invoices"][0]["currency"] = "USD"
    answer = portal.post("/api/v1/cases", json=body, headers=creditor)
    assert answer.status_code == 201, answer.text
    case = answer.json()
    link = sign_link(
        case_id=uuid.UUID(case["id"]),
        debtor_id=uuid.UUID(case["debtor"]["id"]),
        expires_at=clock.now() + timedelta(days=60),
        key=b"a-test-debtor-link-key",
    )

    page = portal.get(f"/debtor/{link}")

    assert page.status_code == 200, page.text
    assert "Indemnité forfaitaire, due en euros hors solde" in page.text
    assert "40,00\u00a0€" in page.text and "40,00\u00a0USD" not in page.text
    assert "100,00\u00a0USD" in page.text
