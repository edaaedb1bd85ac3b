"""The platform services' own API clients: seeded by the portal from RECOUVRA_SERVICE_CLIENT_SECRET, signed in
with client credentials as `service` principals, whose token sources keep a token until shortly before expiry, or
until the service read refuses it with 401."""

import threading
import uuid

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlmodel import Session, create_engine

from shared.auth import InvalidToken, Role, SigningKey, TokenVerifier
from shared.fresh_reads import FreshReader, ServiceUnavailable, client_credentials_token
from shared.tenancy import EVERY_TENANT, may_see_creditor, scope_of
from workbench.stack.broker import free_port

from portal.api_clients.models import ApiClient
from portal.main import create_app
from portal.seed import SERVICE_CLIENT_IDS, seed_service_clients

SECRET = "a-service-client-secret-for-the-tests"
TOKEN_URL = "/api/v1/auth/token"


@pytest.fixture
def portal_settings(settings_for):
    return settings_for("portal", service_client_secret=SECRET)


@pytest.fixture
def portal(portal_settings, clock):
    with TestClient(create_app(portal_settings, clock=clock)) as client:
        yield client


def sign_in(portal, client_id: str, secret: str):
    form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    return portal.post(TOKEN_URL, data=form)


def test_each_reading_service_signs_in_as_a_service_principal_that_reads_every_creditor(portal, verifier):
    assert SERVICE_CLIENT_IDS == ("dunning", "legal")
    for client_id in SERVICE_CLIENT_IDS:
        response = sign_in(portal, client_id, SECRET)
        assert response.status_code == 200, response.text
        principal = verifier.verify(response.json()["access_token"])
        assert principal.role == Role.SERVICE and principal.subject == f"client:{client_id}"
        assert principal.creditor_id is None and principal.partner_id is None
        assert scope_of(principal) == EVERY_TENANT and may_see_creditor(principal, uuid.uuid4())
    assert sign_in(portal, "dunning", "not-the-secret").status_code == 401


def test_seeding_again_keeps_the_clients_and_a_changed_secret_replaces_the_old_one(portal, portal_settings, clock):
    engine = create_engine(portal_settings.database_url)
    with Session(engine) as session:
        seed_service_clients(session, secret=SECRET, now=clock.now())
        session.commit()
        before = session.get(ApiClient, "dunning")
        assert before is not None and before.role == "service" and before.active
        hash_before = before.secret_hash
    assert sign_in(portal, "dunning", SECRET).status_code == 200
    with Session(engine) as session:
        client = session.get(ApiClient, "dunning")
        assert client is not None and client.secret_hash == hash_before  # unchanged secret: not hashed again
        seed_service_clients(session, secret="the-rotated-secret", now=clock.now())
        session.commit()
    assert sign_in(portal, "dunning", "the-rotated-secret").status_code == 200
    assert sign_in(portal, "dunning", SECRET).status_code == 401
    with Session(engine) as session:
        seed_service_clients(session, secret="", now=clock.now())
        session.commit()
    assert sign_in(portal, "dunning", "the-rotated-secret").status_code == 401  # no secret, no service client
    engine.dispose()


def test_without_a_secret_the_portal_seeds_no_service_client(settings_for, clock):
    with TestClient(create_app(settings_for("portal"), clock=clock)) as portal:
        assert sign_in(portal, "dunning", "").status_code == 400
        assert sign_in(portal, "dunning", "anything").status_code == 401


@pytest.fixture
def portal_url(serve, portal_settings, clock) -> str:
    """The portal on a real socket: a service's token source speaks to it over HTTP."""
    return serve(create_app(portal_settings, clock=clock)) + TOKEN_URL


@pytest.fixture
def http():
    with httpx.Client() as client:
        yield client


def counting(client: httpx.Client) -> list[str]:
    seen: list[str] = []
    client.event_hooks = {"request": [lambda request: seen.append(request.url.path)], "response": []}
    return seen


def test_a_client_credentials_token_source_asks_once_then_again_shortly_before_expiry(portal_url, http, verifier):
    seen = counting(http)
    now = [1000.0]
    source = client_credentials_token(http, portal_url, "dunning", SECRET, margin_s=30, monotonic=lambda: now[0])
    first = source()
    assert verifier.verify(first).role == Role.SERVICE
    now[0] += 3600 - 31  # the portal's tokens last an hour
    assert source() == first and seen == [TOKEN_URL]
    now[0] += 1
    assert source() != first and seen == [TOKEN_URL, TOKEN_URL]


def test_callers_at_once_share_one_sign_in(portal_url, http):
    seen = counting(http)
    source = client_credentials_token(http, portal_url, "legal", SECRET)
    tokens: list[str] = []
    threads = [threading.Thread(target=lambda: tokens.append(source())) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(tokens)) == 1 and len(tokens) == 8 and seen == [TOKEN_URL]


def test_a_refused_secret_or_an_unreachable_portal_is_the_portal_unavailable(portal_url, http):
    source = client_credentials_token(http, portal_url, "dunning", "a-stale-secret")
    with pytest.raises(ServiceUnavailable) as refused:
        source()
    assert refused.value.service == "portal" and refused.value.status_code == 503
    unreachable = client_credentials_token(http, f"http://127.0.0.1:{free_port()}{TOKEN_URL}", "dunning", SECRET)
    with pytest.raises(ServiceUnavailable):
        unreachable()


def test_after_an_emergency_key_rotation_a_refused_service_token_is_renewed_once_and_the_read_succeeds(
    portal_settings, clock
):
    """The portal's key is replaced at once (a leaked key: no overlap): dunning's token, signed by the old key,
    is refused by intake with 401; dunning drops it, signs in again and reads with the new key's token."""
    current: list[TestClient] = []

    def to_portal(request: httpx.Request) -> httpx.Response:
        answer = current[-1].request(request.method, request.url.path, content=request.content, headers=request.headers)
        return httpx.Response(answer.status_code, content=answer.content, headers=answer.headers)

    portal_http = httpx.Client(transport=httpx.MockTransport(to_portal), base_url="http://portal")
    intake_verifier = TokenVerifier(
        issuer=portal_settings.jwt_issuer,
        audience=portal_settings.jwt_audience,
        jwks_url="http://portal/.well-known/jwks.json",
        client=portal_http,
    )
    intake_saw: list[int] = []

    def intake(request: httpx.Request) -> httpx.Response:
        try:
            intake_verifier.verify(request.headers["authorization"].removeprefix("Bearer "))
        except InvalidToken:
            intake_saw.append(401)
            return httpx.Response(401, json={"detail": "unknown key"})
        intake_saw.append(200)
        return httpx.Response(200, json={"id": "c1"})

    intake_http = httpx.Client(transport=httpx.MockTransport(intake))
    source = client_credentials_token(portal_http, "http://portal" + TOKEN_URL, "dunning", SECRET)
    reader = FreshReader(service="intake", base_url="http://intake", client=intake_http, token=source)

    with TestClient(create_app(portal_settings, clock=clock)) as before:
        current.append(before)
        assert reader.read("/api/v1/creditors/c1") == {"id": "c1"}
        old_token = source()
    new_key = SigningKey.generate()
    rotated = portal_settings.model_copy(update={"jwt_private_key_pem": new_key.to_pem().decode()})
    with TestClient(create_app(rotated, clock=clock)) as after:
        current.append(after)
        assert [key["kid"] for key in after.get("/.well-known/jwks.json").json()["keys"]] == [new_key.kid]
        intake_verifier.keys.load(after.get("/.well-known/jwks.json").json())  # intake's TTL has run out
        assert reader.read("/api/v1/creditors/c1") == {"id": "c1"}
        assert intake_saw == [200, 401, 200] and source() != old_token
        assert intake_verifier.verify(source()).role == Role.SERVICE
