"""The debtor a spreadsheet line describes, and whether the case is B2B or B2C."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from .countries import country_code
from .headers import normalise_header
from .problems import Unreadable
from .rows import DebtorRow

_KINDS = {  # normalised "Type" cell: (case kind, debtor type)
    **dict.fromkeys(
        (
            "b2b",
            "professionnel",
            "pro",
            "entreprise",
            "societe",
            "personne morale",
            "company",
            "business",
            "professional",
        ),
        ("b2b", "company"),
    ),
    **dict.fromkeys(
        (
            "b2c",
            "particulier",
            "consommateur",
            "personne physique",
            "personne",
            "consumer",
            "person",
            "individual",
            "private",
        ),
        ("b2c", "person"),
    ),
}
_SEPARATORS = re.compile("[\\s.\\-\u00a0\u202f]")
_ADDRESS_FIELDS = ("line1", "line2", "postal_code", "city")


@lru_cache(maxsize=256)  # pure, and a file words its kinds a few ways only
def kind_and_type(text: str | None) -> tuple[str | None, str | None]:
    if text is None:
        return None, None
    found = _KINDS.get(normalise_header(text))
    if found is None:
        raise Unreadable(
            f"{text!r} is not a debtor type (expected b2b or b2c, professionnel or particulier)",
            f"« {text} » n'est pas un type de débiteur (attendu b2b ou b2c, professionnel ou particulier)",
        )
    return found


def debtor_from(texts: Mapping[str, str | None], name: str, declared_type: str | None) -> DebtorRow:
    """`texts` holds the line's stripped cells by field; the debtor is a company when an identifier says so. A
    ledger names one debtor on many lines: the same texts give the same debtor, built once (its address is never
    changed afterwards)."""
    return _debtor(name, declared_type, *(texts.get(field) for field in _DEBTOR_TEXTS))


_DEBTOR_TEXTS = (
    "siren",
    "siret",
    "vat_number",
    "legal_form",
    "email",
    "phone",
    *_ADDRESS_FIELDS,
    "country",
    "language",
)


@lru_cache(maxsize=4096)
def _debtor(name: str, declared_type: str | None, *values: str | None) -> DebtorRow:
    texts = dict(zip(_DEBTOR_TEXTS, values, strict=True))
    siren, siret = _digits(texts["siren"]), _digits(texts["siret"])
    vat_number = _compact(texts["vat_number"])
    legal_form = texts["legal_form"]
    identified = any((siren, siret, vat_number, legal_form))
    return DebtorRow(
        type="company" if identified else declared_type or "person",
        name=name,
        siren=siren,
        siret=siret,
        vat_number=vat_number,
        legal_form=legal_form,
        email=texts["email"],
        phone=texts["phone"],
        address=address_from(texts),
        language=texts["language"],
    )


_LANGUAGES = {  # normalised "Langue" cell: the language the debtor is written to in
    **dict.fromkeys(("fr", "fra", "fre", "francais", "french"), "fr"),
    **dict.fromkeys(("en", "eng", "anglais", "english"), "en"),
}


def language_code(text: str) -> str:
    """ "fr" or "en" from what creditors write in a "Langue" column ("Français", "EN", "anglais")."""
    found = _LANGUAGES.get(normalise_header(text)) or _LANGUAGES.get(text.strip().lower())
    if found is None:
        raise Unreadable(
            f"{text!r} is not a language we write to debtors in: French (fr) or English (en)",
            f"« {text} » n'est pas une langue dans laquelle nous écrivons aux débiteurs : "
            "français (fr) ou anglais (en)",
        )
    return found


def address_from(texts: Mapping[str, str | None]) -> dict[str, str] | None:
    """Only the parts present, and the country (France unless said otherwise); None when there is no address."""
    parts = {field: value for field in _ADDRESS_FIELDS if (value := texts.get(field))}
    country = texts.get("country")
    if not parts and not country:
        return None
    parts["country"] = country_code(country) if country else "FR"
    postal_code = parts.get("postal_code")
    if parts["country"] == "FR" and postal_code and postal_code.isdigit() and len(postal_code) == 4:
        # Spreadsheets read "01000" as the number 1000: French postcodes have five digits.
        parts["postal_code"] = postal_code.zfill(5)
    return parts


def _digits(text: str | None) -> str | None:
    return _SEPARATORS.sub("", text) if text else None


def _compact(text: str | None) -> str | None:
    return _SEPARATORS.sub("", text).upper() if text else None
