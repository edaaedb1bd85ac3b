"""Signing in through the page: the session cookie's flags, CSRF on every form, the throttling the API has,
signing out, the language switch."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from portal.web.sessions import SESSION_COOKIE, SessionSealer, WebSession


def test_signing_in_sets_an_http_only_same_site_session_cookie_that_expires_with_the_token(portal_for, csrf_of):
    portal = portal_for()
    form = portal.get("/sign-in")

    answer = portal.post(
        "/sign-in",
        data={"email": "creditor@demo.example", "password": "demo-password", "csrf": csrf_of(form.text), "next": "/"},
    )

    assert answer.status_code == 303 and answer.headers["location"] == "/"
    cookie = next(h for h in answer.headers.get_list("set-cookie") if h.startswith(f"{SESSION_COOKIE}="))
    flags = {part.strip().split("=")[0].lower() for part in cookie.split(";")}
    assert {"httponly", "max-age", "path"} <= flags
    assert "samesite=lax" in cookie.lower()
    assert "secure" not in flags  # the public URL is http here
    assert "Max-Age=3600" in cookie
    assert portal.get("/", follow_redirects=False).headers["location"] == "/cases"


def test_on_an_https_public_url_the_session_cookie_is_secure(portal_for, csrf_of):
    portal = portal_for(public_base_url="https://recouvra.example", base_url="https://testserver")
    form = portal.get("/sign-in")

    answer = portal.post(
        "/sign-in",
        data={"email": "agent@demo.example", "password": "demo-password", "csrf": csrf_of(form.text), "next": "/"},
    )

    cookie = next(h for h in answer.headers.get_list("set-cookie") if h.startswith(f"{SESSION_COOKIE}="))
    assert "secure" in {part.strip().lower() for part in cookie.split(";")}


def test_a_form_without_its_csrf_token_is_refused(portal_for, sign_in, csrf_of):
    portal = portal_for()
    portal.get("/sign-in")

    forged_sign_in = portal.post("/sign-in", data={"email": "creditor@demo.example", "password": "demo-password"})
    sign_in(portal, "creditor@demo.example")
    forged_sign_out = portal.post("/sign-out", data={"csrf": "not-the-token"})
    still_in = portal.get("/cases", follow_redirects=False)

    assert forged_sign_in.status_code == 403 and "Formulaire expiré" in forged_sign_in.text
    assert SESSION_COOKIE not in forged_sign_in.headers.get("set-cookie", "")
    assert forged_sign_out.status_code == 403
    assert still_in.status_code != 303  # the forged sign-out changed nothing


def test_a_wrong_password_says_so_and_repeated_failures_are_throttled(portal_for, csrf_of):
    portal = portal_for(login_max_failures=2)
    token = csrf_of(portal.get("/sign-in").text)
    wrong = {"email": "creditor@demo.example", "password": "not-this-one", "csrf": token}

    first = portal.post("/sign-in", data=wrong)
    portal.post("/sign-in", data=wrong)
    locked = portal.post("/sign-in", data={**wrong, "password": "demo-password"})

    assert first.status_code == 401 and "mot de passe est incorrect" in first.text
    assert locked.status_code == 429 and "Trop de tentatives" in locked.text
    assert locked.headers["Retry-After"]


def test_pages_need_a_session_and_an_altered_or_expired_session_is_none(portal_for, sign_in):
    portal = portal_for()
    sealer: SessionSealer = portal.app.state.web.sealer
    expired = WebSession(
        token="x",
        csrf="y",
        role="creditor",
        creditor_id=None,
        email="a@b.c",
        expires_at=int(datetime.now(UTC).timestamp()) - 1,
    )

    anonymous = portal.get("/cases")
    portal.cookies.set(SESSION_COOKIE, sealer.seal(expired))
    after_expiry = portal.get("/cases")
    portal.cookies.set(SESSION_COOKIE, sealer.seal(expired)[:-4] + "AAAA")
    altered = portal.get("/cases")

    assert anonymous.status_code == 303 and anonymous.headers["location"] == "/sign-in?next=%2Fcases"
    assert after_expiry.status_code == 303 and "expired=1" in after_expiry.headers["location"]
    assert altered.status_code == 303
    assert sealer.open(sealer.seal(expired), now=datetime.now(UTC) - timedelta(hours=1)) is not None


def test_signing_out_ends_the_session(portal_for, sign_in, csrf_of):
    portal = portal_for()
    sign_in(portal, "creditor@demo.example")
    page = portal.get("/cases")

    out = portal.post("/sign-out", data={"csrf": csrf_of(page.text)})

    assert out.status_code == 303 and out.headers["location"] == "/sign-in?out=1"
    assert portal.get("/cases").status_code == 303


def test_french_by_default_english_on_request_or_by_the_switch(portal_for, csrf_of):
    portal = portal_for()

    french = portal.get("/sign-in")
    english = portal.get("/sign-in", headers={"Accept-Language": "en-GB,en;q=0.9,fr;q=0.5"})
    switched = portal.post("/language", data={"language": "en", "back": "/sign-in", "csrf": csrf_of(french.text)})
    after_switch = portal.get("/sign-in")

    assert 'lang="fr"' in french.text and "Connexion" in french.text
    assert 'lang="en"' in english.text and "Sign in" in english.text
    assert switched.status_code == 303 and switched.headers["location"] == "/sign-in"
    assert "Sign in" in after_switch.text and after_switch.headers["Content-Language"] == "en"


def test_sign_in_goes_back_only_to_a_page_of_this_site(portal_for, csrf_of):
    portal = portal_for()
    form = portal.get("/sign-in")

    answer = portal.post(
        "/sign-in",
        data={
            "email": "creditor@demo.example",
            "password": "demo-password",
            "csrf": csrf_of(form.text),
            "next": "//evil.example/phish",
        },
    )

    assert answer.headers["location"] == "/"


def test_pages_are_not_cached_framed_or_given_a_referrer(portal_for):
    page = portal_for().get("/sign-in")

    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
