"""Settlements on the portal, over the real intake and dunning: staff offer one from the case's page (the amount as
the page's reader writes it, the day to pay by, a note); below the mandate's floor (the demo mandate has none) it
waits for the creditor, who approves it from its own page; the debtor then reads it on its page and accepts it
there, or tells an agent, who records it. Dunning's refusals are said on the page in plain words."""

from __future__ import annotations

import html
import re
import uuid
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from sqlmodel import Session

from shared.demo import DEMO_CREDITOR_ID
from shared.events.envelope import CloudEvent
from shared.events.intake import CreditorRegistered, PaymentRecorded

from portal.web.formatting import money

PAY_BY = "2026-12-10"  # the test clock's today is 24 November 2026


def settlements(platform: Any, case: dict[str, Any]) -> list[dict[str, Any]]:
    listed = platform.portal.get(f"/api/v1/dunning/cases/{case['id']}/settlements", headers=platform.creditor)
    assert listed.status_code == 200, listed.text
    return list(listed.json())


def block(page: str) -> str:
    """The « Accords transactionnels » section of a case's page, unescaped."""
    return html.unescape(page).split('id="settlements-title"', 1)[1].split("</section>", 1)[0]


@pytest.fixture
def amicable(platform, new_case, issue_token) -> Callable[[str], dict[str, Any]]:
    """`amicable(reference)`: a case of 1,200.00 validated in intake (the page offers settlements on a case in
    amicable collection) and known to dunning."""
    agent = {"Authorization": f"Bearer {issue_token('agent')}"}

    def open_case(reference: str) -> dict[str, Any]:
        case = platform.case(new_case, reference, "1200.00")
        path = f"/api/v1/cases/{case['id']}/validate"
        validated = platform.portal.post(path, json={"override_reason": "pièces vues"}, headers=agent)
        assert validated.status_code == 200, validated.text
        return dict(case)

    return open_case


def offered_by_staff(platform: Any, amicable: Any, sign_in: Any, csrf_of: Any, reference: str) -> dict[str, Any]:
    case = amicable(reference)
    sign_in(platform.portal, "agent@demo.example")
    page = platform.portal.get(f"/cases/{case['id']}")
    form = {"csrf": csrf_of(page.text), "amount": "1\u202f000,00", "pay_by": PAY_BY, "note": "Trésorerie tendue"}
    offered = platform.portal.post(f"/cases/{case['id']}/settlements", data=form)
    assert offered.status_code == 303, offered.text
    return {"case": case, "location": offered.headers["location"]}


def test_staff_offer_a_settlement_from_the_case_page_and_below_the_floor_it_waits_for_the_creditor(
    platform, amicable, sign_in, csrf_of
):
    case = amicable("ACC-0001")
    sign_in(platform.portal, "agent@demo.example")
    page = platform.portal.get(f"/cases/{case['id']}")
    assert page.status_code == 200, page.text
    shown = block(page.text)
    assert "Accords transactionnels" in html.unescape(page.text) and "Proposer un accord transactionnel" in shown
    token = csrf_of(page.text)

    not_an_amount = platform.portal.post(
        f"/cases/{case['id']}/settlements", data={"csrf": token, "amount": "mille", "pay_by": PAY_BY}
    )
    assert not_an_amount.status_code == 422
    said = html.unescape(not_an_amount.text)
    assert "Montant de l'accord : « mille » n'est pas un montant" in said and 'value="mille"' in said
    assert settlements(platform, case) == []
    too_much = platform.portal.post(
        f"/cases/{case['id']}/settlements", data={"csrf": token, "amount": "5000", "pay_by": PAY_BY}
    )
    assert too_much.status_code == 422, too_much.text  # dunning's words, beside the typed amount kept
    refused = html.unescape(too_much.text)
    assert "Un accord porte sur moins que les" in refused and "pas 5\u202f000,00\u00a0€" in refused
    assert 'aria-describedby="settlement-hint" value="5000"' in refused
    assert 'aria-describedby="promise-hint" value=""' in refused  # the promise form of the page is not the one refused

    form = {"csrf": token, "amount": "1\u202f000,00", "pay_by": PAY_BY, "note": " Trésorerie tendue "}
    offered = platform.portal.post(f"/cases/{case['id']}/settlements", data=form)

    assert offered.status_code == 303, offered.text
    assert offered.headers["location"] == f"/cases/{case['id']}?did=to_approve#settlements"
    [settlement] = settlements(platform, case)
    assert (settlement["amount"], settlement["pay_by"], settlement["note"]) == ("1000.00", PAY_BY, "Trésorerie tendue")
    assert settlement["status"] == "to_approve" and settlement["within_mandate"] is False
    after = html.unescape(platform.portal.get(offered.headers["location"]).text)
    assert "est soumise au créancier" in after
    shown = block(after)
    balance = Decimal(settlement["balance"])
    assert "À approuver par le créancier" in shown and money(Decimal("1000.00"), "fr") in shown
    assert money(balance, "fr") in shown and money(balance - Decimal("1000.00"), "fr") in shown
    assert "10 décembre 2026" in shown and "En dessous du seuil du mandat" in shown and "Trésorerie tendue" in shown
    assert "Approuver l'accord" in shown  # staff may record the creditor's word


def test_the_creditor_approves_a_settlement_below_its_floor_from_its_case_page(platform, amicable, sign_in, csrf_of):
    case = offered_by_staff(platform, amicable, sign_in, csrf_of, "ACC-0002")["case"]
    platform.portal.cookies.clear()  # the agent's browser closed; the creditor's opens the page
    sign_in(platform.portal, "creditor@demo.example")
    page = platform.portal.get(f"/cases/{case['id']}")
    shown = block(page.text)
    assert "Approuver l'accord" in shown and "Refuser l'accord" in shown
    assert "Proposer un accord transactionnel" not in shown  # offering is the agency's
    [waiting] = settlements(platform, case)
    action = f"/cases/{case['id']}/settlements/{waiting['id']}/decision"
    assert f'action="{action}"' in page.text

    forged = platform.portal.post(action, data={"decision": "approve"})
    assert forged.status_code == 403 and settlements(platform, case)[0]["status"] == "to_approve"
    approved = platform.portal.post(
        action, data={"csrf": csrf_of(page.text), "decision": "approve", "answer": "D'accord pour solder."}
    )

    assert approved.status_code == 303, approved.text
    assert approved.headers["location"] == f"/cases/{case['id']}?did=approved#settlements"
    [settlement] = settlements(platform, case)
    assert settlement["status"] == "offered" and settlement["answer"] == "D'accord pour solder."
    after = html.unescape(platform.portal.get(approved.headers["location"]).text)
    assert "Votre approbation est enregistrée" in after
    assert "Proposé au débiteur" in block(after) and "D'accord pour solder." in block(after)
    again = platform.portal.post(action, data={"csrf": csrf_of(page.text), "decision": "refuse"})
    assert again.status_code == 409 and 'role="alert"' in again.text  # dunning's words, not a 500


def approved(platform: Any, amicable: Any, sign_in: Any, csrf_of: Any, reference: str) -> dict[str, Any]:
    case = offered_by_staff(platform, amicable, sign_in, csrf_of, reference)["case"]
    [waiting] = settlements(platform, case)
    path = f"/api/v1/dunning/cases/{case['id']}/settlements/{waiting['id']}/decision"
    decided = platform.portal.post(path, json={"decision": "approve"}, headers=platform.creditor)
    assert decided.status_code == 200, decided.text
    return case


def test_the_debtor_accepts_the_offered_settlement_on_its_page_as_its_own_word(platform, amicable, sign_in, csrf_of):
    case = approved(platform, amicable, sign_in, csrf_of, "ACC-0003")
    [offer] = settlements(platform, case)
    token = platform.link(case)
    debtor = platform.portal
    debtor.cookies.clear()

    page = debtor.get(f"/debtor/{token}")
    english = html.unescape(debtor.get(f"/debtor/{token}", headers={"Accept-Language": "en"}).text)

    assert page.status_code == 200, page.text
    said = html.unescape(page.text)
    amount, balance = money(Decimal("1000.00"), "fr"), money(Decimal(offer["balance"]), "fr")
    given_up = money(Decimal(offer["given_up"]), "fr")
    assert (
        f"Proposition d'accord : réglez {amount} au lieu de {balance} au plus tard le 10 décembre 2026 ; le reste, "
        f"{given_up}, est abandonné." in said
    )
    assert "Accepter l'accord" in said
    assert f"Settlement offer: pay {money(Decimal('1000.00'), 'en')} instead of" in english
    assert "by 10 December 2026" in english and "Accept the settlement" in english
    action = f"/debtor/{token}/settlements/{offer['id']}/accept"
    assert f'action="{action}"' in page.text

    accepted = debtor.post(action, data={"csrf": csrf_of(page.text)})

    assert accepted.status_code == 303, accepted.text
    assert accepted.headers["location"] == f"/debtor/{token}?sent=settlement#settlement"
    [settlement] = settlements(platform, case)
    assert settlement["status"] == "accepted" and settlement["accepted_by_debtor"] is True
    after = html.unescape(debtor.get(accepted.headers["location"]).text)
    assert f"Accord accepté : payez {amount} au plus tard le 10 décembre 2026." in after
    assert "Votre acceptation est enregistrée" in after
    assert "FR76 3000 6000 0112 3456 7890 189" in after  # the payment details the page shows
    assert "Accepter l'accord" not in after and "Montant de l'accord à payer" in after
    assert "Proposer un échéancier" not in after  # dunning refuses a plan while the accepted settlement runs
    english = html.unescape(debtor.get(f"/debtor/{token}", headers={"Accept-Language": "en"}).text)
    assert "Settlement accepted: pay €1,000.00 by 10 December 2026 at the latest." in english
    assert "Déjà reçu" not in after  # nothing paid yet

    paid(platform, case, "400.00")  # a part of it, as intake's payment reaches dunning
    partly = html.unescape(debtor.get(f"/debtor/{token}").text)
    assert f"Déjà reçu : {money(Decimal('400.00'), 'fr')}." in partly


def paid(platform: Any, case: dict[str, Any], amount: str) -> None:
    """A payment to the agency on the case, applied by dunning's consumer as the broker would deliver it."""
    from dunning.handlers import HANDLERS

    events = [
        CreditorRegistered(creditor_id=str(DEMO_CREDITOR_ID), name="Demo Créancier SAS"),
        PaymentRecorded(
            payment_id=str(uuid.uuid4()),
            case_id=case["id"],
            creditor_id=str(DEMO_CREDITOR_ID),
            debtor_id=case["debtor"]["id"],
            amount=Decimal(amount),
            currency="EUR",
            received_on=date(2026, 11, 24),
            origin="debtor_to_agency",
            reference=f"VIR-{uuid.uuid4().hex[:8]}",
        ),
    ]
    for event in events:
        envelope = CloudEvent.wrap(event, subject=case["id"], tenant=None, time=platform.clock.now())
        with Session(platform.dunning_engine) as session, session.begin():
            HANDLERS[type(event)](session=session, event=event, envelope=envelope, clock=platform.clock)


def test_staff_record_the_debtors_acceptance_heard_on_the_phone(platform, amicable, sign_in, csrf_of):
    case = approved(platform, amicable, sign_in, csrf_of, "ACC-0004")
    [offer] = settlements(platform, case)
    page = platform.portal.get(f"/cases/{case['id']}")  # the agent signed in by `offered_by_staff`
    action = f"/cases/{case['id']}/settlements/{offer['id']}/accept"
    assert f'action="{action}"' in page.text and "Enregistrer l'acceptation du débiteur" in html.unescape(page.text)

    recorded = platform.portal.post(action, data={"csrf": csrf_of(page.text)})

    assert recorded.status_code == 303, recorded.text
    [settlement] = settlements(platform, case)
    assert settlement["status"] == "accepted" and settlement["accepted_by_debtor"] is False
    shown = block(platform.portal.get(recorded.headers["location"]).text)
    assert "Accepté, en attente du paiement" in shown and "Accepté par le débiteur auprès de l'agence" in shown
    assert re.search(r"Payé à ce jour</dt><dd>0,00", shown)
    assert f'action="{action}"' not in shown
