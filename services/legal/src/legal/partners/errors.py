"""Errors of partner missions, each with its status and its message in English and French."""

from __future__ import annotations

import uuid

from shared.errors import Conflict, Invalid, NotFound


class MissionNotFound(NotFound):
    def __init__(self, mission_id: uuid.UUID) -> None:
        super().__init__(f"no mission {mission_id}", message_fr=f"aucune mission {mission_id}")


class CaseNotFound(NotFound):
    def __init__(self, case_id: uuid.UUID) -> None:
        super().__init__(f"no case {case_id}", message_fr=f"aucun dossier {case_id}")


class PartnerNotFound(NotFound):
    def __init__(self, partner_id: uuid.UUID) -> None:
        super().__init__(f"no partner {partner_id}", message_fr=f"aucun partenaire {partner_id}")


class DeedNotFound(NotFound):
    def __init__(self, deed_id: uuid.UUID) -> None:
        super().__init__(f"no deed {deed_id} on this mission", message_fr=f"aucun acte {deed_id} dans cette mission")


class MissionEnded(Conflict):
    def __init__(self, status: str) -> None:
        status_fr = {"withdrawn": "retirée", "closed": "close"}.get(status, status)
        super().__init__(
            f"this mission is {status}; it takes no more reports or deeds",
            message_fr=f"cette mission est {status_fr} ; elle ne reçoit plus de compte rendu ni d'acte",
        )


class InvalidReport(Invalid):
    """A report, deed or mission whose field is wrong; `field` names it."""

    def __init__(self, field: str, message: str, message_fr: str) -> None:
        super().__init__(message, field=field, message_fr=message_fr)


class ReportConflict(Conflict):
    def __init__(self, field: str, message: str, message_fr: str) -> None:
        super().__init__(message, field=field, message_fr=message_fr)
