"""Insolvency proceedings opened on a debtor already under collection (a BODACC notice, the administrator's letter,
the creditor's word): staff record the opening judgment on the shared debtor record, and every case of the debtor
that collection or the court was working moves to claim declaration at once, for every creditor:

- the judgment stays every individual action for a claim that arose before it (L622-21 C. com.): dunning stops
  writing (its `case.status_changed` consumer), legal withdraws what was not yet filed and raises what is before
  the court, and the claim is declared to the administrator instead (legal's claim to declare);
- a case is moved when one of its invoices was issued on or before the judgment; a case whose every invoice came
  after it is a post-opening claim, not stayed, and keeps its course (L622-17 C. com.); a case still submitted goes
  to claim declaration at its validation, which reads the same record;
- the claim's deadline is two months from the BODACC publication (L622-24, R622-24), unknown until it is given;
- interest and the recovery indemnity stop at the judgment (L622-28, L622-7): the statement of account reads the
  record, so nothing more is done here.

Shared by every creditor: the record names no creditor, and each case's move is told to its creditor on its
timeline."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from pydantic import BaseModel, Field
from sqlmodel import Session, col, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.errors import Conflict, Invalid
from shared.events.intake_debtors import DebtorUpdated
from shared.outbox import record_event

from intake.cases.models import Case, Invoice
from intake.cases.status_changes import change_status
from intake.debtors.models import Debtor
from intake.debtors.records import get_debtor, identity
from intake.debtors.schemas import DebtorPublic, Insolvency
from intake.debtors.views import debtor_record_view
from intake.domain import claim_deadline

UNDER_COLLECTION = ("validated", "amicable", "legal")
STAYED_REASON = "insolvency proceedings opened on {opened_on}: individual actions stayed (L622-21 C. com.)"


class MovedCase(BaseModel):
    case_id: uuid.UUID
    reference: str
    creditor_id: uuid.UUID
    from_status: str


class KeptCase(BaseModel):
    case_id: uuid.UUID
    reference: str
    creditor_id: uuid.UUID
    status: str
    why: Literal["after_judgment", "not_yet_validated"] = Field(
        description="after_judgment: every invoice was issued after the judgment (a post-opening claim, not "
        "stayed); not_yet_validated: it goes to claim declaration at its validation"
    )


class InsolvencyRecorded(BaseModel):
    debtor: DebtorPublic
    claim_deadline: date | None = Field(description="the last day to declare the claims (publication + 2 months)")
    moved: list[MovedCase] = Field(description="the cases moved to claim declaration")
    kept: list[KeptCase] = Field(description="the debtor's other open cases, and why they keep their course")


def record_opening(
    *,
    session: Session,
    debtor_id: uuid.UUID,
    insolvency_in: Insolvency,
    principal: Principal,
    clock: Clock,
    source: dict[str, str | None] | None = None,
) -> InsolvencyRecorded:
    """Staff's record of the opening judgment (or the BODACC watch's, `source` naming its notice), and every case of
    the debtor it stays moved; one transaction."""
    debtor = get_debtor(session=session, debtor_id=debtor_id)
    session.refresh(debtor, with_for_update=True)
    if debtor.merged_into_id is not None:
        raise Conflict(
            f"this record was merged into {debtor.merged_into_id}: record the proceedings there",
            field="debtor_id",
            message_fr=f"cette fiche a été fusionnée dans {debtor.merged_into_id} : enregistrez-y la procédure",
        )
    if debtor.insolvency:
        opened = debtor.insolvency.get("opened_on")
        raise Conflict(
            f"insolvency proceedings are already recorded on this debtor (opened on {opened})",
            field="debtor_id",
            message_fr=f"une procédure collective est déjà enregistrée sur ce débiteur (ouverte le {opened})",
        )
    _check_dates(insolvency_in, today=today_in_paris(clock))
    debtor.insolvency = {**insolvency_in.model_dump(mode="json"), "recorded_by": "agency", **(source or {})}
    session.add(debtor)
    moved, kept = stay_debtor_cases(session, debtor, insolvency_in, principal=principal, clock=clock)
    session.commit()
    view = debtor_record_view(session, debtor)
    deadline = claim_deadline(insolvency_in.published_on)
    return InsolvencyRecorded(debtor=view, claim_deadline=deadline, moved=moved, kept=kept)


def stay_debtor_cases(
    session: Session,
    debtor: Debtor,
    insolvency_in: Insolvency,
    *,
    principal: Principal,
    clock: Clock,
    only_if_moved: bool = False,
) -> tuple[list[MovedCase], list[KeptCase]]:
    """The proceedings recorded on `debtor`: its cases they stay move, the shared record's change is told, and it is
    audited. Does not commit. `only_if_moved`: staff opening a case with proceedings on a debtor (recognition keeps
    them on the shared record): told and audited only when a case of the debtor was still under collection."""
    deadline = claim_deadline(insolvency_in.published_on)
    moved, kept = _stay_cases(session, debtor.id, insolvency_in.opened_on, deadline, principal=principal, clock=clock)
    if only_if_moved and not moved:
        return moved, kept
    record_event(session, DebtorUpdated(debtor=identity(debtor)), clock=clock, subject=str(debtor.id))
    audit(
        session,
        actor=principal,
        action="debtor.insolvency_recorded",
        entity="debtor",
        entity_id=debtor.id,
        clock=clock,
        **insolvency_in.model_dump(mode="json"),
        cases_moved=[str(case.case_id) for case in moved],
    )
    return moved, kept


def _check_dates(insolvency_in: Insolvency, *, today: date) -> None:
    if insolvency_in.opened_on > today:
        raise Invalid(
            f"opened_on: the judgment cannot be after today ({today.isoformat()})",
            field="opened_on",
            message_fr=f"opened_on : le jugement ne peut pas être postérieur à aujourd'hui ({today:%d/%m/%Y})",
        )
    published = insolvency_in.published_on
    if published is not None and (published < insolvency_in.opened_on or published > today):
        raise Invalid(
            "published_on: the BODACC publication comes after the judgment, and not after today",
            field="published_on",
            message_fr="published_on : la publication au BODACC suit le jugement et n'est pas postérieure à "
            "aujourd'hui",
        )


def _stay_cases(
    session: Session,
    debtor_id: uuid.UUID,
    opened_on: date,
    deadline: date | None,
    *,
    principal: Principal,
    clock: Clock,
) -> tuple[list[MovedCase], list[KeptCase]]:
    open_cases = session.exec(
        select(Case)
        .where(Case.debtor_id == debtor_id, col(Case.status).in_((*UNDER_COLLECTION, "submitted")))
        .order_by(col(Case.created_at), col(Case.id))
        .with_for_update()
    ).all()
    before = set(
        session.exec(
            select(Invoice.case_id).where(
                col(Invoice.case_id).in_([case.id for case in open_cases]), Invoice.issue_date <= opened_on
            )
        )
    )
    moved, kept = [], []
    for case in open_cases:
        if case.status == "submitted" or case.id not in before:
            why: Literal["after_judgment", "not_yet_validated"] = (
                "not_yet_validated" if case.status == "submitted" else "after_judgment"
            )
            kept.append(
                KeptCase(
                    case_id=case.id, reference=case.reference, creditor_id=case.creditor_id, status=case.status, why=why
                )
            )
            continue
        moved.append(
            MovedCase(case_id=case.id, reference=case.reference, creditor_id=case.creditor_id, from_status=case.status)
        )
        case.claim_deadline = deadline
        reason = STAYED_REASON.format(opened_on=opened_on.isoformat())
        change_status(session, case, "claim_declaration", principal=principal, clock=clock, reason=reason)
    return moved, kept
