"""Fees billed to a debtor: none for collection undertaken without an enforceable title against a
consumer (L111-8 al. 2 CPCE); between professionals, only the statutory indemnity and proven costs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from intake.money.errors import CollectionFeeForbidden
from intake.money.kinds import DebtorKind


class FeeKind(StrEnum):
    # "Frais de recouvrement", "frais de dossier", damages: stay with the creditor (L111-8 al. 2).
    COLLECTION = "collection"
    # Exception (a) of L111-8 al. 2: an act the law requires the creditor to perform.
    ACT_REQUIRED_BY_LAW = "act_required_by_law"
    # L111-8 al. 3: costs the juge de l'exécution put on a bad-faith debtor.
    AWARDED_BY_JUDGE = "awarded_by_judge"


@dataclass(frozen=True)
class FeeLine:
    label: str
    amount: Decimal
    kind: FeeKind = FeeKind.COLLECTION
    # L441-10 II C. com.: beyond the 40 EUR, a professional owes costs only on proof.
    evidenced: bool = False


def _allowed(debtor_kind: DebtorKind, fee: FeeLine) -> bool:
    if fee.kind is not FeeKind.COLLECTION:
        return True
    return debtor_kind is DebtorKind.B2B and fee.evidenced


def fees_chargeable_to_debtor(debtor_kind: DebtorKind, fees: Iterable[FeeLine]) -> tuple[FeeLine, ...]:
    """Keeps only the fees a debtor may be billed: never a collection fee for a consumer (L111-8
    al. 2 CPCE), a professional's collection costs only when evidenced (L441-10 II C. com.)."""
    return tuple(fee for fee in fees if _allowed(debtor_kind, fee))


def refuse_consumer_collection_fees(debtor_kind: DebtorKind, fees: Iterable[FeeLine]) -> None:
    """Raises when a collection fee is billed to a consumer: L111-8 al. 2 CPCE deems any contrary
    clause unwritten, and the DGCCRF sanctions such lines (docs/rules.md §1.8)."""
    if debtor_kind is not DebtorKind.B2C:
        return
    forbidden = [fee.label for fee in fees if fee.kind is FeeKind.COLLECTION]
    if forbidden:
        raise CollectionFeeForbidden(
            "collection fees cannot be charged to a consumer without an enforceable title "
            f"(art. L111-8 CPCE): remove {', '.join(forbidden)}",
            "des frais de recouvrement ne peuvent être mis à la charge d'un consommateur sans titre exécutoire "
            f"(art. L111-8 CPCE) : retirez {', '.join(forbidden)}",
        )
