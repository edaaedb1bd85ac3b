"""A message's self-service access: the short link every channel carries, and on paper the access code to type
beside the RF reference (`shared.access_codes`); a case without an RF reference keeps the signed link."""

from __future__ import annotations

import html
import uuid
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest

from shared.access_codes import code_valid_until, read_short_link
from shared.debtor_links import verify_link

from dunning.cases.composing import self_service_access
from dunning.config import Settings
from dunning.rendering.templates import render

KEY = "a-debtor-link-key-for-the-tests-0123456789"
NOW = datetime(2026, 3, 12, 8, 0, tzinfo=UTC)
CASE = SimpleNamespace(case_id=uuid.uuid4(), debtor_id=uuid.uuid4())


def settings() -> Settings:
    return Settings(database_url="", profile="test", public_base_url="https://pay.example", debtor_link_key=KEY)


def test_a_case_with_an_rf_reference_gets_a_short_link_whose_code_opens_it():
    url, code = self_service_access(settings(), CASE, "RF18539007547034", NOW)  # type: ignore[arg-type]  # a stand-in case
    assert code is not None and url == f"https://pay.example/d/RF18539007547034-{code.replace('-', '')}"
    assert len(url) < 60
    read = read_short_link(url.rsplit("/", 1)[1])
    assert read is not None and read[0] == "RF18539007547034"
    valid = code_valid_until(
        read[1], case_id=CASE.case_id, debtor_ids=[CASE.debtor_id], now=NOW, valid_days=60, key=KEY.encode()
    )
    assert valid is not None


def test_a_case_without_an_rf_reference_gets_the_signed_link_and_no_code():
    url, code = self_service_access(settings(), CASE, None, NOW)  # type: ignore[arg-type]  # a stand-in case
    assert code is None
    token = url.removeprefix("https://pay.example/debtor/")
    assert verify_link(token, key=KEY.encode(), now=NOW).case_id == CASE.case_id


@pytest.mark.parametrize("language, words", [("fr", "votre code d'accès"), ("en", "your access code")])
@pytest.mark.parametrize("template", ["letter-reminder", "formal-notice"])
def test_a_letter_prints_the_access_code_and_the_page_to_type_it_on(make_context, template, language, words):
    context = make_context(
        template, language=language, access_code="K7QM-4XD2", access_page="https://pay.example/debtor"
    )
    rendered = render(context)
    for body in (rendered.text, html.unescape(rendered.html or "")):
        assert words in body and "K7QM-4XD2" in body and "https://pay.example/debtor" in body


def test_an_email_carries_the_link_alone(make_context):
    context = make_context("email-courteous", access_code="K7QM-4XD2", access_page="https://pay.example/debtor")
    rendered = render(context)
    assert "K7QM-4XD2" not in rendered.text and context.self_service_url in rendered.text


@pytest.mark.parametrize("language, words", [("fr", "le code d'accès K7QM-4XD2"), ("en", "the access code K7QM-4XD2")])
def test_the_phone_script_gives_the_agent_the_reference_and_the_code_to_read_out(make_context, language, words):
    context = make_context(
        "phone-script", language=language, access_code="K7QM-4XD2", access_page="https://pay.example/debtor"
    )
    text = render(context).text
    assert words in text and "RF18 5390 0754 7034" in text and "https://pay.example/debtor" in text
