"""Query parameters shared by the aged-balance and worklist routes, and the tenant rule on creditor filters."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Query, Request

from shared.auth import Principal, Role
from shared.errors import Forbidden, Invalid, NotFound

from scoring.domain.aging import check_limits

LimitsQuery = Annotated[str | None, Query(description="bucket limits in days, comma-separated", examples=["30,60,90"])]


def bucket_limits(request: Request, limits: LimitsQuery = None) -> tuple[int, ...]:
    if limits is None:
        return tuple(request.app.state.runtime.settings.aged_balance_limits)
    try:
        return check_limits([int(part) for part in limits.split(",")])
    except ValueError as exc:
        message = str(exc) if "bucket" in str(exc) else "limits must be whole numbers of days, for example 30,60,90"
        raise Invalid(f"limits: {message}", field="limits") from exc


LimitsDep = Annotated[tuple[int, ...], Depends(bucket_limits)]


def creditor_scope(principal: Principal, creditor_id: uuid.UUID | None) -> uuid.UUID | None:
    """Staff choose a creditor or see all; a creditor user sees its own, and another creditor does not exist for it."""
    if principal.is_staff:
        return creditor_id
    if principal.role != Role.CREDITOR or principal.creditor_id is None:
        raise Forbidden("this is reserved to creditors and agency staff")
    if creditor_id is not None and str(creditor_id) != principal.creditor_id:
        raise NotFound(f"no creditor {creditor_id}")
    return uuid.UUID(principal.creditor_id)
