"""FastAPI's request-validation errors (pydantic's) in plain French, one message per error naming the field.

Error types not listed here keep pydantic's English message; a validator's own refusal is used as written
(in French when it raised a `BilingualValueError`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from shared.i18n import BilingualValueError

LOCATIONS = frozenset({"body", "query", "path", "header", "cookie"})
Predicate = Callable[[Mapping[str, Any]], str]


def _plural(count: object, word: str) -> str:
    return f"{count} {word}" if count in (0, 1, "0", "1") else f"{count} {word}s"


def _choices(ctx: Mapping[str, Any]) -> str:
    expected = str(ctx.get("expected", ""))
    head, separator, last = expected.rpartition(" or ")
    return f"{head} ou {last}" if separator else expected


_NOT_AN_EMAIL = "value is not a valid email address"
_NOT_JSON = "le corps de la requête n'est pas un JSON valide"
_DATE = "doit être une date au format AAAA-MM-JJ (par exemple 2026-07-01)"
_DATETIME = "doit être une date et une heure ISO 8601 avec fuseau (par exemple 2026-12-01T09:00:00+01:00)"
_INTEGER = "doit être un nombre entier"
_DECIMAL = 'doit être un nombre décimal écrit avec un point (par exemple "1200.00")'
_URL = "doit être une adresse web complète (par exemple https://erp.exemple.fr/recouvra)"


def _items(ctx: Mapping[str, Any]) -> str:
    """A list counts its elements; a constrained value (a URL) its characters."""
    return "caractère" if ctx.get("field_type") == "Value" else "élément"


PREDICATES: dict[str, Predicate] = {
    "missing": lambda ctx: "est obligatoire",
    "string_too_short": lambda ctx: f"doit contenir au moins {_plural(ctx.get('min_length'), 'caractère')}",
    "string_too_long": lambda ctx: f"doit contenir au plus {_plural(ctx.get('max_length'), 'caractère')}",
    "too_short": lambda ctx: f"doit contenir au moins {_plural(ctx.get('min_length'), 'élément')}",
    "too_long": lambda ctx: f"doit contenir au plus {_plural(ctx.get('max_length'), _items(ctx))}",
    "string_type": lambda ctx: "doit être une chaîne de caractères",
    "string_pattern_mismatch": lambda ctx: "n'a pas le format attendu",
    "greater_than": lambda ctx: f"doit être strictement supérieur à {ctx.get('gt')}",
    "greater_than_equal": lambda ctx: f"doit être supérieur ou égal à {ctx.get('ge')}",
    "less_than": lambda ctx: f"doit être strictement inférieur à {ctx.get('lt')}",
    "less_than_equal": lambda ctx: f"doit être inférieur ou égal à {ctx.get('le')}",
    "int_parsing": lambda ctx: _INTEGER,
    "int_type": lambda ctx: _INTEGER,
    "int_from_float": lambda ctx: _INTEGER + " (sans décimales)",
    "decimal_parsing": lambda ctx: _DECIMAL,
    "decimal_type": lambda ctx: _DECIMAL,
    "float_parsing": lambda ctx: "doit être un nombre",
    "float_type": lambda ctx: "doit être un nombre",
    "decimal_max_places": lambda ctx: f"doit avoir au plus {_plural(ctx.get('decimal_places'), 'décimale')}",
    "decimal_max_digits": lambda ctx: f"doit compter au plus {_plural(ctx.get('max_digits'), 'chiffre')}",
    "date_parsing": lambda ctx: _DATE,
    "date_type": lambda ctx: _DATE,
    "date_from_datetime_parsing": lambda ctx: _DATE,
    "date_from_datetime_inexact": lambda ctx: "doit être une date sans heure (AAAA-MM-JJ)",
    "datetime_parsing": lambda ctx: _DATETIME,
    "datetime_type": lambda ctx: _DATETIME,
    "datetime_from_date_parsing": lambda ctx: _DATETIME,
    "bool_parsing": lambda ctx: "doit valoir true ou false",
    "bool_type": lambda ctx: "doit valoir true ou false",
    "uuid_parsing": lambda ctx: "doit être un identifiant UUID (par exemple 0b6f4c1e-8d2a-4f3b-9c5d-2e7a1b3c4d5e)",
    "uuid_type": lambda ctx: "doit être un identifiant UUID",
    "literal_error": lambda ctx: f"doit valoir {_choices(ctx)}",
    "enum": lambda ctx: f"doit valoir {_choices(ctx)}",
    "list_type": lambda ctx: "doit être une liste",
    "dict_type": lambda ctx: "doit être un objet JSON",
    "model_type": lambda ctx: "doit être un objet JSON",
    "model_attributes_type": lambda ctx: "doit être un objet JSON",
    "extra_forbidden": lambda ctx: "n'est pas attendu ; retirez-le",
    "url_parsing": lambda ctx: _URL,
    "url_type": lambda ctx: _URL,
    "url_scheme": lambda ctx: (
        "doit commencer par "
        + " ou ".join(f"{scheme.strip(chr(39))}://" for scheme in str(ctx.get("expected_schemes", "")).split(" or "))
    ),
    "url_too_long": lambda ctx: f"doit contenir au plus {_plural(ctx.get('max_length'), 'caractère')}",
}


def field_name(loc: Sequence[str | int]) -> str:
    """("body", "invoices", 0, "amount") -> "invoices[0].amount"; the request part is left out."""
    parts = list(loc[1:] if loc and loc[0] in LOCATIONS else loc)
    name = ""
    for part in parts:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    return name


def french_message(error: Mapping[str, Any]) -> str:
    field = field_name(error.get("loc", ()))
    kind = error.get("type", "")
    if kind == "json_invalid":
        return _NOT_JSON
    if kind in ("value_error", "assertion_error") or kind not in PREDICATES:
        text = reason(error, language="fr")
        return f"{field} : {text}" if field else text
    if not field:
        return f"le corps de la requête {reason(error, language='fr')}"
    loc = error.get("loc", ())
    noun = {"query": "le paramètre", "path": "le paramètre", "header": "l'en-tête", "cookie": "le cookie"}.get(
        str(loc[0]), "le champ"
    )
    return f"{noun} « {field} » {reason(error, language='fr')}"


def reason(error: Mapping[str, Any], *, language: str) -> str:
    """What is wrong, without naming the field ("doit être strictement supérieur à 0", "'12345' is not a valid
    SIREN"): for a form, which names the field by its own label beside it."""
    kind, ctx = error.get("type", ""), error.get("ctx") or {}
    if language != "fr":
        return str(error.get("msg", "")).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind == "json_invalid":
        return _NOT_JSON
    if kind in ("value_error", "assertion_error"):
        cause = ctx.get("error")
        text = cause.fr if isinstance(cause, BilingualValueError) else str(error.get("msg", ""))
        if text.startswith(_NOT_AN_EMAIL):  # pydantic's EmailStr, whose reason email-validator words in English
            return "n'est pas une adresse électronique valide (elle s'écrit nom@domaine.fr)"
        return text.removeprefix("Value error, ").removeprefix("Assertion failed, ")
    predicate = PREDICATES.get(kind)
    return predicate(ctx) if predicate is not None else str(error.get("msg", ""))


def plain_errors(errors: Sequence[Mapping[str, Any]], *, language: str) -> list[dict[str, Any]]:
    """Each error as {"loc", "msg", "type", "reason"}, the message in `language` ("fr" or "en"); `reason` is the
    message without the field's name (`reason`)."""
    return [
        {
            "loc": list(error.get("loc", ())),
            "type": error.get("type", ""),
            "msg": french_message(error) if language == "fr" else str(error.get("msg", "")),
            "reason": reason(error, language=language),
        }
        for error in errors
    ]
