"""The creditor corrects its debtor's contact details from the case's page (a new e-mail, a phone, an address, the
language of the letters) over the real intake, and dunning's next message follows them; a wrong number is said
above the form, kept open, and nothing changes; an emptied e-mail is forgotten."""

from __future__ import annotations

import html
import re


def contacts_form(page: str) -> str:
    match = re.search(r'<details class="contacts-form".*?</details>', page, re.S)
    return match.group(0) if match else ""


def typed(csrf: str, **changes: str) -> dict[str, str]:
    form = {"csrf": csrf, "email": "", "phone": "", "line1": "", "line2": "", "postal_code": "", "city": ""}
    return {**form, "country": "FR", "language": "fr", "shown_language": "fr", **changes}


def test_the_creditor_gives_a_new_e_mail_phone_address_and_language_and_dunning_follows(
    platform, new_case, csrf_of, sign_in
):
    case = platform.case(new_case, "CONTACTS-01", "900.00")
    sign_in(platform.portal, "creditor@demo.example")
    page = platform.portal.get(f"/cases/{case['id']}")
    assert "Corriger les coordonnées" in contacts_form(page.text) and " open>" not in contacts_form(page.text)

    sent = platform.portal.post(
        f"/cases/{case['id']}/debtor",
        data=typed(
            csrf_of(page.text),
            email="compta@dupont-batiment.example",
            phone="06 12 34 56 78",
            line1="8 quai des Chartrons",
            postal_code="33000",
            city="Bordeaux",
            language="en",
        ),
    )

    assert sent.status_code == 303 and sent.headers["location"].endswith("?did=contacts"), sent.text
    after = html.unescape(platform.portal.get(sent.headers["location"]).text)
    assert "Coordonnées du débiteur corrigées." in after
    assert "compta@dupont-batiment.example" in after and "<dd>06 12 34 56 78</dd>" in after
    assert "8 quai des Chartrons, 33000 Bordeaux" in after and "Anglais" in after
    assert 'value="06 12 34 56 78"' in contacts_form(after)  # the form shows the number as French readers write it
    assert "Le débiteur a choisi cette langue" not in after  # the creditor's own choice
    preview = platform.portal.get(f"/api/v1/dunning/cases/{case['id']}/preview", headers=platform.creditor)
    assert preview.status_code == 200 and preview.json()["language"] == "en", preview.text

    forgotten = typed(
        csrf_of(after), phone="06 12 34 56 78", line1="8 quai des Chartrons", postal_code="33000", city="Bordeaux"
    )
    again = platform.portal.post(
        f"/cases/{case['id']}/debtor", data={**forgotten, "language": "en", "shown_language": "en"}
    )
    assert again.status_code == 303, again.text
    debtor = platform.portal.get(f"/api/v1/cases/{case['id']}", headers=platform.creditor).json()["debtor"]
    assert (debtor["email"], debtor["phone"], debtor["language"]) == (None, "+33612345678", "en")


def test_a_number_that_is_none_is_said_above_the_open_form_with_what_was_typed_and_nothing_changes(
    platform, new_case, csrf_of, sign_in
):
    case = platform.case(new_case, "CONTACTS-02", "900.00")
    sign_in(platform.portal, "creditor@demo.example")
    page = platform.portal.get(f"/cases/{case['id']}")

    refused = platform.portal.post(
        f"/cases/{case['id']}/debtor", data=typed(csrf_of(page.text), email="compta@dupont.example", phone="12")
    )

    assert refused.status_code == 422
    form = html.unescape(contacts_form(refused.text))
    assert " open>" in form and "« 12 » n'est pas un numéro de téléphone français valide" in form
    assert 'value="12"' in form and 'value="compta@dupont.example"' in form  # what was typed, to correct
    debtor = platform.portal.get(f"/api/v1/cases/{case['id']}", headers=platform.creditor).json()["debtor"]
    assert (debtor["email"], debtor["phone"]) == (None, None)
    assert platform.portal.post(f"/cases/{case['id']}/debtor", data=typed("")).status_code == 403  # no CSRF token


def test_an_e_mail_that_bounced_and_a_letter_returned_are_said_beside_the_open_form_until_corrected(
    platform, new_case, csrf_of, sign_in
):
    case = platform.case(new_case, "CONTACTS-03", "900.00")
    path = f"/api/v1/cases/{case['id']}/debtor"
    address = {"line1": "3 rue du Louvre", "postal_code": "75001", "city": "Paris"}
    given = platform.portal.patch(
        path, json={"email": "old@dupont.example", "address": address}, headers=platform.creditor
    )
    assert given.status_code == 200, given.text
    platform.came_back(case, "email", "old@dupont.example", "bounced", "550 no such user")  # as dunning records them
    platform.came_back(case, "letter", "3 rue du Louvre / 75001 Paris", "returned")
    sign_in(platform.portal, "creditor@demo.example")

    page = html.unescape(platform.portal.get(f"/cases/{case['id']}").text)
    queue = html.unescape(platform.portal.get("/contacts").text)  # the details to correct, each row to its case

    assert "2 dossier(s) à corriger" in queue and queue.count(f'href="/cases/{case["id"]}#debtor-title"') == 2
    assert "E-mail non remis (550 no such user)" in queue and "Courrier revenu" in queue
    assert "n'a pas été remis : corrigez l'adresse ci-dessous. (550 no such user)" in page
    assert "envoyé à old@dupont.example le" in page and " open>" in contacts_form(page)
    assert "est revenu : corrigez l'adresse postale ci-dessous." in page
    corrected = platform.portal.post(
        f"/cases/{case['id']}/debtor",
        data=typed(
            csrf_of(page),
            email="factures@dupont.example",
            line1="8 quai des Chartrons",
            postal_code="33000",
            city="Bordeaux",
        ),
    )
    assert corrected.status_code == 303, corrected.text
    after = html.unescape(platform.portal.get(corrected.headers["location"]).text)
    assert "n'a pas été remis" not in after and "est revenu" not in after
    assert " open>" not in contacts_form(after)
    assert "Aucune coordonnée à corriger." in html.unescape(platform.portal.get("/contacts").text)
