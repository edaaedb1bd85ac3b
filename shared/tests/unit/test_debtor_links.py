"""The debtor's self-service link: signed, expiring, refused with a plain reason when altered or late."""

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta

import pytest

from shared.debtor_links import DebtorLink, InvalidLink, link_url, sign_link, verify_link

KEY = b"a-debtor-link-key-for-the-tests-0123456789"
CASE = uuid.UUID("6f1c2a4e-9a51-4f0b-8a3c-2d4e5f607182")
DEBTOR = uuid.UUID("0b3e7c1d-4c2a-4e8f-9b1a-7c6d5e4f3a21")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
EXPIRES = NOW + timedelta(days=60)


def token() -> str:
    return sign_link(case_id=CASE, debtor_id=DEBTOR, expires_at=EXPIRES, key=KEY)


def test_a_signed_link_names_its_case_and_debtor_until_it_expires():
    assert verify_link(token(), key=KEY, now=NOW) == DebtorLink(case_id=CASE, debtor_id=DEBTOR, expires_at=EXPIRES)
    assert verify_link(token(), key=KEY, now=EXPIRES - timedelta(seconds=1)).case_id == CASE


def test_the_token_is_url_safe_without_padding_and_its_payload_is_readable_json():
    body, signature = token().split(".")
    assert "=" not in token() and "/" not in token() and "+" not in token()
    payload = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    assert payload == {"v": 1, "case": str(CASE), "debtor": str(DEBTOR), "exp": int(EXPIRES.timestamp())}
    assert len(base64.urlsafe_b64decode(signature + "=")) == 32  # HMAC-SHA256


def test_an_expired_link_says_so_with_its_date_in_both_languages():
    with pytest.raises(InvalidLink) as refused:
        verify_link(token(), key=KEY, now=EXPIRES)
    assert refused.value.status_code == 403
    assert "expired on 2026-05-01" in refused.value.message
    assert refused.value.message_fr is not None and "a expiré le 01/05/2026" in refused.value.message_fr


def tampered_message(candidate: str, key: bytes = KEY) -> str:
    with pytest.raises(InvalidLink) as refused:
        verify_link(candidate, key=key, now=NOW)
    assert refused.value.status_code == 403 and refused.value.message_fr
    return refused.value.message


def test_a_link_altered_anywhere_or_signed_with_another_key_is_refused_as_altered():
    body, signature = token().split(".")
    other_case = sign_link(case_id=uuid.uuid4(), debtor_id=DEBTOR, expires_at=EXPIRES, key=KEY).split(".")[0]
    later = base64.urlsafe_b64encode(
        json.dumps({"v": 1, "case": str(CASE), "debtor": str(DEBTOR), "exp": 4_000_000_000}).encode()
    )
    candidates = [
        f"{other_case}.{signature}",  # another case under this signature
        f"{later.decode().rstrip('=')}.{signature}",  # a later expiry
        f"{body}.{signature[:-2]}",  # a cut signature
        f"{body}.{signature}!",  # a stray character the decoder would skip
        f"{body}{signature}",  # no separator
        "",
        "not a token",
    ]
    messages = {tampered_message(candidate) for candidate in candidates}
    messages.add(tampered_message(token(), key=b"another-key"))
    assert len(messages) == 1 and "altered" in messages.pop()


def test_expired_and_altered_links_read_differently():
    with pytest.raises(InvalidLink) as expired:
        verify_link(token(), key=KEY, now=EXPIRES + timedelta(days=1))
    assert expired.value.message != tampered_message(token() + "x")


def test_no_link_is_signed_or_accepted_without_a_key_or_with_a_naive_expiry():
    with pytest.raises(ValueError, match="RECOUVRA_DEBTOR_LINK_KEY"):
        sign_link(case_id=CASE, debtor_id=DEBTOR, expires_at=EXPIRES, key=b"")
    with pytest.raises(ValueError, match="RECOUVRA_DEBTOR_LINK_KEY"):
        verify_link(token(), key=b"", now=NOW)
    with pytest.raises(ValueError, match="aware"):
        sign_link(case_id=CASE, debtor_id=DEBTOR, expires_at=datetime(2026, 5, 1), key=KEY)


def test_the_link_url_is_the_portal_address_then_debtor_then_the_token():
    assert link_url("https://recouvra.example", "abc.def") == "https://recouvra.example/debtor/abc.def"
    assert link_url("https://recouvra.example/", "abc.def") == "https://recouvra.example/debtor/abc.def"
