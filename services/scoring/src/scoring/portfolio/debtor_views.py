"""Each creditor's view of a debtor, as its cases' snapshots carry it, and what each reader is shown of it.

A creditor reads the debtor through its own view only (the name as it spelled it, the contacts it gave); the
agency's own reads and the debtor-wide score use the sum of the views on the debtor's record. The views only
grow (intake completes a view, never rewrites it), so recording one is an order-free upsert: the projection is
the same whatever order the cases' events arrive in.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import func, or_
from sqlalchemy.dialects.postgresql import insert
from sqlmodel import Session, col, select

from shared.events.intake import DebtorSnapshot

from scoring.portfolio.models import ScoringDebtor, ScoringDebtorView

Pair = tuple[uuid.UUID, uuid.UUID]  # (debtor id, creditor id)


def record_view(session: Session, snapshot: DebtorSnapshot, creditor_id: str) -> None:
    table = ScoringDebtorView.__table__  # type: ignore[attr-defined]  # set by SQLModel, not declared in its stub
    statement = insert(table).values(
        debtor_id=uuid.UUID(snapshot.debtor_id),
        creditor_id=uuid.UUID(creditor_id),
        name=snapshot.name,
        legal_form=snapshot.legal_form,
        created_on=snapshot.created_on,
        has_email=snapshot.has_email,
        has_phone=snapshot.has_phone,
        has_address=snapshot.has_address,
    )
    new = statement.excluded
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["debtor_id", "creditor_id"],
            set_={
                "legal_form": func.coalesce(table.c.legal_form, new.legal_form),
                "created_on": func.coalesce(table.c.created_on, new.created_on),
                "has_email": or_(table.c.has_email, new.has_email),
                "has_phone": or_(table.c.has_phone, new.has_phone),
                "has_address": or_(table.c.has_address, new.has_address),
            },
        )
    )


def views_of(session: Session, debtor_id: uuid.UUID) -> dict[uuid.UUID, ScoringDebtorView]:
    """The debtor's views, by creditor."""
    views = session.exec(
        select(ScoringDebtorView)
        .where(ScoringDebtorView.debtor_id == debtor_id)
        .order_by(col(ScoringDebtorView.creditor_id))
    ).all()
    return {view.creditor_id: view for view in views}


def sum_up_views(session: Session, debtor: ScoringDebtor) -> None:
    """The agency's reading of the debtor from every creditor's view: any contact a creditor gave counts; the
    name, legal form and creation date are those of the first view (by creditor id) that has one, so that the
    result does not depend on the order the views arrived in."""
    views = list(views_of(session, debtor.debtor_id).values())
    if not views:
        return
    debtor.name = views[0].name
    debtor.legal_form = next((v.legal_form for v in views if v.legal_form), None)
    debtor.created_on = next((v.created_on for v in views if v.created_on), None)
    debtor.has_email = any(v.has_email for v in views)
    debtor.has_phone = any(v.has_phone for v in views)
    debtor.has_address = any(v.has_address for v in views)
    session.add(debtor)


def names_seen_by(session: Session, pairs: Iterable[Pair]) -> dict[Pair, str]:
    """The name each creditor gave each debtor, for the (debtor, creditor) pairs asked."""
    wanted = set(pairs)
    if not wanted:
        return {}
    debtor_ids = {debtor_id for debtor_id, _ in wanted}
    rows = session.exec(
        select(ScoringDebtorView.debtor_id, ScoringDebtorView.creditor_id, ScoringDebtorView.name).where(
            col(ScoringDebtorView.debtor_id).in_(debtor_ids)
        )
    ).all()
    return {
        (debtor_id, creditor_id): name for debtor_id, creditor_id, name in rows if (debtor_id, creditor_id) in wanted
    }


def debtor_names(
    session: Session, debtor_ids: list[uuid.UUID], *, creditor_id: uuid.UUID | None
) -> dict[uuid.UUID, str]:
    """Names of debtors as `creditor_id` gave them; for the agency (None), the name its record sums up. A debtor
    the creditor gave no view of (an event recorded before views existed) has no name rather than another's."""
    if not debtor_ids:
        return {}
    if creditor_id is None:
        return dict(
            session.execute(
                select(ScoringDebtor.debtor_id, ScoringDebtor.name).where(col(ScoringDebtor.debtor_id).in_(debtor_ids))
            ).all()
        )
    names = names_seen_by(session, [(debtor_id, creditor_id) for debtor_id in debtor_ids])
    return {debtor_id: name for (debtor_id, _), name in names.items()}


def take_snapshot(session: Session, debtor: ScoringDebtor, snapshot: DebtorSnapshot) -> None:
    """A case's snapshot is its creditor's view: recorded as that creditor's, then summed up on the record. A
    snapshot recorded before views existed says no creditor: it stands for the record until a view arrives."""
    if snapshot.creditor_id is None:
        if not views_of(session, debtor.debtor_id):
            debtor.sqlmodel_update(
                snapshot.model_dump(
                    include={"name", "legal_form", "created_on", "has_email", "has_phone", "has_address"}
                )
            )
        return
    # The views are written by Core statements only, so nothing pending in the session changes what they read: a new
    # debtor is then inserted once with what its views sum up to, not inserted and at once updated.
    with session.no_autoflush:
        record_view(session, snapshot, snapshot.creditor_id)
        sum_up_views(session, debtor)
