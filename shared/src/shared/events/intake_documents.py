"""Intake's events about a case's documents: one filed (its content stays in intake; the event names it)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from shared.events.base import Event

DocumentKind = Literal["contract", "purchase_order", "proforma", "delivery_proof", "invoice", "correspondence"]
"""What a case's document is, as its creditor or staff filed it: what dunning's disputes ask for as proof."""


class DocumentAttached(Event):
    """A document was filed with the case (its content stays in intake: the event names it, its kind and when)."""

    type = "recouvra.intake.document.attached.v1"
    topic = "intake.cases"

    case_id: str
    creditor_id: str
    document_id: str
    kind: DocumentKind
    filename: str | None = None
    attached_at: datetime
