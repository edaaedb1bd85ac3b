"""A request PostgreSQL chose as a deadlock's victim is answered 503 with when to retry, never 500; nothing of it
is written, and the same request sent again (the same Idempotency-Key) goes through. The deadlock is PostgreSQL's
own error (SQLSTATE 40P01), raised by a trigger on the table the request writes to, on the real stack."""

from fastapi.testclient import TestClient
from sqlalchemy import text

from shared.db import make_engine

from portal.main import create_app

ADMIN = {"grant_type": "password", "username": "admin@demo.example", "password": "demo-password"}
NEW_USER = {"email": "agent.neuf@agence.example", "password": "Vq9!mare-Tilleul-Orage", "role": "agent"}


def deadlock_on_user_inserts(url: str, on: bool) -> None:
    engine = make_engine(url, pool_size=1)
    try:
        with engine.begin() as connection:
            if on:
                connection.execute(
                    text(
                        "CREATE FUNCTION test_deadlock() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                        "RAISE EXCEPTION 'deadlock detected' USING ERRCODE = '40P01'; END $$"
                    )
                )
                connection.execute(
                    text(
                        "CREATE TRIGGER test_deadlock BEFORE INSERT ON users "
                        "FOR EACH ROW EXECUTE FUNCTION test_deadlock()"
                    )
                )
            else:
                connection.execute(text("DROP TRIGGER test_deadlock ON users"))
                connection.execute(text("DROP FUNCTION test_deadlock()"))
    finally:
        engine.dispose()


def test_a_request_chosen_as_a_deadlocks_victim_is_answered_503_and_goes_through_when_sent_again(settings_for, clock):
    settings = settings_for("portal", seed_demo=True)
    with TestClient(create_app(settings, clock=clock)) as client:
        token = client.post("/api/v1/auth/token", data=ADMIN).json()["access_token"]
        client.headers["Authorization"] = f"Bearer {token}"
        users_before = client.get("/api/v1/users").json()["total"]
        key = {"Idempotency-Key": "nouvel-agent-1"}

        deadlock_on_user_inserts(settings.database_url, on=True)
        refused = client.post("/api/v1/users", json=NEW_USER, headers=key)
        assert refused.status_code == 503, refused.text
        assert refused.headers["Retry-After"] == "1"
        assert refused.headers["Content-Language"] == "fr"
        assert "modifiées au même instant" in refused.json()["detail"]
        english = client.post("/api/v1/users", json=NEW_USER, headers={**key, "Accept-Language": "en"})
        assert "at the same moment by another request" in english.json()["detail"]
        assert client.get("/api/v1/users").json()["total"] == users_before  # nothing was written

        deadlock_on_user_inserts(settings.database_url, on=False)
        created = client.post("/api/v1/users", json=NEW_USER, headers=key)
        assert created.status_code == 201, created.text
        assert created.json()["email"] == NEW_USER["email"]
        assert client.get("/api/v1/users").json()["total"] == users_before + 1
