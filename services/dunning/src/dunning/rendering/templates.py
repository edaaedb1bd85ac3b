"""Messages from templates: the default Jinja2 templates of each code and language (dunning's
`templates/<language>/`), or a creditor's own text for one of them, rendered in a sandbox since creditors write it.

A template sees the context's fields by name (agency, creditor, debtor, figures, first_contact, ...) and the
helpers that write them the way the compliance check reads them: money(), day(), grouped(), labels, l111_8.
Every variable must exist: a misspelt one is an error, never an empty string in a letter to a debtor."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, partial
from pathlib import Path
from typing import Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateNotFound, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from dunning.domain.compliance import LETTER_CHANNELS, carries_r124_4, check_first_contact_channel
from dunning.domain.context import MessageContext, Rendered
from dunning.domain.formatting import format_amount, format_date, format_grouped
from dunning.domain.mentions import (
    COMPONENT_LABELS,
    L111_8_HEADING_FR,
    L111_8_PARAGRAPHS,
    L111_8_TRANSLATION_EN,
    L111_8_TRANSLATION_HEADING_EN,
)
from dunning.errors import TemplateOverrideInvalid, UnknownTemplate

TEMPLATES = Path(__file__).parents[1] / "templates"
TEMPLATE_CODES = ("email-courteous", "email-firm", "letter-reminder", "formal-notice", "sms-reminder", "phone-script")
LANGUAGES = ("fr", "en")

Part = Literal["subject", "text", "html"]
_SUFFIX: dict[Part, str] = {"subject": "subject.j2", "text": "txt.j2", "html": "html.j2"}


@dataclass(frozen=True)
class TemplateOverride:
    """A creditor's own Jinja2 source for one template and language; a part left None keeps the default."""

    subject: str | None = None
    text: str | None = None
    html: str | None = None


def render(context: MessageContext, *, override: TemplateOverride | None = None) -> Rendered:
    check_first_contact_channel(context)
    if context.language not in LANGUAGES or context.template not in TEMPLATE_CODES:
        raise UnknownTemplate(context.template, context.language, TEMPLATE_CODES)
    variables = template_variables(context)
    override = override or TemplateOverride()
    subject = _render(context, "subject", override.subject, variables)
    text = _render(context, "text", override.text, variables)
    html = _render(context, "html", override.html, variables)
    if subject is None or text is None:
        raise UnknownTemplate(context.template, context.language, TEMPLATE_CODES)
    return Rendered(subject=_one_line(subject), text=_tidy(text), html=html)


def template_variables(context: MessageContext) -> dict[str, object]:
    language = context.language
    return {
        "language": language,
        "channel": context.channel,
        "step": context.step,
        "template": context.template,
        "kind": context.kind,
        "sent_on": context.sent_on,
        "message_reference": context.message_reference,
        "case_reference": context.case_reference,
        "rf_reference": context.rf_reference,
        "agency": context.agency,
        "creditor": context.creditor,
        "debtor": context.debtor,
        "figures": context.figures,
        "self_service_url": context.self_service_url,
        "access_code": context.access_code,
        "access_page": context.access_page,
        "first_contact": context.first_contact,
        "reply_days": context.reply_days,
        "extra": context.extra,
        "is_first_contact": context.is_first_contact,
        "is_letter": context.channel in LETTER_CHANNELS,
        "full_mentions": carries_r124_4(context),
        "labels": COMPONENT_LABELS[language],
        "money": partial(format_amount, language=language, currency=context.figures.currency),
        "day": partial(format_date, language=language),
        "grouped": format_grouped,
        "l111_8": L111_8_PARAGRAPHS,
        "l111_8_heading": L111_8_HEADING_FR,
        "l111_8_translation": L111_8_TRANSLATION_EN,
        "l111_8_translation_heading": L111_8_TRANSLATION_HEADING_EN,
    }


def _render(context: MessageContext, part: Part, source: str | None, variables: dict[str, object]) -> str | None:
    if source is None:
        try:
            template = _defaults().get_template(f"{context.language}/{context.template}.{_SUFFIX[part]}")
        except TemplateNotFound:
            return None  # an SMS or a phone script has no HTML
        return template.render(variables)
    try:
        return _sandbox(autoescape=part == "html").from_string(source).render(variables)
    except Exception as exc:  # a creditor's template may fail in any way its author wrote it to
        raise TemplateOverrideInvalid(part, str(exc) or type(exc).__name__) from exc


def _one_line(subject: str) -> str:
    # Only line breaks and ASCII blanks: the no-break spaces inside amounts stay.
    return re.sub(r"[ \t\r\n]+", " ", subject).strip()


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


@cache
def _defaults() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache
def _sandbox(*, autoescape: bool) -> SandboxedEnvironment:
    # The same loader: a creditor's template may include our partials ("fr/_r124_4.txt.j2") to keep the mentions.
    return SandboxedEnvironment(
        loader=FileSystemLoader(TEMPLATES),
        undefined=StrictUndefined,
        autoescape=autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
