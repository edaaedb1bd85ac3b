"""A webhook's deliveries on its page, sent for real to a receiver on 127.0.0.1 that checks them as docs/webhooks.md
tells a creditor's system to: « Tester » sends one signed with the secret the page showed, « Désactiver » cancels the
waiting ones, the log tells each status in French with its attempts and body, and « Renvoyer » sends one again."""

from __future__ import annotations

import html
import re
import uuid
from datetime import UTC, datetime

import httpx
import pytest
from sqlmodel import Session

from shared.demo import DEMO_CREDITOR_ID
from shared.events.envelope import CloudEvent
from shared.events.intake import CaseClosed
from shared.webhooks import DeliveryPolicy
from workbench.testing.webhooks import Receiver, running_receiver

from portal.handlers import HANDLERS
from portal.web.texts import TEXTS
from portal.webhooks.delivery import deliver_due

SECRET = re.compile(r"whsec_[A-Za-z0-9_\-]{20,}")
ONCE = DeliveryPolicy(timeout_s=5.0, max_attempts=1, backoff_s=30.0, backoff_max_s=600.0)


@pytest.fixture
def portal(portal_for):
    return portal_for()


@pytest.fixture
def receiver() -> Receiver:
    with running_receiver(secret="not-known-yet") as state:
        yield state


def deliver(portal, clock) -> list[str]:
    with httpx.Client(follow_redirects=False) as http:
        engine = portal.app.state.runtime.engine
        return deliver_due(engine=engine, http=http, clock=clock, policy=ONCE).outcomes


def case_closed(portal, clock) -> str:
    """A case of the demo creditor closed, through the portal's own handler, as its consumer applies it."""
    case_id = str(uuid.uuid4())
    event = CaseClosed(
        case_id=case_id,
        creditor_id=str(DEMO_CREDITOR_ID),
        debtor_id=str(uuid.uuid4()),
        reason="paid",
        closed_on=clock.now().date(),
    )
    envelope = CloudEvent.wrap(event, subject=case_id, tenant=event.creditor_id, time=clock.now())
    with Session(portal.app.state.runtime.engine) as session, session.begin():
        HANDLERS[CaseClosed](session=session, event=event, envelope=envelope, clock=clock)
    return case_id


def registered(portal, csrf_of, receiver: Receiver) -> str:
    """The receiver's endpoint added on the page; the receiver keeps the secret the page showed."""
    page = portal.get("/webhooks")
    answer = portal.post("/webhooks", data={"csrf": csrf_of(page.text), "url": receiver.url, "description": "ERP"})
    assert answer.status_code == 200, answer.text
    (receiver.secret,) = set(SECRET.findall(answer.text))
    found = re.search(r'href="/webhooks/([0-9a-f-]{36})"', answer.text)
    assert found
    return found.group(1)


def test_testing_sends_a_signed_delivery_and_deactivating_cancels_the_waiting_ones(
    portal, clock, sign_in, csrf_of, receiver
):
    clock.set(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    sign_in(portal, "creditor@demo.example")
    webhook_id = registered(portal, csrf_of, receiver)
    page = portal.get("/webhooks")

    tested = portal.post(f"/webhooks/{webhook_id}/test", data={"csrf": csrf_of(page.text), "back": "list"})

    assert tested.status_code == 303 and tested.headers["location"] == f"/webhooks/{webhook_id}?did=tested"
    waiting = html.unescape(portal.get(tested.headers["location"]).text)
    assert "Le test est envoyé" in waiting and "Test du webhook" in waiting and "en attente" in waiting
    assert deliver(portal, clock) == ["delivered"]
    (request,) = receiver.accepted()  # signed with the secret the page showed
    assert request["json"]["type"] == "webhook.test"
    done = html.unescape(portal.get(f"/webhooks/{webhook_id}").text)
    assert ">remis</span>" in done and "accepté (HTTP 204)" in done and "remis le 1er décembre 2026 à 10:00" in done

    case_closed(portal, clock)  # waits for the worker ...
    switched = portal.post(
        f"/webhooks/{webhook_id}/active", data={"csrf": csrf_of(page.text), "active": "false", "back": "detail"}
    )
    assert switched.status_code == 303 and switched.headers["location"] == f"/webhooks/{webhook_id}?did=deactivated"
    cancelled = html.unescape(portal.get(switched.headers["location"]).text)
    assert "Le webhook est désactivé" in cancelled and ">annulé</span>" in cancelled  # ... and is cancelled
    assert "Dossier clos" in cancelled and "le webhook était désactivé" in cancelled
    assert "Réactivez le webhook pour renvoyer." in cancelled and "Réactiver" in cancelled
    listed = html.unescape(portal.get("/webhooks").text)
    assert "désactivé" in listed and f"/webhooks/{webhook_id}/test" not in listed
    assert deliver(portal, clock) == []

    refused = portal.post(f"/webhooks/{webhook_id}/test", data={"csrf": csrf_of(page.text), "back": "detail"})
    assert refused.status_code == 409
    assert "Ce webhook est désactivé : réactivez-le avant de le tester." in html.unescape(refused.text)

    again = portal.post(f"/webhooks/{webhook_id}/active", data={"csrf": csrf_of(page.text), "active": "true"})
    assert again.headers["location"] == "/webhooks?did=reactivated"
    assert "Le webhook est réactivé" in html.unescape(portal.get(again.headers["location"]).text)


def test_the_log_tells_each_delivery_in_french_filters_by_status_and_sends_one_again(
    portal, clock, sign_in, csrf_of, receiver
):
    clock.set(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    sign_in(portal, "creditor@demo.example")
    webhook_id = registered(portal, csrf_of, receiver)
    receiver.failures = 1
    case_id = case_closed(portal, clock)
    assert deliver(portal, clock) == ["failed"]  # one attempt only, answered 503
    clock.advance(minutes=5)
    page = portal.get("/webhooks")
    portal.post(f"/webhooks/{webhook_id}/test", data={"csrf": csrf_of(page.text)})
    assert deliver(portal, clock) == ["delivered"]

    log = portal.get(f"/webhooks/{webhook_id}")
    shown = html.unescape(log.text)
    assert log.status_code == 200 and "2 envoi(s)" in shown
    assert shown.index("Test du webhook") < shown.index("Dossier clos"), "the newest first"
    assert ">échoué</span>" in shown and "réponse HTTP 503" in shown and ">remis</span>" in shown
    assert f'href="/cases/{case_id}"' in shown and "<details>" in shown
    assert '"summary_fr": "Dossier clos : payé"' in shown  # the body, laid out, on demand

    failed = html.unescape(portal.get(f"/webhooks/{webhook_id}", params={"status": "failed"}).text)
    assert "1 envoi(s)" in failed and "Dossier clos" in failed and "Test du webhook" not in failed
    delivery_id = re.search(r'/deliveries/([0-9a-f-]{36})/send-again"', failed)
    assert delivery_id

    resent = portal.post(
        f"/webhooks/{webhook_id}/deliveries/{delivery_id.group(1)}/send-again",
        data={"csrf": csrf_of(failed), "status": "failed", "page": "1"},
    )

    assert resent.status_code == 303
    assert resent.headers["location"] == f"/webhooks/{webhook_id}?did=resent&status=failed"
    assert "Aucun envoi avec ce statut." in html.unescape(portal.get(resent.headers["location"]).text)
    pending = html.unescape(portal.get(f"/webhooks/{webhook_id}", params={"status": "pending"}).text)
    assert "Dossier clos" in pending and ">en attente</span>" in pending
    assert deliver(portal, clock) == ["delivered"]
    assert [r["json"]["type"] for r in receiver.accepted()] == ["webhook.test", "intake.case.closed"]

    portal.cookies.set("recouvra_lang", "en")
    english = html.unescape(portal.get(f"/webhooks/{webhook_id}").text)
    assert "Webhook deliveries" in english and ">delivered</span>" in english and "Case closed" in english


def test_a_new_secret_is_shown_once_on_the_page_it_was_asked_from(portal, clock, sign_in, csrf_of, receiver):
    sign_in(portal, "creditor@demo.example")
    webhook_id = registered(portal, csrf_of, receiver)
    first = receiver.secret
    page = portal.get(f"/webhooks/{webhook_id}")

    rotated = portal.post(f"/webhooks/{webhook_id}/secret", data={"csrf": csrf_of(page.text), "back": "detail"})

    assert rotated.status_code == 200 and rotated.headers["cache-control"] == "no-store"
    shown = html.unescape(rotated.text)
    (secret,) = set(SECRET.findall(shown))
    assert secret != first and "Nouveau secret de signature" in shown and "Envois du webhook" in shown
    assert f'name="back" value="/webhooks/{webhook_id}"' in shown  # the language switch comes back to the page
    assert "Copiez ce secret maintenant : il ne sera plus affiché" in shown
    assert "L'ancien secret signe encore chaque envoi, à côté du nouveau, jusqu'au 25 novembre 2026" in shown
    assert secret not in portal.get(f"/webhooks/{webhook_id}").text
    assert portal.get(f"/webhooks/{uuid.uuid4()}").status_code == 404


def test_every_event_type_a_webhook_may_ask_for_has_its_plain_name_in_both_languages(portal, issue_token):
    staff = {"Authorization": f"Bearer {issue_token('agent')}"}
    types = portal.get("/api/v1/webhooks/event-types", headers=staff).json()["items"]
    unnamed = [item["name"] for item in types if f"webhooks.event.{item['name']}" not in TEXTS]
    assert types and unnamed == [], "name them in portal/web/texts/webhook_events.py"
    assert all(f"webhooks.service.{item['service']}" in TEXTS for item in types)
