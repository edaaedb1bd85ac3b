"""« Contestations en cours » over the real dunning and intake: staff see every open dispute, the oldest first, its
days open, late past the agency's target, and whose move it is, filtered and linked to its case; the worklist says how
many are open; a creditor sees its own, and its dashboard says how many wait for its answer."""

from __future__ import annotations

import html
from datetime import UTC, datetime


def dispute(platform, case: dict, reason: str, headers: dict[str, str]) -> str:
    opened = platform.portal.post(
        f"/api/v1/dunning/cases/{case['id']}/disputes", json={"reason": reason}, headers=headers
    )
    assert opened.status_code == 201, opened.text
    return opened.json()["id"]


def test_staff_and_the_creditor_find_the_open_disputes_and_whose_move_it_is(
    platform, new_case, sign_in, issue_token, portal_for, intake_url, scoring_url
):
    agent = {"Authorization": f"Bearer {issue_token('agent')}"}
    old_case = platform.case(new_case, "DISP-01", "640.00")
    platform.clock.set(datetime(2026, 11, 2, 10, tzinfo=UTC))
    dispute(platform, old_case, "Marchandise jamais livrée", agent)
    platform.clock.set(datetime(2026, 11, 20, 10, tzinfo=UTC))
    answered_case = platform.case(new_case, "DISP-02", "320.00")
    answered = dispute(platform, answered_case, "Montant erroné", platform.creditor)
    told = platform.portal.post(
        f"/api/v1/dunning/cases/{answered_case['id']}/disputes/{answered}/answer",
        json={"text": "Le bon de livraison signé est joint."},
        headers=platform.creditor,
    )
    assert told.status_code == 200, told.text
    platform.clock.set(datetime(2026, 11, 24, 9, tzinfo=UTC))

    sign_in(platform.portal, "agent@demo.example")
    queue = html.unescape(platform.portal.get("/disputes").text)
    assert "Contestations en cours" in queue and "2 contestation(s) ; 1 ouverte(s) depuis plus de 15 jours" in queue
    assert queue.index("DISP-01") < queue.index("DISP-02")  # the oldest first
    assert f'href="/cases/{old_case["id"]}#disputes"' in queue and "<q>Marchandise jamais livrée</q>" in queue
    assert "depuis 22 jour(s)" in queue and "En retard" in queue and "En attente de la réponse du créancier" in queue
    assert "Le créancier a répondu le 20 novembre 2026 : à l'agence de trancher" in queue
    ours = html.unescape(platform.portal.get("/disputes", params={"awaiting": "agency"}).text)
    assert "DISP-02" in ours and "DISP-01" not in ours and 'aria-current="page">En attente de l\'agence' in ours

    exported = platform.portal.get("/disputes/export.csv", params={"awaiting": "creditor"})
    assert exported.status_code == 200 and exported.headers["content-type"].startswith("text/csv")
    assert 'filename="contestations.csv"' in exported.headers["content-disposition"]
    lines = exported.text.splitlines()
    assert lines[0].startswith("Référence du dossier;Créancier;Ouverte le") and len(lines) == 2  # DISP-01 alone
    # (no creditor's name: this dunning was never told of the demo creditor)
    # (no documents asked: the dispute names no category, so its proof column says « — »)
    assert lines[1] == "DISP-01;;2026-11-02;22;oui;;Marchandise jamais livrée;En attente du créancier;;;—"
    workbook = platform.portal.get("/disputes/export.xlsx")
    assert workbook.status_code == 200 and workbook.content.startswith(b"PK")

    platform.portal.cookies.set("recouvra_lang", "en")
    english = html.unescape(platform.portal.get("/disputes").text)
    assert "Open disputes" in english and "for 22 day(s)" in english and "Waiting for the creditor's answer" in english

    services = {"intake": intake_url, "dunning": platform.dunning_url, "scoring": scoring_url}
    staff = portal_for(service_urls=services)
    sign_in(staff, "agent@demo.example")
    worklist = html.unescape(staff.get("/worklist").text)
    assert '<a href="/disputes">2 contestation(s) en cours, dont 1 ouverte(s) depuis plus de 15 jours' in worklist

    creditor = portal_for(service_urls=services)
    sign_in(creditor, "creditor@demo.example")
    dashboard = html.unescape(creditor.get("/dashboard").text)
    assert (
        '<a href="/disputes?awaiting=creditor">1 contestation(s) de vos débiteurs attendent votre réponse' in dashboard
    )
    own = html.unescape(creditor.get("/disputes?awaiting=creditor").text)
    assert "DISP-01" in own and "DISP-02" not in own and "votre réponse, sur la page du dossier" in own


def test_the_debtor_says_what_is_wrong_and_every_page_names_it(platform, new_case, sign_in, csrf_of, issue_token):
    agent = {"Authorization": f"Bearer {issue_token('agent')}"}
    case = platform.case(new_case, "DISP-03", "980.00")
    link = platform.link(case)
    page = platform.portal.get(f"/debtor/{link}")
    assert page.status_code == 200 and 'name="category"' in page.text
    assert "Je n&#39;ai pas reçu la marchandise ou la prestation" in page.text
    sent = platform.portal.post(
        f"/debtor/{link}/dispute",
        data={
            "csrf": csrf_of(page.text),
            "category": "not_received",
            "reason": "Les palettes ne sont jamais arrivées.",
        },
    )
    assert sent.status_code == 303, sent.text

    sign_in(platform.portal, "agent@demo.example")
    disputes = platform.portal.get(f"/api/v1/dunning/cases/{case['id']}/disputes", headers=agent).json()
    assert [(d["category"], d["reason"]) for d in disputes] == [
        ("not_received", "Les palettes ne sont jamais arrivées.")
    ]
    on_the_case = html.unescape(platform.portal.get(f"/cases/{case['id']}").text)
    assert '<span class="badge">Marchandise ou prestation non reçue</span>' in on_the_case
    queue = html.unescape(platform.portal.get("/disputes").text)
    assert "DISP-03" in queue and "Marchandise ou prestation non reçue" in queue

    # a category that is none of dunning's is not passed on: the dispute is still opened, saying nothing of it
    other = platform.case(new_case, "DISP-04", "120.00")
    other_link = platform.link(other)
    form = platform.portal.get(f"/debtor/{other_link}")
    odd = {"csrf": csrf_of(form.text), "category": "<b>tout</b>", "reason": "Facture inconnue de nos services."}
    assert platform.portal.post(f"/debtor/{other_link}/dispute", data=odd).status_code == 303
    [kept] = platform.portal.get(f"/api/v1/dunning/cases/{other['id']}/disputes", headers=agent).json()
    assert kept["category"] is None and kept["reason"] == "Facture inconnue de nos services."


def test_an_agent_records_a_dispute_heard_on_the_phone_with_what_is_wrong(
    platform, new_case, sign_in, csrf_of, issue_token
):
    agent = {"Authorization": f"Bearer {issue_token('agent')}"}
    case = platform.case(new_case, "DISP-05", "410.00")
    path = f"/api/v1/dunning/cases/{case['id']}/callbacks"
    [slot, *_] = platform.portal.get(path, headers=agent).json()["slots"]
    asked = platform.portal.post(path, json={"window": slot["window"], "phone": "0612345678"}, headers=agent)
    task = asked.json()["task_id"]
    sign_in(platform.portal, "agent@demo.example")
    page = platform.portal.get(f"/cases/{case['id']}")
    assert 'name="dispute_category"' in page.text and "Non précisé" in page.text

    heard = {"outcome": "dispute", "dispute_category": "not_compliant", "dispute_reason": "Peinture écaillée"}
    told = platform.portal.post(f"/cases/{case['id']}/tasks/{task}/outcome", data={"csrf": csrf_of(page.text), **heard})
    assert told.status_code == 303, told.text
    [dispute] = platform.portal.get(f"/api/v1/dunning/cases/{case['id']}/disputes", headers=agent).json()
    assert (dispute["category"], dispute["reason"]) == ("not_compliant", "Peinture écaillée")


def test_the_worklist_marks_the_cases_a_dispute_holds(
    platform, new_case, issue_token, portal_for, intake_url, serve, sign_in
):
    """Scoring's worklist (a stand-in listing the two cases) beside the real dunning, asked which of the page's cases
    a dispute holds."""
    from fastapi import FastAPI

    agent = {"Authorization": f"Bearer {issue_token('agent')}"}
    held, free = platform.case(new_case, "DISP-06", "300.00"), platform.case(new_case, "DISP-07", "200.00")
    dispute(platform, held, "Facture inconnue", agent)
    scoring = FastAPI()

    def item(case: dict) -> dict:
        fields = {"case_id": case["id"], "reference": case["reference"], "creditor_id": str(case["creditor_id"])}
        return fields | {
            "debtor_id": case["debtor"]["id"],
            "debtor_name": case["debtor"]["name"],
            "priority": 50,
            "band": "P2",
            "probability": None,
            "grade": "B",
            "outstanding": "300.00",
            "currency": "EUR",
            "oldest_due_date": "2026-10-01",
            "days_past_due": 54,
            "bucket": "31-60",
            "agent": None,
            "exposure_alert": None,
        }

    @scoring.get("/api/v1/worklist")
    def worklist() -> dict:
        return {"items": [item(held), item(free)], "total": 2, "page": 1, "page_size": 25}

    services = {"intake": intake_url, "dunning": platform.dunning_url, "scoring": serve(scoring)}
    portal = portal_for(service_urls=services)
    sign_in(portal, "agent@demo.example")
    page = html.unescape(portal.get("/worklist").text)
    marked = f'<a class="badge badge--warn" href="/cases/{held["id"]}#disputes">Litige en cours</a>'
    assert marked in page and page.count("Litige en cours") == 1, page  # DISP-07 has none


def test_an_agent_settles_a_dispute_with_words_for_the_debtor_and_an_internal_note(
    platform, new_case, sign_in, csrf_of, issue_token
):
    agent = {"Authorization": f"Bearer {issue_token('agent')}"}
    case = platform.case(new_case, "DISP-08", "560.00")
    disputed = dispute(platform, case, "Prestation incomplète", agent)
    sign_in(platform.portal, "agent@demo.example")
    page = platform.portal.get(f"/cases/{case['id']}")
    assert "Message au débiteur (facultatif)" in page.text and "Note interne (journal d&#39;audit)" in page.text

    form = {
        "csrf": csrf_of(page.text),
        "outcome": "upheld",
        "note": "vu avec M. Martin (créancier)",
        "debtor_message": "Le procès-verbal de réception est signé sans réserve.",
    }
    settled = platform.portal.post(f"/cases/{case['id']}/disputes/{disputed}/resolve", data=form)
    assert settled.status_code == 303, settled.text
    [kept] = platform.portal.get(f"/api/v1/dunning/cases/{case['id']}/disputes", headers=agent).json()
    assert (kept["status"], kept["outcome"]) == ("resolved", "upheld")
    assert kept["debtor_message"] == form["debtor_message"]  # e-mailed at dunning's next pass (its own tests)
    # dunning's own worker may tell the debtor at any moment: the page read before dunning says it did not yet says it
    # is told at the next pass; once dunning says it did, the page read after says when
    before = html.unescape(platform.portal.get(f"/cases/{case['id']}").text)
    [now] = platform.portal.get(f"/api/v1/dunning/cases/{case['id']}/disputes", headers=agent).json()
    quoted = f"<q>{form['debtor_message']}</q>"
    if now["debtor_told_at"] is None:
        assert f"Issue communiquée au débiteur au prochain passage des relances : {quoted}" in before
    else:
        after = html.unescape(platform.portal.get(f"/cases/{case['id']}").text)
        assert f"Issue communiquée au débiteur par e-mail le 24 novembre 2026 : {quoted}" in after
