"""The legal costs of a case, shown to its creditor with who bears each (docs/rules.md §6.2)."""

from __future__ import annotations

import uuid
from decimal import Decimal

from sqlmodel import Session, col, select

from legal.domain.partners import who_bears
from legal.partners.models import Mission, MissionReport
from legal.partners.schemas import CaseCosts, CostLine


def case_costs(*, session: Session, case_id: uuid.UUID) -> CaseCosts:
    """Call after the caller's right to see the case was checked."""
    rows = session.exec(
        select(MissionReport, Mission)
        .join(Mission, col(Mission.id) == col(MissionReport.mission_id))
        .where(MissionReport.case_id == case_id, MissionReport.type == "costs")
        .order_by(col(MissionReport.occurred_on), col(MissionReport.recorded_at), col(MissionReport.id))
    ).all()
    currency = session.exec(select(Mission.currency).where(Mission.case_id == case_id).limit(1)).first() or "EUR"
    items: list[CostLine] = []
    for report, mission in rows:
        assert report.amount is not None and report.tariff is not None and report.borne_by is not None
        bearer = who_bears(tariff=report.tariff, stated=report.borne_by, mission_kind=mission.kind)
        items.append(
            CostLine(
                mission_id=mission.id,
                cost_id=report.id,
                incurred_on=report.occurred_on,
                amount=report.amount,
                currency=report.currency or mission.currency,
                tariff=report.tariff,
                borne_by="debtor" if report.borne_by == "debtor" else "creditor",
                basis=bearer.basis,
                basis_fr=bearer.basis_fr,
                reference=report.reference,
                note=report.note,
            )
        )
    debtor = sum((line.amount for line in items if line.borne_by == "debtor"), Decimal("0"))
    creditor = sum((line.amount for line in items if line.borne_by == "creditor"), Decimal("0"))
    return CaseCosts(
        case_id=case_id,
        currency=currency,
        items=items,
        borne_by_debtor=debtor,
        borne_by_creditor=creditor,
        total=debtor + creditor,
    )
