"""Why a bank credit waits in suspense, in words an agent can act on: the reference the payer gave and what is wrong
with it (none given, not an RF reference, mistyped check digits, no case carries it, its case no longer takes
payments), French first and the English beside. Pure: what the credit says and what the cases are come in."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from stdnum import iso11649

from intake.domain import status_fr
from intake.money.reference import find_creditor_reference


class SuspenseCause(StrEnum):
    NO_REFERENCE = "unmatched"  # the code suspense items without a reference always had
    NOT_AN_RF_REFERENCE = "not_an_rf_reference"
    INVALID_REFERENCE = "invalid_reference"
    UNKNOWN_REFERENCE = "unknown_reference"
    CASE_NOT_OPEN = "case_not_open"
    PAYMENT_REVERSED = "payment_reversed"  # it had paid a case, and that payment was reversed (docs/rules.md §4.1)


@dataclass(frozen=True)
class ShutCase:
    """A case carrying an RF reference that takes no payment (closed, or still a draft)."""

    reference: str
    status: str


@dataclass(frozen=True)
class SuspenseReason:
    cause: SuspenseCause
    en: str
    fr: str


_NO_AMOUNT_MATCH = (
    "and no open case with this exact amount and a similar debtor name",
    "et aucun dossier ouvert n'a ce montant exact et un débiteur au nom proche",
)


def suspense_reason(
    structured_reference: str | None, remittance_text: str, shut: Mapping[str, ShutCase]
) -> SuspenseReason:
    """The reference the transfer carries (structured first, else an RF reference in its free text) and why it
    names no open case; `shut` maps the compact RF references of cases that take no payment to those cases."""
    en_tail, fr_tail = _NO_AMOUNT_MATCH
    given = (structured_reference or "").strip()
    where_en, where_fr = "", ""
    if not given:
        given = find_creditor_reference(remittance_text) or ""
        where_en, where_fr = " (found in the remittance text)", " (trouvée dans le libellé du virement)"
    if not given:
        return SuspenseReason(
            SuspenseCause.NO_REFERENCE,
            f"no case reference in the transfer, {en_tail}",
            f"le virement ne porte aucune référence de dossier, {fr_tail}",
        )
    compact = str(iso11649.compact(given))
    if not compact.startswith("RF"):
        return SuspenseReason(
            SuspenseCause.NOT_AN_RF_REFERENCE,
            f"{given}: not an RF reference (ISO 11649) such as the agency gives for each case, {en_tail}",
            f"{given} : ce n'est pas une référence RF (ISO 11649) comme l'agence en donne une par dossier, {fr_tail}",
        )
    if not iso11649.is_valid(compact):
        return SuspenseReason(
            SuspenseCause.INVALID_REFERENCE,
            f"{given}: not a valid RF reference (its check digits do not agree: mistyped?), {en_tail}",
            f"{given} : référence RF invalide (ses chiffres de contrôle ne concordent pas : erreur de saisie ?), "
            f"{fr_tail}",
        )
    case = shut.get(compact)
    if case is not None:
        return SuspenseReason(
            SuspenseCause.CASE_NOT_OPEN,
            f"{compact}{where_en}: case {case.reference} carries this reference but is {case.status}: "
            f"it takes no payment",
            f"{compact}{where_fr} : le dossier {case.reference} porte cette référence mais il est "
            f"{status_fr(case.status)} : il ne reçoit pas de paiement",
        )
    return SuspenseReason(
        SuspenseCause.UNKNOWN_REFERENCE,
        f"{compact}{where_en}: no case carries this reference, {en_tail}",
        f"{compact}{where_fr} : aucun dossier ne porte cette référence, {fr_tail}",
    )
