"""Every service's OpenAPI tells what a client really receives (issue 11: it said a 422's `detail` is a list
while domain errors send a text, and documented neither 401, 403, 404, 409 nor the files routes return).

`document_responses(app)` is called once, when the app is built; the document is completed the first time it
is asked for, after every route is known:

- one error schema, `Error`, for every 4xx and the 503 of overload: `detail` (a text, or for a 422 the list of
  problems), `detail_fr` and `detail_en` beside it, and `field` when one field is at fault;
- 401 and 403 on every operation that needs a token, 400, 404 and 409 on every API operation, 422 where
  FastAPI validates something, 503 wherever admission control may shed the request;
- the media types of the files a route returns (PDF, CSV, XLSX, XML), in place of FastAPI's empty JSON.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI

ERROR = "Error"
ISSUE = "ValidationIssue"
_REF = {"$ref": f"#/components/schemas/{ERROR}"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OPERATIONS_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})

# The files a route streams, by the end of its path: the route answers with a raw response whose type the
# handler decides, so FastAPI cannot see it. A route may instead declare its own `responses` content.
DOWNLOADS: dict[str, tuple[str, ...]] = {
    "/errors.csv": ("text/csv",),
    "/receipt": ("application/pdf",),
    "/pain001": ("application/xml",),
    "/export": ("text/csv", XLSX),
    # intake's accepted document types (intake.domain.filetypes.ACCEPTED)
    "/content": (
        "application/pdf",
        "image/png",
        "image/jpeg",
        "image/tiff",
        "image/webp",
        "image/heic",
        "text/plain",
        XLSX,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
    ),
    "/metrics": ("text/plain",),
}

_STATUSES = {
    "400": "the request cannot be read as it is",
    "401": "no token, or a token that is expired or not ours",
    "403": "the caller's role may not do this",
    "404": "no such record, or one of another tenant",
    "409": "the request conflicts with the record's current state",
    "422": "a value is missing, malformed or out of bounds; each problem names its field",
    "503": "the service is busy (see Retry-After), or a service it must ask could not answer",
}


def error_schemas() -> dict[str, Any]:
    """What the error handlers send: a domain error's text, or FastAPI's list of problems (English clients)
    and the plain French list with the English beside it (French clients)."""
    message = {"oneOf": [{"type": "string"}, {"type": "array", "items": {"$ref": f"#/components/schemas/{ISSUE}"}}]}
    return {
        ISSUE: {
            "type": "object",
            "title": ISSUE,
            "required": ["loc", "msg", "type"],
            "properties": {
                "loc": {"type": "array", "items": {"anyOf": [{"type": "string"}, {"type": "integer"}]}},
                "msg": {"type": "string"},
                "type": {"type": "string"},
            },
        },
        ERROR: {
            "type": "object",
            "title": ERROR,
            "required": ["detail"],
            "description": "every 4xx and 503: `detail` in the client's language (Accept-Language), the French "
            "and English beside it, and the field at fault when there is one; when the request breaks several "
            "business rules, `detail` and `field` are the first one's and `errors` lists them all",
            "properties": {
                "detail": message,
                "detail_fr": message,
                "detail_en": message,
                "field": {"type": ["string", "null"]},
                "errors": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["detail"],
                        "properties": {
                            "field": {"type": ["string", "null"]},
                            "detail": {"type": "string"},
                            "detail_fr": {"type": ["string", "null"]},
                            "detail_en": {"type": "string"},
                        },
                    },
                },
            },
        },
    }


def document_responses(app: FastAPI) -> None:
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = build()
            complete(schema)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]  # FastAPI's documented way to customise the schema


def complete(schema: dict[str, Any]) -> None:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(error_schemas())
    components.pop("HTTPValidationError", None)
    components.pop("ValidationError", None)
    for path, item in schema.get("paths", {}).items():
        for method, operation in item.items():
            if isinstance(operation, dict) and "responses" in operation:
                _complete_operation(path, method, operation)


def _complete_operation(path: str, method: str, operation: dict[str, Any]) -> None:
    responses: dict[str, Any] = operation["responses"]
    statuses = set()
    if "422" in responses:
        statuses.add("422")
    if operation.get("security"):
        statuses |= {"401", "403"}
    if path.startswith("/api/"):
        statuses |= {"400", "404", "409", "503"}
    for status in sorted(statuses):
        entry = responses.setdefault(status, {"description": _STATUSES[status]})
        entry["content"] = {"application/json": {"schema": _REF}}
    media_types = _download_media_types(path)
    if media_types:
        for status, entry in responses.items():
            if status.startswith("2"):
                entry["content"] = {
                    media_type: {"schema": {"type": "string", "format": "binary"}} for media_type in media_types
                }


def _download_media_types(path: str) -> tuple[str, ...]:
    for suffix, media_types in DOWNLOADS.items():
        if path.endswith(suffix):
            return media_types
    return ()
