"""Import of a credit insurer's grades and limits; each debtor touched is rescored and its exposure checked."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock

from scoring.domain.currency import limit_currency_refusal
from scoring.domain.insurer_file import CoverLine, LineError, parse_insurer_file
from scoring.portfolio.models import InsurerCover, ScoringCase, ScoringDebtor, ScoringInvoice
from scoring.scores.rescoring import rescore_debtor


@dataclass
class ImportReport:
    rows: int = 0
    accepted: int = 0
    errors: list[LineError] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        return len(self.errors)


def _debtor_for(session: Session, line: CoverLine) -> ScoringDebtor | None:
    if line.debtor_id is not None:
        return session.get(ScoringDebtor, line.debtor_id)
    return session.exec(select(ScoringDebtor).where(ScoringDebtor.siren == line.siren)).first()


def owed_currencies(session: Session, debtor_id: uuid.UUID) -> set[str]:
    """The currencies of what the debtor owes on its open cases."""
    return set(
        session.exec(
            select(ScoringInvoice.currency)
            .distinct()
            .join(ScoringCase, col(ScoringCase.case_id) == ScoringInvoice.case_id)
            .where(
                ScoringInvoice.debtor_id == debtor_id,
                col(ScoringInvoice.outstanding) > 0,
                col(ScoringCase.closed_on).is_(None),
            )
        ).all()
    )


def import_insurer_cover(*, session: Session, text: str, clock: Clock, actor: Principal) -> ImportReport:
    lines, errors = parse_insurer_file(text)
    report = ImportReport(rows=len(lines) + len([e for e in errors if e.line > 1]), errors=list(errors))
    for line in lines:
        debtor = _debtor_for(session, line)
        if debtor is None:
            column = "debtor_id" if line.debtor_id else "siren"
            report.errors.append(
                LineError(line.line, column, "no debtor with this identifier has a case with the agency")
            )
            continue
        refusal = limit_currency_refusal(line.currency, owed_currencies(session, debtor.debtor_id))
        if refusal is not None:
            report.errors.append(LineError(line.line, "currency", refusal))
            continue
        cover = session.get(InsurerCover, debtor.debtor_id)
        if cover is None:
            cover = InsurerCover(
                debtor_id=debtor.debtor_id,
                insurer=line.insurer,
                grade=line.grade,
                limit=line.limit,
                currency=line.currency,
                updated_at=clock.now(),
            )
        else:
            cover.previous_grade = cover.grade
            cover.insurer, cover.grade, cover.limit = line.insurer, line.grade, line.limit
            cover.currency, cover.updated_at = line.currency, clock.now()
        session.add(cover)
        session.flush()
        rescore_debtor(session=session, debtor_id=debtor.debtor_id, clock=clock)
        report.accepted += 1
    audit(
        session,
        actor=actor,
        action="insurer_cover.imported",
        entity="insurer_cover",
        entity_id="file",
        clock=clock,
        rows=report.rows,
        accepted=report.accepted,
        rejected=report.rejected,
    )
    session.commit()
    return report
