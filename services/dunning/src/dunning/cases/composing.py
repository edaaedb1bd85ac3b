"""Everything a message says, gathered at send time: the case, its debtor and the statement of account read
fresh from intake (the figures of the day, never a stale projection), the creditor as intake knows it, the agency
from settings, and the debtor's self-service link and access code."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, Protocol

from shared.access_codes import access_code, short_link
from shared.debtor_links import link_url, sign_link
from shared.errors import NotFound
from shared.fresh_reads import FreshReader

from dunning.cases.models import DunningCase
from dunning.config import Settings
from dunning.domain.context import Agency, Figures, FirstContact, InvoiceLine, MessageContext, Party


@dataclass(frozen=True)
class Slot:
    """What the scheduler knows of the message it is about to prepare."""

    channel: str
    step: str
    template: str
    language: str | None  # None: the debtor's own (`debtor_language`), read with the case when the message is composed
    message_reference: str
    first_contact: FirstContact | None
    sent_on: date
    now: datetime


class CaseFacts(Protocol):
    def context_for(self, case: DunningCase, slot: Slot) -> MessageContext: ...

    def balance_due(self, case: DunningCase, as_of: date) -> Decimal:
        """What the statement of account says is due on `as_of`: the figure the debtor's page shows, and the most a
        payment plan may cover (intake's events carry the balance at each payment only, not the penalties that
        accrue every day in between)."""
        ...

    def debtor_contact(self, case: DunningCase) -> DebtorContact:
        """Where the debtor is written to about what it asked for (a plan's answer), and its payment reference."""
        ...


BalanceDue = Callable[[DunningCase, date], Decimal]
"""`CaseFacts.balance_due`, as a payment plan's use cases take it."""


@dataclass(frozen=True)
class DebtorContact:
    """The debtor as intake knows it today: its name, its e-mail address (None: none known), the case's RF
    payment reference, which the self-service short link carries, and the language it is written to in."""

    name: str
    email: str | None
    rf_reference: str | None
    language: str = "fr"


ContactOf = Callable[[DunningCase], DebtorContact]
"""`CaseFacts.debtor_contact`, as a payment plan's use cases take it."""


def address_lines(address: dict[str, Any] | None) -> tuple[str, ...]:
    if not address:
        return ()
    town = " ".join(part for part in (address.get("postal_code"), address.get("city")) if part)
    lines = [address.get("line1"), address.get("line2"), town]
    if address.get("country") and address.get("country") != "FR":
        lines.append(address["country"])
    return tuple(str(line) for line in lines if line)


def agency_of(settings: Settings) -> Agency:
    return Agency(
        name=settings.agency_name,
        address_lines=tuple(line.strip() for line in settings.agency_address.split("|") if line.strip()),
        email=settings.agency_email,
        phone=settings.agency_phone,
        iban=settings.agency_iban,
        siren=settings.agency_siren,
    )


def figures_of(statement: dict[str, Any]) -> Figures:
    def amount(value: Any) -> Decimal:
        return Decimal(str(value if value is not None else "0.00"))

    return Figures(
        as_of=date.fromisoformat(statement["as_of"]),
        currency=statement.get("currency") or "EUR",
        principal=amount(statement["principal"]),
        penalties=amount(statement["penalties"]),
        indemnities=amount(statement["indemnities"]),
        interest=amount(statement["interest"]),
        fees=amount(statement.get("fees")),
        paid=amount(statement.get("paid")),
        balance=amount(statement["balance"]),
        indemnities_apart=amount(statement.get("indemnities_apart")),
        indemnities_apart_currency=statement.get("indemnities_apart_currency") or "EUR",
        invoices=tuple(
            InvoiceLine(
                number=line["number"],
                issue_date=date.fromisoformat(line["issue_date"]) if line.get("issue_date") else date.min,
                due_date=date.fromisoformat(line["due_date"]) if line.get("due_date") else date.min,
                principal=amount(line.get("principal")),
                penalties=amount(line.get("penalties")),
                indemnity=amount(line.get("indemnity")),
                interest=amount(line.get("interest")),
            )
            for line in statement.get("invoices", [])
        ),
    )


class IntakeFacts:
    """Reads intake with the service's own token, at the instant of sending (or of a payment plan's proposal)."""

    def __init__(self, *, reader: FreshReader, settings: Settings) -> None:
        self.reader, self.settings = reader, settings

    def _read(self, path: str) -> dict[str, Any]:
        record = self.reader.read(path)
        if record is None:
            raise NotFound(f"intake does not know {path}", message_fr=f"intake ne connaît pas {path}")
        return record

    def balance_due(self, case: DunningCase, as_of: date) -> Decimal:
        statement = self._read(f"/api/v1/cases/{case.case_id}/statement?as_of={as_of.isoformat()}")
        return Decimal(str(statement["balance"]))

    def debtor_contact(self, case: DunningCase) -> DebtorContact:
        record = self._read(f"/api/v1/cases/{case.case_id}")
        debtor = record["debtor"]
        return DebtorContact(
            name=debtor["name"],
            email=debtor.get("email"),
            rf_reference=record.get("rf_reference"),
            language=debtor_language(debtor),
        )

    def context_for(self, case: DunningCase, slot: Slot) -> MessageContext:
        record = self._read(f"/api/v1/cases/{case.case_id}")
        statement = self._read(f"/api/v1/cases/{case.case_id}/statement?as_of={slot.sent_on.isoformat()}")
        creditor = self._read(f"/api/v1/creditors/{case.creditor_id}")
        issued = {invoice["number"]: invoice for invoice in record.get("invoices", [])}
        for line in statement.get("invoices", []):
            line.setdefault("issue_date", issued.get(line["number"], {}).get("issue_date"))
            line.setdefault("due_date", issued.get(line["number"], {}).get("due_date"))
        debtor = record["debtor"]
        rf_reference = record.get("rf_reference") or statement.get("rf_reference")
        url, code = self_service_access(self.settings, case, rf_reference, slot.now)
        return MessageContext(
            language=slot.language or debtor_language(debtor),
            channel=slot.channel,
            step=slot.step,
            template=slot.template,
            kind=case.kind,
            sent_on=slot.sent_on,
            message_reference=slot.message_reference,
            case_reference=case.reference,
            rf_reference=rf_reference,
            agency=agency_of(self.settings),
            creditor=Party(
                name=creditor["name"], address_lines=address_lines(creditor.get("address")), email=creditor.get("email")
            ),
            debtor=Party(
                name=debtor["name"],
                address_lines=address_lines(debtor.get("address")),
                email=debtor.get("email"),
                phone=debtor.get("phone"),
            ),
            figures=figures_of(statement),
            self_service_url=url,
            access_code=code,
            access_page=f"{self.settings.public_base_url.rstrip('/')}/debtor" if code else None,
            first_contact=slot.first_contact,
            reply_days=self.settings.formal_notice_reply_days,
        )


def self_service_access(
    settings: Settings, case: DunningCase, rf_reference: str | None, now: datetime
) -> tuple[str, str | None]:
    """The self-service link a message carries, and the access code a letter prints beside the RF reference.
    The short link (`/d/{RF reference}-{code}`, `shared.access_codes`) fits on paper and in one SMS; a case
    without an RF reference gets the signed link and no code."""
    if not settings.debtor_link_key:
        return f"{settings.public_base_url}/debtor", None
    key = settings.debtor_link_key.encode()
    if rf_reference:
        code = access_code(case_id=case.case_id, debtor_id=case.debtor_id, issued_at=now, key=key)
        return short_link(settings.public_base_url, rf_reference, code), code
    token = sign_link(
        case_id=case.case_id,
        debtor_id=case.debtor_id,
        expires_at=now + timedelta(days=settings.debtor_link_days),
        key=key,
    )
    return link_url(settings.public_base_url, token), None


def debtor_language(debtor: Mapping[str, Any]) -> str:
    """The language the debtor's messages are written in, whoever reads them in the back-office: the one its
    creditor gave intake for it (`language`, fr or en), else French. `debtor` is the case's debtor as intake's case
    read shows it. Reminders, letters and the notices of a payment plan all ask here, at the instant they are
    composed, and so does the test mode: the preview shows the very text the debtor receives."""
    language = debtor.get("language")
    return language if language in _LANGUAGES else "fr"


_LANGUAGES = ("fr", "en")


def message_reference(message_id: uuid.UUID) -> str:
    """Short enough to read out on the phone, unique enough to find the message."""
    return "REL-" + message_id.hex[:10].upper()
