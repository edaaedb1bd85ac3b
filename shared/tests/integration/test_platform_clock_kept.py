"""A service restarted after the platform clock was set takes the instant back (found by `make proof`: a
restarted service read the machine's clock, and its workers ran on the wrong day, until the clock was set again)."""

from fastapi.testclient import TestClient

from scoring.main import create_app

UNSET = object()


def clock_of(settings, verifier, token, *, put=UNSET):
    with TestClient(create_app(settings, verifier=verifier)) as client:  # no injected clock: as `make run` starts it
        headers = {"Authorization": f"Bearer {token}"}
        if put is not UNSET:
            assert client.put("/api/v1/admin/clock", json={"now": put}, headers=headers).status_code == 200
        return client.get("/api/v1/admin/clock", headers=headers).json()


def test_a_restarted_service_reads_the_instant_it_was_set_to_and_follows_the_machine_once_released(
    settings_for, verifier, issue_token
):
    settings, admin = settings_for("scoring"), issue_token("admin")
    assert clock_of(settings, verifier, admin)["frozen"] is False
    clock_of(settings, verifier, admin, put="2027-01-15T10:00:00+01:00")

    assert clock_of(settings, verifier, admin) == {"now": "2027-01-15T09:00:00Z", "frozen": True}  # restarted

    clock_of(settings, verifier, admin, put=None)
    assert clock_of(settings, verifier, admin)["frozen"] is False
