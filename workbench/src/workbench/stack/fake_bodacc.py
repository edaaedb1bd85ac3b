"""A fake of DILA's BODACC open-data API for `make run` and the tests: the `annonces-commerciales` records endpoint of
the Opendatasoft Explore API v2.1 (`GET …/records?where=…&limit=…&offset=…`, answering `total_count` and `results`),
served by the fake providers' server under `/bodacc`, so that intake's watch talks to a real HTTP server here and to
DILA in production with only its URL changed.

Its `where` understands what the watch sends, an ODSQL conjunction of `familleavis="…"`, `dateparution>=date'…'` and
`registre="…"` alternatives; a clause it does not know is refused with a 400, as the real API refuses a malformed
query. Notices are held in memory and added through the control route (`POST /bodacc/_control/notices`, a record
as the API gives it), by a test or by a person trying the watch."""

from __future__ import annotations

import re
import threading
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

RECORDS = "/bodacc/api/explore/v2.1/catalog/datasets/annonces-commerciales/records"
_FAMILY = re.compile(r'familleavis\s*=\s*"([^"]*)"')
_SINCE = re.compile(r"dateparution\s*>=\s*date'(\d{4}-\d{2}-\d{2})'")
_REGISTRE = re.compile(r'registre\s*=\s*"([^"]*)"')
_KNOWN = re.compile(
    r"""familleavis\s*=\s*"[^"]*"|dateparution\s*>=\s*date'[\d-]+'|registre\s*=\s*"[^"]*"|\b(and|or)\b|[()\s]"""
)


class BodaccNotices:
    """The notices the fake publishes, in the order they were added."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: list[dict[str, Any]] = []
        self.queries: list[str] = []  # each `where` asked, for a test to read

    def add(self, record: dict[str, Any]) -> None:
        with self._lock:
            self._records.append(dict(record))

    def select(self, where: str) -> list[dict[str, Any]]:
        if _KNOWN.sub("", where).strip():
            raise ValueError(f"the fake BODACC API does not understand this where clause: {where!r}")
        family, since, names = _FAMILY.search(where), _SINCE.search(where), set(_REGISTRE.findall(where))
        with self._lock:
            self.queries.append(where)
            records = list(self._records)
        return [
            record
            for record in records
            if (family is None or record.get("familleavis") == family.group(1))
            and (since is None or str(record.get("dateparution", "")) >= since.group(1))
            and (not names or names & _registre(record))
        ]


def _registre(record: dict[str, Any]) -> set[str]:
    value = record.get("registre")
    return {str(v) for v in value} if isinstance(value, list) else {str(value)} if value else set()


def bodacc_routes(notices: BodaccNotices) -> list[Route]:
    async def records(request: Request) -> JSONResponse:
        try:
            limit = min(int(request.query_params.get("limit", "10")), 100)
            offset = int(request.query_params.get("offset", "0"))
            found = notices.select(request.query_params.get("where", ""))
        except ValueError as exc:
            return JSONResponse({"error_code": "ODSQLError", "message": str(exc)}, status_code=400)
        found.sort(key=lambda record: str(record.get("dateparution", "")))
        return JSONResponse({"total_count": len(found), "results": found[offset : offset + limit]})

    async def add(request: Request) -> JSONResponse:
        record = await request.json()
        if not isinstance(record, dict) or not record.get("id"):
            return JSONResponse({"detail": "a notice is a JSON object with an id"}, status_code=422)
        notices.add(record)
        return JSONResponse({"id": record["id"]}, status_code=201)

    return [
        Route(RECORDS, records, methods=["GET"]),
        Route("/bodacc/_control/notices", add, methods=["POST"]),
    ]
