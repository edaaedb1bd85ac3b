"""Clients racing on a unique constraint get the documented answer, never a 500: twenty identical payments
sent at once store one payment and all answer it (201, `X-Payment-Created: false` but for one); the same
reference with another content, or a SIREN already taken, answers 409. Real threads against the app."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlmodel import Session, func, select

from intake.creditors.models import Creditor
from intake.ledger.models import Payment

CLIENTS = 20
# the race is on the database's unique constraints: every client is let in at once (overload has tests of its own)
pytestmark = pytest.mark.intake_settings(max_in_flight=CLIENTS, max_waiting=CLIENTS, admission_wait_s=30)


def at_once(requests: list[Callable[[], Any]]) -> list[Any]:
    """Each request in its own thread, all released together; bounded by the barrier's and the pool's timeouts."""
    start = threading.Barrier(len(requests), timeout=30)

    def run(request: Callable[[], Any]) -> Any:
        start.wait()
        try:
            return request()
        except Exception as problem:  # the TestClient re-raises what the app did not answer
            return problem

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(run, requests, timeout=120))


def statuses(responses: list[Any]) -> list[int | str]:
    return sorted(getattr(r, "status_code", None) or type(r).__name__ for r in responses)


def payments_with(api, reference: str) -> int:
    with Session(api.engine) as session:
        return session.exec(select(func.count()).select_from(Payment).where(Payment.reference == reference)).one()


def test_twenty_identical_payments_sent_at_once_store_one_and_all_answer_it(api, open_case, pay, invoice):
    case = open_case("RACE-PAY", [invoice("F-R", "2026-01-15", "10000.00")])
    responses = at_once([lambda: pay(case, "100.00", "2026-04-15", reference="VIR-RACE") for _ in range(CLIENTS)])
    assert statuses(responses) == [201] * CLIENTS, [getattr(r, "text", r) for r in responses]
    assert sorted(r.headers["X-Payment-Created"] for r in responses) == ["false"] * (CLIENTS - 1) + ["true"]
    assert len({r.json()["id"] for r in responses}) == 1
    assert payments_with(api, "VIR-RACE") == 1


def test_one_reference_raced_with_two_contents_or_on_two_cases_answers_409_to_the_losers(api, open_case, pay, invoice):
    first = open_case("RACE-A", [invoice("F-RA", "2026-01-15", "10000.00")])
    second = open_case("RACE-B", [invoice("F-RB", "2026-01-15", "10000.00")])
    requests = [
        lambda i=i: pay(
            first if i % 2 else second, "100.00" if i % 4 < 2 else "250.00", "2026-04-15", reference="VIR-TWICE"
        )
        for i in range(CLIENTS)
    ]
    responses = at_once(requests)
    assert set(statuses(responses)) <= {201, 409}, [getattr(r, "text", r) for r in responses]
    created = [r for r in responses if r.status_code == 201 and r.headers["X-Payment-Created"] == "true"]
    assert len(created) == 1 and payments_with(api, "VIR-TWICE") == 1
    winner = created[0].json()
    for response in responses:
        same = response.status_code == 201
        assert same == (
            response.request.content.count(winner["case_id"].encode()) == 1
            and f'"amount":"{winner["amount"]}"'.encode() in response.request.content.replace(b" ", b"")
        )
        if not same:
            assert response.json()["detail"].startswith("reference: VIR-TWICE is already the reference")


def test_a_siren_registered_twice_at_once_answers_409_to_every_later_request(api):
    body = {"name": "Course SAS", "siren": "552100554"}
    responses = at_once(
        [lambda: api.client.post("/api/v1/creditors", json=body, headers=api.admin) for _ in range(CLIENTS // 2)]
    )
    assert statuses(responses) == [201] + [409] * (CLIENTS // 2 - 1), [getattr(r, "text", r) for r in responses]
    assert all("552100554" in r.json()["detail"] for r in responses if r.status_code == 409)
    with Session(api.engine) as session:
        assert session.exec(select(func.count()).select_from(Creditor).where(Creditor.siren == "552100554")).one() == 1
