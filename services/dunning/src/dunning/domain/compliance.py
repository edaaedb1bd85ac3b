"""Does a rendered message say what the law requires? The check reads the rendered text (and the HTML, which
becomes the letter), never the context alone: a creditor's own template may have dropped a mention.

- The first contact, and every letter or formal notice, carries the R124-4 CPCE mentions: the agency's identity
  and activity, the creditor, each component of the claim apart, a demand to pay with the payment means, and
  art. L111-8 al. 2 and 3 word for word.
- Every later contact repeats the first letter's reference and sending date (R124-4, last paragraph).
- An SMS or a phone script is short: first letter's reference and date, the case reference, the self-service
  link. It can never be the first contact, which must carry the whole R124-4 text.
- A consumer is never billed collection fees (L111-8 al. 2 CPCE, docs/rules.md §1.8)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from decimal import Decimal

from dunning.domain.context import MessageContext, Party, Rendered
from dunning.domain.formatting import compact_identifier, format_amount, format_date, format_grouped
from dunning.domain.html_text import html_to_text
from dunning.domain.mentions import (
    COMPONENT_LABELS,
    CONSUMER_FORBIDDEN_FEE_WORDS,
    DEMAND_PHRASES,
    L111_8_HEADING_FR,
    L111_8_PARAGRAPHS,
    L111_8_TRANSLATION_EN,
    L111_8_TRANSLATION_HEADING_EN,
    MENTIONS_BY_CODE,
    Mention,
)
from dunning.errors import FirstContactChannelRefused, NonCompliantMessage

LETTER_CHANNELS = frozenset({"letter", "registered_letter", "formal_notice"})
SHORT_CHANNELS = frozenset({"sms", "phone"})
COMPONENTS = ("penalties", "indemnities", "interest")
# How far after its label a component's amount may stand ("Pénalités de retard (art. L441-10) : 12,34 €").
_LABEL_TO_AMOUNT = 80


def check_first_contact_channel(context: MessageContext) -> None:
    if context.is_first_contact and context.channel in SHORT_CHANNELS:
        raise FirstContactChannelRefused(context.channel)


def carries_r124_4(context: MessageContext) -> bool:
    """The first contact and every letter repeat the whole R124-4 letter; other messages refer to it."""
    return context.is_first_contact or context.channel in LETTER_CHANNELS


def required_mentions(context: MessageContext) -> list[str]:
    """The codes of the mentions this message must carry, in the order R124-4 lists them."""
    codes: list[str] = []
    if carries_r124_4(context):
        codes += ["agency_name", "agency_address", "agency_activity", "creditor_name", "creditor_address"]
        codes.append("principal")
        codes += [code for code in COMPONENTS if _component_amount(context, code) != 0]
        codes += ["balance", "demand_to_pay", "agency_iban"]
        codes += ["rf_reference"] if context.rf_reference else []
        codes.append("l111_8_text")
    if context.first_contact is not None:
        codes += ["first_contact_reference", "first_contact_date"]
    if context.channel in SHORT_CHANNELS:
        codes += ["case_reference", "self_service_url"]
    return codes


def missing_mentions(context: MessageContext, rendered: Rendered) -> list[Mention]:
    bodies = [_normalise(rendered.text)]
    if rendered.html is not None:
        bodies.append(_normalise(html_to_text(rendered.html)))
    codes = required_mentions(context)
    missing = [code for code in codes if not all(_PRESENT[code](context, body) for body in bodies)]
    if context.kind == "b2c" and _bills_a_fee(context, bodies):
        missing.append("no_consumer_fees")
    return [MENTIONS_BY_CODE[code] for code in missing]


def ensure_compliant(context: MessageContext, rendered: Rendered) -> None:
    check_first_contact_channel(context)
    missing = missing_mentions(context, rendered)
    if missing:
        raise NonCompliantMessage(missing)


def _normalise(text: str) -> str:
    """One space for any run of white space (line breaks, no-break spaces): wrapping never hides a mention."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))


def _contains(body: str, needle: str) -> bool:
    needle = _normalise(needle).strip()
    return bool(needle) and needle in body


def _address_present(party: Party, body: str) -> bool:
    lines = [line for line in party.address_lines if line.strip()]
    return bool(lines) and all(_contains(body, line) for line in lines)


def _identifier_present(identifier: str | None, body: str) -> bool:
    if not identifier or not identifier.strip():
        return False
    return _contains(body, format_grouped(identifier)) or _contains(body, compact_identifier(identifier))


def _component_amount(context: MessageContext, code: str) -> Decimal:
    return _component_money(context, code)[0]


def _component_money(context: MessageContext, code: str) -> tuple[Decimal, str]:
    """The component's amount and currency: a case in another currency owes its D441-5 indemnities in euros, apart."""
    figures = context.figures
    if code == "indemnities" and figures.indemnities == 0 and figures.indemnities_apart != 0:
        return figures.indemnities_apart, figures.indemnities_apart_currency
    amount: Decimal = getattr(figures, code)
    return amount, figures.currency


def _component_present(context: MessageContext, code: str, body: str) -> bool:
    language = "fr" if context.language == "fr" else "en"
    label = COMPONENT_LABELS[language][code]
    value, currency = _component_money(context, code)
    amount = format_amount(value, language, currency)
    pattern = re.escape(label) + f".{{0,{_LABEL_TO_AMOUNT}}}?" + re.escape(_normalise(amount))
    return re.search(pattern, body, re.IGNORECASE) is not None


def _demand_present(context: MessageContext, body: str) -> bool:
    lowered = body.lower()
    return any(phrase in lowered for phrase in DEMAND_PHRASES["fr" if context.language == "fr" else "en"])


def _l111_8_present(body: str) -> bool:
    return all(_contains(body, paragraph) for paragraph in L111_8_PARAGRAPHS)


def _bills_a_fee(context: MessageContext, bodies: Sequence[str]) -> bool:
    # The fixed indemnity of D441-5 C. com. is owed by professionals only (L441-10 II): never by a consumer.
    figures = context.figures
    billed = figures.fees != 0 or figures.indemnities != 0 or figures.indemnities_apart != 0
    return billed or any(_names_a_fee(body) for body in bodies)


def _names_a_fee(body: str) -> bool:
    for quoted in (*L111_8_PARAGRAPHS, *L111_8_TRANSLATION_EN, L111_8_HEADING_FR, L111_8_TRANSLATION_HEADING_EN):
        body = body.replace(_normalise(quoted), " ")
    lowered = body.lower()
    return any(word in lowered for word in CONSUMER_FORBIDDEN_FEE_WORDS)


def _first_contact_date(context: MessageContext, body: str) -> bool:
    first = context.first_contact
    return first is not None and _contains(body, format_date(first.sent_on, context.language))


_PRESENT: dict[str, Callable[[MessageContext, str], bool]] = {
    "agency_name": lambda c, body: _contains(body, c.agency.name),
    "agency_address": lambda c, body: _address_present(c.agency, body),
    "agency_activity": lambda c, body: _contains(body, c.agency.activity),
    "creditor_name": lambda c, body: _contains(body, c.creditor.name),
    "creditor_address": lambda c, body: _address_present(c.creditor, body),
    "principal": lambda c, body: _component_present(c, "principal", body),
    "penalties": lambda c, body: _component_present(c, "penalties", body),
    "indemnities": lambda c, body: _component_present(c, "indemnities", body),
    "interest": lambda c, body: _component_present(c, "interest", body),
    "balance": lambda c, body: _component_present(c, "balance", body),
    "demand_to_pay": _demand_present,
    "agency_iban": lambda c, body: _identifier_present(c.agency.iban, body),
    "rf_reference": lambda c, body: _identifier_present(c.rf_reference, body),
    "l111_8_text": lambda c, body: _l111_8_present(body),
    "first_contact_reference": lambda c, body: (
        c.first_contact is not None and _contains(body, c.first_contact.reference)
    ),
    "first_contact_date": _first_contact_date,
    "case_reference": lambda c, body: _contains(body, c.case_reference),
    "self_service_url": lambda c, body: _contains(body, c.self_service_url),
}
