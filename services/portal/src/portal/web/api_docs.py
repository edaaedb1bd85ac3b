"""The OpenAPI of the whole platform, as port 8000 answers it: each service's own description (read from the
service, which serves it on its own port only), kept to the paths the gateway forwards to that service, and the
portal's own public paths. A service's internals (health, metrics, its clock) are not described here, since port
8000 does not answer them."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import httpx
from fastapi import FastAPI

from portal.routes.gateway import SERVICE_INTERNALS, owner_of

log = logging.getLogger(__name__)
SERVICES = ("intake", "scoring", "dunning", "legal")
METHODS = ("get", "post", "put", "patch", "delete")


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    summary: str


def public_spec(spec: dict[str, Any], service: str) -> dict[str, Any]:
    """The service's description kept to what port 8000 forwards to it (the portal: what it serves itself)."""
    paths = {path: item for path, item in (spec.get("paths") or {}).items() if _answered(path, service)}
    return {**spec, "paths": paths, "servers": [{"url": "/"}]}


def _answered(path: str, service: str) -> bool:
    if service != "portal":
        return owner_of(path) == service
    if any(path == internal or path.startswith(internal + "/") for internal in SERVICE_INTERNALS):
        return False
    return (path.startswith("/api/v1/") or path.startswith("/.well-known/")) and owner_of(path) is None


def operations(spec: dict[str, Any]) -> list[Operation]:
    found = [
        Operation(method.upper(), path, str(item[method].get("summary") or ""))
        for path, item in (spec.get("paths") or {}).items()
        for method in METHODS
        if isinstance(item, dict) and method in item
    ]
    return sorted(found, key=lambda operation: (operation.path, METHODS.index(operation.method.lower())))


async def service_spec(app: FastAPI, service: str) -> dict[str, Any] | None:
    """The public part of a service's OpenAPI; None when the service does not answer (the page says so)."""
    if service == "portal":
        return public_spec(app.openapi(), "portal")
    base = app.state.runtime.settings.service_urls.get(service)
    client: httpx.AsyncClient | None = getattr(app.state, "gateway_clients", {}).get(service)
    if not base or client is None:
        return None
    try:
        response = await client.get(base.rstrip("/") + "/openapi.json")
    except httpx.HTTPError as exc:
        log.warning("the %s service's OpenAPI could not be read: %r", service, exc)
        return None
    if response.status_code != 200:
        log.warning("the %s service answered %s for its OpenAPI", service, response.status_code)
        return None
    spec: dict[str, Any] = response.json()
    return public_spec(spec, service)
