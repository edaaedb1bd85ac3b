"""The language dunning writes a debtor in is read from the real intake: a case opened for a debtor its creditor
writes to in English is previewed (test mode) in English, through the portal's gateway; one left unsaid in French."""

from __future__ import annotations

import html
from typing import Any


def test_the_test_mode_writes_in_the_language_intake_holds_for_the_debtor(platform, new_case):
    def english(reference: str, amount: str) -> dict[str, Any]:
        body: dict[str, Any] = new_case(reference, debtor="Acme Ltd", amount=amount, siren="732829320")
        return {**body, "debtor": {**body["debtor"], "language": "en"}}

    for make, reference, language, words in (
        (english, "LANG-EN-01", "en", "invoice awaiting payment"),
        (new_case, "LANG-FR-01", "fr", "facture en attente de règlement"),
    ):
        case = platform.case(make, reference, "1200.00")
        preview = platform.portal.get(f"/api/v1/dunning/cases/{case['id']}/preview", headers=platform.creditor)
        assert preview.status_code == 200, preview.text
        assert preview.json()["language"] == language, preview.json()
        first = preview.json()["items"][0]
        assert first["language"] == language and words in first["subject"], first["subject"]


def test_the_debtor_chooses_english_on_its_page_and_is_then_written_to_in_english(platform, new_case, csrf_of, sign_in):
    case = platform.case(new_case, "LANG-DEBTOR-01", "1200.00")
    token = platform.link(case)
    page = platform.portal.get(f"/debtor/{token}")
    assert page.status_code == 200, page.text
    assert '<option value="fr" lang="fr" selected>Français</option>' in page.text  # nothing said: French

    chosen = platform.portal.post(f"/debtor/{token}/language", data={"csrf": csrf_of(page.text), "language": "en"})
    assert chosen.status_code == 303 and chosen.headers["location"].endswith("?sent=language"), chosen.text
    after = platform.portal.get(chosen.headers["location"])
    assert "nous vous écrirons désormais dans la langue choisie" in after.text
    assert '<option value="en" lang="en" selected>English</option>' in after.text
    preview = platform.portal.get(f"/api/v1/dunning/cases/{case['id']}/preview", headers=platform.creditor)
    assert preview.json()["language"] == "en", preview.json()

    forged = platform.portal.post(f"/debtor/{token}/language", data={"csrf": csrf_of(page.text), "language": "de"})
    assert forged.status_code == 422
    sign_in(platform.portal, "creditor@demo.example")  # the creditor's form says whose choice it is
    seen = platform.portal.get(f"/cases/{case['id']}").text
    assert "Le débiteur a choisi cette langue sur sa page : elle prime sur la vôtre." in html.unescape(seen)
