"""A debtor answers our first reminder, on the running platform: the e-mail asks to be answered at the reply address
tagged with its id, the debtor's mail goes through the real mail server into the platform's mailbox, dunning's next
pass records it on the case, the portal's timeline says a reply came (never what it says), the agency's queue lists
it unread through the one base URL with the message as received, an agent marks it read and answers it from the
platform: the debtor receives the answer threaded to its message."""

from __future__ import annotations

import smtplib
import uuid
from datetime import date, datetime
from email.message import EmailMessage

import httpx
import pytest

from shared.clock import PARIS
from workbench.stack.mail import MailDir

pytestmark = pytest.mark.e2e


def paris(day: date, hour: int, minute: int = 0) -> str:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS).isoformat()


def test_the_debtors_reply_to_a_reminder_reaches_the_case_the_timeline_and_the_agencys_queue(platform):
    url = platform.url()
    admin, agent = platform.sign_in("admin@demo.example"), platform.sign_in("agent@demo.example")
    creditor = platform.sign_in("creditor@demo.example")
    reference = f"RE-{uuid.uuid4().hex[:8]}"
    address = f"m.girard.{uuid.uuid4().hex[:6]}@example.net"
    mail = MailDir(platform.maildir)

    def move_clock(now: str | None) -> None:
        answer = httpx.put(f"{url}/api/v1/admin/clock", json={"now": now}, headers=admin)
        assert answer.status_code == 200, answer.text

    def run_pass() -> dict:
        ran = httpx.post(f"{url}/api/v1/dunning/admin/run", headers=admin, timeout=60)
        assert ran.status_code == 200, ran.text
        return dict(ran.json())

    def timeline() -> list[dict]:
        answer = httpx.get(f"{url}/api/v1/cases/{case_id}/timeline", headers=creditor)
        assert answer.status_code == 200, answer.text
        return list(answer.json()["items"])

    def replies(headers: dict[str, str]) -> dict:
        answer = httpx.get(f"{url}/api/v1/dunning/replies", params={"case_id": case_id}, headers=headers)
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    try:
        move_clock(paris(date(2026, 11, 3), 8))
        opened = httpx.post(
            f"{url}/api/v1/cases",
            headers=creditor,
            json={
                "reference": reference,
                "kind": "b2b",
                "debtor": {
                    "type": "company",
                    "name": "Girard Menuiserie SARL",
                    "email": address,
                    "address": {"line1": "4 rue des Forges", "postal_code": "21000", "city": "Dijon"},
                },
                "invoices": [
                    {
                        "number": f"{reference}-1",
                        "issue_date": "2026-10-02",
                        "due_date": "2026-11-02",
                        "amount": "1260.00",
                    }
                ],
            },
        )
        assert opened.status_code == 201, opened.text
        case_id = opened.json()["id"]
        validated = httpx.post(
            f"{url}/api/v1/cases/{case_id}/validate", headers=agent, json={"override_reason": "contrat vu sur place"}
        )
        assert validated.status_code == 200, validated.text
        assert platform.eventually(lambda: any(i["type"] == "case.validated" for i in timeline()), timeout_s=60)

        move_clock(paris(date(2026, 11, 9), 10, 30))
        run_pass()
        [reminder] = platform.eventually(lambda: mail.find(to=address), timeout_s=60)
        tagged = reminder["Reply-To"].addresses[0].addr_spec
        assert tagged.startswith("reponses+") and tagged.endswith("@recouvra.example"), tagged

        answer = EmailMessage()
        answer["From"] = f"Marc Girard <{address}>"
        answer["To"] = str(reminder["Reply-To"])
        answer["Subject"] = f"RE: {reminder['Subject']}"
        answer["Message-ID"] = f"<{uuid.uuid4()}@example.net>"
        answer["In-Reply-To"] = str(reminder["Message-ID"])
        answer.set_content("Bonjour, la facture a été réglée hier par virement. Cordialement, Marc Girard")
        answer.add_attachment(b"%PDF-1.4 avis", maintype="application", subtype="pdf", filename="avis.pdf")
        with smtplib.SMTP("127.0.0.1", platform.smtp_port, timeout=10) as smtp:
            smtp.send_message(answer)

        def recorded() -> dict | None:
            run_pass()  # this pass or the worker's reads the mailbox
            listed = replies(agent)
            return listed if listed["total"] else None

        listed = platform.eventually(recorded, timeout_s=60)
        assert listed["unread"] == 1, listed
        [reply] = listed["items"]
        assert reply["sender"] == address and reply["text"].startswith("Bonjour, la facture a été réglée hier")
        assert reply["answered_subject"] == reminder["Subject"] and reply["attachments"][0]["name"] == "avis.pdf"
        assert replies(creditor)["total"] == 1  # the case's creditor reads it too

        def told() -> list[dict]:
            return [item for item in timeline() if item["type"] == "reply.received"]

        [entry] = platform.eventually(told, timeout_s=60)
        assert entry["summary"] == "Réponse du débiteur reçue par e-mail (1 pièce(s) jointe(s))", entry
        assert "réglée" not in str(entry)  # what the debtor wrote stays in dunning

        original = httpx.get(f"{url}/api/v1/dunning/replies/{reply['id']}/original", headers=agent)
        assert original.status_code == 200 and b"avis.pdf" in original.content
        read = httpx.post(f"{url}/api/v1/dunning/replies/{reply['id']}/read", headers=agent)
        assert read.status_code == 200 and read.json()["read_at"], read.text
        assert replies(agent)["unread"] == 0

        # the agent answers from the platform: the debtor receives it threaded to its message, from the agency
        text = {"text": "Bonjour, merci : nous le vérifions auprès de votre créancier."}
        answered = httpx.post(f"{url}/api/v1/dunning/replies/{reply['id']}/answer", json=text, headers=agent)
        assert answered.status_code == 200, answered.text
        run_pass()
        [sent] = platform.eventually(lambda: [m for m in mail.find(to=address) if m["In-Reply-To"]], timeout_s=60)
        assert sent["In-Reply-To"] == answer["Message-ID"] and sent["Subject"] == answer["Subject"]
        assert "nous le vérifions auprès de votre créancier" in sent.get_body(preferencelist=("plain",)).get_content()
        notified = platform.eventually(lambda: [i for i in timeline() if i["type"] == "debtor.notified"], timeout_s=60)
        assert notified[0]["summary"].startswith("Réponse de l'agence au débiteur envoyée par e-mail"), notified
    finally:
        move_clock(None)
