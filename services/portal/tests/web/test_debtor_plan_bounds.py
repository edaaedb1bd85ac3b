"""The payment plan a debtor may propose from the page: for the balance the page shows (intake's statement of
account, penalties and the 40 EUR indemnity included) and not more, with as many rows as dunning's rule allows; and,
when the balance is too small for two instalments, no form at all but what to do instead. Real intake, dunning
reading intake's statement itself, and the portal: the page and the rule must agree on one figure."""

from __future__ import annotations

import html
import re
from decimal import Decimal

import httpx
from sqlmodel import Session, select

from dunning.messages.models import Message
from portal.web.formatting import money

AGENCY_EMAIL = "contact@agence.example"


def plan_form(page: str, token: str) -> str:
    match = re.search(rf'<form method="post" action="/debtor/{re.escape(token)}/plan".*?</form>', page, re.S)
    return match.group(0) if match else ""


def test_the_debtor_proposes_a_plan_for_the_balance_the_page_shows_penalties_and_indemnity_included(
    platform, new_case, csrf_of
):
    """DEMO-003: 5,120.00 of principal; the page says more is due (penalties since 1 October, the 40 EUR
    indemnity). A plan for exactly that balance goes to the creditor; a cent more is refused in plain words."""
    case = platform.case(new_case, "PLAN-0003", "5120.00")
    token, balance = platform.link(case), platform.balance(case)
    assert balance > Decimal("5160.00")  # the principal, the 40.00 indemnity and some penalties

    page = platform.portal.get(f"/debtor/{token}")

    assert page.status_code == 200, page.text
    assert money(balance, "fr") in page.text  # the "Solde dû" of the statement, and the plan's cap beside its form
    assert f"le solde dû ({money(balance, 'fr')})" in page.text and "de 2 à 12 échéances" in page.text
    form = plan_form(page.text, token)
    assert 'name="due_on-11"' in form and 'name="due_on-12"' not in form  # the rows the rule allows, no fewer
    second = balance - Decimal("2000.00")

    def propose(amount: Decimal) -> httpx.Response:
        rows = {"due_on-0": "2026-12-15", "amount-0": "2000,00", "due_on-1": "2027-01-15", "amount-1": str(amount)}
        return platform.portal.post(f"/debtor/{token}/plan", data={"csrf": csrf_of(page.text), **rows})

    over = propose(second + Decimal("0.01"))
    assert over.status_code == 422, over.text
    total = money(balance + Decimal("0.01"), "fr")
    assert f"Le total des échéances ({total}) dépasse le solde dû ({money(balance, 'fr')})." in over.text
    assert "instalments" not in over.text

    sent = propose(second)
    assert sent.status_code == 303, sent.text
    assert sent.headers["location"].endswith("?sent=plan")
    after = platform.portal.get(sent.headers["location"])
    assert "attend la décision du créancier" in after.text


def test_a_balance_too_small_for_two_instalments_offers_no_plan_form_but_says_what_to_do(platform, new_case, csrf_of):
    """DEMO-005: what is left is under two instalments of 50.00: the page says so and points to paying at once
    or to the agency, instead of a form every answer to which dunning refuses."""
    case = platform.case(new_case, "PLAN-0005", "10.00")  # 10.00, the 40.00 indemnity and a few cents
    token, balance = platform.link(case), platform.balance(case)
    assert balance < Decimal("100.00")

    page = platform.portal.get(f"/debtor/{token}")
    english = platform.portal.get(f"/debtor/{token}", headers={"Accept-Language": "en"})

    assert page.status_code == 200, page.text
    assert plan_form(page.text, token) == "" and 'name="due_on-0"' not in page.text
    assert f"Le solde dû ({money(balance, 'fr')}) est trop faible pour payer en plusieurs fois" in page.text
    assert "Comment payer" in page.text and AGENCY_EMAIL in page.text
    assert f"The balance due ({money(balance, 'en')}) is too small to pay in instalments" in english.text
    assert "Contester la créance" in page.text and "Vous avez déjà payé ?" in page.text  # the other ways stay
    # a form kept from before (or forged) is refused by dunning in plain words, not a 500
    rows = {"due_on-0": "2026-12-15", "amount-0": "25", "due_on-1": "2027-01-15", "amount-1": "25"}
    refused = platform.portal.post(f"/debtor/{token}/plan", data={"csrf": csrf_of(page.text), **rows})
    assert refused.status_code == 422 and "Aucun échéancier n'est possible" in html.unescape(refused.text)


def test_a_plan_form_with_more_rows_than_the_rule_allows_is_refused_by_dunning_not_the_portal(
    platform, new_case, csrf_of
):
    case = platform.case(new_case, "PLAN-0013", "1200.00")
    token = platform.link(case)
    page = platform.portal.get(f"/debtor/{token}")
    rows: dict[str, str] = {}
    for index in range(13):
        rows |= {f"due_on-{index}": f"2026-12-{index + 1:02d}", f"amount-{index}": "60"}

    refused = platform.portal.post(f"/debtor/{token}/plan", data={"csrf": csrf_of(page.text), **rows})

    assert refused.status_code == 422
    assert "Un échéancier compte au plus 12 échéances, pas 13." in refused.text


def test_the_creditor_reads_that_the_debtor_proposed_the_plan_in_its_own_language_with_the_debtors_words(
    platform, new_case, csrf_of, sign_in
):
    case = platform.case(new_case, "PLAN-0014", "1200.00")
    token = platform.link(case)
    page = platform.portal.get(f"/debtor/{token}")
    rows = {"due_on-0": "2026-12-15", "amount-0": "600", "due_on-1": "2027-01-15", "amount-1": "600"}
    sent = platform.portal.post(
        f"/debtor/{token}/plan", data={"csrf": csrf_of(page.text), **rows, "message": "Je paie le 15 du mois"}
    )
    assert sent.status_code == 303, sent.text

    sign_in(platform.portal, "creditor@demo.example")
    french = html.unescape(platform.portal.get(f"/cases/{case['id']}").text)
    platform.portal.cookies.set("recouvra_lang", "en")
    english = html.unescape(platform.portal.get(f"/cases/{case['id']}").text)

    assert "Proposé par le débiteur depuis son espace en ligne : Je paie le 15 du mois" in french.replace(
        "<q>", ""
    ).replace("</q>", "")
    assert "Proposed by the debtor online: Je paie le 15 du mois" in english.replace("<q>", "").replace("</q>", "")
    assert "Proposé par" not in english


def test_the_debtor_reads_that_the_creditor_refused_the_plan_and_its_answer(
    platform, new_case, csrf_of, sign_in, issue_token
):
    case = platform.case(with_email(new_case, "compta@dupont-batiment.example"), "PLAN-0015", "1200.00")
    token = platform.link(case)
    page = platform.portal.get(f"/debtor/{token}")
    rows = {"due_on-0": "2026-12-15", "amount-0": "600", "due_on-1": "2027-01-15", "amount-1": "600"}
    assert platform.portal.post(f"/debtor/{token}/plan", data={"csrf": csrf_of(page.text), **rows}).status_code == 303
    [plan] = platform.portal.get(f"/api/v1/dunning/cases/{case['id']}/plans", headers=platform.creditor).json()
    refused = platform.portal.post(
        f"/api/v1/dunning/cases/{case['id']}/plans/{plan['id']}/decision",
        json={"decision": "refuse", "note": "Merci de solder avant fin janvier"},
        headers=platform.creditor,
    )
    assert refused.status_code == 200, refused.text

    after = html.unescape(platform.portal.get(f"/debtor/{token}").text)

    assert "Le créancier n'a pas accepté votre proposition d'échéancier le" in after
    assert "Sa réponse : <q>Merci de solder avant fin janvier</q>" in after
    assert plan_form(after, token)  # another proposal may be made
    with Session(platform.dunning_engine) as session:  # and it is told by e-mail, at the address intake knows
        [notice] = session.exec(select(Message).where(Message.audience == "debtor")).all()
    assert (notice.template, notice.recipient) == ("debtor-plan-refused", "compta@dupont-batiment.example")
    assert "Sa réponse : « Merci de solder avant fin janvier »" in notice.body and "PLAN-0015" in notice.subject


def with_email(new_case, email):
    """`new_case` whose debtor gives an e-mail address."""

    def made(reference, **fields):
        body = new_case(reference, **fields)
        return {**body, "debtor": {**body["debtor"], "email": email}}

    return made
