"""Each creditor's view of a debtor, as its cases' snapshots carry it, and what each reader is shown of it.

A creditor reads the debtor through its own view only (the name as it spelled it, the contacts it gave); the
agency's own reads and the debtor-wide score use the sum of the views on the debtor's record. The views only
grow (intake completes a view, never rewrites it), so recording one is an order-free upsert: the projection is
the same whatever order the cases' events arrive in.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence

from sqlmodel import Session, col, select

from shared.events.intake import DebtorSnapshot
from shared.plain_reads import plain_execute

from scoring.portfolio.models import ScoringDebtor, ScoringDebtorView

Pair = tuple[uuid.UUID, uuid.UUID]  # (debtor id, creditor id)


def record_view(session: Session, snapshot: DebtorSnapshot, creditor_id: str) -> None:
    record_views(session, [(snapshot, creditor_id)])


def record_views(session: Session, views: Sequence[tuple[DebtorSnapshot, str]]) -> None:
    """Each `(snapshot, creditor id)` recorded as that creditor's view, in one statement: the pairs of debtor and
    creditor must all be different (one statement cannot update a row twice)."""
    if not views:
        return
    # No flush first: the views are written by plain statements only, so nothing pending in the session is one.
    plain_execute(
        session,
        _RECORD_VIEWS,
        {
            "debtor_ids": [uuid.UUID(snapshot.debtor_id) for snapshot, _ in views],
            "creditor_ids": [uuid.UUID(creditor_id) for _, creditor_id in views],
            "names": [snapshot.name for snapshot, _ in views],
            "legal_forms": [snapshot.legal_form for snapshot, _ in views],
            "created_ons": [snapshot.created_on for snapshot, _ in views],
            "emails": [snapshot.has_email for snapshot, _ in views],
            "phones": [snapshot.has_phone for snapshot, _ in views],
            "addresses": [snapshot.has_address for snapshot, _ in views],
        },
    )


# One plain statement whatever the number of views (`shared.plain_reads`): its text does not change with it, so
# PostgreSQL prepares it once. A view only grows: what a creditor gave once stays (the name, the first legal form and
# creation date), and a contact it gave counts from then on.
_RECORD_VIEWS = (
    "INSERT INTO scoring_debtor_views "
    "(debtor_id, creditor_id, name, legal_form, created_on, has_email, has_phone, has_address) "
    "SELECT * FROM unnest(%(debtor_ids)s::uuid[], %(creditor_ids)s::uuid[], %(names)s::varchar[], "
    "%(legal_forms)s::varchar[], %(created_ons)s::date[], %(emails)s::bool[], %(phones)s::bool[], "
    "%(addresses)s::bool[]) "
    "ON CONFLICT (debtor_id, creditor_id) DO UPDATE SET "
    "legal_form = coalesce(scoring_debtor_views.legal_form, excluded.legal_form), "
    "created_on = coalesce(scoring_debtor_views.created_on, excluded.created_on), "
    "has_email = scoring_debtor_views.has_email OR excluded.has_email, "
    "has_phone = scoring_debtor_views.has_phone OR excluded.has_phone, "
    "has_address = scoring_debtor_views.has_address OR excluded.has_address"
)


def views_of(session: Session, debtor_id: uuid.UUID) -> dict[uuid.UUID, ScoringDebtorView]:
    """The debtor's views, by creditor."""
    return views_of_many(session, [debtor_id]).get(debtor_id, {})


def views_of_many(
    session: Session, debtor_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, dict[uuid.UUID, ScoringDebtorView]]:
    """Each debtor's views, by creditor (in creditor order); a debtor without any is not named."""
    found: dict[uuid.UUID, dict[uuid.UUID, ScoringDebtorView]] = {}
    ids = list(debtor_ids)
    if not ids:
        return found
    for view in session.exec(
        select(ScoringDebtorView)
        .where(col(ScoringDebtorView.debtor_id).in_(ids))
        .order_by(col(ScoringDebtorView.debtor_id), col(ScoringDebtorView.creditor_id))
        .execution_options(populate_existing=True)  # as written by `record_views`, or by another worker meanwhile
    ):
        found.setdefault(view.debtor_id, {})[view.creditor_id] = view
    return found


def sum_up_views(session: Session, debtor: ScoringDebtor) -> None:
    sum_up(debtor, list(views_of(session, debtor.debtor_id).values()))
    session.add(debtor)


def sum_up(debtor: ScoringDebtor, views: Sequence[ScoringDebtorView]) -> None:
    """The agency's reading of the debtor from every creditor's view (`views` in creditor order): any contact a
    creditor gave counts; the name, legal form and creation date are those of the first view that has one, so that
    the result does not depend on the order the views arrived in. No view: the record is left as it is."""
    if not views:
        return
    debtor.name = views[0].name
    debtor.legal_form = next((v.legal_form for v in views if v.legal_form), None)
    debtor.created_on = next((v.created_on for v in views if v.created_on), None)
    debtor.has_email = any(v.has_email for v in views)
    debtor.has_phone = any(v.has_phone for v in views)
    debtor.has_address = any(v.has_address for v in views)


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
