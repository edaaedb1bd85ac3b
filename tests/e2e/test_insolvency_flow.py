"""Insolvency proceedings opened on a debtor already under collection, on the running platform: an agent records the
judgment on the debtor through the gateway, intake moves the case to claim declaration with its deadline, dunning
cancels the scheduled reminder (nothing reaches the debtor's mailbox on its day) and e-mails the creditor, legal has
the claim to declare, and the creditor reads it on the case's timeline; a promise is refused in plain words."""

from __future__ import annotations

import uuid
from datetime import date

import httpx
import pytest

from workbench.stack.mail import MailDir

from .desk import Desk

pytestmark = pytest.mark.e2e


def test_the_judgment_stops_dunning_and_gives_legal_the_claim_to_declare(platform):
    desk = Desk(platform)
    url, agent, creditor = desk.url, desk.agent, desk.creditor
    reference = f"PCO-{uuid.uuid4().hex[:8]}"
    address = f"compta.{uuid.uuid4().hex[:6]}@example.net"
    mail = MailDir(platform.maildir)
    try:
        desk.at(date(2026, 11, 3), 8, 0)
        opened = desk.validated_case(reference, {"name": f"Garnier Bois {reference}", "email": address}, "640.00")
        case_id, debtor_id = opened["id"], opened["debtor"]["id"]
        steps = f"{url}/api/v1/dunning/cases/{case_id}/steps"

        def statuses() -> list[str]:
            answer = httpx.get(steps, headers=agent)
            return [step["status"] for step in answer.json()["items"]] if answer.status_code == 200 else []

        assert platform.eventually(lambda: statuses() == ["scheduled"], timeout_s=60)

        desk.at(date(2026, 11, 6))
        judgment = {"kind": "redressement", "opened_on": "2026-11-04", "published_on": "2026-11-06"}
        recorded = httpx.post(f"{url}/api/v1/intake/debtors/{debtor_id}/insolvency", headers=agent, json=judgment)
        assert recorded.status_code == 201, recorded.text
        assert [case["case_id"] for case in recorded.json()["moved"]] == [case_id]
        read = httpx.get(f"{url}/api/v1/cases/{case_id}", headers=creditor).json()
        assert (read["status"], read["claim_deadline"]) == ("claim_declaration", "2027-01-06")

        assert platform.eventually(lambda: statuses() == ["cancelled"], timeout_s=60)
        claim_url = f"{url}/api/v1/legal/cases/{case_id}/insolvency-claim"
        claim = platform.eventually(
            lambda: (answer := httpx.get(claim_url, headers=agent)).status_code == 200 and answer.json(), timeout_s=60
        )
        assert claim["status"] == "to_declare"

        desk.at(date(2026, 11, 9))  # the first reminder's day
        desk.run()
        assert mail.find(to=address) == []
        told = platform.eventually(lambda: mail.find(subject=f"Procédure collective du débiteur — dossier {reference}"))
        assert "déclarée au mandataire judiciaire" in " ".join(told[0].get_body(("plain",)).get_content().split())
        timeline = f"{url}/api/v1/cases/{case_id}/timeline"

        def told() -> bool:
            answer = httpx.get(timeline, headers=creditor)
            items = answer.json().get("items", []) if answer.status_code == 200 else []
            return any(item["summary_fr"].startswith("Procédure collective ouverte") for item in items)

        assert platform.eventually(told, timeout_s=60)
        promise = httpx.post(
            f"{url}/api/v1/dunning/cases/{case_id}/promises",
            headers=agent | {"Accept-Language": "fr"},
            json={"amount": "100.00", "due_on": "2026-11-20"},
        )
        assert promise.status_code == 409 and "procédure collective" in promise.json()["detail"]
    finally:
        desk.real_time()
