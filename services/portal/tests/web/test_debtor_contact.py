"""How a debtor is contacted, from its page. The channels it no longer wants: dunning records them as its opt-outs,
for every creditor's case; the page shows them ticked, since when; unticked, they are lifted; staff read them on the
case's page beside the debtor's details, and a creditor does not. The e-mail and phone where it would rather be
reached, checked by intake; and, when its last e-mail bounced, the page asks it for another."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

from shared.clock import PARIS


def contact_form(page: str) -> str:
    match = re.search(r'<section aria-labelledby="contact-title" id="contact">.*?</section>', page, re.S)
    return match.group(0) if match else ""


def ticked(page: str) -> list[str]:
    return re.findall(r'<input type="checkbox" name="refused" value="(\w+)" checked>', contact_form(page))


def test_the_debtor_refuses_calls_and_e_mails_then_accepts_calls_again(
    platform, new_case, csrf_of, issue_token, sign_in
):
    platform.clock.set(datetime(2026, 11, 4, 9, tzinfo=PARIS).astimezone(UTC))
    case = platform.case(new_case, "CONTACT-0001", "800.00")
    token = platform.link(case)
    page = platform.portal.get(f"/debtor/{token}")
    form = html.unescape(contact_form(page.text))
    assert "Comment nous vous contactons" in form and "Ne plus me contacter par" in form
    assert re.findall(r'name="refused" value="(\w+)"', form) == ["email", "sms", "phone", "letter"]
    assert ticked(page.text) == [] and "La mise en demeure et les lettres recommandées" in form

    sent = platform.portal.post(
        f"/debtor/{token}/contact", data={"csrf": csrf_of(page.text), "refused": ["phone", "email"]}
    )

    assert sent.status_code == 303 and sent.headers["location"].endswith("?sent=contact#contact"), sent.text
    after = html.unescape(platform.portal.get(sent.headers["location"]).text)
    assert "C'est noté : vos choix sont enregistrés, pour tous vos dossiers." in contact_form(after)
    assert ticked(after) == ["email", "phone"] and "(depuis le 4 novembre 2026)" in contact_form(after)
    staff = {"Authorization": f"Bearer {issue_token('agent')}"}
    opt_outs = f"/api/v1/dunning/debtors/{case['debtor']['id']}/opt-outs"
    assert sorted(o["channel"] for o in platform.portal.get(opt_outs, headers=staff).json()) == ["email", "phone"]

    sign_in(platform.portal, "creditor@demo.example")  # the creditor's page does not say what the debtor refused
    assert "Ne plus contacter par" not in platform.portal.get(f"/cases/{case['id']}").text
    sign_in(platform.portal, "agent@demo.example")  # the agent reads it before calling
    seen = html.unescape(platform.portal.get(f"/cases/{case['id']}").text)
    assert (
        "Ne plus contacter par</dt><dd>e-mail (depuis le 4 novembre 2026), téléphone (depuis le 4 novembre 2026)</dd>"
        in seen
    )

    platform.portal.cookies.clear()
    page = platform.portal.get(f"/debtor/{token}")
    again = {"csrf": csrf_of(page.text), "refused": ["email"]}
    for _ in range(2):  # calls accepted again; the same form sent twice changes nothing the second time
        sent = platform.portal.post(f"/debtor/{token}/contact", data=again)
        assert sent.status_code == 303, sent.text
    assert [o["channel"] for o in platform.portal.get(opt_outs, headers=staff).json()] == ["email"]
    assert ticked(platform.portal.get(f"/debtor/{token}").text) == ["email"]


def test_a_channel_the_page_does_not_offer_is_refused_and_nothing_is_recorded(platform, new_case, csrf_of, issue_token):
    case = platform.case(new_case, "CONTACT-0002", "800.00")
    token = platform.link(case)
    page = platform.portal.get(f"/debtor/{token}")

    forged = platform.portal.post(
        f"/debtor/{token}/contact", data={"csrf": csrf_of(page.text), "refused": ["email", "registered_letter"]}
    )

    assert forged.status_code == 422
    staff = {"Authorization": f"Bearer {issue_token('agent')}"}
    opt_outs = platform.portal.get(f"/api/v1/dunning/debtors/{case['debtor']['id']}/opt-outs", headers=staff)
    assert opt_outs.status_code == 200 and opt_outs.json() == []
    without_csrf = platform.portal.post(f"/debtor/{token}/contact", data={"refused": ["email"]})
    assert without_csrf.status_code == 403


def details_form(page: str) -> str:
    match = re.search(r'<section aria-labelledby="details-title" id="details">.*?</section>', page, re.S)
    return match.group(0) if match else ""


def test_the_debtor_gives_the_e_mail_and_phone_where_it_wants_to_be_reached(platform, new_case, csrf_of):
    case = platform.case(new_case, "CONTACT-0003", "800.00")
    token = platform.link(case)
    page = platform.portal.get(f"/debtor/{token}")
    assert "Vos coordonnées" in details_form(page.text)
    csrf = csrf_of(page.text)

    wrong = platform.portal.post(
        f"/debtor/{token}/details", data={"csrf": csrf, "email": "moi@durand.example", "phone": "12"}
    )
    assert wrong.status_code == 422
    said = html.unescape(details_form(wrong.text))
    assert "« 12 » n'est pas un numéro de téléphone français valide" in said and 'value="12"' in said
    empty = platform.portal.post(f"/debtor/{token}/details", data={"csrf": csrf, "email": "", "phone": ""})
    assert empty.status_code == 422 and "Indiquez une adresse e-mail ou un numéro" in html.unescape(empty.text)

    given = platform.portal.post(
        f"/debtor/{token}/details", data={"csrf": csrf, "email": "moi@durand.example", "phone": "06 98 76 54 32"}
    )

    assert given.status_code == 303 and given.headers["location"].endswith("?sent=details#details"), given.text
    after = html.unescape(platform.portal.get(given.headers["location"]).text)
    assert "C'est noté : nous vous joindrons à ces coordonnées." in details_form(after)
    assert 'value="moi@durand.example"' in details_form(after) and 'value="06 98 76 54 32"' in details_form(after)
    debtor = platform.portal.get(f"/api/v1/cases/{case['id']}", headers=platform.creditor).json()["debtor"]
    assert (debtor["email"], debtor["phone"]) == ("moi@durand.example", "+33698765432")


def test_the_debtor_is_told_its_last_e_mail_bounced_and_gives_another(platform, new_case, csrf_of):
    case = platform.case(new_case, "CONTACT-0004", "800.00")
    path = f"/api/v1/cases/{case['id']}/debtor"
    assert platform.portal.patch(path, json={"email": "vieux@durand.example"}, headers=platform.creditor).is_success
    platform.came_back(case, "email", "vieux@durand.example", "bounced")  # the relay's notice, as dunning records it
    token = platform.link(case)
    page = platform.portal.get(f"/debtor/{token}")
    told = "Notre dernier e-mail à l'adresse ci-dessous ne vous est pas parvenu"
    assert told in html.unescape(details_form(page.text))

    given = platform.portal.post(
        f"/debtor/{token}/details", data={"csrf": csrf_of(page.text), "email": "moi@durand.example"}
    )

    assert given.status_code == 303, given.text
    assert told not in html.unescape(platform.portal.get(f"/debtor/{token}").text)
