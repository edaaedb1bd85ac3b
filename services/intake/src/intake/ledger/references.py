"""The RF creditor reference (ISO 11649) a case is paid with: unique across the agency's account."""

from __future__ import annotations

import uuid

from intake.money.reference import creditor_reference


def case_rf_reference(case_id: uuid.UUID) -> str:
    """Built from the case id, not the creditor's own reference, which two creditors may share."""
    return creditor_reference(case_id.hex[:16].upper())
