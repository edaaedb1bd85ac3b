"""What a debtor's link opens: the one case it names, read with the portal's own service token (the debtor has
no account), and nothing else. The link is checked first (signature, expiry on the platform clock), then the
case must still be that debtor's: a link naming a case of someone else opens nothing."""

from __future__ import annotations

import asyncio
import uuid
from dataclasses import dataclass
from typing import Any

from fastapi import Request

from shared.debtor_links import InvalidLink, verify_link

from portal.web.errors import PageError
from portal.web.undelivered import undelivered
from portal.web.upstream import Upstream


class LinkRefused(Exception):
    """The plain 403 page: the link's own words (expired on a date, or altered), in the visitor's language."""

    def __init__(self, refusal: InvalidLink | None) -> None:
        super().__init__("link refused")
        self.refusal = refusal


@dataclass(frozen=True)
class DebtorView:
    case_id: uuid.UUID
    case: dict[str, Any]
    statement: dict[str, Any] | None
    creditor: dict[str, Any] | None
    plans: list[dict[str, Any]]
    disputes: list[dict[str, Any]]
    # False while dunning has not yet heard of the case (it learns of a validation through the broker): the
    # forms that dunning answers wait, and the page says so, instead of a plan or dispute dunning would refuse.
    dunning_ready: bool = True
    # What dunning says a payment plan may be today (its bounds, and the balance due on the statement of account
    # that the plan may not exceed): the plan form is drawn from it, never from figures of the portal's own.
    # None when dunning could not say (unavailable): the form waits rather than promise what dunning would refuse.
    plan_bounds: dict[str, Any] | None = None
    # The creditor's documents that support the claim (`SUPPORTING`), the debtor may read and download; None when
    # intake could not say (unavailable): the page says so rather than that there are none.
    documents: list[dict[str, Any]] | None = None
    # The call-back slots dunning offers now and the call-back waiting (`GET .../callbacks`); None: dunning could not
    # say, and the page offers none.
    callbacks: dict[str, Any] | None = None
    # The channels the debtor asked not to be contacted on, for every creditor (dunning's opt-outs: channel and day);
    # None: dunning could not say, or does not know the debtor yet, and the page offers no choice.
    opt_outs: list[dict[str, Any]] | None = None
    # The debtor's details the last message on them came back from (`portal.web.undelivered`): its page asks for
    # another e-mail when the last one bounced.
    came_back: tuple[str, ...] = ()
    # The debtor's last e-mail to us on this case (dunning's replies: when it came, was read, was answered), said at
    # the top of its page so that it knows its message arrived; None: none, or dunning could not say.
    last_reply: dict[str, Any] | None = None
    # The case's settlements, newest first (dunning's `GET .../settlements`): the one offered, which the debtor may
    # accept, or the one accepted, which it is to pay; empty when dunning could not say.
    settlements: tuple[dict[str, Any], ...] = ()
    # Whether the debtor may pay by card (intake's `GET /api/v1/intake/card-payments`); None: intake could not say,
    # and the page offers the transfer only.
    card_payments: dict[str, Any] | None = None

    @property
    def settlement(self) -> dict[str, Any] | None:
        """The settlement the page speaks of: offered to the debtor (not past its day: dunning says `expired`
        then), or accepted and awaiting its payment."""
        return next((item for item in self.settlements if item.get("status") in ("offered", "accepted")), None)

    @property
    def proof_asked(self) -> list[str]:
        """The document kinds the creditor is asked for to answer the debtor's open dispute, while none has come
        (or what came was judged not enough): the debtor is told what will answer it, and where it will see it."""
        for dispute in self.disputes:
            if dispute.get("status") == "open":  # the page speaks of the first open one
                proof = dispute.get("proof") or {}
                return list(proof.get("required") or []) if proof.get("status") in ("requested", "insufficient") else []
        return []

    @property
    def proof_sent(self) -> list[dict[str, Any]]:
        """The documents the creditor filed to answer the debtor's open dispute (dunning's `proof`, received) that
        the page lists among the supporting documents: said beside the dispute, never more than the page shows."""
        shown = {str(document.get("id")) for document in self.documents or []}
        for dispute in self.disputes:
            proof = dispute.get("proof") or {}
            if dispute.get("status") == "open":  # the page speaks of the first open one
                if proof.get("status") != "received":
                    return []
                return [doc for doc in proof.get("documents") or [] if str(doc.get("document_id")) in shown]
        return []


# The kinds of document that prove the claim, which the debtor is shown: not the correspondence (the creditor's
# exchanges, and what the debtor sent with a dispute, which the debtor has).
SUPPORTING = ("invoice", "contract", "purchase_order", "proforma", "delivery_proof")


def open_link(request: Request, token: str) -> tuple[uuid.UUID, uuid.UUID]:
    web = request.app.state.web
    if not web.debtor_link_key or len(token) > 1000:
        raise LinkRefused(None)
    try:
        link = verify_link(token, key=web.debtor_link_key, now=request.app.state.runtime.clock.now())
    except InvalidLink as refusal:
        raise LinkRefused(refusal) from None
    return link.case_id, link.debtor_id


def as_the_portal(request: Request) -> Upstream:
    return Upstream(request, request.app.state.web.service_token())


async def linked_case(request: Request, token: str) -> dict[str, Any]:
    """The case the link opens, still that debtor's (else the link is refused)."""
    case_id, debtor_id = open_link(request, token)
    case = await as_the_portal(request).read_or_none("intake", f"/api/v1/cases/{case_id}")
    if case is None or debtor_id not in debtor_ids(case):
        raise LinkRefused(None)
    return dict(case)


async def read_debtor_view(request: Request, token: str) -> DebtorView:
    case = await linked_case(request, token)
    case_id = uuid.UUID(case["id"])
    upstream = as_the_portal(request)
    debtor = f"/api/v1/dunning/debtors/{case['debtor']['id']}/opt-outs"  # the record the case is on now, after a merge
    replies = upstream.read_or_none("dunning", "/api/v1/dunning/replies", {"case_id": str(case_id), "limit": 50})
    settlements = upstream.read_or_none("dunning", f"/api/v1/dunning/cases/{case_id}/settlements")
    (
        statement,
        creditor,
        plans,
        disputes,
        bounds,
        documents,
        callbacks,
        opt_outs,
        log,
        told,
        settled,
        card,
    ) = await asyncio.gather(
        _optional(upstream.read_or_none("intake", f"/api/v1/cases/{case_id}/statement")),
        _optional(upstream.read_or_none("intake", f"/api/v1/creditors/{case['creditor_id']}")),
        _optional(upstream.read_or_none("dunning", f"/api/v1/dunning/cases/{case_id}/plans"), unavailable=[]),
        _optional(upstream.read_or_none("dunning", f"/api/v1/dunning/cases/{case_id}/disputes")),
        _optional(upstream.read_or_none("dunning", f"/api/v1/dunning/cases/{case_id}/plans/bounds")),
        _optional(supporting_documents(upstream, case_id)),
        _optional(upstream.read_or_none("dunning", f"/api/v1/dunning/cases/{case_id}/callbacks")),
        _optional(upstream.read_or_none("dunning", debtor)),
        _optional(upstream.read_or_none("dunning", f"/api/v1/dunning/cases/{case_id}/messages")),
        _optional(replies),
        _optional(settlements),
        _optional(upstream.read_or_none("intake", "/api/v1/intake/card-payments")),
    )
    received = sorted((told or {}).get("items", []), key=lambda reply: str(reply["received_at"]))
    # dunning answered 404: it does not know the case yet; unavailable, the forms stay and a POST says so
    return DebtorView(
        case_id,
        case,
        statement,
        creditor,
        plans or [],
        disputes or [],
        dunning_ready=plans is not None,
        plan_bounds=bounds,
        documents=documents,
        callbacks=callbacks,
        opt_outs=opt_outs,
        came_back=tuple(item.detail for item in undelivered(log, case.get("debtor") or {})),
        last_reply=received[-1] if received else None,
        settlements=tuple(settled or ()),
        card_payments=card,
    )


async def supporting_documents(upstream: Upstream, case_id: uuid.UUID) -> list[dict[str, Any]]:
    """The case's documents the debtor is shown, oldest first (intake's order)."""
    page = await upstream.read_or_none("intake", f"/api/v1/cases/{case_id}/documents") or {}
    return [document for document in page.get("items", []) if document.get("kind") in SUPPORTING]


def debtor_ids(case: dict[str, Any]) -> set[uuid.UUID]:
    """The case's debtor, and the record it was merged into (a link issued before a merge still opens)."""
    debtor = case.get("debtor") or {}
    return {uuid.UUID(str(value)) for value in (debtor.get("id"), debtor.get("merged_into_id")) if value}


async def _optional(read: Any, *, unavailable: Any = None) -> Any:
    try:
        return await read
    except PageError:
        return unavailable
