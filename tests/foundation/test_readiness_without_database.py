"""`/readyz` tells an orchestrator to stop sending traffic when the database cannot be reached, and says
which dependency is missing in words an operator reads; `/healthz` keeps answering (the process lives)."""

from fastapi.testclient import TestClient

from workbench.stack.broker import free_port

from portal.main import create_app


def test_readiness_answers_503_naming_the_database_when_it_is_unreachable(settings_for, clock):
    closed_port = free_port()  # bound then released: nothing listens there
    settings = settings_for("portal", database_url=f"postgresql+psycopg://postgres@127.0.0.1:{closed_port}/nowhere")
    with TestClient(create_app(settings, clock=clock)) as portal:
        ready = portal.get("/readyz")
        alive = portal.get("/healthz")

    assert ready.status_code == 503
    assert ready.json() == {"status": "not ready", "checks": {"database": False, "broker": True}}
    assert alive.status_code == 200


def test_readiness_answers_200_when_database_and_broker_answer(settings_for, clock):
    with TestClient(create_app(settings_for("portal"), clock=clock)) as portal:
        ready = portal.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ready", "checks": {"database": True, "broker": True}}
