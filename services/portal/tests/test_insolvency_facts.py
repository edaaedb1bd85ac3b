"""The debtor's proceedings as a case's page shows them: a judgment the BODACC watch read says so, with its notice
and court; one staff recorded by hand says nothing of the kind."""

from __future__ import annotations

import re

from portal.web import formatting
from portal.web.language import Translator
from portal.web.rendering import build_environment


def shown(insolvency: dict, language: str = "fr") -> str:
    template = build_environment().get_template("cases/_insolvency_facts.html")
    page = template.render(
        t=Translator(language),
        numeric_day=lambda value: formatting.numeric_day(value, language),
        iso_day=formatting.iso_day,
        case={"debtor": {"insolvency": insolvency}, "claim_deadline": "2027-01-06"},
    )
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)).strip()


READ = {"kind": "liquidation", "opened_on": "2026-11-04", "published_on": "2026-11-06"}


def test_a_judgment_the_watch_read_names_its_notice_and_court():
    words = shown({**READ, "recorded_by": "bodacc", "notice_id": "A202611060001", "court": "TC de Nantes"})
    assert (
        "publié au BODACC le 06/11/2026, relevé par la veille automatique du BODACC (annonce A202611060001, TC de "
        "Nantes)" in words
    )
    english = shown({**READ, "recorded_by": "bodacc", "notice_id": "A202611060001", "court": "TC de Nantes"}, "en")
    assert "found by the automatic BODACC watch (notice A202611060001, TC de Nantes)" in english


def test_a_judgment_staff_recorded_says_nothing_of_a_watch():
    assert "veille" not in shown({**READ, "recorded_by": "agency"})
