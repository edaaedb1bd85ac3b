"""The whole platform started the way `make run` starts it (the `recouvra run` command, in a process of
its own, on free ports and a temporary data folder), used only through HTTP and the broker."""

import os
import signal
import subprocess
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from kafka.admin import KafkaAdminClient

from shared.auth import Principal, Role, SigningKey
from shared.stack.broker import free_port
from shared.topics import all_topics

pytestmark = pytest.mark.e2e
SERVICES = ("portal", "intake", "scoring", "dunning", "legal")


class Platform:
    def __init__(self, var_dir: Path) -> None:
        base = free_port()
        while any(_busy(base + i) for i in range(1, 5)):
            base = free_port()
        self.ports = {name: base + i for i, name in enumerate(SERVICES)}
        self.kafka_port, self.pg_port = free_port(), free_port()
        self.var_dir = var_dir
        self.process: subprocess.Popen[str] | None = None

    def url(self, service: str = "portal") -> str:
        return f"http://127.0.0.1:{self.ports[service]}"

    def start(self) -> float:
        env = {**os.environ, "RECOUVRA_VAR_DIR": str(self.var_dir), "RECOUVRA_PORT_BASE": str(self.ports["portal"]),
               "RECOUVRA_KAFKA_PORT": str(self.kafka_port), "RECOUVRA_PG_PORT": str(self.pg_port)}
        started = time.monotonic()
        self.process = subprocess.Popen([sys.executable, "-m", "shared.stack.cli", "run"], env=env, text=True,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = started + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError("the platform exited at start:\n" + self.process.stdout.read())
            if all(_ready(self.url(s)) for s in SERVICES):
                return time.monotonic() - started
            time.sleep(0.3)
        raise AssertionError("the platform was not ready within 120 s")

    def stop(self) -> str:
        assert self.process is not None
        self.process.send_signal(signal.SIGINT)
        output, _ = self.process.communicate(timeout=60)
        return output


def _busy(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _ready(url: str) -> bool:
    try:
        return httpx.get(f"{url}/readyz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


def sign_in(platform: Platform, username: str, password: str = "demo-password") -> dict[str, str]:
    response = httpx.post(f"{platform.url()}/api/v1/auth/token",
                          data={"grant_type": "password", "username": username, "password": password})
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def eventually(check, timeout_s: float = 15.0):
    deadline = time.monotonic() + timeout_s
    while True:
        result = check()
        if result or time.monotonic() > deadline:
            return result
        time.sleep(0.1)


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    platform = Platform(Path(tmp_path_factory.mktemp("platform")))
    platform.startup_seconds = platform.start()
    yield platform
    if platform.process and platform.process.poll() is None:
        platform.stop()


def test_every_service_is_ready_within_90_seconds(platform):
    assert platform.startup_seconds < 90
    for service in SERVICES:
        ready = httpx.get(f"{platform.url(service)}/readyz").json()
        assert ready["checks"] == {"database": True, "broker": True}


def test_the_creditor_token_is_accepted_by_all_five_services_and_a_forged_one_by_none(platform):
    creditor = sign_in(platform, "creditor@demo.example")
    for service in SERVICES:
        assert httpx.get(f"{platform.url(service)}/api/v1/admin/clock", headers=creditor).status_code == 200, service
    token = creditor["Authorization"].removeprefix("Bearer ")
    header, payload, signature = token.split(".")
    tampered = f"{header}.{payload}.{signature[:-4]}{'AAAA' if not signature.endswith('AAAA') else 'BBBB'}"
    key = SigningKey.from_pem((platform.var_dir / "keys" / "jwt-signing-key.pem").read_bytes())
    expired = key.issue(Principal(subject="x", role=Role.ADMIN), issuer="recouvra-portal", audience="recouvra",
                        now=datetime.now(UTC) - timedelta(hours=2))
    for service in SERVICES:
        for bad in (tampered, expired):
            response = httpx.get(f"{platform.url(service)}/api/v1/admin/clock", headers={"Authorization": f"Bearer {bad}"})
            assert response.status_code == 401, service


def test_the_platform_topics_exist_with_their_partitions(platform):
    admin = KafkaAdminClient(bootstrap_servers=f"127.0.0.1:{platform.kafka_port}")
    try:
        described = {t["name"]: len(t["partitions"]) for t in admin.describe_topics(list(all_topics()))}
    finally:
        admin.close()
    assert described == all_topics()


def test_an_event_published_by_intake_is_consumed_by_the_portal_through_the_gateway(platform):
    admin = sign_in(platform, "admin@demo.example")
    created = httpx.post(f"{platform.url()}/api/v1/creditors", headers=admin,
                         json={"name": "Boulangerie Martin SARL", "siren": "542051180"})
    assert created.status_code == 201, created.text
    creditor_id = created.json()["id"]
    # The portal accepts a user for this creditor only once it has consumed intake's creditor.registered.
    user = {"email": f"compta-{uuid.uuid4().hex[:6]}@martin.example", "password": "a-long-password-1",
            "role": "creditor", "creditor_id": creditor_id}
    response = eventually(lambda: (r := httpx.post(f"{platform.url()}/api/v1/users", headers=admin, json=user))
                          .status_code == 201 and r)
    assert response, "the portal never learnt of the new creditor"
    own = sign_in(platform, user["email"], user["password"])
    listing = httpx.get(f"{platform.url()}/api/v1/creditors", headers=own).json()
    assert [c["id"] for c in listing["items"]] == [creditor_id]
    platform.new_user = user


def test_the_admin_moves_the_clock_of_every_service_at_once(platform):
    admin = sign_in(platform, "admin@demo.example")
    response = httpx.put(f"{platform.url()}/api/v1/admin/clock", headers=admin, json={"now": "2027-01-15T10:00:00+01:00"})
    assert response.status_code == 200, response.text
    for service in SERVICES:
        now = httpx.get(f"{platform.url(service)}/api/v1/admin/clock", headers=admin).json()["now"]
        assert now == "2027-01-15T09:00:00Z", service
    httpx.put(f"{platform.url()}/api/v1/admin/clock", headers=admin, json={"now": None})


def test_a_restarted_platform_finds_its_data_again(platform):
    output = platform.stop()
    assert "Recouvra is running" in output
    platform.start()
    own = sign_in(platform, platform.new_user["email"], platform.new_user["password"])
    assert httpx.get(f"{platform.url()}/api/v1/creditors", headers=own).json()["total"] == 1
