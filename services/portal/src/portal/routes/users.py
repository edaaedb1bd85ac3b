from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from shared.deps import AdminDep, ClockDep, SessionDep

from portal.identity import create_user, list_users
from portal.models import UserCreate, UserPage, UserPublic

router = APIRouter(prefix="/api/v1/users", tags=["users"])


@router.post("", status_code=status.HTTP_201_CREATED, summary="create a user (admin)")
def post_user(user_in: UserCreate, session: SessionDep, clock: ClockDep, admin: AdminDep) -> UserPublic:
    user = create_user(session=session, user_in=user_in, clock=clock)
    return UserPublic.model_validate(user, from_attributes=True)


@router.get("", summary="list users (admin)")
def get_users(
    session: SessionDep, admin: AdminDep,
    offset: Annotated[int, Query(ge=0)] = 0, limit: Annotated[int, Query(ge=1, le=200)] = 50,
) -> UserPage:
    users, total = list_users(session=session, offset=offset, limit=limit)
    return UserPage(items=[UserPublic.model_validate(u, from_attributes=True) for u in users], total=total)
