"""The web app's forms as a browser fills them, for tests over HTTP (a TestClient or an httpx client on a running
platform): the CSRF token a page's forms carry, and signing in through the sign-in form."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from shared.demo import DEMO_PASSWORD

CSRF_FIELD = re.compile(r'name="csrf" value="([^"]+)"')


def csrf_of(page: str) -> str:
    """The CSRF token of the page's forms."""
    match = CSRF_FIELD.search(page)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


def sign_in(client: httpx.Client, email: str, password: str = DEMO_PASSWORD) -> None:
    """Through the sign-in form: the client keeps the session's cookie."""
    page = client.get("/sign-in")
    form = {"email": email, "password": password, "csrf": csrf_of(page.text), "next": "/"}
    answer = client.post("/sign-in", data=form)
    assert answer.status_code == 303, answer.text


@contextmanager
def web_session(base_url: str, email: str, password: str = DEMO_PASSWORD) -> Iterator[httpx.Client]:
    """A session of the web app at `base_url` (a running platform), signed in through its form as a person is."""
    with httpx.Client(base_url=base_url, timeout=30) as client:
        sign_in(client, email, password)
        yield client
