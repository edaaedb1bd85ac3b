"""The web pages' dependencies: the signed-in visitor, and the API as that visitor sees it."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Request
from sqlmodel import Session, select

from portal.identity.models import User
from portal.web.errors import PageError, SignInRequired
from portal.web.sessions import WebSession, current_session
from portal.web.state import WebState
from portal.web.upstream import Upstream


def known_id(value: str) -> uuid.UUID:
    """An id of the address: anything but a UUID names nothing, so the 404 page."""
    try:
        return uuid.UUID(value)
    except ValueError:
        raise PageError(404, "error.not_found") from None


def get_web(request: Request) -> WebState:
    state: WebState = request.app.state.web
    return state


def get_viewer(request: Request) -> WebSession:
    """The signed-in visitor, whose account is still active: an admin's deactivation ends its web session at its next
    page (its API token runs out within its lifetime: docs/operations.md)."""
    session = current_session(request)
    if session is None:
        raise SignInRequired(expired=bool(request.cookies.get("recouvra_session")))
    if not _still_active(request, session.email):
        raise SignInRequired(expired=True)
    return session


def _still_active(request: Request, email: str) -> bool:
    with Session(request.app.state.runtime.engine) as db:
        return bool(db.exec(select(User.active).where(User.email == email)).first())


def get_staff(viewer: Annotated[WebSession, Depends(get_viewer)]) -> WebSession:
    if not viewer.is_staff:
        raise PageError(403, "error.forbidden")
    return viewer


def get_upstream(request: Request, viewer: Annotated[WebSession, Depends(get_viewer)]) -> Upstream:
    return Upstream(request, viewer.token)


WebDep = Annotated[WebState, Depends(get_web)]
ViewerDep = Annotated[WebSession, Depends(get_viewer)]
StaffDep = Annotated[WebSession, Depends(get_staff)]
UpstreamDep = Annotated[Upstream, Depends(get_upstream)]
