"""The pure rules of partner missions: who bears a bailiff's cost (L111-8 CPCE, A444-31 and A444-32), which dates a
report may carry, what a deed's name and content may be."""

from __future__ import annotations

from datetime import date

import pytest

from legal.domain.partners import CostRuleBroken, report_date_problem, who_bears
from legal.partners.files import download_headers, is_pdf, safe_deed_name


@pytest.mark.parametrize(
    ("tariff", "stated", "kind", "party"),
    [
        ("A444-31", None, "enforcement", "debtor"),
        ("art. A444-31", "debtor", "enforcement", "debtor"),
        ("A444-32", None, "enforcement", "creditor"),
        ("a444-32 ", None, "amicable", "creditor"),  # applies even when the bailiff obtains payment amicably
        ("signification IP", "debtor", "service", "debtor"),
        ("commandement de payer", "creditor", "enforcement", "creditor"),
        ("honoraires", None, "amicable", "creditor"),
    ],
)
def test_who_bears_a_cost(tariff, stated, kind, party):
    assert who_bears(tariff=tariff, stated=stated, mission_kind=kind).party == party


@pytest.mark.parametrize(
    ("tariff", "stated", "kind"),
    [
        ("A444-31", "creditor", "enforcement"),
        ("A444-32", "debtor", "enforcement"),
        ("honoraires", "debtor", "amicable"),  # no enforceable title: L111-8 al. 2
        ("signification IP", None, "service"),  # an act's bearer must be stated
    ],
)
def test_a_bearer_that_contradicts_the_tariff_or_the_mission_is_refused_in_both_languages(tariff, stated, kind):
    with pytest.raises(CostRuleBroken) as refused:
        who_bears(tariff=tariff, stated=stated, mission_kind=kind)
    assert "borne_by" in str(refused.value) and refused.value.message_fr.startswith("borne_by")


def test_a_report_is_dated_between_the_assignment_and_today():
    assigned, today = date(2026, 11, 2), date(2026, 11, 24)
    assert report_date_problem(occurred_on=today, assigned_on=assigned, today=today) is None
    assert report_date_problem(occurred_on=assigned, assigned_on=assigned, today=today) is None
    assert "future" in report_date_problem(occurred_on=date(2026, 11, 25), assigned_on=assigned, today=today)[0]
    assert "before" in report_date_problem(occurred_on=date(2026, 11, 1), assigned_on=assigned, today=today)[0]


def test_a_deed_is_a_pdf_by_its_content():
    assert is_pdf(b"%PDF-1.7\n...")
    assert is_pdf(b"\xef\xbb\xbf%PDF-1.4")  # a few bytes of junk before the header are allowed
    assert not is_pdf(b"\x89PNG\r\n\x1a\n")
    assert not is_pdf(b"<html><body>%PDF-</body>"[:5])


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("acte.pdf", "acte.pdf"),
        ("../../etc/passwd", "passwd.pdf"),
        ("C:\\Users\\me\\PV de saisie.PDF", "PV de saisie.pdf"),
        ("\u202eexe.pdf", "exe.pdf"),
        ("...", "deed.pdf"),
        (None, "deed.pdf"),
        ("x" * 400 + ".pdf", "x" * 146 + ".pdf"),
    ],
)
def test_a_deed_keeps_a_safe_base_name_ending_in_pdf(given, kept):
    assert safe_deed_name(given, fallback="deed") == kept


def test_a_download_names_the_file_in_ascii_and_utf8_and_forbids_sniffing():
    headers = download_headers("acte signifié.pdf")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Disposition"] == (
        "attachment; filename=\"acte signifi_.pdf\"; filename*=UTF-8''acte%20signifi%C3%A9.pdf"
    )
