"""What answers a dispute: the documents its category asks of the creditor, and where the proof stands.

A debtor that says the goods never came is answered by a delivery proof; one that says they were not as agreed, or
that the amount is wrong, by what was agreed (the order, the contract, the quote); one that says it owes nothing, by
what shows it ordered or received. The proof goes requested (nothing of those kinds filed), received (a document of
one of them is with the case, filed before the dispute or after), and, when staff judge what was filed not enough,
insufficient until a document of those kinds is filed after that judgement. A declared payment asks for no document
(the agency looks for the payment in its own account), nor does a dispute of another or no category (its words say
what would answer it). Pure: no session, no clock."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

ProofStatus = Literal["not_required", "requested", "received", "insufficient"]

PROOFS: dict[str, tuple[str, ...]] = {
    "not_received": ("delivery_proof",),
    "not_compliant": ("purchase_order", "contract"),
    "wrong_amount": ("purchase_order", "contract", "proforma"),
    "not_owed": ("purchase_order", "contract", "delivery_proof"),
}
"""A dispute's category -> the document kinds (intake's) any one of which answers it."""

KINDS_FR: dict[str, str] = {
    "delivery_proof": "une preuve de livraison (bon de livraison signé, procès-verbal de réception)",
    "purchase_order": "le bon de commande",
    "contract": "le contrat signé",
    "proforma": "le devis accepté",
}
"""How the creditor's notices name each kind asked for."""


@dataclass(frozen=True)
class FiledDocument:
    document_id: uuid.UUID
    kind: str
    filename: str | None
    attached_at: datetime


@dataclass(frozen=True)
class Proof:
    required: tuple[str, ...]
    status: ProofStatus
    documents: tuple[FiledDocument, ...]
    """The case's documents of a required kind, the oldest first (all of them: staff read what came before too)."""


def proofs_required(kind: str, category: str | None) -> tuple[str, ...]:
    """The document kinds any one of which answers a dispute (none for a declared payment or another category)."""
    if kind != "dispute" or category is None:
        return ()
    return PROOFS.get(category, ())


def proof_of(
    *, kind: str, category: str | None, filed: Iterable[FiledDocument], insufficient_at: datetime | None
) -> Proof:
    """Where a dispute's proof stands, given the case's documents and staff's last judgement, if any."""
    required = proofs_required(kind, category)
    if not required:
        return Proof(required=(), status="not_required", documents=())
    documents = tuple(sorted((d for d in filed if d.kind in required), key=lambda d: (d.attached_at, d.document_id)))
    if insufficient_at is not None:
        newer = any(d.attached_at > insufficient_at for d in documents)
        return Proof(required=required, status="received" if newer else "insufficient", documents=documents)
    return Proof(required=required, status="received" if documents else "requested", documents=documents)


ANY_FR = "les pièces qui y répondent (bon de commande, contrat, preuve de livraison, échanges)"
"""What the creditor is asked for when the dispute's category names no document."""


def asked_fr(required: Iterable[str]) -> str:
    """ "une preuve de livraison (…)" or "le bon de commande ou le contrat…": what the creditor is asked to file
    (`ANY_FR` when nothing in particular)."""
    names = [KINDS_FR[kind] for kind in required]
    if not names:
        return ANY_FR
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " ou " + names[-1]
