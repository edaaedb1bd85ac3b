"""The debtor accepts, on its own page, the settlement the agency offered it (accord transactionnel): said to dunning
as the debtor's own acceptance, which only the portal's service principal may say; dunning turns it into a promise
of the amount by the offer's day, and the page then says what to pay, by when, and where."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from portal.web import csrf
from portal.web.debtor_access import as_the_portal, open_link, read_debtor_view
from portal.web.deps import known_id
from portal.web.errors import PageError
from portal.web.language import Translator, page_language
from portal.web.routes.debtor import debtor_page_response
from portal.web.upstream import Refusal

router = APIRouter(include_in_schema=False)


@router.post("/debtor/{token}/settlements/{settlement_id}/accept")
async def accept_settlement(request: Request, token: str, settlement_id: str) -> Response:
    submitted = await request.form(max_files=0, max_fields=10)
    csrf.check(request, str(submitted.get("csrf") or ""))
    case_id, _ = open_link(request, token)
    path = f"/api/v1/dunning/cases/{case_id}/settlements/{known_id(settlement_id)}/accept"
    try:
        _, refusal = await as_the_portal(request).submit("dunning", "POST", path, json={"by_debtor": True})
    except PageError as missing:  # dunning does not know the case (yet), or the settlement is another case's
        if missing.status != 404:
            raise
        refusal = Refusal(409, [Translator(page_language(request))("debtor.not_ready")])
    if refusal is not None:
        view = await read_debtor_view(request, token)
        return debtor_page_response(request, token, view, refusal=refusal, status=refusal.status)
    return RedirectResponse(f"/debtor/{token}?sent=settlement#settlement", status_code=303)
