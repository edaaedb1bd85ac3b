"""The debtors of a run of validations placed together, scored together (`scoring.handlers.on_cases_validated`).

What `rescore_debtor` reads of a debtor it knew before the run is read for all of them at once
(`scoring.scores.rescoring.holdings_of`). A debtor new in the run (a fresh one, `scoring.portfolio.placement`) needs
no reading back: its only open case is the new one, its behaviour is empty, and only its insurer cover, which may
have come before it, is looked up. Its rows are then written once, scores included, rather than inserted and
updated."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlmodel import Session, col, select

from shared.clock import Clock
from shared.logs import request_id_var

from scoring.portfolio.models import InsurerCover
from scoring.portfolio.placement import Placed, begin_histories, write_fresh
from scoring.scorecard.store import active_scorer
from scoring.scores.rescoring import Holdings, Staged, holdings_of, rescore


def rescore_placed(session: Session, placed: Sequence[Placed], *, clock: Clock) -> None:
    """Each placed validation's debtor rescored as `rescore_debtor` would, in their order, each one's scores and
    events on the account of its validation's request; everything written by the time it returns."""
    if not placed:
        return
    scorer = active_scorer(session)
    covers = _covers(session, [done.debtor.debtor_id for done in placed if done.fresh])
    known = {
        held.debtor.debtor_id: held
        for held in holdings_of(session, [d.debtor.debtor_id for d in placed if not d.fresh])
    }
    staged = Staged()
    for done in placed:
        debtor_id = done.debtor.debtor_id
        if done.behaviour is not None:  # fresh
            invoices = sorted(done.invoices, key=lambda i: (i.issue_date, i.number))  # one currency: any order
            holdings = Holdings(
                debtor=done.debtor,
                behaviour=done.behaviour,
                cover=covers.get(debtor_id),
                cases=[done.case],
                invoices={done.case.case_id: invoices},
                views=done.views,
            )
        else:
            holdings = known[debtor_id]
        token = request_id_var.set(done.request_id)
        try:
            rescore(holdings, scorer=scorer, clock=clock, staged=staged)
        finally:
            request_id_var.reset(token)
    session.flush()
    write_fresh(session, placed)
    begin_histories(session, placed)
    staged.write(session, clock=clock)


def _covers(session: Session, debtor_ids: list[uuid.UUID]) -> dict[uuid.UUID, InsurerCover]:
    if not debtor_ids:
        return {}
    found = session.exec(select(InsurerCover).where(col(InsurerCover.debtor_id).in_(debtor_ids)))
    return {cover.debtor_id: cover for cover in found}
