"""French first, English on request: which language a client reads, and errors that carry both.

`negotiate` reads `Accept-Language` (RFC 9110 §12.5.4): English only when the client weighs it above French;
a tie, an absent header or only unknown languages answer in French."""

from __future__ import annotations

from typing import Literal

Language = Literal["fr", "en"]
SUPPORTED: tuple[Language, ...] = ("fr", "en")


def negotiate(accept_language: str | None) -> Language:
    weights = _weights(accept_language or "")
    wildcard = weights.get("*", 0.0)
    french, english = weights.get("fr", wildcard), weights.get("en", wildcard)
    return "en" if english > french else "fr"


def _weights(header: str) -> dict[str, float]:
    """The highest q-value given to each primary language tag ("en-GB" counts for "en")."""
    weights: dict[str, float] = {}
    for item in header.split(","):
        tag, _, parameters = item.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if not primary:
            continue
        quality = _quality(parameters)
        if quality is not None:
            weights[primary] = max(weights.get(primary, 0.0), quality)
    return weights


def _quality(parameters: str) -> float | None:
    """q=1 when absent; None (the range is ignored) when malformed or out of 0..1."""
    for parameter in parameters.split(";"):
        name, _, value = parameter.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                quality = float(value.strip())
            except ValueError:
                return None
            return quality if 0.0 <= quality <= 1.0 else None
    return 1.0


class BilingualValueError(ValueError):
    """A validator's refusal in both languages: str() is the English (logs, imports, existing callers);
    the French is what a French client reads in the 422."""

    def __init__(self, en: str, fr: str) -> None:
        super().__init__(en)
        self.en = en
        self.fr = fr


def bilingual_answer(accept_language: str | None, *, en: str, fr: str) -> tuple[dict[str, str], dict[str, str]]:
    """The body (`detail` in the client's language, `detail_fr` and `detail_en` beside) and the headers of an
    answer written outside the DomainError handler (a middleware's, the last-resort 500)."""
    language = negotiate(accept_language)
    body = {"detail": fr if language == "fr" else en, "detail_fr": fr, "detail_en": en}
    return body, {"Content-Language": language, "Vary": "Accept-Language"}
