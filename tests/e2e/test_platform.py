"""The platform's foundation, tried as a new user would: readiness, tokens, topics, events across services,
the clock, and a restart that finds the data again (last: it restarts the shared platform)."""

import uuid
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from kafka.admin import KafkaAdminClient

from shared.auth import Principal, Role, SigningKey
from shared.topics import all_topics

pytestmark = pytest.mark.e2e
SERVICES = ("portal", "intake", "scoring", "dunning", "legal")


def test_every_service_is_ready_within_90_seconds(platform):
    assert platform.startup_seconds < 90
    for service in SERVICES:
        ready = httpx.get(f"{platform.url(service)}/readyz").json()
        assert ready["checks"] == {"database": True, "broker": True}


def test_the_creditor_token_is_accepted_by_all_five_services_and_a_forged_one_by_none(platform):
    creditor = platform.sign_in("creditor@demo.example")
    for service in SERVICES:
        assert httpx.get(f"{platform.url(service)}/api/v1/admin/clock", headers=creditor).status_code == 200, service
    token = creditor["Authorization"].removeprefix("Bearer ")
    header, payload, signature = token.split(".")
    tampered = f"{header}.{payload}.{signature[:-4]}{'AAAA' if not signature.endswith('AAAA') else 'BBBB'}"
    key = SigningKey.from_pem((platform.var_dir / "keys" / "jwt-signing-key.pem").read_bytes())
    expired = key.issue(
        Principal(subject="x", role=Role.ADMIN),
        issuer="recouvra-portal",
        audience="recouvra",
        now=datetime.now(UTC) - timedelta(hours=2),
    )
    for service in SERVICES:
        for bad in (tampered, expired):
            response = httpx.get(
                f"{platform.url(service)}/api/v1/admin/clock", headers={"Authorization": f"Bearer {bad}"}
            )
            assert response.status_code == 401, service


def test_the_platform_topics_exist_with_their_partitions(platform):
    admin = KafkaAdminClient(bootstrap_servers=f"127.0.0.1:{platform.kafka_port}")
    try:
        described = {t["name"]: len(t["partitions"]) for t in admin.describe_topics(list(all_topics()))}
    finally:
        admin.close()
    assert described == all_topics()


def test_an_event_published_by_intake_is_consumed_by_the_portal_through_the_gateway(platform):
    admin = platform.sign_in("admin@demo.example")
    created = httpx.post(
        f"{platform.url()}/api/v1/creditors",
        headers=admin,
        json={"name": "Boulangerie Martin SARL", "siren": "542051180"},
    )
    assert created.status_code == 201, created.text
    creditor_id = created.json()["id"]
    # The portal accepts a user for this creditor only once it has consumed intake's creditor.registered.
    user = {
        "email": f"compta-{uuid.uuid4().hex[:6]}@martin.example",
        "password": "a-long-password-1",
        "role": "creditor",
        "creditor_id": creditor_id,
    }
    response = platform.eventually(
        lambda: (r := httpx.post(f"{platform.url()}/api/v1/users", headers=admin, json=user)).status_code == 201 and r
    )
    assert response, "the portal never learnt of the new creditor"
    own = platform.sign_in(user["email"], user["password"])
    listing = httpx.get(f"{platform.url()}/api/v1/creditors", headers=own).json()
    assert [c["id"] for c in listing["items"]] == [creditor_id]


def test_the_admin_moves_the_clock_of_every_service_at_once(platform):
    admin = platform.sign_in("admin@demo.example")
    response = httpx.put(
        f"{platform.url()}/api/v1/admin/clock", headers=admin, json={"now": "2027-01-15T10:00:00+01:00"}
    )
    assert response.status_code == 200, response.text
    for service in SERVICES:
        now = httpx.get(f"{platform.url(service)}/api/v1/admin/clock", headers=admin).json()["now"]
        assert now == "2027-01-15T09:00:00Z", service
    httpx.put(f"{platform.url()}/api/v1/admin/clock", headers=admin, json={"now": None})


def test_a_restarted_platform_finds_its_data_again(platform):
    admin = platform.sign_in("admin@demo.example")
    body = {"name": f"Fromagerie {uuid.uuid4().hex[:6]} SAS", "siren": a_siren()}
    created = httpx.post(f"{platform.url()}/api/v1/creditors", headers=admin, json=body)
    assert created.status_code == 201, created.text
    output = platform.stop()
    assert "Recouvra is running" in output
    platform.start()
    admin = platform.sign_in("admin@demo.example")
    again = httpx.get(f"{platform.url()}/api/v1/creditors/{created.json()['id']}", headers=admin)
    assert again.status_code == 200, again.text
    assert again.json()["name"] == body["name"]


def a_siren() -> str:
    """A random SIREN with its Luhn key: nine digits no other test uses."""
    digits = [int(d) for d in f"{uuid.uuid4().int % 10**8:08d}"]
    total = sum(d if i % 2 == 0 else (2 * d - 9 if 2 * d > 9 else 2 * d) for i, d in enumerate(reversed(digits), 1))
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)
