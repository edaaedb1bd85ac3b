"""The « Webhooks » page's forms: what a visitor typed for an endpoint (its address, description, the event types it
ticked), the address checked as the API checks it so that a mistyped one is told in plain words, and the API's
refusals named as the form labels its fields."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from fastapi import Request
from pydantic import AnyHttpUrl, TypeAdapter, ValidationError

from portal.web import csrf
from portal.web.language import Translator
from portal.web.refused_fields import field_parts
from portal.web.sessions import WebSession
from portal.web.upstream import Refusal

MANAGERS = frozenset({"creditor", "supervisor", "admin"})  # the API's own rule: agents read
URL_MAX, DESCRIPTION_MAX = 500, 200
_URL = TypeAdapter(AnyHttpUrl)


def may_manage(viewer: WebSession) -> bool:
    return viewer.role in MANAGERS


@dataclass(frozen=True)
class WebhookForm:
    url: str = ""
    description: str = ""
    events: tuple[str, ...] = ()
    creditor_id: str = ""

    def body(self) -> dict[str, Any]:
        """POST /api/v1/webhooks's body; the creditor only when staff named one (a creditor user's is its own)."""
        body: dict[str, Any] = {"url": self.url, "events": list(self.events), "description": self.description}
        return body | ({"creditor_id": self.creditor_id} if self.creditor_id else {})


async def submitted_fields(request: Request) -> list[tuple[str, str]]:
    """The form's fields, each value as sent (a ticked box per event type), once its CSRF token is checked."""
    submitted = await request.form(max_files=0, max_fields=200)
    csrf.check(request, str(submitted.get("csrf") or ""))
    return [(key, value[:2000]) for key, value in submitted.multi_items() if isinstance(value, str)]


def webhook_form(fields: Sequence[tuple[str, str]], *, staff: bool) -> WebhookForm:
    values = dict(fields)
    events = tuple(dict.fromkeys(value for key, value in fields if key == "events" and value))
    return WebhookForm(
        url=values.get("url", "").strip(),
        description=values.get("description", "").strip(),
        events=events,
        creditor_id=values.get("creditor_id", "").strip() if staff else "",
    )


@dataclass(frozen=True)
class Problems:
    """What the form shows above it, and whether the address is the field at fault (marked beside it)."""

    messages: tuple[str, ...] = ()
    url_refused: bool = False


def form_problems(form: WebhookForm, t: Translator) -> Problems:
    """The mistakes the page can name before the API is asked: a missing or malformed address (pydantic's words for
    it are English), a description too long."""
    found: list[str] = []
    url_key = _url_problem(form.url)
    if url_key is not None:
        found.append(t("webhooks.field.url") + t("form.colon") + t(url_key))
    if len(form.description) > DESCRIPTION_MAX:
        found.append(t("webhooks.field.description") + t("form.colon") + t("webhooks.description.too_long"))
    return Problems(tuple(found), url_key is not None)


def _url_problem(url: str) -> str | None:
    if not url:
        return "webhooks.url.missing"
    if len(url) > URL_MAX:
        return "webhooks.url.too_long"
    if urlsplit(url).scheme.lower() not in ("http", "https") and "://" in url:
        return "webhooks.url.scheme"
    try:
        _URL.validate_python(url)
    except ValidationError as exc:
        return "webhooks.url.scheme" if exc.errors()[0]["type"] == "url_scheme" else "webhooks.url.invalid"
    return None


def refusal_problems(refusal: Refusal, t: Translator) -> Problems:
    """The API's refusal, each field named by the form's label ("Adresse (URL) de votre système : ce créancier a déjà
    un webhook actif à cette adresse ...") rather than by the API's name for it."""
    named = [
        t(f"webhooks.field.{parts[-1]}") + t("form.colon") + reason
        for parts, _, reason in refusal.problems
        if parts and isinstance(parts[-1], str) and t.has(f"webhooks.field.{parts[-1]}")
    ]
    messages = named if len(named) == len(refusal.messages) else refusal.messages
    url_refused = refusal.field == "url" or any(field_parts(parts) == ("url",) for parts, _, _ in refusal.problems)
    return Problems(tuple(messages), url_refused)
