"""A settlement on the running platform, through the gateway: an agent offers the debtor to settle for less than the
balance; the creditor's mandate gives no floor, so the creditor approves it; the debtor is e-mailed the offer and
accepts it; the payment intake records keeps it, dunning reports it honoured over the broker, intake writes the rest
off and closes the case as settled, and the creditor reads it on the case's timeline."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import httpx
import pytest

from workbench.stack.mail import MailDir

from .desk import Desk

pytestmark = pytest.mark.e2e


def test_an_accepted_settlement_paid_by_its_day_closes_the_case_as_settled(platform):
    desk = Desk(platform)
    url, agent, creditor = desk.url, desk.agent, desk.creditor
    reference = f"ACC-{uuid.uuid4().hex[:8]}"
    address = f"compta.{uuid.uuid4().hex[:6]}@example.net"
    mail = MailDir(platform.maildir)
    try:
        desk.at(date(2026, 11, 3), 8, 0)
        debtor = {"name": f"Menuiserie {reference}", "email": address}
        case_id = desk.validated_case(reference, debtor, "640.00")["id"]

        desk.at(date(2026, 11, 6))
        settlements = f"{url}/api/v1/dunning/cases/{case_id}/settlements"
        offered = httpx.post(settlements, headers=agent, json={"amount": "500.00", "pay_by": "2026-11-20"})
        assert offered.status_code == 201, offered.text
        offer = offered.json()
        assert (offer["status"], offer["within_mandate"]) == ("to_approve", False)  # the demo mandate has no floor
        assert Decimal(offer["balance"]) > Decimal("680.00")  # 640,00 of principal, the 40,00 indemnity, penalties
        approved = httpx.post(
            f"{settlements}/{offer['id']}/decision",
            headers=creditor,
            json={"decision": "approve", "answer": "D'accord"},
        )
        assert approved.status_code == 200 and approved.json()["status"] == "offered", approved.text
        desk.run()
        sent = platform.eventually(lambda: mail.find(subject=f"Proposition d'accord — dossier {reference}"))
        assert sent[0]["To"].addresses[0].addr_spec == address

        accepted = httpx.post(f"{settlements}/{offer['id']}/accept", headers=agent, json={})  # the debtor said so
        assert accepted.status_code == 200 and accepted.json()["status"] == "accepted", accepted.text

        desk.at(date(2026, 11, 10))
        paid = httpx.post(
            f"{url}/api/v1/payments",
            headers=agent,
            json={
                "case_id": case_id,
                "amount": "500.00",
                "currency": "EUR",
                "received_on": "2026-11-10",
                "source": "debtor_to_agency",
                "reference": f"VIR-{reference}",
            },
        )
        assert paid.status_code == 201, paid.text

        def closed() -> dict | None:
            answer = httpx.get(f"{url}/api/v1/cases/{case_id}", headers=creditor).json()
            return answer if answer["status"] == "closed" else None

        case = platform.eventually(closed, timeout_s=60)
        assert case["closure_reason"] == "settled"
        payments = httpx.get(f"{url}/api/v1/cases/{case_id}/payments", headers=creditor).json()["items"]
        [write_off] = [p for p in payments if p["source"] == "write_off"]
        assert write_off["reference"] == f"ACCORD-{offer['id']}" and write_off["commission"] == "0.00"
        assert Decimal(write_off["amount"]) > Decimal("180.00")  # what the 500,00 left of the balance on the day
        [listed] = httpx.get(settlements, headers=creditor).json()
        assert (listed["status"], listed["paid"]) == ("honoured", "500.00")
        timeline = f"{url}/api/v1/cases/{case_id}/timeline"

        def told() -> bool:
            answer = httpx.get(timeline, headers=creditor)
            return answer.status_code == 200 and any(
                item["type"] == "settlement.honoured" for item in answer.json()["items"]
            )

        assert platform.eventually(told, timeout_s=60)
    finally:
        desk.real_time()
