"""Prescription of a claim (docs/rules.md §3.3, §3.4): the last day it can be pursued. Pure: dates are arguments.

Intake refuses to place a prescribed receivable; legal watches the deadline of every case it knows."""

from __future__ import annotations

from datetime import date

from shared.business_calendar import add_years

PRESCRIPTION_YEARS = {"b2b": 5, "b2c": 2}  # L110-4 C. com. / 2224 C. civ.; L218-2 C. conso


def prescription_deadline(*, kind: str, due_date: date, interruptions: tuple[date | None, ...] = ()) -> date:
    """Last day the claim can be pursued: a new full period runs from the latest interrupting event
    (acknowledgement or partial payment, art. 2240 and 2231 C. civ.), otherwise from the due date.
    A formal notice does not interrupt prescription (Cass. com. 18 May 2022)."""
    start = max([due_date, *(d for d in interruptions if d is not None)])
    return add_years(start, PRESCRIPTION_YEARS[kind])
