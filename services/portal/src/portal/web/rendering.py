"""Pages rendered on the server with Jinja2 (autoescaped), in the visitor's language, with the headers every
page carries: no caching of personal data, no framing, no referrer leaving the site, a strict CSP."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from shared.events.dunning import DISPUTE_CATEGORIES

from portal.web import csrf, formatting
from portal.web.case_form import DOCUMENT_KINDS
from portal.web.language import Translator, page_language
from portal.web.sessions import current_session

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # A debtor's link is its only proof: the page's address must never travel in a Referer.
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "Vary": "Accept-Language, Cookie",
}


def build_environment() -> Environment:
    environment = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.globals["document_kinds"] = DOCUMENT_KINDS  # a case's form offers them wherever it is shown
    environment.globals["dispute_categories"] = DISPUTE_CATEGORIES  # the debtor's and the agent's dispute forms
    return environment


def render(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    language = page_language(request)
    t = Translator(language)
    environment: Environment = request.app.state.web.templates
    values = {
        "t": t,
        "lang": language,
        "viewer": current_session(request),
        "csrf_token": csrf.form_token(request),
        "path": request.url.path,
        "money": lambda value, currency="EUR": formatting.money(value, language, currency),
        "day": lambda value: formatting.day(value, language),
        "numeric_day": lambda value: formatting.numeric_day(value, language),
        "instant": lambda value: formatting.instant(value, language),
        "slot": lambda start, end, short=False: formatting.slot(start, end, language, short=short),
        "phone": formatting.phone,
        "iso_day": formatting.iso_day,
        "grouped": formatting.grouped,
        "sentence": formatting.sentence,
        **context,
    }
    body = environment.get_template(template).render(values)
    response = HTMLResponse(body, status_code=status, headers={**PAGE_HEADERS, "Content-Language": language})
    for name, value in (headers or {}).items():
        response.headers[name] = value
    csrf.issue(request, response, secure=request.app.state.web.secure)
    return response
