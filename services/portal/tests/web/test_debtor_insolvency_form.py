"""The staff's « Procédure collective » form on a case's page, against a real intake: the opening judgment recorded
moves every case of the debtor under collection to claim declaration, and the page says how many and by when the
claim is to be declared; a creditor is not offered the form and intake refuses its post; intake's refusal of the
dates is shown beside the form, in the page's language, with what was typed."""

from __future__ import annotations

import html
import re
import uuid
from datetime import timedelta

import httpx
import pytest

from shared.debtor_links import sign_link
from shared.demo import DEMO_CREDITOR_ID

JUDGMENT = {"kind": "liquidation", "opened_on": "2026-11-10", "published_on": "2026-11-13"}  # today: 24/11/2026
DONE_FR = (
    "Procédure collective enregistrée : 2 dossier(s) passé(s) en déclaration de créance, à déclarer au plus tard le "
    "13/01/2027."
)
DONE_EN = "Insolvency proceedings recorded: 2 case(s) moved to claim declaration, to be declared by 13 January 2027."


@pytest.fixture
def cases(portal_for, intake_url, issue_token, new_case):
    """A portal over intake, and two validated cases of the demo creditor against the same debtor (same SIREN), made
    on intake directly (not through the portal's gateway, whose short connection timeout a loaded machine may hit)."""
    portal = portal_for(service_urls={"intake": intake_url})
    admin = {"Authorization": f"Bearer {issue_token('admin')}"}
    paths = []
    with httpx.Client(base_url=intake_url, headers=admin, timeout=60) as intake:
        for reference in ("INS-0001", "INS-0002"):
            body = {**new_case(reference), "creditor_id": str(DEMO_CREDITOR_ID)}
            case = intake.post("/api/v1/cases", json=body)
            assert case.status_code == 201, case.text
            validated = intake.post(f"/api/v1/cases/{case.json()['id']}/validate", json={"override_reason": "test"})
            assert validated.status_code == 200, validated.text
            paths.append(f"/cases/{case.json()['id']}")
    return portal, paths


def record(portal, path, csrf_of, **fields):
    page = portal.get(path)
    return portal.post(f"{path}/debtor/insolvency", data={"csrf": csrf_of(page.text), **JUDGMENT, **fields})


def text(page) -> str:
    """What a reader reads of the page: its words, tags left out."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", page.text)))


def test_an_agent_records_the_judgment_and_every_case_of_the_debtor_moves_to_claim_declaration(cases, sign_in, csrf_of):
    portal, (path, other) = cases
    sign_in(portal, "agent@demo.example")
    before = portal.get(path)
    assert "Procédure collective" in before.text and f'action="{path}/debtor/insolvency"' in before.text
    assert "les relances et les actions s'arrêtent (art. L622-21 C. com.)" in html.unescape(before.text)

    recorded = record(portal, path, csrf_of)

    assert recorded.status_code == 303, recorded.text
    assert recorded.headers["location"] == f"{path}?did=insolvency&moved=2&until=2027-01-13#debtor-title"
    shown = portal.get(recorded.headers["location"])
    after = text(shown)
    assert DONE_FR in after and 'badge--bad">Déclaration de créance</span>' in shown.text
    assert "Liquidation judiciaire, jugement d'ouverture du 10/11/2026, publié au BODACC le 13/11/2026" in after
    assert "Procédure collective Liquidation judiciaire" in after
    assert "Délai de déclaration 13/01/2027" in after
    assert f'action="{path}/debtor/insolvency"' not in shown.text  # recorded once: the form is gone
    assert "Déclaration de créance" in portal.get(other).text  # the debtor's other case moved too

    portal.cookies.clear()
    sign_in(portal, "creditor@demo.example")
    creditors = text(portal.get(path))
    assert "Liquidation judiciaire, jugement d'ouverture du 10/11/2026" in creditors


def test_a_creditor_is_not_offered_the_form_and_intake_refuses_its_post(cases, sign_in, csrf_of):
    portal, (path, _) = cases
    sign_in(portal, "creditor@demo.example")
    page = portal.get(path)

    refused = record(portal, path, csrf_of)

    assert page.status_code == 200 and "/debtor/insolvency" not in page.text
    assert refused.status_code == 403 and "Accès refusé" in refused.text
    assert "Recouvrement amiable" in portal.get(path).text  # nothing recorded


def test_a_publication_before_the_judgment_is_refused_beside_the_form_with_what_was_typed(cases, sign_in, csrf_of):
    portal, (path, _) = cases
    sign_in(portal, "agent@demo.example")

    refused = record(portal, path, csrf_of, kind="redressement", published_on="2026-11-01")

    assert refused.status_code == 422
    shown = html.unescape(refused.text)
    assert 'role="alert"' in shown and '<details class="insolvency-form" id="insolvency" open>' in shown
    assert "Date de publication au BODACC : la publication au BODACC suit le jugement" in shown
    assert '<option value="redressement" selected>' in shown and 'value="2026-11-01"' in shown
    assert "Déclaration de créance" not in portal.get(path).text  # nothing recorded


def test_the_form_and_its_outcome_read_in_english(cases, sign_in, csrf_of):
    portal, (path, _) = cases
    sign_in(portal, "agent@demo.example")
    portal.cookies.set("recouvra_lang", "en")
    page = text(portal.get(path))
    assert "Insolvency proceedings" in page and "Judicial liquidation" in page and "Date of the BODACC notice" in page

    late = record(portal, path, csrf_of, opened_on="2026-12-01", published_on="")
    recorded = record(portal, path, csrf_of)

    assert late.status_code == 422 and "Date of the opening judgment: the judgment cannot be after today" in late.text
    shown = portal.get(recorded.headers["location"])
    after = text(shown)
    assert DONE_EN in after and 'badge--bad">Claim declaration</span>' in shown.text
    assert "Judicial liquidation, opening judgment of 10 November 2026, published in the BODACC on 13 November" in after


def test_a_count_the_redirect_did_not_write_says_nothing(cases, sign_in):
    portal, (path, _) = cases
    sign_in(portal, "agent@demo.example")

    page = portal.get(f"{path}?did=insolvency&moved=x2&until=2027-01-13")

    assert page.status_code == 200 and "Procédure collective enregistrée" not in page.text


def test_the_debtors_page_says_the_claim_is_declared_and_asks_for_no_payment(
    cases, sign_in, csrf_of, clock, issue_token, intake_url
):
    portal, paths = cases
    admin = {"Authorization": f"Bearer {issue_token('admin')}"}
    case = httpx.get(f"{intake_url}/api/v1{paths[0]}", headers=admin, timeout=60).json()
    link = sign_link(
        case_id=uuid.UUID(case["id"]),
        debtor_id=uuid.UUID(case["debtor"]["id"]),
        expires_at=clock.now() + timedelta(days=30),
        key=b"a-test-debtor-link-key",
    )
    before = text(portal.get(f"/debtor/{link}"))
    assert "Proposer un échéancier" in before and "procédure collective" not in before
    sign_in(portal, "agent@demo.example")
    assert record(portal, paths[0], csrf_of).status_code == 303

    page = portal.get(f"/debtor/{link}")

    assert page.status_code == 200, page.text
    words = text(page)
    assert "Une procédure collective (sauvegarde, redressement ou liquidation judiciaire) a été ouverte" in words
    assert "la loi vous interdit de la payer directement" in words
    assert "Proposer un échéancier" not in words and "Contester la créance" not in words
