"""What each member of staff obtained over a period of Paris days: the calls they made and how many reached the
debtor, the promises they recorded and how those ended (kept, broken, still running) with what was promised and
paid, the payment plans they entered and the ones they decided, the disputes they settled. The debtor's own page is
a line of its own (its plans). Amounts are per currency, never added across currencies.

A promise is counted in the period it was made, whatever its end: a promise made on the last day of the month is
still `open` when the month is read the next day. The kept rate is over the promises already ended."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import text
from sqlmodel import Session

from shared.money import Amount

from dunning.domain.timetable import start_of

REACHED = ("reached", "promise", "dispute")  # a call outcome in which someone answered

_CALLS = text(
    """
    SELECT done_by AS who, count(*) AS calls, count(*) FILTER (WHERE outcome = ANY(:reached)) AS reached,
           count(*) FILTER (WHERE outcome = 'promise') AS calls_with_promise
    FROM dunning_phone_tasks
    WHERE status = 'done' AND done_by IS NOT NULL AND outcome <> 'cancelled'
      AND done_at >= :since AND done_at < :until
    GROUP BY done_by
    """
)
_PROMISES = text(
    """
    SELECT made_by AS who, currency, count(*) AS made, count(*) FILTER (WHERE status = 'kept') AS kept,
           count(*) FILTER (WHERE status = 'broken') AS broken, sum(amount) AS promised, sum(paid) AS paid
    FROM dunning_promises
    WHERE made_at >= :since AND made_at < :until
    GROUP BY made_by, currency
    """
)
_PLANS = text(
    """
    SELECT who, count(*) FILTER (WHERE entered) AS entered, count(*) FILTER (WHERE NOT entered) AS decided
    FROM (
      SELECT proposed_by AS who, true AS entered FROM dunning_plans
      WHERE proposed_at >= :since AND proposed_at < :until
      UNION ALL
      SELECT decided_by, false FROM dunning_plans
      WHERE decided_by IS NOT NULL AND decided_at >= :since AND decided_at < :until
    ) AS moves
    GROUP BY who
    """
)
_DISPUTES = text(
    """
    SELECT resolved_by AS who, count(*) AS settled FROM dunning_disputes
    WHERE status = 'resolved' AND resolved_by IS NOT NULL AND resolved_at >= :since AND resolved_at < :until
    GROUP BY resolved_by
    """
)


class CurrencyFigures(BaseModel):
    currency: str
    promised: Amount = Field(description="what the promises made in the period were for")
    paid: Amount = Field(description="what was paid against them so far")


class AgentFigures(BaseModel):
    who: str = Field(description="the subject who acted: a user's id, a client's, or `debtor` (the debtor's page)")
    calls: int = Field(description="calls recorded with an outcome (a call the scenario cancelled is not one)")
    reached: int = Field(description="of them, those in which someone answered (reached, promise, dispute)")
    calls_with_promise: int
    promises: int = Field(description="promises recorded")
    promises_kept: int
    promises_broken: int
    kept_rate: Decimal | None = Field(description="kept over the promises already ended; None: none ended yet")
    amounts: list[CurrencyFigures]
    plans_entered: int = Field(description="payment plans entered (proposed)")
    plans_decided: int = Field(description="payment plans agreed or refused, for the creditor")
    disputes_settled: int


class AgentPerformance(BaseModel):
    since: date = Field(description="the first day counted (Paris)")
    until: date = Field(description="the last day counted (Paris)")
    items: list[AgentFigures] = Field(description="one per subject who did anything, the most calls first")


def agent_performance(session: Session, *, since: date, until: date) -> AgentPerformance:
    """The figures of every subject who acted between `since` and `until`, both included (Paris days)."""
    window = {"since": start_of(since), "until": start_of(until + timedelta(days=1))}
    rows: dict[str, dict[str, Any]] = defaultdict(lambda: defaultdict(int))
    amounts: dict[str, list[CurrencyFigures]] = defaultdict(list)
    for row in session.execute(_CALLS, {**window, "reached": list(REACHED)}).mappings():
        rows[row["who"]].update(
            calls=row["calls"], reached=row["reached"], calls_with_promise=row["calls_with_promise"]
        )
    for row in session.execute(_PROMISES, window).mappings():
        figures = rows[row["who"]]
        figures["promises"] += row["made"]
        figures["promises_kept"] += row["kept"]
        figures["promises_broken"] += row["broken"]
        amounts[row["who"]].append(
            CurrencyFigures(currency=row["currency"], promised=row["promised"], paid=row["paid"])
        )
    for row in session.execute(_PLANS, window).mappings():
        rows[row["who"]].update(plans_entered=row["entered"], plans_decided=row["decided"])
    for row in session.execute(_DISPUTES, window).mappings():
        rows[row["who"]].update(disputes_settled=row["settled"])
    items = []
    for who, figures in rows.items():
        ended = figures["promises_kept"] + figures["promises_broken"]
        rate = (Decimal(figures["promises_kept"]) / ended).quantize(Decimal("0.0001")) if ended else None
        items.append(
            AgentFigures(
                who=who,
                **{name: figures[name] for name in _COUNTS},
                kept_rate=rate,
                amounts=sorted(amounts[who], key=lambda figures: figures.currency),
            )
        )
    items.sort(key=lambda item: (-item.calls, -item.promises, item.who))
    return AgentPerformance(since=since, until=until, items=items)


_COUNTS = (
    "calls",
    "reached",
    "calls_with_promise",
    "promises",
    "promises_kept",
    "promises_broken",
    "plans_entered",
    "plans_decided",
    "disputes_settled",
)
