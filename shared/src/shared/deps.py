"""FastAPI dependencies every service uses: session, clock, runtime, and the verified caller."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated

import anyio
from fastapi import Depends, Request, Security
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from shared.auth import InvalidToken, Principal, Role
from shared.clock import SettableClock
from shared.errors import Forbidden, TemporarilyUnavailable, Unauthenticated
from shared.jwks import KeysUnavailable
from shared.runtime import Runtime

_bearer = HTTPBearer(auto_error=False, description="a token from POST /api/v1/auth/token")


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def get_session(runtime: RuntimeDep) -> AsyncIterator[Session]:
    session = Session(runtime.engine, expire_on_commit=False)
    try:
        yield session
    finally:
        if session.in_transaction():
            with anyio.CancelScope(shield=True):
                await run_in_threadpool(session.close)
        else:
            session.close()


async def get_clock(runtime: RuntimeDep) -> SettableClock:
    return runtime.clock


SessionDep = Annotated[Session, Depends(get_session)]
ClockDep = Annotated[SettableClock, Depends(get_clock)]


async def get_principal(
    runtime: RuntimeDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthenticated(
            "sign in first: send 'Authorization: Bearer <token>'",
            message_fr="connectez-vous d'abord : envoyez 'Authorization: Bearer <jeton>'",
        )
    # A token seen before is answered on the event loop; checking a new one may fetch the keys: in a thread.
    known = runtime.verifier.known(credentials.credentials)
    if known is not None:
        return known
    return await run_in_threadpool(_verified, runtime, credentials.credentials)


def _verified(runtime: Runtime, token: str) -> Principal:
    try:
        return runtime.verifier.verify(token)
    except InvalidToken as exc:
        raise Unauthenticated(
            str(exc), message_fr="ce jeton n'est pas accepté (expiré, mal signé ou illisible) : reconnectez-vous"
        ) from exc
    except KeysUnavailable as exc:  # the service cannot check any token yet: not the caller's fault
        raise TemporarilyUnavailable(
            f"this service cannot check tokens yet ({exc}); try again in a moment",
            message_fr="ce service ne peut pas encore vérifier les jetons ; réessayez dans un instant",
        ) from exc


PrincipalDep = Annotated[Principal, Depends(get_principal)]


_ROLE_NAMES = {  # the roles as a refusal names them, in English and in French
    Role.CREDITOR: ("creditor", "créancier"),
    Role.AGENT: ("agent", "agent de l'agence"),
    Role.SUPERVISOR: ("supervisor", "superviseur"),
    Role.ADMIN: ("admin", "administrateur"),
    Role.BAILIFF: ("bailiff", "commissaire de justice"),
    Role.SERVICE: ("service", "service de la plateforme"),
}
_STAFF_NAMES = ("agency staff", "personnel de l'agence")


def _role_names(allowed: frozenset[Role]) -> tuple[str, str]:
    """Who may act, in English and in French: the agency's four roles together are its staff."""
    staff = set(AGENCY_ROLES) <= allowed
    rest = sorted(allowed - set(AGENCY_ROLES) if staff else allowed)
    english = [_ROLE_NAMES[role][0] for role in rest] + ([_STAFF_NAMES[0]] if staff else [])
    french = [_ROLE_NAMES[role][1] for role in rest] + ([_STAFF_NAMES[1]] if staff else [])
    return ", ".join(english), ", ".join(french)


def require_roles(*roles: Role) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency that lets only these roles through (403 otherwise).

    The roles are also declared in the route's OpenAPI, as the scopes of its bearer security requirement
    (`"security": [{"HTTPBearer": ["admin"]}]`: OpenAPI 3.1 lets a non-OAuth scheme list the role names an
    operation requires). A route that takes `PrincipalDep` alone declares `[]`: any signed-in user; a route
    without either is public. The generated role tests in tests/security read this declaration."""
    allowed = frozenset(roles)
    names, names_fr = _role_names(allowed)

    signed_in_with_a_role = Security(get_principal, scopes=sorted(r.value for r in allowed))

    async def check(principal: Principal = signed_in_with_a_role) -> Principal:
        if principal.role not in allowed:
            raise Forbidden(
                f"this action is reserved to: {names}", message_fr=f"cette action est réservée à : {names_fr}"
            )
        return principal

    check.roles = allowed  # type: ignore[attr-defined]  # read by `shared.lane_reads`, which checks roles in line
    return check


AGENCY_ROLES = (Role.AGENT, Role.SUPERVISOR, Role.ADMIN, Role.SERVICE)

AdminDep = Annotated[Principal, Depends(require_roles(Role.ADMIN))]
StaffDep = Annotated[Principal, Depends(require_roles(*AGENCY_ROLES))]
CreditorOrStaffDep = Annotated[Principal, Depends(require_roles(Role.CREDITOR, *AGENCY_ROLES))]
BailiffDep = Annotated[Principal, Depends(require_roles(Role.BAILIFF))]
