"""A service token refused with 401 by the service it reads from (its key rotated away, say) is dropped and the
read tried once more with a new one; a second refusal is the owner's 503, not a loop. The portal's token
endpoint and the owner are stand-ins (httpx.MockTransport); time is a number the test moves."""

from __future__ import annotations

import httpx
import pytest

from shared.fresh_reads import FreshReader, ServiceUnavailable, client_credentials_token

TOKEN_URL = "http://portal/api/v1/auth/token"


class Portal:
    def __init__(self) -> None:
        self.issued: list[str] = []

    def answer(self, request: httpx.Request) -> httpx.Response:
        token = f"token-{len(self.issued) + 1}"
        self.issued.append(token)
        return httpx.Response(200, json={"access_token": token, "token_type": "bearer", "expires_in": 3600})


class Intake:
    """Accepts only the tokens in `accepted`; records every token it was sent."""

    def __init__(self, *accepted: str) -> None:
        self.accepted = set(accepted)
        self.seen: list[str] = []

    def answer(self, request: httpx.Request) -> httpx.Response:
        token = request.headers["authorization"].removeprefix("Bearer ")
        self.seen.append(token)
        if token not in self.accepted:
            return httpx.Response(401, json={"detail": "the token was signed by an unknown key"})
        return httpx.Response(200, json={"id": "c1"})


def reader(portal: Portal, intake: Intake) -> FreshReader:
    def route(request: httpx.Request) -> httpx.Response:
        return portal.answer(request) if request.url.host == "portal" else intake.answer(request)

    client = httpx.Client(transport=httpx.MockTransport(route))
    token = client_credentials_token(client, TOKEN_URL, "dunning", "secret", monotonic=lambda: 1000.0)
    return FreshReader(service="intake", base_url="http://intake", client=client, token=token)


def test_a_token_refused_with_401_is_renewed_once_and_the_new_one_kept():
    portal, intake = Portal(), Intake("token-2")
    fresh = reader(portal, intake)
    assert fresh.read("/api/v1/creditors/c1") == {"id": "c1"}
    assert intake.seen == ["token-1", "token-2"] and portal.issued == ["token-1", "token-2"]
    assert fresh.read("/api/v1/creditors/c1") == {"id": "c1"}
    assert intake.seen[-1] == "token-2" and len(portal.issued) == 2  # the renewed token is kept, well before expiry


def test_a_second_401_is_reported_unavailable_without_asking_again_and_again():
    portal, intake = Portal(), Intake()
    fresh = reader(portal, intake)
    with pytest.raises(ServiceUnavailable):
        fresh.read("/api/v1/creditors/c1")
    assert intake.seen == ["token-1", "token-2"] and len(portal.issued) == 2


def test_a_token_renewed_by_another_caller_meanwhile_is_not_dropped():
    portal = Portal()
    client = httpx.Client(transport=httpx.MockTransport(portal.answer))
    source = client_credentials_token(client, TOKEN_URL, "legal", "secret", monotonic=lambda: 1000.0)
    first = source()
    source.invalidate(first)
    second = source()
    source.invalidate(first)  # a late caller reports the old token: the new one stays
    assert source() == second != first and len(portal.issued) == 2
