"""API field types several packages' API models share: a channel's name, a creditor's template source."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from shared.i18n import BilingualValueError
from shared.limits import forbidden_character

ChannelName = Literal["email", "sms", "letter", "registered_letter", "phone", "formal_notice"]


def check_template_source(value: str) -> str:
    """A creditor's template: any length a letter needs, line breaks and tabs, but no other control character and
    no bidirectional override (the rules of `shared.limits` for prose, without its 2,000 characters)."""
    found = forbidden_character(value, multiline=True)
    if found is not None:
        raise BilingualValueError(
            f"contains a control or bidirectional character ({found}); write plain text",
            f"contient un caractère de contrôle ou de direction d'écriture ({found}) ; écrivez du texte simple",
        )
    return value


TemplateSource = Annotated[str, Field(min_length=1, max_length=100_000), AfterValidator(check_template_source)]
