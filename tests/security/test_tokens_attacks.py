"""Forged bearer tokens, sent to a real route of each of the five services: an expired token, a tampered one (its
role raised to admin), an unsigned one (`alg: none`) and one signed with HS256 using the portal's *public* key as
the HMAC secret (the classic algorithm confusion), one signed by another key under the portal's `kid` and one under a
`kid` the portal never published are all refused with 401, while the genuine token is let in."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives import serialization

from shared.auth import Principal, Role, SigningKey
from workbench.testing.fixtures import AUDIENCE, ISSUER

SERVICES = ("portal", "intake", "scoring", "dunning", "legal")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _parts(token: str) -> tuple[dict[str, object], dict[str, object], str]:
    header, payload, signature = token.split(".")
    return (
        json.loads(base64.urlsafe_b64decode(header + "==")),
        json.loads(base64.urlsafe_b64decode(payload + "==")),
        signature,
    )


def _expired(genuine: str, issue_token: Callable[..., str], key: SigningKey) -> str:
    return issue_token(Role.ADMIN, lifetime=timedelta(seconds=-60))


def _tampered(genuine: str, issue_token: Callable[..., str], key: SigningKey) -> str:
    header, claims, signature = _parts(genuine)
    claims["role"] = Role.ADMIN.value
    return f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}.{signature}"


def _unsigned(genuine: str, issue_token: Callable[..., str], key: SigningKey) -> str:
    header, claims, _ = _parts(genuine)
    header["alg"] = "none"
    claims["role"] = Role.ADMIN.value
    return f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}."


def _hs256_with_the_public_key(genuine: str, issue_token: Callable[..., str], key: SigningKey) -> str:
    header, claims, _ = _parts(genuine)
    header["alg"] = "HS256"
    claims["role"] = Role.ADMIN.value
    signing_input = f"{_b64(json.dumps(header).encode())}.{_b64(json.dumps(claims).encode())}"
    public_pem = key.private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    signature = hmac.new(public_pem, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


def _another_key_under_the_portals_kid(genuine: str, issue_token: Callable[..., str], key: SigningKey) -> str:
    impostor = SigningKey(SigningKey.generate().private_key, kid=key.kid)
    return impostor.issue(Principal(subject="intruder", role=Role.ADMIN), issuer=ISSUER, audience=AUDIENCE, now=_now())


def _a_made_up_kid(genuine: str, issue_token: Callable[..., str], key: SigningKey) -> str:
    """A key the portal never published (the verifier fetches the JWKS again, bounded, and still does not find it)."""
    impostor = SigningKey(SigningKey.generate().private_key, kid="rotated-in-by-an-intruder")
    return impostor.issue(Principal(subject="intruder", role=Role.ADMIN), issuer=ISSUER, audience=AUDIENCE, now=_now())


def _now() -> datetime:
    return datetime.now(UTC)


FORGERIES = {
    "expired": _expired,
    "tampered": _tampered,
    "alg-none": _unsigned,
    "hs256-with-the-public-key": _hs256_with_the_public_key,
    "another-key-under-the-portals-kid": _another_key_under_the_portals_kid,
    "a-made-up-kid": _a_made_up_kid,
}


def _a_route_for_any_agent(platform, service: str) -> str:
    """A real read route of the service that an agent may call, with creditor A's ids in its path."""
    for op in platform.operations(service):
        if op.method == "GET" and op.admits(Role.AGENT) and all(p in platform.ids for p in op.params("path")):
            return str(op.path.format(**{name: platform.ids[name] for name in op.params("path")}))
    raise AssertionError(f"{service} has no GET route an agent may call: the walk is broken")


@pytest.mark.parametrize("forgery", FORGERIES)
@pytest.mark.parametrize("service", SERVICES)
def test_a_forged_or_expired_token_is_refused_with_401_by_every_service(
    platform, issue_token, signing_key, service, forgery
):
    client, url = platform.clients[service], _a_route_for_any_agent(platform, service)
    genuine = issue_token(Role.AGENT)
    assert client.get(url, headers={"Authorization": f"Bearer {genuine}"}).status_code not in (401, 403), url
    forged = FORGERIES[forgery](genuine, issue_token, signing_key)
    response = client.get(url, headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401, f"{service} GET {url} with a {forgery} token: {response.status_code}"
    assert response.headers.get("www-authenticate") == "Bearer"
