"""The case timeline on the running platform, through the one base URL: the portal builds it from the events the
other services publish, so a validated case lists its validation, and once the platform clock has moved and
dunning's scheduler has run, the first reminder e-mail too. The mail server bounces it; dunning reads the notice, and
the timeline says the e-mail was not delivered. Its creditor then corrects the debtor's e-mail: the timeline says so,
and the next reminder reaches the new address through the real mail server."""

from __future__ import annotations

import uuid
from datetime import date, datetime

import httpx
import pytest

from shared.clock import PARIS
from workbench.stack.mail import MailDir

pytestmark = pytest.mark.e2e


def paris(day: date, hour: int, minute: int = 0) -> str:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS).isoformat()


def instant(item: dict) -> datetime:
    return datetime.fromisoformat(item["at"])


def test_a_case_lists_its_validation_its_first_reminder_and_a_corrected_e_mail_the_next_one_reaches(platform):
    url = platform.url()
    admin, agent = platform.sign_in("admin@demo.example"), platform.sign_in("agent@demo.example")
    creditor = platform.sign_in("creditor@demo.example")
    reference = f"TL-{uuid.uuid4().hex[:8]}"
    # the first address is at a domain the mail server bounces (`workbench.stack.mail.UNROUTABLE`)
    first_address, new_address = (
        f"p.lefevre.{uuid.uuid4().hex[:6]}@{host}" for host in ("nowhere.example", "example.net")
    )
    mail = MailDir(platform.maildir)

    def move_clock(now: str | None) -> None:
        answer = httpx.put(f"{url}/api/v1/admin/clock", json={"now": now}, headers=admin)
        assert answer.status_code == 200, answer.text

    def timeline(headers: dict[str, str] = creditor) -> list[dict]:
        answer = httpx.get(f"{url}/api/v1/cases/{case_id}/timeline", headers=headers)
        assert answer.status_code == 200, answer.text
        return list(answer.json()["items"])

    def types() -> list[str]:
        return [item["type"] for item in timeline()]

    try:
        move_clock(paris(date(2026, 11, 3), 8))
        opened = httpx.post(
            f"{url}/api/v1/cases",
            headers=creditor,
            json={
                "reference": reference,
                "kind": "b2c",
                "debtor": {
                    "type": "person",
                    "name": "Paul Lefèvre",
                    "email": first_address,
                    "address": {"line1": "9 rue Nationale", "postal_code": "59000", "city": "Lille"},
                },
                "invoices": [
                    {
                        "number": f"{reference}-1",
                        "issue_date": "2026-10-02",
                        "due_date": "2026-11-02",
                        "amount": "840.00",
                    }
                ],
            },
        )
        assert opened.status_code == 201, opened.text
        case_id = opened.json()["id"]
        validated = httpx.post(
            f"{url}/api/v1/cases/{case_id}/validate",
            headers=agent,
            json={"override_reason": "contrat vu sur place"},
        )
        assert validated.status_code == 200, validated.text

        assert platform.eventually(lambda: "case.validated" in types(), timeout_s=60), types()
        [opening, validation] = [item for item in timeline() if item["type"] in ("case.opened", "case.validated")]
        assert opening["summary"].startswith(f"Dossier {reference} ouvert contre Paul Lefèvre")
        assert validation["summary"] == "Dossier validé : le recouvrement amiable commence"
        assert validation["service"] == "intake" and instant(validation) >= instant(opening)
        assert [item["type"] for item in timeline(agent)] == types(), "staff read every case's timeline"

        # due + 5: the scheduler sends the first e-mail; dunning's event reaches the portal's timeline
        move_clock(paris(date(2026, 11, 7), 10, 30))
        ran = httpx.post(f"{url}/api/v1/dunning/admin/run", headers=admin, timeout=60)
        assert ran.status_code == 200, ran.text
        assert platform.eventually(lambda: "message.sent" in types(), timeout_s=60), types()
        [reminder] = [item for item in timeline() if item["type"] == "message.sent"]
        assert reminder["service"] == "dunning" and reminder["channel"] == "email"
        assert reminder["summary"].startswith("Relance envoyée par e-mail")
        assert reminder["summary_en"].startswith("Reminder sent by e-mail")
        assert instant(reminder) > instant(validation), "listed after the validation: oldest first"
        assert next(kind for kind in types() if kind.startswith("message.")) == "message.sent"  # before its bounce

        # the relay bounced it: the next pass reads its notice, and the timeline says the e-mail was not delivered
        ran = httpx.post(f"{url}/api/v1/dunning/admin/run", headers=admin, timeout=60)  # this pass or the worker's
        assert ran.status_code == 200, ran.text
        assert platform.eventually(lambda: "message.delivered" in types(), timeout_s=60), types()
        [bounced] = [item for item in timeline() if item["type"] == "message.delivered"]
        assert bounced["summary"].startswith("E-mail non remis le"), bounced
        queue = httpx.get(f"{url}/api/v1/dunning/came-back", headers=creditor).json()["items"]
        assert [item["recipient"] for item in queue if item["case_id"] == case_id] == [first_address]

        # the creditor corrects the e-mail; the timeline says which detail changed, never the address
        corrected = httpx.patch(f"{url}/api/v1/cases/{case_id}/debtor", headers=creditor, json={"email": new_address})
        assert corrected.status_code == 200 and corrected.json()["debtor"]["email"] == new_address, corrected.text
        assert platform.eventually(lambda: "debtor.contacts_corrected" in types(), timeout_s=60), types()
        [told] = [item for item in timeline() if item["type"] == "debtor.contacts_corrected"]
        assert told["summary"] == "Coordonnées du débiteur corrigées : l'e-mail" and new_address not in str(told)

        # due + 15: the firmer reminder goes to the corrected address
        move_clock(paris(date(2026, 11, 17), 10, 30))
        ran = httpx.post(f"{url}/api/v1/dunning/admin/run", headers=admin, timeout=60)
        assert ran.status_code == 200, ran.text
        [second] = platform.eventually(lambda: mail.find(to=new_address), timeout_s=60)
        assert reference in second["Subject"], second["Subject"]
        assert mail.find(to=first_address) == []  # never delivered: the relay bounced it
    finally:
        move_clock(None)
