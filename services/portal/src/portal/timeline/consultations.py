"""The debtor reading a supporting document on the self-service page, on the case's timeline: the creditor and the
agents see when the debtor was shown the proof of the claim (what "Mes Pièces" keeps for a court order's documents:
who, what, when). The portal serves the document, so the portal writes the entry, with no event between: the first
consultation of a document each day (Europe/Paris), the later ones of the day adding nothing."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Engine
from sqlmodel import Session

from shared.clock import PARIS

from portal.timeline.recording import insert_entries

KIND = "document.consulted"
_KINDS_FR = {
    "invoice": "la facture",
    "contract": "le contrat",
    "purchase_order": "le bon de commande",
    "proforma": "la facture pro forma",
    "delivery_proof": "la preuve de livraison",
}
_KINDS_EN = {
    "invoice": "the invoice",
    "contract": "the contract",
    "purchase_order": "the purchase order",
    "proforma": "the pro forma invoice",
    "delivery_proof": "the proof of delivery",
}


def record_consultation(
    engine: Engine, *, case_id: uuid.UUID, creditor_id: uuid.UUID, document: dict[str, object], at: datetime
) -> None:
    kind, name = str(document.get("kind")), document.get("filename")
    named_fr, named_en = (f" « {name} »", f" “{name}”") if name else ("", "")
    day = at.astimezone(PARIS).date().isoformat()
    entry = {
        "event_id": f"portal:{KIND}:{document['id']}:{day}",
        "case_id": case_id,
        "creditor_id": creditor_id,
        "at": at,
        "service": "portal",
        "type": KIND,
        "channel": None,
        "summary_fr": f"Le débiteur a consulté {_KINDS_FR.get(kind, 'une pièce')}{named_fr} sur son espace en ligne",
        "summary_en": f"The debtor read {_KINDS_EN.get(kind, 'a document')}{named_en} on the self-service page",
        "document": None,
    }
    with Session(engine) as session:
        insert_entries(session, [entry])
        session.commit()
