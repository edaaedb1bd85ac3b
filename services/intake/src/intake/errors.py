from __future__ import annotations

from shared.errors import Conflict, NotFound


class CreditorNotFound(NotFound):
    pass


class CreditorAlreadyExists(Conflict):
    pass
