"""The portal's pages against real services: intake (and scoring, dunning where a page needs them) on loopback
ports, their workers off, the portal in a TestClient with the demo accounts seeded."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient

from workbench.testing import web_forms

from portal.main import create_app as create_portal

DEBTOR_LINK_KEY = "a-test-debtor-link-key"


@pytest.fixture
def csrf_of() -> Callable[[str], str]:
    """`csrf_of(html)` -> the CSRF token the page's forms carry."""
    return web_forms.csrf_of


@pytest.fixture
def sign_in() -> Callable[..., None]:
    """`sign_in(client, email, password=demo)`: through the sign-in form, as a browser does."""
    return web_forms.sign_in


@pytest.fixture
def portal_for(settings_for, clock) -> Iterator[Callable[..., TestClient]]:
    """`portal_for(service_urls={...}, **settings)` -> a started portal (demo accounts seeded), https or not."""
    clients: list[TestClient] = []

    def make(*, base_url: str = "http://testserver", **overrides: object) -> TestClient:
        values: dict[str, object] = {"seed_demo": True, "debtor_link_key": DEBTOR_LINK_KEY}
        values.update(overrides)
        app = create_portal(settings_for("portal", **values), clock=clock)
        client = TestClient(app, base_url=base_url, follow_redirects=False)
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def intake_url(settings_for, clock, verifier, serve, tmp_path) -> str:
    """A real intake on a loopback port with the demo creditor and its mandate; its workers off."""
    from intake.main import create_app as create_intake

    settings = settings_for("intake", documents_dir=tmp_path / "documents", seed_demo=True)
    return serve(create_intake(settings, clock=clock, verifier=verifier))


def a_case(
    reference: str, debtor: str = "Dupont Bâtiment SARL", amount: str = "1200.00", siren: str = "552100554"
) -> dict[str, object]:
    return {
        "reference": reference,
        "kind": "b2b",
        "debtor": {"type": "company", "name": debtor, "siren": siren},
        "invoices": [
            {"number": f"{reference}-F1", "issue_date": "2026-09-01", "due_date": "2026-10-01", "amount": amount}
        ],
    }


@pytest.fixture
def new_case() -> Callable[..., dict[str, object]]:
    """`new_case(reference, debtor=..., amount=..., siren=...)` -> the body of POST /api/v1/cases."""
    return a_case


@pytest.fixture
def scoring_url(settings_for, clock, verifier, serve) -> str:
    from scoring.main import create_app as create_scoring

    return serve(create_scoring(settings_for("scoring"), clock=clock, verifier=verifier))
