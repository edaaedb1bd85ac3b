"""Issue 11: the portal's users API refuses what it cannot hold with a 422 naming the parameter, never a 500."""

import pytest
from fastapi.testclient import TestClient

from shared.auth import Role

from portal.main import create_app


@pytest.fixture
def portal(settings_for, clock, issue_token):
    settings = settings_for("portal", seed_demo=True)
    with TestClient(create_app(settings, clock=clock)) as client:
        client.headers["Accept-Language"] = "en"
        client.headers["Authorization"] = f"Bearer {issue_token(Role.ADMIN)}"
        yield client


@pytest.mark.parametrize("param", ["offset", "limit"])
def test_a_page_beyond_64_bits_is_a_422_naming_the_parameter(portal, param):
    response = portal.get("/api/v1/users", params={param: "9223372036854775808"})

    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["query", param]


def test_a_page_far_beyond_the_users_is_empty(portal):
    response = portal.get("/api/v1/users", params={"offset": "1000000"})

    assert response.status_code == 200, response.text
    assert response.json()["items"] == []


@pytest.mark.parametrize(
    "form",
    [
        {"grant_type": "password", "username": "admin@demo.example\x00", "password": "demo-password"},
        {"grant_type": "password", "username": "admin@demo.example", "password": "demo\x00password"},
        {"grant_type": "client_credentials", "client_id": "demo-bailiff\x00", "client_secret": "x"},
        {"grant_type": "password", "username": "a" * 5000, "password": "demo-password"},
    ],
)
def test_a_credential_with_a_control_character_or_a_page_of_text_is_refused_before_any_look_up(portal, form):
    response = portal.post("/api/v1/auth/token", data=form)

    assert response.status_code == 400, response.text
    assert response.json()["error"] == "invalid_request"
