"""The debtor's self-service page: the link opens its one case (what is owed, why, how to pay), nothing of the
debtor's other debts; an altered, expired or foreign link is the plain 403 page."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest

from shared.debtor_links import sign_link
from shared.demo import DEMO_CREDITOR_ID

from portal.web.formatting import grouped

AGENCY_IBAN = "FR7630006000011234567890189"


@pytest.fixture
def portal(portal_for, intake_url, monkeypatch):
    monkeypatch.setenv("PORTAL_WEB_AGENCY_IBAN", AGENCY_IBAN)
    return portal_for(service_urls={"intake": intake_url})


@pytest.fixture
def opened(portal, issue_token, new_case):
    creditor = {"Authorization": f"Bearer {issue_token('creditor', creditor_id=DEMO_CREDITOR_ID)}"}

    def open_case(reference: str, amount: str = "1200.00") -> dict[str, object]:
        answer = portal.post("/api/v1/cases", json=new_case(reference, amount=amount), headers=creditor)
        assert answer.status_code == 201, answer.text
        return answer.json()

    return open_case


def link_for(case: dict, clock, *, key: str = "a-test-debtor-link-key", days: int = 60, debtor=None) -> str:
    return sign_link(
        case_id=uuid.UUID(case["id"]),
        debtor_id=uuid.UUID(debtor or case["debtor"]["id"]),
        expires_at=clock.now() + timedelta(days=days),
        key=key.encode(),
    )


def test_the_link_shows_what_is_owed_why_and_how_to_pay_and_nothing_of_other_debts(portal, opened, clock):
    case = opened("DEBT-0001", "1200.00")
    opened("DEBT-0002", "777.00")  # the same debtor's other debt

    page = portal.get(f"/debtor/{link_for(case, clock)}")

    assert page.status_code == 200, page.text
    assert "DEBT-0001" in page.text and "DEBT-0001-F1" in page.text
    # the other debt's amount as the page would print it ("777" alone is in a random CSRF token now and then)
    assert "DEBT-0002" not in page.text and "777,00" not in page.text and "777.00" not in page.text
    assert "FR76 3000 6000 0112 3456 7890 189" in page.text  # the IBAN as a bank form prints it
    assert grouped(case["rf_reference"]) in page.text
    assert "Demo Créancier SAS" in page.text  # on whose behalf the agency writes
    assert "Recouvra Agence de recouvrement SAS" in page.text
    assert "Proposer un échéancier" in page.text and "Contester la créance" in page.text
    # an invoice's figure is its principal left, which the balance due adds penalties and indemnities to
    assert "Principal restant dû" in page.text and "Solde dû" in page.text
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert "Se déconnecter" not in page.text  # no account, no site navigation


def test_an_altered_link_is_the_plain_403_page(portal, opened, clock):
    token = link_for(opened("DEBT-0003"), clock)
    body, _, signature = token.partition(".")
    altered = body[:-2] + ("A" if body[-2] != "A" else "B") + body[-1] + "." + signature

    page = portal.get(f"/debtor/{altered}")
    cut = portal.get(f"/debtor/{token[:-5]}")

    assert page.status_code == 403 and cut.status_code == 403
    assert "Lien non valable" in page.text and "modifié ou tronqué" in page.text
    assert "DEBT-0003" not in page.text


def test_an_expired_link_says_when_it_expired(portal, opened, clock):
    token = link_for(opened("DEBT-0004"), clock, days=1)
    clock.set(clock.now() + timedelta(days=2))

    page = portal.get(f"/debtor/{token}", headers={"Accept-Language": "en"})

    assert page.status_code == 403
    assert "expired on" in page.text and "DEBT-0004" not in page.text


def test_a_link_signed_with_another_key_or_for_another_debtor_opens_nothing(portal, opened, clock):
    case = opened("DEBT-0005")

    foreign = portal.get(f"/debtor/{link_for(case, clock, key='not-our-key')}")
    other_debtor = portal.get(f"/debtor/{link_for(case, clock, debtor=str(uuid.uuid4()))}")

    assert foreign.status_code == 403 and other_debtor.status_code == 403
    assert "DEBT-0005" not in other_debtor.text


def test_a_debtors_form_without_its_csrf_token_is_refused(portal, opened, clock):
    token = link_for(opened("DEBT-0006"), clock)
    portal.get(f"/debtor/{token}")

    answer = portal.post(f"/debtor/{token}/dispute", data={"reason": "je conteste"})

    assert answer.status_code == 403


def test_before_dunning_hears_of_the_case_the_page_says_when_to_come_back_and_a_plan_sent_is_told_so(
    portal_for, intake_url, opened, clock, settings_for, verifier, serve, csrf_of
):
    from dunning.main import create_app as create_dunning

    dunning = serve(create_dunning(settings_for("dunning"), clock=clock, verifier=verifier))  # it has no case yet
    portal = portal_for(service_urls={"intake": intake_url, "dunning": dunning})
    token = link_for(opened("DEBT-0007"), clock)

    page = portal.get(f"/debtor/{token}")

    assert page.status_code == 200, page.text
    assert "dans quelques minutes" in page.text
    assert "Envoyer ma proposition" not in page.text and "Envoyer ma contestation" not in page.text
    plan = {"csrf": csrf_of(page.text), "due_on-0": "2027-03-20", "amount-0": "600", "due_on-1": "2027-04-20"}
    sent = portal.post(f"/debtor/{token}/plan", data={**plan, "amount-1": "600"})  # a form opened just before
    assert sent.status_code == 409
    assert "dans quelques minutes" in sent.text and "Page introuvable" not in sent.text
