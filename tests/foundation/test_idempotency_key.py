"""`Idempotency-Key` on the portal's `POST /api/v1/users`: a retried request gets the first response back
and creates nothing twice; the same key with another body is refused."""

from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, text, update
from sqlmodel import Session, func, select

from shared.db import make_engine
from shared.events.identity import UserCreated
from shared.idempotency import IdempotencyRecord
from shared.idempotency_claims import lock_key
from shared.outbox import OutboxMessage

from portal.identity.models import User
from portal.main import create_app

ADMIN = {"grant_type": "password", "username": "admin@demo.example", "password": "demo-password"}
NEW_USER = {"email": "retry@client.example", "password": "a-long-password-1", "role": "agent"}


@pytest.fixture
def portal(settings_for, clock):
    settings = settings_for("portal", seed_demo=True)
    with TestClient(create_app(settings, clock=clock)) as client:
        token = client.post("/api/v1/auth/token", data=ADMIN).json()["access_token"]
        client.headers["Authorization"] = f"Bearer {token}"
        client.headers["Accept-Language"] = "en"  # the tests read the English texts
        yield client, settings


def counts(settings) -> tuple[int, int]:
    """Accounts with the new user's email, and `user.created` events about it in the outbox."""
    engine = make_engine(settings.database_url)
    try:
        with Session(engine) as session:
            users = session.exec(select(func.count()).select_from(User).where(User.email == NEW_USER["email"])).one()
            events = session.exec(
                select(func.count())
                .select_from(OutboxMessage)
                .where(
                    OutboxMessage.event_type == UserCreated.type,
                    OutboxMessage.envelope["data"]["email"].astext == NEW_USER["email"],
                )
            ).one()
        return users, events
    finally:
        engine.dispose()


def test_a_post_repeated_with_the_same_key_returns_the_first_response_and_creates_nothing_twice(portal):
    client, settings = portal
    first = client.post("/api/v1/users", json=NEW_USER, headers={"Idempotency-Key": "create-retry-1"})
    assert first.status_code == 201, first.text
    again = client.post("/api/v1/users", json=NEW_USER, headers={"Idempotency-Key": "create-retry-1"})

    assert again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["Idempotent-Replayed"] == "true"
    assert counts(settings) == (1, 1)
    # Without the key the same body is a new request: the portal says the account exists.
    assert client.post("/api/v1/users", json=NEW_USER).status_code == 409


def test_the_same_key_with_another_body_is_refused_with_422_and_changes_nothing(portal):
    client, settings = portal
    assert client.post("/api/v1/users", json=NEW_USER, headers={"Idempotency-Key": "create-retry-2"}).status_code == 201
    other = client.post(
        "/api/v1/users",
        json={**NEW_USER, "email": "someone-else@client.example"},
        headers={"Idempotency-Key": "create-retry-2"},
    )

    assert other.status_code == 422
    assert "Idempotency-Key" in other.json()["detail"]
    assert counts(settings) == (1, 1)


def test_a_refused_request_is_replayed_as_refused_and_a_new_key_starts_afresh(portal):
    client, settings = portal
    short = {**NEW_USER, "password": "short"}
    refused = client.post("/api/v1/users", json=short, headers={"Idempotency-Key": "create-retry-3"})
    assert refused.status_code == 422
    replayed = client.post("/api/v1/users", json=short, headers={"Idempotency-Key": "create-retry-3"})
    assert (replayed.status_code, replayed.json()) == (422, refused.json())
    assert client.post("/api/v1/users", json=NEW_USER, headers={"Idempotency-Key": "create-retry-4"}).status_code == 201
    assert counts(settings) == (1, 1)


def test_a_retry_with_a_renewed_token_of_the_same_user_is_still_the_same_request(portal, clock):
    client, settings = portal
    first = client.post("/api/v1/users", json=NEW_USER, headers={"Idempotency-Key": "renewed-token"})
    assert first.status_code == 201
    clock.advance(minutes=5)  # a new token: other issue time, other signature, same user
    renewed = client.post("/api/v1/auth/token", data=ADMIN).json()["access_token"]
    assert renewed != client.headers["Authorization"].removeprefix("Bearer ")
    again = client.post(
        "/api/v1/users",
        json=NEW_USER,
        headers={"Idempotency-Key": "renewed-token", "Authorization": f"Bearer {renewed}"},
    )
    assert (again.status_code, again.json()) == (201, first.json())
    assert again.headers["Idempotent-Replayed"] == "true"
    assert counts(settings) == (1, 1)


def test_another_user_with_the_same_key_is_another_request(portal, settings_for):
    client, _settings = portal
    assert client.post("/api/v1/users", json=NEW_USER, headers={"Idempotency-Key": "shared-key"}).status_code == 201
    agent = client.post("/api/v1/auth/token", data={**ADMIN, "username": "agent@demo.example"}).json()["access_token"]
    other = client.post(
        "/api/v1/users", json=NEW_USER, headers={"Idempotency-Key": "shared-key", "Authorization": f"Bearer {agent}"}
    )
    assert other.status_code == 403 and "Idempotent-Replayed" not in other.headers  # not the admin's answer


def forget_the_answers(settings, *, age: timedelta = timedelta(0)) -> list[datetime | None]:
    """What a kill between the request's commit and its kept answer leaves: claims without an answer. Returns
    each claim's commit stamp."""
    engine = make_engine(settings.database_url)
    try:
        with Session(engine) as session:
            session.execute(
                update(IdempotencyRecord).values(
                    status_code=None, created_at=IdempotencyRecord.created_at - age, request_hash=""
                )
            )
            session.commit()
            return [record.committed_at for record in session.exec(select(IdempotencyRecord)).all()]
    finally:
        engine.dispose()


def test_a_request_whose_answer_was_lost_after_it_committed_is_not_run_again(portal):
    """The claim is stamped in the request's own transaction: a retry after a kill learns it was carried out."""
    client, settings = portal
    first = client.post("/api/v1/users", json=NEW_USER, headers={"Idempotency-Key": "lost-answer"})
    assert first.status_code == 201
    stamps = forget_the_answers(settings, age=timedelta(hours=1))
    assert len(stamps) == 1 and stamps[0] is not None

    again = client.post("/api/v1/users", json=NEW_USER, headers={"Idempotency-Key": "lost-answer"})
    assert again.status_code == 409
    assert "carried out" in again.json()["detail"]
    assert counts(settings) == (1, 1)


def test_an_orphaned_claim_that_committed_nothing_is_taken_over_as_soon_as_nobody_holds_it(portal):
    """A process killed before its request committed leaves a claim with neither answer nor stamp. While the key's
    lock is held (the first request still running, in a process alive), a retry is told to wait; once the lock is
    gone with its connection (the kill), the very next retry takes the claim over and runs."""
    client, settings = portal
    assert client.post("/api/v1/users", json=NEW_USER, headers={"Idempotency-Key": "orphan"}).status_code == 201
    engine = make_engine(settings.database_url)
    try:
        with Session(engine) as session:  # undo the request: as if it had been killed before its commit
            session.execute(delete(OutboxMessage).where(OutboxMessage.event_type == UserCreated.type))
            session.execute(delete(User).where(User.email == NEW_USER["email"]))
            session.execute(update(IdempotencyRecord).values(status_code=None, committed_at=None))
            session.commit()
            [scope] = session.exec(select(IdempotencyRecord.scope)).all()
            given_back = session.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": lock_key(scope)}).scalar()
            assert given_back  # the answered request let go of its key's lock
            session.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": lock_key(scope)})
        assert counts(settings) == (0, 0)

        first_request = engine.connect()  # the first request's process, alive: it holds the key's lock
        first_request.execute(text("SELECT pg_advisory_lock(:k)"), {"k": lock_key(scope)})
        backend = first_request.execute(text("SELECT pg_backend_pid()")).scalar()
        running = client.post("/api/v1/users", json=NEW_USER, headers={"Idempotency-Key": "orphan"})
        assert running.status_code == 409 and running.headers["Retry-After"] == "5"
        assert "still being processed" in running.json()["detail"]

        # Killed: PostgreSQL drops its lock with its backend. Closing the socket alone let the next retry run before
        # the backend had noticed (a fresh clone's CI once read 409 there); terminating it and waiting until it is
        # gone (PostgreSQL 14's `pg_terminate_backend(pid, timeout)`) says when the lock is free.
        with engine.connect() as killer:
            assert killer.execute(text("SELECT pg_terminate_backend(:pid, 10000)"), {"pid": backend}).scalar()
        first_request.invalidate()
        first_request.close()
    finally:
        engine.dispose()
    taken_over = client.post("/api/v1/users", json=NEW_USER, headers={"Idempotency-Key": "orphan"})
    assert taken_over.status_code == 201, taken_over.text
    assert "Idempotent-Replayed" not in taken_over.headers
    assert counts(settings) == (1, 1)
