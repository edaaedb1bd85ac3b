"""The balance a payment plan may cover is the statement of account's (intake's figure of the day, penalties and
the 40 EUR indemnity included, here given by `StaticFacts`), the one the debtor's page shows; the plan's bounds say
it before any form, and say when the balance is too small for a plan at all."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from shared.fresh_reads import ServiceUnavailable
from shared.wording import format_amount

from .test_payment_plans import DUE, THREE, agree, at, open_case, plans


def bounds(dunning, case, **headers):
    answer = dunning.client.get(
        f"/api/v1/dunning/cases/{case.case_id}/plans/bounds", headers=headers or dunning.headers()
    )
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_a_plan_may_cover_the_statements_balance_penalties_and_indemnity_included_and_no_more(dunning):
    """DEMO-003: 5,120.00 of principal; the statement of account (here `StaticFacts`: 12.34 of penalties and the
    40.00 indemnity) says 5,172.34 is due, and that is the figure a plan is measured against, not the principal."""
    case = open_case(dunning, amount="5120.00")
    shown = bounds(dunning, case)
    assert (shown["balance"], shown["currency"], shown["possible"]) == ("5172.34", "EUR", True)
    assert (shown["min_instalment"], shown["fewest_instalments"], shown["max_instalments"]) == ("50.00", 2, 12)
    assert shown["most_instalments"] == 12
    assert (shown["as_of"], shown["last_due_on"], shown["max_months"]) == ("2026-11-04", "2027-11-04", 12)

    over = [{"due_on": "2026-11-15", "amount": "2000.00"}, {"due_on": "2026-12-15", "amount": "3172.35"}]
    refused = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/plans",
        json={"instalments": over, "submit_to_creditor": True},
        headers={**dunning.headers("service"), "Accept-Language": "fr"},
    )
    assert refused.status_code == 422, refused.text
    total, due = format_amount(Decimal("5172.35"), "fr"), format_amount(Decimal("5172.34"), "fr")
    assert refused.json()["detail"] == f"Le total des échéances ({total}) dépasse le solde dû ({due})."
    assert refused.json()["field"] == "instalments"

    whole = [{"due_on": "2026-11-15", "amount": "2000.00"}, {"due_on": "2026-12-15", "amount": "3172.34"}]
    proposal = agree(dunning, case, whole, submit_to_creditor=True)
    assert (proposal["status"], proposal["total"], proposal["balance"]) == ("proposed", "5172.34", "5172.34")


def test_a_balance_under_two_smallest_instalments_allows_no_plan_and_the_bounds_say_so(dunning):
    """DEMO-005: 56.46 due, instalments of 50.00 at least: no plan at all, and the bounds say it before any form."""
    dunning.clock.set(at(DUE, 8))
    case = dunning.validate_case(due=DUE, amount="56.46", kind="b2c")
    dunning.clock.set(at(date(2026, 11, 4)))
    shown = bounds(dunning, case)
    assert (shown["balance"], shown["most_instalments"], shown["possible"]) == ("56.46", 1, False)

    two = [{"due_on": "2026-11-15", "amount": "28.23"}, {"due_on": "2026-12-15", "amount": "28.23"}]
    refused = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/plans",
        json={"instalments": two},
        headers={**dunning.headers(), "Accept-Language": "fr"},
    )
    assert refused.status_code == 422, refused.text
    assert refused.json()["detail"].startswith("Aucun échéancier n'est possible pour un solde dû de 56,46")
    assert refused.json()["detail_en"].startswith("No payment plan is possible for a balance due of €56.46")
    assert plans(dunning, case) == []


def test_a_plan_waits_when_intake_cannot_say_the_balance_and_records_nothing(dunning, monkeypatch):
    case = open_case(dunning)

    def unavailable(case, as_of):
        raise ServiceUnavailable("intake", retry_after_s=5)

    monkeypatch.setattr(dunning.facts, "balance_due", unavailable)
    answer = dunning.client.post(
        f"/api/v1/dunning/cases/{case.case_id}/plans", json={"instalments": THREE}, headers=dunning.headers()
    )
    assert answer.status_code == 503 and "intake" in answer.json()["detail"]
    assert (
        dunning.client.get(f"/api/v1/dunning/cases/{case.case_id}/plans/bounds", headers=dunning.headers()).status_code
        == 503
    )
    assert plans(dunning, case) == []


def test_the_bounds_of_a_case_are_its_creditors_and_staffs_only(dunning):
    creditor_id = uuid.uuid4()
    case = open_case(dunning, creditor_id=creditor_id)
    assert bounds(dunning, case, **dunning.headers("creditor", creditor_id))["possible"] is True
    other = dunning.client.get(
        f"/api/v1/dunning/cases/{case.case_id}/plans/bounds", headers=dunning.headers("creditor", uuid.uuid4())
    )
    assert other.status_code == 404
    unknown = dunning.client.get(f"/api/v1/dunning/cases/{uuid.uuid4()}/plans/bounds", headers=dunning.headers())
    assert unknown.status_code == 404
