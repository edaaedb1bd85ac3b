"""Sample FEC (Fichier des Écritures Comptables): a sales ledger with open, settled and part-paid invoices."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from intake.imports.fec_files import COLUMNS

FecLine = dict[str, str]


def fec_line(
    *,
    journal: str,
    number: str,
    day: date,
    account: str,
    label: str,
    piece: str,
    debit: Decimal | str = "",
    credit: Decimal | str = "",
    customer: str = "",
    customer_name: str = "",
    lettering: str = "",
) -> FecLine:
    """One FEC line; amounts with a decimal comma as most French accounting software writes them."""
    return {
        "JournalCode": journal,
        "JournalLib": {"VE": "Ventes", "BQ": "Banque"}.get(journal, journal),
        "EcritureNum": number,
        "EcritureDate": f"{day:%Y%m%d}",
        "CompteNum": account,
        "CompteLib": label,
        "CompAuxNum": customer,
        "CompAuxLib": customer_name,
        "PieceRef": piece,
        "PieceDate": f"{day:%Y%m%d}",
        "EcritureLib": f"{label} {piece}",
        "Debit": _amount(debit),
        "Credit": _amount(credit),
        "EcritureLet": lettering,
        "DateLet": f"{day:%Y%m%d}" if lettering else "",
        "ValidDate": f"{day:%Y%m%d}",
        "Montantdevise": "",
        "Idevise": "",
    }


def fec_lines() -> list[FecLine]:
    """Open receivables (`FEC_OPEN`): FA001 1200.00 for DUPONT, FA003 2000.00 for MARTIN (2400.00 less an
    unlettered 400.00 payment). FA002 is settled (lettered), credit note AV001 leaves nothing owed."""
    dupont = {"customer": "DUPONT", "customer_name": "Dupont SARL", "account": "411000", "label": "Clients"}
    martin = {"customer": "MARTIN", "customer_name": "Martin Bâtiment SAS", "account": "411000", "label": "Clients"}
    sale = {"journal": "VE"}
    return [
        fec_line(**sale, **dupont, number="VE1", day=date(2025, 1, 10), piece="FA001", debit=Decimal("1200.00")),
        fec_line(
            **sale,
            number="VE1",
            day=date(2025, 1, 10),
            account="706000",
            label="Prestations",
            piece="FA001",
            credit=Decimal("1000.00"),
        ),
        fec_line(
            **sale,
            number="VE1",
            day=date(2025, 1, 10),
            account="445710",
            label="TVA collectée",
            piece="FA001",
            credit=Decimal("200.00"),
        ),
        fec_line(
            **sale,
            **dupont,
            number="VE2",
            day=date(2025, 1, 20),
            piece="FA002",
            debit=Decimal("600.00"),
            lettering="AA",
        ),
        fec_line(**sale, **martin, number="VE3", day=date(2025, 2, 5), piece="FA003", debit=Decimal("2400.00")),
        fec_line(
            journal="BQ",
            **dupont,
            number="BQ1",
            day=date(2025, 2, 10),
            piece="FA002",
            credit=Decimal("600.00"),
            lettering="AA",
        ),
        fec_line(journal="BQ", **martin, number="BQ2", day=date(2025, 3, 1), piece="FA003", credit=Decimal("400.00")),
        fec_line(**sale, **martin, number="VE4", day=date(2025, 3, 3), piece="AV001", credit=Decimal("300.00")),
    ]


FEC_OPEN = {("FEC-DUPONT", "FA001"): Decimal("1200.00"), ("FEC-MARTIN", "FA003"): Decimal("2000.00")}


def fec(lines: Sequence[FecLine] | None = None, *, delimiter: str = "\t", encoding: str = "cp1252") -> bytes:
    """The 18 columns of art. A47 A-1 LPF, tab-separated by default (the other allowed separator is "|")."""
    rows = [delimiter.join(COLUMNS)]
    rows += [delimiter.join(line.get(column, "") for column in COLUMNS) for line in (lines or fec_lines())]
    return ("\r\n".join(rows) + "\r\n").encode(encoding)


def _amount(value: Decimal | str) -> str:
    return f"{value:.2f}".replace(".", ",") if isinstance(value, Decimal) else value
