"""An admin corrects a creditor's name, e-mail or address from its back-office page: the form, filled with what
intake holds, is sent to intake's PATCH as the signed-in admin with only the fields changed (the SIREN is never
sent; the address keeps its country), the page shows the remittance IBAN masked, and intake's refusal is shown
beside the form in plain words (never a 500). Against a real intake, and a fake one to see what is sent."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from shared.demo import DEMO_CREDITOR_ID

PAGE = f"/back-office/creditors/{DEMO_CREDITOR_ID}"
IBAN = "FR14 2004 1010 0505 0001 3M02 606"


def test_an_admin_corrects_the_creditor_and_sees_the_iban_masked(portal_for, intake_url, sign_in, csrf_of):
    portal = portal_for(service_urls={"intake": intake_url})
    sign_in(portal, "admin@demo.example")
    page = portal.get(PAGE)
    assert page.status_code == 200, page.text
    assert 'id="edit-name" name="name" value="Demo Créancier SAS"' in page.text
    assert '<label for="edit-email">' in page.text and "Aucun IBAN enregistré" in page.text
    token = csrf_of(page.text)
    assert portal.post(f"{PAGE}/bank-account", data={"csrf": token, "iban": IBAN}).status_code == 303

    form = {"csrf": token, "name": "Demo Créancier Groupe", "email": "compta@demo-groupe.example"}
    form |= {"line1": "3 rue Neuve", "line2": "", "postal_code": "69002", "city": "Lyon"}
    corrected = portal.post(f"{PAGE}/details", data=form)

    assert corrected.status_code == 303, corrected.text
    shown = portal.get(corrected.headers["location"])
    assert "Les coordonnées du créancier sont corrigées." in shown.text
    assert "<h1>Demo Créancier Groupe</h1>" in shown.text and "3 rue Neuve, 69002 Lyon" in shown.text
    assert "FR** **** **** **** **** ***2 606" in shown.text and "3M02" not in shown.text
    held = portal.get("/back-office/creditors").text
    assert "Demo Créancier Groupe" in held and "compta@demo-groupe.example" in held


def test_intake_refusals_are_shown_beside_the_form_with_what_was_typed(portal_for, intake_url, sign_in, csrf_of):
    portal = portal_for(service_urls={"intake": intake_url})
    sign_in(portal, "admin@demo.example")
    token = csrf_of(portal.get(PAGE).text)

    no_name = portal.post(f"{PAGE}/details", data={"csrf": token, "name": "", "email": "ok@demo.example"})
    bad_email = portal.post(f"{PAGE}/details", data={"csrf": token, "name": "Demo Créancier SAS", "email": "pas-un"})
    no_city = portal.post(f"{PAGE}/details", data={"csrf": token, "name": "Demo Créancier SAS", "line1": "1 rue"})

    for refused in (no_name, bad_email, no_city):
        assert refused.status_code == 422, refused.text
        assert 'role="alert"' in refused.text and "<h1>Demo Créancier SAS</h1>" in refused.text
    assert 'id="edit-email" name="email" type="email" value="pas-un"' in bad_email.text
    alert = bad_email.text.split('role="alert"')[1].split("</div>")[0]
    assert "E-mail : n&#39;est pas une adresse électronique valide" in alert  # named by its label, not the API's key
    assert 'value="1 rue"' in no_city.text


def test_without_the_csrf_token_or_as_an_agent_nothing_is_sent(portal_for, intake_url, sign_in, csrf_of):
    portal = portal_for(service_urls={"intake": intake_url})
    sign_in(portal, "admin@demo.example")
    assert portal.post(f"{PAGE}/details", data={"name": "Forgé"}).status_code == 403
    sign_in(portal, "agent@demo.example")
    page = portal.get(PAGE)
    assert page.status_code == 200  # staff read the page; intake lets only an admin correct
    agent_post = portal.post(f"{PAGE}/details", data={"csrf": csrf_of(page.text), "name": "Par un agent"})
    assert agent_post.status_code == 403
    assert "<h1>Demo Créancier SAS</h1>" in portal.get(PAGE).text
    sign_in(portal, "creditor@demo.example")
    assert portal.get(PAGE).status_code == 403


def _fake_intake(sent: list[tuple[str, Any]]) -> FastAPI:
    intake = FastAPI()
    creditor: dict[str, Any] = {"id": str(DEMO_CREDITOR_ID), "name": "Fournil SAS", "siren": "552100554"}
    creditor |= {"email": "a@fournil.example", "created_at": "2026-11-02T09:00:00+00:00"}
    creditor["address"] = {"line1": "1 rue A", "line2": "Bât. B", "postal_code": "75001", "city": "Paris"}
    creditor["address"] |= {"country": "BE"}
    creditor["bank_account"] = {"iban": "FR** **** 2 606", "bic": None, "holder_name": "Fournil SAS", "set_at": None}

    @intake.get("/api/v1/creditors/{creditor_id}")
    def read(creditor_id: str) -> dict[str, Any]:
        return creditor

    @intake.get("/api/v1/creditors/{creditor_id}/mandates")
    def mandates(creditor_id: str) -> dict[str, Any]:
        return {"items": [], "total": 0}

    @intake.patch("/api/v1/creditors/{creditor_id}", response_model=None)
    async def patch(creditor_id: str, request: Request) -> Any:
        sent.append((request.headers["authorization"], await request.json()))
        if sent[-1][1].get("name") == "Doublon":
            return JSONResponse({"detail": "ce nom est réservé par un autre créancier", "field": "name"}, 409)
        return creditor

    return intake


def test_only_the_fields_changed_are_sent_as_the_admin_and_a_refusal_reads_in_plain_words(
    portal_for, serve, sign_in, csrf_of
):
    sent: list[tuple[str, Any]] = []
    portal = portal_for(service_urls={"intake": serve(_fake_intake(sent))})
    sign_in(portal, "admin@demo.example")
    page = portal.get(PAGE)
    assert 'value="Bât. B"' in page.text and "FR** **** 2 606" in page.text and "Fournil SAS" in page.text
    same = {"csrf": csrf_of(page.text), "name": "Fournil SAS", "email": "a@fournil.example", "line1": "1 rue A"}
    same |= {"line2": "Bât. B", "postal_code": "75001", "city": "Paris"}

    unchanged = portal.post(f"{PAGE}/details", data=same)
    moved = portal.post(f"{PAGE}/details", data={**same, "city": "Lille", "postal_code": "59000", "email": ""})
    refused = portal.post(f"{PAGE}/details", data={**same, "name": "Doublon"})

    assert unchanged.status_code == moved.status_code == 303
    moved_to = {"line1": "1 rue A", "line2": "Bât. B", "postal_code": "59000", "city": "Lille", "country": "BE"}
    assert [body for _, body in sent[:2]] == [{}, {"email": None, "address": moved_to}]
    assert all(authorization.startswith("Bearer ") and "siren" not in body for authorization, body in sent)
    assert refused.status_code == 409 and "ce nom est réservé par un autre créancier" in refused.text
    assert 'value="Doublon"' in refused.text


def test_the_form_speaks_english_to_an_english_browser(portal_for, serve, sign_in):
    portal = portal_for(service_urls={"intake": serve(_fake_intake([]))})
    sign_in(portal, "admin@demo.example")
    page = portal.get(PAGE, headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert page.status_code == 200
    assert "Correct the details" in page.text and "Save the corrections" in page.text
    assert "IBAN on file (masked)" in page.text and "Address line 2" in page.text
