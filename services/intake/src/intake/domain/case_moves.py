"""Who may move a case where, and the deadline insolvency proceedings set: rules the lifecycle applies, kept pure
so that they are read and tested here rather than inside a use case."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from shared.business_calendar import add_months

from intake.domain.rule_broken import RuleBroken

CLOSURE_REASONS = ("paid", "settled", "written_off", "withdrawn", "insolvency")


def check_legal_phase_mandated(mandate_phases: Collection[str] | None) -> None:
    """Court action needs a mandate covering the legal phase (R124-3 CPCE: the agency acts within its mandate);
    `mandate_phases` is None without a mandate."""
    if mandate_phases is None or "legal" not in mandate_phases:
        raise RuleBroken(
            "status",
            "the creditor's mandate does not authorise the legal phase",
            "le mandat du créancier n'autorise pas la phase judiciaire",
        )


def check_move(*, target: str, staff: bool, reason: str | None, mandate_phases: Collection[str] | None) -> None:
    """Who may ask for a move: only agency staff escalate a case to the legal phase, a creditor closes its own
    case only by withdrawing it, and a closed case says why it closed. Which status may follow which is
    `lifecycle.check_transition`."""
    if target == "legal" and not staff:
        raise RuleBroken(
            "status",
            "only agency staff can escalate a case to the legal phase",
            "seul le personnel de l'agence peut faire passer un dossier en phase judiciaire",
        )
    if target == "closed" and not staff and reason != "withdrawn":
        raise RuleBroken(
            "status",
            "a creditor closes its own case only by withdrawing it (reason 'withdrawn')",
            "un créancier ne peut clore son dossier qu'en le retirant (motif « withdrawn »)",
        )
    if target == "legal":
        check_legal_phase_mandated(mandate_phases)
    if target == "closed" and reason is None:
        listed = ", ".join(CLOSURE_REASONS)
        raise RuleBroken(
            "reason",
            f"say why the case closes ({listed})",
            f"indiquez pourquoi le dossier est clos ({listed})",
        )


def claim_deadline(published_on: date | None) -> date | None:
    """The last day to declare a claim in insolvency proceedings: two months from the judgment's publication in
    the BODACC (L622-24, R622-24 C. com.); unknown while the publication date is."""
    return add_months(published_on, 2) if published_on is not None else None
