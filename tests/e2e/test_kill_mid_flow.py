"""The short version of the proof under fire (issue 18; the whole one is `make proof`): services killed with
SIGKILL in the middle of a flow on the running platform, started again by the launcher as an orchestrator would,
and nothing lost, nothing done twice.

- scoring killed between two validations: every validated case still reaches dunning through it;
- intake killed after payments were recorded: the same requests sent again with their Idempotency-Keys record
  nothing more, and the payments still close their cases in dunning;
- dunning killed inside its scheduler pass, after the mail server accepted the e-mails and before the pass
  committed them as sent (the test holds dunning's outbox table locked, so the pass's transaction waits at its
  last insert): the next pass sends the messages the kill left prepared again, under the same Message-ID, and each
  debtor still has exactly one e-mail."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal

import httpx
import psycopg
import pytest

from workbench.stack.mail import MailDir

from .desk import Desk

pytestmark = pytest.mark.e2e

CASES = 8
PAID = (6, 7)  # paid in full before the first e-mail falls due


class Flow(Desk):
    def __init__(self, platform) -> None:
        super().__init__(platform)
        self.mail = MailDir(platform.maildir)
        self.tag = uuid.uuid4().hex[:6]

    def email(self, n: int) -> str:
        return f"kill.{self.tag}.{n}@example.org"

    def open(self, n: int) -> str:
        reference = f"KIL-{self.tag}-{n}"
        body = {
            "reference": reference,
            "kind": "b2c",
            "debtor": {
                "type": "person",
                "name": f"Camille Kill {n}",
                "email": self.email(n),
                "address": {"line1": f"{n} rue des Forges", "postal_code": "69003", "city": "Lyon"},
            },
            "invoices": [
                {"number": f"{reference}-1", "issue_date": "2026-10-02", "due_date": "2026-11-02", "amount": "1200.00"}
            ],
        }
        opened = httpx.post(f"{self.url}/api/v1/cases", headers=self.creditor, json=body)
        assert opened.status_code == 201, opened.text
        return opened.json()["id"]

    def validate(self, case_id: str) -> None:
        validated = httpx.post(
            f"{self.url}/api/v1/cases/{case_id}/validate",
            headers=self.agent,
            json={"override_reason": "facture et bon de commande vus"},
        )
        assert validated.status_code == 200, validated.text

    def pay(self, case_id: str, n: int) -> int:
        answer = httpx.post(
            f"{self.url}/api/v1/payments",
            headers={**self.agent, "Idempotency-Key": f"kill-pay-{self.tag}-{n}"},
            json={
                "case_id": case_id,
                "amount": "1200.00",
                "currency": "EUR",
                "received_on": "2026-11-03",
                "source": "debtor_to_agency",
                "reference": f"VIR-KIL-{self.tag}-{n}",
            },
        )
        return answer.status_code

    def steps(self, case_id: str) -> dict:
        answer = httpx.get(f"{self.url}/api/v1/dunning/cases/{case_id}/steps", headers=self.agent)
        return answer.json() if answer.status_code == 200 else {}

    def start_pass(self) -> None:
        answer = httpx.post(f"{self.url}/api/v1/dunning/admin/run?wait=0", headers=self.admin, timeout=30)
        assert answer.status_code in (200, 202), answer.text

    def finish_pass(self) -> None:
        """A pass asked for after the kill, followed by its id to its end while it outlasts the request."""
        answer = httpx.post(f"{self.url}/api/v1/dunning/admin/run", headers=self.admin, timeout=60)
        if answer.status_code == 202:
            run = answer.headers["location"]
            status = self.platform.eventually(
                lambda: httpx.get(f"{self.url}{run}", headers=self.admin).json()["status"] in ("done", "failed"), 60
            )
            answer = httpx.get(f"{self.url}{run}", headers=self.admin)
            assert status and answer.json()["status"] == "done", answer.text
        assert answer.status_code == 200, answer.text


def test_services_killed_mid_flow_lose_nothing_and_send_nothing_twice(platform):
    flow = Flow(platform)
    try:
        flow.at(date(2026, 11, 3))
        cases = [flow.open(n) for n in range(CASES)]
        for case_id in cases[: CASES // 2]:
            flow.validate(case_id)
        platform.kill("scoring")  # its consumer had the first validations' events in hand, or about to
        for case_id in cases[CASES // 2 :]:
            flow.validate(case_id)

        first = [flow.pay(cases[n], n) for n in PAID]
        assert first == [201] * len(PAID)
        platform.kill("intake")  # its relay may not have published the payments yet
        again = [flow.pay(cases[n], n) for n in PAID]
        assert all(code in (200, 201, 303) for code in again), again
        for n in PAID:
            statement = httpx.get(
                f"{flow.url}/api/v1/cases/{cases[n]}/statement?as_of=2026-11-05", headers=flow.agent
            ).json()
            assert Decimal(statement["paid"]) == Decimal("1200.00"), statement  # recorded once, not twice

        def dunning_knows_all() -> bool:
            states = [flow.steps(case_id).get("status") for case_id in cases]
            return all(states[n] == "closed" for n in PAID) and all(
                state == "active" for n, state in enumerate(states) if n not in PAID
            )

        assert platform.eventually(dunning_knows_all, timeout_s=60), [flow.steps(c).get("status") for c in cases]

        # due + 5: the first e-mails, sent while the pass cannot commit, then dunning killed
        unpaid = [n for n in range(CASES) if n not in PAID]
        flow.at(date(2026, 11, 7))
        with psycopg.connect(f"postgresql://postgres@127.0.0.1:{platform.pg_port}/recouvra_dunning") as held:
            held.execute("LOCK TABLE outbox IN EXCLUSIVE MODE")
            flow.start_pass()
            assert platform.eventually(lambda: all(flow.mail.find(to=flow.email(n)) for n in unpaid), 30)
            statuses = held.execute(
                "SELECT status FROM dunning_messages WHERE case_id = ANY(%s) AND audience = 'debtor'",
                ([uuid.UUID(cases[n]) for n in unpaid],),
            ).fetchall()
            assert sorted(statuses) == [("prepared",)] * len(unpaid), statuses  # sent, not yet recorded as sent
            platform.kill("dunning", meanwhile=held.rollback)  # the lock goes; the dead pass's transaction aborts
        flow.finish_pass()

        received = {n: flow.mail.find(to=flow.email(n)) for n in range(CASES)}
        assert {n: len(mails) for n, mails in received.items()} == {n: 0 if n in PAID else 1 for n in range(CASES)}, (
            "each unpaid debtor receives its first e-mail exactly once, the paid ones none"
        )
        for n in range(CASES):
            if n in PAID:
                continue
            [first_step] = [s for s in flow.steps(cases[n])["items"] if s["status"] == "done"]
            assert first_step["channel"] == "email", first_step
    finally:
        httpx.put(f"{flow.url}/api/v1/admin/clock", json={"now": None}, headers=flow.admin)


def test_a_request_killed_before_it_committed_runs_at_once_when_sent_again_with_its_key(platform):
    """Intake killed while it opens a case (the test holds the cases table locked, so the request waits at its
    write): the retry with the same Idempotency-Key is not told "still being processed" for minutes, it opens the
    case at once, and once: the killed request's claim went with its connection (shared.idempotency_claims)."""
    flow = Flow(platform)
    reference = f"KIL-{flow.tag}-retried"
    body = {
        "reference": reference,
        "kind": "b2c",
        "debtor": {"type": "person", "name": "Camille Retried", "email": flow.email(99)},
        "invoices": [
            {"number": f"{reference}-1", "issue_date": "2026-10-02", "due_date": "2026-11-02", "amount": "90.00"}
        ],
    }
    headers = {**flow.creditor, "Idempotency-Key": f"kill-open-{flow.tag}"}

    def send() -> httpx.Response:
        return httpx.post(f"{flow.url}/api/v1/cases", headers=headers, json=body, timeout=60)

    with (
        psycopg.connect(f"postgresql://postgres@127.0.0.1:{platform.pg_port}/recouvra_intake") as held,
        ThreadPoolExecutor(1) as pool,
    ):
        held.execute("LOCK TABLE cases IN EXCLUSIVE MODE")
        first = pool.submit(send)
        waiting = "SELECT count(*) FROM pg_locks WHERE relation = 'cases'::regclass AND NOT granted"
        assert platform.eventually(lambda: held.execute(waiting).fetchone()[0] > 0, 30), "the request never wrote"
        platform.kill("intake", meanwhile=held.rollback)
        assert first.result().status_code >= 500  # its answer is lost with the process

    again = send()
    assert again.status_code == 201, again.text  # not 409 "still being processed"
    assert "Idempotent-Replayed" not in again.headers
    found = httpx.get(f"{flow.url}/api/v1/cases", params={"reference": reference}, headers=flow.creditor).json()
    assert found["total"] == 1, found
