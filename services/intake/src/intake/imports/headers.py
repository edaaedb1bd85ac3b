"""Which column holds what: French and English headers, in any order, any case, accents or spacing."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

# Words that change nothing to what a header means ("Date d'échéance" = "date echeance").
_FILLERS = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "en", "the", "of"})

_ALIASES: dict[str, tuple[str, ...]] = {
    "number": (
        "facture",
        "n facture",
        "no facture",
        "num facture",
        "numero facture",
        "ref facture",
        "reference facture",
        "invoice",
        "invoice number",
        "invoice no",
        "invoice nr",
        "invoice num",
        "invoice id",
        "invoice ref",
        "invoice reference",
        "n piece",
        "numero piece",
        "piece",
    ),
    "issue_date": (
        "date facture",
        "date",
        "date emission",
        "date facturation",
        "issue date",
        "invoice date",
        "date piece",
        "issued on",
        "document date",
    ),
    "due_date": (
        "date echeance",
        "echeance",
        "due date",
        "due",
        "date limite paiement",
        "payment due date",
        "date exigibilite",
        "due on",
    ),
    "amount": (
        "montant ttc",
        "montant",
        "amount",
        "total ttc",
        "montant facture",
        "montant facture ttc",
        "invoice amount",
        "amount incl vat",
        "amount including vat",
        "total amount",
        "gross amount",
        "ttc",
    ),
    "vat": ("tva", "montant tva", "vat amount", "vat", "tax amount", "total tva"),
    "outstanding": (
        "reste dû",
        "restant dû",
        "montant restant dû",
        "reste à payer",
        "solde",
        "solde dû",
        "outstanding",
        "amount outstanding",
        "outstanding amount",
        "balance",
        "balance due",
        "amount due",
        "open amount",
    ),
    "currency": ("devise", "monnaie", "currency", "currency code", "code devise"),
    "reference": (
        "reference dossier",
        "ref dossier",
        "reference",
        "ref",
        "dossier",
        "n dossier",
        "numero dossier",
        "case reference",
        "case ref",
        "case number",
        "your reference",
        "votre reference",
    ),
    "kind": ("type", "type client", "type debiteur", "type dossier", "kind", "customer type", "debtor type", "b2b b2c"),
    "name": (
        "raison sociale",
        "debiteur",
        "nom",
        "nom debiteur",
        "nom client",
        "client",
        "nom raison sociale",
        "nom ou raison sociale",
        "denomination",
        "societe",
        "debtor",
        "debtor name",
        "customer",
        "customer name",
        "name",
        "company",
        "company name",
    ),
    "siren": ("siren", "n siren", "numero siren", "siren number"),
    "siret": ("siret", "n siret", "numero siret", "siret number"),
    "vat_number": (
        "tva intracommunautaire",
        "n tva intracommunautaire",
        "numero tva intracommunautaire",
        "tva intra",
        "n tva",
        "numero tva",
        "identifiant tva",
        "vat number",
        "vat no",
        "vat id",
        "intra community vat number",
    ),
    "legal_form": ("forme juridique", "legal form"),
    "email": (
        "email",
        "e mail",
        "courriel",
        "mail",
        "adresse email",
        "adresse mail",
        "adresse e mail",
        "adresse electronique",
        "email address",
    ),
    "phone": ("telephone", "tel", "phone", "phone number", "n telephone", "numero telephone", "mobile", "portable"),
    "line1": ("adresse", "address", "adresse 1", "address 1", "address line 1", "adresse ligne 1", "rue", "street"),
    "line2": ("adresse 2", "address 2", "address line 2", "adresse ligne 2", "complement adresse", "complement"),
    "postal_code": ("code postal", "cp", "postal code", "zip", "zip code", "postcode"),
    "city": ("ville", "commune", "localite", "city", "town"),
    "country": ("pays", "country", "code pays", "country code"),
    "language": (
        "langue",
        "langue debiteur",
        "langue courriers",
        "langue correspondance",
        "language",
        "debtor language",
        "correspondence language",
    ),
}


REQUIRED: dict[str, tuple[str, str]] = {  # field: (English label, French label)
    "number": ("invoice number", "numéro de facture"),
    "issue_date": ("issue date", "date de facture"),
    "due_date": ("due date", "date d'échéance"),
    "amount": ("amount incl. VAT", "montant TTC"),
    "name": ("debtor name", "raison sociale ou nom du débiteur"),
}


@dataclass(frozen=True)
class Columns:
    """Where each recognised field sits in a row, and the header the file gave it (for error reports)."""

    position: dict[str, int]
    title: dict[str, str]

    @property
    def missing(self) -> list[str]:
        return [field for field in REQUIRED if field not in self.position]


def normalise_header(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char)).lower()
    words = re.split(r"[^0-9a-z]+", bare)
    return " ".join(word for word in words if word and word not in _FILLERS)


FIELD_OF = {normalise_header(alias): field for field, aliases in _ALIASES.items() for alias in aliases}


def read_header(cells: Sequence[object]) -> Columns:
    """The first column wins when two headers mean the same field; unknown headers are ignored."""
    position: dict[str, int] = {}
    title: dict[str, str] = {}
    for index, cell in enumerate(cells):
        written = "" if cell is None else str(cell).strip()
        field = FIELD_OF.get(normalise_header(written))
        if field and field not in position:
            position[field], title[field] = index, written
    return Columns(position=position, title=title)


HEADER_SEARCH_ROWS = 20  # rows that are not blank, read at most to find the header below titles and notes

Row = tuple[int, Sequence[object]]  # the file's own line (CSV) or row (XLSX) number, and its cells


@dataclass(frozen=True)
class FoundHeader:
    line: int
    columns: Columns
    after: list[Row]  # rows read past the header while looking for it: the first data rows


def find_header(rows: Iterator[Row]) -> FoundHeader | None:
    """The header of a spreadsheet, wherever the export put it: exports often start with a title ("Balance âgée
    au 30/11/2026"), a date or blank lines. It is the first row naming at least two known columns; failing that,
    the first naming one (so that the columns it lacks are reported). None when none of the first
    HEADER_SEARCH_ROWS rows that are not blank names any. Rows are read only as far as needed."""
    seen: list[Row] = []
    fallback: tuple[int, Columns] | None = None  # where in `seen`
    filled = 0
    for row in rows:
        seen.append(row)
        line, cells = row
        if all(cell is None or not str(cell).strip() for cell in cells):
            continue
        columns = read_header(cells)
        if len(columns.position) >= 2:
            return FoundHeader(line, columns, [])
        if columns.position and fallback is None:
            fallback = (len(seen) - 1, columns)
        filled += 1
        if filled >= HEADER_SEARCH_ROWS:
            break
    if fallback is None:
        return None
    index, columns = fallback
    return FoundHeader(seen[index][0], columns, seen[index + 1 :])
