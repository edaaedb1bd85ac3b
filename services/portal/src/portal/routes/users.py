"""Users: admins create them, list them, switch an account off and on again and give it a new password
(`portal.identity.users`, `portal.identity.accounts`); everyone signed in with a password changes their own."""

from __future__ import annotations

import uuid
from datetime import timedelta

from fastapi import APIRouter, Request, Response, status

from shared.deps import AdminDep, ClockDep, PrincipalDep, RuntimeDep, SessionDep
from shared.limits import LimitQuery, OffsetQuery

from portal.config import Settings
from portal.deps import IntakeReaderDep, request_address
from portal.identity.accounts import change_own_password, reset_password, set_active
from portal.identity.schemas import PasswordChange, PasswordReset, UserCreate, UserPage, UserPublic
from portal.identity.users import create_user, list_users
from portal.identity.withdrawals import withdraw_now

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


@router.post(
    "/{user_id}/deactivate",
    summary="switch an account off (admin): it signs in no more; a token it holds runs out within its lifetime",
    responses={403: {"description": "your own account"}, 409: {"description": "already deactivated"}},
)
def post_deactivate(
    user_id: uuid.UUID, session: SessionDep, clock: ClockDep, admin: AdminDep, runtime: RuntimeDep
) -> UserPublic:
    user = set_active(session=session, user_id=user_id, active=False, principal=admin, clock=clock)
    session.commit()
    assert user.access_withdrawn_at is not None, "a deactivation withdraws the account's access"
    withdraw_now(runtime.verifier.revocations, str(user.id), user.access_withdrawn_at)
    return UserPublic.model_validate(user, from_attributes=True)


@router.post(
    "/{user_id}/reactivate",
    summary="switch a deactivated account on again (admin)",
    responses={409: {"description": "already active"}},
)
def post_reactivate(user_id: uuid.UUID, session: SessionDep, clock: ClockDep, admin: AdminDep) -> UserPublic:
    user = set_active(session=session, user_id=user_id, active=True, principal=admin, clock=clock)
    session.commit()
    return UserPublic.model_validate(user, from_attributes=True)


@router.put(
    "/{user_id}/password",
    summary="give an account a new password (admin), for a user who forgot theirs; its failed sign-ins are cleared",
    responses={422: {"description": "the password policy refuses it"}},
)
def put_password(
    user_id: uuid.UUID, body: PasswordReset, session: SessionDep, clock: ClockDep, admin: AdminDep, runtime: RuntimeDep
) -> UserPublic:
    user = reset_password(session=session, user_id=user_id, password=body.password, principal=admin, clock=clock)
    session.commit()
    assert user.access_withdrawn_at is not None, "a new password withdraws the tokens issued before it"
    withdraw_now(runtime.verifier.revocations, str(user.id), user.access_withdrawn_at)
    return UserPublic.model_validate(user, from_attributes=True)


me = APIRouter(prefix="/api/v1/auth", tags=["users"])


@me.put(
    "/password",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="change your own password, giving the current one (any person signed in; not an API client)",
    responses={
        403: {"description": "an API client's token: it has a secret, not a password"},
        422: {"description": "the current password is wrong, or the policy refuses the new one"},
        429: {"description": "too many wrong current passwords: the account is locked for a while"},
    },
)
def put_own_password(
    body: PasswordChange,
    request: Request,
    session: SessionDep,
    clock: ClockDep,
    principal: PrincipalDep,
    runtime: RuntimeDep,
) -> Response:
    settings: Settings = runtime.settings  # type: ignore[assignment]  # the portal's runtime holds its Settings
    change_own_password(
        session=session,
        principal=principal,
        current=body.current_password,
        password=body.password,
        client_ip=request_address(request, settings.trusted_proxies),
        clock=clock,
        max_failures=settings.login_max_failures,
        window=timedelta(seconds=settings.login_window_s),
        max_per_address=settings.login_max_failures_per_address,
    )
    session.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)
