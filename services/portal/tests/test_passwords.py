"""New passwords: at least 12 characters and not guessable (zxcvbn's lists of common and breached passwords,
patterns, the user's e-mail and the product name), refused in French and English; the demo accounts keep their
documented password; an e-mail raced by two requests answers 409, not a 500."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from fastapi.testclient import TestClient

from portal.main import create_app


@pytest.fixture
def portal(settings_for, clock):
    settings = settings_for("portal", seed_demo=True)
    with TestClient(create_app(settings, clock=clock)) as client:
        yield client


@pytest.fixture
def admin(portal) -> dict[str, str]:
    response = portal.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": "admin@demo.example", "password": "demo-password"},
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def new_user(portal, admin, password: str, email: str = "compta.dupont@client.example", language: str = "fr"):
    return portal.post(
        "/api/v1/users",
        json={"email": email, "password": password, "role": "agent"},
        headers=admin | {"Accept-Language": language},
    )


@pytest.mark.parametrize(
    "password",
    [
        "aaaaaaaaaaaa",  # twelve a: long enough, guessed at once
        "password1234",  # in every breached-password list
        "azertyuiop123",  # a French keyboard row
        "compta.dupont@client.example",  # the e-mail itself
        "compta.dupont2026!",  # its local part, dressed up
        "Recouvra2026!",  # the product name
        "recouvrarecouvra",
    ],
    ids=["twelve a", "breached", "keyboard row", "e-mail", "local part", "product name", "product name twice"],
)
def test_a_guessable_password_is_refused_with_a_422_in_both_languages(portal, admin, password):
    refused = new_user(portal, admin, password)
    assert refused.status_code == 422, refused.text
    body = refused.json()
    assert body["detail"].startswith("password : ") and body["detail_en"].startswith("password: ")
    assert body.get("field", "password") == "password"


def test_a_password_of_unrelated_words_is_accepted_and_signs_in(portal, admin):
    created = new_user(portal, admin, "gravier-ondée-ficelle-47")
    assert created.status_code == 201, created.text
    token = portal.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "password",
            "password": "gravier-ondée-ficelle-47",
            "username": "compta.dupont@client.example",
        },
    )
    assert token.status_code == 200


def test_the_demo_accounts_keep_their_documented_password(portal):
    for login in ("creditor@demo.example", "agent@demo.example", "admin@demo.example"):
        response = portal.post(
            "/api/v1/auth/token", data={"grant_type": "password", "username": login, "password": "demo-password"}
        )
        assert response.status_code == 200, (login, response.text)


def test_one_e_mail_created_by_ten_requests_at_once_answers_201_once_and_409_to_the_others(portal, admin):
    start = threading.Barrier(10, timeout=30)

    def create(_: int) -> int:
        start.wait()
        try:
            return new_user(portal, admin, "gravier-ondée-ficelle-47", email="course@client.example").status_code
        except Exception as problem:  # the TestClient re-raises what the app did not answer
            return type(problem).__name__  # type: ignore[return-value]  # the exception's name stands in for a status

    with ThreadPoolExecutor(max_workers=10) as pool:
        statuses = sorted(pool.map(create, range(10), timeout=120), key=str)
    assert statuses == [201] + [409] * 9, statuses
