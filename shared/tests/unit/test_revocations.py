"""Access withdrawn before a token runs out (`shared.revocations`): the list a verifier holds, how it is read, and the
verifier refusing a withdrawn account's token, fresh or already verified, while a token issued afterwards is good."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from shared.auth import InvalidToken, Principal, Role, SigningKey, TokenVerifier
from shared.revocations import Revocations

NOW = datetime.now(UTC).replace(microsecond=0)


@pytest.fixture(scope="module")
def key() -> SigningKey:
    return SigningKey.generate()


def issued(key: SigningKey, subject: str, at: datetime) -> str:
    principal = Principal(subject=subject, role=Role.AGENT)
    return key.issue(principal, issuer="recouvra-portal", audience="recouvra", now=at)


def test_a_listed_subjects_tokens_up_to_its_instant_are_refused_and_later_ones_are_not():
    revocations = Revocations()
    revocations.load({"revoked": [{"subject": "u1", "before": 1764000000}]})
    assert revocations.refuses("u1", 1764000000) and revocations.refuses("u1", 1763990000)
    assert not revocations.refuses("u1", 1764000001), "a token issued after, once reactivated"
    assert not revocations.refuses("u2", 1763990000)


def test_a_list_that_cannot_be_read_keeps_the_one_held():
    answers = iter([{"revoked": [{"subject": "u1", "before": 10}]}, {"not": "a list"}])

    def fetch():
        answer = next(answers, None)
        if answer is None:
            raise httpx.ConnectError("the portal is restarting")
        return answer

    revocations = Revocations(fetch)
    assert revocations.refresh() is True and revocations.refuses("u1", 5)
    assert revocations.refresh() is False, "another shape"
    assert revocations.refresh() is False, "the portal out of reach"
    assert revocations.refuses("u1", 5), "what was held is kept"
    assert Revocations().refresh() is False and not Revocations().fetches


def test_a_withdrawal_made_here_holds_at_once_and_a_later_read_of_the_list_agrees_with_it():
    revocations = Revocations()
    revocations.withdraw("client:etude", 200)
    revocations.withdraw("client:etude", 100)  # an earlier instant never shortens what is refused
    assert revocations.refuses("client:etude", 200)
    revocations.load({"revoked": [{"subject": "client:etude", "before": 200}]})
    assert revocations.refuses("client:etude", 150)


def test_the_verifier_refuses_a_withdrawn_accounts_token_even_one_it_verified_before(key):
    revocations = Revocations()
    verifier = TokenVerifier(
        issuer="recouvra-portal", audience="recouvra", jwks={"keys": [key.jwk()]}, revocations=revocations
    )
    before = issued(key, "u1", NOW - timedelta(minutes=10))
    assert verifier.verify(before).subject == "u1"
    assert verifier.known(before) is not None

    revocations.withdraw("u1", (NOW - timedelta(minutes=1)).timestamp())

    assert verifier.known(before) is None, "the cached verification no longer answers"
    with pytest.raises(InvalidToken, match="access was withdrawn"):
        verifier.verify(before)
    after = issued(key, "u1", NOW)
    assert verifier.verify(after).subject == "u1", "signed in again once reactivated"
    other = issued(key, "u2", NOW - timedelta(minutes=10))
    assert verifier.verify(other).subject == "u2"
