"""Intake's call sites of the kernel's tenancy rule (`shared.tenancy`): records owned by a creditor."""

from __future__ import annotations

import uuid
from typing import Protocol, TypeVar

from sqlmodel import Session

from shared.auth import Principal
from shared.errors import NotFound
from shared.tenancy import acting_creditor, check_visible, creditor_filter

__all__ = ["acting_creditor", "check_owned", "get_owned", "visible_creditor"]

NONE_FR = {
    "case": "aucun dossier",
    "import": "aucun import",
    "payment": "aucun paiement",
    "remittance": "aucun reversement",
    "debtor": "aucun débiteur",
    "document": "aucun document",
}


def visible_creditor(principal: Principal) -> uuid.UUID | None:
    """The creditor a list is restricted to; None for staff (every creditor); 403 for anyone else."""
    return creditor_filter(principal)


class _Owned(Protocol):
    creditor_id: uuid.UUID


Owned = TypeVar("Owned", bound=_Owned)


def get_owned(
    session: Session,
    model: type[Owned],
    record_id: uuid.UUID,
    principal: Principal,
    *,
    missing: type[NotFound],
    what: str,
) -> Owned:
    """A record of a creditor, or `missing` (404) when it does not exist or belongs to another tenant."""

    record = session.get(model, record_id)
    check_owned(record.creditor_id if record is not None else None, record_id, principal, missing=missing, what=what)
    assert record is not None  # check_owned raised otherwise
    return record


def check_owned(
    creditor_id: uuid.UUID | None, record_id: uuid.UUID, principal: Principal, *, missing: type[NotFound], what: str
) -> None:
    """`missing` (404) unless the record, of `creditor_id` (None: not found), is one the principal may see."""

    def not_found() -> NotFound:
        return missing(f"no {what} {record_id}", message_fr=f"{NONE_FR.get(what, 'aucun ' + what)} {record_id}")

    if creditor_id is None:
        raise not_found()
    check_visible(principal, creditor_id=creditor_id, missing=not_found)
