"""Matches bank credits to open cases: by RF reference first, then by exact amount and debtor
name, else the credit goes to suspense for a person to decide. Deterministic; every match says why."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from enum import StrEnum

from stdnum import iso11649

from intake.money.camt053 import CamtCredit
from intake.money.reference import find_creditor_reference
from intake.money.suspense_reasons import ShutCase, SuspenseCause, suspense_reason

# Legal forms and civilities carry no identity: "SARL Dupont" and "Dupont SAS" are one debtor.
_LEGAL_FORMS = {"sa", "sas", "sasu", "sarl", "eurl", "sci", "snc", "sca", "scs", "scop", "selarl", "selas", "gie"}
_COMPANY_WORDS = {"ei", "eirl", "ste", "societe", "cie", "compagnie", "ets", "etablissements", "et"}
_CIVILITIES = {"m", "mme", "mlle", "mr", "monsieur", "madame"}
_NOISE_WORDS = frozenset(_LEGAL_FORMS | _COMPANY_WORDS | _CIVILITIES)
DEFAULT_NAME_THRESHOLD = 0.85


class MatchReason(StrEnum):
    STRUCTURED_REFERENCE = "structured_reference"
    REFERENCE_IN_TEXT = "reference_in_text"
    AMOUNT_AND_NAME = "amount_and_name"
    UNMATCHED = "unmatched"  # no reference; `SuspenseCause` tells the other reasons a credit waits in suspense
    AMBIGUOUS = "ambiguous"


@dataclass(frozen=True)
class OpenCase:
    case_id: str
    creditor_reference: str
    debtor_name: str
    balance: Decimal
    currency: str = "EUR"


@dataclass(frozen=True)
class CreditMatch:
    credit: CamtCredit
    case_id: str | None  # None: the credit goes to suspense
    reason: MatchReason | SuspenseCause
    explanation: str
    explanation_fr: str


def normalise_debtor_name(name: str) -> str:
    """Lower case, no accents, no punctuation, no legal form or civility, words sorted."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_name).split()
    return " ".join(sorted(word for word in words if word not in _NOISE_WORDS))


def name_similarity(left: str, right: str) -> float:
    """A score from 0 to 1 (a likeness score, not money) between two normalised names."""
    a, b = normalise_debtor_name(left), normalise_debtor_name(right)
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b).ratio()


def _compact(reference: str) -> str:
    return str(iso11649.compact(reference))


def match_credit(
    credit: CamtCredit,
    cases: Sequence[OpenCase],
    *,
    name_threshold: float = DEFAULT_NAME_THRESHOLD,
    shut: Mapping[str, ShutCase] | None = None,
) -> CreditMatch:
    """One credit: the structured reference (CdtrRefInf/Ref), then an RF reference found in the
    free text, then a single case with exactly this balance and a similar debtor name. `shut`: the cases taking
    no payment by compact RF reference, so that a credit naming one says so in suspense."""
    by_reference = {_compact(case.creditor_reference): case for case in cases}
    if credit.creditor_reference and _compact(credit.creditor_reference) in by_reference:
        case = by_reference[_compact(credit.creditor_reference)]
        return CreditMatch(
            credit,
            case.case_id,
            MatchReason.STRUCTURED_REFERENCE,
            f"structured reference {case.creditor_reference} is case {case.case_id}'s",
            f"la référence structurée {case.creditor_reference} est celle du dossier {case.case_id}",
        )
    found = find_creditor_reference(credit.remittance_text)
    if found and found in by_reference:
        case = by_reference[found]
        return CreditMatch(
            credit,
            case.case_id,
            MatchReason.REFERENCE_IN_TEXT,
            f"reference {found} found in the remittance text is case {case.case_id}'s",
            f"la référence {found} trouvée dans le libellé du virement est celle du dossier {case.case_id}",
        )
    scored = sorted(
        (
            (name_similarity(credit.debtor_name or "", case.debtor_name), case.case_id)
            for case in cases
            if case.balance == credit.amount and case.currency == credit.currency
        ),
        key=lambda item: (-item[0], item[1]),
    )
    candidates = [(score, case_id) for score, case_id in scored if score >= name_threshold]
    if len(candidates) == 1 or (len(candidates) > 1 and candidates[0][0] > candidates[1][0]):
        score, case_id = candidates[0]
        return CreditMatch(
            credit,
            case_id,
            MatchReason.AMOUNT_AND_NAME,
            f"amount {credit.amount} {credit.currency} equals case {case_id}'s balance and "
            f"the debtor name matches at {score:.2f}",
            f"le montant {credit.amount} {credit.currency} est le solde du dossier {case_id} et "
            f"le nom du débiteur concorde à {score:.2f}",
        )
    if candidates:
        tied = ", ".join(case_id for _, case_id in candidates)
        return CreditMatch(
            credit,
            None,
            MatchReason.AMBIGUOUS,
            f"amount and name fit several cases equally ({tied}): a person must choose",
            f"le montant et le nom conviennent autant à plusieurs dossiers ({tied}) : une personne doit choisir",
        )
    why = suspense_reason(credit.creditor_reference, credit.remittance_text, shut or {})
    return CreditMatch(credit, None, why.cause, why.en, why.fr)


def match_credits(
    credits: Sequence[CamtCredit],
    cases: Sequence[OpenCase],
    *,
    name_threshold: float = DEFAULT_NAME_THRESHOLD,
    shut: Mapping[str, ShutCase] | None = None,
) -> tuple[CreditMatch, ...]:
    """Matches every credit independently, in statement order; unmatched credits go to suspense."""
    return tuple(match_credit(credit, cases, name_threshold=name_threshold, shut=shut) for credit in credits)
