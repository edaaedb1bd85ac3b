"""A signing-key rotation through the real portal (docs/operations.md, JWT signing-key rotation): each step is a
redeploy of the portal with new settings on the same database, and a service's verifier fetches the portal's
JWKS over HTTP from whichever portal is running."""

from __future__ import annotations

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from fastapi.testclient import TestClient

from shared.auth import InvalidToken, SigningKey, TokenVerifier

from portal.main import create_app

ADMIN = {"grant_type": "password", "username": "admin@demo.example", "password": "demo-password"}
JWKS_URL = "http://portal/.well-known/jwks.json"
TTL = 300.0


def public_pem(key: SigningKey, *, escaped: bool = False) -> str:
    pem = key.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return pem.decode().replace("\n", "\\n") if escaped else pem.decode()


class Deployment:
    """The portal as it runs at each step, and a service's verifier reading its JWKS on a clock the test moves."""

    def __init__(self, settings_for, clock) -> None:
        self.base = settings_for("portal", seed_demo=True)  # every deployment on this database
        self.clock = clock
        self.portal: TestClient | None = None
        self.now = 0.0
        transport = httpx.MockTransport(lambda request: self._jwks())
        self.verifier = TokenVerifier(
            issuer=self.base.jwt_issuer,
            audience=self.base.jwt_audience,
            jwks_url=JWKS_URL,
            jwks_ttl_s=TTL,
            client=httpx.Client(transport=transport),
            monotonic=lambda: self.now,
        )

    def _jwks(self) -> httpx.Response:
        assert self.portal is not None
        answer = self.portal.get("/.well-known/jwks.json")
        return httpx.Response(answer.status_code, json=answer.json())

    def deploy(self, signing: SigningKey, *also: SigningKey, escaped: bool = False) -> TestClient:
        if self.portal is not None:
            self.portal.__exit__(None, None, None)
        settings = self.base.model_copy(
            update={
                "jwt_private_key_pem": signing.to_pem().decode(),
                "jwt_also_published": "\n".join(public_pem(key, escaped=escaped) for key in also),
            }
        )
        self.portal = TestClient(create_app(settings, clock=self.clock))
        self.portal.__enter__()
        return self.portal

    def token(self) -> str:
        assert self.portal is not None
        response = self.portal.post("/api/v1/auth/token", data=ADMIN)
        assert response.status_code == 200, response.text
        return str(response.json()["access_token"])

    def close(self) -> None:
        if self.portal is not None:
            self.portal.__exit__(None, None, None)


@pytest.fixture
def deployment(settings_for, clock):
    made = Deployment(settings_for, clock)
    yield made
    made.close()


def kids(portal: TestClient) -> list[str]:
    return [key["kid"] for key in portal.get("/.well-known/jwks.json").json()["keys"]]


def test_a_rotation_publishes_both_keys_signs_with_the_new_one_and_finally_refuses_the_old_ones_tokens(deployment):
    old, new = SigningKey.generate(), SigningKey.generate()
    portal = deployment.deploy(old)
    assert kids(portal) == [old.kid]
    before = deployment.token()
    assert deployment.verifier.verify(before).role == "admin"

    # 1. The next key is published, not yet used; the services learn of it within their TTL.
    portal = deployment.deploy(old, new, escaped=True)  # newlines written \n, as in an env file
    assert kids(portal) == [old.kid, new.kid]
    deployment.now += TTL
    assert deployment.verifier.verify(before).role == "admin"
    assert deployment.verifier.keys.kids == {old.kid, new.kid}

    # 2. The switch: new tokens carry the new kid; the old key's tokens still verify, at the services and the portal.
    portal = deployment.deploy(new, old)
    assert kids(portal) == [new.kid, old.kid]
    after = deployment.token()
    assert _kid(after) == new.kid and _kid(before) == old.kid
    assert deployment.verifier.verify(after).role == "admin"
    assert deployment.verifier.verify(before).role == "admin"
    assert portal.get("/api/v1/users", headers={"Authorization": f"Bearer {before}"}).status_code == 200

    # 3. After the longest token lifetime the old key is dropped: its tokens are refused everywhere.
    portal = deployment.deploy(new)
    assert kids(portal) == [new.kid]
    assert portal.get("/api/v1/users", headers={"Authorization": f"Bearer {before}"}).status_code == 401
    deployment.now += TTL
    with pytest.raises(InvalidToken, match="unknown key"):
        deployment.verifier.verify(before)
    assert deployment.verifier.verify(after).role == "admin"
    assert portal.get("/api/v1/users", headers={"Authorization": f"Bearer {after}"}).status_code == 200


def test_a_private_key_given_as_the_other_published_key_stops_the_portal_at_start(settings_for, clock):
    settings = settings_for("portal", jwt_also_published=SigningKey.generate().to_pem().decode())
    with pytest.raises(RuntimeError, match="public half"):
        create_app(settings, clock=clock)


def test_the_same_key_given_twice_is_published_once(settings_for, clock, signing_key):
    settings = settings_for("portal", jwt_also_published=public_pem(signing_key))
    with TestClient(create_app(settings, clock=clock)) as portal:
        assert kids(portal) == [signing_key.kid]
        assert "d" not in portal.get("/.well-known/jwks.json").json()["keys"][0]


def _kid(token: str) -> str:
    return str(jwt.get_unverified_header(token)["kid"])
