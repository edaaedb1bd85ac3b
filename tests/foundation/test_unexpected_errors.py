"""An unexpected failure on our side is the case where the request id matters most: the caller is told
the id to quote, the log line carries it, the 500 is counted, and a POST that crashed may be retried with
the same `Idempotency-Key` instead of being told forever that it is still in progress."""

import json
import logging

import pytest
from fastapi import APIRouter
from fastapi.testclient import TestClient

from shared.logs import REQUEST_ID_HEADER, configure_logging
from shared.runtime import Runtime
from shared.web import create_service_app


class Flaky:
    """A use case that fails unexpectedly the first `failures` times it runs."""

    def __init__(self, failures: int) -> None:
        self.failures = failures
        self.runs = 0

    def __call__(self) -> dict[str, int]:
        self.runs += 1
        if self.runs <= self.failures:
            raise RuntimeError("the disk caught fire")
        return {"run": self.runs}


@pytest.fixture
def service(settings_for, clock):
    flaky = Flaky(failures=1)
    router = APIRouter(prefix="/api/v1/things", tags=["things"])

    @router.post("", status_code=201)
    def create_thing() -> dict[str, int]:
        return flaky()

    settings = settings_for("portal")
    app = create_service_app(
        title="flaky", runtime_factory=lambda: Runtime.build(settings, clock=clock), routers=[router]
    )
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    with TestClient(app, raise_server_exceptions=False) as client:
        root.handlers[:] = handlers  # the lifespan's stdout handler belongs to this fixture's capture
        yield client, flaky
    root.handlers[:] = handlers
    root.setLevel(level)


def test_an_unexpected_error_answers_500_quoting_the_request_id_which_its_log_line_carries(service, capsys):
    client, _flaky = service
    configure_logging("flaky", "INFO")
    response = client.post("/api/v1/things", json={}, headers={REQUEST_ID_HEADER: "req-boom-7"})

    assert response.status_code == 500
    said = response.json()
    assert "req-boom-7" in said["detail_en"] and "nothing was changed" in said["detail_en"]
    assert (
        said["detail"] == said["detail_fr"]
        and "req-boom-7" in said["detail"]
        and "rien n'a été modifié" in said["detail"]
    )
    assert response.headers[REQUEST_ID_HEADER] == "req-boom-7"
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    errors = [line for line in lines if line["level"] == "ERROR"]
    assert len(errors) == 1
    assert errors[0]["request_id"] == "req-boom-7" and "the disk caught fire" in errors[0]["error"]
    metrics = client.get("/metrics").text
    assert 'http_requests_total{method="POST",route="/api/v1/things",status="500"} 1.0' in metrics


def test_a_post_that_crashed_can_be_retried_with_the_same_idempotency_key(service):
    client, flaky = service
    key = {"Idempotency-Key": "retry-after-crash"}
    assert client.post("/api/v1/things", json={}, headers=key).status_code == 500
    retried = client.post("/api/v1/things", json={}, headers=key)
    assert (retried.status_code, retried.json()) == (201, {"run": 2})
    replayed = client.post("/api/v1/things", json={}, headers=key)
    assert (replayed.status_code, replayed.json()) == (201, {"run": 2})
    assert flaky.runs == 2
