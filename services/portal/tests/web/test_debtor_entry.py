"""From paper to the debtor's page: the short link a message carries, or the payment reference and the access code
typed on /debtor, open a signed link to the case's page; a wrong code opens nothing, says so without saying whether
the reference exists, and repeated attempts are throttled like a sign-in."""

from __future__ import annotations

import html
import uuid
from datetime import timedelta

import pytest

from shared.access_codes import access_code
from shared.debtor_links import verify_link
from shared.demo import DEMO_CREDITOR_ID

from portal.web.formatting import grouped

KEY = "a-test-debtor-link-key"


@pytest.fixture
def portal(portal_for, intake_url):
    return portal_for(service_urls={"intake": intake_url}, login_max_failures=3)


@pytest.fixture
def opened(portal, issue_token, new_case):
    creditor = {"Authorization": f"Bearer {issue_token('creditor', creditor_id=DEMO_CREDITOR_ID)}"}

    def open_case(reference: str) -> dict[str, object]:
        answer = portal.post("/api/v1/cases", json=new_case(reference, amount="640.00"), headers=creditor)
        assert answer.status_code == 201, answer.text
        return answer.json()

    return open_case


def code_of(case: dict, clock, *, debtor: str | None = None) -> str:
    debtor_id = uuid.UUID(debtor or case["debtor"]["id"])
    return access_code(case_id=uuid.UUID(case["id"]), debtor_id=debtor_id, issued_at=clock.now(), key=KEY.encode())


def typed(portal, csrf_of, reference: str, code: str):
    token = csrf_of(portal.get("/debtor").text)
    return portal.post("/debtor", data={"reference": reference, "code": code, "csrf": token})


def test_the_short_link_of_a_letter_opens_the_case_page_for_as_long_as_the_code_is_valid(portal, opened, clock):
    case = opened("PAPER-0001")
    code = code_of(case, clock)

    answer = portal.get(f"/d/{case['rf_reference']}-{code.replace('-', '')}")

    assert answer.status_code == 303, answer.text
    token = answer.headers["location"].removeprefix("/debtor/")
    link = verify_link(token, key=KEY.encode(), now=clock.now())
    assert str(link.case_id) == case["id"] and link.expires_at >= clock.now() + timedelta(days=60)
    page = portal.get(answer.headers["location"])
    assert page.status_code == 200 and "PAPER-0001" in page.text and "640,00" in page.text
    assert answer.headers["X-Robots-Tag"] == "noindex, nofollow"


def test_the_reference_and_the_code_typed_as_printed_or_loosely_open_the_case(portal, opened, clock, csrf_of):
    case = opened("PAPER-0002")
    code = code_of(case, clock)
    form = portal.get("/debtor")
    assert form.status_code == 200 and "Code d'accès" in html.unescape(form.text)
    assert "Référence de paiement" in form.text

    printed = typed(portal, csrf_of, grouped(case["rf_reference"]), code)
    loosely = typed(portal, csrf_of, case["rf_reference"].lower(), code.lower().replace("-", " ").replace("0", "o"))

    for answer in (printed, loosely):
        assert answer.status_code == 303, answer.text
        assert "PAPER-0002" in portal.get(answer.headers["location"]).text


def test_a_wrong_code_or_another_cases_code_opens_nothing_and_does_not_say_whether_the_reference_exists(
    portal, opened, clock, csrf_of
):
    case, other = opened("PAPER-0003"), opened("PAPER-0004")

    wrong = typed(portal, csrf_of, case["rf_reference"], "ABCD-EFGH")
    foreign = typed(portal, csrf_of, case["rf_reference"], code_of(other, clock))
    unknown = typed(portal, csrf_of, "RF18539007547034", code_of(case, clock))
    short = portal.get(f"/d/{case['rf_reference']}-ABCDEFGH")

    for answer in (wrong, foreign, unknown, short):
        assert answer.status_code == 403
        assert "Cette référence et ce code n'ouvrent aucun dossier" in html.unescape(answer.text)
        assert "PAPER-0003" not in answer.text and "PAPER-0004" not in answer.text


def test_what_cannot_be_a_reference_or_a_code_is_said_beside_the_form(portal, csrf_of):
    no_reference = typed(portal, csrf_of, "DOS-42", "K7QM-4XD2")
    no_code = typed(portal, csrf_of, "RF18539007547034", "1234")

    assert no_reference.status_code == 422 and "elle commence par RF" in no_reference.text
    assert no_code.status_code == 422 and "il compte huit lettres et chiffres" in no_code.text
    assert 'value="RF18539007547034"' in no_code.text  # what was typed stays in the form


def test_a_code_past_its_validity_opens_nothing(portal, opened, clock):
    case = opened("PAPER-0005")
    link = f"/d/{case['rf_reference']}-{code_of(case, clock).replace('-', '')}"
    clock.set(clock.now() + timedelta(days=91))  # 60 days after the end of its 30-day period, at the latest

    assert portal.get(link).status_code == 403


def test_repeated_wrong_codes_for_a_reference_are_throttled_even_with_the_right_one_after(
    portal, opened, clock, csrf_of
):
    case = opened("PAPER-0006")
    for _ in range(3):
        assert typed(portal, csrf_of, case["rf_reference"], "ABCD-EFGH").status_code == 403

    locked = typed(portal, csrf_of, case["rf_reference"], code_of(case, clock))

    assert locked.status_code == 429 and locked.headers["Retry-After"]
    assert "Trop d'essais" in html.unescape(locked.text) and "PAPER-0006" not in locked.text
    clock.set(clock.now() + timedelta(minutes=16))
    assert typed(portal, csrf_of, case["rf_reference"], code_of(case, clock)).status_code == 303


def test_the_entry_page_speaks_english_too(portal):
    portal.cookies.set("recouvra_lang", "en")
    page = portal.get("/debtor")
    assert page.status_code == 200 and "Open your case" in page.text and "Access code" in page.text


def test_a_refused_link_points_to_the_entry_with_the_letters_code(portal):
    page = portal.get("/debtor/not-a-token")
    assert page.status_code == 403 and 'href="/debtor"' in page.text and "code d&#39;accès" in page.text
