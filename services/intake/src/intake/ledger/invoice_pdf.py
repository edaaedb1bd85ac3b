"""The commission invoice as an A4 PDF, in French (the agency invoices French creditors): the mentions of art. 242
nonies A of annex II to the CGI and L441-9 C. com., one line per payment, its totals, and what the remittance settled.
Deterministic, as the receipts are: the same remittance always gives the same file."""

from __future__ import annotations

import io
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from intake.ledger.commission_invoices import InvoiceFacts
from intake.money.commission import STANDARD_VAT_RATE
from intake.money.rates import format_rate
from intake.money.statement_texts import eur, fr_date

LEFT, RIGHT, BOTTOM = 20 * mm, A4[0] - 20 * mm, 25 * mm
# each column's x and whether it is aligned on it from the right: received on, case, payment, rate, HT, VAT, TTC
COLUMNS = (
    (LEFT, False),
    (LEFT + 22 * mm, False),
    (LEFT + 82 * mm, True),
    (LEFT + 100 * mm, True),
    (LEFT + 126 * mm, True),
    (LEFT + 144 * mm, True),
    (RIGHT, True),
)


INVOICE_TERMS = (
    "Prestation : recouvrement amiable de créances pour le compte d'autrui, rendue aux dates des paiements.",
    "La commission TTC est retenue sur les fonds reversés ; un reste à payer est dû à réception de la facture.",
    "Pas d'escompte pour paiement anticipé. En cas de retard de paiement : pénalités au taux d'intérêt appliqué",
    "par la BCE à son opération de refinancement la plus récente majoré de 10 points, et indemnité forfaitaire",
    "pour frais de recouvrement de 40 € (articles L441-10 et D441-5 du Code de commerce).",
)
CREDIT_NOTE_TERMS = (
    "Prestation : recouvrement amiable de créances pour le compte d'autrui.",
    "Les paiements ci-dessus ont été annulés après leur reversement (virement rejeté, chèque impayé) : la commission",
    "facturée sur eux vous est rendue, ajoutée aux fonds du reversement de la même date.",
)


def money(amount: Decimal) -> str:
    """Helvetica has no narrow no-break space: a plain one groups the thousands."""
    return eur(amount).replace("\u202f", " ")


def render_invoice(facts: InvoiceFacts) -> bytes:
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=A4, invariant=1, pageCompression=0)
    title = "Facture d'avoir" if facts.credit_note else "Facture"
    pdf.setTitle(f"{title} {facts.number}")
    pdf.setAuthor(facts.agency_name)
    y = A4[1] - 25 * mm

    def text(value: str, *, x: float = LEFT, size: float = 9.5, bold: bool = False, right: bool = False) -> None:
        pdf.setFont("Helvetica-Bold" if bold else "Helvetica", size)
        (pdf.drawRightString if right else pdf.drawString)(x, y, value)

    def down(gap: float) -> None:
        nonlocal y
        y -= gap * mm
        if y < BOTTOM:
            pdf.showPage()
            y = A4[1] - 25 * mm

    text(facts.agency_name, size=12, bold=True)
    text(f"{title.upper()} N° {facts.number}", x=RIGHT, size=12, bold=True, right=True)
    down(6)
    seller = [*facts.agency_address]
    seller += [f"SIREN {facts.agency_siren}"] if facts.agency_siren else []
    seller += [f"N° TVA intracommunautaire {facts.agency_vat_number}"] if facts.agency_vat_number else []
    to_whom = "Avoir au profit de :" if facts.credit_note else "Facturé à :"
    buyer = [to_whom, facts.creditor_name, *facts.creditor_address]
    buyer += [f"SIREN {facts.creditor_siren}"] if facts.creditor_siren else []
    text(f"Date : {fr_date(facts.issued_on)}", x=RIGHT, right=True)
    for index in range(max(len(seller), len(buyer))):
        if index < len(seller):
            text(seller[index])
        if index < len(buyer):
            text(buyer[index], x=LEFT + 100 * mm, bold=index == 1)
        down(5)
    down(6)
    if facts.credit_note:
        text("Objet : avoir sur la commission de recouvrement de paiements annulés depuis leur reversement", bold=True)
        down(5)
        corrected = ", ".join(facts.corrects) or "—"
        text(f"Cet avoir rectifie : facture{'s' if len(facts.corrects) > 1 else ''} {corrected}")
    else:
        text("Objet : commission de recouvrement amiable sur les paiements obtenus pour votre compte", bold=True)
    down(8)

    def row(values: tuple[str, ...], *, bold: bool = False) -> None:
        for (x, right), value in zip(COLUMNS, values, strict=True):
            text(value, x=x, right=right, bold=bold, size=8.5)

    row(("Reçu le", "Dossier", "Paiement", "Taux", "Commission HT", "TVA", "Total TTC"), bold=True)
    down(2)
    pdf.line(LEFT, y, RIGHT, y)
    down(5)
    for line in facts.lines:
        amounts = (money(line.amount), format_rate(line.rate), money(line.excl_vat), money(line.vat), money(line.total))
        row((fr_date(line.received_on), line.case_reference[:30], *amounts))
        down(5)
    pdf.line(LEFT, y + 3 * mm, RIGHT, y + 3 * mm)
    down(2)
    settled = (
        "Remboursé par le reversement du " if facts.credit_note else "Réglé par compensation sur le reversement du "
    )
    for label, value, bold in (
        ("Total HT", facts.excl_vat, False),
        (f"TVA ({format_rate(STANDARD_VAT_RATE)})", facts.vat, False),
        ("Total TTC de l'avoir" if facts.credit_note else "Total TTC", facts.total, True),
        (settled + fr_date(facts.issued_on), facts.settled_by_offset, False),
        ("Reste à payer", facts.to_pay, True),
    ):
        text(label, x=COLUMNS[5][0], right=True, bold=bold)
        text(money(value), x=RIGHT, right=True, bold=bold)
        down(5.5)
    down(6)
    for sentence in CREDIT_NOTE_TERMS if facts.credit_note else INVOICE_TERMS:
        text(sentence, size=8)
        down(4.2)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
