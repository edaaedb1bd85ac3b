"""Validated cases placed many at a time: the set-based form of `upsert_debtor` and `place_case` for a run of
`case.validated` events (`shared.consumer_runs`, issue 17's pipeline).

Placed together are only the validations that cannot meet another event of the run: a new case (not placed yet),
whose debtor, case and invoices no other validation of the run names, whose invoices have no history yet, and whose
snapshot says its creditor. Those touch rows nothing else of the run touches, so they commute with the rest, and
what they leave is what the handler applying them one after the other leaves (the service's tests compare the
two). The others are handed back, for the handler itself."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session

from shared.bulk_copy import copy_rows
from shared.clock import PARIS
from shared.events.envelope import CloudEvent
from shared.events.intake import CaseValidated
from shared.plain_reads import plain_rows
from shared.table_rows import new_row

from scoring.portfolio.debtor_views import record_views, sum_up, views_of_many
from scoring.portfolio.models import (
    DebtorBehaviour,
    InvoiceOutstanding,
    ScoringCase,
    ScoringDebtor,
    ScoringDebtorView,
    ScoringInvoice,
)
from scoring.portfolio.projection import hold_debtors, new_invoice


@dataclass(frozen=True)
class Validation:
    event: CaseValidated
    envelope: CloudEvent
    request_id: str | None

    @property
    def validated_on(self) -> date:
        return self.envelope.time.astimezone(PARIS).date()


def apart(session: Session, validations: Sequence[Validation]) -> tuple[list[Validation], list[Validation]]:
    """The validations that can be placed together, and the others (both in their order); one statement."""
    names = Counter(
        name
        for v in validations
        for name in (
            "debtor:" + v.event.debtor.debtor_id,
            "case:" + v.event.case_id,
            *("invoice:" + invoice.invoice_id for invoice in v.event.invoices),
        )
    )
    session.flush()  # what the session holds, visible to the plain read
    rows = plain_rows(
        session,
        _KNOWN,
        {
            "cases": [uuid.UUID(v.event.case_id) for v in validations],
            "invoices": [uuid.UUID(invoice.invoice_id) for v in validations for invoice in v.event.invoices],
        },
    )
    placed = {row_id for kind, row_id in rows if kind == "case"}
    known = {row_id for kind, row_id in rows if kind == "invoice"}

    def alone(v: Validation) -> bool:
        event = v.event
        return (
            event.debtor.creditor_id is None
            or uuid.UUID(event.case_id) in placed
            or names["debtor:" + event.debtor.debtor_id] > 1
            or names["case:" + event.case_id] > 1
            or any(names["invoice:" + i.invoice_id] > 1 or uuid.UUID(i.invoice_id) in known for i in event.invoices)
        )

    together = [v for v in validations if not alone(v)]
    return together, [v for v in validations if alone(v)]


# The cases already placed and the invoices scoring has heard of (in its projection, or in a history), among those
# a run names: one plain statement, prepared once (`shared.plain_reads`).
_KNOWN = (
    "SELECT 'case', case_id FROM scoring_cases WHERE case_id = ANY(%(cases)s) "
    "UNION ALL SELECT 'invoice', invoice_id FROM scoring_invoices WHERE invoice_id = ANY(%(invoices)s) "
    "UNION ALL SELECT DISTINCT 'invoice', invoice_id FROM invoice_balances WHERE invoice_id = ANY(%(invoices)s)"
)


@dataclass
class Placed:
    """A validation placed by `place_together`: its debtor (with its behaviour when new), its new case and invoices,
    and the debtor's views. `fresh`: a new debtor whose rows stay out of the session and are written once, with
    their scores (`write_fresh`); the others' rows are added to the session, to be read back."""

    debtor: ScoringDebtor
    behaviour: DebtorBehaviour | None
    case: ScoringCase
    invoices: list[ScoringInvoice]
    views: dict[uuid.UUID, ScoringDebtorView]
    request_id: str | None

    @property
    def fresh(self) -> bool:
        return self.behaviour is not None


def place_together(session: Session, validations: Sequence[Validation]) -> list[Placed]:
    """The validations `apart` put together, placed: their debtors' views recorded and summed up, new debtors,
    cases and invoices made. A new debtor whose case has invoices in one currency is fresh: its rows wait for its
    score (`write_fresh`); the others' are added to the session (written at its next flush). The cases' totals and
    the invoices' histories are left to the rescoring that follows and to `begin_histories`."""
    if not validations:
        return []
    debtor_ids = [uuid.UUID(v.event.debtor.debtor_id) for v in validations]
    snapshots = [(v.event.debtor, v.event.debtor.creditor_id) for v in validations]
    record_views(session, [(snapshot, creditor_id) for snapshot, creditor_id in snapshots if creditor_id is not None])
    existing = hold_debtors(session, debtor_ids)  # the known ones: this run decides for them until it commits
    views = views_of_many(session, debtor_ids)
    placed = []
    for v, debtor_id in zip(validations, debtor_ids, strict=True):
        snapshot, event = v.event.debtor, v.event
        debtor, behaviour = existing.get(debtor_id), None
        if debtor is None:
            debtor, behaviour = (
                new_row(ScoringDebtor, debtor_id=debtor_id, type=snapshot.type),
                new_row(DebtorBehaviour, debtor_id=debtor_id),
            )
        # as `upsert_debtor`: the shared identity, order-free
        debtor.type, debtor.siren = snapshot.type, debtor.siren or snapshot.siren
        debtor.insolvency = debtor.insolvency or snapshot.insolvency
        sum_up(debtor, list(views.get(debtor_id, {}).values()))
        case = new_row(
            ScoringCase,
            case_id=uuid.UUID(event.case_id),
            creditor_id=uuid.UUID(event.creditor_id),
            debtor_id=debtor_id,
            reference=event.reference,
            kind=event.kind,
            status=event.status,
            validated_on=v.validated_on,
        )
        invoices = [new_invoice(snapshot, case=case) for snapshot in event.invoices]
        if len({invoice.currency for invoice in invoices}) > 1:
            # which invoice comes first (its currency is the case's) is PostgreSQL's order of their numbers: read back
            session.add_all([debtor, behaviour] if behaviour is not None else [])
            behaviour = None
        done = Placed(debtor, behaviour, case, invoices, views.get(debtor_id, {}), v.request_id)
        if not done.fresh:
            session.add_all([case, *invoices])
        placed.append(done)
    return placed


def write_fresh(session: Session, placed: Sequence[Placed]) -> None:
    """The fresh debtors' rows, scored meanwhile, written with one COPY a table (no ORM object is flushed; the
    objects stay out of the session)."""
    fresh = [done for done in placed if done.fresh]
    for model, objects in (
        (ScoringDebtor, [done.debtor for done in fresh]),
        (DebtorBehaviour, [done.behaviour for done in fresh]),
        (ScoringCase, [done.case for done in fresh]),
        (ScoringInvoice, [invoice for done in fresh for invoice in done.invoices]),
    ):
        copy_rows(session, model, ({field: getattr(o, field) for field in model.model_fields} for o in objects))


def begin_histories(session: Session, placed: Sequence[Placed]) -> None:
    """Each new invoice's history, begun at its issue date with the outstanding its snapshot gave (one COPY: `apart`
    found none of them in a history)."""
    rows = (
        {"invoice_id": i.invoice_id, "as_of": i.issue_date, "outstanding": i.outstanding}
        for done in placed
        for i in done.invoices
    )
    copy_rows(session, InvoiceOutstanding, rows)
