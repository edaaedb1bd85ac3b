"""Accounts on the site: an admin switches a user off and on again and gives it a new password from the users page
(the agent then cannot sign in, then can, with the new password); a person changes their own password on « Mon
compte », with the refusals beside the form in plain words."""

from __future__ import annotations

import html
import re

from fastapi.testclient import TestClient

STRONG = "Quatre chevaux bleus dansent sous la pluie"
OTHER = "Le phare de Sein clignote trois fois"


def signs_in(signed_in: TestClient, email: str, password: str) -> bool:
    """Through the sign-in form of the same portal, in another browser (its own cookies)."""
    portal = TestClient(signed_in.app, follow_redirects=False)
    page = portal.get("/sign-in")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert token is not None
    form = {"email": email, "password": password, "csrf": token.group(1), "next": "/"}
    return portal.post("/sign-in", data=form).status_code == 303


def agent_row(page: str) -> str:
    rows = [row for row in page.split("<tr>") if "agent@demo.example" in row]
    assert len(rows) == 1, "the users page lists the demo agent once"
    return rows[0]


def test_an_admin_deactivates_an_agent_reactivates_it_and_gives_it_a_new_password(
    portal_for, intake_url, sign_in, csrf_of
):
    portal = portal_for(service_urls={"intake": intake_url})
    sign_in(portal, "admin@demo.example")
    page = portal.get("/back-office/users")
    assert page.status_code == 200, page.text
    own = next(row for row in page.text.split("<tr>") if "admin@demo.example" in row)
    assert "/deactivate" not in own  # no button to switch oneself off
    agent_id = re.findall(r'/back-office/users/([0-9a-f-]+)/deactivate"', agent_row(page.text))[0]
    token = csrf_of(page.text)
    agents_browser = TestClient(portal.app, follow_redirects=False)
    sign_in(agents_browser, "agent@demo.example")
    assert agents_browser.get("/account").status_code == 200

    off = portal.post(f"/back-office/users/{agent_id}/deactivate", data={"csrf": token})
    assert off.status_code == 303, off.text
    ended = agents_browser.get("/account")  # the session it held ends at its next page
    assert ended.status_code == 303 and ended.headers["location"].startswith("/sign-in")
    listed = portal.get(off.headers["location"])
    assert "Le compte est désactivé" in listed.text
    assert "désactivé" in agent_row(listed.text) and f"/back-office/users/{agent_id}/reactivate" in listed.text
    assert not signs_in(portal, "agent@demo.example", "demo-password")

    on = portal.post(f"/back-office/users/{agent_id}/reactivate", data={"csrf": token})
    assert on.status_code == 303 and "Le compte est réactivé." in portal.get(on.headers["location"]).text
    twice = portal.post(f"/back-office/users/{agent_id}/reactivate", data={"csrf": token})
    assert twice.status_code == 409 and "est déjà actif" in twice.text

    weak = portal.post(f"/back-office/users/{agent_id}/password", data={"csrf": token, "password": "password1234"})
    assert weak.status_code == 422 and 'role="alert"' in weak.text
    assert "<details open>" in agent_row(weak.text)  # the refused form stays open beside its refusal
    given = portal.post(f"/back-office/users/{agent_id}/password", data={"csrf": token, "password": STRONG})
    assert (
        given.status_code == 303
        and "Le nouveau mot de passe est enregistré" in portal.get(given.headers["location"]).text
    )
    assert not signs_in(portal, "agent@demo.example", "demo-password")
    assert signs_in(portal, "agent@demo.example", STRONG)


def test_an_agent_may_not_switch_accounts_off(portal_for, intake_url, sign_in, csrf_of):
    portal = portal_for(service_urls={"intake": intake_url})
    sign_in(portal, "admin@demo.example")
    agent_id = re.findall(
        r'/back-office/users/([0-9a-f-]+)/deactivate"', agent_row(portal.get("/back-office/users").text)
    )[0]
    sign_in(portal, "agent@demo.example")
    token = csrf_of(portal.get("/account").text)
    assert portal.post(f"/back-office/users/{agent_id}/deactivate", data={"csrf": token}).status_code == 403


def test_a_person_changes_their_own_password_on_my_account(portal_for, sign_in, csrf_of):
    portal = portal_for(service_urls={})
    sign_in(portal, "creditor@demo.example")
    page = portal.get("/account")
    assert page.status_code == 200, page.text
    assert "creditor@demo.example" in page.text and 'href="/account"' in page.text
    token = csrf_of(page.text)
    form = {"csrf": token, "current_password": "demo-password", "password": STRONG}

    mismatch = portal.post("/account/password", data={**form, "confirmation": OTHER})
    assert mismatch.status_code == 422 and "Les deux saisies du nouveau mot de passe diffèrent" in mismatch.text
    wrong = portal.post("/account/password", data={**form, "current_password": "nope", "confirmation": STRONG})
    assert wrong.status_code == 422 and "ce n'est pas votre mot de passe actuel" in html.unescape(wrong.text)
    weak = {**form, "password": "azertyuiop123", "confirmation": "azertyuiop123"}
    assert portal.post("/account/password", data=weak).status_code == 422
    changed = portal.post("/account/password", data={**form, "confirmation": STRONG})
    assert changed.status_code == 303, changed.text
    assert "Votre mot de passe est changé" in portal.get(changed.headers["location"]).text

    assert not signs_in(portal, "creditor@demo.example", "demo-password")
    assert signs_in(portal, "creditor@demo.example", STRONG)


def test_my_account_in_english(portal_for, sign_in):
    portal = portal_for(service_urls={})
    sign_in(portal, "agent@demo.example")
    portal.cookies.set("recouvra_lang", "en")
    page = portal.get("/account")
    assert "Change your password" in page.text and "You are signed in as agent@demo.example (agent)." in page.text
