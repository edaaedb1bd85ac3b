"""The first communication to a debtor tells it what is done with its personal data (article 14 of the GDPR: the data
came from the creditor, not from the debtor): who decides and who processes, for what, on what basis, to whom, for how
long, its rights and where to use them, and the CNIL; in both languages, by e-mail and on paper, and not again after."""

from __future__ import annotations

import html

import pytest

from dunning.rendering.templates import render

WORDS = {
    "fr": (
        "Vos données personnelles (article 14 du RGPD)",
        "Boulangerie Martin SARL, responsable du traitement",
        "Recouvra SAS les traite pour son compte",
        "intérêt légitime du créancier",
        "archivées le temps de la prescription de la créance",
        "en nous écrivant à contact@recouvra.example",
        "réclamation à la CNIL (www.cnil.fr)",
    ),
    "en": (
        "Your personal data (article 14 of the GDPR)",
        "Boulangerie Martin SARL, the controller",
        "Recouvra SAS processes them on its behalf",
        "legitimate interest in being paid",
        "archived for the claim's limitation period",
        "by writing to us at contact@recouvra.example",
        "complaint with the CNIL",
    ),
}


def bodies(rendered) -> list[str]:
    return [" ".join(rendered.text.split()), " ".join(html.unescape(rendered.html or "").split())]


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("template", ["email-courteous", "letter-reminder", "formal-notice"])
def test_the_first_communication_carries_the_data_notice(make_context, template, language):
    context = make_context(template, language=language, first=True)
    assert context.is_first_contact
    for body in bodies(render(context)):
        for words in WORDS[language]:
            assert words in body, (template, language, words)


@pytest.mark.parametrize("template", ["email-courteous", "letter-reminder"])
def test_later_messages_refer_to_the_first_and_do_not_repeat_it(make_context, template):
    context = make_context(template, first=False)
    assert not context.is_first_contact
    for body in bodies(render(context)):
        assert WORDS["fr"][0] not in body


def test_without_an_agency_address_for_e_mail_the_debtor_is_told_to_write_to_the_postal_one(make_context):
    from dataclasses import replace

    context = make_context("letter-reminder", first=True)
    context = replace(context, agency=replace(context.agency, email=None))
    for body in bodies(render(context)):
        assert "en nous écrivant à l'adresse ci-dessus" in body
