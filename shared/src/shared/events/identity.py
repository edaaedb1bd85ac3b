"""Events of the portal: users and identity."""

from __future__ import annotations

from shared.events.base import Event


class UserCreated(Event):
    type = "recouvra.portal.user.created.v1"
    topic = "portal.users"

    user_id: str
    email: str
    role: str
    creditor_id: str | None = None
