"""The pure parts of the pages: reading a typed amount, the case form's checks, the chart's geometry, the
search's folding, and every text a template names being in the catalogue in both languages."""

from __future__ import annotations

import re
from decimal import Decimal

from portal.web.case_form import amount_of, case_body, read_form
from portal.web.case_list import matches, next_action_of
from portal.web.charts import bar_chart
from portal.web.formatting import grouped, money, sentence
from portal.web.rendering import TEMPLATES_DIR
from portal.web.texts import TEXTS


def test_amounts_are_read_as_people_type_them():
    assert amount_of("1 250,40") == Decimal("1250.40")
    assert amount_of("1\u202f250,40\u00a0€") == Decimal("1250.40")
    assert amount_of("1250.4") == Decimal("1250.4")
    assert amount_of("douze") is None and amount_of("-5") is None and amount_of("1,234") is None
    # both marks: the last is the decimal one, whichever the page's language
    assert amount_of("1.250,40") == amount_of("1,250.40") == amount_of("1,250.40", "en") == Decimal("1250.40")
    # a comma alone groups thousands on an English page, and is the decimal mark on a French one
    assert amount_of("1,250", "en") == Decimal("1250") and amount_of("12,5", "en") == Decimal("12.5")
    assert amount_of("1,25") == Decimal("1.25")


def test_the_case_form_needs_a_reference_a_debtor_and_one_complete_invoice():
    empty = read_form({"rows": "2"})
    assert case_body(empty) == {}
    assert {name for name, _ in empty.errors} == {"reference", "debtor_name", "invoice-0-number"}

    half = read_form({"reference": "R1", "debtor_name": "D", "invoice-0-number": "F1", "invoice-0-amount": "12"})
    assert case_body(half) == {}
    assert ("invoice-0-due_date", "form.required") in half.errors

    full = read_form(
        {
            "reference": "R1",
            "debtor_name": "D",
            "kind": "b2c",
            "debtor_type": "person",
            "invoice-0-number": "F1",
            "invoice-0-issue_date": "2026-09-01",
            "invoice-0-due_date": "2026-10-01",
            "invoice-0-amount": "1 200,00",
        }
    )
    body = case_body(full)
    assert body["kind"] == "b2c" and body["debtor"] == {"type": "person", "name": "D"}
    assert body["invoices"] == [
        {"number": "F1", "issue_date": "2026-09-01", "due_date": "2026-10-01", "amount": "1200.00"}
    ]
    assert body["draft"] is True


def test_bars_are_as_tall_as_their_share_of_the_largest():
    chart = bar_chart(
        [("a", Decimal("0"), "0", ""), ("b", Decimal("50"), "50", ""), ("c", Decimal("100"), "100", "")],
        height=236,
        margin=18,
    )
    heights = [bar.height for bar in chart.bars]
    assert heights == [0.0, 100.0, 200.0]
    assert all(bar.y + bar.height == chart.baseline for bar in chart.bars)


def test_a_search_ignores_case_and_accents_and_reads_reference_and_name():
    case = {"reference": "DOS-17", "debtor": {"name": "Société Générale des Eaux"}}
    assert matches(case, "generale") and matches(case, "dos-1") and not matches(case, "martin")


def test_the_next_action_is_dunnings_next_scheduled_step_or_what_the_case_waits_for():
    steps = {
        "status": "active",
        "items": [
            {"status": "done", "template": "email-courteous", "due_at": "2026-11-01T09:00:00+00:00"},
            {"status": "scheduled", "template": "formal-notice", "due_at": "2026-12-20T09:00:00+00:00"},
            {"status": "scheduled", "template": "email-firm", "due_at": "2026-12-01T09:00:00+00:00"},
        ],
    }
    assert next_action_of({"status": "amicable"}, steps).fields["template"] == "email-firm"
    assert next_action_of({"status": "submitted"}, None).key == "next.validation"
    # a step whose day has passed is due now, not "on" a day in the past
    overdue = {"status": "active", "items": [{**steps["items"][2], "overdue": True}]}
    assert next_action_of({"status": "amicable"}, overdue).key == "next.step_now"
    assert next_action_of({"status": "amicable"}, {**steps, "status": "dispute"}).key == "dunning.status.dispute"


def test_money_and_identifiers_are_written_for_their_reader():
    assert money("1234.5", "fr") == "1\u202f234,50\u00a0€"
    assert money("1234.5", "en") == "€1,234.50"
    assert grouped("FR7630006000011234567890189") == "FR76 3000 6000 0112 3456 7890 189"
    assert sentence("cette action est réservée à : créancier") == "Cette action est réservée à : créancier."
    assert sentence("Déjà une phrase.") == "Déjà une phrase." and sentence("") == ""


def test_every_text_a_template_names_is_in_the_catalogue_in_both_languages():
    named = set()
    for template in TEMPLATES_DIR.rglob("*.html"):
        named |= set(re.findall(r"""\bt\(["']([a-z0-9_.\-]+)["']\s*[,)]""", template.read_text()))
    missing = sorted(key for key in named if key not in TEXTS)
    assert not missing, missing
    assert all(fr.strip() and en.strip() for fr, en in TEXTS.values())
