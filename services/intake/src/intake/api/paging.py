"""One page of a list and how many there are in all: every list endpoint reads a bounded page (`offset` and
`limit` from `shared.limits`), so that neither a large portfolio nor a large offset costs more than a page."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import func
from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

T = TypeVar("T")


def page_of(session: Session, query: SelectOfScalar[T], *, offset: int, limit: int) -> tuple[list[T], int]:
    """The rows of `query` (ordered by the caller) from `offset`, at most `limit` of them, and the count of all."""
    counted: Any = query.order_by(None).subquery()
    total = session.exec(select(func.count()).select_from(counted)).one()
    return list(session.exec(query.offset(offset).limit(limit)).all()), total


def total_header(total: int) -> dict[str, str]:
    """For the lists that answer a bare JSON array (kept for their callers): the count of all in a header."""
    return {"X-Total-Count": str(total)}


TOTAL_COUNT = {"X-Total-Count": {"description": "how many there are in all", "schema": {"type": "integer"}}}
"""The header documented in the OpenAPI of the lists that answer a bare array."""
