"""API field types several packages' API models share: a channel's name, a creditor's template source."""

from __future__ import annotations

import unicodedata
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from shared.i18n import BilingualValueError

ChannelName = Literal["email", "sms", "letter", "registered_letter", "phone", "formal_notice"]
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def check_template_source(value: str) -> str:
    """A creditor's template: any length a letter needs, line breaks and tabs, but no other control character and
    no bidirectional override (the rules of `shared.limits` for prose, without its 2,000 characters)."""
    for char in value:
        if (unicodedata.category(char) == "Cc" and char not in "\t\n\r") or char in _BIDI_CONTROLS:
            raise BilingualValueError(
                f"contains a control or bidirectional character (U+{ord(char):04X}); write plain text",
                f"contient un caractère de contrôle ou de direction d'écriture (U+{ord(char):04X}) ; "
                "écrivez du texte simple",
            )
    return value


TemplateSource = Annotated[str, Field(min_length=1, max_length=100_000), AfterValidator(check_template_source)]
