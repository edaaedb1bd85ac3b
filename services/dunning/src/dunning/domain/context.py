"""What a message is made of: every fact a template may show, gathered at send time (the statement of account
read fresh from intake), and the rendered result. Templates and the compliance check read these, nothing else."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal


@dataclass(frozen=True)
class Party:
    name: str
    address_lines: tuple[str, ...] = ()
    email: str | None = None
    phone: str | None = None


@dataclass(frozen=True)
class Agency(Party):
    """The collection agency (R124-4 1°): its identity and the statement that it collects debts amicably, and the
    client-money account debtors pay into (R124-2)."""

    activity: str = "recouvrement amiable de créances pour le compte d'autrui"
    iban: str = ""
    bic: str | None = None
    siren: str | None = None


@dataclass(frozen=True)
class InvoiceLine:
    number: str
    issue_date: date
    due_date: date
    principal: Decimal
    penalties: Decimal = Decimal("0.00")
    indemnity: Decimal = Decimal("0.00")
    interest: Decimal = Decimal("0.00")


@dataclass(frozen=True)
class Figures:
    """The statement of account as intake computed it on `as_of`: each component apart (R124-4 3°)."""

    as_of: date
    currency: str
    principal: Decimal
    penalties: Decimal
    indemnities: Decimal
    interest: Decimal
    fees: Decimal
    paid: Decimal
    balance: Decimal
    invoices: tuple[InvoiceLine, ...] = ()
    # The D441-5 indemnities of a case in another currency: owed in euros, apart from `balance`, never converted.
    indemnities_apart: Decimal = Decimal("0.00")
    indemnities_apart_currency: str = "EUR"


@dataclass(frozen=True)
class FirstContact:
    """The R124-4 letter: every later contact repeats its reference and sending date."""

    reference: str
    sent_on: date


@dataclass(frozen=True)
class MessageContext:
    language: str  # fr | en
    channel: str  # email | sms | letter | registered_letter | phone | formal_notice
    step: str  # the scenario step's code
    template: str  # the template's code, e.g. "email-courteous"
    kind: str  # b2b | b2c
    sent_on: date
    message_reference: str  # this message's own reference, quoted back by the debtor
    case_reference: str  # the creditor's reference of the case
    rf_reference: str | None  # the ISO 11649 creditor reference to quote when paying
    agency: Agency
    creditor: Party
    debtor: Party
    figures: Figures
    self_service_url: str
    # the code printed beside the RF reference, to type on `access_page` (the self-service page's entry), when
    # the link cannot be followed from paper (`shared.access_codes`); None: the message has the signed link only
    access_code: str | None = None
    access_page: str | None = None
    first_contact: FirstContact | None = None  # None: this message is the first contact and carries R124-4
    reply_days: int = 8  # the deadline a formal notice gives
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def is_first_contact(self) -> bool:
        return self.first_contact is None


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str  # plain text: the e-mail body, the SMS, the phone script, the letter's text
    html: str | None = None  # e-mail alternative and the letter's source for the PDF
