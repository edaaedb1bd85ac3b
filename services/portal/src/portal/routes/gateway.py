"""One base URL: `/api/v1/*` is forwarded to the service that owns the path, streaming both bodies and
keeping status codes and headers. The table mirrors the public URL layout of ARCHITECTURE.md."""

from __future__ import annotations

import logging

import httpx
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from starlette.background import BackgroundTask

from shared.logs import REQUEST_ID_HEADER, request_id_var

log = logging.getLogger(__name__)
router = APIRouter(tags=["gateway"])

# Longest prefix first; the portal's own routes are registered before this catch-all.
ROUTES: tuple[tuple[str, str], ...] = (
    ("/api/v1/creditors", "intake"),
    ("/api/v1/cases", "intake"),
    ("/api/v1/imports", "intake"),
    ("/api/v1/payments", "intake"),
    ("/api/v1/remittances", "intake"),
    ("/api/v1/intake", "intake"),
    ("/api/v1/aged-balance", "scoring"),
    ("/api/v1/debtors", "scoring"),
    ("/api/v1/worklist", "scoring"),
    ("/api/v1/scoring", "scoring"),
    ("/api/v1/dunning", "dunning"),
    ("/api/v1/legal", "legal"),
    ("/api/v1/partner", "legal"),
)
HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers",
              "transfer-encoding", "upgrade", "host", "content-length"}
RESPONSE_SKIP = HOP_BY_HOP - {"content-length"} | {REQUEST_ID_HEADER.lower()}


def owner_of(path: str) -> str | None:
    for prefix, service in ROUTES:
        if path == prefix or path.startswith(prefix + "/"):
            return service
    return None


@router.api_route("/api/v1/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
async def forward(request: Request, rest: str) -> Response:
    path = request.url.path
    service = owner_of(path)
    if service is None:
        return JSONResponse({"detail": f"no API route {path}"}, status_code=404)
    runtime = request.app.state.runtime
    client: httpx.AsyncClient = request.app.state.gateway_client
    base = runtime.settings.service_urls[service]
    headers = [(k, v) for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP | {REQUEST_ID_HEADER.lower()}]
    headers.append((REQUEST_ID_HEADER, request_id_var.get() or ""))
    if request.client:
        headers.append(("X-Forwarded-For", request.client.host))
    upstream_request = client.build_request(
        request.method, base + path, params=request.url.query.encode() or None, headers=headers,
        content=request.stream(),
    )
    try:
        upstream = await client.send(upstream_request, stream=True)
    except httpx.TimeoutException:
        return JSONResponse({"detail": f"the {service} service did not answer in time; try again shortly"}, status_code=504)
    except httpx.HTTPError:
        log.warning("gateway could not reach %s", service, exc_info=True)
        return JSONResponse({"detail": f"the {service} service is unavailable; try again shortly"}, status_code=502)
    response_headers = [(k, v) for k, v in upstream.headers.multi_items() if k.lower() not in RESPONSE_SKIP]
    response = StreamingResponse(upstream.aiter_raw(), status_code=upstream.status_code,
                                 background=BackgroundTask(upstream.aclose))
    response.raw_headers = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in response_headers]
    return response
