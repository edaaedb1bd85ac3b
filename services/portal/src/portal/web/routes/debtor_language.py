"""The debtor's choice, on its page, of the language it is written to in: intake keeps it on the debtor's record,
where it outranks what its creditors said (`intake.debtors.languages`), and every later message follows it."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from portal.web import csrf
from portal.web.debtor_access import as_the_portal, open_link
from portal.web.errors import PageError

router = APIRouter(include_in_schema=False)
LANGUAGES = ("fr", "en")


@router.post("/debtor/{token}/language")
async def choose_language(request: Request, token: str) -> Response:
    submitted = await request.form(max_files=0, max_fields=5)
    csrf.check(request, str(submitted.get("csrf") or ""))
    _, debtor_id = open_link(request, token)
    language = str(submitted.get("language") or "")
    if language not in LANGUAGES:  # the page offers these two only: a forged form
        raise PageError(422, "error.bad_form")
    path = f"/api/v1/intake/debtors/{debtor_id}/language"
    _, refusal = await as_the_portal(request).submit("intake", "PUT", path, json={"language": language})
    if refusal is not None:
        raise PageError(refusal.status, "error.bad_form", detail=" ; ".join(refusal.messages))
    return RedirectResponse(f"/debtor/{token}?sent=language", status_code=303)
