"""The states a procedure goes through, by name (docs/rules.md §5.4)."""

from __future__ import annotations

OPENED, FILED, GRANTED, REJECTED, SERVED, OPPOSED = "opened", "filed", "granted", "rejected", "served", "opposed"
ENFORCEABLE, ENFORCEMENT, VOID, CLOSED = "enforceable", "enforcement", "void", "closed"
STEPS = (FILED, GRANTED, REJECTED, SERVED, OPPOSED, ENFORCEABLE, ENFORCEMENT, CLOSED)
"""the steps staff record (`POST /procedures/{id}/events` type); `void` is the platform's, from the calendar"""

STATE_FR = {
    OPENED: "requête préparée",
    FILED: "déposée",
    GRANTED: "accordée",
    REJECTED: "rejetée",
    SERVED: "signifiée",
    OPPOSED: "frappée d'opposition",
    ENFORCEABLE: "exécutoire",
    ENFORCEMENT: "en exécution forcée",
    VOID: "non avenue",
    CLOSED: "close",
}
