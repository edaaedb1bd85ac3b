"""The portal's web pages: creditors, agents and debtors meet the platform here. Server-rendered HTML (Jinja2,
SVG charts drawn on the server, no script), French by default. Every page reads and writes through the
services' own API with the visitor's token; none of these routes is part of the OpenAPI."""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from shared.auth import SigningKey
from shared.fresh_reads import signed_service_token

from portal.config import Settings
from portal.web.config import WebSettings
from portal.web.debtor_access import LinkRefused
from portal.web.error_pages import answer_pages_with_pages, page_error, sign_in_required
from portal.web.errors import PageError, SignInRequired
from portal.web.rendering import TEMPLATES_DIR, build_environment
from portal.web.routes import ROUTERS
from portal.web.routes.debtor import refused_link
from portal.web.sessions import SessionSealer, derive_key, secure_cookies
from portal.web.state import WebState

STATIC_DIR = TEMPLATES_DIR.parent / "static"


def mount(app: FastAPI, settings: Settings, signing_key: SigningKey, web_settings: WebSettings | None = None) -> None:
    """The pages, their static files and their error pages, on the portal's app (before the gateway's routes
    would do too: none of these paths is under /api/v1)."""
    app.state.web = WebState(
        settings=web_settings or WebSettings(),
        sealer=SessionSealer(derive_key(signing_key, b"recouvra portal web session v1")),
        csrf_key=derive_key(signing_key, b"recouvra portal web csrf v1"),
        secure=secure_cookies(settings.public_base_url),
        templates=build_environment(),
        service_token=signed_service_token(
            signing_key, issuer=settings.jwt_issuer, audience=settings.jwt_audience, subject="portal-web"
        ),
        debtor_link_key=settings.debtor_link_key.encode(),
        token_lifetime_s=settings.token_lifetime_s,
        public_base_url=settings.public_base_url,
    )
    for router in ROUTERS:
        app.include_router(router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.add_exception_handler(PageError, page_error)
    app.add_exception_handler(SignInRequired, sign_in_required)
    app.add_exception_handler(LinkRefused, refused_link)
    answer_pages_with_pages(app)
