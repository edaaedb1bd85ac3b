from __future__ import annotations

from fastapi import APIRouter, status

from shared.deps import AdminDep, ClockDep, SessionDep
from shared.limits import LimitQuery, OffsetQuery

from portal.deps import IntakeReaderDep
from portal.identity.schemas import UserCreate, UserPage, UserPublic
from portal.identity.users import create_user, list_users

router = APIRouter(prefix="/api/v1/users", tags=["users"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="create a user (admin)",
    responses={503: {"description": "intake could not confirm a creditor the portal does not know yet"}},
)
def post_user(
    user_in: UserCreate, session: SessionDep, clock: ClockDep, admin: AdminDep, intake: IntakeReaderDep
) -> UserPublic:
    user = create_user(session=session, user_in=user_in, clock=clock, intake=intake)
    return UserPublic.model_validate(user, from_attributes=True)


@router.get("", summary="list users (admin)")
def get_users(
    session: SessionDep,
    admin: AdminDep,
    offset: OffsetQuery = 0,
    limit: LimitQuery = 50,
) -> UserPage:
    users, total = list_users(session=session, offset=offset, limit=limit)
    return UserPage(items=[UserPublic.model_validate(u, from_attributes=True) for u in users], total=total)
