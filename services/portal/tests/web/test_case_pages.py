"""The creditor's case pages: the list with its search, a case with its invoices and statement, and another
creditor's case answered as a page that does not exist."""

from __future__ import annotations

import uuid

import pytest

from shared.demo import DEMO_CREDITOR_ID


@pytest.fixture
def portal(portal_for, intake_url):
    return portal_for(service_urls={"intake": intake_url})


@pytest.fixture
def bearer(issue_token):
    def make(role: str, **claims: object) -> dict[str, str]:
        return {"Authorization": f"Bearer {issue_token(role, **claims)}"}

    return make


def test_the_creditor_finds_its_cases_by_reference_or_by_the_debtors_name(portal, sign_in, bearer, new_case):
    creditor = bearer("creditor", creditor_id=DEMO_CREDITOR_ID)
    for reference, debtor, siren in (
        ("WEB-0001", "Dupont Bâtiment SARL", "552100554"),
        ("WEB-0002", "Martin Transports SAS", "443061841"),
    ):
        created = portal.post("/api/v1/cases", json=new_case(reference, debtor, siren=siren), headers=creditor)
        assert created.status_code == 201, created.text
    sign_in(portal, "creditor@demo.example")

    every = portal.get("/cases")
    by_reference = portal.get("/cases", params={"q": "WEB-0002"})
    by_name = portal.get("/cases", params={"q": "batiment"})  # accents and case do not matter

    assert every.status_code == 200
    assert "WEB-0001" in every.text and "WEB-0002" in every.text
    assert "WEB-0002" in by_reference.text and "WEB-0001" not in by_reference.text
    assert "WEB-0001" in by_name.text and "WEB-0002" not in by_name.text
    assert "1\u202f200,00\u00a0€" in every.text  # the balance, written the French way


def test_a_case_page_shows_the_debtor_the_invoices_and_the_statement(portal, sign_in, bearer, new_case):
    creditor = bearer("creditor", creditor_id=DEMO_CREDITOR_ID)
    case = portal.post("/api/v1/cases", json=new_case("WEB-0003"), headers=creditor).json()
    sign_in(portal, "creditor@demo.example")

    page = portal.get(f"/cases/{case['id']}")

    assert page.status_code == 200, page.text
    assert "Dupont Bâtiment SARL" in page.text
    assert "WEB-0003-F1" in page.text
    assert "Décompte" in page.text and "Solde dû" in page.text
    assert "Historique" in page.text  # the timeline panel, empty for a case opened a moment ago
    # no legal service here: its section says it could not be read, and the rest of the page stands
    legal = page.text[page.text.index('<section aria-labelledby="legal-title"') :]
    legal = legal[: legal.index("</section>")]
    assert "Phase judiciaire" in legal and "Cette partie ne peut pas être affichée pour le moment." in legal


def test_another_creditors_case_is_a_page_that_does_not_exist(portal, sign_in, bearer, new_case):
    admin = bearer("admin")
    other = portal.post(
        "/api/v1/creditors",
        json={
            "name": "Autre Créancier SA",
            "siren": "542051180",
            "email": "contact@autre.example",
            "address": {"line1": "2 rue Neuve", "postal_code": "69001", "city": "Lyon"},
        },
        headers=admin,
    )
    assert other.status_code == 201, other.text
    other_id = other.json()["id"]
    mandate = portal.post(
        f"/api/v1/creditors/{other_id}/mandates",
        json={"commission_rate": "0.10", "phases": ["amicable"], "signed_on": "2026-01-05"},
        headers=admin,
    )
    assert mandate.status_code == 201, mandate.text
    theirs = portal.post("/api/v1/cases", json={**new_case("OTHER-1"), "creditor_id": other_id}, headers=admin)
    assert theirs.status_code == 201, theirs.text
    sign_in(portal, "creditor@demo.example")

    page = portal.get(f"/cases/{theirs.json()['id']}")
    letter = portal.get(f"/cases/{theirs.json()['id']}/letters/{uuid.uuid4()}")
    listed = portal.get("/cases", params={"q": "OTHER-1"})

    assert page.status_code == 404
    assert "Page introuvable" in page.text and "OTHER-1" not in page.text
    assert letter.status_code in (404, 503)  # dunning is not running here: never the letter
    assert ">OTHER-1</a>" not in listed.text and "Aucun dossier ne correspond." in listed.text


def test_a_case_address_that_is_not_an_id_is_a_page_that_does_not_exist(portal, sign_in):
    sign_in(portal, "creditor@demo.example")

    assert portal.get("/cases/not-a-case").status_code == 404


def test_an_address_no_page_has_or_a_malformed_one_is_a_page_in_the_visitors_language_and_the_api_keeps_json(
    portal, sign_in
):
    sign_in(portal, "creditor@demo.example")

    nowhere = portal.get("/nowhere-at-all")
    assert nowhere.status_code == 404 and nowhere.headers["content-type"].startswith("text/html")
    assert "Page introuvable" in nowhere.text

    malformed = portal.get("/cases", params={"page": "-1"})
    assert malformed.status_code == 400 and malformed.headers["content-type"].startswith("text/html")
    assert "Adresse non valable" in malformed.text and "Page : doit être supérieur ou égal à 1" in malformed.text

    portal.cookies.set("recouvra_lang", "en")
    english = portal.get("/cases", params={"page": "-1"})
    assert "Address not valid" in english.text and "Page: Input should be greater than or equal to 1" in english.text

    # a form's post without the fields its page always sends (made by hand): a page, not FastAPI's JSON
    handmade = portal.post(f"/cases/{uuid.uuid4()}/plans/{uuid.uuid4()}/decision", data={"note": "x"})
    assert handmade.status_code == 422 and "Form incomplete" in handmade.text

    machine = portal.get("/.well-known/nowhere")  # not a page: the API's JSON answer
    assert machine.status_code == 404 and machine.json() == {"detail": "Not Found"}


def test_a_creditor_without_cases_is_told_how_to_place_one_and_a_search_that_finds_none_says_so(portal, sign_in):
    sign_in(portal, "creditor@demo.example")

    first_visit = portal.get("/cases")
    searched = portal.get("/cases", params={"q": "NOWHERE-1"})

    assert "Vous n'avez encore confié aucun dossier" in first_visit.text.replace("&#39;", "'")
    assert '<a class="button" href="/cases/new">' in first_visit.text  # not only the menu's link
    assert "Aucun dossier ne correspond." in searched.text and "encore confié" not in searched.text
