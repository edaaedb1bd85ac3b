"""Tenant scope: a creditor user acts for its own creditor only; staff name the creditor they act for."""

from __future__ import annotations

import uuid
from typing import Protocol, TypeVar

from sqlmodel import Session

from shared.auth import Principal, Role
from shared.errors import Forbidden, Invalid, NotFound


def acting_creditor(principal: Principal, requested: uuid.UUID | None) -> uuid.UUID:
    if principal.role == Role.CREDITOR:
        if principal.creditor_id is None:
            raise Forbidden("this account is not attached to a creditor",
                            message_fr="ce compte n'est rattaché à aucun créancier")
        own = uuid.UUID(principal.creditor_id)
        if requested is not None and requested != own:
            raise Invalid("creditor_id: a creditor user acts for its own creditor only; leave creditor_id out",
                          field="creditor_id",
                          message_fr="creditor_id : un utilisateur créancier n'agit que pour son propre créancier ; "
                                     "omettez creditor_id")
        return own
    if not principal.is_staff:
        raise Forbidden("this action is reserved to creditors and agency staff",
                        message_fr="cette action est réservée aux créanciers et au personnel de l'agence")
    if requested is None:
        raise Invalid("creditor_id: agency staff must say which creditor the case belongs to", field="creditor_id",
                      message_fr="creditor_id : le personnel de l'agence doit indiquer à quel créancier le dossier "
                                 "appartient")
    return requested


NONE_FR = {"case": "aucun dossier", "import": "aucun import", "payment": "aucun paiement",
           "remittance": "aucun reversement", "debtor": "aucun débiteur", "document": "aucun document"}


def visible_creditor(principal: Principal) -> uuid.UUID | None:
    """None for staff (every creditor); the creditor's own id otherwise; a nil id for anyone else."""
    if principal.is_staff:
        return None
    if principal.role == Role.CREDITOR and principal.creditor_id:
        return uuid.UUID(principal.creditor_id)
    return uuid.UUID(int=0)


class _Owned(Protocol):
    creditor_id: uuid.UUID


Owned = TypeVar("Owned", bound=_Owned)


def get_owned(session: Session, model: type[Owned], record_id: uuid.UUID, principal: Principal, *,
              missing: type[NotFound], what: str) -> Owned:
    """A record of a creditor, or `missing` (404) when it does not exist or belongs to another tenant: the
    answer is the same, so another creditor's records cannot be discovered."""
    record = session.get(model, record_id)
    scope = visible_creditor(principal)
    if record is None or (scope is not None and record.creditor_id != scope):
        raise missing(f"no {what} {record_id}", message_fr=f"{NONE_FR.get(what, 'aucun ' + what)} {record_id}")
    return record
