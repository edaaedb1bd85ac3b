import base64
import json
from datetime import UTC, datetime, timedelta

import pytest

from shared.auth import InvalidToken, Principal, Role, SigningKey, TokenVerifier
from shared.tenancy import may_see_creditor


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return SigningKey.generate()


def make_verifier(key: SigningKey) -> TokenVerifier:
    return TokenVerifier(issuer="recouvra-portal", audience="recouvra", jwks={"keys": [key.jwk()]})


def issue(key: SigningKey, principal: Principal, **kwargs) -> str:
    return key.issue(
        principal, issuer="recouvra-portal", audience="recouvra", now=kwargs.pop("now", datetime.now(UTC)), **kwargs
    )


def test_a_token_carries_role_and_tenant_scope(key):
    principal = Principal(subject="u1", role=Role.CREDITOR, creditor_id="c1")
    verified = make_verifier(key).verify(issue(key, principal))
    assert verified.role is Role.CREDITOR
    assert verified.creditor_id == "c1"
    assert may_see_creditor(verified, "c1") and not may_see_creditor(verified, "c2")


def test_a_tampered_token_is_refused(key):
    token = issue(key, Principal(subject="u1", role=Role.CREDITOR, creditor_id="c1"))
    header, payload, signature = token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["role"] = "admin"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(InvalidToken):
        make_verifier(key).verify(f"{header}.{forged}.{signature}")


def test_an_expired_token_is_refused(key):
    token = issue(key, Principal(subject="u1", role=Role.AGENT), now=datetime.now(UTC) - timedelta(hours=2))
    with pytest.raises(InvalidToken, match="expired"):
        make_verifier(key).verify(token)


def test_a_token_signed_by_another_key_is_refused(key):
    other = SigningKey.generate()
    with pytest.raises(InvalidToken):
        make_verifier(key).verify(issue(other, Principal(subject="u1", role=Role.ADMIN)))


def test_an_unsigned_token_is_refused(key):
    header = base64.urlsafe_b64encode(b'{"alg":"none","typ":"JWT"}').rstrip(b"=").decode()
    body = base64.urlsafe_b64encode(b'{"sub":"x","role":"admin"}').rstrip(b"=").decode()
    with pytest.raises(InvalidToken, match="RS256"):
        make_verifier(key).verify(f"{header}.{body}.")


def test_the_signing_key_survives_a_round_trip_through_pem(key):
    again = SigningKey.from_pem(key.to_pem())
    assert again.kid == key.kid
    make_verifier(key).verify(issue(again, Principal(subject="u1", role=Role.ADMIN)))


def test_a_token_is_verified_once_until_it_expires_and_no_longer_once_its_key_is_gone(key, monkeypatch):
    verifier = make_verifier(key)
    token = issue(key, Principal(subject="u1", role=Role.CREDITOR, creditor_id="c1"))
    first = verifier.verify(token)
    monkeypatch.setattr("shared.auth.jwt.decode", lambda *a, **k: pytest.fail("verified twice"))
    assert verifier.verify(token) is first
    monkeypatch.undo()
    verifier.keys.load({"keys": [SigningKey.generate().jwk()]})  # the key rotated away: the token is checked again
    with pytest.raises(InvalidToken):
        verifier.verify(token)
