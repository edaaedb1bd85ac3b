"""Missions staff give partner bailiffs: assigned on a placed case, changed or ended by staff, or withdrawn when the
case closes; each change is an event on `legal.procedures` and a webhook to the bailiff, in the same transaction."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

from sqlmodel import Session, col, func, select

from shared.audit import audit
from shared.auth import Principal
from shared.clock import Clock, today_in_paris
from shared.events.legal_missions import MissionAssigned
from shared.events.legal_missions import MissionEnded as MissionEndedEvent
from shared.idempotency_records import created
from shared.outbox import record_event
from shared.tenancy import check_visible, partner_filter

from legal.domain.partners import ASSIGNABLE_CASE_STATUSES, ENDINGS, closing_ending, closing_note, stay_note
from legal.errors import InvalidReport, MissionEnded, MissionNotFound, PartnerNotFound, ReportConflict
from legal.partners.case_reads import IntakeReader, read_case
from legal.partners.models import Mission, Partner
from legal.partners.schemas import MissionChange, MissionIn
from legal.partners.webhooks import queue_delivery
from legal.procedures.models import LegalCase


def assign_mission(
    *,
    session: Session,
    reader: IntakeReader,
    case_id: uuid.UUID,
    mission_in: MissionIn,
    principal: Principal,
    clock: Clock,
) -> Mission:
    partner = session.get(Partner, mission_in.partner_id)
    if partner is None or partner.kind != "bailiff" or not partner.active:
        raise PartnerNotFound(mission_in.partner_id)
    case = read_case(reader, case_id)
    creditor_id = uuid.UUID(str(case["creditor_id"]))
    if mission_in.creditor_id is not None and mission_in.creditor_id != creditor_id:
        raise InvalidReport(
            "creditor_id",
            f"creditor_id: case {case_id} belongs to another creditor",
            f"creditor_id : le dossier {case_id} appartient à un autre créancier",
        )
    if case["status"] not in ASSIGNABLE_CASE_STATUSES:
        raise ReportConflict(
            "status",
            f"a case that is {case['status']} cannot be given to a bailiff; it must be validated, amicable or legal",
            f"un dossier à l'état « {case['status']} » ne peut pas être confié à un commissaire de justice ; "
            "il doit être validé, amiable ou judiciaire",
        )
    # Two assignments at once (a double click, two agents): the later one waits here, then sees the earlier's
    # mission. The bailiff's row, not the case's: legal keeps no row for a case it only gives to bailiffs. NO KEY
    # UPDATE, so that what refers to the bailiff (its missions' inserts) is not held back; taken after intake's read.
    session.refresh(partner, with_for_update={"key_share": True})
    # A closing handled at this moment (`end_on_closing`) holds the case's row until it commits: then the case reads
    # closed here, or the closing, coming second, sees this mission and ends it.
    known = session.exec(select(LegalCase).where(LegalCase.case_id == case_id).with_for_update(read=True)).first()
    if known is not None and known.status == "closed":
        on, on_fr = (f" on {known.closed_on}", f" le {known.closed_on:%d/%m/%Y}") if known.closed_on else ("", "")
        raise ReportConflict(
            "status",
            f"case {known.reference} was closed{on}; it cannot be given to a bailiff",
            f"le dossier {known.reference} a été clos{on_fr} ; il ne peut pas être confié à un commissaire de justice",
        )
    if known is not None and known.status == "claim_declaration":
        raise ReportConflict(
            "status",
            f"the debtor of case {known.reference} is under insolvency proceedings: enforcement is stayed (L622-21 "
            "C. com.); it cannot be given to a bailiff",
            f"le débiteur du dossier {known.reference} fait l'objet d'une procédure collective : toute exécution est "
            "arrêtée (art. L622-21 C. com.) ; il ne peut pas être confié à un commissaire de justice",
        )
    open_twin = session.exec(
        select(Mission.id).where(
            Mission.case_id == case_id,
            Mission.partner_id == partner.id,
            Mission.kind == mission_in.kind,
            col(Mission.status).not_in(ENDINGS),
        )
    ).first()
    if open_twin is not None:
        raise ReportConflict(
            "kind",
            f"this bailiff already has an open {mission_in.kind} mission on this case ({open_twin})",
            f"ce commissaire de justice a déjà une mission « {mission_in.kind} » en cours sur ce dossier ({open_twin})",
        )
    now = clock.now()
    mission = Mission(
        case_id=case_id,
        creditor_id=creditor_id,
        partner_id=partner.id,
        procedure_id=mission_in.procedure_id,
        kind=mission_in.kind,
        instructions=mission_in.instructions,
        references=[reference.model_dump(mode="json") for reference in mission_in.references],
        case_reference=str(case["reference"]),
        currency=str(case.get("currency") or "EUR"),
        assigned_by=principal.subject,
        assigned_at=now,
        updated_at=now,
    )
    session.add(mission)
    session.flush()
    event = MissionAssigned(
        mission_id=str(mission.id),
        case_id=str(case_id),
        creditor_id=str(creditor_id),
        partner_id=str(partner.id),
        kind=mission.kind,
        procedure_id=str(mission.procedure_id) if mission.procedure_id else None,
        assigned_on=today_in_paris(clock),
    )
    record_event(session, event, clock=clock, subject=str(case_id), tenant=str(creditor_id))
    queue_delivery(session=session, mission=mission, event_type="mission.assigned", clock=clock)
    audit(
        session,
        actor=principal,
        action="mission.assigned",
        entity="case",
        entity_id=case_id,
        clock=clock,
        mission_id=str(mission.id),
        partner_id=str(partner.id),
        kind=mission.kind,
    )
    created(f"/api/v1/legal/missions/{mission.id}")  # a retry whose answer was lost is sent there
    session.commit()
    return mission


def change_mission(
    *, session: Session, mission_id: uuid.UUID, change: MissionChange, principal: Principal, clock: Clock
) -> Mission:
    mission = get_mission(session=session, mission_id=mission_id, principal=principal, lock=True)
    if mission.status in ENDINGS:
        raise MissionEnded(mission.status, mission.ended_on)
    if change.instructions is None and change.status is None:
        return mission
    if change.instructions is not None:
        mission.instructions = change.instructions
    mission.updated_at = clock.now()
    if change.status is not None:
        _end(session, mission, change.status, clock=clock)
    _changed(session, mission, actor=principal, clock=clock, **change.model_dump(exclude_none=True))
    session.commit()
    return mission


def end_on_closing(*, session: Session, case_id: uuid.UUID, closed_on: date, reason: str, clock: Clock) -> int:
    """Every mission still open on a case intake closed ends, closed when the case closed paid or settled, else
    withdrawn from its bailiff (`closing_ending`); the bailiff is told by a `mission.updated` webhook why, and until
    which day it may still report (`closing_note`). Returns how many."""
    return _end_open(
        session,
        case_id,
        outcome=closing_ending(reason),
        note=lambda ended_on: closing_note(closed_on=closed_on, reason=reason, ended_on=ended_on or closed_on),
        reason=f"case closed on {closed_on} ({reason})",
        clock=clock,
    )


def end_on_stay(*, session: Session, case_id: uuid.UUID, clock: Clock) -> int:
    """Every mission still open on a case its debtor's insolvency proceedings stay is withdrawn from its bailiff,
    told by a `mission.updated` webhook (`stay_note`). Returns how many."""
    return _end_open(
        session,
        case_id,
        outcome="withdrawn",
        note=lambda ended_on: stay_note(ended_on=ended_on or today_in_paris(clock)),
        reason="insolvency proceedings opened (L622-21 C. com.)",
        clock=clock,
    )


def _end_open(
    session: Session,
    case_id: uuid.UUID,
    *,
    outcome: str,
    note: Callable[[date | None], str],
    reason: str,
    clock: Clock,
) -> int:
    open_missions = session.exec(
        select(Mission)
        .where(Mission.case_id == case_id, col(Mission.status).not_in(ENDINGS))
        .order_by(col(Mission.assigned_at), col(Mission.id))
        .with_for_update()
    ).all()
    for mission in open_missions:
        mission.updated_at = clock.now()
        _end(session, mission, outcome, clock=clock)
        mission.end_note = note(mission.ended_on)
        _changed(session, mission, actor=None, clock=clock, reason=reason)
    return len(open_missions)


def _changed(
    session: Session,
    mission: Mission,
    *,
    actor: Principal | None,
    clock: Clock,
    reason: str | None = None,
    **change: Any,
) -> None:
    """The change staged, the bailiff's webhook queued and the change audited (`actor` None: the platform's)."""
    session.add(mission)
    queue_delivery(session=session, mission=mission, event_type="mission.updated", clock=clock)
    audit(
        session,
        actor=actor,
        action="mission.changed",
        entity="mission",
        entity_id=mission.id,
        clock=clock,
        reason=reason,
        **({"status": mission.status} | change),
    )


def _end(session: Session, mission: Mission, outcome: str, *, clock: Clock) -> None:
    mission.status, mission.ended_on = outcome, today_in_paris(clock)
    event = MissionEndedEvent(
        mission_id=str(mission.id),
        case_id=str(mission.case_id),
        creditor_id=str(mission.creditor_id),
        partner_id=str(mission.partner_id),
        outcome=outcome,
        ended_on=mission.ended_on,
    )
    record_event(session, event, clock=clock, subject=str(mission.case_id), tenant=str(mission.creditor_id))


def get_mission(*, session: Session, mission_id: uuid.UUID, principal: Principal, lock: bool = False) -> Mission:
    """The mission if the principal may see it: staff, the case's creditor, or the bailiff it was given to."""
    mission = session.get(Mission, mission_id, with_for_update=lock)
    if mission is None:
        raise MissionNotFound(mission_id)
    check_visible(
        principal,
        missing=lambda: MissionNotFound(mission_id),
        creditor_id=mission.creditor_id,
        partner_id=mission.partner_id,
    )
    return mission


def missions_of_case(*, session: Session, case_id: uuid.UUID) -> list[Mission]:
    return list(
        session.exec(
            select(Mission).where(Mission.case_id == case_id).order_by(col(Mission.assigned_at), col(Mission.id))
        ).all()
    )


def partner_missions(
    *, session: Session, principal: Principal, status: str | None, offset: int, limit: int
) -> tuple[list[Mission], int]:
    """The bailiff's own missions, newest first (`partner_filter`: a creditor is refused)."""
    partner_id = partner_filter(principal)
    query = select(Mission)
    if partner_id is not None:
        query = query.where(Mission.partner_id == partner_id)
    if status is not None:
        query = query.where(Mission.status == status)
    total = session.exec(select(func.count()).select_from(query.subquery())).one()
    rows = session.exec(
        query.order_by(col(Mission.assigned_at).desc(), col(Mission.id)).offset(offset).limit(limit)
    ).all()
    return list(rows), int(total)
