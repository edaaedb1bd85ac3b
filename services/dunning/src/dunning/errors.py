"""Dunning's errors, each with its status and its message in English and French: messages and their templates,
letters, and the provider's callbacks.

They import nothing of dunning, so that every module, the pure rules of `domain/` included, may raise them; what
an error reads from an aggregate or a rule is named here by the little it needs (`Labelled`, `Described`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from shared.errors import Forbidden, Invalid


class Labelled(Protocol):
    """What `dunning.domain.mentions.Mention` carries: a mandatory mention, named in both languages."""

    @property
    def code(self) -> str: ...

    @property
    def label_fr(self) -> str: ...

    @property
    def label_en(self) -> str: ...


class Described(Protocol):
    """What `dunning.overrides.template_samples.Situation` carries: the situation a template is sent in, in words."""

    def describe(self, language: str) -> str: ...


# Compliance of a message (R124-4 CPCE)


class NonCompliantMessage(Invalid):
    """A message that leaves out a mandatory mention may not go out (R124-7 CPCE punishes each omission)."""

    def __init__(self, missing: Sequence[Labelled]) -> None:
        self.missing = tuple(missing)
        super().__init__(
            "the message lacks mandatory mentions: " + "; ".join(m.label_en for m in self.missing),
            message_fr="Mentions obligatoires absentes du message : " + " ; ".join(m.label_fr for m in self.missing),
            field="template",
        )


class FirstContactChannelRefused(Invalid):
    def __init__(self, channel: str) -> None:
        super().__init__(
            f"the first contact must be a letter or an e-mail carrying the R124-4 mentions, not {channel}",
            message_fr=f"Le premier contact doit être un courrier ou un e-mail portant les mentions de l'article "
            f"R124-4 CPCE, pas : {channel}",
            field="channel",
        )


# Templates and letters


class UnknownTemplate(Invalid):
    def __init__(self, template: str, language: str, templates: Sequence[str]) -> None:
        super().__init__(
            f"there is no template {template!r} in language {language!r}; templates: {', '.join(templates)}",
            message_fr=f"Aucun modèle {template!r} en langue {language!r} ; modèles : {', '.join(templates)}",
            field="template",
        )


class TemplateOverrideInvalid(Invalid):
    def __init__(self, part: str, reason: str) -> None:
        super().__init__(
            f"the creditor's template ({part}) cannot be rendered: {reason}",
            message_fr=f"Le modèle du créancier ({part}) ne peut pas être produit : {reason}",
            field=f"override.{part}",
        )


class TemplateLacksMentions(Invalid):
    def __init__(self, situation: Described, missing: Sequence[Labelled]) -> None:
        self.missing = tuple(missing)
        super().__init__(
            f"the template leaves out mandatory mentions when it is {situation.describe('en')}: "
            + "; ".join(m.label_en for m in missing),
            message_fr=f"le modèle omet des mentions obligatoires pour un {situation.describe('fr')} : "
            + " ; ".join(m.label_fr for m in missing),
            field="template",
        )


class LetterNeedsHtml(Invalid):
    def __init__(self, template: str) -> None:
        super().__init__(
            f"the template {template!r} has no HTML version and cannot be sent as a letter",
            message_fr=f"Le modèle {template!r} n'a pas de version HTML et ne peut pas partir par courrier",
            field="template",
        )


# The provider's callbacks


class InvalidSignature(Forbidden):
    """A callback without the provider's signature, or with a wrong one: not from the provider (403); `header`
    names the header that carries it."""

    def __init__(self, header: str) -> None:
        super().__init__(
            "the callback's signature is missing or wrong",
            message_fr="la signature du rappel est absente ou fausse",
            field=header,
        )
