"""What a bailiff reports on its mission: a step (served, search unsuccessful, seizure), funds collected (a payment
of the case in intake, through `FundsCollected`), or a cost with who bears it (`LegalCostIncurred`).

Every report is idempotent on its natural key as well as on the `Idempotency-Key` header: the same funds
`reference` on a mission is the same collection (the same content answers the first record, another content is a
409), a step is the same step on the same day."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlmodel import Session, select

from shared.auth import Principal
from shared.clock import PARIS, Clock, today_in_paris
from shared.events.legal import FundsCollected
from shared.events.legal_missions import LegalCostIncurred, MissionReported
from shared.idempotency_records import created
from shared.outbox import record_event
from shared.tenancy import check_visible

from legal.domain.partners import (
    ENDINGS,
    STEPS,
    CostRuleBroken,
    past_the_end,
    report_date_problem,
    who_bears,
)
from legal.errors import InvalidReport, MissionEnded, MissionNotFound, ReportConflict
from legal.partners.models import Mission, MissionReport
from legal.partners.report_schemas import CANONICAL, CostsIncurred, ReportIn
from legal.partners.report_schemas import FundsCollected as FundsIn


def partner_mission(*, session: Session, mission_id: uuid.UUID, principal: Principal, lock: bool = False) -> Mission:
    """The mission if it was given to the caller's firm (another firm's answers 404, as a missing one)."""
    query = select(Mission).where(Mission.id == mission_id)
    mission = session.exec(query.with_for_update() if lock else query).first()
    if mission is None:
        raise MissionNotFound(mission_id)
    check_visible(principal, missing=lambda: MissionNotFound(mission_id), partner_id=mission.partner_id)
    return mission


def record_report(
    *, session: Session, mission_id: uuid.UUID, report_in: ReportIn, principal: Principal, clock: Clock
) -> tuple[MissionReport, bool]:
    """Returns the report and whether it is new (False: the same report was already recorded)."""
    mission = partner_mission(session=session, mission_id=mission_id, principal=principal, lock=True)
    report_type = CANONICAL.get(report_in.type, report_in.type)
    existing = _same_report(session, mission, report_in, report_type)
    if existing is not None:
        return existing, False
    if past_the_end(status=mission.status, ended_on=mission.ended_on, occurred_on=report_in.occurred_on):
        raise MissionEnded(mission.status, mission.ended_on)
    problem = report_date_problem(
        occurred_on=report_in.occurred_on,
        assigned_on=mission.assigned_at.astimezone(PARIS).date(),
        today=today_in_paris(clock),
    )
    if problem is not None:
        raise InvalidReport("occurred_on", *problem)
    report = MissionReport(
        mission_id=mission.id,
        case_id=mission.case_id,
        type=report_type,
        occurred_on=report_in.occurred_on,
        note=report_in.note,
        reported_by=principal.subject,
        recorded_at=clock.now(),
    )
    if isinstance(report_in, FundsIn | CostsIncurred):
        if report_in.currency != mission.currency:
            raise InvalidReport(
                "currency",
                f"currency: the case is kept in {mission.currency}, not {report_in.currency}",
                f"currency : le dossier est tenu en {mission.currency}, pas en {report_in.currency}",
            )
        report.amount, report.currency, report.reference = report_in.amount, report_in.currency, report_in.reference
    if isinstance(report_in, CostsIncurred):
        try:
            bearer = who_bears(tariff=report_in.tariff, stated=report_in.borne_by, mission_kind=mission.kind)
        except CostRuleBroken as exc:
            raise InvalidReport("borne_by", str(exc), exc.message_fr) from exc
        report.tariff, report.borne_by = report_in.tariff.strip(), bearer.party
    session.add(report)
    session.flush()
    _publish(session, mission, report, clock)
    if report_type in STEPS and mission.status not in ENDINGS:  # a step before the end leaves the mission ended
        mission.status = report_type
    mission.updated_at = clock.now()
    session.add(mission)
    created(f"/api/v1/partner/missions/{mission.id}")  # the mission with its reports: where a lost answer's retry goes
    session.commit()
    return report, True


def _same_report(session: Session, mission: Mission, report_in: ReportIn, report_type: str) -> MissionReport | None:
    reference = getattr(report_in, "reference", None)
    if reference is not None:
        query = select(MissionReport).where(
            MissionReport.mission_id == mission.id, MissionReport.reference == reference
        )
    elif report_type in STEPS:
        query = select(MissionReport).where(
            MissionReport.mission_id == mission.id,
            MissionReport.type == report_type,
            MissionReport.occurred_on == report_in.occurred_on,
        )
    else:
        return None
    existing = session.exec(query).first()
    if existing is None:
        return None
    amount = getattr(report_in, "amount", None)
    if (
        existing.type != report_type
        or existing.occurred_on != report_in.occurred_on
        or (amount is not None and Decimal(existing.amount or 0) != amount)
    ):
        raise ReportConflict(
            "reference",
            f"reference: {reference} was already reported on this mission with other content; "
            "a different report needs its own reference",
            f"reference : {reference} a déjà été déclarée sur cette mission avec un autre contenu ; "
            "un autre compte rendu demande sa propre référence",
        )
    return existing


def _publish(session: Session, mission: Mission, report: MissionReport, clock: Clock) -> None:
    common = {
        "mission_id": str(mission.id),
        "case_id": str(mission.case_id),
        "creditor_id": str(mission.creditor_id),
    }
    if report.type == "funds_collected":
        assert report.amount is not None and report.reference is not None and report.currency is not None
        funds = FundsCollected(
            **common,
            amount=report.amount,
            currency=report.currency,
            collected_on=report.occurred_on,
            # scoped to the mission: intake keeps payment references unique per creditor, across every source
            reference=f"bailiff:{mission.id}:{report.reference}",
        )
        record_event(session, funds, clock=clock, subject=str(mission.case_id), tenant=str(mission.creditor_id))
        return
    if report.type == "costs":
        assert report.amount is not None and report.currency is not None
        assert report.tariff is not None and report.borne_by is not None
        event: LegalCostIncurred | MissionReported = LegalCostIncurred(
            **common,
            partner_id=str(mission.partner_id),
            cost_id=str(report.id),
            amount=report.amount,
            currency=report.currency,
            tariff=report.tariff,
            borne_by=report.borne_by,
            incurred_on=report.occurred_on,
            reference=report.reference,
        )
    else:
        event = MissionReported(
            **common, partner_id=str(mission.partner_id), report=report.type, occurred_on=report.occurred_on
        )
    record_event(session, event, clock=clock, subject=str(mission.case_id), tenant=str(mission.creditor_id))
