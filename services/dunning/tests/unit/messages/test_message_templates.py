"""The default templates: every code in both languages, for businesses and consumers; what each message carries;
creditors' own templates, rendered in a sandbox."""

from __future__ import annotations

import dataclasses
import html
import re
from datetime import date
from decimal import Decimal

import pytest

from shared.errors import Invalid

from dunning.domain.compliance import check_first_contact_channel, missing_mentions
from dunning.domain.formatting import format_amount, format_date
from dunning.domain.mentions import L111_8_PARAGRAPHS, L111_8_TRANSLATION_EN
from dunning.errors import FirstContactChannelRefused, TemplateOverrideInvalid, UnknownTemplate
from dunning.rendering.templates import TEMPLATE_CODES, TEMPLATES, TemplateOverride, render

SHORT = ("sms-reminder", "phone-script")


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.parametrize("kind", ["b2b", "b2c"])
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("template", TEMPLATE_CODES)
def test_every_template_renders_in_both_languages_for_businesses_and_consumers_with_nothing_missing(
    make_context, template, language, kind
):
    context = make_context(template, language=language, kind=kind)
    rendered = render(context)
    assert rendered.subject and "\n" not in rendered.subject
    for body in filter(None, (rendered.text, rendered.html)):
        assert context.message_reference in body
        assert context.self_service_url in body
        assert context.case_reference in body
        assert "MSG-1A2B3C" in body
    assert (rendered.html is None) == (template in SHORT)
    assert missing_mentions(context, rendered) == []


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("template", [code for code in TEMPLATE_CODES if code not in SHORT])
def test_a_first_contact_quotes_article_l111_8_in_french_whatever_the_language(make_context, template, language):
    context = make_context(template, language=language, first=True)
    rendered = render(context)
    for body in (rendered.text, html.unescape(rendered.html)):
        assert all(paragraph in flat(body) for paragraph in L111_8_PARAGRAPHS)
        has_translation = all(flat(paragraph) in flat(body) for paragraph in L111_8_TRANSLATION_EN)
        assert has_translation == (language == "en")
    assert missing_mentions(context, rendered) == []


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", "Vous préférez ne plus être contacté par e-mail"), ("en", "Would you rather not be contacted by e-mail")],
)
def test_an_email_says_where_the_debtor_chooses_how_it_is_contacted_and_a_letter_does_not(
    make_context, language, words
):
    for template in TEMPLATE_CODES:
        context = make_context(template, language=language)
        rendered = render(context)
        is_email = template.startswith("email-")
        for body in filter(None, (rendered.text, rendered.html and html.unescape(rendered.html))):
            assert (words in flat(body)) == is_email, template
            assert (f"{context.self_service_url}#contact" in body) == is_email, template


def test_a_later_email_refers_to_the_first_letter_instead_of_repeating_r124_4(make_context):
    rendered = render(make_context("email-firm"))
    assert "réf. MSG-1A2B3C du 20 février 2026" in rendered.text
    assert L111_8_PARAGRAPHS[0] not in flat(rendered.text)


def test_letters_repeat_the_r124_4_mentions_after_the_first_contact_too(make_context):
    for template in ("letter-reminder", "formal-notice"):
        rendered = render(make_context(template, language="en"))
        assert L111_8_PARAGRAPHS[1] in flat(rendered.text)
        assert "ref. MSG-1A2B3C of 20 February 2026" in rendered.text


def test_the_statement_lists_each_component_apart_with_the_amounts_written_the_french_way(make_context):
    text = render(make_context("letter-reminder")).text
    assert "Principal : 1\u202f200,00\u00a0€" in text
    assert "Pénalités de retard : 18,35\u00a0€" in text
    assert "Indemnité forfaitaire pour frais de recouvrement : 40,00\u00a0€" in text
    assert "Solde dû : 1\u202f058,35\u00a0€" in text
    # an invoice's line is what is left of its principal (a payment may have reduced it), and says so
    assert "échue le 4 février 2026 : reste dû 1\u202f200,00\u00a0€" in text
    assert "outstanding €1,200.00" in render(make_context("letter-reminder", language="en")).text
    assert "IBAN : FR76 3000 6000 0112 3456 7890 189" in text
    assert "RF18 5390 0754 7034" in text


def test_a_consumer_is_never_shown_a_fee_line_even_when_the_figures_carry_one(make_context):
    context = make_context("email-courteous", kind="b2c", first=True, figures_changes={"fees": Decimal("35.00")})
    rendered = render(context)
    assert "35,00" not in rendered.text
    assert "Frais exposés" not in rendered.text
    business = render(make_context("email-courteous", figures_changes={"fees": Decimal("35.00")}))
    assert "Frais exposés et justifiés : 35,00\u00a0€" in business.text


@pytest.mark.parametrize(
    ("language", "demand", "deadline"),
    [("fr", "MISE EN DEMEURE", "dans un délai de 15 jours"), ("en", "FORMAL NOTICE", "within 15 days")],
)
def test_a_formal_notice_says_so_and_gives_its_deadline(make_context, language, demand, deadline):
    rendered = render(make_context("formal-notice", language=language, reply_days=15))
    assert demand in rendered.text
    assert deadline in rendered.text and deadline in rendered.html
    assert "1\u202f058,35\u00a0€" in rendered.text or "€1,058.35" in rendered.text


def test_no_template_presents_the_agency_as_a_court_or_threatens_a_seizure():
    # Misleading practices the DGCCRF sanctions: "service judiciaire" wording, measures that need a court title.
    for path in TEMPLATES.rglob("*.j2"):
        source = path.read_text().lower()
        assert "service judiciaire" not in source and "judicial service" not in source, path
        assert "huissier" not in source, path
        if "phone-script" not in path.name:  # the call script tells agents never to threaten one
            assert "saisie" not in source and "seize" not in source, path


def test_an_sms_or_a_phone_call_cannot_be_the_first_contact(make_context):
    for template in SHORT:
        context = make_context(template, first=True)
        with pytest.raises(FirstContactChannelRefused) as refused:
            check_first_contact_channel(context)
        assert refused.value.status_code == 422
        with pytest.raises(FirstContactChannelRefused):
            render(context)


def test_an_unknown_template_or_language_is_refused(make_context):
    with pytest.raises(UnknownTemplate):
        render(dataclasses.replace(make_context("email-courteous"), template="email-rude"))
    with pytest.raises(UnknownTemplate):
        render(make_context("email-courteous", language="de"))


def test_a_creditor_template_replaces_only_the_parts_it_gives(make_context):
    context = make_context("email-courteous")
    override = TemplateOverride(subject="{{ creditor.name }} vous écrit — {{ money(figures.balance) }}")
    rendered = render(context, override=override)
    assert rendered.subject == "Boulangerie Martin SARL vous écrit — 1\u202f058,35\u00a0€"
    assert rendered.text == render(context).text


def test_a_creditor_template_naming_an_unknown_variable_is_refused_with_a_422(make_context):
    with pytest.raises(TemplateOverrideInvalid) as refused:
        render(make_context(), override=TemplateOverride(text="Bonjour {{ debtor.first_name }}"))
    assert isinstance(refused.value, Invalid) and refused.value.status_code == 422
    assert "first_name" in refused.value.message and refused.value.field == "override.text"
    assert refused.value.message_fr is not None and "first_name" in refused.value.message_fr


def test_a_creditor_template_cannot_reach_python_internals(make_context):
    with pytest.raises(TemplateOverrideInvalid):
        render(make_context(), override=TemplateOverride(text="{{ agency.__class__.__mro__ }}"))
    with pytest.raises(TemplateOverrideInvalid):
        render(make_context(), override=TemplateOverride(text="{{ money.__globals__ }}"))


def test_a_creditor_html_template_escapes_what_it_prints_but_not_its_text(make_context):
    context = make_context(debtor=make_context().debtor.__class__(name="<script>x</script>"))
    rendered = render(context, override=TemplateOverride(html="<p>{{ debtor.name }}</p>", text="{{ debtor.name }}"))
    assert rendered.html == "<p>&lt;script&gt;x&lt;/script&gt;</p>"
    assert rendered.text == "<script>x</script>\n"


def test_a_creditor_template_may_include_the_default_mentions(make_context):
    context = make_context("email-courteous", first=True)
    text = render(context).text
    source = text.split("Informations légales")[0] + '{% include "fr/_r124_4.txt.j2" %}'
    rendered = render(context, override=TemplateOverride(text=source))
    assert missing_mentions(context, rendered) == []


def test_amounts_and_dates_are_written_the_way_each_language_writes_them():
    assert format_amount(Decimal("1234.565"), "fr") == "1\u202f234,57\u00a0€"
    assert format_amount(Decimal("1234567.8"), "en") == "€1,234,567.80"
    assert format_amount(Decimal("-12"), "fr") == "-12,00\u00a0€"
    assert format_amount(Decimal("999"), "en", "USD") == "USD 999.00"
    assert format_date(date(2026, 3, 1), "fr") == "1er mars 2026"
    assert format_date(date(2026, 8, 15), "en") == "15 August 2026"
    with pytest.raises(TypeError):
        format_amount(12.5, "fr")  # type: ignore[arg-type]  # a float, to raise TypeError
