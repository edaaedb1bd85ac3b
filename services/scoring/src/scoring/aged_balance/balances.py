"""Aged balance read from the projection, as of any business date, in one grouped query.

An invoice's outstanding as of a date is its current value when that value already held on the date (the
usual case), else its previous value when that one held, else the latest value of its history on or before
the date: payments received after the date are not counted. The first two come from one grouped scan that
the planner parallelises like a bare GROUP BY; only invoices changed twice or more since the date read their
history. Buckets compare due dates with precomputed bounds (see domain.aging).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import sqlalchemy
from sqlalchemy import ColumnElement, case, func, or_, true, union_all
from sqlmodel import Session, col, select

from scoring.domain.aging import AgedBalance, due_date_bounds, empty_balance
from scoring.domain.currency import EUR
from scoring.portfolio.debtor_views import debtor_names
from scoring.portfolio.models import InvoiceOutstanding, ScoringInvoice


@dataclass(frozen=True)
class DebtorLine:
    debtor_id: uuid.UUID
    name: str
    balance: AgedBalance


@dataclass(frozen=True)
class DebtorPage:
    """One page of the per-debtor lines; `debtors` and `total` count and add up every line, not the page's."""

    lines: list[DebtorLine]
    debtors: int
    total: Decimal


def bucket_of_due_date(as_of: date, limits: Sequence[int]) -> ColumnElement[Any]:
    """-1 for not yet due, then 0, 1, … for the buckets in order."""
    bounds = due_date_bounds(as_of, limits)
    return case(
        *[(col(ScoringInvoice.due_date) >= bound, index - 1) for index, bound in enumerate(bounds)], else_=len(limits)
    )


def _aged_rows(
    session: Session,
    *,
    as_of: date,
    limits: Sequence[int],
    currency: str,
    creditor_id: uuid.UUID | None,
    debtor_id: uuid.UUID | None,
    per_debtor: bool,
) -> list[Any]:
    """Two grouped reads, added up by the caller: invoices whose current or previous value held on the date
    (one scan, like a bare GROUP BY), and the few changed twice or more since, through their history.
    Only invoices in `currency` count: amounts in different currencies are never added up."""
    filters = [col(ScoringInvoice.issue_date) <= as_of, col(ScoringInvoice.currency) == currency]
    if creditor_id is not None:
        filters.append(col(ScoringInvoice.creditor_id) == creditor_id)
    if debtor_id is not None:
        filters.append(col(ScoringInvoice.debtor_id) == debtor_id)
    bucket = bucket_of_due_date(as_of, limits).label("bucket")
    keys: list[Any] = [col(ScoringInvoice.debtor_id), bucket] if per_debtor else [bucket]
    amount = case(
        (col(ScoringInvoice.outstanding_since) <= as_of, ScoringInvoice.outstanding),
        else_=ScoringInvoice.previous_outstanding,
    )
    # SQLAlchemy's own `select`: sqlmodel's takes a fixed number of columns, not a list of keys.
    recent = (
        sqlalchemy.select(*keys, func.sum(amount), func.count())
        .where(
            *filters,
            amount > 0,
            or_(col(ScoringInvoice.outstanding_since) <= as_of, col(ScoringInvoice.previous_since) <= as_of),
        )
        .group_by(*keys)
    )
    history = (
        select(col(InvoiceOutstanding.outstanding))
        .where(InvoiceOutstanding.invoice_id == ScoringInvoice.invoice_id, col(InvoiceOutstanding.as_of) <= as_of)
        .order_by(col(InvoiceOutstanding.as_of).desc())
        .limit(1)
        .lateral("history")
    )
    older = (
        sqlalchemy.select(*keys, func.sum(history.c.outstanding), func.count())
        .select_from(ScoringInvoice)
        .join(history, true())
        .where(*filters, col(ScoringInvoice.previous_since) > as_of, history.c.outstanding > 0)
        .group_by(*keys)
    )
    return list(session.execute(union_all(recent, older)).all())


def aged_balance(
    *,
    session: Session,
    as_of: date,
    limits: Sequence[int],
    currency: str = EUR,
    creditor_id: uuid.UUID | None = None,
    debtor_id: uuid.UUID | None = None,
) -> AgedBalance:
    balance = empty_balance(as_of, limits)
    for bucket, amount, count in _aged_rows(
        session,
        as_of=as_of,
        limits=limits,
        currency=currency,
        creditor_id=creditor_id,
        debtor_id=debtor_id,
        per_debtor=False,
    ):
        balance.add(bucket, Decimal(amount), count)
    return balance


def aged_balance_by_debtor(
    *,
    session: Session,
    as_of: date,
    limits: Sequence[int],
    offset: int,
    limit: int,
    currency: str = EUR,
    creditor_id: uuid.UUID | None = None,
) -> DebtorPage:
    """One line per debtor owing something in `currency` as of the date, the largest total first (then by name),
    from `offset`, at most `limit` of them; a creditor's lines name each debtor as that creditor gave it, never as
    another did. Only the page's debtors (and those tied with its first and last) have their names read."""
    balances: dict[uuid.UUID, AgedBalance] = {}
    for debtor_id, bucket, amount, count in _aged_rows(
        session, as_of=as_of, limits=limits, currency=currency, creditor_id=creditor_id, debtor_id=None, per_debtor=True
    ):
        balances.setdefault(debtor_id, empty_balance(as_of, limits)).add(bucket, Decimal(amount), count)
    total = sum((balance.total for balance in balances.values()), Decimal("0"))
    ranked = sorted(balances.items(), key=lambda item: -item[1].total)
    start, stop = _whole_ties(ranked, offset, min(offset + limit, len(ranked)))
    window = ranked[start:stop]
    names = debtor_names(session, [debtor_id for debtor_id, _ in window], creditor_id=creditor_id)
    lines = sorted(
        (DebtorLine(debtor_id, names.get(debtor_id, ""), balance) for debtor_id, balance in window),
        key=lambda line: (-line.balance.total, line.name, str(line.debtor_id)),
    )
    return DebtorPage(lines=lines[offset - start : offset - start + limit], debtors=len(balances), total=total)


def _whole_ties(ranked: list[tuple[uuid.UUID, AgedBalance]], start: int, stop: int) -> tuple[int, int]:
    """[start, stop) widened so that the debtors tied on total with its first or last are all in it: names
    order them, and a page must not depend on names it did not read."""
    if start >= stop:
        return start, start
    while start > 0 and ranked[start - 1][1].total == ranked[start][1].total:
        start -= 1
    while stop < len(ranked) and ranked[stop][1].total == ranked[stop - 1][1].total:
        stop += 1
    return start, stop
