"""The platform's own API, called for a page with the visitor's bearer token, through the clients and service
URLs the gateway uses: each service decides what the visitor may see, exactly as for an API client. A record
the API answers 404 (another creditor's case) is a 404 page; an expired token sends the visitor to sign in."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import Request
from fastapi.responses import Response

from portal.web.errors import PageError, SignInRequired
from portal.web.language import Translator, page_language
from portal.web.refused_fields import field_parts, refused_field

log = logging.getLogger(__name__)
PASSED_ON = ("content-type", "content-disposition", "content-length", "x-content-type-options")


@dataclass(frozen=True)
class Refusal:
    """An API's refusal of a form's data (409, 422 ...), in the visitor's language, with the field it names.
    `problems`: each refused field's location in the API's body (`refused_fields.field_parts`), what the visitor
    reads of it, and what is wrong without naming the field, for a form that shows it beside the field."""

    status: int
    messages: list[str]
    field: str | None = None
    problems: tuple[tuple[tuple[str | int, ...], str, str], ...] = ()


def refusal_of(response: httpx.Response, t: Translator) -> Refusal:
    try:
        body = response.json()
    except ValueError:
        return Refusal(response.status_code, [response.text[:300] or str(response.status_code)])
    detail = body.get("detail") if isinstance(body, dict) else body
    field = body.get("field") if isinstance(body, dict) else None
    if not isinstance(detail, list):
        errors = body.get("errors") if isinstance(body, dict) else None
        said = errors if isinstance(errors, list) and errors else [{"field": field, "detail": detail}]
        refused = tuple(_refused(item) for item in said if isinstance(item, dict))
        problems = tuple(problem for problem in refused if problem[0])
        return Refusal(response.status_code, [message for _, message, _ in refused], field, problems)
    problems = tuple(_problem(item, t) for item in detail)
    return Refusal(response.status_code, [message for _, message, _ in problems], field, problems)


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _refused(item: dict[str, Any]) -> tuple[tuple[str | int, ...], str, str]:
    """A service's refusal naming its field as a path ("invoices[1].due_date: ..."): the field's location, the
    text, and the text without the field's name before it."""
    message, field = str(item.get("detail", "")), item.get("field")
    if not isinstance(field, str) or not field:
        return (), message, message
    parts = tuple(int(index) if index else name for name, index in _STEP.findall(field))
    reason = message.removeprefix(f"{field} : ").removeprefix(f"{field}: ")
    return parts, message, reason


def _problem(item: Any, t: Translator) -> tuple[tuple[str | int, ...], str, str]:
    if not isinstance(item, dict):
        return (), str(item), str(item)
    loc, message, reason = item.get("loc") or [], str(item.get("msg", "")), str(item.get("reason") or "")
    return field_parts(loc), refused_field(loc, reason, message, t), reason or message


class Upstream:
    """The services as one visitor (or, for a debtor's page, the portal's own service principal) sees them."""

    def __init__(self, request: Request, token: str) -> None:
        self._request = request
        self._token = token
        self._language = page_language(request)

    def _client(self, service: str) -> tuple[httpx.AsyncClient, str]:
        state = self._request.app.state
        base = state.runtime.settings.service_urls.get(service)
        client = getattr(state, "gateway_clients", {}).get(service)
        if not base or client is None:
            log.warning("no address for the %s service: the page cannot be shown", service)
            raise PageError(503, "error.unavailable")
        return client, base.rstrip("/")

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._token}", "Accept-Language": self._language}

    async def _send(self, service: str, method: str, path: str, **kwargs: Any) -> httpx.Response:
        if service == "portal":  # the portal's own API (users), in process, checked as for any API client
            transport = httpx.ASGITransport(app=self._request.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://portal.internal") as own:
                return await self._call(own, "http://portal.internal", service, method, path, **kwargs)
        client, base = self._client(service)
        return await self._call(client, base, service, method, path, **kwargs)

    async def _call(
        self, client: httpx.AsyncClient, base: str, service: str, method: str, path: str, **kwargs: Any
    ) -> httpx.Response:
        try:
            response = await client.request(method, base + path, headers=self._headers(), **kwargs)
        except httpx.HTTPError as exc:
            log.warning("%s %s%s failed for a page: %r", method, service, path, exc)
            raise PageError(503, "error.unavailable") from exc
        if response.status_code == 401:
            raise SignInRequired(expired=True)
        if response.status_code == 403:
            raise PageError(403, "error.forbidden")
        if response.status_code >= 500:
            log.warning("%s answered %s to %s %s for a page", service, response.status_code, method, path)
            raise PageError(503, "error.unavailable")
        return response

    async def read(self, service: str, path: str, params: dict[str, Any] | None = None) -> Any:
        """The JSON at `path`; a 404 (absent, or another tenant's) is the 404 page."""
        found = await self.read_or_none(service, path, params)
        if found is None:
            raise PageError(404, "error.not_found")
        return found

    async def read_or_none(self, service: str, path: str, params: dict[str, Any] | None = None) -> Any:
        response = await self._send(service, "GET", path, params=_clean(params))
        if response.status_code == 404:
            return None
        if response.status_code != 200:
            raise PageError(404 if response.status_code == 422 else 503, "error.not_found")
        return response.json()

    async def submit(self, service: str, method: str, path: str, **kwargs: Any) -> tuple[Any, Refusal | None]:
        """Sends a form's data: (the JSON answer, None), or (None, the refusal to show beside the form)."""
        response = await self._send(service, method, path, **kwargs)
        if response.status_code == 404:
            raise PageError(404, "error.not_found")
        if response.status_code >= 400:
            return None, refusal_of(response, Translator(self._language))
        return (response.json() if response.content else None), None

    async def download(self, service: str, path: str, params: dict[str, Any] | None = None) -> Response:
        """A file (a letter's PDF, a document, an export) passed on with its type and name."""
        response = await self._send(service, "GET", path, params=_clean(params))
        if response.status_code != 200:
            raise PageError(404, "error.not_found")
        headers = {name: value for name, value in response.headers.items() if name.lower() in PASSED_ON}
        headers.update({"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"})
        return Response(response.content, status_code=200, headers=headers)


def _clean(params: dict[str, Any] | None) -> dict[str, Any] | None:
    return {key: value for key, value in params.items() if value not in (None, "")} if params else None
