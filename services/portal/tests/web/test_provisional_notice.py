"""A statement computed while this half-year's reference rate is not recorded is provisional: the agency's pages say
why in the agency's words (a rate to record), the debtor's page in the debtor's (an amount that may be adjusted, the
principal unchanged). Real intake, whose rate table stops at the first half of 2026."""

from __future__ import annotations

import html

DEBTOR_WORDS = "Montant provisoire : les pénalités et intérêts de retard de ce semestre sont calculés"
AGENCY_WORDS = "Décompte provisoire : un taux de référence de ce semestre"


def test_the_debtor_reads_the_provisional_notice_in_its_own_words_and_the_creditor_in_the_agencys(
    platform, new_case, sign_in
):
    case = platform.case(new_case, "PROV-0001", "1200.00")
    statement = platform.portal.get(f"/api/v1/cases/{case['id']}/statement", headers=platform.creditor).json()
    assert statement["provisional"] is True, statement  # the clock is past the rates recorded

    debtor = html.unescape(platform.portal.get(f"/debtor/{platform.link(case)}").text)
    assert DEBTOR_WORDS in debtor and "Le principal dû ne change pas." in debtor and AGENCY_WORDS not in debtor
    english = platform.portal.get(f"/debtor/{platform.link(case)}", headers={"Accept-Language": "en"}).text
    assert "Provisional amount: this half-year's late penalties" in html.unescape(english)

    sign_in(platform.portal, "creditor@demo.example")
    page = html.unescape(platform.portal.get(f"/cases/{case['id']}").text)
    assert AGENCY_WORDS in page and DEBTOR_WORDS not in page
