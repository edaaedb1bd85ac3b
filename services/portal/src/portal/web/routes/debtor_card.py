"""The debtor pays by card from its page (docs/payments-online.md): the amount it typed is sent to intake, which opens
the card-payment provider's page for it (as the debtor's page may: the portal's service principal), and the debtor
follows a link there. A link, not a redirect of the form's POST: the pages' Content-Security-Policy (`form-action
'self'`) rightly stops a browser following a form's answer to another site. The provider sends the debtor back to
its page, which thanks it; only the provider's signed event, which intake reads, records the payment."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from portal.web import csrf
from portal.web.case_form import amount_of
from portal.web.debtor_access import as_the_portal, linked_case, read_debtor_view
from portal.web.language import Translator, page_language
from portal.web.rendering import render
from portal.web.routes.debtor import DEBTOR_HEADERS, debtor_page_response
from portal.web.upstream import Refusal

router = APIRouter(include_in_schema=False)


@router.post("/debtor/{token}/card")
async def pay_by_card(request: Request, token: str) -> Response:
    submitted = await request.form(max_files=0, max_fields=10)
    csrf.check(request, str(submitted.get("csrf") or ""))
    case = await linked_case(request, token)
    language = page_language(request)
    amount = amount_of(str(submitted.get("amount") or ""), language)
    if amount is None:
        refusal: Refusal | None = Refusal(422, [Translator(language)("debtor.card.amount")], field="amount")
    else:
        page = f"{request.app.state.web.public_base_url.rstrip('/')}/debtor/{token}"
        body = {
            "amount": str(amount),
            "success_url": f"{page}?sent=card#pay-title",
            "cancel_url": f"{page}#pay-title",
            "language": language,
        }
        opened, refusal = await as_the_portal(request).submit(
            "intake", "POST", f"/api/v1/intake/cases/{case['id']}/card-checkouts", json=body
        )
        if refusal is not None and refusal.field == "amount":  # said with the form's own label
            t = Translator(language)
            said = [f"{t('debtor.card.amount_label')}{t('form.colon')}{reason}" for _, _, reason in refusal.problems]
            refusal = Refusal(refusal.status, said, "amount")
        if refusal is None:
            context = {"token": token, "case": case, "checkout": opened, "public_page": True}
            return render(request, "debtor/card.html", context, headers=DEBTOR_HEADERS)
    view = await read_debtor_view(request, token)
    return debtor_page_response(request, token, view, refusal=refusal, status=refusal.status if refusal else 200)
