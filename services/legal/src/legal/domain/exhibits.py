"""The list of exhibits (bordereau des pièces) a payment-order request carries (art. 1407 CPC, docs/rules.md §5.3):
the documents that found the claim, numbered in the order a judge reads them (the contract or order first, then
the proof of delivery, the invoices, the statement of account, the formal notice, the correspondence)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# intake's document kinds, in the order they are listed, with how the bordereau names them
KIND_ORDER = ("contract", "purchase_order", "proforma", "delivery_proof", "invoice", "correspondence")
KIND_FR = {
    "contract": "Contrat",
    "purchase_order": "Bon de commande",
    "proforma": "Facture pro forma / devis accepté",
    "delivery_proof": "Preuve de livraison ou d'exécution",
    "invoice": "Facture",
    "correspondence": "Correspondance",
}
KIND_EN = {
    "contract": "Contract",
    "purchase_order": "Purchase order",
    "proforma": "Pro forma invoice / accepted quote",
    "delivery_proof": "Proof of delivery or performance",
    "invoice": "Invoice",
    "correspondence": "Correspondence",
}
_BEFORE_STATEMENT = frozenset({"contract", "purchase_order", "proforma", "delivery_proof", "invoice"})


@dataclass(frozen=True)
class DocumentOnFile:
    kind: str
    filename: str | None
    uploaded_on: date
    document_id: str | None = None
    media_type: str | None = None
    size: int | None = None


@dataclass(frozen=True)
class InvoiceRef:
    number: str
    issue_date: date


@dataclass(frozen=True)
class Exhibit:
    number: int
    label_fr: str
    label_en: str
    source: str  # document (on file in intake) | invoice (its copy) | statement | formal_notice (generated or sent)
    document: DocumentOnFile | None = None
    """the document on file in intake this exhibit is (attached to the request when its type allows)"""


@dataclass(frozen=True)
class Bordereau:
    exhibits: tuple[Exhibit, ...]
    missing: tuple[str, ...]
    """what a judge will expect and the case's file does not hold, in English (shown to staff before filing)"""


def _fr(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def bordereau(
    documents: list[DocumentOnFile], invoices: list[InvoiceRef], *, statement_on: date, formal_notice_on: date | None
) -> Bordereau:
    ordered = sorted(
        documents,
        key=lambda d: (KIND_ORDER.index(d.kind) if d.kind in KIND_ORDER else len(KIND_ORDER), d.uploaded_on),
    )
    items: list[tuple[str, str, str, DocumentOnFile | None]] = []
    for document in (d for d in ordered if d.kind in _BEFORE_STATEMENT):
        name = f" ({document.filename})" if document.filename else ""
        items.append(
            (
                f"{KIND_FR[document.kind]}{name}, au dossier depuis le {_fr(document.uploaded_on)}",
                f"{KIND_EN[document.kind]}{name}, filed on {document.uploaded_on.isoformat()}",
                "document",
                document,
            )
        )
    has_invoice_copies = any(d.kind == "invoice" for d in documents)
    if not has_invoice_copies:
        for invoice in invoices:
            items.append(
                (
                    f"Facture n° {invoice.number} du {_fr(invoice.issue_date)}",
                    f"Invoice no. {invoice.number} of {invoice.issue_date.isoformat()}",
                    "invoice",
                    None,
                )
            )
    items.append(
        (
            f"Décompte des sommes dues au {_fr(statement_on)}",
            f"Statement of account as of {statement_on.isoformat()}",
            "statement",
            None,
        )
    )
    if formal_notice_on is not None:
        items.append(
            (
                f"Mise en demeure du {_fr(formal_notice_on)} et son avis de réception",
                f"Formal notice of {formal_notice_on.isoformat()} and its acknowledgement of receipt",
                "formal_notice",
                None,
            )
        )
    for document in (d for d in ordered if d.kind not in _BEFORE_STATEMENT):
        kind_fr, kind_en = KIND_FR.get(document.kind, document.kind), KIND_EN.get(document.kind, document.kind)
        name = f" ({document.filename})" if document.filename else ""
        items.append(
            (
                f"{kind_fr}{name}, au dossier depuis le {_fr(document.uploaded_on)}",
                f"{kind_en}{name}, filed on {document.uploaded_on.isoformat()}",
                "document",
                document,
            )
        )
    exhibits = tuple(Exhibit(n, fr, en, source, doc) for n, (fr, en, source, doc) in enumerate(items, start=1))
    return Bordereau(exhibits=exhibits, missing=_missing(documents, has_invoice_copies))


def _missing(documents: list[DocumentOnFile], has_invoice_copies: bool) -> tuple[str, ...]:
    kinds = {d.kind for d in documents}
    missing = []
    if not kinds & {"contract", "purchase_order", "proforma"}:
        missing.append("the contract, signed order or accepted quote that founds the claim")
    if "delivery_proof" not in kinds:
        missing.append("a proof of delivery or performance")
    if not has_invoice_copies:
        missing.append("copies of the invoices (listed here by number, to be attached)")
    return tuple(missing)
