"""How a mission reads: for staff and the case's creditor, with its reports and deeds; for its bailiff, with the case
and the case's documents read from intake at the moment of the request."""

from __future__ import annotations

from sqlmodel import Session, col, select

from legal.partners.case_reads import IntakeReader, case_documents, case_for_bailiff, read_case
from legal.partners.deeds import deeds_of
from legal.partners.models import Mission, MissionReport
from legal.partners.schemas import (
    DeedPublic,
    MissionDetail,
    MissionDocuments,
    MissionPublic,
    PartnerMission,
    ReportPublic,
)

# Reports of one day recorded at one instant (a frozen platform clock) keep the order in which the steps happen.
STEP_ORDER = {"served": 0, "search_unsuccessful": 1, "seizure": 2, "funds_collected": 3, "costs": 4}


def reports_of(session: Session, mission: Mission) -> list[ReportPublic]:
    rows = session.exec(
        select(MissionReport)
        .where(MissionReport.mission_id == mission.id)
        .order_by(col(MissionReport.occurred_on), col(MissionReport.recorded_at), col(MissionReport.id))
    ).all()
    ordered = sorted(rows, key=lambda r: (r.occurred_on, r.recorded_at, STEP_ORDER.get(r.type, 9), str(r.id)))
    return [ReportPublic.model_validate(row) for row in ordered]


def mission_public(mission: Mission) -> MissionPublic:
    return MissionPublic.model_validate(mission)


def mission_detail(session: Session, mission: Mission) -> MissionDetail:
    return MissionDetail(
        **mission_public(mission).model_dump(),
        reports=reports_of(session, mission),
        deeds=[DeedPublic.model_validate(deed) for deed in deeds_of(session, mission.id)],
    )


def partner_mission_view(session: Session, reader: IntakeReader, mission: Mission) -> PartnerMission:
    public = mission_public(mission)
    return PartnerMission(
        **public.model_dump(),
        case=case_for_bailiff(read_case(reader, mission.case_id)),
        documents=MissionDocuments(
            references=public.references,
            case_documents=case_documents(reader, mission.case_id),
            deeds=[DeedPublic.model_validate(deed) for deed in deeds_of(session, mission.id)],
        ),
        reports=reports_of(session, mission),
    )
