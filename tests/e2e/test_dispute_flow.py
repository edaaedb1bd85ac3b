"""A dispute from the debtor's page to its settling, on the running platform: the first reminder's short link opens the
page, the debtor says what is wrong and why, the creditor is told by e-mail through the real mail server and asked for
a delivery proof, the disputes queue lists it waiting for the creditor, the proof it files with intake reaches the
dispute through the broker and an agent judges it insufficient (the creditor told why), a week later the creditor is
reminded once, it answers, the queue says the agency's move, an agent settles it, the queue empties and the debtor is
told the outcome."""

from __future__ import annotations

import re
import uuid
from datetime import date

import httpx
import pytest

from workbench.stack.mail import MailDir

from .desk import Desk

pytestmark = pytest.mark.e2e

SHORT_LINK = re.compile(r"/d/RF\d{2}[0-9A-Z]+-[0-9A-Z]{8}")


def test_a_dispute_goes_from_the_debtors_page_to_the_creditor_the_queue_and_its_settling(platform):
    desk = Desk(platform)
    url, agent, creditor = desk.url, desk.agent, desk.creditor
    reference = f"LIT-{uuid.uuid4().hex[:8]}"
    address = f"achats.{uuid.uuid4().hex[:6]}@example.net"
    mail = MailDir(platform.maildir)

    def queue(**params: str) -> dict:
        answer = httpx.get(f"{url}/api/v1/dunning/disputes", params={"case_id": case_id, **params}, headers=agent)
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    def to_creditor(subject: str) -> list:
        return [m for m in mail.messages() if m["Subject"] == subject]

    try:
        desk.at(date(2026, 11, 3), 8, 0)
        opened = httpx.post(
            f"{url}/api/v1/cases",
            headers=creditor,
            json={
                "reference": reference,
                "kind": "b2b",
                "debtor": {
                    "type": "company",
                    "name": "Bertin Travaux SAS",
                    "email": address,
                    "address": {"line1": "9 rue du Port", "postal_code": "44000", "city": "Nantes"},
                },
                "invoices": [
                    {
                        "number": f"{reference}-1",
                        "issue_date": "2026-10-02",
                        "due_date": "2026-11-02",
                        "amount": "980.00",
                    }
                ],
            },
        )
        assert opened.status_code == 201, opened.text
        case_id = opened.json()["id"]
        validated = httpx.post(f"{url}/api/v1/cases/{case_id}/validate", headers=agent, json={"override_reason": "vu"})
        assert validated.status_code == 200, validated.text
        steps = f"{url}/api/v1/dunning/cases/{case_id}/steps"
        assert platform.eventually(lambda: httpx.get(steps, headers=agent).status_code == 200, timeout_s=60)

        desk.at(date(2026, 11, 9))
        desk.run()
        [reminder] = platform.eventually(lambda: mail.find(to=address), timeout_s=60)
        link = SHORT_LINK.search(" ".join(reminder.get_body(("plain",)).get_content().split()))
        assert link, "no short link in the first reminder"

        # the debtor follows it and contests: what is wrong, and why
        with httpx.Client(base_url=url, follow_redirects=True) as debtor:
            page = debtor.get(link.group(0))
            assert page.status_code == 200 and 'name="category"' in page.text, page.text
            csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
            form = re.search(r'action="(/debtor/[^"]+/dispute)"', page.text)
            assert csrf and form
            said = {"csrf": csrf.group(1), "category": "not_received", "reason": "Le chantier n'a jamais été livré."}
            sent = debtor.post(form.group(1), data=said)
            assert sent.status_code == 200 and "Votre contestation est enregistrée" in sent.text, sent.text

        desk.run()  # the creditor's notice goes out with the pass's messages
        told = platform.eventually(lambda: to_creditor(f"Litige ouvert — dossier {reference}"), timeout_s=60)
        notice = " ".join(told[0].get_body(("plain",)).get_content().split())
        assert "(marchandise ou prestation non reçue)" in notice and "une preuve de livraison" in notice
        [waiting] = queue()["items"]
        assert (waiting["category"], waiting["awaiting"], waiting["late"]) == ("not_received", "creditor", False)
        assert waiting["proof"]["status"] == "requested"

        # the creditor files a delivery proof with intake: dunning hears of it through the broker
        filed = httpx.post(
            f"{url}/api/v1/cases/{case_id}/documents",
            headers=creditor,
            data={"kind": "delivery_proof"},
            files={"file": ("bl-chantier.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")},
        )
        assert filed.status_code == 201, filed.text
        assert platform.eventually(lambda: queue()["items"][0]["proof"]["status"] == "received", timeout_s=60)
        path = f"{url}/api/v1/dunning/cases/{case_id}/disputes/{waiting['id']}"
        unsigned = {"note": "Le bon de livraison n'est pas signé par le client."}
        assert httpx.post(f"{path}/proof-insufficient", json=unsigned, headers=agent).status_code == 200
        desk.run()
        asked = platform.eventually(
            lambda: to_creditor(f"Pièces insuffisantes pour le litige — dossier {reference}"), 60
        )
        assert "« Le bon de livraison n'est pas signé par le client. »" in asked[0].get_body(("plain",)).get_content()

        # a week without its answer: the creditor is reminded, once
        desk.at(date(2026, 11, 17))
        desk.run()  # this pass or dunning's own worker, whichever comes first after the clock moved
        desk.run()
        subject = f"Rappel : litige en attente de votre réponse — dossier {reference}"
        assert len(platform.eventually(lambda: to_creditor(subject), timeout_s=60)) == 1

        answer = {"text": "Livraison signée le 28 octobre, bon joint au dossier."}
        assert httpx.post(f"{path}/answer", json=answer, headers=creditor).status_code == 200
        [ours] = queue(awaiting="agency")["items"]
        assert ours["creditor_answer"] == answer["text"] and ours["days_open"] == 8
        words = {"outcome": "upheld", "debtor_message": "Le bon de livraison du 28 octobre est signé."}
        settled = httpx.post(f"{path}/resolve", json=words, headers=agent)
        assert settled.status_code == 200, settled.text
        assert queue() == {"items": [], "total": 0, "awaiting_creditor": 0, "late": 0, "review_days": 15}

        # the debtor is told the outcome, with the agent's words, at the next pass (this one or the worker's)
        desk.run()
        subject = f"Votre contestation : la créance est maintenue — dossier {reference}"
        [outcome] = platform.eventually(lambda: [m for m in mail.find(to=address) if m["Subject"] == subject], 60)
        text = " ".join(outcome.get_body(("plain",)).get_content().split())
        assert "« Le bon de livraison du 28 octobre est signé. »" in text and "Les relances reprennent." in text
    finally:
        desk.real_time()
