"""« Webhooks » over the portal's own API: a creditor adds the endpoint of its system and is shown its signing secret
once, in the answer itself; another creditor never sees it; a mistyped address is told in French beside the form;
staff read every creditor's endpoints, with the creditor's name, and only supervisors and admins act on them."""

from __future__ import annotations

import html
import re
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient

from shared.demo import DEMO_CREDITOR_ID, DEMO_PASSWORD

RECEIVER = "https://erp.demo.example/recouvra/webhooks"
SECRET = re.compile(r"whsec_[A-Za-z0-9_\-]{20,}")
OTHER = {
    "name": "Fournil Martin SAS",
    "siren": "542051180",
    "email": "compta@fournil.example",
    "address": {"line1": "2 rue Neuve", "postal_code": "69001", "city": "Lyon"},
}
OTHER_USER = {"email": "compta@fournil.example", "password": "Un-mot-de-passe-solide-42", "role": "creditor"}


@pytest.fixture
def portal(portal_for, intake_url):
    return portal_for(service_urls={"intake": intake_url})


@pytest.fixture
def browser(portal, sign_in) -> Callable[..., TestClient]:
    """`browser(email, password)`: the portal's client signed in afresh as another user (its services' clients belong
    to the client's own event loop, so a second client of the same app could not call them)."""

    def signed_in(email: str, password: str = DEMO_PASSWORD) -> TestClient:
        portal.cookies.clear()
        sign_in(portal, email, password)
        return portal

    return signed_in


@pytest.fixture
def other_creditor(portal, issue_token) -> str:
    """A second creditor, in intake and with its own user on the portal."""
    admin = {"Authorization": f"Bearer {issue_token('admin')}"}
    created = portal.post("/api/v1/creditors", json=OTHER, headers=admin)
    assert created.status_code == 201, created.text
    user = portal.post("/api/v1/users", json={**OTHER_USER, "creditor_id": created.json()["id"]}, headers=admin)
    assert user.status_code == 201, user.text
    return str(created.json()["id"])


def add(client, csrf_of, **fields) -> object:
    page = client.get("/webhooks")
    assert page.status_code == 200, page.text
    return client.post("/webhooks", data={"csrf": csrf_of(page.text), **fields})


def webhook_id_of(page: str) -> str:
    found = re.search(r'href="/webhooks/([0-9a-f-]{36})"', page)
    assert found, "the page links no webhook"
    return found.group(1)


def test_a_creditor_adds_an_endpoint_and_is_shown_its_secret_once(portal, browser, sign_in, csrf_of, other_creditor):
    sign_in(portal, "creditor@demo.example")
    empty = html.unescape(portal.get("/webhooks").text)
    assert '<a href="/webhooks" aria-current="page">Webhooks</a>' in empty  # in the creditor's menu
    assert "Aucun webhook pour le moment" in empty and "Dossiers et paiements" in empty
    assert "Recouvrement amiable" in empty and "Contentieux" in empty and "Portail" in empty
    assert 'value="intake.payment.recorded"' in empty and "Paiement enregistré" in empty
    assert "HMAC-SHA256" in empty and "X-Recouvra-Signature" in empty

    answer = add(
        portal,
        csrf_of,
        url=RECEIVER,
        description="ERP : rapprochement des encaissements",
        events=["intake.payment.recorded", "intake.case.closed"],
    )

    assert answer.status_code == 200, answer.text  # the answer itself, never a redirect carrying the secret
    assert answer.headers["cache-control"] == "no-store"
    shown = html.unescape(answer.text)
    assert "Copiez ce secret maintenant : il ne sera plus affiché" in shown
    (secret,) = set(SECRET.findall(shown))
    assert secret not in answer.headers.get("set-cookie", "")
    listed = html.unescape(portal.get("/webhooks").text)
    assert RECEIVER in listed and "ERP : rapprochement des encaissements" in listed
    assert "Paiement enregistré" in listed and "Dossier clos" in listed and "actif" in listed
    assert secret not in listed and "Copiez ce secret" not in listed, "the secret is shown once"
    webhook_id = webhook_id_of(listed)
    assert secret not in portal.get(f"/webhooks/{webhook_id}").text

    every = add(portal, csrf_of, url=RECEIVER + "/tout")  # no box ticked: every event
    assert every.status_code == 200 and "tous les événements" in html.unescape(every.text)

    portal.cookies.set("recouvra_lang", "en")
    english = html.unescape(portal.get("/webhooks").text)
    assert "every event" in english and "Add a webhook" in english and "Payment recorded" in english
    portal.cookies.delete("recouvra_lang")

    other = browser(OTHER_USER["email"], OTHER_USER["password"])
    theirs = html.unescape(other.get("/webhooks").text)
    assert RECEIVER not in theirs and "Aucun webhook pour le moment" in theirs
    assert other.get(f"/webhooks/{webhook_id}").status_code == 404
    refused = other.post(f"/webhooks/{webhook_id}/active", data={"csrf": csrf_of(theirs), "active": "false"})
    assert refused.status_code == 404
    assert "actif" in html.unescape(browser("creditor@demo.example").get("/webhooks").text)


def test_a_mistyped_or_repeated_address_is_told_in_french_on_the_form(portal, sign_in, csrf_of):
    sign_in(portal, "creditor@demo.example")
    ticked = ["intake.case.closed"]

    scheme = add(portal, csrf_of, url="ftp://erp.demo.example/depot", description="Dépôt", events=ticked)
    assert scheme.status_code == 422
    said = html.unescape(scheme.text)
    assert "Adresse (URL) : doit commencer par https:// (ou http://)" in said
    assert 'value="ftp://erp.demo.example/depot"' in said and 'value="Dépôt"' in said
    assert 'value="intake.case.closed" checked' in said and 'aria-invalid="true"' in said

    garbled = add(portal, csrf_of, url="erp point demo", events=ticked)
    assert garbled.status_code == 422
    assert "n'est pas une adresse web complète" in html.unescape(garbled.text)

    assert add(portal, csrf_of, url=RECEIVER).status_code == 200
    twice = add(portal, csrf_of, url=RECEIVER)
    assert twice.status_code == 409
    assert "Adresse (URL) : ce créancier a déjà un webhook actif à cette adresse" in html.unescape(twice.text)
    assert not SECRET.search(twice.text)

    long = add(portal, csrf_of, url=RECEIVER + "/long", description="x" * 201)
    assert long.status_code == 422 and "Description : doit contenir au plus 200 caractères" in html.unescape(long.text)


def test_staff_read_every_creditors_endpoints_and_only_supervisors_and_admins_act(
    portal, browser, sign_in, csrf_of, other_creditor, issue_token
):
    demo = {"Authorization": f"Bearer {issue_token('creditor', creditor_id=DEMO_CREDITOR_ID)}"}
    made = portal.post("/api/v1/webhooks", json={"url": RECEIVER, "description": "ERP"}, headers=demo)
    assert made.status_code == 201, made.text
    other = {"Authorization": f"Bearer {issue_token('creditor', creditor_id=other_creditor)}"}
    assert portal.post("/api/v1/webhooks", json={"url": RECEIVER + "/f"}, headers=other).status_code == 201

    agent = browser("agent@demo.example")
    assert '<a href="/webhooks">Webhooks</a>' in html.unescape(agent.get("/back-office").text)
    seen = html.unescape(agent.get("/webhooks").text)
    assert RECEIVER in seen and RECEIVER + "/f" in seen and "2 webhook(s)" in seen
    assert "Demo Créancier SAS" in seen and "Fournil Martin SAS" in seen
    assert "Consultation seule" in seen and "Désactiver" not in seen and "Ajouter un webhook" not in seen
    only_theirs = html.unescape(agent.get("/webhooks", params={"creditor": other_creditor}).text)
    assert RECEIVER + "/f" in only_theirs and "1 webhook(s)" in only_theirs
    forbidden = agent.post(f"/webhooks/{made.json()['id']}/active", data={"csrf": csrf_of(seen), "active": "false"})
    assert forbidden.status_code == 403

    admin = browser("admin@demo.example")
    page = admin.get("/webhooks")
    assert "Désactiver" in page.text and "Ajouter un webhook pour un créancier" in html.unescape(page.text)
    done = admin.post(f"/webhooks/{made.json()['id']}/active", data={"csrf": csrf_of(page.text), "active": "false"})
    assert done.status_code == 303 and done.headers["location"] == "/webhooks?did=deactivated"
    created = admin.post(
        "/webhooks", data={"csrf": csrf_of(page.text), "creditor_id": other_creditor, "url": RECEIVER + "/admin"}
    )
    assert created.status_code == 200 and SECRET.search(created.text), created.text
    assert "Fournil Martin SAS" in html.unescape(created.text)
