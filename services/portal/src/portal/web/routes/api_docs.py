"""The API's documentation on the one base URL: /api/docs lists every operation port 8000 answers, service by
service, with each service's OpenAPI document (/api/docs/{service}/openapi.json) for client generators. Public,
like any OpenAPI document: it describes the API, and every operation still wants its token."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from portal.web.api_docs import SERVICES, operations, service_spec
from portal.web.errors import PageError
from portal.web.rendering import render

router = APIRouter(include_in_schema=False)
DOCUMENTED = ("portal", *SERVICES)


@router.get("/api/docs")
async def api_docs(request: Request) -> Response:
    sections = []
    for service in DOCUMENTED:
        spec = await service_spec(request.app, service)
        info = (spec or {}).get("info") or {}
        sections.append(
            {
                "service": service,
                "title": info.get("title") or service,
                "version": info.get("version") or "",
                "available": spec is not None,
                "operations": operations(spec) if spec else [],
            }
        )
    return render(request, "api_docs.html", {"sections": sections, "public_page": True})


@router.get("/api/docs/{service}/openapi.json")
async def api_document(request: Request, service: str) -> Response:
    if service not in DOCUMENTED:
        raise PageError(404, "error.not_found")
    spec = await service_spec(request.app, service)
    if spec is None:
        raise PageError(503, "error.unavailable")
    return JSONResponse(spec, headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"})
