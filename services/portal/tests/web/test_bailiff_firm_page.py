"""An admin registers a bailiff firm from the partners page against a real legal and the portal's own API: the
firm is legal's partner, its API client is created, and the answer shows the client id and the secret once, with
the warning that it will not be shown again; the credentials sign in, until the admin deactivates the client; the
secret appears nowhere afterwards; a refusal is said beside the form; other staff see no form and are refused; the
form checks its CSRF token."""

from __future__ import annotations

import html
import re

import jwt
import pytest

from shared.demo import DEMO_CLIENT_ID, DEMO_PARTNER_NAME

CODES = re.compile(r'<code class="iban">([^<]+)</code>')


@pytest.fixture
def legal_url(settings_for, clock, verifier, serve) -> str:
    from legal.main import create_app as create_legal

    return serve(create_legal(settings_for("legal", seed_demo=True), clock=clock, verifier=verifier))


def test_an_admin_registers_a_bailiff_firm_and_reads_its_credentials_once(portal_for, legal_url, sign_in, csrf_of):
    portal = portal_for(service_urls={"legal": legal_url})
    sign_in(portal, "admin@demo.example")
    page = portal.get("/back-office/partners")
    assert page.status_code == 200, page.text
    assert "Enregistrer une étude de commissaire de justice" in page.text
    assert DEMO_PARTNER_NAME in page.text and DEMO_CLIENT_ID in page.text  # the demo firm's client
    token = csrf_of(page.text)

    shown = portal.post("/back-office/partners/bailiff-firms", data={"csrf": token, "firm_name": "Étude Martin"})

    assert shown.status_code == 200, shown.text
    assert shown.headers["cache-control"] == "no-store"
    assert "Identifiants de connexion de Étude Martin" in shown.text
    assert "il ne sera plus jamais affiché" in shown.text
    client_id, secret = (html.unescape(code) for code in CODES.findall(shown.text))
    assert client_id.startswith("etude-martin-")
    form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    signed_in = portal.post("/api/v1/auth/token", data=form)
    assert signed_in.status_code == 200, signed_in.text
    claims = jwt.decode(signed_in.json()["access_token"], options={"verify_signature": False})
    assert claims["role"] == "bailiff"

    later = portal.get("/back-office/partners")
    assert "Étude Martin" in later.text and client_id in later.text and secret not in later.text

    again = portal.post("/back-office/partners/bailiff-firms", data={"csrf": token, "firm_name": "étude martin"})
    blank = portal.post("/back-office/partners/bailiff-firms", data={"csrf": token, "firm_name": " "})
    forged = portal.post("/back-office/partners/bailiff-firms", data={"csrf": "forged", "firm_name": "Étude Faux"})
    assert again.status_code == 409 and 'role="alert"' in again.text and "déjà enregistré" in again.text
    assert 'value="étude martin"' in again.text and "<code" not in again.text.split('role="alert"')[0]
    assert blank.status_code == 422 and 'role="alert"' in blank.text
    assert forged.status_code == 403 and "Étude Faux" not in portal.get("/back-office/partners").text

    firm_id = re.findall(r'/back-office/partners/([0-9a-f-]{36})/api-client"', later.text)[0]
    renewed = portal.post(f"/back-office/partners/{firm_id}/api-client", data={"csrf": token})
    assert renewed.status_code == 200 and len(CODES.findall(renewed.text)) == 2

    off = portal.post(f"/back-office/partners/api-clients/{client_id}/deactivate", data={"csrf": token})
    assert off.status_code == 303
    said = portal.get(off.headers["location"])
    assert "Le client d'API est désactivé" in html.unescape(said.text) and client_id not in said.text
    assert portal.post("/api/v1/auth/token", data=form).status_code == 401
    twice = portal.post(f"/back-office/partners/api-clients/{client_id}/deactivate", data={"csrf": token})
    assert twice.status_code == 409 and "déjà désactivé" in twice.text
    assert portal.post("/back-office/partners/api-clients/Bad%20Id/deactivate", data={"csrf": token}).status_code == 404


def test_the_credentials_are_shown_in_english_to_an_english_reader(portal_for, legal_url, sign_in, csrf_of):
    portal = portal_for(service_urls={"legal": legal_url})
    sign_in(portal, "admin@demo.example")
    portal.cookies.set("recouvra_lang", "en")
    page = portal.get("/back-office/partners")
    assert "Register a bailiff firm" in page.text
    shown = portal.post(
        "/back-office/partners/bailiff-firms", data={"csrf": csrf_of(page.text), "firm_name": "Huissiers"}
    )
    assert shown.status_code == 200, shown.text
    assert "it will never be shown again" in shown.text and "Sign-in credentials of Huissiers" in shown.text


def test_an_agent_sees_no_bailiff_form_and_is_refused(portal_for, legal_url, sign_in, csrf_of):
    portal = portal_for(service_urls={"legal": legal_url})
    sign_in(portal, "agent@demo.example")
    page = portal.get("/back-office/partners")
    assert page.status_code == 200, page.text
    assert "Seul un administrateur enregistre une étude" in page.text and 'name="firm_name"' not in page.text
    refused = portal.post("/back-office/partners/bailiff-firms", data={"csrf": csrf_of(page.text), "firm_name": "X"})
    assert refused.status_code == 403
