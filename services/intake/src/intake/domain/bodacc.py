"""A BODACC notice read as pure rules: whether it announces an opening judgment of insolvency proceedings, of which
kind, for which SIREN, judged and published on which days.

The records are those of DILA's open-data API (`annonces-commerciales`, the Opendatasoft Explore API v2.1): the
notice's `id`, its family (`familleavis` "collective" for insolvency proceedings), `dateparution` (the publication,
from which the two months to declare a claim run, R622-24 C. com.), `registre` (the SIREN, written with and without
spaces) and `jugement`, a JSON text whose `famille` says "Jugement d'ouverture" and `nature` names the proceedings
("Jugement d'ouverture de liquidation judiciaire"). Any other notice (a plan, a closing, a conversion, a sale) opens
nothing and is left for a person to read."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

Kind = Literal["sauvegarde", "redressement", "liquidation"]
_KINDS: tuple[tuple[str, Kind], ...] = (
    ("liquidation judiciaire", "liquidation"),
    ("redressement judiciaire", "redressement"),
    ("sauvegarde", "sauvegarde"),
)
_SIREN = re.compile(r"\b(\d{3}) ?(\d{3}) ?(\d{3})\b")


@dataclass(frozen=True)
class OpeningNotice:
    notice_id: str
    siren: str
    kind: Kind
    opened_on: date
    published_on: date
    court: str | None


def _plain(text: str) -> str:
    """Lower case, accents and apostrophes' variants folded: the greffes write "Jugement d’ouverture" both ways."""
    folded = unicodedata.normalize("NFKD", text.replace("\u2019", "'")).encode("ascii", "ignore").decode()
    return " ".join(folded.lower().split())


def sirens_of(registre: Any) -> set[str]:
    """The SIRENs a notice's `registre` names (a list of strings, or one string), written with or without spaces."""
    values = registre if isinstance(registre, list) else [registre] if isinstance(registre, str) else []
    return {"".join(match.groups()) for value in values for match in _SIREN.finditer(str(value))}


def judgment_of(record: dict[str, Any]) -> dict[str, Any]:
    """The notice's `jugement`, given as a JSON text (or, by some mirrors, as an object); {} when unreadable."""
    raw = record.get("jugement")
    if isinstance(raw, dict):
        return raw
    if not isinstance(raw, str):
        return {}
    try:
        parsed = json.loads(raw)
    except ValueError:
        return {}
    return parsed if isinstance(parsed, dict) else {}


def opening_notice(record: dict[str, Any], siren: str) -> OpeningNotice | None:
    """The opening judgment `record` announces for `siren`, or None: another family, another company, another
    judgment, a kind of proceedings it does not name, or a date it does not give."""
    if record.get("familleavis") != "collective" or siren not in sirens_of(record.get("registre")):
        return None
    judgment = judgment_of(record)
    if "jugement d'ouverture" not in _plain(str(judgment.get("famille", ""))):
        return None
    nature = _plain(str(judgment.get("nature", "")))
    kind = next((kind for words, kind in _KINDS if words in nature), None)
    try:
        opened_on = date.fromisoformat(str(judgment.get("date", "")))
        published_on = date.fromisoformat(str(record.get("dateparution", "")))
    except ValueError:
        return None
    if kind is None or opened_on > published_on:
        return None
    court = record.get("tribunal")
    return OpeningNotice(
        notice_id=str(record.get("id", "")),
        siren=siren,
        kind=kind,
        opened_on=opened_on,
        published_on=published_on,
        court=str(court) if court else None,
    )
