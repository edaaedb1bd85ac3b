"""A case in another currency than the euro: the messages show its amounts in its currency and the D441-5 indemnity,
fixed in euros, on its own line in euros (intake's `indemnities_apart`), never as dollars."""

from __future__ import annotations

from decimal import Decimal

import pytest

from dunning.cases.composing import figures_of
from dunning.domain.compliance import ensure_compliant, missing_mentions
from dunning.domain.context import Rendered
from dunning.rendering.templates import render

DOLLARS = {
    "principal": Decimal("1200.00"),
    "penalties": Decimal("18.35"),
    "indemnities": Decimal("0.00"),
    "indemnities_apart": Decimal("40.00"),
    "balance": Decimal("1018.35"),
    "currency": "USD",
}


def test_the_figures_read_the_indemnity_apart_from_intakes_statement():
    statement = {
        "as_of": "2026-03-10",
        "currency": "USD",
        "principal": "1200.00",
        "penalties": "18.35",
        "indemnities": "0.00",
        "indemnities_apart": "40.00",
        "indemnities_apart_currency": "EUR",
        "interest": "0.00",
        "balance": "1218.35",
        "invoices": [],
    }
    figures = figures_of(statement)
    assert (figures.currency, figures.indemnities) == ("USD", Decimal("0.00"))
    assert (figures.indemnities_apart, figures.indemnities_apart_currency) == (Decimal("40.00"), "EUR")
    # a statement from before the field existed reads as no indemnity apart
    older = figures_of({k: v for k, v in statement.items() if not k.startswith("indemnities_apart")})
    assert older.indemnities_apart == Decimal("0.00")


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("template", ["email-courteous", "email-firm", "letter-reminder", "formal-notice"])
def test_a_dollar_case_shows_its_indemnity_in_euros_and_passes_the_check(make_context, template, language):
    context = make_context(template, language=language, first=True, figures_changes=DOLLARS)
    rendered = render(context)
    ensure_compliant(context, rendered)
    euros, dollars = ("40,00\u00a0€", "40,00\u00a0USD") if language == "fr" else ("€40.00", "USD 40.00")
    assert euros in rendered.text and dollars not in rendered.text
    assert ("1\u202f200,00\u00a0USD" if language == "fr" else "USD 1,200.00") in rendered.text
    assert rendered.html is None or euros in rendered.html


def test_a_message_that_drops_the_euro_indemnity_is_caught(make_context):
    context = make_context("email-courteous", first=True, figures_changes=DOLLARS)
    rendered = render(context)
    dropped = Rendered(subject=rendered.subject, text=rendered.text.replace("40,00\u00a0€", ""), html=None)
    assert "indemnities" in [mention.code for mention in missing_mentions(context, dropped)]
