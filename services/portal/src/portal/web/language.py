"""Which language a page is shown in: the visitor's choice (a cookie set by the language switch), else the
browser's Accept-Language, French unless English is preferred (shared.i18n.negotiate)."""

from __future__ import annotations

from fastapi import Request

from shared.i18n import SUPPORTED, Language, negotiate

from portal.web.texts import TEXTS

LANGUAGE_COOKIE = "recouvra_lang"


def page_language(request: Request) -> Language:
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen == "fr":
        return "fr"
    if chosen == "en":
        return "en"
    return negotiate(request.headers.get("accept-language"))


def is_supported(value: str) -> bool:
    return value in SUPPORTED


class Translator:
    """`t("key", name=...)`: the catalogue's text in the page's language, with its fields filled in."""

    def __init__(self, language: Language) -> None:
        self.language = language

    def __call__(self, key: str, **fields: object) -> str:
        texts = TEXTS.get(key)
        if texts is None:
            return key
        text = texts[0] if self.language == "fr" else texts[1]
        return text.format(**fields) if fields else text

    def has(self, key: str) -> bool:
        return key in TEXTS
