"""Debtors: the same debtor placed by several creditors is recognised and linked, not duplicated; each creditor
keeps its own view of it."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import or_
from sqlmodel import Session, col, select

from shared.clock import Clock
from shared.events.intake import DebtorIdentity, DebtorSnapshot

from intake.debtors.models import Debtor, DebtorView
from intake.debtors.schemas import DebtorIn
from intake.domain import debtor_match_key
from intake.errors import DebtorNotFound

VIEW_FIELDS = ("legal_form", "siret", "vat_number", "created_on", "email", "phone", "address", "language")


def identity(debtor: Debtor) -> DebtorIdentity:
    """What every creditor may know of the shared record (a `DebtorUpdated` carries nothing more)."""
    return DebtorIdentity(
        debtor_id=str(debtor.id), type=debtor.type, siren=debtor.siren, insolvency=bool(debtor.insolvency)
    )


def snapshot(debtor: Debtor, view: DebtorView | None) -> DebtorSnapshot:
    """The debtor of a case as the case's creditor gave it (`view`), with the shared identity. Without a view (a
    record no case of the creditor named, which recognition never leaves) the record's reference name stands
    alone: no other creditor's detail is filled in."""
    return DebtorSnapshot(
        **identity(debtor).model_dump(),
        name=view.name if view else debtor.name,
        legal_form=view.legal_form if view else None,
        created_on=view.created_on if view else None,
        has_email=bool(view and view.email),
        has_phone=bool(view and view.phone),
        has_address=bool(view and view.address),
        creditor_id=str(view.creditor_id) if view else None,
    )


def surviving(session: Session, debtor: Debtor) -> Debtor:
    seen = set()
    while debtor.merged_into_id is not None and debtor.id not in seen:
        seen.add(debtor.id)
        target = session.get(Debtor, debtor.merged_into_id)
        if target is None:
            break
        debtor = target
    return debtor


class KnownDebtors:
    """The debtors a batch of import rows names, and the creditor's views of them, read with one query each
    (`load`) so that recognising a row asks the database nothing. Debtors and views recognition creates through
    it are remembered here and added to the session without a flush: the caller flushes them before writing
    rows that point at them."""

    def __init__(self, session: Session, creditor_id: uuid.UUID) -> None:
        self.session, self.creditor_id = session, creditor_id
        self.by_key: dict[str, Debtor] = {}  # match key -> surviving record
        self.views: dict[uuid.UUID, DebtorView] = {}  # debtor id -> the creditor's view of it

    def load(self, debtors_in: list[DebtorIn]) -> None:
        keys = {_identity(debtor_in)[0] for debtor_in in debtors_in} - self.by_key.keys()
        if not keys:
            return
        found = self.session.exec(
            select(Debtor).where(col(Debtor.match_key).in_(keys)).order_by(col(Debtor.created_at))
        ).all()
        for debtor in found:  # the oldest record of a key recognises it, as in `recognise_debtor`
            self.by_key.setdefault(debtor.match_key, debtor)
        for key in keys & self.by_key.keys():
            self.by_key[key] = surviving(self.session, self.by_key[key])
        ids = {debtor.id for debtor in self.by_key.values()} - self.views.keys()
        if ids:
            views = self.session.exec(
                select(DebtorView).where(DebtorView.creditor_id == self.creditor_id, col(DebtorView.debtor_id).in_(ids))
            ).all()
            self.views.update((view.debtor_id, view) for view in views)

    def find(self, debtor_in: DebtorIn) -> Debtor | None:
        """The surviving record `debtor_in` is recognised as, or None when recognition would create one."""
        return self.by_key.get(_identity(debtor_in)[0])


def _identity(debtor_in: DebtorIn) -> tuple[str, str | None, dict[str, Any] | None]:
    """(match key, e-mail, address) as recognition reads them."""
    address = debtor_in.address.model_dump() if debtor_in.address else None
    email = str(debtor_in.email).lower() if debtor_in.email else None
    key = debtor_match_key(
        type=debtor_in.type, name=debtor_in.name, siren=debtor_in.siren, email=email, address=address
    )
    return key, email, address


def recognise_debtor(
    *,
    session: Session,
    debtor_in: DebtorIn,
    clock: Clock,
    creditor_id: uuid.UUID,
    staff: bool,
    known: KnownDebtors | None = None,
) -> tuple[Debtor, DebtorView]:
    """The debtor record for `debtor_in` (an existing one when the match key recognises it, else a new one) and
    the creditor's view of it, which takes what `debtor_in` says.

    The shared record takes the identity only: the name, identifiers and contacts go to the creditor's own view
    (`DebtorView`), which no other creditor sees or changes. Only staff record insolvency proceedings on the
    shared record, where they move every creditor's cases; a creditor's declaration stays on its own case
    (`declared_insolvency`). Does not commit. With `known` (an import batch, loaded for `creditor_id`), the
    lookups are answered from it."""
    key, email, address = _identity(debtor_in)
    if known is not None:
        assert known.creditor_id == creditor_id, "a batch's known debtors hold one creditor's views"
        existing = known.by_key.get(key)
    else:
        existing = session.exec(select(Debtor).where(Debtor.match_key == key).order_by(col(Debtor.created_at))).first()
    insolvency = debtor_in.insolvency.model_dump(mode="json") if debtor_in.insolvency and staff else None
    if existing is not None:
        debtor = surviving(session, existing)
        if insolvency and not debtor.insolvency:
            debtor.insolvency = insolvency
            session.add(debtor)
    else:
        debtor = Debtor(
            type=debtor_in.type,
            name=debtor_in.name,
            siren=debtor_in.siren,
            insolvency=insolvency,
            match_key=key,
            created_at=clock.now(),
        )
        session.add(debtor)
        if known is None:
            session.flush()
        else:
            known.by_key[key] = debtor
    given = {**debtor_in.model_dump(include=set(VIEW_FIELDS)), "email": email, "address": address}
    return debtor, _record_view(session, debtor.id, creditor_id, debtor_in.name, given, clock=clock, known=known)


def declared_insolvency(debtor: Debtor, debtor_in: DebtorIn, *, staff: bool) -> dict[str, Any] | None:
    """What a creditor declared about insolvency proceedings, kept on its case: only when the shared record
    has none (staff's record prevails) and the declarer is not staff (staff write the shared record)."""
    if staff or debtor_in.insolvency is None or debtor.insolvency:
        return None
    return {**debtor_in.insolvency.model_dump(mode="json"), "declared_by": "creditor"}


def _record_view(
    session: Session,
    debtor_id: uuid.UUID,
    creditor_id: uuid.UUID,
    name: str,
    given: dict[str, Any],
    *,
    clock: Clock,
    known: KnownDebtors | None,
) -> DebtorView:
    """The creditor's view, created with the name as it spells it; a detail it had not given yet is completed,
    one it gave is kept (a later case does not silently rewrite what its earlier cases showed)."""
    view = known.views.get(debtor_id) if known is not None else view_of(session, debtor_id, creditor_id)
    if view is None:
        view = DebtorView(debtor_id=debtor_id, creditor_id=creditor_id, name=name, updated_at=clock.now())
        if known is not None:
            known.views[debtor_id] = view
    for field, value in given.items():
        if value and not getattr(view, field):
            setattr(view, field, value)
            view.updated_at = clock.now()
    if view not in session:  # a view read through the session is in it already, and its changes flushed with it
        session.add(view)
    return view


def view_of(session: Session, debtor_id: uuid.UUID, creditor_id: uuid.UUID) -> DebtorView | None:
    """The creditor's view of this very record."""
    return session.exec(
        select(DebtorView).where(DebtorView.debtor_id == debtor_id, DebtorView.creditor_id == creditor_id)
    ).first()


def creditor_view(session: Session, debtor: Debtor, creditor_id: uuid.UUID) -> DebtorView | None:
    """The creditor's view of the debtor of its case: of this record, else of a record merged into it (the
    creditor placed the debtor under that record before the merge)."""
    rows = session.exec(
        select(DebtorView, Debtor.id)
        .join(Debtor, col(Debtor.id) == DebtorView.debtor_id)
        .where(
            DebtorView.creditor_id == creditor_id,
            or_(col(Debtor.id) == debtor.id, col(Debtor.merged_into_id) == debtor.id),
        )
        .order_by(col(DebtorView.updated_at))
    ).all()
    return next((view for view, owner in rows if owner == debtor.id), rows[0][0] if rows else None)


def all_views(session: Session, debtor: Debtor) -> list[DebtorView]:
    """Every creditor's view of the debtor and of the records merged into it (staff read them)."""
    return list(
        session.exec(
            select(DebtorView)
            .join(Debtor, col(Debtor.id) == DebtorView.debtor_id)
            .where(or_(col(Debtor.id) == debtor.id, col(Debtor.merged_into_id) == debtor.id))
            .order_by(col(DebtorView.creditor_id), col(DebtorView.updated_at))
        ).all()
    )


def get_debtor(*, session: Session, debtor_id: uuid.UUID) -> Debtor:
    debtor = session.get(Debtor, debtor_id)
    if debtor is None:
        raise DebtorNotFound(f"no debtor {debtor_id}", message_fr=f"aucun débiteur {debtor_id}")
    return debtor
