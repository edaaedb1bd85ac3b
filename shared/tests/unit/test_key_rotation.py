"""The verifier through a signing-key rotation: keys picked by `kid`, the JWKS cached for a TTL, a `kid` it does
not hold fetched again at most once per interval, a key that left the JWKS refused. The portal is a stand-in
JWKS endpoint (httpx.MockTransport) and time is a number the test moves."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

import httpx
import jwt
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from shared.auth import InvalidToken, Principal, Role, SigningKey, TokenVerifier
from shared.deps import PrincipalDep
from shared.jwks import KeysUnavailable
from shared.web_errors import install_error_handlers

URL = "http://portal.test/.well-known/jwks.json"
TTL = 300.0
REFETCH = 10.0


class Portal:
    """What the portal publishes, and how often it was asked."""

    def __init__(self, *keys: SigningKey) -> None:
        self.keys = list(keys)
        self.requests = 0
        self.down = False
        self.client = httpx.Client(transport=httpx.MockTransport(self._answer))

    def _answer(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        if self.down:
            return httpx.Response(503)
        return httpx.Response(200, json={"keys": [key.jwk() for key in self.keys]})


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture(scope="module")
def old() -> SigningKey:
    return SigningKey.generate()


@pytest.fixture(scope="module")
def new() -> SigningKey:
    return SigningKey.generate()


def issue(key: SigningKey) -> str:
    principal = Principal(subject="u1", role=Role.CREDITOR, creditor_id="c1")
    return key.issue(principal, issuer="recouvra-portal", audience="recouvra", now=datetime.now(UTC))


def verifier_of(portal: Portal, clock: Clock) -> TokenVerifier:
    return TokenVerifier(
        issuer="recouvra-portal",
        audience="recouvra",
        jwks_url=URL,
        jwks_ttl_s=TTL,
        refetch_interval_s=REFETCH,
        client=portal.client,
        monotonic=clock,
    )


def test_through_a_rotation_both_keys_verify_while_published_and_the_old_one_is_refused_once_dropped(old, new):
    portal, clock = Portal(old), Clock()
    verifier = verifier_of(portal, clock)
    before = issue(old)
    assert verifier.verify(before).subject == "u1"
    portal.keys = [old, new]  # 1. the next key is published
    clock.now += TTL  # 2. every verifier has refreshed
    assert verifier.verify(before).subject == "u1"
    assert verifier.keys.kids == {old.kid, new.kid}
    after = issue(new)  # 3. the portal signs with the new key: the old key's tokens still verify
    assert verifier.verify(after).subject == "u1" and verifier.verify(before).subject == "u1"
    fetches = portal.requests
    portal.keys = [new]  # 4. the old key leaves the JWKS
    assert verifier.verify(before).subject == "u1"  # held until the TTL runs out, as documented
    clock.now += TTL
    with pytest.raises(InvalidToken, match="unknown key"):
        verifier.verify(before)  # even though it was verified (and cached) before
    assert verifier.verify(after).subject == "u1"
    assert portal.requests == fetches + 1


def test_a_token_verified_before_is_known_without_asking_the_portal_until_the_keys_are_due_for_a_refresh(old, new):
    """`known` is what a request's event loop calls: never any I/O, so never a verdict once the keys are stale."""
    portal, clock = Portal(old), Clock()
    verifier = verifier_of(portal, clock)
    token = issue(old)
    assert verifier.known(token) is None  # never verified: `verify` must check it (and may fetch the keys)
    assert verifier.verify(token).subject == "u1"
    fetches = portal.requests
    known = verifier.known(token)
    assert known is not None and known.subject == "u1" and portal.requests == fetches
    portal.keys = [new]  # the old key leaves the JWKS
    clock.now += TTL  # a refresh is due: `known` does not answer for a key it cannot vouch for any more
    assert verifier.known(token) is None and portal.requests == fetches
    with pytest.raises(InvalidToken, match="unknown key"):
        verifier.verify(token)


def test_a_kid_the_cache_does_not_hold_is_fetched_at_once_so_a_switch_before_the_ttl_still_verifies(old, new):
    portal, clock = Portal(old), Clock()
    verifier = verifier_of(portal, clock)
    verifier.verify(issue(old))
    portal.keys = [old, new]
    clock.now += REFETCH  # well within the TTL: the cache does not hold the new key yet
    assert verifier.verify(issue(new)).subject == "u1"
    assert portal.requests == 2


def test_a_flood_of_made_up_kids_costs_the_portal_one_request_per_interval(old):
    portal, clock = Portal(old), Clock()
    verifier = verifier_of(portal, clock)
    verifier.verify(issue(old))
    strangers = [SigningKey(SigningKey.generate().private_key, kid=f"forged-{n}") for n in range(3)]
    clock.now += REFETCH
    for _ in range(50):
        for stranger in strangers:
            with pytest.raises(InvalidToken, match="unknown key"):
                verifier.verify(issue(stranger))
    assert portal.requests == 2  # the first fetch, then one for the first unknown kid, none for the 149 others
    clock.now += REFETCH
    with pytest.raises(InvalidToken):
        verifier.verify(issue(strangers[0]))
    assert portal.requests == 3
    assert verifier.verify(issue(old)).subject == "u1"  # genuine tokens are not held up meanwhile


def test_a_token_without_a_kid_is_refused_without_asking_the_portal(old):
    portal, clock = Portal(old), Clock()
    verifier = verifier_of(portal, clock)
    verifier.verify(issue(old))
    token = jwt.encode({"sub": "u1", "role": "admin"}, old.private_key, algorithm="RS256")
    with pytest.raises(InvalidToken, match="unknown key"):
        verifier.verify(token)
    assert portal.requests == 1


def test_the_portal_down_at_a_refresh_leaves_the_keys_held_and_is_asked_again_after_the_interval(old):
    portal, clock = Portal(old), Clock()
    verifier = verifier_of(portal, clock)
    token = issue(old)
    verifier.verify(token)
    portal.down = True
    clock.now += TTL
    assert verifier.verify(issue(old)).subject == "u1"
    assert verifier.verify(issue(old)).subject == "u1"
    assert portal.requests == 2
    portal.down = False
    clock.now += REFETCH
    verifier.verify(token)
    assert portal.requests == 3


def test_a_verifier_that_never_held_a_key_refuses_while_the_portal_is_down_and_recovers_after(old):
    portal, clock = Portal(old), Clock()
    portal.down = True
    verifier = verifier_of(portal, clock)
    token = issue(old)
    for _ in range(20):
        with pytest.raises(KeysUnavailable, match="could not be fetched"):  # answered 503, not 401
            verifier.verify(token)
    assert portal.requests == 1  # bounded even before any key is held
    portal.down = False
    clock.now += 1.0
    assert verifier.verify(token).subject == "u1"


def test_a_jwks_entry_that_is_not_an_rsa_signing_key_is_skipped(old, new):
    portal, clock = Portal(old), Clock()
    verifier = verifier_of(portal, clock)
    verifier.keys.load({"keys": [old.jwk(), {**new.jwk(), "use": "enc"}, {"kid": "x", "kty": "oct", "k": "c2VjcmV0"}]})
    assert verifier.keys.kids == {old.kid}


def test_a_service_that_cannot_fetch_the_keys_answers_503_with_retry_after_not_401(old):
    """A 401 would send the client to sign in again, for nothing: the token may be perfectly good."""
    portal, clock = Portal(old), Clock()
    portal.down = True
    app = FastAPI()
    install_error_handlers(app)
    app.state.runtime = SimpleNamespace(verifier=verifier_of(portal, clock))

    @app.get("/me")
    def me(principal: PrincipalDep) -> dict[str, str]:
        return {"subject": principal.subject}

    with TestClient(app) as client:
        headers = {"Authorization": f"Bearer {issue(old)}"}
        answer = client.get("/me", headers=headers)
        assert answer.status_code == 503, answer.text
        assert answer.headers["Retry-After"] == "2"
        assert "cannot check tokens yet" in answer.text
        assert (
            client.get("/me", headers={**headers, "Accept-Language": "fr"})
            .json()["detail"]
            .startswith("ce service ne peut pas")
        )
        portal.down = False
        clock.now += 1.0
        assert client.get("/me", headers=headers).json() == {"subject": "u1"}
