from __future__ import annotations

from fastapi import APIRouter, status

from shared.deps import ClockDep, PrincipalDep, SessionDep, StaffDep

from intake.rates.schemas import RateIn, RatePublic
from intake.rates.table import list_rates, record_rate

router = APIRouter(prefix="/api/v1/intake/rates", tags=["rates"])


@router.get("", summary="the rate table: ECB main refinancing rate and legal interest rates, by start date")
def get_rates(session: SessionDep, principal: PrincipalDep) -> list[RatePublic]:
    return [RatePublic.model_validate(r) for r in list_rates(session)]


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="record a rate (or correct the one of the same kind and start date)",
)
def post_rate(rate_in: RateIn, session: SessionDep, clock: ClockDep, staff: StaffDep) -> RatePublic:
    return RatePublic.model_validate(record_rate(session=session, rate_in=rate_in, principal=staff, clock=clock))
