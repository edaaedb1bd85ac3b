"""Creditors' webhooks on the running platform: the demo creditor registers an endpoint (a receiver this test runs on
127.0.0.1, checking signatures as docs/webhooks.md says), tests it, then opens a case the agent validates; the
portal's worker POSTs both events, signed, to the receiver within seconds, and the creditor reads them in its
endpoint's log."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import httpx
import pytest

from workbench.testing.webhooks import Receiver, running_receiver

from .desk import Desk
from .test_platform import a_siren

pytestmark = pytest.mark.e2e


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with running_receiver(secret="not-known-yet") as state:
        yield state


def test_a_creditors_system_hears_signed_of_its_case_being_opened_and_validated(platform, receiver):
    desk = Desk(platform)
    url, creditor = desk.url, desk.creditor
    body = {"url": receiver.url, "events": ["intake.case.opened", "intake.case.validated"], "description": "ERP"}
    created = httpx.post(f"{url}/api/v1/webhooks", json=body, headers=creditor)
    assert created.status_code == 201, created.text
    webhook = created.json()
    receiver.secret = webhook["secret"]
    hook = f"{url}/api/v1/webhooks/{webhook['id']}"
    try:
        assert httpx.post(f"{hook}/test", headers=creditor).status_code == 202
        assert platform.eventually(
            lambda: [r["json"]["type"] for r in receiver.accepted()] == ["webhook.test"], timeout_s=20
        ), f"the test did not reach the receiver: {receiver.received}"

        reference = f"WH-{uuid.uuid4().hex[:8]}"
        case_id = desk.validated_case(reference, {"name": f"Menuiserie {reference}", "siren": a_siren()}, "640.00")[
            "id"
        ]

        def told() -> list[str]:
            return sorted(r["json"]["type"] for r in receiver.accepted() if r["json"]["data"].get("case_id") == case_id)

        assert platform.eventually(lambda: told() == ["intake.case.opened", "intake.case.validated"], timeout_s=30), (
            f"the case's events did not reach the receiver: {receiver.received}"
        )
        opened = next(r["json"] for r in receiver.accepted() if r["json"]["type"] == "intake.case.opened")
        assert reference in opened["data"]["summary_fr"] and opened["data"]["href"].endswith(f"{case_id}/timeline")
        assert all(r["status"] == 204 for r in receiver.received), "every delivery carried a valid signature"

        log = httpx.get(f"{hook}/deliveries", params={"status": "delivered"}, headers=creditor).json()
        assert {item["event_type"] for item in log["items"]} >= {"webhook.test", "intake.case.validated"}
        replayed = receiver.received[-1]
        assert receiver.replay(replayed) == 409, "the receiver took a replayed delivery"
    finally:
        assert httpx.patch(hook, json={"active": False}, headers=creditor).status_code == 200
