"""Tenancy: the one rule that decides what a signed-in principal may see, applied by every service.

- a creditor user sees its own creditor's records only;
- a bailiff sees its partner firm's missions only;
- agency staff (agent, supervisor, admin) see every tenant's records; what each of them may *do* is the
  route's declared roles (`shared.deps.require_roles`);
- a `service` principal (another Recouvra service calling for a fresh read) holds `SERVICE_GRANT`: it may
  read every tenant's records, and change only what a route's roles name for `service`;
- anyone else (a creditor token without a creditor id, a bailiff token without a partner id, a role this
  rule does not know) is refused with 403: never an empty list, never a global one.

A record the principal may not see answers 404, the same answer as a record that does not exist, so another
tenant's records cannot be discovered.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from shared.auth import Principal, Role
from shared.errors import DomainError, Forbidden, Invalid, NotFound

STAFF_ROLES = frozenset({Role.AGENT, Role.SUPERVISOR, Role.ADMIN})


@dataclass(frozen=True)
class Grant:
    """What a `service` principal may do: read every tenant (the platform's own synchronous reads, such as the
    statement of account when a letter is rendered). Writes are never implied: a route allows them by naming
    `service` among its roles."""

    reads_every_tenant: bool = True


SERVICE_GRANT = Grant()


@dataclass(frozen=True)
class Scope:
    """What a principal may see: every tenant (both ids None), one creditor, or one partner firm. Ids are the
    token's strings (canonical UUID text when they are UUIDs); list filters turn them into UUIDs."""

    creditor_id: str | None = None
    partner_id: str | None = None

    @property
    def is_global(self) -> bool:
        return self.creditor_id is None and self.partner_id is None


EVERY_TENANT = Scope()


def scope_of(principal: Principal) -> Scope:
    """The principal's scope, or 403 when the rule does not know what it may see."""
    if principal.role in STAFF_ROLES:
        return EVERY_TENANT
    if principal.role == Role.SERVICE and SERVICE_GRANT.reads_every_tenant:
        return EVERY_TENANT
    if principal.role == Role.CREDITOR:
        return Scope(creditor_id=_tenant_id(principal.creditor_id, "creditor", "créancier"))
    if principal.role == Role.BAILIFF:
        return Scope(partner_id=_tenant_id(principal.partner_id, "partner firm", "cabinet partenaire"))
    raise Forbidden(
        f"the role '{principal.role}' may see no record",
        message_fr=f"le rôle « {principal.role} » ne donne accès à aucune donnée",
    )


def _tenant_id(value: str | None, what: str, what_fr: str) -> str:
    if not value or not value.strip():
        raise Forbidden(
            f"this account is not attached to a {what}; it may see no record",
            message_fr=f"ce compte n'est rattaché à aucun {what_fr} ; il n'a accès à aucune donnée",
        )
    return _canonical(value)


def _canonical(value: object) -> str:
    try:
        return str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))
    except ValueError:
        return str(value)


def _as_uuid(value: str, what: str, what_fr: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except ValueError:
        raise Forbidden(
            f"this account's {what} id '{value}' is not valid; it may see no record",
            message_fr=f"l'identifiant de {what_fr} « {value} » de ce compte n'est pas valide ; "
            "il n'a accès à aucune donnée",
        ) from None


# -- list queries ---------------------------------------------------------------------------------------------


def creditor_filter(principal: Principal, requested: uuid.UUID | None = None) -> uuid.UUID | None:
    """The creditor a list of creditor-owned records is restricted to; None means every creditor (staff).

    Staff may narrow the list to `requested`; a creditor user always gets its own, and asking for another
    creditor answers 404 (for it, that creditor does not exist). A bailiff is refused: creditors' records
    are not partner missions."""
    scope = scope_of(principal)
    if scope.is_global:
        return requested
    if scope.creditor_id is None:
        raise Forbidden(
            "partner accounts see their missions only", message_fr="un compte partenaire ne voit que ses missions"
        )
    own = _as_uuid(scope.creditor_id, "creditor", "créancier")
    if requested is not None and requested != own:
        raise NotFound(f"no creditor {requested}", message_fr=f"aucun créancier {requested}")
    return own


def partner_filter(principal: Principal, requested: uuid.UUID | None = None) -> uuid.UUID | None:
    """The partner firm a list of missions is restricted to; None means every partner (staff). A creditor user
    is refused: missions belong to partner firms."""
    scope = scope_of(principal)
    if scope.is_global:
        return requested
    if scope.partner_id is None:
        raise Forbidden(
            "missions are for agency staff and the partner firm they are given to",
            message_fr="les missions sont réservées au personnel de l'agence et au partenaire mandaté",
        )
    own = _as_uuid(scope.partner_id, "partner", "partenaire")
    if requested is not None and requested != own:
        raise NotFound(f"no partner {requested}", message_fr=f"aucun partenaire {requested}")
    return own


# -- one record -----------------------------------------------------------------------------------------------


def may_see_creditor(principal: Principal, creditor_id: object) -> bool:
    """Whether a record owned by this creditor is visible; 403 (raised) for a principal the rule does not know."""
    scope = scope_of(principal)
    return scope.is_global or (scope.creditor_id is not None and scope.creditor_id == _canonical(creditor_id))


def may_see_partner(principal: Principal, partner_id: object) -> bool:
    """Whether a record given to this partner firm (a mission) is visible."""
    scope = scope_of(principal)
    return scope.is_global or (scope.partner_id is not None and scope.partner_id == _canonical(partner_id))


def check_visible(
    principal: Principal, *, missing: Callable[[], DomainError], creditor_id: object = None, partner_id: object = None
) -> None:
    """Raise `missing()` (a 404) unless the principal may see a record owned by `creditor_id` or given to
    `partner_id`. Call it with the owner of a record that exists; for one that does not, raise `missing()`
    yourself: both answers are the same."""
    visible = (creditor_id is not None and may_see_creditor(principal, creditor_id)) or (
        partner_id is not None and may_see_partner(principal, partner_id)
    )
    if not visible:
        raise missing()


def check_unowned_visible(principal: Principal, *, missing: Callable[[], DomainError]) -> None:
    """Raise `missing()` (a 404) unless the principal sees every creditor's records: a record no creditor owns yet
    (a debtor's e-mail not matched to a case) is the agency's alone until it is filed under one."""
    if not scope_of(principal).is_global:
        raise missing()


# -- writes ---------------------------------------------------------------------------------------------------


def acting_creditor(principal: Principal, requested: uuid.UUID | None) -> uuid.UUID:
    """The creditor a write is made for: a creditor user writes for itself only (leaving `creditor_id` out);
    staff and services must name the creditor; anyone else is refused."""
    scope = scope_of(principal)
    if scope.creditor_id is not None:
        own = _as_uuid(scope.creditor_id, "creditor", "créancier")
        if requested is not None and requested != own:
            raise Invalid(
                "creditor_id: a creditor user acts for its own creditor only; leave creditor_id out",
                field="creditor_id",
                message_fr="creditor_id : un utilisateur créancier n'agit que pour son propre créancier ; "
                "omettez creditor_id",
            )
        return own
    if not scope.is_global:
        raise Forbidden(
            "this action is reserved to creditors and agency staff",
            message_fr="cette action est réservée aux créanciers et au personnel de l'agence",
        )
    if requested is None:
        raise Invalid(
            "creditor_id: agency staff must say which creditor the record belongs to",
            field="creditor_id",
            message_fr="creditor_id : le personnel de l'agence doit indiquer à quel créancier la donnée appartient",
        )
    return requested
