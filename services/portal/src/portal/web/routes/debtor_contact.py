"""How the debtor is contacted, from its page. The e-mail address and phone number where it wants to be written to
and called: intake keeps them as the linked case's creditor's view of the debtor, as the creditor's own corrections
(`intake.cases.debtor_contacts`; the timeline says the debtor gave them). And the channels it does not want to be
contacted on: dunning keeps them as the debtor's opt-outs, honoured for every creditor's case
(`dunning.responses.opt_outs`), exactly as those staff record when the debtor asks them. The scheduler then skips a
step on such a channel and goes on with the next one; the formal notice and the registered letter are never opted
out of (the law's way to put a debtor on notice)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from portal.web import csrf
from portal.web.debtor_access import DebtorView, as_the_portal, open_link, read_debtor_view
from portal.web.errors import PageError
from portal.web.language import Translator, page_language
from portal.web.routes.debtor import debtor_page_response
from portal.web.upstream import Refusal

router = APIRouter(include_in_schema=False)
# The channels a debtor may refuse, in the order the page lists them (dunning's `OPTIONAL_CHANNELS`).
CHANNELS = ("email", "sms", "phone", "letter")


@router.post("/debtor/{token}/contact")
async def choose_channels(request: Request, token: str) -> Response:
    """The form lists every channel with a box ticked for each one refused: what is ticked now is recorded, what was
    refused and is no longer ticked is lifted. Sent twice, nothing changes the second time."""
    submitted = await request.form(max_files=0, max_fields=10)
    csrf.check(request, str(submitted.get("csrf") or ""))
    refused = {str(value) for value in submitted.getlist("refused")}
    if not refused <= set(CHANNELS):  # the page offers these only: a forged form
        raise PageError(422, "error.bad_form")
    view = await read_debtor_view(request, token)
    if view.opt_outs is None:  # dunning does not know the debtor yet, or cannot say what it refused: change nothing
        return _refused(request, token, view, Refusal(409, [Translator(page_language(request))("debtor.not_ready")]))
    before = {str(opt_out["channel"]) for opt_out in view.opt_outs}
    path = f"/api/v1/dunning/debtors/{view.case['debtor']['id']}/opt-outs"
    upstream = as_the_portal(request)
    for channel in sorted(refused - before):
        _, refusal = await upstream.submit("dunning", "POST", path, json={"channel": channel})
        if refusal is not None:
            return _refused(request, token, view, refusal)
    for channel in sorted(before - refused):
        try:
            _, refusal = await upstream.submit("dunning", "DELETE", f"{path}/{channel}")
        except PageError as gone:
            if gone.status != 404:
                raise
            refusal = None  # lifted meanwhile (by staff, or this form sent twice): what the debtor asked
        if refusal is not None:
            return _refused(request, token, view, refusal)
    return RedirectResponse(f"/debtor/{token}?sent=contact#contact", status_code=303)


@router.post("/debtor/{token}/details")
async def give_details(request: Request, token: str) -> Response:
    """The e-mail and phone the debtor gives replace those its creditor knew; a field left empty changes nothing
    (the debtor refuses a channel below rather than erase what its creditor gave)."""
    submitted = await request.form(max_files=0, max_fields=10)
    csrf.check(request, str(submitted.get("csrf") or ""))
    case_id, _ = open_link(request, token)
    typed = {field: str(submitted.get(field) or "").strip()[:200] for field in ("email", "phone")}
    given = {field: value for field, value in typed.items() if value}
    t = Translator(page_language(request))
    refusal = Refusal(422, [t("debtor.details.empty")], "email") if not given else None
    if refusal is None:
        path = f"/api/v1/cases/{case_id}/debtor"
        _, refusal = await as_the_portal(request).submit("intake", "PATCH", path, json=given)
    if refusal is not None:
        view = await read_debtor_view(request, token)
        details = {"refusal": refusal, **typed}
        return debtor_page_response(request, token, view, status=refusal.status, details=details)
    return RedirectResponse(f"/debtor/{token}?sent=details#details", status_code=303)


def _refused(request: Request, token: str, view: DebtorView, refusal: Refusal) -> Response:
    """The page again, the refusal said in the section of the form (what the debtor refused before still ticked)."""
    return debtor_page_response(request, token, view, status=refusal.status, contact=refusal)
