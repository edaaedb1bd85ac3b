"""Pure intake rules: identifiers, prescription, debtor recognition, the checklist and the case lifecycle.
No session, no clock, no I/O: `today` is a parameter."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import phonenumbers
from stdnum import vatin
from stdnum.exceptions import ValidationError
from stdnum.fr import siren as siren_number
from stdnum.fr import siret as siret_number

from shared.i18n import BilingualValueError
from shared.prescription import PRESCRIPTION_YEARS, prescription_deadline

from intake.imports.currencies import is_active_currency as is_known_currency


class RuleBroken(ValueError):
    """A business rule refused the input; `field` names what to correct. `message` is the English,
    `message_fr` the French when the rule has one."""

    def __init__(self, field: str, message: str, message_fr: str | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.message_fr = message_fr


# -- identifiers (docs/rules.md §10) -------------------------------------------------------------


def normalise_siren(value: str) -> str:
    """SIREN: 9 digits with a Luhn check digit (INSEE). Spaces are tolerated and removed."""
    try:
        return str(siren_number.validate(value))
    except ValidationError as exc:
        raise BilingualValueError(
            f"'{value}' is not a valid SIREN (9 digits with a valid check digit)",
            f"« {value} » n'est pas un SIREN valide (9 chiffres dont une clé de contrôle correcte)",
        ) from exc


def normalise_siret(value: str) -> str:
    try:
        return str(siret_number.validate(value))
    except ValidationError as exc:
        raise BilingualValueError(
            f"'{value}' is not a valid SIRET (14 digits: the SIREN then the establishment number)",
            f"« {value} » n'est pas un SIRET valide (14 chiffres : le SIREN suivi du numéro d'établissement)",
        ) from exc


def normalise_vat(value: str) -> str:
    """A VAT number with its country prefix: intra-EU (FR40303265045) or another country's (CHE-123.456.788)."""
    try:
        return str(vatin.validate(value))
    except ValidationError as exc:
        raise BilingualValueError(
            f"'{value}' is not a valid VAT number with its country prefix (e.g. FR40303265045)",
            f"« {value} » n'est pas un numéro de TVA valide précédé du code pays (par exemple FR40303265045)",
        ) from exc


def normalise_phone(value: str, country: str = "FR") -> str:
    """Stored in E.164; a national number is read in the debtor's country."""
    try:
        number = phonenumbers.parse(value, country)
    except phonenumbers.NumberParseException as exc:
        raise BilingualValueError(
            f"'{value}' is not a phone number", f"« {value} » n'est pas un numéro de téléphone"
        ) from exc
    if not phonenumbers.is_valid_number(number):
        raise BilingualValueError(
            f"'{value}' is not a valid phone number for {country}",
            f"« {value} » n'est pas un numéro de téléphone valide pour le pays {country}",
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_currency(value: str) -> str:
    code = value.strip().upper()
    if not is_known_currency(code):
        raise BilingualValueError(
            f"'{value}' is not a known ISO 4217 currency code (e.g. EUR)",
            f"« {value} » n'est pas un code de devise ISO 4217 connu (par exemple EUR)",
        )
    return code


# -- debtor recognition --------------------------------------------------------------------------


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", plain).strip()


def debtor_match_key(
    *, type: str, name: str, siren: str | None, email: str | None, address: dict[str, str] | None
) -> str:
    """What recognises one debtor placed by several creditors: the SIREN for a company; for a person the
    e-mail address, else the folded name with postal code and street line."""
    if type == "company" and siren:
        return f"siren:{siren}"
    if email:
        return f"email:{email.strip().lower()}"
    where = ""
    if address:
        where = f"|{_folded(address.get('postal_code', ''))}|{_folded(address.get('line1', ''))}"
    return f"name:{_folded(name)}{where}"


# -- receivables ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class InvoiceFacts:
    number: str
    issue_date: date
    due_date: date
    amount: Decimal
    vat: Decimal | None
    currency: str
    outstanding: Decimal | None
    acknowledged_on: date | None = None
    last_partial_payment_on: date | None = None


DAY_NAMES_FR = {
    "acknowledged_on": "la date de la dernière reconnaissance de dette",
    "last_partial_payment_on": "la date du dernier paiement partiel",
}


def check_invoice(invoice: InvoiceFacts, *, kind: str, today: date, field: str) -> None:
    """The rules a receivable must meet to be placed for collection."""
    en, fr = f"invoice {invoice.number}: ", f"la facture {invoice.number} : "
    if invoice.amount <= 0:
        raise RuleBroken(
            f"{field}.amount",
            f"{en}the amount must be positive ({invoice.amount})",
            f"{fr}le montant doit être positif ({invoice.amount})",
        )
    if invoice.vat is not None and not Decimal(0) <= invoice.vat <= invoice.amount:
        raise RuleBroken(
            f"{field}.vat",
            f"{en}the VAT must lie between 0 and the amount",
            f"{fr}la TVA doit être comprise entre 0 et le montant",
        )
    if invoice.outstanding is not None and not Decimal(0) < invoice.outstanding <= invoice.amount:
        raise RuleBroken(
            f"{field}.outstanding",
            f"{en}the outstanding amount must be positive and at most the amount",
            f"{fr}le montant restant dû doit être positif et ne pas dépasser le montant",
        )
    if invoice.issue_date > today:
        raise RuleBroken(
            f"{field}.issue_date",
            f"{en}the issue date {invoice.issue_date} is in the future",
            f"{fr}la date d'émission {invoice.issue_date} est dans le futur",
        )
    for name, day in (
        ("acknowledged_on", invoice.acknowledged_on),
        ("last_partial_payment_on", invoice.last_partial_payment_on),
    ):
        if day is not None and day > today:
            raise RuleBroken(
                f"{field}.{name}",
                f"{en}{name} {day} is in the future",
                f"{fr}{DAY_NAMES_FR[name]} ({day}) est dans le futur",
            )
    if invoice.due_date < invoice.issue_date:
        raise RuleBroken(
            f"{field}.due_date",
            f"{en}the due date is before the issue date",
            f"{fr}la date d'échéance précède la date d'émission",
        )
    if invoice.due_date >= today:
        raise RuleBroken(
            f"{field}.due_date",
            f"{en}the due date {invoice.due_date} has not passed yet; "
            "only overdue invoices can be placed for collection",
            f"{fr}la date d'échéance {invoice.due_date} n'est pas encore passée ; "
            "seules les factures échues peuvent être confiées au recouvrement",
        )
    deadline = prescription_deadline(
        kind=kind, due_date=invoice.due_date, interruptions=(invoice.acknowledged_on, invoice.last_partial_payment_on)
    )
    if deadline < today:
        years = PRESCRIPTION_YEARS[kind]
        scope_fr = "entre professionnels" if kind == "b2b" else "d'un professionnel envers un consommateur"
        raise RuleBroken(
            f"{field}.due_date",
            f"{en}the claim is prescribed since {deadline} ({years} years "
            f"{'between businesses' if kind == 'b2b' else 'from a professional to a consumer'}, "
            "counted from the due date or the last acknowledgement or partial payment)",
            f"{fr}la créance est prescrite depuis le {deadline} ({years} ans "
            f"{scope_fr}, "
            "comptés à partir de l'échéance ou de la dernière reconnaissance de dette ou du dernier "
            "paiement partiel)",
        )


# -- the lifecycle -------------------------------------------------------------------------------

TRANSITIONS: dict[str, frozenset[str]] = {
    "draft": frozenset({"submitted", "closed"}),
    "submitted": frozenset({"validated", "claim_declaration", "draft", "closed"}),
    "validated": frozenset({"amicable", "legal", "closed"}),
    "amicable": frozenset({"legal", "closed"}),
    "legal": frozenset({"closed"}),
    "claim_declaration": frozenset({"closed"}),
    "closed": frozenset(),
}
# New invoices join a case until collection is fixed by a procedure: a claim declared to the insolvency
# administrator (L622-24 C. com.) or pursued in court covers given invoices; a closed case takes nothing.
ACCEPTS_INVOICES = frozenset({"draft", "submitted", "validated", "amicable"})
STATUS_NAMES_FR = {
    "draft": "brouillon",
    "submitted": "soumis",
    "validated": "validé",
    "amicable": "amiable",
    "legal": "judiciaire",
    "claim_declaration": "déclaration de créance",
    "closed": "clos",
}


def status_fr(status: str) -> str:
    """A case status as French readers name it, in guillemets: « soumis »."""
    return f"« {STATUS_NAMES_FR.get(status, status)} »"


def check_case_currency(
    invoices: Sequence[tuple[str, str]], *, case_currency: str | None, first_index: int = 0
) -> None:
    """Currency is a property of the case (docs/rules.md §0.1): every invoice of a case is in the case's currency,
    which its first invoice sets; amounts in two currencies are never added up. `invoices` are (number,
    currency) pairs; the field named is that of the first invoice in another currency. POST /cases, POST
    /cases/{id}/invoices and every import row obey this one rule."""
    expected = case_currency
    for index, (number, currency) in enumerate(invoices, start=first_index):
        expected = expected or currency
        if currency != expected:
            raise RuleBroken(
                f"invoices[{index}].currency",
                f"invoice {number}: the invoices of one case share one currency ({expected}), not {currency}; "
                "place it in a case of its own",
                f"la facture {number} : les factures d'un même dossier sont toutes dans la même devise "
                f"({expected}), pas en {currency} ; confiez-la dans un dossier à part",
            )


def check_new_invoices(*, status: str, case_currency: str | None, invoices: Sequence[tuple[str, str]]) -> None:
    """What POST /cases/{id}/invoices and an import row adding to an existing case both obey; `invoices` are
    (number, currency) pairs."""
    if status not in ACCEPTS_INVOICES:
        raise RuleBroken(
            "status",
            f"a case that is {status} takes no new invoices; open a new case for them",
            f"un dossier à l'état {status_fr(status)} ne reçoit plus de nouvelles factures ; "
            "ouvrez un nouveau dossier pour celles-ci",
        )
    check_case_currency(invoices, case_currency=case_currency)


CLOSURE_REASONS = frozenset({"paid", "settled", "written_off", "withdrawn", "insolvency"})


def check_transition(current: str, target: str) -> None:
    if target not in TRANSITIONS.get(current, frozenset()):
        following = sorted(TRANSITIONS.get(current, frozenset()))
        allowed = ", ".join(following) or "none: the case is closed"
        allowed_fr = ", ".join(status_fr(s) for s in following) or "aucun : le dossier est clos"
        raise RuleBroken(
            "status",
            f"a case that is {current} cannot become {target} (possible next states: {allowed})",
            f"un dossier à l'état {status_fr(current)} ne peut pas passer à l'état {status_fr(target)} "
            f"(états suivants possibles : {allowed_fr})",
        )


@dataclass(frozen=True)
class Checklist:
    """État des lieux: the evidence an agent needs before collection starts."""

    contract_signed: bool
    delivery_evidenced: bool

    @property
    def complete(self) -> bool:
        return self.contract_signed and self.delivery_evidenced

    def missing(self) -> list[str]:
        gaps = []
        if not self.contract_signed:
            gaps.append("a signed contract, purchase order or proforma")
        if not self.delivery_evidenced:
            gaps.append("evidence of delivery or performance")
        return gaps

    def missing_fr(self) -> list[str]:
        gaps = []
        if not self.contract_signed:
            gaps.append("un contrat signé, un bon de commande ou une facture proforma")
        if not self.delivery_evidenced:
            gaps.append("une preuve de livraison ou d'exécution")
        return gaps


def check_validation(checklist: Checklist, override_reason: str | None) -> None:
    if checklist.complete:
        return
    if override_reason is None or not override_reason.strip():
        raise RuleBroken(
            "checklist",
            "the checklist is incomplete (missing: "
            + "; ".join(checklist.missing())
            + "); complete it or give an override_reason",
            "l'état des lieux est incomplet (il manque : "
            + " ; ".join(checklist.missing_fr())
            + ") ; complétez-le ou indiquez un motif de dérogation (override_reason)",
        )
