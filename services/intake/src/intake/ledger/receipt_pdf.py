"""The receipt (quittance) given to the debtor for every payment (R124-6 CPCE), as a one-page PDF."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from intake.money.statement_texts import eur, fr_date

_SOURCES_FR = {
    "debtor_to_agency": "virement reçu sur le compte de fonds clients de l'agence",
    "debtor_to_creditor": "paiement reçu directement par le créancier",
    "bailiff": "fonds recouvrés par le commissaire de justice",
}


@dataclass(frozen=True)
class ReceiptFacts:
    number: str
    agency: str
    creditor: str
    debtor: str
    case_reference: str
    rf_reference: str | None
    received_on: date
    amount: Decimal
    currency: str
    source: str
    payment_reference: str
    issued_on: date


def render_receipt(facts: ReceiptFacts) -> bytes:
    """Deterministic (no creation date, fixed document id), so the same payment always gives the same file."""
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=0)
    pdf.setTitle(f"Quittance {facts.number}")
    pdf.setAuthor(facts.agency)
    y = A4[1] - 30 * mm

    def line(text: str, size: int = 11, gap: float = 7) -> None:
        nonlocal y
        pdf.setFont("Helvetica-Bold" if size > 11 else "Helvetica", size)
        pdf.drawString(25 * mm, y, text)
        y -= gap * mm

    line(f"QUITTANCE N° {facts.number}", size=16, gap=12)
    line(f"{facts.agency}, agence de recouvrement amiable de créances pour le compte d'autrui")
    line(f"agissant pour le compte de : {facts.creditor}", gap=12)
    amount = eur(facts.amount).replace("\u202f", " ").replace("€", facts.currency if facts.currency != "EUR" else "EUR")
    line(f"Reçu de : {facts.debtor}")
    line(f"La somme de : {amount}")
    line(f"Date de réception des fonds : {fr_date(facts.received_on)}")
    line(f"Mode : {_SOURCES_FR.get(facts.source, facts.source)}")
    line(f"Référence du paiement : {facts.payment_reference}")
    line(
        f"Dossier : {facts.case_reference}"
        + (f" - référence de paiement {facts.rf_reference}" if facts.rf_reference else ""),
        gap=12,
    )
    line("Ce paiement est imputé conformément aux articles 1342-10 et 1343-1 du Code civil ; le détail figure")
    line("dans le décompte du dossier. Quittance délivrée en application de l'article R124-6 du CPCE.", gap=12)
    line(f"Fait le {fr_date(facts.issued_on)}")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
