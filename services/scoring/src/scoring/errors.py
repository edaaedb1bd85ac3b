"""Scoring's errors, each with its status and its message in English and French."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from shared.errors import Conflict, Invalid, NotFound


class DebtorNotScored(NotFound):
    def __init__(self, debtor_id: uuid.UUID) -> None:
        super().__init__(f"no score for debtor {debtor_id}", message_fr=f"aucun score pour le débiteur {debtor_id}")


class CaseNotFound(NotFound):
    def __init__(self, case_id: uuid.UUID) -> None:
        super().__init__(f"no case {case_id}", message_fr=f"aucun dossier {case_id}")


class CaseNotScored(NotFound):
    def __init__(self, case_id: uuid.UUID) -> None:
        super().__init__(f"case {case_id} has no score yet", message_fr=f"le dossier {case_id} n'a pas encore de score")


class ScoreNotFound(NotFound):
    def __init__(self, score_id: int) -> None:
        super().__init__(f"no score {score_id}", message_fr=f"aucun score {score_id}")


class CaseNotInWorklist(NotFound):
    def __init__(self, case_id: uuid.UUID) -> None:
        super().__init__(
            f"no case {case_id} in the worklist", message_fr=f"aucun dossier {case_id} dans la liste de travail"
        )


class UnknownBucket(Invalid):
    def __init__(self, labels: Sequence[str]) -> None:
        listed = ", ".join(labels)
        super().__init__(
            f"bucket must be one of {listed}", field="bucket", message_fr=f"la tranche est l'une de : {listed}"
        )


class NotEnoughOutcomes(Conflict):
    """Retraining refused: too few closed cases with an outcome; the current model stays in use."""

    def __init__(self, *, found: int, recovered: int, needed: int, of_each: int) -> None:
        super().__init__(
            f"not enough closed cases with an outcome to train on: {found} found ({recovered} recovered), "
            f"{needed} needed with at least {of_each} of each outcome; the current model stays in use",
            message_fr=f"pas assez de dossiers clos avec une issue pour l'entraînement : {found} trouvés "
            f"({recovered} recouvrés), {needed} nécessaires dont au moins {of_each} de chaque issue ; le modèle "
            "actuel reste en service",
        )


class InvalidQuery(Invalid):
    """A query parameter or an uploaded file the rules refuse; `field` names it."""

    def __init__(self, field: str, message: str, message_fr: str) -> None:
        super().__init__(message, field=field, message_fr=message_fr)
