"""The back-office page of the champion and challenger experiments over a real dunning and intake: read by staff in
French and in English, started and stopped by an admin (dunning's refusals shown in plain words beside the form, what
was typed kept), no form for an agent and an agent's forged post refused; each arm's figures once cases come in; and
a page that says so, never a 500, when dunning cannot answer."""

from __future__ import annotations

import html
import re
import uuid
from datetime import date
from decimal import Decimal

import pytest
from sqlmodel import Session

from shared.demo import DEMO_CREDITOR_ID
from shared.events.envelope import CloudEvent
from shared.events.intake import CaseBalanceChanged, CaseValidated, DebtorSnapshot, InvoiceSnapshot

FIRM = {
    "name": "Ferme",
    "exhaust_after_days": 10,
    "steps": [{"code": "call", "channel": "email", "template": "email-firm", "offset_days": 1, "anchor": "due"}],
}
PAGE = "/back-office/experiments"


@pytest.fixture
def firm(platform, issue_token) -> None:
    """A second scenario to challenge the shipped one with."""
    admin = {"Authorization": f"Bearer {issue_token('admin')}"}
    saved = platform.portal.put("/api/v1/dunning/scenarios/ferme", json=FIRM, headers=admin)
    assert saved.status_code == 200, saved.text


def _start(portal, csrf_of, **fields: str):
    page = portal.get(PAGE)
    assert page.status_code == 200, page.text
    form = {"csrf": csrf_of(page.text), "name": "Relance ferme d'emblée", "champion": "default-fr"}
    form |= {"challenger": "ferme", "share": "50", "creditor_id": ""}
    return portal.post(PAGE, data={**form, **fields})


def _experiments(platform, issue_token) -> list[dict[str, object]]:
    staff = {"Authorization": f"Bearer {issue_token('agent')}"}
    listing = platform.portal.get("/api/v1/dunning/experiments", headers=staff)
    assert listing.status_code == 200, listing.text
    return list(listing.json()["items"])


def test_the_page_is_linked_and_says_there_is_none_yet_in_french_and_in_english(platform, sign_in):
    portal = platform.portal
    sign_in(portal, "admin@demo.example")

    index = portal.get("/back-office")
    scenarios = portal.get("/back-office/scenarios")
    french = portal.get(PAGE)
    english = portal.get(PAGE, headers={"Accept-Language": "en"})

    assert f'href="{PAGE}"' in index.text and "Expériences de scénarios" in index.text
    assert f'href="{PAGE}"' in scenarios.text
    assert french.status_code == 200, french.text
    assert "<h1>Expériences de scénarios</h1>" in french.text and "Aucune expérience pour le moment." in french.text
    assert "Lancer une expérience" in french.text and 'name="champion"' in french.text
    assert '<option value="">tous les créanciers</option>' in french.text  # the creditors, read from intake
    assert english.status_code == 200 and "<h1>Scenario experiments</h1>" in english.text
    assert "No experiment yet." in english.text and "Start an experiment" in english.text


def test_an_admin_starts_an_experiment_sees_it_running_and_stops_it(platform, firm, sign_in, csrf_of, issue_token):
    portal = platform.portal
    sign_in(portal, "admin@demo.example")
    page = portal.get(PAGE)
    assert '<option value="ferme"' in page.text and '<option value="default-fr"' in page.text

    started = _start(portal, csrf_of, creditor_id=str(DEMO_CREDITOR_ID))
    assert started.status_code == 303, started.text
    shown = portal.get(started.headers["location"])
    text = html.unescape(shown.text)
    assert "L'expérience est lancée." in text
    assert "Relance ferme d'emblée" in text and "default-fr → ferme" in text
    assert "En cours" in text and "50 % des nouveaux dossiers" in text
    assert "Aucun dossier n'est encore entré dans l'expérience." in text
    assert "Pas encore d'écart significatif (il faut au moins 30 dossiers par bras et un écart net)." in text
    (experiment,) = _experiments(platform, issue_token)
    assert experiment["running"] and experiment["creditor_id"] == str(DEMO_CREDITOR_ID)
    creditor = re.search(r"<dt>Créancier</dt><dd>([^<]+)</dd>", shown.text)
    assert creditor and creditor.group(1) != str(DEMO_CREDITOR_ID)  # the creditor's name, not its id
    stop = f'action="{PAGE}/{experiment["id"]}/stop"'
    assert stop in shown.text

    stopped = portal.post(f"{PAGE}/{experiment['id']}/stop", data={"csrf": csrf_of(shown.text)})
    assert stopped.status_code == 303, stopped.text
    after = portal.get(stopped.headers["location"])
    assert "L'expérience est arrêtée." in html.unescape(after.text) and "Arrêtée le" in after.text
    assert stop not in after.text  # nothing left to stop
    assert not _experiments(platform, issue_token)[0]["running"]
    again = portal.post(f"{PAGE}/{experiment['id']}/stop", data={"csrf": csrf_of(after.text)})
    assert again.status_code == 303  # dunning's stop is idempotent
    unknown = portal.post(f"{PAGE}/not-an-id/stop", data={"csrf": csrf_of(after.text)})
    assert unknown.status_code == 404


def test_dunnings_refusals_are_shown_in_the_visitors_language_with_what_was_typed(
    platform, firm, sign_in, csrf_of, issue_token
):
    portal = platform.portal
    sign_in(portal, "admin@demo.example")

    same = _start(portal, csrf_of, challenger="default-fr", name="Deux fois le même")
    assert same.status_code == 422, same.text
    assert 'role="alert"' in same.text and "le challenger doit être un autre scénario que le champion" in same.text
    assert 'value="Deux fois le même"' in same.text and 'value="50"' in same.text
    challenger = re.search(r'<select id="experiment-challenger".*?</select>', same.text, re.S)
    assert challenger and '<option value="default-fr" selected>' in challenger.group(0)  # as chosen, kept

    assert _start(portal, csrf_of).status_code == 303
    second = _start(portal, csrf_of, name="Une seconde", share="20")
    assert second.status_code == 409, second.text
    assert "une expérience porte déjà sur default-fr : arrêtez-la d'abord" in html.unescape(second.text)
    assert 'value="Une seconde"' in second.text and 'value="20"' in second.text
    english = portal.post(
        PAGE,
        data={"csrf": csrf_of(second.text), "name": "Again", "champion": "default-fr", "challenger": "ferme"}
        | {"share": "20"},
        headers={"Accept-Language": "en"},
    )
    assert english.status_code == 409 and "already runs on default-fr" in english.text
    assert len(_experiments(platform, issue_token)) == 1


def test_an_agent_reads_the_page_without_its_forms_and_a_forged_post_is_refused(
    platform, firm, sign_in, csrf_of, issue_token
):
    admin = {"Authorization": f"Bearer {issue_token('admin')}"}
    body = {"name": "Relance ferme", "champion": "default-fr", "challenger": "ferme", "share": 30}
    created = platform.portal.post("/api/v1/dunning/experiments", json=body, headers=admin)
    assert created.status_code == 201, created.text
    experiment_id = created.json()["id"]
    portal = platform.portal
    sign_in(portal, "agent@demo.example")

    page = portal.get(PAGE)
    assert page.status_code == 200, page.text
    assert "Relance ferme" in page.text and "tous les créanciers" in page.text and "30 % des nouveaux" in page.text
    assert 'action="/back-office/experiments' not in page.text and "Lancer une expérience" not in page.text
    token = csrf_of(portal.get("/back-office/scenarios").text)
    forged = {"csrf": token, "name": "Par un agent", "champion": "ferme", "challenger": "default-fr", "share": "10"}
    assert portal.post(PAGE, data=forged).status_code == 403
    assert portal.post(f"{PAGE}/{experiment_id}/stop", data={"csrf": token}).status_code == 403
    (experiment,) = _experiments(platform, issue_token)
    assert experiment["running"]


def test_each_arms_figures_are_shown_once_cases_come_in(platform, firm, sign_in, csrf_of, new_case, issue_token):
    portal = platform.portal
    sign_in(portal, "admin@demo.example")
    assert _start(portal, csrf_of).status_code == 303
    for number in range(1, 7):
        platform.case(new_case, f"EXP-{number:04d}", "1000.00")

    (experiment,) = _experiments(platform, issue_token)
    results = experiment["results"]
    assert sum(result["cases"] for result in results) == 6  # the default scenario's new cases, each in an arm
    page = portal.get(PAGE)
    english = portal.get(PAGE, headers={"Accept-Language": "en"})

    assert page.status_code == 200, page.text
    assert "<caption>Résultats de « Relance ferme d&#39;emblée »</caption>" in page.text
    for result in results:
        arm = "Champion" if result["arm"] == "champion" else "Challenger"
        placed = f"{result['cases'] * 1000:,}".replace(",", "\u202f")
        row = re.search(rf"<td data-label=\"Bras\">{arm}</td>(.*?)</tr>", page.text, re.S)
        assert row, page.text
        assert f">{result['cases']}<" in row.group(1) and placed in row.group(1) and "0,0\u00a0%" in row.group(1)
    assert "Pas encore d'écart significatif" in html.unescape(page.text)
    assert "Recovery rate" in english.text and "0.0%" in english.text and "No significant gap yet" in english.text


def test_the_page_says_the_section_is_unavailable_when_dunning_cannot_answer(portal_for, intake_url, sign_in):
    portal = portal_for(service_urls={"intake": intake_url, "dunning": "http://127.0.0.1:9"})
    sign_in(portal, "admin@demo.example")

    page = portal.get(PAGE)
    english = portal.get(PAGE, headers={"Accept-Language": "en"})

    assert page.status_code == 503
    assert "Cette partie ne peut pas être affichée pour le moment." in page.text
    assert "Lancer une expérience" not in page.text  # no form to start one dunning cannot hear of
    assert english.status_code == 503 and "This part cannot be shown at the moment." in english.text


def _validated(platform, number: int) -> str:
    """A case of the demo creditor validated as far as dunning knows (dunning alone works out its arm), owing 100.00."""
    from dunning.handlers import HANDLERS

    case_id, amount = str(uuid.uuid4()), Decimal("100.00")
    invoice = InvoiceSnapshot(
        invoice_id=str(uuid.uuid4()),
        number=f"F-{number}",
        issue_date=date(2026, 9, 1),
        due_date=date(2026, 10, 1),
        amount=amount,
        currency="EUR",
        outstanding=amount,
    )
    debtor = DebtorSnapshot(debtor_id=str(uuid.uuid4()), type="company", name=f"Client {number} SARL")
    event = CaseValidated(
        case_id=case_id,
        creditor_id=str(DEMO_CREDITOR_ID),
        reference=f"EXP-Z-{number:04d}",
        kind="b2b",
        status="amicable",
        debtor=debtor,
        invoices=[invoice],
    )
    envelope = CloudEvent.wrap(event, subject=case_id, tenant=None, time=platform.clock.now())
    with Session(platform.dunning_engine) as session, session.begin():
        HANDLERS[CaseValidated](session=session, event=event, envelope=envelope, clock=platform.clock)
    return case_id


def _settled(platform, case_id: str) -> None:
    from dunning.handlers import HANDLERS

    event = CaseBalanceChanged(
        case_id=case_id,
        creditor_id=str(DEMO_CREDITOR_ID),
        debtor_id=str(uuid.uuid4()),
        as_of=date(2026, 11, 2),
        principal_outstanding=Decimal("0.00"),
        balance=Decimal("0.00"),
        invoices=[],
    )
    envelope = CloudEvent.wrap(event, subject=case_id, tenant=None, time=platform.clock.now())
    with Session(platform.dunning_engine) as session, session.begin():
        HANDLERS[CaseBalanceChanged](session=session, event=event, envelope=envelope, clock=platform.clock)


def _percent(part: int, whole: int, language: str) -> str:
    rate = (Decimal(part) * 100 / whole).quantize(Decimal("0.1"))
    return f"{str(rate).replace('.', ',')}\u00a0%" if language == "fr" else f"{rate}%"


def test_a_significant_gap_is_told_with_both_settled_rates(platform, firm, sign_in, issue_token):
    from dunning.domain.experiments import arm_for

    admin = {"Authorization": f"Bearer {issue_token('admin')}"}
    body = {"name": "Relance ferme", "champion": "default-fr", "challenger": "ferme", "share": 50}
    created = platform.portal.post(
        "/api/v1/dunning/experiments", json={**body, "creditor_id": str(DEMO_CREDITOR_ID)}, headers=admin
    )
    assert created.status_code == 201, created.text
    experiment_id = uuid.UUID(created.json()["id"])
    arms: dict[str, list[str]] = {"champion": [], "challenger": []}
    while min(len(cases) for cases in arms.values()) < 30:  # the test claims nothing below 30 cases an arm
        number = sum(len(cases) for cases in arms.values())
        assert number < 300, "the arms' draw is far from the share asked"
        case_id = _validated(platform, number)
        arms[arm_for(uuid.UUID(case_id), experiment_id, 50)].append(case_id)
    for case_id in arms["champion"][:3] + arms["challenger"][:27]:
        _settled(platform, case_id)
    champion, challenger = len(arms["champion"]), len(arms["challenger"])
    sign_in(platform.portal, "agent@demo.example")

    page = platform.portal.get(PAGE)
    english = platform.portal.get(PAGE, headers={"Accept-Language": "en"})

    assert page.status_code == 200, page.text
    text = html.unescape(page.text)
    assert (
        f"Le challenger règle {_percent(27, challenger, 'fr')} des dossiers contre {_percent(3, champion, 'fr')} pour "
        "le champion : un écart qui ne doit rien au hasard (test à 95 %)." in text
    )
    assert "Demo Créancier SAS" in text and 'action="/back-office' not in text
    placed = f"{challenger * 100:,}".replace(",", "\u202f") + ",00\u00a0€"
    row = re.search(r'<td data-label="Bras">Challenger</td>(.*?)</tr>', text, re.S)
    assert row and f">{challenger}<" in row.group(1) and placed in row.group(1), text
    assert (
        f"The challenger settles {_percent(27, challenger, 'en')} of its cases against "
        f"{_percent(3, champion, 'en')} for the champion" in html.unescape(english.text)
    )
