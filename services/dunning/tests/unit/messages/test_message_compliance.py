"""The R124-4 check reads what a message actually says: a creditor's template that drops a mention is caught and
the mention named, in English and in French."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shared.errors import Invalid

from dunning.domain.compliance import ensure_compliant, missing_mentions, required_mentions
from dunning.domain.context import Rendered
from dunning.domain.mentions import L111_8_PARAGRAPHS
from dunning.errors import FirstContactChannelRefused, NonCompliantMessage
from dunning.rendering.templates import TemplateOverride, render


def codes(context, rendered) -> list[str]:
    return [mention.code for mention in missing_mentions(context, rendered)]


def without(text: str, *lines_starting: str) -> str:
    """The text less every line that starts with one of these."""
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(lines_starting))


def overridden(context, text: str) -> Rendered:
    """What a creditor's template rendering this very text would produce (it is a valid Jinja2 source)."""
    return render(context, override=TemplateOverride(text=text))


@pytest.mark.parametrize("kind", ["b2b", "b2c"])
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("template", ["email-courteous", "email-firm", "letter-reminder", "formal-notice"])
def test_the_default_first_contact_passes_the_check(make_context, template, language, kind):
    context = make_context(template, language=language, kind=kind, first=True)
    ensure_compliant(context, render(context))


def test_the_first_contact_needs_every_r124_4_mention_in_the_order_of_the_article(make_context):
    assert required_mentions(make_context(first=True)) == [
        "agency_name",
        "agency_address",
        "agency_activity",
        "creditor_name",
        "creditor_address",
        "principal",
        "penalties",
        "indemnities",
        "balance",
        "demand_to_pay",
        "agency_iban",
        "rf_reference",
        "l111_8_text",
    ]
    consumer = make_context(first=True, kind="b2c", rf_reference=None)
    assert required_mentions(consumer)[5:8] == ["principal", "interest", "balance"]
    assert "rf_reference" not in required_mentions(consumer)


def test_a_creditor_template_without_the_l111_8_text_is_refused_naming_it(make_context):
    context = make_context("email-courteous", first=True)
    text = render(context).text.replace(L111_8_PARAGRAPHS[1], "")
    rendered = overridden(context, text)
    assert codes(context, rendered) == ["l111_8_text"]
    with pytest.raises(NonCompliantMessage) as refused:
        ensure_compliant(context, rendered)
    error = refused.value
    assert isinstance(error, Invalid) and error.status_code == 422
    assert (
        error.message == "the message lacks mandatory mentions: verbatim text of article L111-8 paragraphs 2 and 3 CPCE"
    )
    assert error.message_fr == (
        "Mentions obligatoires absentes du message : reproduction intégrale de l'article L111-8 alinéas 2 et 3 CPCE"
    )


def test_a_paraphrase_of_l111_8_is_not_its_verbatim_text(make_context):
    context = make_context("letter-reminder", first=True)
    text = render(context).text.replace("réputée non écrite", "considérée comme non écrite")
    assert codes(context, overridden(context, text)) == ["l111_8_text"]


@pytest.mark.parametrize(
    ("template", "dropped", "code"),
    [
        ("letter-reminder", ("IBAN",), "agency_iban"),
        ("letter-reminder", ("Référence à indiquer", "Référence de paiement"), "rf_reference"),
        ("letter-reminder", ("Pénalités de retard",), "penalties"),
        ("letter-reminder", ("Indemnité forfaitaire",), "indemnities"),
        ("letter-reminder", ("Créancier :",), "creditor_address"),
        ("letter-reminder", ("Nous vous demandons",), "demand_to_pay"),
        ("formal-notice", ("Principal",), "principal"),
        ("email-courteous", ("Solde dû",), "balance"),
    ],
)
def test_a_message_that_drops_a_mention_is_refused_naming_it(make_context, template, dropped, code):
    context = make_context(template, first=True)
    text = without(render(context).text, *dropped)
    assert codes(context, overridden(context, text)) == [code]


def test_a_component_shown_with_another_amount_than_the_statement_is_missing(make_context):
    context = make_context("letter-reminder")
    text = render(context).text.replace("Pénalités de retard : 18,35", "Pénalités de retard : 18,00")
    assert codes(context, overridden(context, text)) == ["penalties"]


def test_the_html_of_a_letter_is_checked_as_well_as_its_text(make_context):
    context = make_context("formal-notice")
    rendered = render(context)
    html_without_law = rendered.html.replace(L111_8_PARAGRAPHS[0].replace("'", "&#39;"), "")
    assert codes(context, Rendered(subject=rendered.subject, text=rendered.text, html=html_without_law)) == [
        "l111_8_text"
    ]


def test_a_later_message_without_the_first_letters_reference_is_refused(make_context):
    context = make_context("email-firm")
    text = render(context).text.replace("MSG-1A2B3C", "")
    assert codes(context, overridden(context, text)) == ["first_contact_reference"]


def test_a_later_message_needs_the_first_letters_date_written_out(make_context):
    context = make_context("email-firm", language="en")
    text = render(context).text.replace("20 February 2026", "20/02/2026")
    assert codes(context, overridden(context, text)) == ["first_contact_date"]


def test_a_mention_wrapped_across_lines_still_counts(make_context):
    context = make_context("email-courteous", first=True)
    text = render(context).text.replace(
        " restent à la charge du créancier, sauf", "\nrestent à la charge du\ncréancier, sauf"
    )
    assert codes(context, overridden(context, text)) == []


def test_an_sms_needs_the_case_reference_and_the_self_service_link(make_context):
    context = make_context("sms-reminder")
    assert codes(context, render(context)) == []
    bare = Rendered(subject="Rappel", text="Merci de régler votre dette. Courrier réf. MSG-1A2B3C du 20 février 2026.")
    assert codes(context, bare) == ["case_reference", "self_service_url"]


def test_an_sms_as_first_contact_is_refused_before_anything_else(make_context):
    context = make_context("sms-reminder", first=True)
    with pytest.raises(FirstContactChannelRefused) as refused:
        ensure_compliant(context, Rendered(subject="x", text="x"))
    assert refused.value.status_code == 422 and refused.value.field == "channel"


def test_a_consumer_message_with_fees_in_its_figures_is_refused(make_context):
    context = make_context("email-courteous", kind="b2c", first=True, figures_changes={"fees": Decimal("25.00")})
    with pytest.raises(NonCompliantMessage) as refused:
        ensure_compliant(context, render(context))
    assert [mention.code for mention in refused.value.missing] == ["no_consumer_fees"]
    assert "consommateur" in (refused.value.message_fr or "")


def test_a_consumer_message_naming_a_fee_is_refused(make_context):
    context = make_context("email-firm", kind="b2c")
    for line in ("Frais de dossier : 30,00 €", "Dommages-intérêts : 50,00 €", "Collection fees: €30.00"):
        text = render(context).text + line + "\n"
        assert codes(context, overridden(context, text)) == ["no_consumer_fees"], line


def test_a_consumer_never_owes_the_fixed_indemnity_between_professionals(make_context):
    context = make_context("email-firm", language="en", kind="b2c", figures_changes={"indemnities": Decimal("40.00")})
    assert "no_consumer_fees" in codes(context, render(context))


def test_a_business_may_be_shown_the_statutory_indemnity_for_recovery_costs(make_context):
    context = make_context("formal-notice", first=True)
    rendered = render(context)
    assert "Indemnité forfaitaire pour frais de recouvrement" in rendered.text
    ensure_compliant(context, rendered)


def test_a_mention_hidden_in_an_html_comment_or_style_does_not_count(make_context):
    context = make_context("formal-notice")
    rendered = render(context)
    iban = "FR76 3000 6000 0112 3456 7890 189"
    hidden = rendered.html.replace(iban, f"<!-- {iban.replace(' ', '')} -->").replace(
        "</head>", f"<style>/* {iban} */</style></head>"
    )
    assert codes(context, Rendered(subject=rendered.subject, text=rendered.text, html=hidden)) == ["agency_iban"]
