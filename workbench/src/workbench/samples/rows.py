"""Sample invoice lines, good and bad, as the dicts the sample writers take.

Keys are the parser's field names (`number`, `due_date`, `amount`, `name`, `siren`, ...). A `str`
value is written as is, which is how bad values get into a file; `Decimal` and `date` values are
written in the format of the file at hand (French or international).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

Row = dict[str, Any]

# Fields in the order the sample files put their columns.
FIELDS = (
    "reference",
    "kind",
    "name",
    "legal_form",
    "siren",
    "siret",
    "vat_number",
    "email",
    "phone",
    "line1",
    "line2",
    "postal_code",
    "city",
    "country",
    "number",
    "issue_date",
    "due_date",
    "amount",
    "vat",
    "outstanding",
    "currency",
)


def good_rows() -> list[Row]:
    """Four invoices: two for one company (same case reference), one for a consumer, one in francs."""
    acme = {
        "reference": "DOS-2025-001",
        "kind": "professionnel",
        "name": "Société Générale de Béton SARL",
        "legal_form": "SARL",
        "siren": "428 701 981",
        "siret": "42870198100014",
        "vat_number": "FR27428701981",
        "email": "compta@sgb.example",
        "phone": "01 23 45 67 89",
        "line1": "12 rue de la Paix",
        "line2": "Bâtiment B",
        "postal_code": "75002",
        "city": "Paris",
        "country": "France",
        "currency": "EUR",
    }
    return [
        {
            **acme,
            "number": "F-2025-0101",
            "issue_date": date(2025, 1, 15),
            "due_date": date(2025, 2, 14),
            "amount": Decimal("1234.56"),
            "vat": Decimal("205.76"),
        },
        {
            **acme,
            "number": "F-2025-0142",
            "issue_date": date(2025, 2, 3),
            "due_date": date(2025, 3, 5),
            "amount": Decimal("12345.00"),
            "vat": Decimal("2057.50"),
            "outstanding": Decimal("5000.00"),
        },
        {
            "kind": "particulier",
            "name": "Jean Dupont",
            "email": "jean.dupont@mail.example",
            "line1": "3 allée des Érables",
            "postal_code": "01000",
            "city": "Bourg-en-Bresse",
            "number": "F-2025-0200",
            "issue_date": date(2025, 3, 1),
            "due_date": date(2025, 3, 31),
            "amount": Decimal("89.90"),
        },
        {
            "reference": "DOS-2025-007",
            "name": "Zürcher Handels AG",
            "vat_number": "CHE-123.456.788 MWST",
            "line1": "Bahnhofstrasse 1",
            "postal_code": "8001",
            "city": "Zürich",
            "country": "CH",
            "number": "INV-77",
            "issue_date": date(2025, 4, 10),
            "due_date": date(2025, 5, 10),
            "amount": Decimal("2500.00"),
            "currency": "CHF",
        },
    ]


def bad_rows() -> list[Row]:
    """Four invoices with exactly one unreadable field each; `BAD_FIELDS` names it, in order."""
    base = {
        "name": "Durand & Fils",
        "issue_date": date(2025, 1, 2),
        "due_date": date(2025, 2, 1),
        "amount": Decimal("100.00"),
    }
    return [
        {**base, "number": "F-BAD-1", "amount": "12,3x"},
        {**base, "number": "F-BAD-2", "due_date": "31/02/2025"},
        {**base, "number": ""},
        {**base, "number": "F-BAD-4", "currency": "EUROS"},
    ]


BAD_FIELDS = ("amount", "due_date", "number", "currency")


def mixed_rows() -> list[Row]:
    """Good and bad rows alternating: with the header on line 1, good rows sit on lines 2, 4, 6, 8
    and bad ones on lines 3, 5, 7, 9 (`MIXED_BAD_LINES` maps each to its unreadable field)."""
    mixed: list[Row] = []
    for good, bad in zip(good_rows(), bad_rows(), strict=True):
        mixed += [good, bad]
    return mixed


MIXED_GOOD_LINES = (2, 4, 6, 8)
MIXED_BAD_LINES = dict(zip((3, 5, 7, 9), BAD_FIELDS, strict=True))


def numbered_rows(count: int) -> Any:
    """`count` distinct good invoices, generated one at a time (for large files)."""
    for index in range(count):
        yield {
            "reference": f"DOS-{index // 3:06d}",
            "name": f"Client {index % 997} SAS",
            "siren": "428701981",
            "number": f"F-{index:07d}",
            "issue_date": date(2025, 1, 1 + index % 28),
            "due_date": date(2025, 3, 1 + index % 28),
            "amount": Decimal(index % 100_000) + Decimal("0.99"),
        }
