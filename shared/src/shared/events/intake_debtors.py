"""Intake's events about a debtor rather than a case's money: the shared record changed (merged, unmerged, declared
insolvent), or one creditor's view of it had its contact details corrected."""

from __future__ import annotations

from typing import Literal

from shared.events.base import Event
from shared.events.intake import DebtorIdentity, DebtorSnapshot


class DebtorUpdated(Event):
    """The shared debtor record changed (merge, unmerge, insolvency): it carries the shared identity only, never
    one creditor's view of the debtor. v1 carried the record's name and contactability to every consumer; a
    replayed v1 is read with its identity fields only."""

    type = "recouvra.intake.debtor.updated.v2"
    topic = "intake.cases"
    supersedes = ("recouvra.intake.debtor.updated.v1",)

    debtor: DebtorIdentity
    merged_into_id: str | None = None


class DebtorContactsCorrected(Event):
    """The creditor's view of a case's debtor had its contact details corrected (by the creditor or staff): one
    event for each of that creditor's cases of the debtor, since the view is what all of them show. It says which
    details changed and whether the view now has an e-mail, a phone, an address, never the details themselves."""

    type = "recouvra.intake.debtor.contacts_corrected.v1"
    topic = "intake.cases"

    case_id: str
    creditor_id: str
    debtor: DebtorSnapshot
    corrected: list[Literal["email", "phone", "address", "language"]]
    by: Literal["creditor", "agency", "debtor"] = "agency"  # the debtor: on its page, through the portal
