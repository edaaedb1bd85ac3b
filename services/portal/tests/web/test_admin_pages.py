"""The administration pages over the owning services' APIs: the dunning scenario editor against a real dunning
(the form's body passes dunning's own validation; an agent may read, not save), creditors with their IBAN and
mandates against a real intake, the portal's own users, and the partners against a real legal."""

from __future__ import annotations

import re

import pytest

from shared.demo import DEMO_CREDITOR_ID, DEMO_PARTNER_NAME


@pytest.fixture
def dunning_url(settings_for, clock, verifier, serve) -> str:
    from dunning.main import create_app as create_dunning

    return serve(create_dunning(settings_for("dunning"), clock=clock, verifier=verifier))


@pytest.fixture
def legal_url(settings_for, clock, verifier, serve) -> str:
    from legal.main import create_app as create_legal

    return serve(create_legal(settings_for("legal", seed_demo=True), clock=clock, verifier=verifier))


def test_a_scenario_is_read_then_saved_with_a_new_step_and_its_conditions(portal_for, dunning_url, sign_in, csrf_of):
    portal = portal_for(service_urls={"dunning": dunning_url})
    sign_in(portal, "admin@demo.example")
    listing = portal.get("/back-office/scenarios")
    assert listing.status_code == 200, listing.text
    assert 'href="/back-office/scenarios/default-fr"' in listing.text
    editor = portal.get("/back-office/scenarios/default-fr")
    assert editor.status_code == 200 and 'name="step-0-code"' in editor.text
    shipped = portal.get("/api/v1/dunning/scenarios/default-fr", headers={"Authorization": "Bearer x"})
    assert shipped.status_code == 401  # the API itself stays behind its token

    form = {"csrf": csrf_of(editor.text), "name": "Relance courte", "exhaust_after_days": "10"}
    form |= {"step-0-code": "email-1", "step-0-channel": "email", "step-0-template": "email-courteous"}
    form |= {"step-0-offset_days": "3", "step-0-anchor": "due", "step-0-kind": "b2b", "step-0-grades": "d, E"}
    form |= {"step-0-min_amount": "1 000,50", "step-0-max_amount": ""}
    form |= {"step-1-code": "", "step-1-channel": "sms", "step-1-template": "", "step-1-offset_days": ""}
    saved = portal.post("/back-office/scenarios/courte", data=form)
    assert saved.status_code == 303, saved.text

    shown = portal.get(saved.headers["location"])
    assert "Le scénario est enregistré." in shown.text and 'value="Relance courte"' in shown.text
    assert 'value="D E"' in shown.text and 'value="1000.50"' in shown.text
    assert 'name="step-1-code" value=""' in shown.text  # one step saved, and blank rows to add more
    refused = portal.post("/back-office/scenarios/courte", data={**form, "step-0-offset_days": "-4"})
    assert refused.status_code == 422 and 'role="alert"' in refused.text and 'value="-4"' in refused.text


def test_an_agent_reads_the_scenarios_but_dunning_refuses_the_save(portal_for, dunning_url, sign_in, csrf_of):
    portal = portal_for(service_urls={"dunning": dunning_url})
    sign_in(portal, "agent@demo.example")
    editor = portal.get("/back-office/scenarios/default-fr")
    assert editor.status_code == 200
    form = {"csrf": csrf_of(editor.text), "name": "x", "exhaust_after_days": "5", "step-0-code": "a"}
    form |= {"step-0-channel": "email", "step-0-template": "email-courteous", "step-0-offset_days": "1"}
    assert portal.post("/back-office/scenarios/default-fr", data=form).status_code == 403
    assert portal.get("/back-office/scenarios/Not%20A%20Code").status_code == 404


def test_the_test_mode_shows_what_dunning_would_send_for_a_case_named_by_its_reference(
    portal_for, intake_url, serve, sign_in, new_case, issue_token
):
    from fastapi import FastAPI

    seen: list[str] = []
    dunning = FastAPI()  # dunning's preview as the page reads it

    @dunning.get("/api/v1/dunning/cases/{case_id}/preview")
    def preview(case_id: str) -> dict[str, object]:
        seen.append(case_id)
        item = {"step": "email-1", "channel": "email", "template": "email-courteous", "due_at": "2026-12-04T08:00:00Z"}
        item |= {"language": "fr", "subject": "Facture impayée", "text": "Madame, Monsieur,\nvotre facture…"}
        item |= {"compliant": False, "missing_mentions": ["indemnité forfaitaire"]}
        return {"case_id": case_id, "scenario": "default-fr", "items": [item]}

    portal = portal_for(service_urls={"intake": intake_url, "dunning": serve(dunning)})
    admin = {"Authorization": f"Bearer {issue_token('admin')}"}
    body = {**new_case("PREV-0001"), "creditor_id": str(DEMO_CREDITOR_ID)}
    case = portal.post("/api/v1/cases", json=body, headers=admin)
    assert case.status_code == 201, case.text
    sign_in(portal, "agent@demo.example")

    page = portal.get("/back-office/preview", params={"reference": "PREV-0001"})
    unknown = portal.get("/back-office/preview", params={"reference": "NOPE-1"})

    assert page.status_code == 200, page.text
    assert seen == [case.json()["id"]]
    assert "Facture impayée" in page.text and "votre facture" in page.text and "indemnité forfaitaire" in page.text
    assert "Mentions manquantes" in page.text
    assert unknown.status_code == 404 and "la référence NOPE-1." in unknown.text
    case_page = portal.get(f"/cases/{case.json()['id']}")
    assert f'href="/back-office/preview?case_id={case.json()["id"]}"' in case_page.text  # the staff case page's link
    by_id = portal.get("/back-office/preview", params={"case_id": case.json()["id"]})
    assert by_id.status_code == 200 and 'value="PREV-0001"' in by_id.text


def test_the_test_mode_dates_each_step_says_why_a_case_waits_and_names_the_debtors_language(
    portal_for, intake_url, serve, sign_in, new_case, issue_token
):
    from fastapi import FastAPI

    def item(step: str, due_at: str) -> dict[str, object]:
        return {"step": step, "channel": "email", "template": "email-firm", "due_at": due_at, "language": "fr"}

    answers: dict[str, dict[str, object]] = {}
    # dunning's preview as the page reads it: a case paused by a promise, a disputed one, a paid one
    dunning = FastAPI()

    @dunning.get("/api/v1/dunning/cases/{case_id}/preview")
    def preview(case_id: str) -> dict[str, object]:
        return {"case_id": case_id, "scenario": "default-fr", **answers[case_id]}

    portal = portal_for(service_urls={"intake": intake_url, "dunning": serve(dunning)})
    admin = {"Authorization": f"Bearer {issue_token('admin')}"}
    ids = {}
    for reference in ("PREV-PROMISE", "PREV-DISPUTE", "PREV-PAID"):
        case = portal.post(
            "/api/v1/cases", json={**new_case(reference), "creditor_id": str(DEMO_CREDITOR_ID)}, headers=admin
        )
        assert case.status_code == 201, case.text
        ids[reference] = case.json()["id"]
    text = {
        "subject": "Relance",
        "text": "Malgré notre courrier du 18 décembre 2026",
        "compliant": True,
        "missing_mentions": [],
    }
    promise = {"reason": "promise", "resumes_on": "2026-12-18", "then": "resume", "promise_amount": "900.00"}
    promise |= {"promise_due_on": "2026-12-15", "currency": "EUR"}
    answers[ids["PREV-PROMISE"]] = {
        "status": "promise",
        "language": "fr",
        "pause": promise,
        "items": [item("email-1", "2026-12-18T07:00:00Z") | text, item("email-2", "2026-12-28T08:00:00Z") | text],
    }
    answers[ids["PREV-DISPUTE"]] = {
        "status": "dispute",
        "language": "fr",
        "pause": {"reason": "dispute", "resumes_on": None, "then": "resume"},
        "items": [item("email-1", "2026-12-09T09:00:00Z") | text],
    }
    answers[ids["PREV-PAID"]] = {"status": "closed", "language": "fr", "pause": None, "items": []}
    sign_in(portal, "agent@demo.example")

    english = portal.get(
        "/back-office/preview", params={"case_id": ids["PREV-PROMISE"]}, headers={"Accept-Language": "en"}
    )
    french = portal.get("/back-office/preview", params={"case_id": ids["PREV-PROMISE"]})
    disputed = portal.get("/back-office/preview", params={"case_id": ids["PREV-DISPUTE"]})
    paid = portal.get("/back-office/preview", params={"case_id": ids["PREV-PAID"]}, headers={"Accept-Language": "en"})

    assert english.status_code == french.status_code == disputed.status_code == paid.status_code == 200
    assert "Paused: the debtor promised to pay" in english.text and "by 15 December 2026" in english.text
    assert "the reminders resume on 18 December 2026" in english.text
    assert "written in French, the language the debtor receives them in" in english.text
    assert "18 December 2026, 08:00" in english.text and "28 December 2026, 09:00" in english.text
    assert '<dd lang="fr">French</dd>' in english.text and "(en)" not in english.text
    assert "le débiteur a promis de payer" in french.text and "reprennent le 18 décembre 2026" in french.text
    assert "18 décembre 2026 à 08:00" in french.text and "rédigés en français" in french.text
    assert "tant que le litige n&#39;est pas résolu" in disputed.text and "les plus proches possibles" in disputed.text
    assert "Ended: no reminder will go out for this case any more." in paid.text
    assert "No step left to come." not in paid.text


def test_a_creditor_is_registered_then_given_an_iban_and_a_mandate(portal_for, intake_url, sign_in, csrf_of):
    portal = portal_for(service_urls={"intake": intake_url})
    sign_in(portal, "admin@demo.example")
    listing = portal.get("/back-office/creditors")
    assert listing.status_code == 200 and "Demo Créancier SAS" in listing.text
    token = csrf_of(listing.text)

    bad = portal.post("/back-office/creditors", data={"csrf": token, "name": "Fournil SAS", "siren": "123"})
    created = portal.post("/back-office/creditors", data={"csrf": token, "name": "Fournil SAS", "siren": "552100554"})
    assert bad.status_code == 422 and 'value="Fournil SAS"' in bad.text
    assert created.status_code == 303, created.text
    page = portal.get(created.headers["location"])
    assert "Le créancier est enregistré." in page.text and "Aucun mandat" in page.text
    base = created.headers["location"].split("?")[0]

    wrong_iban = portal.post(f"{base}/bank-account", data={"csrf": token, "iban": "FR76 0000"})
    iban = portal.post(f"{base}/bank-account", data={"csrf": token, "iban": "FR14 2004 1010 0505 0001 3M02 606"})
    mandate = {"csrf": token, "commission_percent": "12,5", "phases": "legal", "signed_on": "2026-11-02"}
    signed = portal.post(f"{base}/mandates", data=mandate)

    assert wrong_iban.status_code == 422 and 'role="alert"' in wrong_iban.text
    assert (
        iban.status_code == 303 and "IBAN de reversement est enregistré." in portal.get(iban.headers["location"]).text
    )
    assert signed.status_code == 303, signed.text
    shown = portal.get(signed.headers["location"])
    assert "12,5\u00a0%" in shown.text and "amiable et judiciaire" in shown.text and "en vigueur" in shown.text


def test_an_admin_creates_a_creditor_user_and_an_agent_may_not_see_the_users(portal_for, intake_url, sign_in, csrf_of):
    portal = portal_for(service_urls={"intake": intake_url})
    sign_in(portal, "admin@demo.example")
    page = portal.get("/back-office/users")
    assert page.status_code == 200, page.text
    assert "agent@demo.example" in page.text and "Demo Créancier SAS" in page.text
    user = {"csrf": csrf_of(page.text), "email": "compta@fournil.example", "role": "creditor"}
    user |= {"creditor_id": str(DEMO_CREDITOR_ID)}

    weak = portal.post("/back-office/users", data={**user, "password": "password"})
    created = portal.post("/back-office/users", data={**user, "password": "Vingt-trois pommes au four"})

    assert weak.status_code == 422 and 'value="compta@fournil.example"' in weak.text
    assert created.status_code == 303, created.text
    listed = portal.get(created.headers["location"])
    assert "Le compte est créé." in listed.text and "compta@fournil.example" in listed.text
    sign_in(portal, "agent@demo.example")
    assert portal.get("/back-office/users").status_code == 403


def test_partners_are_listed_by_kind_and_an_insurer_is_registered_then_set_aside(
    portal_for, legal_url, sign_in, csrf_of
):
    portal = portal_for(service_urls={"legal": legal_url})
    sign_in(portal, "admin@demo.example")
    page = portal.get("/back-office/partners")
    assert page.status_code == 200, page.text
    assert DEMO_PARTNER_NAME in page.text
    token = csrf_of(page.text)

    registered = portal.post("/back-office/partners", data={"csrf": token, "kind": "insurer", "name": "Assur Crédit"})
    again = portal.post("/back-office/partners", data={"csrf": token, "kind": "insurer", "name": "assur crédit"})
    assert registered.status_code == 303 and again.status_code == 409
    listed = portal.get(registered.headers["location"])
    assert "Le partenaire est enregistré." in listed.text and "Assur Crédit" in listed.text
    partner_id = re.findall(r"/back-office/partners/([0-9a-f-]+)/active", listed.text)[0]

    aside = portal.post(f"/back-office/partners/{partner_id}/active", data={"csrf": token, "active": "false"})
    assert aside.status_code == 303
    assert "écarté" in portal.get(aside.headers["location"]).text


def test_creditors_reach_none_of_the_administration_pages(portal_for, sign_in):
    portal = portal_for(service_urls={})
    sign_in(portal, "creditor@demo.example")
    for path in ("/back-office/scenarios", "/back-office/preview", "/back-office/creditors", "/back-office/users"):
        assert portal.get(path).status_code == 403, path
    assert portal.get("/back-office/partners").status_code == 403


def test_a_mandate_says_how_low_the_agency_may_settle_alone_as_a_share_of_the_balance(
    portal_for, intake_url, sign_in, csrf_of, issue_token
):
    portal = portal_for(service_urls={"intake": intake_url})
    sign_in(portal, "admin@demo.example")
    base = f"/back-office/creditors/{DEMO_CREDITOR_ID}"
    page = portal.get(base)
    assert "Seuil d&#39;accord (part du solde, %)" in page.text and 'name="settlement_percent"' in page.text
    mandate = {"csrf": csrf_of(page.text), "commission_percent": "15", "phases": "amicable"}

    refused = portal.post(f"{base}/mandates", data={**mandate, "settlement_percent": "150"})
    signed = portal.post(f"{base}/mandates", data={**mandate, "settlement_percent": "80"})

    assert refused.status_code == 422 and 'role="alert"' in refused.text and 'value="150"' in refused.text
    assert signed.status_code == 303, signed.text
    admin = {"Authorization": f"Bearer {issue_token('admin')}"}
    listed = portal.get(f"/api/v1/creditors/{DEMO_CREDITOR_ID}/mandates", headers=admin).json()["items"]
    assert [item["settlement_floor"] for item in listed if item["active"]] == ["0.8000"]
    shown = portal.get(signed.headers["location"]).text
    assert "80\u00a0%" in shown and "chaque accord soumis" in shown  # the new mandate's floor, none on the former
