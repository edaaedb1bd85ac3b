"""Country as an ISO 3166 alpha-2 code, from what creditors write ("France", "FR", "Belgique")."""

from __future__ import annotations

from .headers import normalise_header
from .problems import Unreadable

# The debtors' countries a French agency meets, by their French and English names and alpha-3 codes.
# Any other country must be given as its two-letter code.
_NAMED = {
    "FR": ("france", "fra", "metropole", "france metropolitaine"),
    "BE": ("belgique", "belgium", "bel"),
    "LU": ("luxembourg", "lux"),
    "CH": ("suisse", "switzerland", "che"),
    "MC": ("monaco", "mco"),
    "DE": ("allemagne", "germany", "deu"),
    "ES": ("espagne", "spain", "esp"),
    "IT": ("italie", "italy", "ita"),
    "PT": ("portugal", "prt"),
    "NL": ("pays bas", "netherlands", "nld"),
    "GB": ("royaume uni", "united kingdom", "uk", "gbr"),
    "IE": ("irlande", "ireland", "irl"),
    "AT": ("autriche", "austria", "aut"),
    "MA": ("maroc", "morocco", "mar"),
    "DZ": ("algerie", "algeria", "dza"),
    "TN": ("tunisie", "tunisia", "tun"),
    "US": ("etats unis", "united states", "usa"),
    "CA": ("canada", "can"),
}
_CODE_OF = {name: code for code, names in _NAMED.items() for name in names}


def country_code(text: str) -> str:
    written = text.strip()
    code = _CODE_OF.get(normalise_header(written))
    if code is None and len(written) == 2 and written.isalpha():
        code = written.upper()
    if code is None:
        raise Unreadable(
            f"{written!r} is not a known country; write its two-letter ISO code",
            f"« {written} » n'est pas un pays connu ; indiquez son code ISO à deux lettres",
        )
    return code
